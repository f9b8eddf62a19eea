"""Suites: validation, paths relative to the suite file, the shipped dev suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser.errors import ConfigError
from summariser.evals.dataset import load_dataset
from summariser.evals.runner import RunOptions, run_suite
from summariser.evals.suite import load_suite

SUITES = Path(__file__).resolve().parents[2] / "evals" / "suites"


def test_dataset_path_is_relative_to_the_suite(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "c.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "one.yaml").write_text("dataset: ../data/c.jsonl\n")
    suite = load_suite(tmp_path / "s" / "one.yaml")
    assert suite.name == "one" and load_dataset(suite.dataset_path).cases[0].id == "a"


@pytest.mark.parametrize("text, message", [
    ("dataset: x\nscorers: [rouge, bleu]\n", "unknown scorer(s) bleu"),
    ("dataset: x\nbakend: openai\n", "bakend: Extra inputs are not permitted"),
    ("backend: extractive\n", "dataset: Field required"),
    ("dataset: [unclosed\n", "suite.yaml:2: not valid YAML"),
    ("- a list\n", "expected a mapping"),
    ("dataset: x\nconcurrency: 0\n", "concurrency"),
])
def test_bad_suites_are_config_errors(tmp_path, text, message):
    path = tmp_path / "suite.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        load_suite(path)


def test_shipped_suites_are_valid():
    for path in sorted(SUITES.glob("*.yaml")):
        suite = load_suite(path)
        assert suite.dataset_path.is_file(), path


def test_dev_suite_passes_its_gates_on_the_extractive_engine(tmp_path):
    suite = load_suite(SUITES / "dev.yaml")
    result = run_suite(suite, RunOptions(out=tmp_path / "dev", progress=False))
    failed = [g.describe() for g in result.gates if g.status == "fail"]
    assert not failed and result.summary["cases"] >= 20
