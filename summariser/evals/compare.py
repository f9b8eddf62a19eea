"""Comparing two runs: per-metric deltas with paired bootstrap confidence intervals.

Deltas are B minus A over the cases both runs scored (paired). The 95% interval resamples those
cases with replacement (:data:`~summariser.evals.bootstrap.RESAMPLES` times, fixed seed, so the same
runs always give the same interval). A pooled (micro) metric is recomputed as a ratio of summed counts in every resample; a
per-case (macro) metric is the mean of per-case differences. A change is called better or worse
only when the interval excludes zero. ``stance_kappa`` (pooled over matched rows of the paired
cases) gets its delta without an interval. A metric with no paired case gets no delta at all, and
fewer than :data:`MIN_PAIRED` paired cases print a warning: intervals on so few cases are not worth
reading. Each delta's ``n`` counts paired cases. Two runs of different datasets (another SHA-256 in
``config.json``) are refused: the same case id may hold other gold rows there.

Two splits (``eval compare DEV TEST --splits``) share no case, so nothing is paired: each figure's
interval resamples each run's cases on its own (:func:`~summariser.evals.bootstrap.two_sample_interval`),
and with ``--tolerance 0.05`` each metric is called within 0.05, apart by more than 0.05, or undecided
(the interval straddles the tolerance: the splits are too small to tell).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .bootstrap import paired_bootstrap, paired_bootstrap_pooled, two_sample_interval
from .scorers import metric_catalogue
from ..core.errors import InputError
from .store import CaseRecord, RunDir, describe_dataset, same_dataset
from .summary import metric_names, metric_values, pool_counts, run_value

MIN_PAIRED = 10
PAIR_UNIT = "cases"  # a delta's n counts paired cases, pooled metrics included (the bootstrap resamples cases)
CHANGE_METRICS = ("stance_f1", "stance_accuracy", "quote_grounding", "key_fact_coverage", "rougeLsum", "schema_valid")


@dataclass(frozen=True)
class MetricDelta:
    """One metric's change from run A to run B."""

    metric: str
    a: float | None
    b: float | None
    n: int
    low: float | None = None
    high: float | None = None
    n_a: int | None = None  # two splits (unpaired): each run's own number of cases
    tolerance: float | None = None

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def verdict(self) -> str:
        if self.tolerance is not None:
            return self.closeness
        higher = metric_catalogue().get(self.metric)
        direction = higher.higher_is_better if higher else None
        if self.low is None or self.high is None or direction is None or self.low <= 0 <= self.high:
            return ""
        up = self.low > 0
        return "better" if up == direction else "worse"

    @property
    def closeness(self) -> str:
        """Against a tolerance: "within" when the whole interval lies inside +-tolerance, "apart" when
        it lies wholly outside, else "undecided" (the samples are too small to tell)."""
        tol = self.tolerance or 0.0
        if self.low is None or self.high is None:
            return ""
        if -tol <= self.low and self.high <= tol:
            return f"within {tol:g}"
        if self.low > tol or self.high < -tol:
            return f"apart by more than {tol:g}"
        return f"undecided at {tol:g}"


@dataclass(frozen=True)
class CaseChange:
    """How much one case changed, metric by metric."""

    id: str
    total: float
    deltas: dict[str, tuple[float, float]]


@dataclass
class Comparison:
    a: str
    b: str
    paired: int
    deltas: list[MetricDelta]
    changed: list[CaseChange]
    notes: list[str]


def metric_delta(metric: str, run_a: list[CaseRecord], run_b: list[CaseRecord]) -> MetricDelta:
    """The paired delta of one metric with its bootstrap interval (none without paired cases)."""
    va, vb = metric_values(run_a, metric), metric_values(run_b, metric)
    common = sorted(set(va) & set(vb))
    if metric == "stance_kappa":  # pooled over every paired case's matched rows, as in the summary
        common = sorted({r.id for r in run_a if "stance_pairs" in r.details} & {r.id for r in run_b if "stance_pairs" in r.details})
    if not common:
        return MetricDelta(metric, None, None, 0)
    info = metric_catalogue().get(metric)
    if metric == "stance_kappa" or (info is not None and info.pool is not None):
        return _pooled_delta(metric, common, run_a, run_b)
    a, b = [va[c] for c in common], [vb[c] for c in common]
    interval = paired_bootstrap(a, b) if len(common) > 1 else None
    low, high = interval if interval is not None else (None, None)
    return MetricDelta(metric, sum(a) / len(a), sum(b) / len(b), len(common), low, high)


