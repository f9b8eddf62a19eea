"""Lead-3 baseline benchmark: our extractive lead3 mode against SummEval's Lead-3 (M0).

    python bench/lead3_baseline.py [--summeval-dir PATH]

Prints the share of the 100 SummEval CNN/DM articles where we pick the same three sentences as
M0, mean ROUGE-L and token F1 against M0, and ROUGE-1/2/L/Lsum against the original highlights
for ours and for M0, beside See et al. (2017): 40.34 / 17.70 / 36.57. Reads the data by path.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from summariser.core.errors import SummariserError
from summariser.evals.lead3 import format_report, lead3_report
from summariser.evals.meta import default_summeval_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summeval-dir", type=Path, default=default_summeval_dir())
    args = parser.parse_args()
    started = time.perf_counter()
    try:
        report = lead3_report(args.summeval_dir)
    except SummariserError as exc:
        print(f"lead3_baseline: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(format_report(report))
    print(f"({report.n} articles in {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
