"""Who-said-what benchmark: the offline attribution rules against PolNeAR's dev split.

    python bench/attribution_polnear.py [--polnear PATH] [--no-dev] [--errors N]

Reads PolNeAR (Newell, Margolin & Ruths, LREC 2018; US political news with source, cue and
content spans) by path only, default ``../shared/data/polnear/polnear_dev.jsonl`` beside the
checkout; nothing of it is stored in the repository. Prints, per publisher and overall:

- gold: attributions that have a source and whose content is a direct quote (it holds a
  quotation mark) or reported speech (its cue is a speech verb, "according to", a colon or a
  dash; beliefs, plans and "a poll shows" are left out). Two files carry six annotations each:
  only the first annotator (in sorted order) is used, so every file counts once.
- recall: share of gold whose content span overlaps the quote span of one of our attributions.
- spk: among the recalled, share where our speaker (of the attribution overlapping most) is the
  gold source, by head match: the head is the last word of the phrase before a comma, a
  parenthesis or "who" ("union leader Mara Quint (D-Ore.)" -> Quint), unless the first word run
  before "of/for/at/from/with/in" ends in a lower-case noun ("a spokesman for the mayor" ->
  spokesman; "the Ortega campaign" -> campaign) or is a person's name ("Representative Charles B.
  Rangel of New York" -> Rangel, not York; "the Roper Center for ..." is a body's name and keeps
  its last word). A name in apposition after a lower-case description is the source ("Another
  critic, Laurence H. Tribe," -> Tribe, not critic). Our speaker's head is found the same way,
  "(unnamed)" dropped ("spokeswoman for the Harbour Authority (unnamed)" -> spokeswoman);
  possessive "'s" and a plural "s" are ignored. spk~ is lenient: any shared content word.
  Gold pronoun sources (he, she, they, I, we, it ...) are first resolved to the source of the
  gold attribution whose content holds them (an "I" inside someone's quote), else to the nearest
  earlier gold source with a capitalised word; PolNeAR has no coreference, so this is a proxy
  and the pronoun rows are also shown on their own.
- prec: share of our attributions whose span overlaps the content of any gold attribution
  (of any kind, sourced or not); prec+spk also needs our speaker to head-match that one's source.

Then the time to brief a 1,000-word article (PolNeAR paragraphs stitched together) with the
extractive engine, and the dev-suite stance, actor and grounding metrics from
``summariser eval evals/suites/dev.yaml --out <tmp dir>`` for the same code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from summariser.engines.extractive.attribution import Attribution, attribute
from summariser.evals.matching import ORG_WORDS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "polnear_dev.jsonl"
DEV_METRICS = ("speaker_accuracy", "stance_precision", "stance_recall", "stance_f1", "stance_accuracy",
               "actor_recall", "quote_grounding")

_QUOTE_MARKS = re.compile("[\u201c\u201d\"]")
_SPEECH_CUE = re.compile(
    r"^(?:sa(?:y|id|ys|ying)|t(?:ell|old|elling|ells)|add|according|note|writ|wrote|argu|claim|stat|explain|warn|"
    r"ask|announc|declar|comment|remark|repl|respond|tweet|post|urg|acknowledg|admit|suggest|continu|conclud|"
    r"predict|caution|stress|emphas|maintain|contend|insist|accus|vow|pledg|promis|demand|call|describ|report|"
    r"echo|recall|cit|testif|den(?:y|i)|confirm|conced|complain|chant|insist|quip|boast|assert|allege|charg|"
    r"counter|reiterat|indicat|point|predict|mention|told|interview|speak|spoke|express|question|estimat|"
    r"[:\u2015\u2014\u2013-])",
    re.IGNORECASE,
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "him", "them", "us", "one"}
_STOP = {"the", "a", "an", "of", "for", "and", "at", "in", "to", "on", "mr", "mrs", "ms", "dr", "s", "unnamed",
         "its", "who", "with", "from", "by", "said", "says", "both", "other", "some", "many", "several"}


@dataclass
class Gold:
    publisher: str
    content: list[tuple[int, int]]
    source: str
    source_start: int
    direct: bool
    resolved: str = ""

    @property
    def pronoun(self) -> bool:
        return self.source.lower().strip() in _PRONOUNS


@dataclass
class Tally:
    gold: int = 0
    recalled: int = 0
    spk: int = 0
    spk_lenient: int = 0
    ours: int = 0
    precise: int = 0
    precise_spk: int = 0
    errors: list[str] = field(default_factory=list)


def _tokens(text: str) -> list[str]:
    text = text.replace("\u2019", "'").replace("(unnamed)", "")
    return [_singular(t) for t in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("'s ", " ")) if t not in _STOP]


def _singular(token: str) -> str:
    token = re.sub(r"'s$", "", token)
    return token[:-1] if len(token) > 3 and token.endswith("s") and not token.endswith("ss") else token


_NAME_RUN = re.compile(r"(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w'-]+")
_BODY_WORDS = ORG_WORDS | {"center", "centre", "institution", "school"}  # the harness's, and a few buildings


def gold_head(source: str) -> str:
    """The head word of a gold source (see the module docstring)."""
    main = re.sub(r"\([^)]*\)", " ", source.replace("\u2019", "'"))
    parts = [part.strip() for part in re.split(r",|\bwho\b|\bwhich\b", main)]
    phrase = parts[0]
    if len(parts) > 1 and phrase.split() and phrase.split()[-1][:1].islower() and _NAME_RUN.fullmatch(parts[1]):
        phrase = parts[1]  # "Another critic, Laurence H. Tribe,": the name in apposition
    first = re.split(r"\s(?:of|for|at|from|with|in)\s", phrase)[0].strip()
    words = first.split()
    if words and words[-1][:1].islower():
        return _singular(words[-1].lower().strip(".'\""))
    person = len(words) >= 2 and all(w[:1].isupper() for w in words) and words[-1].lower().strip(".") not in _BODY_WORDS
    tokens = (_tokens(first) if person else []) or _tokens(phrase)
    return tokens[-1] if tokens else ""


def speaker_matches(ours: str, gold: str) -> tuple[bool, bool]:
    """(head match, lenient token overlap) of our speaker against a gold source text."""
    strict = bool(gold_head(ours)) and gold_head(ours) == gold_head(gold)
    return strict, strict or bool(set(_tokens(ours)) & set(_tokens(gold)))


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    chosen: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: (r["filename"], r["annotator"])):
        chosen.setdefault(row["filename"], row)
    return list(chosen.values())


def golds_of(doc: dict) -> tuple[list[Gold], list[tuple[int, int, str]]]:
    """The measured gold attributions, and (start, end, source) of every gold content."""
    measured, contents = [], []
    for attr in doc["attributions"]:
        spans = [tuple(s) for part in attr.get("content", []) for s in part["spans"]]
        source = " ".join(part["text"] for part in attr.get("source", []))
        contents += [(s, e, source) for s, e in spans]
        if not spans or not source:
            continue
        content_text = " ".join(doc["text"][s:e] for s, e in spans)
        cue = " ".join(part["text"] for part in attr.get("cue", [])).strip()
        direct = bool(_QUOTE_MARKS.search(content_text))
        if direct or any(_SPEECH_CUE.match(word) for word in cue.split() or [cue]):
            start = attr["source"][0]["spans"][0][0]
            measured.append(Gold(doc["publisher"], spans, source, start, direct))
    _resolve_pronouns(measured)
    return measured, contents


def _resolve_pronouns(golds: list[Gold]) -> None:
    named = sorted((g for g in golds if not g.pronoun and re.search(r"\b[A-Z]", g.source)), key=lambda g: g.source_start)
    for gold in golds:
        if not gold.pronoun:
            gold.resolved = gold.source
            continue
        holder = [g for g in named if any(s <= gold.source_start < e for s, e in g.content)]
        earlier = [g for g in named if g.source_start < gold.source_start]
        pick = holder[-1] if holder else (earlier[-1] if earlier else None)
        gold.resolved = pick.source if pick else ""


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_doc(doc: dict, tallies: dict[str, Tally], show: int) -> None:
    text = doc["text"]
    ours = attribute(text)
    for a in ours:
        assert text[a.quote.start:a.quote.end] == a.quote.text, "span offsets broken"
    golds, contents = golds_of(doc)
    keys = ("all", doc["publisher"])
    for gold in golds:
        kinds = keys + (("direct" if gold.direct else "reported"),) + (("pronoun",) if gold.pronoun else ())
        best = _best(ours, gold.content)
        strict = lenient = False
        if best is not None and gold.resolved:
            strict, lenient = speaker_matches(best.speaker, gold.resolved)
        for key in kinds:
            t = tallies[key]
            t.gold += 1
            t.recalled += best is not None
            t.spk += strict
            t.spk_lenient += lenient
        if len(tallies["all"].errors) < show and (best is None or not strict):
            lo = min(gold.content[0][0], gold.source_start)
            hi = max(gold.content[-1][1], gold.source_start + len(gold.source))
            snippet = (text[lo:hi] if hi - lo < 400 else text[lo:lo + 190] + " ... " + text[hi - 190:hi]).replace("\n", " | ")
            found = f"ours={best.speaker!r}" if best else "MISSED"
            kind = "D" if gold.direct else "R"
            tallies["all"].errors.append(f"{kind} gold={gold.source!r}->{gold.resolved!r} {found} :: {snippet}")
    for a in ours:
        hits = [(s, e, src) for s, e, src in contents if _overlap((a.quote.start, a.quote.end), (s, e))]
        spk = any(speaker_matches(a.speaker, src)[0] for _, _, src in hits if src)
        for key in keys:
            tallies[key].ours += 1
            tallies[key].precise += bool(hits)
            tallies[key].precise_spk += spk


def _best(ours: list[Attribution], spans: list[tuple[int, int]]) -> Attribution | None:
    scored = [(sum(_overlap((a.quote.start, a.quote.end), s) for s in spans), a) for a in ours]
    scored = [(n, a) for n, a in scored if n > 0]
    return max(scored, key=lambda x: x[0])[1] if scored else None


def _pct(n: int, d: int) -> str:
    return f"{n / d:.3f}" if d else "  n/a"


def table(tallies: dict[str, Tally]) -> str:
    lines = [f"{'publisher':<13}{'gold':>6}{'recall':>8}{'spk':>7}{'spk~':>7}{'ours':>6}{'prec':>7}{'prec+spk':>10}"]
    order = sorted(k for k in tallies if k not in {"all", "direct", "reported", "pronoun"})
    for key in order + ["direct", "reported", "pronoun", "all"]:
        t = tallies.get(key)
        if t is None:
            continue
        ours = f"{t.ours:>6}{_pct(t.precise, t.ours):>7}{_pct(t.precise_spk, t.ours):>10}" if t.ours else f"{'':>6}{'':>7}{'':>10}"
        label = {"direct": "(direct)", "reported": "(reported)", "pronoun": "(pronoun src)", "all": "ALL"}.get(key, key)
        lines.append(f"{label:<13}{t.gold:>6}{_pct(t.recalled, t.gold):>8}{_pct(t.spk, t.recalled):>7}"
                     f"{_pct(t.spk_lenient, t.recalled):>7}{ours}")
    return "\n".join(lines)


def timing(docs: list[dict]) -> str:
    from summariser import document_from_text, load_settings
    from summariser.engines.extractive.rules import ExtractiveEngine
    from summariser.service.pipeline import brief_document

    paras = [p for d in docs for p in d["text"].split("\n\n") if len(p.split()) > 15]
    text, n = [], 0
    for p in paras:
        if n >= 1000:
            break
        text.append(p)
        n += len(p.split())
    article = "A stitched article\n\n" + "\n\n".join(text) + "\n"
    engine = ExtractiveEngine()
    engine.draft(article, title="A stitched article")  # patterns loaded, caches warm
    draft, attr = [], []
    for _ in range(50):
        t0 = time.perf_counter()
        attribute(article)
        t1 = time.perf_counter()
        engine.draft(article, title="A stitched article")
        t2 = time.perf_counter()
        attr.append(t1 - t0)
        draft.append(t2 - t1)
    settings = load_settings()
    doc = document_from_text(article)
    t0 = time.perf_counter()
    asyncio.run(brief_document(doc, settings))
    full = time.perf_counter() - t0
    return (f"speed, {len(article.split())}-word article: attribute() {statistics.median(attr) * 1000:.1f} ms, "
            f"engine draft {statistics.median(draft) * 1000:.1f} ms (median of 50; fastest {min(draft) * 1000:.1f} ms), "
            f"full brief incl. grounding {full * 1000:.1f} ms (one run)")


def dev_suite() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "dev"
        proc = subprocess.run(
            [sys.executable, "-m", "summariser", "eval", str(ROOT / "evals" / "suites" / "dev.yaml"), "--out", str(out)],
            capture_output=True, text=True, cwd=ROOT,
        )
        path = out / "summary.json"
        if not path.exists():
            return f"dev suite: no summary.json (exit {proc.returncode}): {proc.stderr.strip()[-300:]}"
        summary = json.loads(path.read_text(encoding="utf-8"))
    metrics = summary["metrics"]
    head = "  ".join(f"{m}" for m in DEV_METRICS)
    values = "  ".join(f"{metrics.get(m, float('nan')):>{len(m)}.3f}" for m in DEV_METRICS)
    gates = [g for g in summary.get("gates", []) if g.get("status") == "fail"]
    verdict = "all min gates pass" if not gates else "FAILED: " + "; ".join(g["text"] for g in gates)
    return f"dev suite ({summary.get('cases')} articles, exit {proc.returncode}, {verdict}):\n{head}\n{values}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--no-dev", action="store_true", help="skip the dev-suite run")
    parser.add_argument("--errors", type=int, default=0, help="print the first N missed or misattributed gold items")
    args = parser.parse_args()
    if not args.polnear.is_file():
        print(f"attribution_polnear: PolNeAR not found at {args.polnear} (pass --polnear PATH)")
        return 2
    docs = load(args.polnear)
    tallies: dict[str, Tally] = defaultdict(Tally)
    started = time.perf_counter()
    for doc in docs:
        score_doc(doc, tallies, args.errors)
    elapsed = time.perf_counter() - started
    print(f"PolNeAR dev: {len(docs)} articles, {sum(len(d['text'].split()) for d in docs)} words, scored in {elapsed:.1f} s")
    print(table(tallies))
    for line in tallies["all"].errors:
        print(line)
    print(timing(docs))
    if not args.no_dev:
        print(dev_suite())
    return 0


if __name__ == "__main__":
    sys.exit(main())
