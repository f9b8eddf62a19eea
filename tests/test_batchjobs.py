"""Batch jobs: export -> engine -> import gives the online path's briefs, byte for byte; bad input is refused whole."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest

import summariser.service.pipeline
from summariser.batchjobs.format import result_line
from fakes.fake_batch_api import run_requests
from fakes.fake_openai import FakeOpenAIServer

from batchkit import MODEL, articles, cli, scripted


@pytest.fixture
def fixed_clock(monkeypatch):
    """meta.latency_s is wall time, different in any two runs: fix the pipeline's clock so briefs compare whole."""
    monkeypatch.setattr(summariser.service.pipeline, "time", types.SimpleNamespace(perf_counter=lambda: 0.0))


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_rounds(requests: Path, *import_args: str) -> list[Path]:
    """Answer each round with the scripted engine and import it, until no next round is written."""
    done = []
    while True:
        results = requests.with_name(requests.name.replace(".jsonl", ".results.jsonl"))
        run_requests(requests, results, scripted)
        result = cli("batch", "import", str(requests), str(results), *import_args)
        assert result.exit_code == 0, result.output
        done.append(requests)
        if not result.stdout.strip():
            return done
        requests = Path(result.stdout.strip())


def test_online_and_batch_briefs_are_byte_identical_with_reask_and_reduce_rounds(tmp_path, fixed_clock, monkeypatch):
    inputs = articles(tmp_path / "wire")
    style = ["--model", MODEL, "--chunk-tokens", "300", "--words", "80"]
    with FakeOpenAIServer(scripted) as server:
        online = cli("brief", *inputs, "--output-dir", str(tmp_path / "online"), "--format", "json", "--no-cache",
                     "--concurrency", "1", "--base-url", server.base_url, *style)
        assert online.exit_code == 0, online.output
        sent = list(server.requests)
        base_url = server.base_url
    requests = tmp_path / "job" / "requests.jsonl"
    exported = cli("batch", "export", *inputs, "-o", str(requests), "--base-url", base_url, "--price-factor", "1", *style)
    assert exported.exit_code == 0, exported.output
    round1 = lines(requests)
    assert {r["method"] for r in round1} == {"POST"} and {r["url"] for r in round1} == {"/v1/chat/completions"}
    canonical = lambda body: json.dumps(body, sort_keys=True)  # noqa: E731
    exported_bodies = sorted(canonical(r["body"]) for r in round1)
    # the online path's own requests (a long article's map calls run concurrently online, so in any order)
    assert exported_bodies == sorted(canonical(b) for b in sent if canonical(b) in exported_bodies)
    assert all(b["response_format"]["json_schema"]["strict"] is True for b in (r["body"] for r in round1))
    rounds = run_rounds(requests, "--output-dir", str(tmp_path / "batch"), "--format", "json", "--no-cache")
    assert len(rounds) == 2  # round 2: the long article's reduce and the re-ask of the invented quote
    round2 = lines(rounds[1])
    assert sorted(r["body"]["response_format"]["json_schema"]["name"] for r in round2) == ["DraftBrief", "MergeDraft"]
    online_files = sorted((tmp_path / "online").glob("*.json"))
    assert [p.name for p in online_files] == ["kato.json", "long.json", "short.json"]
    for path in online_files:
        assert (tmp_path / "batch" / path.name).read_bytes() == path.read_bytes(), path.name
    briefs = {p.stem: json.loads(p.read_text()) for p in online_files}
    assert briefs["long"]["meta"]["processing"]["mode"] == "map_reduce"
    assert briefs["kato"]["meta"]["attempts"] == 2 and briefs["kato"]["meta"]["usage"]["requests"] == 2
    assert briefs["kato"]["meta"]["cost_usd"] > 0
    # every request the online run sent was in one of the rounds, and nothing else
    batch_bodies = [r["body"] for path in rounds for r in lines(path)]
    assert sorted(map(canonical, batch_bodies)) == sorted(map(canonical, sent))


def test_batch_price_is_half_the_online_price_and_answers_fill_the_cache(tmp_path, monkeypatch):
    inputs = articles(tmp_path / "wire")[:2]
    monkeypatch.setenv("SUMMARISER_CACHE_PATH", str(tmp_path / "answers.sqlite3"))
    requests = tmp_path / "requests.jsonl"
    with FakeOpenAIServer(scripted) as server:
        exported = cli("batch", "export", *inputs, "-o", str(requests), "--model", MODEL, "--base-url", server.base_url)
        assert exported.exit_code == 0, exported.output
        out = tmp_path / "briefs.jsonl"
        rounds = run_rounds(requests, "--jsonl-out", str(out))
        assert len(rounds) == 2
        batch = {row["id"]: row["brief"] for row in lines(out)}
        assert sorted(batch) == ["kato", "short"]
        usage = batch["short"]["meta"]["usage"]
        online_price = (usage["prompt_tokens"] * 0.15 + usage["completion_tokens"] * 0.60) / 1e6
        assert batch["short"]["meta"]["cost_usd"] == round(online_price / 2, 6)
        # an online run of the same briefs finds every answer in the cache: nothing is sent
        online = cli("brief", *inputs, "--jsonl-out", str(tmp_path / "online.jsonl"), "--base-url", server.base_url,
                     "--model", MODEL)
        assert online.exit_code == 0, online.output
        assert server.requests == []
    assert sorted(row["id"] for row in lines(tmp_path / "online.jsonl")) == ["kato", "short"]


