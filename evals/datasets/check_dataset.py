#!/usr/bin/env python3
"""Validate an eval set (cases.jsonl + articles/): the dev split, the locked test split, or any other.

Stdlib only. Usage:  python3 evals/datasets/check_dataset.py [SPLIT_OR_PATH ...]
(default: the dev and test splits beside this file). Exits with status 1 and lists every problem
if anything is wrong; otherwise prints counts per file.

Two shapes of case: a single article (``article``) and a multi-article story (``articles``, a
list of ``{id, article, title, url, date}``, with a ``source`` article id on every gold row).

Cases exported from the web desk (``summariser eval dataset from-desk``; ``metadata.source`` is
"summariser desk") are checked by the same rules with these differences: their metadata names the
brief and its editors (DESK_META), rows also give the quote's ``start`` and ``end`` (checked: the
article's text there is the quote; a row whose quote no editor verified has an empty quote and no
offsets), target paraphrases may be absent (0-4), key facts and references may be empty (editors may
mark every bullet wrong), and a story's articles are the desk's own files.
"""
import json
import os
import sys
from collections import Counter

STANCES = ("favor", "against", "mixed", "neutral", "unclear")
CASE_KEYS = {"id", "article", "metadata", "gold_stances", "key_facts", "references"}
STORY_KEYS = {"id", "articles", "metadata", "gold_stances", "key_facts", "references"}
ROW_KEYS = {"actor", "aliases", "role", "target", "target_paraphrases", "stance", "quote"}
STORY_ROW_KEYS = ROW_KEYS | {"source"}
ARTICLE_KEYS = {"id", "article", "title", "url", "date"}
WIKINEWS_META = {"title", "url", "date", "source", "license", "attribution"}
STORY_META = {"title", "source", "license", "attribution"}
ORIGINAL_META_REQUIRED = {"title", "source", "license", "attribution", "fictional"}
ORIGINAL_META_ALLOWED = ORIGINAL_META_REQUIRED | {"url", "date"}
DESK_SOURCE = "summariser desk"
DESK_META = {"title", "url", "date", "source", "brief_id", "gold", "editors", "checked", "version", "backend", "model", "prompt"}
DESK_ROW_KEYS = ROW_KEYS | {"start", "end"}
WIKINEWS_LICENCE = {"source": "Wikinews", "license": "CC BY 2.5", "attribution": "Wikinews contributors"}
# SummEval's CNN/Daily Mail test articles: not openly licensed, so the text stays in ../shared (cnndm.py
# copies it beside the cases) and the metadata names the SummEval id it comes from
CNNDM_META = {"source", "license", "attribution", "summeval_id"}
CNNDM_SOURCES = ("CNN", "Daily Mail")
CNNDM_LICENCE = "publisher copyright (CNN/Daily Mail research dataset)"


def is_str(x):
    return isinstance(x, str) and x.strip() != ""


def is_str_list(x, min_len=0, max_len=None):
    if not isinstance(x, list) or len(x) < min_len:
        return False
    if max_len is not None and len(x) > max_len:
        return False
    return all(is_str(i) for i in x)


def is_date(d):
    d = str(d)
    return len(d) == 10 and d[4] == "-" and d[7] == "-" and (d[:4] + d[5:7] + d[8:]).isdigit()


def read_cases(path, errors):
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
    return cases


def read_article(base, art, where, errors):
    """The article file's text (byte-exact, newline=""), or None after recording the problem."""
    if not is_str(art):
        errors.append("%s: bad article path" % where)
        return None
    ap = os.path.join(base, art)
    if not os.path.isfile(ap):
        errors.append("%s: article file missing: %s" % (where, art))
        return None
    with open(ap, encoding="utf-8", newline="") as fh:
        text = fh.read()
    if not text.strip():
        errors.append("%s: article file empty" % where)
    return text


def check_single_meta(meta, where, errors, per_source):
    if meta.get("fictional") is True:
        per_source["original"] += 1
        missing = ORIGINAL_META_REQUIRED - set(meta)
        extra = set(meta) - ORIGINAL_META_ALLOWED
        if missing or extra:
            errors.append("%s: original metadata missing %s / extra %s" % (where, sorted(missing), sorted(extra)))
        if meta.get("license") != "CC BY 4.0" or meta.get("attribution") != "summariser contributors":
            errors.append("%s: original article must be CC BY 4.0, summariser contributors" % where)
    elif meta.get("source") in CNNDM_SOURCES:
        per_source[meta["source"]] += 1
        if set(meta) != CNNDM_META:
            errors.append("%s: metadata keys %s, expected %s" % (where, sorted(meta), sorted(CNNDM_META)))
        if meta.get("license") != CNNDM_LICENCE or meta.get("attribution") != meta.get("source"):
            errors.append("%s: CNN/Daily Mail metadata must say license %r and attribution = source" % (where, CNNDM_LICENCE))
        if not str(meta.get("summeval_id", "")).startswith(("cnn-test-", "dm-test-")):
            errors.append("%s: summeval_id %r is not a SummEval CNN/DM test id" % (where, meta.get("summeval_id")))
    else:
        per_source[meta.get("source", "?")] += 1
        if set(meta) != WIKINEWS_META:
            errors.append("%s: metadata keys %s, expected %s" % (where, sorted(meta), sorted(WIKINEWS_META)))
        if any(meta.get(k) != v for k, v in WIKINEWS_LICENCE.items()):
            errors.append("%s: Wikinews metadata must say Wikinews / CC BY 2.5 / Wikinews contributors" % where)
        if not str(meta.get("url", "")).startswith("https://en.wikinews.org/wiki/"):
            errors.append("%s: url is not a Wikinews URL" % where)
        if not is_date(meta.get("date", "")):
            errors.append("%s: date %r is not YYYY-MM-DD" % (where, meta.get("date", "")))
    for k in ("title", "source", "license", "attribution"):
        if k in meta and not is_str(meta[k]):
            errors.append("%s: metadata.%s empty" % (where, k))


