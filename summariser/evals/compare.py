"""Comparing two runs: per-metric deltas with paired bootstrap confidence intervals.

Deltas are B minus A over the cases both runs scored (paired). The 95% interval resamples those
cases with replacement (:data:`RESAMPLES` times, fixed seed, so the same runs always give the same
interval). A change is called better or worse only when the interval excludes zero. The pooled
``stance_kappa`` gets its run-value delta without an interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .scorers import metric_catalogue
from .store import CaseRecord, RunDir
from .summary import metric_names, metric_values

RESAMPLES = 10_000
SEED = 20240601
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

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def verdict(self) -> str:
        higher = metric_catalogue().get(self.metric)
        direction = higher.higher_is_better if higher else None
        if self.low is None or self.high is None or direction is None or self.low <= 0 <= self.high:
            return ""
        up = self.low > 0
        return "better" if up == direction else "worse"


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


def paired_bootstrap(a: list[float], b: list[float], *, resamples: int = RESAMPLES, seed: int = SEED,
                     level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of mean(b - a) under resampling of the pairs."""
    diffs = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    rng = np.random.default_rng(seed)
    means = diffs[rng.integers(0, len(diffs), size=(resamples, len(diffs)))].mean(axis=1)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def metric_delta(metric: str, run_a: list[CaseRecord], run_b: list[CaseRecord], summaries: tuple[dict, dict]) -> MetricDelta:
    """The paired delta of one metric with its bootstrap interval."""
    va, vb = metric_values(run_a, metric), metric_values(run_b, metric)
    common = sorted(set(va) & set(vb))
    if metric == "stance_kappa":
        return MetricDelta(metric, summaries[0]["metrics"].get(metric), summaries[1]["metrics"].get(metric), len(common))
    if not common:
        return MetricDelta(metric, None, None, 0)
    a, b = [va[c] for c in common], [vb[c] for c in common]
    low, high = paired_bootstrap(a, b) if len(common) > 1 else (None, None)
    return MetricDelta(metric, sum(a) / len(a), sum(b) / len(b), len(common), low, high)


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
    summaries = (dir_a.read_summary(), dir_b.read_summary())
    run_a, run_b = dir_a.records(), dir_b.records()
    in_b = set(metric_names(run_b))
    names = [m for m in metric_names(run_a) if m in in_b]
    deltas = [metric_delta(m, run_a, run_b, summaries) for m in names]
    paired = len({r.id for r in run_a} & {r.id for r in run_b})
    return Comparison(str(path_a), str(path_b), paired, deltas, case_changes(run_a, run_b, top), _notes(dir_a, dir_b))


def _notes(dir_a: RunDir, dir_b: RunDir) -> list[str]:
    ca, cb = dir_a.read_config(), dir_b.read_config()
    notes = []
    if (ca.get("dataset") or {}).get("sha256") != (cb.get("dataset") or {}).get("sha256"):
        notes.append("the runs used different datasets (or versions of one); only cases with the same id are paired")
    return notes


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.3f}"


def _plain(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_comparison(comparison: Comparison) -> str:
    """The comparison as a text table and a list of the cases that changed most."""
    lines = [f"compare A={comparison.a}  B={comparison.b}  ({comparison.paired} paired cases)"]
    lines += [f"note: {n}" for n in comparison.notes]
    lines.append(f"{'metric':<20} {'A':>9} {'B':>9} {'B-A':>8}  {'95% CI':<19} verdict")
    for d in comparison.deltas:
        ci = f"[{_signed(d.low)}, {_signed(d.high)}]" if d.low is not None else ""
        lines.append(f"{d.metric:<20} {_plain(d.a):>9} {_plain(d.b):>9} {_signed(d.delta):>8}  {ci:<19} {d.verdict}".rstrip())
    if comparison.changed:
        lines.append("cases that changed most:")
    for c in comparison.changed:
        moves = ", ".join(f"{m} {x:.2f}->{y:.2f}" for m, (x, y) in c.deltas.items())
        lines.append(f"  {c.id:<10} {moves}")
    return "\n".join(lines)


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data."""
    return {
        "a": comparison.a, "b": comparison.b, "paired": comparison.paired, "notes": comparison.notes,
        "metrics": [{"metric": d.metric, "a": d.a, "b": d.b, "delta": d.delta, "ci95": [d.low, d.high],
                     "n": d.n, "verdict": d.verdict} for d in comparison.deltas],
        "changed": [{"id": c.id, "total": c.total, "deltas": c.deltas} for c in comparison.changed],
    }
