"""Suites: validation, paths relative to the suite file, the shipped dev suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser.core.errors import ConfigError
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


def test_systems_expand_into_one_suite_each(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "s.yaml").write_text(
        "name: cmp\ndataset: c.jsonl\nwords: 90\nsystems:\n"
        "  - {name: central, extractive_mode: central}\n"
        "  - {name: gpt, backend: openai, model: gpt-4o-mini, base_url: 'http://127.0.0.1:9/v1'}\n"
    )
    central, gpt = load_suite(tmp_path / "s.yaml").expand()
    assert (central.name, central.backend, central.extractive_mode, central.words) == ("cmp-central", "extractive", "central", 90)
    assert (gpt.name, gpt.backend, gpt.model, gpt.words) == ("cmp-gpt", "openai", "gpt-4o-mini", 90)
    assert central.systems == [] and gpt.systems == []


def test_systems_need_distinct_names(tmp_path):
    (tmp_path / "s.yaml").write_text("dataset: c.jsonl\nsystems:\n  - {name: a}\n  - {name: a, extractive_mode: lead3}\n")
    with pytest.raises(ConfigError, match="distinct names"):
        load_suite(tmp_path / "s.yaml")


def test_shipped_systems_suite_runs_both_systems_and_prints_them_side_by_side(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "summariser", "eval", str(SUITES / "dev-systems.yaml"), "--out", str(tmp_path / "runs"), "--no-progress"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["dev-central", "dev-lead3"]
    table = result.stdout.split("systems side by side:")[1].splitlines()
    central = next(line for line in table if line.startswith("dev-central")).split()
    lead3 = next(line for line in table if line.startswith("dev-lead3")).split()
    assert central[1] == lead3[1] == "1.000"  # quote grounding
    assert float(central[5]) > float(lead3[5])  # key-fact coverage: the central summary covers more than Lead-3
