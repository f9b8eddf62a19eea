"""``summariser eval SUITE --batch``: the suite's model calls through the (fake) OpenAI Batch API, scored as online."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from evalfix import MINI, STORY

from fakes.fake_batch_api import FakeBatchAPI
from fakes.fake_openai import FakeOpenAIServer, extractive_responder

KEY = "sk-eval-batch-secret-0000"


def suite_file(tmp_path: Path, dataset: Path, base_url: str) -> Path:
    data = {"name": "mini-batch", "dataset": str(dataset), "backend": "openai", "model": "gpt-4o-mini",
            "base_url": base_url, "concurrency": 2, "scorers": ["validity", "grounding", "stance", "usage"]}
    path = tmp_path / f"{dataset.parent.name}.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"), OPENAI_API_KEY=KEY)
    return subprocess.run([sys.executable, "-m", "summariser.cli", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def cases(run_dir: Path) -> dict[str, dict]:
    return {row["id"]: row for row in map(json.loads, (run_dir / "cases.jsonl").read_text().splitlines())}


def test_eval_batch_submits_collects_and_scores_the_same_briefs_as_online(tmp_path):
    with FakeBatchAPI(extractive_responder) as api:
        suites = [suite_file(tmp_path, MINI, api.base_url), suite_file(tmp_path, STORY, api.base_url)]
        for suite in suites:
            out = tmp_path / "runs" / suite.stem
            first = run("eval", str(suite), "--batch", "--out", str(out), tmp_path=tmp_path)
            assert first.returncode == 0, first.stderr
            assert "submitted; run the same command again to collect" in first.stderr
            assert not (out / "cases.jsonl").exists()
            for _ in range(8):
                again = run("eval", str(suite), "--batch", "--out", str(out), "--no-progress", tmp_path=tmp_path)
                assert again.returncode == 0, again.stderr
                if (out / "summary.json").exists():
                    break
            assert (out / "summary.json").exists(), again.stderr
            assert KEY not in (out / "config.json").read_text() and KEY not in again.stderr
    with FakeOpenAIServer(extractive_responder) as server:  # the same suites online
        for suite in suites:
            online_out = tmp_path / "online" / suite.stem
            online = run("eval", str(suite), "--out", str(online_out), "--no-cache", "--no-progress",
                         "--base-url", server.base_url, tmp_path=tmp_path)
            assert online.returncode == 0, online.stderr
            batch, direct = cases(tmp_path / "runs" / suite.stem), cases(online_out)
            assert sorted(batch) == sorted(direct) and batch
            for cid in batch:
                b, d = batch[cid]["brief"], direct[cid]["brief"]
                for brief in (b, d):
                    brief["meta"]["latency_s"] = 0.0
                b["meta"]["cost_usd"] = d["meta"]["cost_usd"] = None  # the batch price is half (checked elsewhere)
                assert b == d, cid
