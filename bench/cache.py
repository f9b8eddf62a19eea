"""Cache: the same 200-brief run again, answered from the answer cache.

    python bench/cache.py [--items 200] [--latency 0.25] [--concurrency 32]

After an untimed warm-up (the server memoises its answers), a first run fills a fresh cache
through the fake server (separate process, 250 ms latency); the second run repeats it. Requests are counted server-side. Also times the second run through the
command line (``summariser brief in.jsonl --jsonl-out ...``), which adds Python start-up.
Target: the cached run under 1 s wall with zero requests.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import Server, articles, bench_args, machine, quiet, run_briefs, write_jsonl


def main() -> None:
    args = bench_args()
    quiet()
    rows, where = articles(args.items)
    scratch = tempfile.TemporaryDirectory()
    cache_path = Path(scratch.name) / "answers.sqlite3"
    print(f"cache: {args.items} briefs of {where}, server latency {args.latency * 1000:.0f} ms; {machine()}")
    with Server(args.latency) as server:
        run_briefs(rows, server.url, 64)  # warm-up without the cache: the server memoises its answers
        base = server.requests()
        first = run_briefs(rows, server.url, args.concurrency, cache_path=cache_path)
        after_first = server.requests() - base
        second = run_briefs(rows, server.url, args.concurrency, cache_path=cache_path)
        after_second = server.requests() - base
        cli_wall, cli_requests = _cli_run(rows, server, cache_path)
    scratch.cleanup()
    print(f"first run (fills the cache):   {first.wall_s:6.3f} s wall, {after_first} requests, {first.done} done")
    print(f"second run (from the cache):   {second.wall_s:6.3f} s wall, {after_second - after_first} requests, "
          f"{second.cached} cached of {second.done} done  "
          f"target < 1 s and 0 requests: {'met' if second.wall_s < 1 and after_second == after_first else 'NOT met'}")
    print(f"same through the CLI process:  {cli_wall:6.3f} s wall (incl. Python start-up), {cli_requests} requests")


def _cli_run(rows: list[dict], server: Server, cache_path: Path) -> tuple[float, int]:
    source, out = write_jsonl(rows), cache_path.parent / "cli-out.jsonl"
    before = server.requests()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "summariser.cli", "brief", str(source), "--base-url", server.url, "--model", "gpt-4o-mini",
         "--jsonl-out", str(out), "--cache-path", str(cache_path), "--concurrency", "32"],
        check=True, capture_output=True,
    )
    wall = time.perf_counter() - started
    source.unlink()
    return wall, server.requests() - before


if __name__ == "__main__":
    main()
