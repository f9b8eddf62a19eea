"""Shared fixtures: a clean environment and a local fake OpenAI-compatible server."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser.testing.fake_openai import FakeOpenAIServer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "summariser" / "samples" / "syria-withdrawal.txt"


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


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the shared data is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path
