"""The locked test split: valid, disjoint from dev, and pinned.

Rules are tuned on the dev split and reported on this one. Its files are pinned by SHA-256, so a
change to the test split (a label, an article, a case) cannot slip in with a rule change: it fails
here until the pin is updated deliberately, with the reason in the commit.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

from summariser.evals.dataset import load_dataset

from testkit import ROOT

DATASETS = ROOT / "evals" / "datasets"
TEST = DATASETS / "test"
PINNED_SHA256 = "eda847520b09c29d92ffeb5bb9b5d658c7e4afba8dd3cdc8da2c085eb8b5a638"


def split_sha256(folder) -> str:
    """SHA-256 over cases.jsonl and every article file, by relative path, byte for byte."""
    digest = hashlib.sha256()
    for path in sorted([folder / "cases.jsonl", *(folder / "articles").glob("*.txt")]):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def test_the_test_split_is_pinned():
    assert split_sha256(TEST) == PINNED_SHA256


def test_the_test_split_loads_and_its_validator_passes():
    test = load_dataset(TEST / "cases.jsonl")
    assert len(test.cases) == 89 and not any(c.multi_article for c in test.cases)
    done = subprocess.run([sys.executable, str(DATASETS / "check_dataset.py"), "test"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout[-2000:]


def test_test_and_dev_share_no_article():
    dev, test = load_dataset(DATASETS / "dev" / "cases.jsonl"), load_dataset(TEST / "cases.jsonl")
    dev_texts = {doc.text for case in dev.cases for doc in case.documents()}
    assert not {c.id for c in dev.cases} & {c.id for c in test.cases}
    assert not dev_texts & {doc.text for case in test.cases for doc in case.documents()}
    dev_urls = {c.metadata.get("url") for c in dev.cases}
    assert not dev_urls & {c.metadata.get("url") for c in test.cases}


def test_double_annotated_passes_cover_every_test_article():
    passes = [load_dataset(TEST / "annotations" / f"pass{n}.jsonl") for n in (1, 2)]
    ids = [[c.id for c in p.cases] for p in passes]
    assert ids[0] == ids[1] and len(ids[0]) == 89
    assert set(ids[0]) == {c.id for c in load_dataset(TEST / "cases.jsonl").cases}
