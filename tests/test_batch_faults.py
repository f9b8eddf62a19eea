"""Batch briefs against a misbehaving server (seeded faults) and a batch killed with SIGKILL.

Faults are decided per (article, attempt) from a seed, so which items end up failed does not
depend on scheduling: an item fails exactly when every one of its tries hit a fault.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from summariser import load_settings
from summariser.service.batch import AdaptiveLimiter
from summariser.service.files import (
    BatchOptions, JsonlSink, assign_keys, batch_fingerprint, brief_batch, expand_inputs,
)
from summariser.service import Briefer, Hooks
from fakes.fake_openai import FakeOpenAIServer, Reply, article_from_request, extractive_responder

TIMEOUT_S = 0.4
RETRIES = 1


def articles(n: int) -> list[dict]:
    rng = random.Random(7)
    words = "minister said the council would vote on the budget after talks with unions and mayors".split()
    return [{"id": f"a{i:03d}", "title": f"Story {i}",
             "text": "\n\n".join(" ".join(rng.choice(words) for _ in range(25)).capitalize() + "." for _ in range(4))}
            for i in range(n)]


class FaultyResponder:
    """Seeded random 429 (Retry-After), 500, answers slower than the timeout, dropped connections."""

    FAULTS = ("429", "500", "slow", "drop")

    def __init__(self, seed: int = 1234, rate: float = 0.45) -> None:
        self.seed, self.rate = seed, rate
        self.tries: dict[str, int] = {}
        self.lock = threading.Lock()

    def fault(self, article: str, attempt: int) -> str | None:
        rng = random.Random(f"{self.seed}:{hashlib.sha256(article.encode()).hexdigest()}:{attempt}")
        return rng.choice(self.FAULTS) if rng.random() < self.rate else None

    def __call__(self, body: dict) -> Reply:
        article = article_from_request(body)
        with self.lock:
            attempt = self.tries.get(article, 0)
            self.tries[article] = attempt + 1
        kind = self.fault(article, attempt)
        if kind == "429":
            return Reply(status=429, headers={"retry-after-ms": "20"})
        if kind == "500":
            return Reply(status=500, headers={"retry-after-ms": "20"})
        if kind == "slow":
            return Reply(delay=TIMEOUT_S * 3, content="{}")
        if kind == "drop":
            return Reply.dropped()
        return extractive_responder(body)


def test_seeded_faults_every_item_done_or_reported_none_lost_or_duplicated(tmp_path):
    rows = articles(24)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    responder = FaultyResponder()
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(responder) as server:
        settings = load_settings(base_url=server.base_url, model="gpt-4o-mini", timeout_s=TIMEOUT_S, max_retries=RETRIES)
        limiter = AdaptiveLimiter(8, cooldown_s=0)
        statuses: list[int] = []

        async def go():
            hooks = Hooks()
            hooks.on("model:status", statuses.append)
            briefer = Briefer(settings, limiter=limiter, hooks=hooks)
            items = assign_keys(expand_inputs([str(source)]), batch_fingerprint(briefer.spec, "json"))
            sink = JsonlSink(out)
            try:
                async with briefer:
                    stats = await brief_batch(items, sink, briefer, BatchOptions(concurrency=8, progress=False))
            finally:
                sink.close()
            return stats

        stats = asyncio.run(go())
    written = [json.loads(line) for line in out.read_text().splitlines()]
    ids = [w["id"] for w in written]
    assert len(ids) == len(set(ids)), "a brief was written twice"
    expected_failed = {r["id"] for r in rows
                       if all(responder.fault(r["text"], a) for a in range(RETRIES + 1))}
    assert set(ids) == {r["id"] for r in rows} - expected_failed
    assert stats.done == len(ids) and stats.failed == len(expected_failed)
    assert stats.done + stats.failed == len(rows) and stats.skipped == 0
    assert expected_failed, "the seed should make some items fail for the test to mean something"
    assert {200, 429, 500} <= set(statuses), "the status hook must see every response, retries included"


def test_rerun_after_faults_retries_only_the_failed(tmp_path):
    rows = articles(6)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(extractive_responder) as server:
        server.push(Reply.error(400))  # first request of the first run fails for good (4xx: no retry)
        env = _env(tmp_path)
        first = _cli(source, out, server.base_url, env, "--concurrency", "1")
        assert first.returncode == 7 and "1 of 6 item(s) failed" in first.stderr
        assert len(out.read_text().splitlines()) == 5
        requests_before = len(server.requests)
        second = _cli(source, out, server.base_url, env)
        assert second.returncode == 0, second.stderr
        assert len(server.requests) == requests_before + 1
    assert sorted(json.loads(l)["id"] for l in out.read_text().splitlines()) == [r["id"] for r in rows]


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


def _cli(source, out, base_url, env, *extra, popen=False):
    args = [sys.executable, "-m", "summariser.cli", "brief", str(source), "--base-url", base_url,
            "--model", "gpt-4o-mini", "--jsonl-out", str(out), *extra]
    if popen:
        return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)


def test_sigkill_mid_batch_then_rerun_gives_exactly_one_result_per_input(tmp_path):
    rows = articles(40)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = _env(tmp_path)
    with FakeOpenAIServer(extractive_responder, latency=0.15) as server:
        proc = _cli(source, out, server.base_url, env, "--concurrency", "4", "--no-cache", popen=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 8):
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
        partial = out.read_bytes().count(b"\n")  # complete lines only
        assert 8 <= partial < len(rows), "kill should land mid-batch"
        with out.open("ab") as handle:  # as if the kill had torn the last line in half
            handle.write(b'{"key": "torn')
        rerun = _cli(source, out, server.base_url, env, "--concurrency", "8", "--no-cache")
        assert rerun.returncode == 0, rerun.stderr
        assert f"{partial} already done earlier" in rerun.stderr
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(w["id"] for w in written) == [r["id"] for r in rows]
    assert len({w["key"] for w in written}) == len(rows)


def test_a_burst_of_429s_lowers_concurrency_and_it_climbs_back(tmp_path):
    rows = articles(16)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    limiter = AdaptiveLimiter(8, threshold=2, cooldown_s=0)
    seen: list[int] = []
    with FakeOpenAIServer(extractive_responder) as server:
        server.push(*[Reply(status=429, headers={"retry-after-ms": "10"}) for _ in range(8)])
        settings = load_settings(base_url=server.base_url, model="gpt-4o-mini", max_retries=4)

        async def go():
            hooks = Hooks()
            briefer = Briefer(settings, limiter=limiter, hooks=hooks)  # the limiter hears every status first
            hooks.on("model:status", lambda code: seen.append(limiter.limit))
            items = assign_keys(expand_inputs([str(source)]), batch_fingerprint(briefer.spec, "json"))
            sink = JsonlSink(tmp_path / "out.jsonl")
            try:
                async with briefer:
                    return await brief_batch(items, sink, briefer, BatchOptions(concurrency=8, progress=False))
            finally:
                sink.close()

        stats = asyncio.run(go())
    assert stats.done == 16 and stats.failed == 0
    assert limiter.lowered >= 2 and min(seen) <= 2, seen
    assert limiter.limit > min(seen), "the limit should rise again once the 429s stop"
