"""End to end against a real llama-server running SmolLM2-135M-Instruct (mechanics, not meaning).

SmolLM2 at 135M parameters writes grammar-valid but often wrong briefs: these tests check what
must hold for any model -- a schema-valid brief, verified quotes exact at their offsets, invented
quotes flagged, and no server process left behind -- never what the brief says.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from summariser import load_settings, load_source
from summariser.backends.clients.local import LlamaServer, _health
from summariser.service.pipeline import aclose, make_brief, make_engine
from summariser.core.schema import Brief
from testkit import PID_LINE, ROOT, SAMPLE, alive, server_pid

pytestmark = pytest.mark.real_model



def servers_running(binary: Path) -> set[int]:
    """Pids of live processes running this llama-server binary."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(os.readlink(entry / "exe")).resolve() == binary.resolve() and alive(int(entry.name)):
                    found.add(int(entry.name))
            except OSError:
                continue
    return found


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summariser", *args], capture_output=True, text=True, timeout=900)


def check_grounding(brief: Brief, text: str) -> None:
    """Every verified quote is exact at its offsets; every other quote is flagged in the warnings."""
    for evidence in brief.evidence():
        if evidence.verified:
            assert evidence.match in ("exact", "normalized")
            assert text[evidence.start:evidence.end] == evidence.quote
        else:
            assert evidence.match in ("fuzzy", "none")
            assert any(w.startswith("unverified quote") and evidence.quote[:40] in w for w in brief.meta.warnings)


def test_cli_brief_with_smollm2_is_schema_valid_grounded_and_leaves_no_server(smollm2, llama_server_binary):
    before = servers_running(llama_server_binary)
    result = cli("brief", str(SAMPLE), "--backend", "local", "--model-path", str(smollm2),
                 "--format", "json", "-v", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    brief = Brief.model_validate_json(result.stdout)
    assert brief.meta.backend == "local" and brief.meta.model == smollm2.stem
    assert brief.meta.usage.requests == brief.meta.attempts >= 1
    check_grounding(brief, load_source(str(SAMPLE)).text)
    pid = int(PID_LINE.search(result.stderr).group(1))
    assert not alive(pid)
    assert servers_running(llama_server_binary) <= before


def test_quotes_the_model_invents_are_flagged_not_verified(smollm2, tmp_path):
    """The model sees only the headline, must write stance rows, so every quote it gives is invented."""
    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)  # templates may include shared parts (prompts/_shared)
    shutil.copytree(prompts / "brief", prompts / "blind")
    (prompts / "blind" / "user.j2").write_text(
        "Write a brief about this news story: {{ title }}. Give stance rows with quotes of what officials said.\n",
        encoding="utf-8",
    )
    settings = load_settings(backend="local", model_path=str(smollm2), template="blind", prompts_dir=str(prompts),
                             max_attempts=2)
    doc = load_source(str(SAMPLE))

    async def run() -> Brief:
        engine = make_engine(settings)
        engine.schema["properties"]["stance_table"]["minItems"] = 1  # force at least one quote
        try:
            return await make_brief(doc, engine, settings)
        finally:
            await aclose(engine)

    brief = asyncio.run(run())
    assert brief.stance_table, "the schema asked for at least one stance row"
    unverified = [e for e in brief.evidence() if not e.verified]
    assert unverified, "a model that never saw the article cannot quote it verbatim"
    check_grounding(brief, doc.text)
    assert brief.meta.attempts == 2, "unverified quotes are re-asked before they are kept"


def test_server_context_manager_serves_health_and_stops(smollm2, llama_server_binary):
    with LlamaServer(llama_server_binary, smollm2) as server:
        assert _health(server.port) == 200
        pid = server.pid
        assert alive(pid)
    assert not alive(pid)


def test_judge_scores_are_weighted_by_the_real_servers_token_probabilities(smollm2, llama_server_binary):
    """llama-server returns top_logprobs under a JSON schema, so every judge score is a G-Eval expected value."""
    from summariser.evals.dataset import load_dataset
    from summariser.evals.judge import CRITERIA, Judge
    from summariser.backends.clients.openai_chat import OpenAIChat
    from summariser.service.pipeline import brief_document
    from summariser.engines.llm.prompts import load_template

    [case] = [c for c in load_dataset(ROOT / "evals" / "datasets" / "smoke" / "cases.jsonl").cases if c.id == "wn14"]
    brief = asyncio.run(brief_document(case.documents()[0], load_settings(backend="extractive")))
    with LlamaServer(llama_server_binary, smollm2) as server:
        chat = OpenAIChat(model=smollm2.stem, api_key=None, base_url=server.base_url, max_retries=0, timeout_s=600)
        scores = asyncio.run(Judge(chat, load_template("judge")).score(case, brief))
    assert scores["judge_weighted"] == 1.0
    assert all(1.0 <= scores[f"judge_{c}"] <= 5.0 for c in CRITERIA)
    assert any(scores[f"judge_{c}"] != round(scores[f"judge_{c}"]) for c in CRITERIA), "weighted, not integers"


def test_ctrl_c_during_a_brief_stops_the_server(smollm2):
    proc = subprocess.Popen(
        [sys.executable, "-m", "summariser", "brief", str(SAMPLE), "--model-path", str(smollm2), "-v", "--no-cache"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    pid = server_pid(proc.stderr)
    assert pid is not None
    proc.send_signal(signal.SIGINT)
    proc.stderr.read()
    assert proc.wait(timeout=120) == 130
    assert not alive(pid)


def test_output_budget_cut_off_is_reasked_not_a_crash(smollm2):
    """With a tiny output budget the first answer is cut off; the re-ask under a smaller schema follows."""
    result = cli("brief", str(SAMPLE), "--model-path", str(smollm2), "--format", "json", "--no-cache",
                 "--max-output-tokens", "120", "--max-attempts", "3")
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        brief = json.loads(result.stdout)
        assert brief["meta"]["attempts"] >= 2
    else:
        assert result.returncode == 4 and "cut off" in result.stderr and result.stderr.count("\n") == 1


def test_smoke_eval_suite_runs_end_to_end_and_writes_its_report(smollm2, llama_server_binary, tmp_path):
    before = servers_running(llama_server_binary)
    run_dir = tmp_path / "run"
    result = cli("eval", str(ROOT / "evals" / "suites" / "smollm2-smoke.yaml"), "--model-path", str(smollm2),
                 "--out", str(run_dir), "--no-cache", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (run_dir / "report.html").is_file() and (run_dir / "summary.json").is_file()
    cases = [json.loads(line) for line in (run_dir / "cases.jsonl").read_text().splitlines()]
    assert sorted(c["id"] for c in cases) == ["wn11", "wn14"]
    assert json.loads((run_dir / "config.json").read_text())["system"]["backend"] == "local"
    assert servers_running(llama_server_binary) <= before
