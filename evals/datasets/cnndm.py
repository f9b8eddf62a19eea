#!/usr/bin/env python3
"""Copy the CNN/Daily Mail sets' articles from ../shared beside their cases.

The articles (SummEval's CNN/Daily Mail test articles) are not openly licensed, so this repository
keeps only the gold labels (``<split>/cases.jsonl``, ``annotations/``) and each article's SHA-256
(``<split>/articles.sha256``) of the two sets drawn from them, the locked ``test-cnndm`` and
``dev-cnndm``; this script writes ``<split>/articles/<id>.txt`` from the SummEval file under ../shared
and checks every article against its hash, so a different copy of the data cannot be scored by mistake.

Stdlib only. Usage:  python3 evals/datasets/cnndm.py [--shared PATH] [SPLIT ...]   (default: both sets)
"""
import argparse
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPLITS = ("test-cnndm", "dev-cnndm")
DEFAULT_SHARED = os.path.join(HERE, "..", "..", "..", "shared")
SUMMEVAL = os.path.join("data", "summeval", "cnndm_test_summeval100.jsonl")


def article_text(article: str) -> str:
    """The article as the annotators read it: SummEval's text with one final line break."""
    return article if article.endswith("\n") else article + "\n"


def wanted_ids(split: str) -> dict:
    """{case id: SummEval id} from the split's cases."""
    ids = {}
    with open(os.path.join(split, "cases.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                case = json.loads(line)
                ids[case["id"]] = case["metadata"]["summeval_id"]
    return ids


def pinned_hashes(split: str) -> dict:
    """{file name: SHA-256} from articles.sha256 (sha256sum's format)."""
    hashes = {}
    with open(os.path.join(split, "articles.sha256"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                digest, name = line.split()
                hashes[name] = digest
    return hashes


def materialise(shared: str, split: str) -> int:
    """Write the split's articles from ``shared``; the number written. Raises SystemExit with a
    one-line message when the data is missing or an article differs from its pinned hash."""
    source = os.path.join(shared, SUMMEVAL)
    if not os.path.isfile(source):
        raise SystemExit("cnndm: no SummEval CNN/DM file at %s (pass --shared PATH to the shared data folder)" % source)
    with open(source, encoding="utf-8") as fh:
        texts = {row["id"]: row["article"] for row in map(json.loads, filter(str.strip, fh))}
    hashes = pinned_hashes(split)
    os.makedirs(os.path.join(split, "articles"), exist_ok=True)
    wanted = wanted_ids(split)
    for case_id, summeval_id in wanted.items():
        if summeval_id not in texts:
            raise SystemExit("cnndm: %s (%s) is not in %s" % (case_id, summeval_id, source))
        text = article_text(texts[summeval_id])
        name = "%s.txt" % case_id
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != hashes.get(name):
            raise SystemExit("cnndm: %s differs from its pinned SHA-256 in articles.sha256 (a different copy of the data?)" % name)
        with open(os.path.join(split, "articles", name), "w", encoding="utf-8", newline="") as out:
            out.write(text)
    return len(wanted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=DEFAULT_SHARED, help="the shared data folder (default: ../shared beside the checkout)")
    parser.add_argument("splits", nargs="*", default=list(SPLITS), help="sets under evals/datasets (default: %s)" % " ".join(SPLITS))
    args = parser.parse_args()
    for name in args.splits:
        split = os.path.join(HERE, name)
        if not os.path.isfile(os.path.join(split, "articles.sha256")):
            raise SystemExit("cnndm: %s is not a CNN/Daily Mail set (no articles.sha256); the sets are %s" % (name, ", ".join(SPLITS)))
        count = materialise(args.shared, split)
        print("cnndm: %d articles written to %s" % (count, os.path.join(split, "articles")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
