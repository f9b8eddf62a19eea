"""Batch jobs: export and import throughput, and memory against the size of the files.

    python bench/batch_throughput.py [--items 10000] [--small 1000]

For ``--items`` articles (the bundled sample article, each with its own first line, so each is
its own brief), three steps run each in a fresh process:

1. export: ``batch export articles.jsonl -o requests.jsonl`` (timed: articles/s);
2. engine: a stand-in for ``vllm run-batch`` answers every line (not timed; the answer is the
   extractive engine's draft, computed once);
3. import: ``batch import requests.jsonl results.jsonl --jsonl-out briefs.jsonl`` (timed:
   briefs/s validated, grounded and written; the answers also go into a fresh answer cache).

Then the same for ``--small`` articles: the peak resident memory of each step at both sizes
shows whether it grows with the file (it should not: both steps stream). Target: both steps
>= 500 articles/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the fake servers (tests/fakes), outside the shipped package
SAMPLE = ROOT / "summariser" / "samples" / "syria-withdrawal.txt"
MODEL = "gpt-4o-mini"


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}"


def write_articles(folder: Path, n: int) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"a{i:05d}", "text": f"Wire story {i}\n\n{text}"}) + "\n")
    return path


def step(name: str, folder: Path) -> None:
    """One step in this process; prints its seconds and peak RSS as JSON."""
    import logging

    logging.getLogger("summariser.tokens").setLevel(logging.ERROR)
    os.environ["SUMMARISER_CACHE_PATH"] = str(folder / "answers.sqlite3")
    started = time.perf_counter()
    if name == "export":
        from summariser.batchjobs.export import brief_inputs, export, export_settings

        export(brief_inputs([str(folder / "articles.jsonl")]), folder / "requests.jsonl", export_settings(model=MODEL))
    elif name == "engine":
        run_engine(folder / "requests.jsonl", folder / "results.jsonl")
    else:
        from summariser.service.files import JsonlSink
        from summariser.batchjobs.ingest import Output, import_results
        from summariser.backends.cache import AnswerCache

        output = Output(lambda: JsonlSink(folder / "briefs.jsonl"))
        try:
            outcome = import_results(folder / "requests.jsonl", [folder / "results.jsonl"], output,
                                     cache=AnswerCache(folder / "answers.sqlite3"))
        finally:
            output.close()
        assert outcome.complete and outcome.written, outcome.describe("briefs.jsonl")
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_engine(requests: Path, results: Path) -> None:
    """Answer every request with the extractive draft of the article (made once: the stories share their text)."""
    from summariser.batchjobs.format import result_line
    from fakes.fake_openai import Reply, _completion, extractive_responder

    answer: Reply | None = None
    with requests.open(encoding="utf-8") as source, results.open("w", encoding="utf-8") as sink:
        for line in source:
            request = json.loads(line)
            answer = answer or extractive_responder(request["body"])
            sink.write(result_line(request["custom_id"], _completion(request["body"], answer)))


def run_step(name: str, folder: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--step", name, "--dir", str(folder)], capture_output=True,
                         text=True, check=False)
    if out.returncode:
        raise SystemExit(f"{name} failed: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(n: int) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        write_articles(folder, n)
        figures = {name: run_step(name, folder) for name in ("export", "engine", "import")}
        figures["files"] = {"requests_mb": (folder / "requests.jsonl").stat().st_size / 2**20,
                            "results_mb": (folder / "results.jsonl").stat().st_size / 2**20,
                            "briefs": sum(1 for _ in (folder / "briefs.jsonl").open())}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--step", choices=("export", "engine", "import"))
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    if args.step:
        step(args.step, args.dir)
        return
    print(f"batch throughput: {args.items} articles (sample article, {SAMPLE.stat().st_size} bytes each); {machine()}")
    big, small = measure(args.items), measure(args.small)
    files = big["files"]
    print(f"files: requests {files['requests_mb']:.1f} MB, results {files['results_mb']:.1f} MB, "
          f"{files['briefs']} briefs written")
    for name in ("export", "import"):
        rate = args.items / big[name]["seconds"]
        verdict = "met" if rate >= 500 else "NOT met"
        print(f"{name}: {big[name]['seconds']:.2f} s for {args.items}: {rate:,.0f} articles/s ({rate / 500:.2f}x the "
              f"500/s target: {verdict}); peak RSS {big[name]['maxrss_mb']:.0f} MB at {args.items} vs "
              f"{small[name]['maxrss_mb']:.0f} MB at {args.small} ({big[name]['maxrss_mb'] / small[name]['maxrss_mb']:.2f}x "
              f"for {args.items / args.small:.0f}x the lines)")
    print(f"(engine stand-in, not timed in the targets: {big['engine']['seconds']:.2f} s); {machine()}")


if __name__ == "__main__":
    main()
