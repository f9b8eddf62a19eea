"""The committed dev set: it loads, its multi-article cases tie every gold row to an existing source,
and its own stdlib validator passes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from summariser.evals.dataset import load_dataset
from summariser.evals.predictions import gold_brief
from summariser.evals.scorers import ScoreInput, score_case

from testkit import ROOT

DEV = ROOT / "evals" / "datasets" / "dev"
STORIES = ("syria-withdrawal-story", "iran-saudi-story")


@pytest.fixture(scope="module")
def dev():
    return load_dataset(DEV / "cases.jsonl")


def test_dev_set_loads_with_its_multi_article_cases(dev):
    assert len(dev.cases) == 180
    assert [c.id for c in dev.cases if c.multi_article] == list(STORIES)


@pytest.mark.parametrize("case_id", STORIES)
def test_story_gold_rows_name_an_existing_source_holding_the_quote(dev, case_id):
    case = dev.by_id()[case_id]
    texts = {doc.id: doc.text for doc in case.documents()}
    assert len(texts) == 2 and case.gold_stances
    for row in case.gold_stances:
        assert row.source in texts and row.quote in texts[row.source], (row.actor, row.source)
    singles = dev.by_id()
    for article in case.articles or []:
        assert article.text == singles[article.id].text  # the same committed article as its single case


@pytest.mark.parametrize("case_id", STORIES)
def test_story_gold_scored_as_prediction_gets_full_marks(dev, case_id):
    case = dev.by_id()[case_id]
    scores = score_case(ScoreInput(case, gold_brief(case)))
    assert scores["quote_grounding"] == scores["stance_f1"] == scores["source_accuracy"] == 1.0


def test_the_dev_set_validator_passes():
    done = subprocess.run([sys.executable, str(DEV.parent / "check_dataset.py"), "dev"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "+ 2 multi-article (4 articles)" in done.stdout


def test_the_validator_takes_a_folder_and_refuses_a_missing_path_in_one_line(tmp_path):
    checker = str(DEV.parent / "check_dataset.py")
    folder = subprocess.run([sys.executable, checker, str(DEV)], capture_output=True, text=True, timeout=60)
    assert folder.returncode == 0 and folder.stdout.rstrip().endswith("OK"), folder.stderr[-2000:]
    missing = subprocess.run([sys.executable, checker, str(tmp_path / "nowhere")], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and "Traceback" not in missing.stdout + missing.stderr
    assert "neither dev, test, a folder holding cases.jsonl nor a cases.jsonl file" in missing.stdout


def test_dev_suite_comment_quotes_the_figures_the_suite_measures(tmp_path):
    """The figures at the top of evals/suites/dev.yaml are what the suite measures now (rerun the
    suite and update the comment when the engine changes them)."""
    import re

    from summariser.evals.runner import RunOptions, run_suite
    from summariser.evals.suite import load_suite

    path = ROOT / "evals" / "suites" / "dev.yaml"
    comment = path.read_text(encoding="utf-8").split("\nname:")[0].split("History:")[0]
    metrics = run_suite(load_suite(path), RunOptions(out=tmp_path / "run", progress=False, cache=False)).summary["metrics"]
    quoted = {m: v for m, v in re.findall(r"\b(\w+) (\d\.\d{3})\b", comment) if m in metrics}
    assert {"stance_f1", "stance_accuracy", "key_fact_coverage", "actor_recall", "speaker_accuracy"} <= set(quoted)
    assert {m: float(v) for m, v in quoted.items()} == {m: round(metrics[m], 3) for m in quoted}
