"""Draw unannotated Wikinews bulk articles for annotation (stdlib only).

    python3 evals/datasets/draw_bulk.py BULK.jsonl N SEED [MIN_WORDS MAX_WORDS]

Prints N ids (``wbNNN``: the article's line number in the bulk file) drawn at random from
the articles of 200-900 words (or MIN_WORDS-MAX_WORDS) that no dev or test case uses yet and that are not in the
first dev set (``intl_politics_dev.jsonl`` beside the bulk file). Reads only the cases'
URLs, so drawing never shows a test case's labels.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIN_WORDS, MAX_WORDS = 200, 900


def used_urls(bulk: Path) -> set[str]:
    """URLs already in a dev or test case, or in the first dev set."""
    urls = set()
    first = bulk.parent / "intl_politics_dev.jsonl"
    if first.exists():
        urls |= {json.loads(line)["url"] for line in first.open(encoding="utf-8")}
    for split in ("dev", "test"):
        for line in (HERE / split / "cases.jsonl").open(encoding="utf-8"):
            case = json.loads(line)
            for meta in [case["metadata"], *case.get("articles", [])]:
                if "url" in meta:
                    urls.add(meta["url"])
    return urls


def draw(bulk: Path, count: int, seed: int, min_words: int = MIN_WORDS, max_words: int = MAX_WORDS) -> list[str]:
    """Ids of ``count`` unused bulk articles of ``min_words``-``max_words`` words, drawn with ``seed``."""
    used = used_urls(bulk)
    pool = []
    for index, line in enumerate(bulk.open(encoding="utf-8")):
        row = json.loads(line)
        if row["url"] not in used and min_words <= len(row["text"].split()) <= max_words:
            pool.append(f"wb{index:03d}")
    if count > len(pool):
        sys.exit(f"draw_bulk.py: only {len(pool)} unused articles of {min_words}-{max_words} words; ask for at most that many")
    return sorted(random.Random(seed).sample(pool, count))


if __name__ == "__main__":
    if len(sys.argv) not in (4, 6):
        sys.exit("usage: draw_bulk.py BULK.jsonl N SEED [MIN_WORDS MAX_WORDS]")
    print(" ".join(draw(Path(sys.argv[1]), *map(int, sys.argv[2:]))))
