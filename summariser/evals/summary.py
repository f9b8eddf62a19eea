"""A run's summary: each metric's run value, how many units it rests on, and the unit.

A metric without ``pool`` is the mean over the cases where it applies (macro: every article counts
the same; ``n`` counts cases). A pooled metric (``Metric.pool``) sums its numerator and
denominator counts over the cases (micro: every row counts the same; ``n`` is the summed
denominator, in rows). ``stance_kappa`` pools the matched (gold, predicted) stance pairs of all
cases (``n``: matched rows). Records written before counts were kept give pooled metrics no value.

Each figure also gets a 95% interval from resampling the run's cases (:mod:`.bootstrap`): how much
it could differ on another sample of articles of the same kind (none for ``stance_kappa``, for
pooled metrics of old records, and below two cases).
"""

from __future__ import annotations

from typing import Any

from ..core import errors
from ..core.errors import ModelError, OutputValidationError, SummariserError
from .bootstrap import mean_interval, ratio_interval
from .scorers import cohen_kappa, metric_catalogue
from .store import CaseRecord


def metric_values(records: list[CaseRecord], metric: str) -> dict[str, float]:
    """The metric's value per case id, for the cases where it applies."""
    return {r.id: float(value) for r in records if (value := r.scores.get(metric)) is not None}


def metric_names(records: list[CaseRecord]) -> list[str]:
    """Metrics present in the records, in catalogue order (unknown names last)."""
    present = {name for r in records for name in r.scores}
    ordered = [name for name in metric_catalogue() if name in present]
    return ordered + sorted(present - set(ordered))


def pooled_kappa(records: list[CaseRecord]) -> float | None:
    pairs = [tuple(p) for r in records for p in r.details.get("stance_pairs", [])]
    return cohen_kappa(pairs)  # type: ignore[arg-type]


def unit(metric: str) -> str:
    """The unit a metric's ``n`` counts: "cases" or "rows"."""
    info = metric_catalogue().get(metric)
    return info.unit if info is not None else "cases"


def run_value(records: list[CaseRecord], metric: str) -> tuple[float | None, int]:
    """A metric's run value over some records and its ``n`` (cases, or rows for pooled metrics)."""
    info = metric_catalogue().get(metric)
    if metric == "stance_kappa":
        return pooled_kappa(records), sum(len(r.details.get("stance_pairs", [])) for r in records)
    if info is not None and info.pool is not None:
        return pooled(records, metric, info.pool)
    values = list(metric_values(records, metric).values())
    return (sum(values) / len(values) if values else None), len(values)


def interval(records: list[CaseRecord], metric: str) -> tuple[float, float] | None:
    """The 95% case-resampling interval of a metric's run value (see the module's docstring)."""
    info = metric_catalogue().get(metric)
    if metric == "stance_kappa":
        return None
    if info is not None and info.pool is not None:
        counts = pool_counts(records, metric, info.pool)
        return ratio_interval(counts) if counts is not None else None
    return mean_interval(list(metric_values(records, metric).values()))


def pool_counts(records: list[CaseRecord], metric: str, pool: tuple[str, str]) -> list[tuple[float, float]] | None:
    """Each case's (numerator, denominator) of a pooled metric, over the records where it applies;
    None when a record was written before counts were kept."""
    applies = [r for r in records if r.scores.get(metric) is not None or pool[1] in r.details.get("counts", {})]
    counts = [r.details.get("counts", {}) for r in applies]
    if any(pool[0] not in c or pool[1] not in c for c in counts):
        return None
    return [(c[pool[0]], c[pool[1]]) for c in counts]


def pooled(records: list[CaseRecord], metric: str, pool: tuple[str, str]) -> tuple[float | None, int]:
    """Summed numerator over summed denominator, over the records where the metric applies."""
    counts = pool_counts(records, metric, pool)
    if counts is None:
        return None, 0
    numerator, denominator = sum(n for n, _ in counts), sum(d for _, d in counts)
    return (numerator / denominator if denominator else None), int(denominator)


def summarise(records: list[CaseRecord]) -> dict[str, Any]:
    """Counts, the run value of every metric, its ``n``, the unit ``n`` counts and its 95% interval."""
    metrics: dict[str, float | None] = {}
    counts: dict[str, int] = {}
    intervals: dict[str, list[float] | None] = {}
    for name in metric_names(records):
        metrics[name], counts[name] = run_value(records, name)
        found = interval(records, name) if metrics[name] is not None else None
        intervals[name] = [round(found[0], 6), round(found[1], 6)] if found is not None else None
    return {
        "cases": len(records),
        "failed": sum(r.status == "error" for r in records),
        "judge_failed": sum(r.judge_error is not None for r in records),
        "metrics": metrics,
        "counts": counts,
        "units": {name: unit(name) for name in metrics},
        "intervals": intervals,
    }


def _judge_failures(records: list[CaseRecord]) -> tuple[list[CaseRecord], int]:
    """The records the judge failed on, and how many cases it was given (those with a brief)."""
    return [r for r in records if r.judge_error is not None], sum(r.status == "ok" for r in records)


def judge_warning(records: list[CaseRecord]) -> str | None:
    """``judge failed on N of M cases: <first error>``, or None when it failed on none."""
    failed, judged = _judge_failures(records)
    if not failed:
        return None
    return f"judge failed on {len(failed)} of {judged} cases: {failed[0].judge_error}"


def judge_failure(records: list[CaseRecord]) -> SummariserError | None:
    """The run's error when the judge failed on every case it was given: of the first failure's
    kind (a server failure is a :class:`ModelError`, invalid answers an :class:`OutputValidationError`)."""
    failed, judged = _judge_failures(records)
    if not failed or len(failed) < judged:
        return None
    message = f"the judge failed on all {judged} cases: {failed[0].judge_error}"
    kind = getattr(errors, failed[0].judge_error_kind or "", None)
    if isinstance(kind, type) and issubclass(kind, OutputValidationError):
        return OutputValidationError(message, attempts=0)
    if isinstance(kind, type) and issubclass(kind, SummariserError):
        return kind(message)
    return ModelError(message)
