"""Shared bench helpers: a fake server in its own process, articles, one batch run."""

from __future__ import annotations

import argparse

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The fake servers live with the tests (tests/fakes), outside the shipped package.
FAKES_PATH = str(ROOT / "tests")
if FAKES_PATH not in sys.path:
    sys.path.insert(0, FAKES_PATH)
WIKINEWS = ROOT.parent / "shared" / "data" / "wikinews" / "wikinews_2019_2020_bulk.jsonl"
WORDS = ("the minister said on Tuesday that the council would vote on the budget after long talks with unions "
         "mayors and regional leaders who warned that cuts to transport and schools could not be accepted").split()


class Server:
    """``python -m fakes.fake_openai`` (from ``tests/``) in a separate process (answers memoised)."""

    def __init__(self, latency: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fakes.fake_openai", "--latency", str(latency), "--port", "0", "--memo"],
            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (FAKES_PATH, os.environ.get("PYTHONPATH"))))},
        )
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http"):
            raise RuntimeError("fake server did not start")

    def requests(self) -> int:
        with urllib.request.urlopen(self.url + "/_stats") as response:
            return json.load(response)["requests"]

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def articles(n: int, *, min_words: int = 150, max_words: int = 3000, target_words: int | None = None) -> tuple[list[dict], str]:
    """``n`` articles from the Wikinews bulk file when present, else generated text; and where they came from."""
    if WIKINEWS.exists():
        rows = [json.loads(line) for line in WIKINEWS.open(encoding="utf-8")]
        rows = [r for r in rows if min_words <= len(r["text"].split()) <= max_words]
        if target_words:
            rows = [_pad(r, rows, target_words) for r in rows]
        out = [{"id": f"w{i:03d}", "title": r["title"], "text": r["text"]} for i, r in enumerate(rows[:n])]
        if len(out) == n:
            return out, f"Wikinews 2019-2020 ({WIKINEWS.name})"
    return [_generated(i, target_words or 600) for i in range(n)], "generated text"


def _pad(row: dict, rows: list[dict], target: int) -> dict:
    """Cut or extend (with following articles' paragraphs) to about ``target`` words."""
    text, i = row["text"], rows.index(row)
    while len(text.split()) < target:
        i = (i + 1) % len(rows)
        text += "\n\n" + rows[i]["text"]
    words = text.split(" ")
    return {**row, "text": " ".join(words[: int(target * 1.02)])}


def _generated(i: int, words: int) -> dict:
    import random

    rng = random.Random(i)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(20)).capitalize() + "." for _ in range(words // 20)]
    paragraphs = ["\n".join(sentences[j:j + 4]) for j in range(0, len(sentences), 4)]
    return {"id": f"g{i:03d}", "title": f"Generated story {i}", "text": "\n\n".join(paragraphs)}


def write_jsonl(rows: list[dict]) -> Path:
    handle = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    with handle:
        handle.writelines(json.dumps(r) + "\n" for r in rows)
    return Path(handle.name)


@dataclass
class RunResult:
    wall_s: float
    cpu_s: float
    done: int
    failed: int
    cached: int


def run_briefs(rows: list[dict], url: str, concurrency: int, *, cache_path: Path | None = None, chat=None) -> RunResult:
    """The tool's batch path (JSONL in, JSONL out with fsync) over ``rows``; wall and CPU time.

    ``chat``: a ChatModel to use instead of the OpenAI client (to time the tool without HTTP).
    """
    from summariser import Briefer, load_settings
    from summariser.service.files import BatchOptions, JsonlSink, assign_keys, batch_fingerprint, brief_batch, expand_inputs
    from summariser.backends.cache import AnswerCache

    settings = load_settings(base_url=url, model="gpt-4o-mini", max_retries=0, timeout_s=60)
    source, out = write_jsonl(rows), Path(tempfile.mkdtemp()) / "out.jsonl"
    cache = AnswerCache(cache_path) if cache_path else None

    async def go():
        briefer = Briefer(settings, cache=cache, concurrency=concurrency)
        if chat is not None:
            briefer.engine._chat = chat  # type: ignore[attr-defined]  # time the tool without HTTP
        items = assign_keys(expand_inputs([str(source)]), batch_fingerprint(briefer.spec, "json"))
        sink = JsonlSink(out, resume=False)
        try:
            async with briefer:
                return await brief_batch(items, sink, briefer, BatchOptions(concurrency=concurrency, progress=False))
        finally:
            sink.close()

    wall, cpu = time.perf_counter(), time.process_time()
    stats = asyncio.run(go())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if cache:
        cache.close()
    os.unlink(source)
    shutil.rmtree(out.parent, ignore_errors=True)
    return RunResult(wall, cpu, stats.done, stats.failed, stats.cached)


def capture_requests(rows: list[dict]) -> list[dict]:
    """The chat request bodies the tool sends for ``rows`` (recorded by an in-process fake server)."""
    from fakes.fake_openai import FakeOpenAIServer, extractive_responder

    with FakeOpenAIServer(extractive_responder) as local:
        run_briefs(rows, local.base_url, 8)
        return list(local.requests)


def bare_run(bodies: list[dict], url: str, concurrency: int, client: str) -> float:
    """Wall time to send ``bodies`` at ``concurrency`` with no tool work at all: a reference for the tool's figures.

    ``client``: ``"aiohttp"`` (a bare HTTP client: the best this server and transport allow) or
    ``"openai"`` (the SDK's ``chat.completions.create``, answers parsed, nothing else).
    """
    import aiohttp
    import openai

    async def go() -> float:
        limit = asyncio.Semaphore(concurrency)
        sdk = openai.AsyncOpenAI(api_key="unused", base_url=url, max_retries=0)
        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))

        async def one(body: dict) -> None:
            async with limit:
                if client == "openai":
                    await sdk.chat.completions.create(**body)
                    return
                async with session.post(url + "/chat/completions", json=body) as response:
                    await response.json()

        started = time.perf_counter()
        try:
            await asyncio.gather(*(one(b) for b in bodies))
            return time.perf_counter() - started
        finally:
            await session.close()
            await sdk.close()

    return asyncio.run(go())


def machine() -> str:
    """Cores and load average, printed with every figure (other work on the machine skews wall times)."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}"


def quiet() -> None:
    """Silence the approximate-token-count warning (same for every run)."""
    import logging

    logging.getLogger("summariser.tokens").setLevel(logging.ERROR)


def bench_args(description: str = "") -> argparse.Namespace:
    """The options every batch benchmark takes: --items, --latency, --concurrency."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--concurrency", type=int, default=32)
    return parser.parse_args()
