"""Throughput: 200 briefs against a fake server answering after 250 ms, at several concurrencies.

    python bench/throughput.py [--items 200] [--latency 0.25] [--concurrency 1 8 32 64]

Prints, per concurrency, the ideal time (items x latency / concurrency), the best time any
scheduler can reach with equal-length requests (ceil(items / concurrency) x latency), the
measured time and the ratios. The server runs in a separate process; a warm-up pass (not
timed) lets it memoise its answers so its own CPU does not distort the figures.

Two reference rows per concurrency send the very same request bodies with no tool work at all:
a bare aiohttp client (what this server, loopback HTTP and one event loop allow) and the bare
``openai`` SDK (``chat.completions.create``, answers parsed, nothing else). The tool's row minus
the SDK's is what the tool itself adds.

A whole-command row (at ``--command-at`` concurrencies, default 32) runs ``summariser brief
IN.jsonl --jsonl-out OUT`` as a user would, timed from process start to exit (Python start-up,
imports, reading, briefing, writing and fsync included), and prints its ratio to the bare
aiohttp client's time in the same run (target: within 1.25x).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import Server, articles, bare_run, capture_requests, machine, quiet, run_briefs, write_jsonl


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32, 64])
    parser.add_argument("--command-at", type=int, nargs="*", default=[32], help="concurrencies with a whole-command row")
    args = parser.parse_args()
    quiet()
    rows, where = articles(args.items)
    print(f"throughput: {args.items} briefs of {where}, server latency {args.latency * 1000:.0f} ms (separate process); {machine()}")
    bodies = capture_requests(rows)
    with Server(args.latency) as server:
        run_briefs(rows, server.url, 64)  # warm-up: the server memoises its answers
        print(f"{'conc':>5} {'run':<16} {'ideal s':>8} {'bound s':>8} {'measured s':>11} {'/ideal':>7} {'/bound':>7} {'done':>5} {'requests':>8}")
        for c in args.concurrency:
            ideal = args.items * args.latency / c
            bound = math.ceil(args.items / c) * args.latency
            bare: dict[str, float] = {}
            for client in ("aiohttp", "openai"):
                before = server.requests()
                bare[client] = bare_run(bodies, server.url, c, client)
                print(_row(c, f"bare {client}", ideal, bound, bare[client], len(bodies), server.requests() - before))
            before = server.requests()
            result = run_briefs(rows, server.url, c)
            print(_row(c, "summariser", ideal, bound, result.wall_s, result.done, server.requests() - before,
                       f"failed {result.failed}, CPU {result.cpu_s / args.items * 1000:.2f} ms/brief"))
            if c in args.command_at:
                before = server.requests()
                wall, done = whole_command(rows, server.url, c)
                print(_row(c, "summariser CLI", ideal, bound, wall, done, server.requests() - before,
                           f"{wall / bare['aiohttp']:.3f}x bare aiohttp, {wall / bare['openai']:.3f}x bare openai "
                           f"(target 1.25x bare: {'met' if wall <= 1.25 * bare['aiohttp'] else 'NOT met'})"))
    print(f"after: {machine()}")


def whole_command(rows: list[dict], url: str, concurrency: int) -> tuple[float, int]:
    """Wall time of ``summariser brief IN.jsonl --jsonl-out OUT`` from process start to exit; briefs written."""
    source = write_jsonl(rows)
    with tempfile.TemporaryDirectory() as home:
        out = Path(home) / "briefs.jsonl"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
        env.update(XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
        command = [sys.executable, "-m", "summariser", "brief", str(source), "--jsonl-out", str(out), "--no-cache",
                   "--concurrency", str(concurrency), "--base-url", url, "--model", "gpt-4o-mini",
                   "--max-retries", "0", "--timeout", "60"]
        started = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        done = len(out.read_text(encoding="utf-8").splitlines())
    os.unlink(source)
    return wall, done


def _row(c: int, name: str, ideal: float, bound: float, wall: float, done: int, requests: int, extra: str = "") -> str:
    return (f"{c:>5} {name:<16} {ideal:>8.3f} {bound:>8.3f} {wall:>11.3f} {wall / ideal:>7.3f} "
            f"{wall / bound:>7.3f} {done:>5} {requests:>8}  {extra}")


if __name__ == "__main__":
    main()
