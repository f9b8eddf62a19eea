"""Gates: minimum and maximum values, maximum drop against a baseline, and the error they raise."""

from __future__ import annotations

import pytest

from summariser.core.errors import ConfigError, GateFailedError
from summariser.evals.gates import check_gate_metrics, enforce, evaluate_gates
from summariser.evals.suite import Gates


def _statuses(results):
    return {(r.metric, r.kind): r.status for r in results}


def test_min_and_max_gates():
    gates = Gates(min={"stance_f1": 0.3, "quote_grounding": 0.99}, max={"latency_s": 2.0})
    results = evaluate_gates(gates, {"stance_f1": 0.31, "quote_grounding": 0.95, "latency_s": 2.5})
    assert _statuses(results) == {("stance_f1", "min"): "pass", ("quote_grounding", "min"): "fail", ("latency_s", "max"): "fail"}


def test_a_metric_the_run_did_not_compute_fails_its_gate():
    [result] = evaluate_gates(Gates(min={"rouge1": 0.1}), {"rouge1": None})
    assert result.status == "fail" and "not computed" in result.describe()


def test_max_drop_needs_a_baseline_and_respects_direction():
    gates = Gates(max_drop={"stance_f1": 0.05, "latency_s": 0.5})
    skipped = evaluate_gates(gates, {"stance_f1": 0.1, "latency_s": 9.0})
    assert {r.status for r in skipped} == {"skip"} and "no baseline" in skipped[0].describe()
    baseline = {"stance_f1": 0.40, "latency_s": 1.0}
    assert _statuses(evaluate_gates(gates, {"stance_f1": 0.36, "latency_s": 1.4}, baseline)) == {
        ("stance_f1", "max_drop"): "pass", ("latency_s", "max_drop"): "pass"}
    # F1 down by 0.06 is a drop; latency up by 0.6 s is a drop too (lower is better).
    assert _statuses(evaluate_gates(gates, {"stance_f1": 0.34, "latency_s": 1.6}, baseline)) == {
        ("stance_f1", "max_drop"): "fail", ("latency_s", "max_drop"): "fail"}
    assert _statuses(evaluate_gates(gates, {"stance_f1": 0.9, "latency_s": 0.1}, baseline)) == {
        ("stance_f1", "max_drop"): "pass", ("latency_s", "max_drop"): "pass"}


def test_enforce_raises_with_its_own_exit_code():
    enforce(evaluate_gates(Gates(min={"stance_f1": 0.3}), {"stance_f1": 0.5}))
    with pytest.raises(GateFailedError, match=r"1 gate\(s\) failed: stance_f1 0.200 >= min 0.3: fail") as info:
        enforce(evaluate_gates(Gates(min={"stance_f1": 0.3}), {"stance_f1": 0.2}))
    assert info.value.exit_code == 6 and "\n" not in str(info.value)


def test_gate_metric_names_are_checked():
    with pytest.raises(ConfigError, match="gates.min.stance_f2: unknown metric"):
        check_gate_metrics(Gates(min={"stance_f2": 0.1}), "s.yaml")
    with pytest.raises(ConfigError, match="summary_words: the metric has no better direction"):
        check_gate_metrics(Gates(max_drop={"summary_words": 10}), "s.yaml")
    check_gate_metrics(Gates(min={"judge_consistency": 3}), "s.yaml")
