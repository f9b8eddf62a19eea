"""Meta-evaluation benchmark: summary-level correlation of each metric with SummEval's experts.

    python bench/meta_eval.py [--summeval-dir PATH] [--references mean|max|first] [--limit N]

Prints the metric x dimension table (Spearman rho / Kendall tau, averaged over documents) with
G-Eval's published Table 1 ROUGE rows beside ours, and how long it took. Reads SummEval by path
(default ../shared/data/summeval beside the repository); nothing of it is copied.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from summariser.core.errors import SummariserError
from summariser.evals.meta import REFERENCE_MODES, default_summeval_dir, format_table, run_meta


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summeval-dir", type=Path, default=default_summeval_dir())
    parser.add_argument("--references", choices=REFERENCE_MODES, default="mean")
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    args = parser.parse_args()
    started = time.perf_counter()
    try:
        table, n = run_meta(args.summeval_dir, args.references, args.limit)
    except SummariserError as exc:
        print(f"meta_eval: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(format_table(table, n_docs=n, reference_mode=args.references))
    print(f"({n} docs scored and correlated in {time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
