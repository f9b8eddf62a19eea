"""Telling a server that is down from a case that failed on it, so a run does not grind on.

A case whose request failed after the client's retries (no connection, timeout, 429, 5xx) is
recorded as failed and the run goes on. But when a whole first round of cases failed that way and
none got an answer, the server is down: the run stops with the first of those errors (exit 3)
rather than retrying every remaining case against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import ModelConnectionError, ModelError, ModelRateLimitError, ModelServerError

TRANSPORT = (ModelConnectionError, ModelRateLimitError, ModelServerError)  # failed after the client's retries


class ServerDown(Exception):
    """Stops a run: a server looks down. Carries the first transport error, which the run raises."""

    def __init__(self, error: ModelError) -> None:
        super().__init__(str(error))
        self.error = error


class ServerWatch:
    """Tells a server that is down from one case that failed on it.

    When the first ``wave`` results of a run (one round of the cases in flight) are all transport
    failures (no connection, timeouts, 429 or 5xx after the client's retries) and nothing got an
    answer, :meth:`observe` raises :class:`ServerDown` instead of letting every remaining case
    retry against the dead server. Once any answer came, failures are per case.
    """

    def __init__(self, wave: int, label: str = "") -> None:
        self.wave, self.label = max(1, wave), label
        self.answered = False
        self.failures: list[ModelError] = []

    def observe(self, error: BaseException | None) -> None:
        """Record one result: ``None`` or a non-transport error means the server answered."""
        if not isinstance(error, TRANSPORT):
            self.answered = True
            return
        self.failures.append(error)
        if not self.answered and len(self.failures) >= self.wave:
            first = self.failures[0]
            raise ServerDown(type(first)(f"{self.label}: {first}") if self.label else first)


@dataclass
class Watches:
    """One :class:`ServerWatch` for the system under test, one for the judge."""

    system: ServerWatch
    judge: ServerWatch

    @classmethod
    def for_wave(cls, wave: int) -> "Watches":
        return cls(ServerWatch(wave), ServerWatch(wave, "the judge"))
