"""run_batch, the adaptive limiter and budgets, with plain coroutines (no HTTP); batch output writers."""

from __future__ import annotations

import asyncio

import pytest

from summariser.service.batch import AdaptiveLimiter, Budget, Charge, run_batch
from summariser.service.files import DirSink, JsonlSink, atomic_write
from summariser.core.errors import InputError


def collect(items, worker, **kw):
    results = []
    stats = asyncio.run(run_batch(items, worker, on_result=lambda r, s: results.append(r), **kw))
    return stats, results


def test_bounded_concurrency_and_every_item_reported_once():
    state = {"now": 0, "peak": 0}

    async def worker(i):
        state["now"] += 1
        state["peak"] = max(state["peak"], state["now"])
        await asyncio.sleep(0.001 * (i % 3))
        state["now"] -= 1
        return i * 2

    stats, results = collect(range(50), worker, concurrency=7)
    assert state["peak"] == 7
    assert sorted(r.index for r in results) == list(range(50))
    assert all(r.value == r.item * 2 for r in results)
    assert (stats.done, stats.failed, stats.skipped) == (50, 0, 0)


def test_a_failing_item_is_reported_and_the_batch_goes_on():
    async def worker(i):
        if i % 4 == 0:
            raise ValueError(f"bad {i}")
        return i

    stats, results = collect(range(12), worker, concurrency=3)
    failed = sorted(r.index for r in results if r.status == "failed")
    assert failed == [0, 4, 8] and stats.failed == 3 and stats.done == 9
    assert all(isinstance(r.error, ValueError) for r in results if r.status == "failed")


def test_fatal_errors_stop_the_batch():
    class Fatal(Exception):
        pass

    async def worker(i):
        raise Fatal("stop")

    with pytest.raises(Fatal):
        collect(range(5), worker, concurrency=2, fatal=(Fatal,))


def test_budget_stops_starting_new_items_and_keeps_what_is_done():
    async def worker(i):
        await asyncio.sleep(0)
        return i

    budget = Budget(max_tokens=250)
    stats, results = collect(range(10), worker, concurrency=1, budget=budget, charge=lambda r: Charge(tokens=100, cost=0.01))
    assert stats.done == 3 and stats.skipped == 7 and stats.stopped_by_budget
    assert [r.status for r in results] == ["done"] * 3 + ["skipped"] * 7
    assert budget.tokens == 300 and "300 of --max-tokens 250" in budget.describe()
    assert Budget(max_cost=0.02).reached is False
    tiny = Budget(max_cost=0.00001)
    tiny.spend(cost=0.0000123)
    assert tiny.reached and tiny.describe() == "$0.0000123 of --max-cost $0.00001"


def test_limiter_halves_on_repeated_429s_and_recovers():
    limiter = AdaptiveLimiter(16, threshold=2, cooldown_s=0)
    limiter.on_status(429)
    assert limiter.limit == 16  # one 429 is not "repeated"
    limiter.on_status(429)
    assert limiter.limit == 8
    limiter.on_status(429), limiter.on_status(429)
    assert limiter.limit == 4
    for _ in range(200):
        limiter.on_status(200)
    assert limiter.limit == 16


def test_limiter_caps_items_in_flight_while_lowered():
    limiter = AdaptiveLimiter(8, threshold=1, cooldown_s=100)
    state = {"now": 0, "peak": 0}

    async def worker(i):
        state["now"] += 1
        state["peak"] = max(state["peak"], state["now"])
        await asyncio.sleep(0.002)
        state["now"] -= 1

    limiter.on_status(429)
    assert limiter.limit == 4
    stats, _ = collect(range(40), worker, concurrency=8, limiter=limiter)
    assert stats.done == 40 and state["peak"] == 4


def test_atomic_write_turns_os_errors_into_one_line_input_errors(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for target in (blocker / "out.md", folder):
        with pytest.raises(InputError, match="cannot write .*; pass a writable path"):
            atomic_write(target, "text")
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != "cache")  # cache: the test harness's folder
    assert list(folder.iterdir()) == [] and written == ["a-file", "a-folder"]


def test_sinks_on_unwritable_paths_are_input_errors(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="o.jsonl: cannot write"):
        JsonlSink(blocker / "o.jsonl")
    with pytest.raises(InputError, match="briefs: cannot write"):
        DirSink(blocker / "briefs", "markdown")
