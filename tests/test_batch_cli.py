"""Batch briefs through the command line: folders, --output-dir resume, budgets, cache, bad items."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from fakes.fake_openai import FakeOpenAIServer, extractive_responder

from testkit import SAMPLE


def run(server, *args: str, tmp_path, model: str = "gpt-4o-mini") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.run(
        [sys.executable, "-m", "summariser.cli", "brief", *args, "--base-url", server.base_url, "--model", model],
        capture_output=True, text=True, env=env, timeout=60,
    )


def folder_of_articles(tmp_path, n: int = 4):
    folder = tmp_path / "wire"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"story{i}.txt").write_text(f"Story number {i}\n\n{text}", encoding="utf-8")
    (folder / "notes.csv").write_text("not an article", encoding="utf-8")
    return folder


def test_folder_to_output_dir_then_rerun_does_nothing_twice(tmp_path):
    folder = folder_of_articles(tmp_path)
    out = tmp_path / "briefs"
    with FakeOpenAIServer(extractive_responder) as server:
        first = run(server, str(folder), "--output-dir", str(out), "--no-cache", tmp_path=tmp_path)
        assert first.returncode == 0, first.stderr
        assert sorted(p.name for p in out.glob("*.md")) == [f"story{i}.md" for i in range(4)]
        umask = os.umask(0)
        os.umask(umask)
        assert {p.stat().st_mode & 0o777 for p in out.glob("*.md")} == {0o666 & ~umask}
        assert "4 done, 0 failed" in first.stderr
        second = run(server, str(folder), "--output-dir", str(out), "--no-cache", tmp_path=tmp_path)
        assert second.returncode == 0 and "4 already done earlier" in second.stderr
        assert len(server.requests) == 4
    assert not list(out.glob(".*.tmp"))


def test_budget_stops_new_items_keeps_done_and_rerun_finishes(tmp_path):
    folder = folder_of_articles(tmp_path)
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(extractive_responder) as server:  # 150 tokens per answer
        capped = run(server, str(folder), "--jsonl-out", str(out), "--max-tokens", "300", "--concurrency", "1",
                     tmp_path=tmp_path)
        assert capped.returncode == 5, capped.stderr
        assert "budget reached" in capped.stderr and "2 not started" in capped.stderr
        assert len(out.read_text().splitlines()) == 2
        rest = run(server, str(folder), "--jsonl-out", str(out), tmp_path=tmp_path)
        assert rest.returncode == 0, rest.stderr
    assert sorted(json.loads(l)["id"] for l in out.read_text().splitlines()) == [f"story{i}" for i in range(4)]


def test_bad_jsonl_line_is_reported_and_skipped(tmp_path):
    source = tmp_path / "in.jsonl"
    text = SAMPLE.read_text(encoding="utf-8")
    source.write_text(json.dumps({"id": "ok", "text": text}) + "\n{not json\n" + json.dumps({"id": "empty"}) + "\n")
    out = tmp_path / "out.jsonl"
    with FakeOpenAIServer(extractive_responder) as server:
        result = run(server, str(source), "--jsonl-out", str(out), tmp_path=tmp_path)
    assert result.returncode == 7
    assert "in.jsonl:2: not valid JSON" in result.stderr and "in.jsonl:3: has no text, path or url" in result.stderr
    assert "2 of 3 item(s) failed" in result.stderr and "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if "failed:" in line]
    assert len(failed) == 2 and all(line.count("in.jsonl:") == 1 for line in failed), result.stderr
    assert [json.loads(l)["id"] for l in out.read_text().splitlines()] == ["ok"]


def test_single_article_unchanged_and_second_run_comes_from_the_cache(tmp_path):
    with FakeOpenAIServer(extractive_responder) as server:
        first = run(server, "--sample", tmp_path=tmp_path)
        second = run(server, "--sample", tmp_path=tmp_path)
        assert len(server.requests) == 1
    assert first.returncode == 0 and first.stdout.startswith("# ")
    def body(out: str) -> list[str]:  # without the *Source:* line (usage and timing)
        return [line for line in out.splitlines() if not line.startswith("*Source:")]

    assert body(second.stdout) == body(first.stdout)
    assert "summariser: 1 input(s)" not in first.stderr  # not a batch: no batch summary


def test_max_cost_needs_a_known_price(tmp_path):
    folder = folder_of_articles(tmp_path, 1)
    with FakeOpenAIServer(extractive_responder) as server:
        env_model = run(server, str(folder), "--max-cost", "1", model="house-model", tmp_path=tmp_path)
    assert env_model.returncode == 2 and "--max-cost needs the price of house-model" in env_model.stderr
