"""Headline check for the offline engine: counts only, over every article under ../shared.

    python bench/headlines.py [--shared PATH] [--show ID ...]

For each article (the seed text files, and every row of the Wikinews JSONL files), the brief is
made as the tool makes it: a text file through ``load_source`` (the title is guessed from the
text), a JSONL row as ``summariser brief rows.jsonl`` reads it, once with the row's ``title`` and
once as bare text (title left to the guess). Printed, per set and mode, as counts only:

- content: briefs whose headline is the source's title, or else (a trailing ellipsis dropped)
  the start of a line of the article that is not boilerplate (newsletter, sign-up, cookie,
  advertisement lines, datelines, bylines, map legends, photo credits: this script's own
  patterns, not the engine's);
- rows on headline: stance rows whose target is the headline, out of all rows;
- unclear: rows with stance ``unclear``;
- on issue: rows whose target is the claim the headline reports (``issue_of``: "UK urges US to
  waive immunity" -> "US should waive immunity"), which rows that take a side fall back to.

Nothing of any article's text is printed unless its id is named with ``--show`` (for looking
at dev articles only).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from summariser.ingest.documents import document_from_text, load_source
from summariser.engines.extractive.rules import ExtractiveEngine, issue_of

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"

_BOILERPLATE = re.compile(
    r"newsletter|sign up|subscribe|cookie|advertisement|paywall|unlock|free trial|read more|"
    r"^\W*(?:by|photo|image|credit|source|file photo)\b|^\s*[\u2580-\u259f]|"
    r"^\W*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\W*$",
    re.IGNORECASE,
)


def headline_ok(headline: str, title: str, text: str) -> bool:
    if title and headline == title:
        return True
    head = headline.rstrip("\u2026").strip()
    if not head:
        return False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith(head) and not _BOILERPLATE.search(line):
            return True
    return False


def sources(shared: Path):
    """(set name, id, text, title) for every article under ``shared``."""
    for path in sorted((shared / "seed").glob("*.txt")):
        doc = load_source(str(path))
        yield "seed", path.stem, doc.text, doc.title, ""
    for path in sorted((shared / "data" / "wikinews").glob("*.jsonl")):
        for number, line in enumerate(path.open(encoding="utf-8"), 1):
            row = json.loads(line)
            doc_id = str(row.get("id") or f"{path.stem}:{number}")
            doc = document_from_text(row["text"], doc_id=doc_id)
            yield path.stem, doc_id, doc.text, doc.title, str(row.get("title") or "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--show", nargs="*", default=[], help="ids whose headline and rows are printed")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"headlines: no shared data at {args.shared} (pass --shared PATH)")
        return 2
    engine = ExtractiveEngine()
    tally: dict[str, Counter] = {}
    for name, doc_id, text, guessed, given in sources(args.shared):
        modes = [("text", guessed)] + ([("title", given)] if given else [])
        for mode, title in modes:
            draft = engine.draft(text, title=title)
            t = tally.setdefault(f"{name} ({mode})", Counter())
            t["articles"] += 1
            t["content"] += headline_ok(draft.headline, given if mode == "title" else "", text)
            t["rows"] += len(draft.stance_table)
            t["on_headline"] += sum(r.target.strip() == draft.headline.strip() for r in draft.stance_table)
            t["unclear"] += sum(r.stance == "unclear" for r in draft.stance_table)
            issue = issue_of(title)
            t["on_issue"] += sum(bool(issue) and r.target == issue for r in draft.stance_table)
            if doc_id in args.show:
                print(f"--- {doc_id} ({mode}) headline: {draft.headline!r}")
                for r in draft.stance_table:
                    print(f"    {r.actor} | {r.stance} | {r.target} | {r.quote[:80]!r}")
    print(f"{'set (title)':<40}{'articles':>9}{'content':>9}{'rows':>7}{'on headline':>13}{'unclear':>9}{'on issue':>10}")
    total = Counter()
    for key, t in tally.items():
        total.update(t)
        print(f"{key:<40}{t['articles']:>9}{t['content']:>9}{t['rows']:>7}"
              f"{t['on_headline']:>7} {t['on_headline'] / max(1, t['rows']):.3f}{t['unclear']:>9}{t['on_issue']:>10}")
    print(f"{'ALL':<40}{total['articles']:>9}{total['content']:>9}{total['rows']:>7}"
          f"{total['on_headline']:>7} {total['on_headline'] / max(1, total['rows']):.3f}{total['unclear']:>9}{total['on_issue']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
