"""Run many async jobs at a bounded, adaptive concurrency, with a token/cost budget.

Generic machinery shared by batch briefs and the evaluation runner::

    stats = await run_batch(items, worker, concurrency=32, on_result=write, limiter=limiter, budget=budget)

* ``worker(item)`` is awaited for each item; an exception fails that item only (it is reported
  through ``on_result`` and the batch goes on), except the ``fatal`` exception types, which stop
  the batch and propagate.
* ``limiter`` (:class:`AdaptiveLimiter`) caps the items in flight; feed it HTTP status codes
  (``limiter.on_status``, e.g. as :class:`~summariser.backends.clients.openai_chat.OpenAIChat`'s
  ``on_status`` hook) and it halves the limit on repeated 429s and raises it again, one step per
  round of successes, when they stop. Retrying a 429 itself is the HTTP client's job.
* ``budget`` (:class:`Budget`) stops the batch from *starting* new items once reached; items in
  flight finish and are kept. Items never started are reported with status ``"skipped"``.
* ``charge(result)`` says what a finished item cost (:class:`Charge`); it feeds the budget and
  the running :class:`BatchStats`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Status = Literal["done", "failed", "skipped"]


@dataclass
class Charge:
    """What one item cost: tokens, USD, and whether its answer came from the cache."""

    tokens: int = 0
    cost: float = 0.0
    cached: bool = False


@dataclass
class ItemResult(Generic[T, R]):
    """The outcome of one item: ``done`` with a value, ``failed`` with an error, or ``skipped``."""

    index: int
    item: T
    status: Status
    value: R | None = None
    error: BaseException | None = None
    charge: Charge = field(default_factory=Charge)


@dataclass
class BatchStats:
    """Running and final counts of a batch."""

    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    cached: int = 0
    tokens: int = 0
    cost: float = 0.0
    started_at: float = field(default_factory=time.perf_counter)
    elapsed_s: float = 0.0
    stopped_by_budget: bool = False

    @property
    def finished(self) -> int:
        return self.done + self.failed

    @property
    def rate(self) -> float:
        """Finished items per second so far."""
        elapsed = self.elapsed_s or (time.perf_counter() - self.started_at)
        return self.finished / elapsed if elapsed > 0 else 0.0

    def summary(self) -> str:
        """One line for the end of a run."""
        parts = [f"{self.done} done", f"{self.failed} failed"]
        if self.skipped:
            parts.append(f"{self.skipped} not started")
        parts += [f"{self.cached} cached", f"{self.tokens} tokens", f"${self.cost:.4f}",
                  f"{self.elapsed_s:.2f}s", f"{self.rate:.1f} items/s"]
        return ", ".join(parts)


class Budget:
    """A token and/or cost ceiling for a run; ``None`` means no limit on that measure."""

    def __init__(self, *, max_cost: float | None = None, max_tokens: int | None = None) -> None:
        self.max_cost = max_cost
        self.max_tokens = max_tokens
        self.cost = 0.0
        self.tokens = 0

    def spend(self, *, tokens: int = 0, cost: float = 0.0) -> None:
        self.tokens += tokens
        self.cost += cost

    @property
    def reached(self) -> bool:
        return (self.max_cost is not None and self.cost >= self.max_cost) or (
            self.max_tokens is not None and self.tokens >= self.max_tokens
        )

    def describe(self) -> str:
        limits = []
        if self.max_cost is not None:
            limits.append(f"{_usd(self.cost)} of --max-cost {_usd(self.max_cost)}")
        if self.max_tokens is not None:
            limits.append(f"{self.tokens} of --max-tokens {self.max_tokens}")
        return ", ".join(limits) or "no budget"


def _usd(amount: float) -> str:
    """'$0.00001', '$0.0123', '$2.5': plain decimals, never '1e-05'."""
    return "$" + (f"{amount:.8f}".rstrip("0").rstrip(".") or "0")


class AdaptiveLimiter:
    """A concurrency limit that halves on repeated 429s and climbs back by one per clean round.

    ``threshold`` 429s within ``window_s`` seconds lower the limit (at most once per
    ``cooldown_s``); after ``limit`` successful responses in a row with no 429, it rises by one,
    up to ``maximum``.
    """

    def __init__(self, maximum: int, *, minimum: int = 1, threshold: int = 2, window_s: float = 2.0,
                 cooldown_s: float = 1.0) -> None:
        if maximum < 1:
            raise ValueError("concurrency must be at least 1")
        self.maximum, self.minimum = maximum, max(1, min(minimum, maximum))
        self.limit = maximum
        self.threshold, self.window_s, self.cooldown_s = threshold, window_s, cooldown_s
        self.in_flight = 0
        self.lowered = 0
        self._recent_429: list[float] = []
        self._last_change = float("-inf")
        self._successes = 0
        self._cond: asyncio.Condition | None = None

    def on_status(self, status: int) -> None:
        """Feed one HTTP status code (call from the event loop thread)."""
        now = time.monotonic()
        if status == 429:
            self._successes = 0
            self._recent_429 = [t for t in self._recent_429 if now - t < self.window_s] + [now]
            if len(self._recent_429) >= self.threshold and now - self._last_change >= self.cooldown_s:
                self._set(max(self.minimum, self.limit // 2), now)
                self.lowered += 1
                self._recent_429.clear()
        elif status < 400:
            self._successes += 1
            if self.limit < self.maximum and self._successes >= self.limit:
                self._successes = 0
                self._set(self.limit + 1, now)

    def _set(self, limit: int, now: float) -> None:
        self.limit, self._last_change = limit, now
        if self._cond is None:
            return
        try:
            asyncio.get_running_loop().create_task(self._wake())
        except RuntimeError:  # fed from outside the loop: the next release wakes the waiters
            pass

    async def _wake(self) -> None:
        assert self._cond is not None
        async with self._cond:
            self._cond.notify_all()

    async def acquire(self) -> None:
        """Wait until fewer than ``limit`` items are in flight, then take a slot."""
        if self._cond is None:
            self._cond = asyncio.Condition()
        async with self._cond:
            await self._cond.wait_for(lambda: self.in_flight < self.limit)
            self.in_flight += 1

    async def release(self) -> None:
        """Give a slot back."""
        assert self._cond is not None
        async with self._cond:
            self.in_flight -= 1
            self._cond.notify_all()


async def run_batch(
    items: Iterable[T],
    worker: Callable[[T], Awaitable[R]],
    *,
    concurrency: int,
    on_result: Callable[[ItemResult[T, R], BatchStats], Any] | None = None,
    limiter: AdaptiveLimiter | None = None,
    budget: Budget | None = None,
    charge: Callable[[ItemResult[T, R]], Charge] | None = None,
    fatal: tuple[type[BaseException], ...] = (),
) -> BatchStats:
    """Run ``worker`` over ``items`` with at most ``concurrency`` in flight; return the counts.

    ``on_result(result, stats)`` is called once per item, in completion order, as soon as the
    item finishes (write results there: it is synchronous, so a cancelled batch never leaves a
    half-handled item). Cancelling the batch (Ctrl-C) cancels the items in flight; everything
    already passed to ``on_result`` is kept.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    limiter = limiter or AdaptiveLimiter(concurrency)
    stats = BatchStats()
    source = iter(enumerate(items))

    def report(result: ItemResult[T, R]) -> None:
        _count(stats, result, charge, budget)
        if on_result is not None:
            on_result(result, stats)

    async def lane() -> None:
        while True:
            await limiter.acquire()
            try:
                if budget is not None and budget.reached:
                    stats.stopped_by_budget = True
                    for index, item in source:
                        report(ItemResult(index, item, "skipped"))
                    return
                nxt = next(source, None)
                if nxt is None:
                    return
                report(await _one(nxt[0], nxt[1], worker, fatal))
            finally:
                await limiter.release()

    lanes = [asyncio.create_task(lane()) for _ in range(concurrency)]
    try:
        await asyncio.gather(*lanes)
    finally:
        for task in lanes:
            task.cancel()
        await asyncio.gather(*lanes, return_exceptions=True)
        stats.elapsed_s = time.perf_counter() - stats.started_at
    return stats


async def _one(index: int, item: T, worker: Callable[[T], Awaitable[R]], fatal: tuple[type[BaseException], ...]) -> ItemResult[T, R]:
    try:
        return ItemResult(index, item, "done", value=await worker(item))
    except fatal:
        raise
    except Exception as exc:
        return ItemResult(index, item, "failed", error=exc)


def _count(stats: BatchStats, result: ItemResult, charge: Callable | None, budget: Budget | None) -> None:
    stats.total += 1
    if result.status == "skipped":
        stats.skipped += 1
        return
    if charge is not None:
        result.charge = charge(result)
    stats.done += result.status == "done"
    stats.failed += result.status == "failed"
    stats.cached += result.charge.cached
    stats.tokens += result.charge.tokens
    stats.cost += result.charge.cost
    if budget is not None:
        budget.spend(tokens=result.charge.tokens, cost=result.charge.cost)
