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
"""

from __future__ import annotations

import argparse
import math

from _common import Server, articles, bare_run, capture_requests, machine, quiet, run_briefs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32, 64])
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
            for client in ("aiohttp", "openai"):
                before = server.requests()
                wall = bare_run(bodies, server.url, c, client)
                print(_row(c, f"bare {client}", ideal, bound, wall, len(bodies), server.requests() - before))
            before = server.requests()
            result = run_briefs(rows, server.url, c)
            print(_row(c, "summariser", ideal, bound, result.wall_s, result.done, server.requests() - before,
                       f"failed {result.failed}, CPU {result.cpu_s / args.items * 1000:.2f} ms/brief"))
    print(f"after: {machine()}")


def _row(c: int, name: str, ideal: float, bound: float, wall: float, done: int, requests: int, extra: str = "") -> str:
    return (f"{c:>5} {name:<16} {ideal:>8.3f} {bound:>8.3f} {wall:>11.3f} {wall / ideal:>7.3f} "
            f"{wall / bound:>7.3f} {done:>5} {requests:>8}  {extra}")


if __name__ == "__main__":
    main()
