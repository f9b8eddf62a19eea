#!/usr/bin/env python3
"""Validate the dev eval set (cases.jsonl + articles/).

Stdlib only. Usage:  python3 evals/datasets/dev/check_dataset.py [path/to/cases.jsonl]
Exits with status 1 and lists every problem if anything is wrong; otherwise prints counts.
"""
import json
import os
import sys
from collections import Counter

STANCES = ("favor", "against", "mixed", "neutral", "unclear")
CASE_KEYS = {"id", "article", "metadata", "gold_stances", "key_facts", "references"}
ROW_KEYS = {"actor", "aliases", "role", "target", "target_paraphrases", "stance", "quote"}
WIKINEWS_META = {"title", "url", "date", "source", "license", "attribution"}
ORIGINAL_META_REQUIRED = {"title", "source", "license", "attribution", "fictional"}
ORIGINAL_META_ALLOWED = ORIGINAL_META_REQUIRED | {"url", "date"}


def is_str(x):
    return isinstance(x, str) and x.strip() != ""


def is_str_list(x, min_len=0, max_len=None):
    if not isinstance(x, list) or len(x) < min_len:
        return False
    if max_len is not None and len(x) > max_len:
        return False
    return all(is_str(i) for i in x)


def check(path):
    base = os.path.dirname(os.path.abspath(path))
    errors = []
    cases = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                errors.append("line %d: blank line" % n)
                continue
            try:
                cases.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                errors.append("line %d: invalid JSON (%s)" % (n, exc))

    seen_ids = set()
    stance_counts = Counter()
    n_rows = n_facts = 0
    per_source = Counter()
    for n, c in cases:
        where = "line %d" % n
        if not isinstance(c, dict):
            errors.append("%s: not an object" % where)
            continue
        cid = c.get("id")
        where = "line %d (%s)" % (n, cid)
        if set(c) != CASE_KEYS:
            errors.append("%s: keys %s, expected %s" % (where, sorted(c), sorted(CASE_KEYS)))
        if not is_str(cid):
            errors.append("%s: bad id" % where)
        elif cid in seen_ids:
            errors.append("%s: duplicate id" % where)
        seen_ids.add(cid)

        # metadata
        meta = c.get("metadata")
        if not isinstance(meta, dict):
            errors.append("%s: metadata not an object" % where)
            meta = {}
        if meta.get("fictional") is True:
            per_source["original"] += 1
            missing = ORIGINAL_META_REQUIRED - set(meta)
            extra = set(meta) - ORIGINAL_META_ALLOWED
            if missing or extra:
                errors.append("%s: original metadata missing %s / extra %s" % (where, sorted(missing), sorted(extra)))
            if meta.get("license") != "CC BY 4.0" or meta.get("attribution") != "summariser contributors":
                errors.append("%s: original article must be CC BY 4.0, summariser contributors" % where)
        else:
            per_source[meta.get("source", "?")] += 1
            if set(meta) != WIKINEWS_META:
                errors.append("%s: metadata keys %s, expected %s" % (where, sorted(meta), sorted(WIKINEWS_META)))
            if meta.get("source") != "Wikinews" or meta.get("license") != "CC BY 2.5" \
                    or meta.get("attribution") != "Wikinews contributors":
                errors.append("%s: Wikinews metadata must say Wikinews / CC BY 2.5 / Wikinews contributors" % where)
            if not str(meta.get("url", "")).startswith("https://en.wikinews.org/wiki/"):
                errors.append("%s: url is not a Wikinews URL" % where)
            d = str(meta.get("date", ""))
            if len(d) != 10 or d[4] != "-" or d[7] != "-" or not (d[:4] + d[5:7] + d[8:]).isdigit():
                errors.append("%s: date %r is not YYYY-MM-DD" % (where, d))
        for k in ("title", "source", "license", "attribution"):
            if k in meta and not is_str(meta[k]):
                errors.append("%s: metadata.%s empty" % (where, k))

        # article file
        text = None
        art = c.get("article")
        if not is_str(art):
            errors.append("%s: bad article path" % where)
        else:
            ap = os.path.join(base, art)
            if not os.path.isfile(ap):
                errors.append("%s: article file missing: %s" % (where, art))
            else:
                with open(ap, encoding="utf-8", newline="") as fh:
                    text = fh.read()
                if not text.strip():
                    errors.append("%s: article file empty" % where)

        # gold stances
        rows = c.get("gold_stances")
        if not isinstance(rows, list) or not rows:
            errors.append("%s: gold_stances must be a non-empty list" % where)
            rows = []
        for i, r in enumerate(rows):
            rw = "%s row %d" % (where, i)
            if not isinstance(r, dict):
                errors.append("%s: not an object" % rw)
                continue
            if set(r) != ROW_KEYS:
                errors.append("%s: keys %s, expected %s" % (rw, sorted(r), sorted(ROW_KEYS)))
            for k in ("actor", "role", "target", "quote"):
                if not is_str(r.get(k)):
                    errors.append("%s: %s must be a non-empty string" % (rw, k))
            if not is_str_list(r.get("aliases")):
                errors.append("%s: aliases must be a list of strings" % rw)
            if not is_str_list(r.get("target_paraphrases"), 2, 4):
                errors.append("%s: target_paraphrases must hold 2-4 strings" % rw)
            st = r.get("stance")
            if st not in STANCES:
                errors.append("%s: stance %r not in %s" % (rw, st, STANCES))
            else:
                stance_counts[st] += 1
            q = r.get("quote")
            if text is not None and is_str(q) and q not in text:
                errors.append("%s: quote is not a substring of %s: %r" % (rw, art, q))
            n_rows += 1

        facts = c.get("key_facts")
        if not is_str_list(facts, 1):
            errors.append("%s: key_facts must be a non-empty list of strings" % where)
        else:
            n_facts += len(facts)
        if not is_str_list(c.get("references"), 1):
            errors.append("%s: references must be a non-empty list of strings" % where)

    print("cases: %d (%s)" % (len(cases), ", ".join("%s %d" % kv for kv in sorted(per_source.items()))))
    print("gold stance rows: %d" % n_rows)
    print("key facts: %d" % n_facts)
    print("stance distribution: " + ", ".join("%s %d" % (s, stance_counts[s]) for s in STANCES))
    if errors:
        print("\n%d problem(s):" % len(errors))
        for e in errors:
            print("  - " + e)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.jsonl")
    sys.exit(check(sys.argv[1] if len(sys.argv) > 1 else default))