def _pooled_delta(metric: str, common: list[str], run_a: list[CaseRecord], run_b: list[CaseRecord]) -> MetricDelta:
    """A pooled metric over the paired cases, with a case-resampling interval (none for kappa)."""
    keep = set(common)
    sub_a, sub_b = [r for r in run_a if r.id in keep], [r for r in run_b if r.id in keep]
    (value_a, _), (value_b, _) = run_value(sub_a, metric), run_value(sub_b, metric)
    info = metric_catalogue().get(metric)
    if metric == "stance_kappa" or info is None or info.pool is None or len(common) < 2 or value_a is None or value_b is None:
        return MetricDelta(metric, value_a, value_b, len(common))
    counts_a, counts_b = pool_counts(_by_id(sub_a), metric, info.pool), pool_counts(_by_id(sub_b), metric, info.pool)
    interval = paired_bootstrap_pooled(counts_a, counts_b) if counts_a and counts_b and len(counts_a) == len(counts_b) else None
    low, high = interval if interval is not None else (None, None)
    return MetricDelta(metric, value_a, value_b, len(common), low, high)


def _by_id(records: list[CaseRecord]) -> list[CaseRecord]:
    """Records in case-id order: the pairing of A and B."""
    return sorted(records, key=lambda r: r.id)


def case_changes(run_a: list[CaseRecord], run_b: list[CaseRecord], top: int = 5) -> list[CaseChange]:
    """The cases whose quality metrics moved most (summed absolute change)."""
    by_a, by_b = {r.id: r for r in run_a}, {r.id: r for r in run_b}
    changes = []
    for case_id in sorted(set(by_a) & set(by_b)):
        deltas = {}
        for m in CHANGE_METRICS:
            x, y = by_a[case_id].scores.get(m), by_b[case_id].scores.get(m)
            if x is not None and y is not None and x != y:
                deltas[m] = (x, y)
        total = sum(abs(y - x) for x, y in deltas.values())
        if total:
            changes.append(CaseChange(case_id, total, deltas))
    return sorted(changes, key=lambda c: (-c.total, c.id))[:top]


def compare_runs(path_a: str, path_b: str, top: int = 5) -> Comparison:
    """Compare two run directories (B against A)."""
    dir_a, dir_b = RunDir(path_a), RunDir(path_b)
    dir_a.read_summary(), dir_b.read_summary()  # both must be finished runs
    check_same_dataset(dir_a, dir_b)
    run_a, run_b = dir_a.records(), dir_b.records()
    in_b = set(metric_names(run_b))
    names = [m for m in metric_names(run_a) if m in in_b]
    deltas = [metric_delta(m, run_a, run_b) for m in names]
    paired = len({r.id for r in run_a} & {r.id for r in run_b})
    notes = []
    if paired < MIN_PAIRED:
        notes.append(f"only {paired} paired case(s), fewer than {MIN_PAIRED}: differences and intervals are not reliable")
    return Comparison(str(path_a), str(path_b), paired, deltas, case_changes(run_a, run_b, top), notes)


def compare_splits(path_a: str, path_b: str, tolerance: float | None = None) -> Comparison:
    """Compare two runs of different case sets (a dev and a test split): no case is paired, so each
    figure's interval resamples each run's cases on its own; ``tolerance`` judges whether the two
    figures are within it of each other (see :attr:`MetricDelta.closeness`)."""
    dir_a, dir_b = RunDir(path_a), RunDir(path_b)
    dir_a.read_summary(), dir_b.read_summary()
    run_a, run_b = dir_a.records(), dir_b.records()
    in_b = set(metric_names(run_b))
    deltas = [split_delta(m, run_a, run_b, tolerance) for m in metric_names(run_a) if m in in_b]
    notes = [f"unpaired: {len(run_a)} and {len(run_b)} cases, each resampled on its own"]
    shared = {r.id for r in run_a} & {r.id for r in run_b}
    if shared:
        notes.append(f"{len(shared)} case id(s) in both runs: two splits should share no case")
    small = min(len(run_a), len(run_b))
    if small < MIN_PAIRED:
        notes.append(f"only {small} case(s) in one run, fewer than {MIN_PAIRED}: intervals are not reliable")
    return Comparison(str(path_a), str(path_b), 0, deltas, [], notes)


