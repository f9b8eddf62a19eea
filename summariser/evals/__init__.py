"""Evaluation harness: datasets, suites, scorers, runs, reports, comparison and gates.

Typical library use::

    from summariser.evals.suite import load_suite
    from summariser.evals.runner import run_suite

    suite = load_suite("evals/suites/dev.yaml")
    result = run_suite(suite)          # writes runs/<suite>-<timestamp>/
    print(result.summary["metrics"]["stance_f1"])

Heavy modules (ROUGE, the report) are imported by the modules that need them, not here,
so ``summariser --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core._lazy import lazy_exports

if TYPE_CHECKING:
    from .suite import Suite, load_suite
    from .dataset import Case, Dataset, GoldStance, load_dataset
    from .runner import RunOptions, RunResult, run_suite
    from .compare import compare_runs
    from .report import write_report

__all__ = ['Case', 'Dataset', 'GoldStance', 'RunOptions', 'RunResult', 'Suite', 'compare_runs', 'load_dataset', 'load_suite', 'run_suite', 'write_report']

__getattr__, __dir__ = lazy_exports(__name__, {
    "Suite": ".suite",
    "load_suite": ".suite",
    "Case": ".dataset",
    "Dataset": ".dataset",
    "GoldStance": ".dataset",
    "load_dataset": ".dataset",
    "RunOptions": ".runner",
    "RunResult": ".runner",
    "run_suite": ".runner",
    "compare_runs": ".compare",
    "write_report": ".report",
}, globals())
