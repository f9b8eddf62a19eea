"""The OpenAI Batch API flow (submit, status, collect, cancel) against a fake Batch API over real HTTP, through the SDK."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fakes.fake_batch_api import FakeBatchAPI, Script

from batchkit import MODEL, articles, scripted

KEY = "sk-test-secret-key-123456"


def run(*args: str, tmp_path: Path, api: FakeBatchAPI | None = None, key: str = KEY, wait: bool = True):
    """The command line in a subprocess, with the API key in the environment only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"), OPENAI_API_KEY=key)
    command = [sys.executable, "-m", "summariser.cli", *args]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)


def export_job(tmp_path: Path, api: FakeBatchAPI, inputs: list[str] | None = None, *extra: str) -> Path:
    requests = tmp_path / "job" / "requests.jsonl"
    inputs = inputs or articles(tmp_path / "wire")
    result = run("batch", "export", *inputs, "-o", str(requests), "--model", MODEL, "--base-url", api.base_url,
                 "--chunk-tokens", "300", *extra, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return requests


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def collect_until_done(requests: Path, out: Path, tmp_path: Path, api: FakeBatchAPI, limit: int = 12,
                       cron: bool = False) -> list[str]:
    """Run collect until the job is done: again and again as a cron job would (``cron``), or once with --wait."""
    outputs = []
    wait = [] if cron else ["--wait", "--poll", "0"]
    for _ in range(limit):
        result = run("batch", "collect", str(requests), "--jsonl-out", str(out), *wait, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stderr)
        if "the job is done" in result.stderr:
            return outputs
    raise AssertionError("the job did not finish: " + outputs[-1])


def test_submit_status_collect_through_the_lifecycle_with_a_reduce_round(tmp_path):
    with FakeBatchAPI(scripted) as api:
        requests = export_job(tmp_path, api)
        n = len(lines(requests))
        submitted = run("batch", "submit", str(requests), tmp_path=tmp_path)
        assert submitted.returncode == 0, submitted.stderr
        assert f"round 1 part 1/1: batch_0001 (validating), {n} request(s)" in submitted.stderr
        again = run("batch", "submit", str(requests), tmp_path=tmp_path)
        assert "submitted earlier" in again.stderr and api.count("POST /v1/batches") == 1  # nothing twice
        status = run("batch", "status", str(requests), tmp_path=tmp_path)
        assert f"round 1 part 1: batch_0001 in_progress: 0 completed, 0 failed, {n} total" in status.stdout
        out = tmp_path / "briefs.jsonl"
        outputs = collect_until_done(requests, out, tmp_path, api, cron=True)
        assert any("next round submitted: requests.round2.jsonl" in o for o in outputs)
        assert api.count("POST /v1/batches") == 2 and api.count("POST /v1/files") == 2
        assert sorted(r["id"] for r in lines(out)) == ["kato", "long", "short"]
        briefs = {r["id"]: r["brief"] for r in lines(out)}
        assert briefs["long"]["meta"]["processing"]["mode"] == "map_reduce"
        assert all(e["verified"] for b in briefs.values() for row in b["stance_table"] for e in row["evidence"])
        final = run("batch", "collect", str(requests), "--jsonl-out", str(out), tmp_path=tmp_path)
        assert "the job is done" in final.stderr and len(lines(out)) == 3  # collect again: nothing new
        assert api.count("POST /v1/batches") == 2
        assert {h.get("Authorization") for h in api.headers} == {f"Bearer {KEY}"}
    job_bytes = (tmp_path / "job" / "requests.job.sqlite3").read_bytes()
    assert KEY.encode() not in job_bytes
    assert all(KEY not in o for o in outputs)


def test_inputs_over_the_limits_are_split_into_several_batches(tmp_path):
    with FakeBatchAPI(scripted) as api:
        requests = export_job(tmp_path, api)
        size = requests.stat().st_size
        submitted = run("batch", "submit", str(requests), "--max-requests", "2", tmp_path=tmp_path)
        assert submitted.returncode == 0, submitted.stderr
        n = len(lines(requests))
        parts = -(-n // 2)
        assert f"part {parts}/{parts}" in submitted.stderr and api.count("POST /v1/batches") == parts
        uploaded = [api.contents[f] for f in sorted(api.contents)]
        assert b"".join(uploaded) == requests.read_bytes()  # every line once, in order
        assert [len(u.splitlines()) for u in uploaded] == [2] * (n // 2) + [1] * (n % 2)
    with FakeBatchAPI(scripted) as api:
        other = export_job(tmp_path / "bytes", api)
        biggest = max(len(line) for line in other.read_bytes().splitlines(keepends=True))
        result = run("batch", "submit", str(other), "--max-bytes", str(biggest + 10), tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert all(len(c) <= biggest + 10 for c in api.contents.values()) and len(api.contents) >= 3
        assert b"".join(api.contents[f] for f in sorted(api.contents)) == other.read_bytes()
        out = tmp_path / "briefs.jsonl"
        collect_until_done(other, out, tmp_path, api)
        assert sorted(r["id"] for r in lines(out)) == ["kato", "long", "short"]
    assert size > 0


def test_an_expired_batch_gives_partial_results_and_the_rest_is_resubmitted(tmp_path):
    with FakeBatchAPI(scripted, scripts={1: Script("expired", answered=2)}) as api:
        requests = export_job(tmp_path, api)
        assert run("batch", "submit", str(requests), tmp_path=tmp_path).returncode == 0
        out = tmp_path / "briefs.jsonl"
        outputs = collect_until_done(requests, out, tmp_path, api)
        n = len(lines(requests))
        assert any(f"batch_0001 expired: 2 completed, {n - 2} failed, {n} total" in o for o in outputs)
        assert any("failed on the engine" in o and "batch_expired" in o for o in outputs)
        assert (tmp_path / "job" / "requests.round1.part1.error.jsonl").exists()
        assert sorted(r["id"] for r in lines(out)) == ["kato", "long", "short"]


def test_a_failed_batch_is_reported_and_not_resubmitted(tmp_path):
    with FakeBatchAPI(scripted, scripts={1: Script("failed")}) as api:
        requests = export_job(tmp_path, api)
        assert run("batch", "submit", str(requests), tmp_path=tmp_path).returncode == 0
        result = run("batch", "collect", str(requests), tmp_path=tmp_path)
        assert result.returncode == 3, result.stderr
        assert "no batch returned any result (invalid_request: scripted validation failure (line 1))" in result.stderr
        assert api.count("POST /v1/batches") == 1 and "Traceback" not in result.stderr


def test_cancel_keeps_the_answers_made_and_does_not_resubmit(tmp_path):
    with FakeBatchAPI(scripted, scripts={1: Script(steps=5, answered=2)}) as api:
        requests = export_job(tmp_path, api)
        assert run("batch", "submit", str(requests), tmp_path=tmp_path).returncode == 0
        assert run("batch", "status", str(requests), tmp_path=tmp_path).returncode == 0
        cancelled = run("batch", "cancel", str(requests), tmp_path=tmp_path)
        assert cancelled.returncode == 0 and "batch_0001 cancelling" in cancelled.stderr
        out = tmp_path / "briefs.jsonl"
        result = run("batch", "collect", str(requests), "--jsonl-out", str(out), tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "a batch was cancelled" in result.stderr and api.count("POST /v1/batches") == 1
        assert [r["id"] for r in lines(out)] == ["short"]  # short's answer was made before the cancel


def test_a_bad_key_is_one_line_without_the_key(tmp_path):
    with FakeBatchAPI(scripted) as api:
        requests = export_job(tmp_path, api)
    result = run("batch", "submit", str(requests), tmp_path=tmp_path)  # the server is gone
    assert result.returncode == 3 and "could not connect" in result.stderr and KEY not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_collect_killed_mid_import_then_rerun_gives_exactly_one_brief_per_input(tmp_path):
    wire = tmp_path / "wire"
    wire.mkdir()
    text = (Path(articles(tmp_path / "seed")[0])).read_text()
    count = 400
    for i in range(count):
        (wire / f"story{i:03d}.txt").write_text(f"Story {i}\n\n{text}", encoding="utf-8")
    with FakeBatchAPI(scripted) as api:
        requests = tmp_path / "job" / "requests.jsonl"
        assert run("batch", "export", str(wire), "-o", str(requests), "--model", MODEL, "--base-url", api.base_url,
                   tmp_path=tmp_path).returncode == 0
        assert run("batch", "submit", str(requests), tmp_path=tmp_path).returncode == 0
        assert run("batch", "status", str(requests), tmp_path=tmp_path).returncode == 0  # validating -> in_progress
        assert run("batch", "status", str(requests), tmp_path=tmp_path).returncode == 0  # -> finalizing
        out = tmp_path / "briefs.jsonl"
        killed_at = kill_mid_import(requests, out, tmp_path, api)
        assert 0 < killed_at < count, killed_at
        rerun = run("batch", "collect", str(requests), "--jsonl-out", str(out), tmp_path=tmp_path)
        assert rerun.returncode == 0, rerun.stderr
        assert "the job is done" in rerun.stderr
    ids = [r["id"] for r in lines(out)]
    assert len(ids) == count and sorted(ids) == [f"story{i:03d}" for i in range(count)]


def kill_mid_import(requests: Path, out: Path, tmp_path: Path, api: FakeBatchAPI) -> int:
    """Start collect, SIGKILL it once some briefs are written; how many were."""
    process = run("batch", "collect", str(requests), "--jsonl-out", str(out), tmp_path=tmp_path, api=api, wait=False)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.stat().st_size > 0:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    process.wait(30)
    if process.returncode != -signal.SIGKILL:
        pytest.fail(f"collect was not killed mid-import (exit {process.returncode}): {process.stderr.read()}")
    return len([line for line in out.read_text().splitlines() if line.strip()])
