"""The CNN/Daily Mail sets: a locked test set from a second source (pinned) and a dev split of it; their
articles come from ../shared.

The articles are not openly licensed, so the repository holds the labels and each article's SHA-256;
``evals/datasets/cnndm.py`` copies the text from the SummEval file in ../shared and refuses a copy
that differs from the pinned hashes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys

import pytest

from summariser.evals.dataset import load_dataset

from testkit import ROOT, shared_path

DATASETS = ROOT / "evals" / "datasets"
SPLIT = DATASETS / "test-cnndm"
PINNED_SHA256 = "595c4c97a6b03e7b5a7c767cb9fafaf09776e16e75f88c3676694db09789100f"
PINNED_FILES = ("cases.jsonl", "articles.sha256", "annotations/pass1.jsonl", "annotations/pass2.jsonl")


def _cnndm():
    spec = importlib.util.spec_from_file_location("cnndm", DATASETS / "cnndm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _split_copy(tmp_path, split=SPLIT):
    """A set's labels in a scratch folder (the articles get written there, not in the checkout)."""
    copy = tmp_path / split.name
    shutil.copytree(split, copy, ignore=shutil.ignore_patterns("articles"))
    return copy


def test_the_labels_are_pinned():
    digest = hashlib.sha256()
    for name in PINNED_FILES:
        digest.update(name.encode() + b"\0" + (SPLIT / name).read_bytes() + b"\0")
    assert digest.hexdigest() == PINNED_SHA256


def test_both_passes_cover_every_case():
    cases = [json.loads(line) for line in (SPLIT / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = [c["id"] for c in cases]
    for number in (1, 2):
        annotated = [json.loads(line)["id"] for line in (SPLIT / "annotations" / f"pass{number}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        assert annotated == ids
    assert len(ids) == 32 and all(c["metadata"]["source"] in ("CNN", "Daily Mail") for c in cases)


@pytest.mark.parametrize("name", ["test-cnndm", "dev-cnndm"])
def test_the_articles_come_from_shared_and_every_quote_is_in_its_article(tmp_path, name):
    shared = shared_path("data", "summeval", "cnndm_test_summeval100.jsonl").parents[2]
    split = _split_copy(tmp_path, DATASETS / name)
    assert _cnndm().materialise(str(shared), str(split)) == {"test-cnndm": 32, "dev-cnndm": 68}[name]
    done = subprocess.run([sys.executable, str(DATASETS / "check_dataset.py"), str(split)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout[-2000:]
    dataset = load_dataset(split / "cases.jsonl")
    for case in dataset.cases:
        assert all(row.quote in case.text for row in case.gold_stances)


def test_a_different_copy_of_an_article_is_refused(tmp_path):
    shared = tmp_path / "shared"
    source = shared_path("data", "summeval", "cnndm_test_summeval100.jsonl")
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    first = json.loads((SPLIT / "cases.jsonl").read_text(encoding="utf-8").splitlines()[0])
    for row in rows:
        if row["id"] == first["metadata"]["summeval_id"]:
            row["article"] = row["article"].replace(" ", "  ", 1)  # one space more
    (shared / "data" / "summeval").mkdir(parents=True)
    (shared / "data" / "summeval" / source.name).write_text("\n".join(map(json.dumps, rows)) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=f"{first['id']}.txt differs from its pinned SHA-256"):
        _cnndm().materialise(str(shared), str(_split_copy(tmp_path)))


def test_missing_shared_data_is_one_line_naming_the_fix(tmp_path):
    with pytest.raises(SystemExit, match=r"no SummEval CNN/DM file at .* \(pass --shared PATH"):
        _cnndm().materialise(str(tmp_path), str(_split_copy(tmp_path)))


def test_without_its_articles_the_set_says_how_to_copy_them_in(tmp_path):
    from summariser.core.errors import InputError

    with pytest.raises(InputError, match=r"not in the repository: copy them in first \(python3 evals/datasets/cnndm.py\)"):
        load_dataset(_split_copy(tmp_path) / "cases.jsonl")


def test_the_dev_split_shares_no_article_with_the_test_set():
    def ids(name):
        lines = (DATASETS / name / "cases.jsonl").read_text(encoding="utf-8").splitlines()
        return {json.loads(line)["metadata"]["summeval_id"] for line in lines if line.strip()}

    assert len(ids("dev-cnndm")) == 68 and not ids("dev-cnndm") & ids("test-cnndm")
    assert len(ids("dev-cnndm") | ids("test-cnndm")) == 100  # all of SummEval's CNN/DM articles