def split_delta(metric: str, run_a: list[CaseRecord], run_b: list[CaseRecord], tolerance: float | None) -> MetricDelta:
    """B's figure minus A's, with a two-sample interval (none for kappa or with under two cases a side)."""
    (value_a, _), (value_b, _) = run_value(run_a, metric), run_value(run_b, metric)
    values_a, values_b = list(metric_values(run_a, metric).values()), list(metric_values(run_b, metric).values())
    info = metric_catalogue().get(metric)
    interval = None
    if value_a is not None and value_b is not None and metric != "stance_kappa":
        if info is not None and info.pool is not None:
            counts_a, counts_b = pool_counts(run_a, metric, info.pool), pool_counts(run_b, metric, info.pool)
            if counts_a is not None and counts_b is not None:
                interval = two_sample_interval(counts_a, counts_b, pooled=True)
        else:
            interval = two_sample_interval(values_a, values_b, pooled=False)
    low, high = interval if interval is not None else (None, None)
    share = info is None or info.share  # a tolerance of 0.05 means nothing for words or seconds
    return MetricDelta(metric, value_a, value_b, len(values_b), low, high, n_a=len(values_a),
                       tolerance=tolerance if share else None)


def check_same_dataset(dir_a: RunDir, dir_b: RunDir) -> None:
    """:class:`InputError` unless both runs were made on the same dataset (hash recorded in config.json):
    the same case id in another dataset may hold other gold rows, so differences would mean nothing."""
    recorded_a, recorded_b = dir_a.read_config().get("dataset") or {}, dir_b.read_config().get("dataset") or {}
    if not same_dataset(recorded_a, recorded_b):
        raise InputError(f"{dir_b.path} was run on another dataset ({describe_dataset(recorded_b)}) than the baseline "
                         f"{dir_a.path} ({describe_dataset(recorded_a)}); compare two runs of the same dataset "
                         "(score the older briefs again with --predictions)")


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.3f}"


def _plain(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_comparison(comparison: Comparison) -> str:
    """The comparison as a text table and a list of the cases that changed most."""
    pairing = f"{comparison.paired} paired cases" if not _unpaired(comparison) else "two splits, unpaired"
    lines = [f"compare A={comparison.a}  B={comparison.b}  ({pairing})"]
    lines += [f"note: {n}" for n in comparison.notes]
    lines.append(f"{'metric':<24} {'A':>9} {'B':>9} {'B-A':>8} {'n':>13}  {'95% CI':<19} verdict")
    for d in comparison.deltas:
        n = f"{d.n} {PAIR_UNIT}" if d.n_a is None else f"{d.n_a}+{d.n} {PAIR_UNIT}"
        if d.n == 0 or d.n_a == 0:
            missing = "no paired cases" if d.n_a is None else "no case in one run"
            lines.append(f"{d.metric:<24} {'n/a':>9} {'n/a':>9} {'—':>8} {n:>13}  {missing}: no difference")
            continue
        ci = f"[{_signed(d.low)}, {_signed(d.high)}]" if d.low is not None else ""
        lines.append(f"{d.metric:<24} {_plain(d.a):>9} {_plain(d.b):>9} {_signed(d.delta):>8} {n:>13}  {ci:<19} "
                     f"{d.verdict}".rstrip())
    if comparison.changed:
        lines.append("cases that changed most:")
    for c in comparison.changed:
        moves = ", ".join(f"{m} {x:.2f}->{y:.2f}" for m, (x, y) in c.deltas.items())
        lines.append(f"  {c.id:<10} {moves}")
    return "\n".join(lines)


def _unpaired(comparison: Comparison) -> bool:
    return any(d.n_a is not None for d in comparison.deltas)


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data."""
    return {
        "a": comparison.a, "b": comparison.b, "paired": comparison.paired, "notes": comparison.notes,
        "min_paired": MIN_PAIRED,
        "metrics": [{"metric": d.metric, "a": d.a, "b": d.b, "delta": d.delta, "ci95": [d.low, d.high],
                     "n": d.n, "unit": f"paired {PAIR_UNIT}", "verdict": d.verdict}
                    | ({"n_a": d.n_a, "unit": PAIR_UNIT} if d.n_a is not None else {}) for d in comparison.deltas],
        "changed": [{"id": c.id, "total": c.total, "deltas": c.deltas} for c in comparison.changed],
    }
