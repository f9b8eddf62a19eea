"""The brief service: one BriefSpec fingerprint for cache, batch resume and eval resume; plans that start nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summariser.core.errors import ConfigError
from fakes.fake_openai import FakeOpenAIServer, extractive_responder

from testkit import ROOT, SAMPLE

sys.path.insert(0, str(ROOT / "tests" / "evals"))
from evalfix import write_suite  # noqa: E402,F401  (fixture)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summariser", *args], capture_output=True, text=True,
                          env=_env(tmp_path), timeout=120)


@pytest.mark.parametrize("option", [["--chunk-tokens", "300"], ["--context-window", "3200"]])
def test_batch_resume_reruns_an_input_when_the_chunking_changes(tmp_path, option):
    out = tmp_path / "briefs.jsonl"
    with FakeOpenAIServer(extractive_responder) as server:
        common = ["brief", str(SAMPLE), "--jsonl-out", str(out), "--no-cache", "--base-url", server.base_url,
                  "--model", "gpt-4o-mini"]
        first = _cli(tmp_path, *common)
        assert first.returncode == 0, first.stderr
        calls_before = len(server.requests)
        second = _cli(tmp_path, *common, *option)
        assert second.returncode == 0, second.stderr
        assert "already done" not in second.stderr
        assert len(server.requests) - calls_before > 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["brief"]["meta"]["processing"]["mode"] for r in records] == ["single", "map_reduce"]
    assert records[0]["key"] != records[1]["key"]


def test_eval_resume_refuses_a_run_made_with_other_chunking(tmp_path, write_suite):
    from summariser.evals.runner import RunOptions, run_suite
    from summariser.evals.suite import load_suite

    suite = load_suite(write_suite())
    run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False))
    with pytest.raises(ConfigError, match="different"):
        run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False,
                                    overrides={"chunk_tokens": 300}))


def test_dry_run_with_a_model_path_starts_no_server(tmp_path):
    marker = tmp_path / "started"
    script = tmp_path / "llama-server"
    script.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n")
    script.chmod(0o755)
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF")
    result = _cli(tmp_path, "brief", "--sample", "--dry-run", "--model-path", str(model), "--llama-server", str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("plan: single, 1 document(s), 1 chunk(s), 1 call(s)")
    assert "to tiny" in result.stdout
    assert not marker.exists()


def test_dry_run_at_a_self_hosted_server_without_a_model_prices_nothing(tmp_path):
    result = _cli(tmp_path, "brief", "--sample", "--dry-run", "--base-url", "http://127.0.0.1:9/v1")
    assert result.returncode == 0, result.stderr
    assert "gpt-4o-mini" not in result.stdout.splitlines()[0]
    assert "$" not in result.stdout
    assert "the server's model" in result.stdout


def test_dry_run_prices_a_named_model_and_openai_default(tmp_path):
    named = _cli(tmp_path, "brief", "--sample", "--dry-run", "--base-url", "http://127.0.0.1:9/v1", "--model", "gpt-4o-mini")
    assert named.returncode == 0 and "estimated cost: ~$" in named.stdout
    env_key = _env(tmp_path) | {"OPENAI_API_KEY": "sk-test-not-used"}
    hosted = subprocess.run([sys.executable, "-m", "summariser", "brief", "--sample", "--dry-run"],
                            capture_output=True, text=True, env=env_key, timeout=60)
    assert hosted.returncode == 0 and "to gpt-4o-mini" in hosted.stdout and "estimated cost: ~$" in hosted.stdout


# --- BriefSpec ----------------------------------------------------------------------------------

# For every Settings field that shapes a brief: a base and a changed value (the base settings use a model server).
CHANGES = {
    "backend": ("", "extractive"),
    "model": ("gpt-4o-mini", "gpt-4.1-mini"),
    "base_url": ("http://127.0.0.1:9/v1", "http://127.0.0.1:10/v1"),
    "template": ("brief", "extract"),
    "words": (150, 80),
    "audience": ("newspaper editors", "radio producers"),
    "language": ("English", "French"),
    "max_attempts": (3, 2),
    "temperature": (0.0, 0.7),
    "max_output_tokens": (2048, 1024),
    "context_window": (0, 3200),
    "chunk_tokens": (0, 300),
    "extractive_mode": ("central", "lead3"),
    "model_path": ("", "tiny.gguf"),
    "prices": ({}, {"gpt-4o-mini": (9.0, 9.0)}),
}


def _spec(**values):
    from summariser.core.settings import Settings
    from summariser.service.settings import validate
    from summariser.service.spec import BriefSpec

    return BriefSpec.of(validate(Settings(**{"base_url": "http://127.0.0.1:9/v1", "model": "gpt-4o-mini", **values})))


def test_every_setting_that_shapes_a_brief_changes_the_fingerprint(tmp_path):
    from dataclasses import fields

    from summariser.core.settings import Settings
    from summariser.service.spec import NOT_SHAPING

    assert {f.name for f in fields(Settings)} == set(CHANGES) | {"prompts_dir"} | NOT_SHAPING
    for name, (before, after) in CHANGES.items():
        if name == "model_path":
            (tmp_path / after).write_bytes(b"GGUF")
            after = str(tmp_path / after)
        assert _spec(**{name: before}).fingerprint() != _spec(**{name: after}).fingerprint(), name
    import shutil

    from summariser.engines.llm.prompts import default_prompts_dir

    mine = tmp_path / "prompts"
    shutil.copytree(default_prompts_dir(), mine)
    assert _spec(prompts_dir=str(mine)).fingerprint() == _spec().fingerprint()  # the same content
    (mine / "brief" / "system.j2").write_text("Summarise.\n")
    assert _spec(prompts_dir=str(mine)).fingerprint() != _spec().fingerprint()


def test_settings_that_do_not_shape_a_brief_leave_the_fingerprint(tmp_path):
    base = _spec().fingerprint()
    assert _spec(api_key="sk-test-secret", max_retries=0, timeout_s=5.0, llama_server="/bin/true").fingerprint() == base
    assert "sk-test-secret" not in json.dumps(_spec(api_key="sk-test-secret").record())
    assert "pw" not in json.dumps(_spec(base_url="http://u:pw@127.0.0.1:9/v1").record())


# --- backends, engines and the Briefer ------------------------------------------------------------


def test_builtin_backends_are_registered_and_unknown_ones_are_a_config_error():
    from summariser.backends import backend_names, registry

    assert backend_names()[:3] == ["extractive", "openai", "local"]
    with pytest.raises(ConfigError, match="unknown backend 'nope'; use one of: extractive, openai, local"):
        registry.get("nope")


def test_a_plugin_backend_registers_through_the_same_hook(monkeypatch):
    import asyncio

    from summariser.backends import Backend, Registry
    from summariser.core.settings import Settings
    from summariser.ingest.documents import document_from_text
    from summariser.engines.base import Draft, EngineInfo
    from summariser.engines.extractive import ExtractiveBackend
    from summariser.service import Briefer

    class Upper(ExtractiveBackend):
        async def draft(self, docs, settings, story=""):
            made = await super().draft(docs, settings, story)
            return Draft(made.brief.model_copy(update={"headline": made.brief.headline.upper()}))

    def register(registry: Registry) -> None:
        registry.add(Backend("upper", lambda s: EngineInfo("extractive", "upper", priced=False), lambda s, **_: Upper()))

    from summariser import backends

    fresh = Registry()
    register(fresh)
    monkeypatch.setattr(backends, "registry", fresh)
    settings = Settings(backend="upper")

    async def run():
        async with Briefer(settings) as briefer:
            return await briefer.brief(document_from_text(SAMPLE.read_text(encoding="utf-8")))

    made = asyncio.run(run())
    assert made.headline == made.headline.upper()


def test_briefer_plan_starts_nothing_and_hooks_see_each_brief():
    import asyncio

    from summariser import Briefer, load_settings
    from summariser.ingest.documents import load_source
    from summariser.service import Hooks

    doc = load_source(str(SAMPLE))
    briefer = Briefer(load_settings(base_url="http://127.0.0.1:9/v1"))
    assert briefer.plan([doc])[0].calls == 1 and not briefer.engine.started
    seen: list[str] = []
    hooks = Hooks()
    hooks.on("brief:start", lambda docs: seen.append(f"start {len(docs)}"))
    hooks.on("brief:done", lambda brief, docs: seen.append("done"))

    async def run():
        async with Briefer(load_settings(), hooks=hooks) as offline:
            return await offline.brief_each([doc, doc])

    assert len(asyncio.run(run())) == 2 and seen == ["start 1", "start 1", "done", "done"] or seen.count("done") == 2


def test_library_brief_is_the_cli_brief(tmp_path):
    from summariser import brief, load_settings
    from summariser.render import render

    made = brief(str(SAMPLE), load_settings())
    cli = _cli(tmp_path, "brief", "--sample", "-f", "json")
    ours = json.loads(render(made, "json"))
    theirs = json.loads(cli.stdout)
    ours["meta"]["latency_s"] = theirs["meta"]["latency_s"] = 0
    assert ours == theirs


# --- lazy loading ---------------------------------------------------------------------------------


def _imported(tmp_path: Path, *args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "summariser", *args], capture_output=True,
                            text=True, env=_env(tmp_path), timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_help_loads_no_models_engines_or_web_stack(tmp_path):
    loaded = _imported(tmp_path, "--help")
    for heavy in ("pydantic", "jinja2", "openai", "fastapi", "trafilatura", "summariser.engines.extractive.attribution", "asyncio"):
        assert heavy not in loaded, heavy


def test_an_offline_brief_loads_neither_the_sdk_nor_the_web_stack_nor_the_html_extractor(tmp_path):
    loaded = _imported(tmp_path, "brief", "--sample")
    assert "summariser.engines.extractive.attribution" in loaded
    for heavy in ("openai", "fastapi", "uvicorn", "trafilatura", "jinja2"):
        assert heavy not in loaded, heavy


def test_cached_patterns_are_the_patterns_re_compiles(tmp_path, monkeypatch):
    import re

    from summariser.core.patterns import cached_patterns, patterns_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sources = [r"(?P<who>[A-Z]\w+) (?:said|told)\b", r"\b(?:" + "|".join(f"w{i}" for i in range(500)) + r")\b"]
    expected = [re.compile(p, re.IGNORECASE) for p in sources]
    for _ in range(2):  # the first run fills the file, the second answers from it
        re.purge()
        with cached_patterns("test"):
            got = [re.compile(p, re.IGNORECASE) for p in sources]
        assert got == expected and got[0].groupindex == {"who": 1}
    assert patterns_file("test").is_file()
    patterns_file("test").write_bytes(b"damaged")
    re.purge()
    with cached_patterns("test"):
        assert re.compile(sources[0], re.IGNORECASE) == expected[0]


def test_the_pattern_cache_keeps_only_the_patterns_this_version_compiles(tmp_path, monkeypatch):
    """An upgrade's old patterns are dropped (they made the file grow at every release and be
    loaded at every start); a block that compiles nothing (a second import) leaves the file alone."""
    import marshal
    import re

    from summariser.core.patterns import cached_patterns, patterns_file

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    def stored():
        return {p for p, _ in marshal.loads(patterns_file("test").read_bytes())}

    for version in (["old one", "kept"], ["kept", "new one"]):
        re.purge()
        with cached_patterns("test"):
            for pattern in version:
                re.compile(pattern)
    assert stored() == {"kept", "new one"}
    re.purge()
    with cached_patterns("test"):  # only part of the patterns (a module imported before the block): all kept
        re.compile("kept")
    assert stored() == {"kept", "new one"}


def test_the_cli_knows_the_formats_render_knows():
    from summariser import cli_options, render

    assert cli_options.FORMATS == render.FORMATS
