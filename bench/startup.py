"""Start-up time of the command line: `summariser --help` and `summariser brief --sample`.

Each command runs 10 times (after one warm-up run that fills the OS file cache), alternating
with the reference `python -c "import pydantic, jinja2"` in the same run, so the figures share the
machine's load; the medians are printed with the load average. Targets (issue 12): --help within
0.25 s, brief --sample within 0.4 s.

    python bench/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from _common import machine

COMMANDS = {
    "python -c 'import pydantic, jinja2'": [sys.executable, "-c", "import pydantic, jinja2"],
    "summariser --help": [sys.executable, "-m", "summariser", "--help"],
    "summariser brief --sample": [sys.executable, "-m", "summariser", "brief", "--sample"],
}
TARGETS = {"summariser --help": 0.25, "summariser brief --sample": 0.4}


def wall(command: list[str], env: dict[str, str]) -> float:
    """Seconds one run of ``command`` takes (it must succeed)."""
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
        env.update(XDG_CONFIG_HOME=home, XDG_CACHE_HOME=home)
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for command in COMMANDS.values():
            wall(command, env)
        for _ in range(args.runs):
            for name, command in COMMANDS.items():
                times[name].append(wall(command, env))
    print(f"start-up, median of {args.runs} ({machine()})")
    for name, runs in times.items():
        median = statistics.median(runs)
        target = TARGETS.get(name)
        verdict = f"  target {target:.2f} s: {'met' if median <= target else 'NOT met'}" if target else ""
        print(f"  {name:40s} {median:6.3f} s  (min {min(runs):.3f}, max {max(runs):.3f}){verdict}")


if __name__ == "__main__":
    main()
