"""Comparing runs: paired deltas, bootstrap intervals with a fixed seed, cases that changed most."""

from __future__ import annotations

import random

import pytest

from summariser.evals.compare import (
    MIN_PAIRED,
    compare_runs,
    compare_splits,
    comparison_dict,
    format_comparison,
    paired_bootstrap,
)
from summariser.core.errors import InputError
from summariser.evals.store import CaseRecord, RunDir
from summariser.evals.summary import summarise


def _run(path, values: dict[str, dict[str, float]], counts: dict[str, dict[str, int]] | None = None, sha="abc"):
    rd = RunDir(path)
    rd.write_config({"dataset": {"path": "cases.jsonl", "sha256": sha}, "system": {"backend": "x", "model": "y"}})
    records = [CaseRecord(id=cid, status="ok", scores=scores, details={"counts": (counts or {}).get(cid, {})})
               for cid, scores in values.items()]
    for r in records:
        rd.append(r)
    rd.write_summary(summarise(records) | {"suite": "t"})
    return path


def test_bootstrap_is_reproducible_and_brackets_the_mean_difference():
    rng = random.Random(1)
    a = [rng.random() for _ in range(30)]
    b = [x + 0.1 + rng.gauss(0, 0.05) for x in a]
    low, high = paired_bootstrap(a, b)
    assert (low, high) == paired_bootstrap(a, b)
    assert low < sum(b) / 30 - sum(a) / 30 < high and low > 0
    assert paired_bootstrap(a, a) == (0.0, 0.0)


def test_compare_reports_deltas_verdicts_and_changed_cases(tmp_path):
    a = {f"c{i}": {"stance_f1_macro": 0.2 + i / 100, "rougeLsum": 0.2 + i / 100, "latency_s": 1.0} for i in range(10)}
    b = {f"c{i}": {"stance_f1_macro": 0.5 + i / 100, "rougeLsum": 0.5 + i / 100, "latency_s": 1.0} for i in range(10)}
    b["c3"]["rougeLsum"] = 0.9
    comparison = compare_runs(str(_run(tmp_path / "a", a)), str(_run(tmp_path / "b", b)))
    f1 = next(d for d in comparison.deltas if d.metric == "stance_f1_macro")
    assert f1.delta == pytest.approx(0.3) and f1.verdict == "better" and f1.n == 10
    latency = next(d for d in comparison.deltas if d.metric == "latency_s")
    assert latency.delta == 0 and latency.verdict == ""
    assert comparison.changed[0].id == "c3" and comparison.changed[0].deltas["rougeLsum"] == (0.23, 0.9)
    text = format_comparison(comparison)
    assert "rougeLsum" in text and "better" in text and "cases that changed most:" in text and "c3" in text
    assert "fewer than" not in text  # 10 paired cases: no warning
    assert comparison_dict(comparison)["metrics"][0]["ci95"][0] is not None


def test_worse_for_lower_is_better_metrics(tmp_path):
    a = {f"c{i}": {"latency_s": 1.0 + i / 10} for i in range(8)}
    b = {f"c{i}": {"latency_s": 2.0 + i / 10} for i in range(8)}
    [latency] = compare_runs(str(_run(tmp_path / "a", a)), str(_run(tmp_path / "b", b))).deltas
    assert latency.verdict == "worse"


def test_only_paired_cases_are_compared(tmp_path):
    a = {"c1": {"stance_f1_macro": 0.5}, "c2": {"stance_f1_macro": 0.1}}
    b = {"c1": {"stance_f1_macro": 0.7}, "c3": {"stance_f1_macro": 1.0}}
    comparison = compare_runs(str(_run(tmp_path / "a", a)), str(_run(tmp_path / "b", b)))
    [f1] = comparison.deltas
    assert comparison.paired == 1 and f1.n == 1 and f1.delta == pytest.approx(0.2) and f1.low is None
    assert f"only 1 paired case(s), fewer than {MIN_PAIRED}" in format_comparison(comparison)


