"""Gates: a suite's thresholds on a run's metrics, so CI can fail on a worse model or prompt.

* ``min``: the run value must be at least this.
* ``max``: the run value must be at most this (latency, cost, attempts).
* ``max_drop``: against a baseline run, the metric may worsen by at most this much (in the
  metric's own units; "worsen" means down for higher-is-better metrics and up for the others).
  Without a baseline these gates are skipped, and say so.

A metric the run did not compute fails its gate: a gate that cannot be checked must not pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..core.errors import ConfigError, GateFailedError
from .suite import Gates

Kind = Literal["min", "max", "max_drop"]
Status = Literal["pass", "fail", "skip"]
EPSILON = 1e-9


@dataclass(frozen=True)
class GateResult:
    """The outcome of one gate."""

    metric: str
    kind: Kind
    threshold: float
    value: float | None
    baseline: float | None = None
    status: Status = "pass"

    def describe(self) -> str:
        """One line, e.g. ``stance_f1 0.412 >= min 0.300: pass``."""
        if self.value is None:
            return f"{self.metric}: not computed in this run ({self.kind} {self.threshold:g}): {self.status}"
        if self.kind == "min":
            return f"{self.metric} {self.value:.3f} >= min {self.threshold:g}: {self.status}"
        if self.kind == "max":
            return f"{self.metric} {self.value:.3f} <= max {self.threshold:g}: {self.status}"
        if self.baseline is None:
            return f"{self.metric} max drop {self.threshold:g}: skip (no baseline run given)"
        return f"{self.metric} {self.value:.3f} vs baseline {self.baseline:.3f}, max drop {self.threshold:g}: {self.status}"


def check_gate_metrics(gates: Gates, where: str) -> None:
    """Raise :class:`ConfigError` for a gate on an unknown metric or a drop gate on a directionless one."""
    from .scorers import metric_catalogue

    catalogue = metric_catalogue()
    for kind in ("min", "max", "max_drop"):
        for metric in getattr(gates, kind):
            if metric not in catalogue:
                raise ConfigError(f"suite {where}: gates.{kind}.{metric}: unknown metric; use one of: {', '.join(catalogue)}")
            if kind == "max_drop" and catalogue[metric].higher_is_better is None:
                raise ConfigError(f"suite {where}: gates.max_drop.{metric}: the metric has no better direction; use min or max")


def evaluate_gates(gates: Gates, metrics: dict[str, float | None], baseline: dict[str, float | None] | None = None) -> list[GateResult]:
    """Check every gate against a run's metrics (and a baseline run's, for drop gates)."""
    results = [_bound(m, "min", t, metrics.get(m)) for m, t in gates.min.items()]
    results += [_bound(m, "max", t, metrics.get(m)) for m, t in gates.max.items()]
    results += [_drop(m, t, metrics.get(m), (baseline or {}).get(m), baseline is not None) for m, t in gates.max_drop.items()]
    return results


def _bound(metric: str, kind: Kind, threshold: float, value: float | None) -> GateResult:
    if value is None:
        return GateResult(metric, kind, threshold, None, status="fail")
    ok = value >= threshold - EPSILON if kind == "min" else value <= threshold + EPSILON
    return GateResult(metric, kind, threshold, value, status="pass" if ok else "fail")


def _drop(metric: str, threshold: float, value: float | None, base: float | None, has_baseline: bool) -> GateResult:
    from .scorers import metric_catalogue

    if not has_baseline:
        return GateResult(metric, "max_drop", threshold, value, None, "skip")
    if value is None or base is None:
        return GateResult(metric, "max_drop", threshold, value, base, "fail")
    higher = metric_catalogue()[metric].higher_is_better
    worsening = (base - value) if higher else (value - base)
    return GateResult(metric, "max_drop", threshold, value, base, "pass" if worsening <= threshold + EPSILON else "fail")


def enforce(results: list[GateResult]) -> None:
    """Raise :class:`GateFailedError` (its own exit code) when any gate failed."""
    failed = [r for r in results if r.status == "fail"]
    if failed:
        raise GateFailedError(f"{len(failed)} gate(s) failed: " + "; ".join(r.describe() for r in failed))
