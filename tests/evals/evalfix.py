"""Fixtures for the evaluation harness tests (import them by name: a conftest.py here would shadow tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from summariser.evals.dataset import Dataset, load_dataset
from summariser.evals.predictions import gold_brief

MINI = Path(__file__).parent / "data" / "mini" / "cases.jsonl"
STORY = Path(__file__).parent / "data" / "story" / "cases.jsonl"  # one case of two articles (a path and inline)


@pytest.fixture
def mini() -> Dataset:
    return load_dataset(MINI)


@pytest.fixture
def story() -> Dataset:
    return load_dataset(STORY)


@pytest.fixture
def write_suite(tmp_path):
    """Write a suite YAML over the mini dataset (fields override the defaults); return its path."""

    def write(name: str = "mini", **fields) -> Path:
        data = {"name": name, "dataset": str(MINI), "backend": "extractive", "concurrency": 2, **fields}
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_predictions(tmp_path):
    """Write a predictions JSONL of {id, brief} lines; return its path."""

    def write(briefs: dict, name: str = "predictions.jsonl") -> Path:
        path = tmp_path / name
        lines = [json.dumps({"id": cid, "brief": b.model_dump(mode="json")}) for cid, b in briefs.items()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def gold_briefs(mini) -> dict:
    return {case.id: gold_brief(case) for case in mini.cases}
