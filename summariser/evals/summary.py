"""A run's summary: each metric averaged over the cases where it applies.

Means are macro averages over cases (every article counts the same). The exception is
``stance_kappa``: Cohen's kappa is unstable on the handful of rows of one article, so the run value
pools the matched (gold, predicted) stance pairs of all cases.
"""

from __future__ import annotations

from typing import Any

from .. import errors
from ..errors import ModelError, OutputValidationError, SummariserError
from .scorers import cohen_kappa, metric_catalogue
from .store import CaseRecord


def metric_values(records: list[CaseRecord], metric: str) -> dict[str, float]:
    """The metric's value per case id, for the cases where it applies."""
    return {r.id: float(r.scores[metric]) for r in records if r.scores.get(metric) is not None}


def metric_names(records: list[CaseRecord]) -> list[str]:
    """Metrics present in the records, in catalogue order (unknown names last)."""
    present = {name for r in records for name in r.scores}
    ordered = [name for name in metric_catalogue() if name in present]
    return ordered + sorted(present - set(ordered))


def pooled_kappa(records: list[CaseRecord]) -> float | None:
    pairs = [tuple(p) for r in records for p in r.details.get("stance_pairs", [])]
    return cohen_kappa(pairs)  # type: ignore[arg-type]


def summarise(records: list[CaseRecord]) -> dict[str, Any]:
    """Counts, the run value of every metric and how many cases it is based on."""
    metrics: dict[str, float | None] = {}
    counts: dict[str, int] = {}
    for name in metric_names(records):
        values = list(metric_values(records, name).values())
        metrics[name] = sum(values) / len(values) if values else None
        counts[name] = len(values)
    if "stance_kappa" in metrics:
        metrics["stance_kappa"] = pooled_kappa(records)
        counts["stance_kappa"] = sum(len(r.details.get("stance_pairs", [])) for r in records)
    return {
        "cases": len(records),
        "failed": sum(r.status == "error" for r in records),
        "judge_failed": sum(r.judge_error is not None for r in records),
        "metrics": metrics,
        "counts": counts,
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