def summariser_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-m", "summariser.cli", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture
def exported(tmp_path):
    """Two articles exported and answered by the engine: (requests, results)."""
    inputs = articles(tmp_path / "wire")[:2]
    requests = tmp_path / "requests.jsonl"
    assert cli("batch", "export", *inputs, "-o", str(requests), "--model", MODEL).exit_code == 0
    results = tmp_path / "results.jsonl"
    run_requests(requests, results, scripted)
    return requests, results


def refused(tmp_path, requests: Path, results: Path, expected: str) -> None:
    """The import fails with one line naming ``expected``, and writes nothing."""
    out = tmp_path / "briefs.jsonl"
    result = summariser_cli("batch", "import", str(requests), str(results), "--jsonl-out", str(out), tmp_path=tmp_path)
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not out.exists()
    job = sqlite3.connect(requests.with_name("requests.job.sqlite3"))
    assert job.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0
    assert list(requests.parent.glob("requests.round*.jsonl")) == []


def test_results_of_another_export_are_refused(tmp_path, exported):
    requests, _ = exported
    other = tmp_path / "other"
    inputs = articles(other / "wire")[2:]
    assert cli("batch", "export", *inputs, "-o", str(other / "requests.jsonl"), "--model", MODEL).exit_code == 0
    run_requests(other / "requests.jsonl", other / "results.jsonl", scripted)
    refused(tmp_path, requests, other / "results.jsonl", "these are the results of another export")


def test_a_truncated_results_file_is_refused(tmp_path, exported):
    requests, results = exported
    data = results.read_bytes()
    results.write_bytes(data[: len(data) - 40])
    refused(tmp_path, requests, results, "results.jsonl:2: not a JSON result line (cut off: the file is truncated)")


def test_a_result_for_an_unknown_custom_id_is_refused(tmp_path, exported):
    requests, results = exported
    first = json.loads(results.read_text().splitlines()[0])
    with results.open("a") as handle:
        handle.write(result_line("not-one-of-ours", first["response"]["body"]))
    refused(tmp_path, requests, results, "results.jsonl:3: custom_id 'not-one-of-ours' is not in")


def test_answers_from_a_wrong_model_are_refused(tmp_path, exported):
    requests, results = exported
    results.write_text(results.read_text().replace(f'"model":"{MODEL}"', '"model":"gpt-4o"'))
    refused(tmp_path, requests, results, "answered by model 'gpt-4o', but the job asked 'gpt-4o-mini'")


def test_a_changed_requests_file_is_refused(tmp_path, exported):
    requests, results = exported
    requests.write_text(requests.read_text() + "\n")
    result = summariser_cli("batch", "import", str(requests), str(results), tmp_path=tmp_path)
    assert result.returncode == 2 and "not a requests file of the job" in result.stderr


def test_engine_failures_are_listed_and_retried_in_the_next_round(tmp_path, exported):
    requests, results = exported
    rows = results.read_text().splitlines()
    failed = json.loads(rows[1])["custom_id"]  # kato.txt's
    rows[1] = result_line(failed, {"error": {"message": "model overloaded", "code": "server_error"}}, status=500).strip()
    results.write_text("\n".join(rows) + "\n")
    out = tmp_path / "briefs.jsonl"
    result = summariser_cli("batch", "import", str(requests), str(results), "--jsonl-out", str(out), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"failed on the engine: {failed}: HTTP 500: server_error: model overloaded" in result.stderr
    next_round = Path(result.stdout.strip())
    assert failed in [r["custom_id"] for r in lines(next_round)]  # the same request, the same custom_id
    assert [r["id"] for r in lines(out)] == ["short"]


def test_import_again_writes_nothing_twice(tmp_path, exported):
    requests, results = exported
    out = tmp_path / "briefs.jsonl"
    first = summariser_cli("batch", "import", str(requests), str(results), "--jsonl-out", str(out), tmp_path=tmp_path)
    again = summariser_cli("batch", "import", str(requests), str(results), "--jsonl-out", str(out), tmp_path=tmp_path)
    assert first.returncode == again.returncode == 0
    assert first.stdout == again.stdout  # the same next round file, not a new one
    assert "1 written earlier" in again.stderr
    assert len(lines(out)) == 1 and len(list(tmp_path.glob("requests.round*.jsonl"))) == 1


def test_export_refuses_to_overwrite_a_job_and_other_backends(tmp_path, exported):
    requests, _ = exported
    again = summariser_cli("batch", "export", str(requests.parent / "wire"), "-o", str(requests), tmp_path=tmp_path)
    assert again.returncode == 2 and "a batch job is already there" in again.stderr
    local = summariser_cli("batch", "export", str(requests.parent / "wire"), "-o", str(tmp_path / "x.jsonl"),
                           "--backend", "local", tmp_path=tmp_path)
    assert local.returncode == 1 and "No such option" in local.stderr  # a batch engine is OpenAI-compatible
