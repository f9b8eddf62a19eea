"""Throughput: 200 briefs against a fake server answering after 250 ms, at several concurrencies.

    python bench/throughput.py [--items 200] [--latency 0.25] [--concurrency 1 8 32 64]

Prints, per concurrency, the ideal time (items x latency / concurrency), the best time any
scheduler can reach with equal-length requests (ceil(items / concurrency) x latency), the
measured time and the ratios. The server runs in a separate process; a warm-up pass (not
timed) lets it memoise its answers so its own CPU does not distort the figures.
"""

from __future__ import annotations

import argparse
import math

from _common import Server, articles, machine, quiet, run_briefs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.25)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32, 64])
    args = parser.parse_args()
    quiet()
    rows, where = articles(args.items)
    print(f"throughput: {args.items} briefs of {where}, server latency {args.latency * 1000:.0f} ms (separate process); {machine()}")
    with Server(args.latency) as server:
        run_briefs(rows, server.url, 64)  # warm-up: the server memoises its answers
        print(f"{'conc':>5} {'ideal s':>8} {'bound s':>8} {'measured s':>11} {'/ideal':>7} {'/bound':>7} {'done':>5} {'failed':>6} {'requests':>8}")
        for c in args.concurrency:
            before = server.requests()
            result = run_briefs(rows, server.url, c)
            ideal = args.items * args.latency / c
            bound = math.ceil(args.items / c) * args.latency
            print(f"{c:>5} {ideal:>8.3f} {bound:>8.3f} {result.wall_s:>11.3f} {result.wall_s / ideal:>7.3f} "
                  f"{result.wall_s / bound:>7.3f} {result.done:>5} {result.failed:>6} {server.requests() - before:>8}  "
                  f"CPU {result.cpu_s / args.items * 1000:.2f} ms/brief")
    print(f"after: {machine()}")


if __name__ == "__main__":
    main()
