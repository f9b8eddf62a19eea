"""Shared fixtures: a clean environment and a local fake OpenAI-compatible server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testkit import SAMPLE

from fakes.fake_openai import FakeOpenAIServer


@pytest.fixture(scope="session")
def compiled_patterns(tmp_path_factory) -> Path:
    """The extractive rules' compiled patterns, made once per session: every process that runs the
    engine would otherwise compile them again (about a second each) in its fresh cache folder."""
    cache = tmp_path_factory.mktemp("patterns")
    code = ("from summariser.core.patterns import cached_patterns\n"
            "with cached_patterns('attribution'):\n    import summariser.engines.extractive.rules\n"
            "from summariser.core.patterns import patterns_file\nprint(patterns_file('attribution'))")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "XDG_CACHE_HOME": str(cache)},
                          capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path, compiled_patterns):
    """No real key, server or user config leaks into a test; each test gets its own cache folder,
    seeded with the session's compiled patterns (a link: the engine replaces the file, never edits it)."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISER_BACKEND", "SUMMARISER_MODEL", "SUMMARISER_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if compiled_patterns.is_file():
        mine = tmp_path / "cache" / "summariser" / compiled_patterns.name
        mine.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(compiled_patterns, mine)
        except OSError:
            shutil.copyfile(compiled_patterns, mine)


@pytest.fixture
def fake_openai():
    """A scripted OpenAI-compatible server on 127.0.0.1; push Reply objects onto it."""
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
