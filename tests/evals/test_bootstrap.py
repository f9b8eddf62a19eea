"""Case-resampling intervals: a run's own interval per metric, and the gap between two splits."""

from __future__ import annotations

import random

import pytest

from summariser.evals.bootstrap import mean_interval, ratio_interval, two_sample_interval
from summariser.evals.store import CaseRecord
from summariser.evals.summary import summarise


def test_mean_interval_brackets_the_mean_and_narrows_with_more_cases():
    rng = random.Random(3)
    few = [rng.random() for _ in range(25)]
    many = [rng.random() for _ in range(400)]
    low, high = mean_interval(few)
    assert low < sum(few) / 25 < high and mean_interval(few) == (low, high)  # fixed seed: reproducible
    low_many, high_many = mean_interval(many)
    assert high_many - low_many < (high - low) / 2  # 16 times the cases: about a quarter of the width
    assert mean_interval([0.5]) is None and mean_interval([0.4, 0.4]) == (0.4, 0.4)


def test_ratio_interval_resamples_cases_not_rows():
    # one case holds 40 bad rows, nine hold one good row each: a pooled precision of 9/49, and a wide
    # interval, because the resamples that draw the bad case twice or not at all differ a lot
    counts = [(0, 40)] + [(1, 1)] * 9
    low, high = ratio_interval(counts)
    assert low < 9 / 49 < high and high - low > 0.3
    assert ratio_interval([(0, 0), (0, 0)]) is None  # no resample with a denominator: no interval
    assert ratio_interval([(1, 2)]) is None


def test_summary_holds_an_interval_per_metric_and_none_where_it_cannot():
    records = [CaseRecord(id=f"c{i}", status="ok", scores={"rougeLsum": 0.3 + i / 100, "stance_f1": 0.5, "stance_kappa": 0.2},
                          details={"counts": {"rows_f1_num": 2 * (i % 2), "rows_f1_den": 4}, "stance_pairs": []})
               for i in range(12)]
    summary = summarise(records)
    low, high = summary["intervals"]["rougeLsum"]
    assert low < summary["metrics"]["rougeLsum"] < high
    low, high = summary["intervals"]["stance_f1"]  # pooled: 12 / 48 rows
    assert summary["metrics"]["stance_f1"] == pytest.approx(0.25) and low < 0.25 < high
    assert summary["intervals"]["stance_kappa"] is None


def test_two_sample_interval_tells_a_real_gap_from_sampling_noise():
    rng = random.Random(5)
    dev = [rng.random() for _ in range(180)]
    same = [rng.random() for _ in range(28)]
    lower = [x - 0.3 for x in same]
    low, high = two_sample_interval(dev, same, pooled=False)
    assert low < 0 < high and high - low > 0.2  # 28 cases: too few to pin a gap to 0.05
    low, high = two_sample_interval(dev, lower, pooled=False)
    assert high < 0
    assert two_sample_interval(dev, [0.5], pooled=False) is None