def is_desk(c):
    meta = c.get("metadata")
    return isinstance(meta, dict) and meta.get("source") == DESK_SOURCE


def check_desk_meta(meta, where, errors):
    if set(meta) != DESK_META:
        errors.append("%s: desk metadata keys %s, expected %s" % (where, sorted(meta), sorted(DESK_META)))
    if not is_str(meta.get("brief_id")) or not is_str(meta.get("gold")) or not is_date(meta.get("date", "")):
        errors.append("%s: desk metadata needs brief_id, gold and a YYYY-MM-DD date" % where)
    if not is_str_list(meta.get("editors"), 1):
        errors.append("%s: desk metadata.editors must list at least one editor" % where)


def check_story_articles(c, base, where, errors, singles):
    """Each story article: keys, unique id, file, and the same title/url/date/licence as the
    single-article case that uses the same file. Returns {article id: text}."""
    meta = c.get("metadata") if isinstance(c.get("metadata"), dict) else {}
    articles = c.get("articles")
    if not isinstance(articles, list) or len(articles) < 2:
        errors.append("%s: articles must list at least two articles" % where)
        return {}
    texts = {}
    for i, a in enumerate(articles):
        aw = "%s articles.%d" % (where, i)
        if not isinstance(a, dict) or set(a) != ARTICLE_KEYS:
            errors.append("%s: keys %s, expected %s" % (aw, sorted(a) if isinstance(a, dict) else a, sorted(ARTICLE_KEYS)))
            continue
        if not is_str(a["id"]) or a["id"] in texts:
            errors.append("%s: article id %r missing or used twice" % (aw, a["id"]))
            continue
        if not is_str(a["title"]) or not is_date(a["date"]):
            errors.append("%s: title empty or date %r not YYYY-MM-DD" % (aw, a["date"]))
        single = singles.get(a["article"])
        if is_desk(c):
            pass  # the desk's own article files: no single-article case to agree with
        elif single is None:
            errors.append("%s: %s is not the article of a single-article case" % (aw, a["article"]))
        else:
            smeta = single.get("metadata", {})
            if any(a[k] != smeta.get(k) for k in ("title", "url", "date")):
                errors.append("%s: title/url/date differ from case %s's metadata" % (aw, single.get("id")))
            if any(meta.get(k) != smeta.get(k) for k in ("source", "license", "attribution")):
                errors.append("%s: story source/license/attribution differ from case %s's" % (aw, single.get("id")))
        texts[a["id"]] = read_article(base, a["article"], aw, errors)
    return texts


def check_rows(rows, where, errors, texts, story, stance_counts, desk=False):
    """Gold rows: keys, strings, 2-4 paraphrases, stance, and the quote in its article. In a
    story every row names its ``source`` article; ``texts`` maps article ids to texts (a single
    article's text is under the key None)."""
    if not isinstance(rows, list):
        errors.append("%s: gold_stances must be a list (empty when nobody in the article takes a position)" % where)
        return 0
    for i, r in enumerate(rows):
        rw = "%s row %d" % (where, i)
        if not isinstance(r, dict):
            errors.append("%s: not an object" % rw)
            continue
        expected = (DESK_ROW_KEYS if desk else ROW_KEYS) | ({"source"} if story else set())
        if set(r) != expected:
            errors.append("%s: keys %s, expected %s" % (rw, sorted(r), sorted(expected)))
        required = ("actor", "target") if desk else ("actor", "role", "target", "quote")
        for k in required:
            if not is_str(r.get(k)):
                errors.append("%s: %s must be a non-empty string" % (rw, k))
        if desk and not all(isinstance(r.get(k), str) for k in ("role", "quote")):
            errors.append("%s: role and quote must be strings" % rw)
        if not is_str_list(r.get("aliases")):
            errors.append("%s: aliases must be a list of strings" % rw)
        if not is_str_list(r.get("target_paraphrases"), 0 if desk else 2, 4):
            errors.append("%s: target_paraphrases must hold %s strings" % (rw, "0-4" if desk else "2-4"))
        st = r.get("stance")
        if st not in STANCES:
            errors.append("%s: stance %r not in %s" % (rw, st, STANCES))
        else:
            stance_counts[st] += 1
        key = r.get("source") if story else None
        if story and key not in texts and not (desk and not r.get("quote")):
            errors.append("%s: source %r is not one of the case's articles %s" % (rw, key, sorted(texts)))
            continue
        text, q = texts.get(key), r.get("quote")
        if text is not None and is_str(q) and q not in text:
            errors.append("%s: quote is not a substring of article %s: %r" % (rw, key or "", q))
        if desk:
            check_offsets(r, text, rw, errors)
    return len(rows)