def test_a_metric_with_no_paired_case_prints_no_difference(tmp_path):
    a = {"c1": {"rouge1": 0.5, "stance_f1_macro": 0.2}, "c2": {"rouge1": 0.4}}
    b = {"c1": {"rouge1": 0.6}, "c2": {"rouge1": 0.5, "stance_f1_macro": 0.9}}
    comparison = compare_runs(str(_run(tmp_path / "a", a)), str(_run(tmp_path / "b", b)))
    f1 = next(d for d in comparison.deltas if d.metric == "stance_f1_macro")
    assert f1.n == 0 and f1.a is None and f1.delta is None and f1.low is None
    line = next(x for x in format_comparison(comparison).splitlines() if x.startswith("stance_f1_macro"))
    assert line.split()[1:6] == ["n/a", "n/a", "—", "0", "cases"] and "no paired cases: no difference" in line
    rouge = next(x for x in format_comparison(comparison).splitlines() if x.startswith("rouge1"))
    assert rouge.split()[1:6] == ["0.450", "0.550", "+0.100", "2", "cases"]
    assert comparison_dict(comparison)["metrics"][0]["unit"] == "paired cases"


def test_runs_of_different_datasets_are_refused(tmp_path):
    a = _run(tmp_path / "a", {"c1": {"rouge1": 0.5}}, sha="abc")
    b = _run(tmp_path / "b", {"c1": {"rouge1": 0.6}}, sha="def")
    with pytest.raises(InputError, match=f"{tmp_path / 'b'} was run on another dataset .*sha256 def.* than the baseline"):
        compare_runs(str(a), str(b))


def test_pooled_metrics_are_compared_as_pooled_ratios(tmp_path):
    # precision per case: A 1/1 and 1/9, B 1/1 and 5/9. Pooled: A 2/10, B 6/10 (the macro means differ).
    def counts(p1, m1, p2, m2):
        return {"c1": {"rows_matched": m1, "rows_predicted": p1}, "c2": {"rows_matched": m2, "rows_predicted": p2}}
    a = {"c1": {"stance_precision": 1.0}, "c2": {"stance_precision": 1 / 9}}
    b = {"c1": {"stance_precision": 1.0}, "c2": {"stance_precision": 5 / 9}}
    comparison = compare_runs(str(_run(tmp_path / "a", a, counts(1, 1, 9, 1))), str(_run(tmp_path / "b", b, counts(1, 1, 9, 5))))
    [precision] = comparison.deltas
    assert precision.a == pytest.approx(0.2) and precision.b == pytest.approx(0.6) and precision.delta == pytest.approx(0.4)
    assert precision.low is not None and precision.low <= 0.4 <= precision.high


def test_splits_are_compared_unpaired_with_a_tolerance_verdict(tmp_path):
    rng = random.Random(7)
    dev = {f"d{i}": {"rougeLsum": 0.40 + rng.gauss(0, 0.01)} for i in range(60)}
    close = {f"t{i}": {"rougeLsum": 0.41 + rng.gauss(0, 0.01)} for i in range(40)}
    far = {f"t{i}": {"rougeLsum": 0.60 + rng.gauss(0, 0.01)} for i in range(40)}
    noisy = {f"t{i}": {"rougeLsum": 0.42 + rng.gauss(0, 0.2)} for i in range(12)}
    run_dev = str(_run(tmp_path / "dev", dev, sha="dev"))
    verdicts = {}
    for name, test in (("close", close), ("far", far), ("noisy", noisy)):
        comparison = compare_splits(run_dev, str(_run(tmp_path / name, test, sha=name)), tolerance=0.05)
        [delta] = comparison.deltas
        verdicts[name] = delta.verdict
        assert comparison.changed == [] and comparison.paired == 0 and delta.n_a == 60
    assert verdicts == {"close": "within 0.05", "far": "apart by more than 0.05", "noisy": "undecided at 0.05"}
    text = format_comparison(compare_splits(run_dev, str(tmp_path / "far")))
    assert "two splits, unpaired" in text and "60+40 cases" in text and "better" in text  # no tolerance: direction


def test_splits_warn_when_they_share_cases(tmp_path):
    a = {f"c{i}": {"rougeLsum": 0.4} for i in range(12)}
    comparison = compare_splits(str(_run(tmp_path / "a", a)), str(_run(tmp_path / "b", a)))
    assert any("in both runs" in note for note in comparison.notes)
