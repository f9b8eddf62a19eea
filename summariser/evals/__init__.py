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