def check_offsets(r, text, rw, errors):
    """A desk row's quote sits at its offsets; a row without a quote has none."""
    start, end, q = r.get("start"), r.get("end"), r.get("quote")
    if not q:
        if start is not None or end is not None:
            errors.append("%s: offsets given without a quote" % rw)
        return
    if not (isinstance(start, int) and isinstance(end, int)) or text is None or text[start:end] != q:
        errors.append("%s: the article's characters %r-%r are not the quote" % (rw, start, end))


def check_summary_parts(c, where, errors):
    least = 0 if is_desk(c) else 1
    facts = c.get("key_facts")
    if not is_str_list(facts, least):
        errors.append("%s: key_facts must be a non-empty list of strings" % where)
        facts = []
    if not is_str_list(c.get("references"), least):
        errors.append("%s: references must be a non-empty list of strings" % where)
    return len(facts)


def check_story(c, base, where, errors, singles):
    meta = c.get("metadata")
    if is_desk(c):
        check_desk_meta(meta, where, errors)
    elif not isinstance(meta, dict) or set(meta) != STORY_META or not all(is_str(v) for v in meta.values()):
        errors.append("%s: story metadata must have exactly %s, non-empty" % (where, sorted(STORY_META)))
    return check_story_articles(c, base, where, errors, singles)


def check_single(c, base, where, errors, per_source):
    meta = c.get("metadata")
    if not isinstance(meta, dict):
        errors.append("%s: metadata not an object" % where)
        meta = {}
    if is_desk(c):
        per_source[DESK_SOURCE] += 1
        check_desk_meta(meta, where, errors)
    else:
        check_single_meta(meta, where, errors, per_source)
    return {None: read_article(base, c.get("article"), where, errors)}


def check(path):
    base = os.path.dirname(os.path.abspath(path))
    errors = []
    cases = read_cases(path, errors)
    singles = {c.get("article"): c for _, c in cases if isinstance(c, dict) and "article" in c}
    seen_ids = set()
    counts = {kind: Counter() for kind in ("single", "story")}
    stances = {kind: Counter() for kind in ("single", "story")}
    per_source = Counter()
    for n, c in cases:
        if not isinstance(c, dict):
            errors.append("line %d: not an object" % n)
            continue
        cid = c.get("id")
        where = "line %d (%s)" % (n, cid)
        story = "articles" in c
        kind = "story" if story else "single"
        if set(c) != (STORY_KEYS if story else CASE_KEYS):
            errors.append("%s: keys %s, expected %s" % (where, sorted(c), sorted(STORY_KEYS if story else CASE_KEYS)))
        if not is_str(cid) or cid in seen_ids:
            errors.append("%s: bad or duplicate id" % where)
        seen_ids.add(cid)
        texts = check_story(c, base, where, errors, singles) if story else check_single(c, base, where, errors, per_source)
        counts[kind]["cases"] += 1
        counts[kind]["articles"] += len(texts)
        counts[kind]["rows"] += check_rows(c.get("gold_stances"), where, errors, texts, story, stances[kind], is_desk(c))
        counts[kind]["facts"] += check_summary_parts(c, where, errors)

    report(counts, stances, per_source)
    if errors:
        print("\n%d problem(s):" % len(errors))
        for e in errors:
            print("  - " + e)
        return 1
    print("OK")
    return 0


def report(counts, stances, per_source):
    single, story = counts["single"], counts["story"]
    print("cases: %d (%s) + %d multi-article (%d articles)" % (
        single["cases"], ", ".join("%s %d" % kv for kv in sorted(per_source.items())), story["cases"], story["articles"]))
    print("gold stance rows: %d single-article + %d multi-article" % (single["rows"], story["rows"]))
    print("key facts: %d single-article + %d multi-article" % (single["facts"], story["facts"]))
    for kind, label in (("single", "single-article"), ("story", "multi-article")):
        print("stance distribution (%s): %s" % (label, ", ".join("%s %d" % (s, stances[kind][s]) for s in STANCES)))


def resolve(arg):
    """A split name beside this file (``dev``, ``test``), a folder holding a cases.jsonl, or a path to one."""
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, arg, "cases.jsonl"), os.path.join(arg, "cases.jsonl")):
        if os.path.isfile(candidate):
            return candidate
    return arg


if __name__ == "__main__":
    paths = [resolve(a) for a in (sys.argv[1:] or ["dev", "test"]) if a != "test" or os.path.isfile(resolve(a))]
    status = 0
    for path in paths:
        print("== %s" % path)
        if not os.path.isfile(path):
            print("check_dataset: %s is neither dev, test, a folder holding cases.jsonl nor a cases.jsonl file" % path)
            status = 1
            continue
        status |= check(path)
    sys.exit(status)
