"""Shared fixtures: a clean environment and a local fake OpenAI-compatible server."""

from __future__ import annotations

import pytest
from testkit import SAMPLE

from fakes.fake_openai import FakeOpenAIServer


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    """No real key, server or user config leaks into a test."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISER_BACKEND", "SUMMARISER_MODEL", "SUMMARISER_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture
def fake_openai():
    """A scripted OpenAI-compatible server on 127.0.0.1; push Reply objects onto it."""
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")
