"""Merging stance rows across chunks and sources, and finding where sources disagree.

The same actor (name variants: "Kato", "Katsunobu Kato") with the same claim and stance becomes
one row carrying every quote; the same actor and claim with different stances in different
sources is reported as a stance disagreement. For the offline engine, sentences from different
sources that say nearly the same thing with different numbers are reported as fact
disagreements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from ..ingest.documents import Document
from .quotes import actor_tokens
from ..core.schema import (
    MAX_STANCE_ROWS,
    MAX_SUMMARY_POINTS,
    MAX_WATCH_ITEMS,
    Disagreement,
    DraftBrief,
    DraftPoint,
    DraftStanceRow,
    Evidence,
    StanceRow,
)
from ..core.text import Span, sentences

TARGET_SIMILARITY = 88.0
FACT_SIMILARITY = 72.0
MAX_FACT_CONFLICTS = 3
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def same_actor(a: str, b: str) -> bool:
    """Whether two actor names denote the same person or body (surname or organisation words shared)."""
    if a.strip().lower() == b.strip().lower():
        return True
    if "(unnamed)" in a or "(unnamed)" in b:
        return False
    ta, tb = actor_tokens(a), actor_tokens(b)
    if not ta or not tb:
        return False
    last_a, last_b = a.split()[-1].lower(), b.split()[-1].lower()
    return last_a == last_b or (ta <= tb or tb <= ta)


def same_target(a: str, b: str) -> bool:
    return a.strip().lower() == b.strip().lower() or fuzz.token_set_ratio(a.lower(), b.lower()) >= TARGET_SIMILARITY


def _canonical_name(rows: list[StanceRow]) -> str:
    return max((r.actor for r in rows), key=lambda name: (len(name.split()), len(name)))


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for e in evidence:
        key = (e.source_id, e.start, e.end, e.quote)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def merge_rows(rows: list[StanceRow]) -> tuple[list[StanceRow], list[Disagreement]]:
    """One row per (actor, claim, stance) with all quotes; conflicting stances become disagreements."""
    groups: list[list[StanceRow]] = []
    for row in rows:
        group = next((g for g in groups if same_actor(g[0].actor, row.actor)), None)
        (group.append(row) if group is not None else groups.append([row]))
    merged: list[StanceRow] = []
    disagreements: list[Disagreement] = []
    for group in groups:
        name = _canonical_name(group)
        role = max((r.role for r in group), key=len)
        rows_for_actor = _merge_same_claim(group, name, role)
        merged += rows_for_actor
        disagreements += _stance_conflicts(rows_for_actor)
    return merged, disagreements


def _merge_same_claim(group: list[StanceRow], name: str, role: str) -> list[StanceRow]:
    out: list[StanceRow] = []
    for row in group:
        twin = next((r for r in out if r.stance == row.stance and same_target(r.target, row.target)), None)
        if twin is None:
            out.append(row.model_copy(update={"actor": name, "role": role or row.role}))
            continue
        index = out.index(twin)
        checks = {twin.speaker_check, row.speaker_check}
        check = "not_near_quote" if "not_near_quote" in checks else ("ok" if "ok" in checks else "unchecked")
        out[index] = twin.model_copy(update={"evidence": _dedupe(twin.evidence + row.evidence), "speaker_check": check})
    return out


def _stance_conflicts(rows: list[StanceRow]) -> list[Disagreement]:
    out = []
    for a, b in combinations(rows, 2):
        if a.stance == b.stance or not same_target(a.target, b.target):
            continue
        sources_a = {e.source_id for e in a.evidence}
        sources_b = {e.source_id for e in b.evidence}
        if sources_a == sources_b:
            continue
        out.append(Disagreement(
            kind="stance",
            summary=(
                f"{a.actor} is reported as {a.stance} ({', '.join(sorted(sources_a))}) and as {b.stance} "
                f"({', '.join(sorted(sources_b))}) on: {a.target}"
            ),
            evidence=_dedupe(a.evidence + b.evidence),
        ))
    return out


def _numbers(text: str) -> set[str]:
    return {n.rstrip(".,") for n in _NUMBER.findall(text)}


def _without_numbers(text: str) -> str:
    return _NUMBER.sub(" ", text.lower())


def fact_conflicts(docs: list[Document], max_sentences: int = 200) -> list[Disagreement]:
    """Near-identical sentences in different sources whose numbers differ ("12 killed" / "20 killed")."""
    per_doc = {doc.id: _numeric_sentences(doc.text, max_sentences) for doc in docs}
    found: list[tuple[float, Disagreement]] = []
    for (id_a, sents_a), (id_b, sents_b) in combinations(per_doc.items(), 2):
        for a in sents_a:
            for b in sents_b:
                conflict = _numeric_conflict(a, b, id_a, id_b)
                if conflict is not None:
                    found.append(conflict)
    found.sort(key=lambda item: -item[0])
    return [d for _, d in found[:MAX_FACT_CONFLICTS]]


@dataclass
class _Numeric:
    """A sentence with figures: its span, its numbers and its words without them (parsed once)."""

    span: Span
    numbers: set[str]
    words: str


def _numeric_sentences(text: str, limit: int) -> list[_Numeric]:
    out = []
    for sentence in sentences(text)[:limit]:
        numbers = _numbers(sentence.text)
        if numbers:
            out.append(_Numeric(sentence, numbers, _without_numbers(sentence.text)))
    return out


def _numeric_conflict(x: _Numeric, y: _Numeric, id_a: str, id_b: str) -> tuple[float, Disagreement] | None:
    a, b, nums_a, nums_b = x.span, y.span, x.numbers, y.numbers
    if nums_a == nums_b or not (nums_a - nums_b) or not (nums_b - nums_a):
        return None
    similarity = fuzz.token_sort_ratio(x.words, y.words)
    if similarity < FACT_SIMILARITY:
        return None
    summary = (
        f"{id_a} and {id_b} give different figures: {', '.join(sorted(nums_a - nums_b))} vs "
        f"{', '.join(sorted(nums_b - nums_a))}"
    )
    evidence = [
        Evidence(quote=a.text, start=a.start, end=a.end, verified=True, match="exact", source_id=id_a),
        Evidence(quote=b.text, start=b.start, end=b.end, verified=True, match="exact", source_id=id_b),
    ]
    return similarity, Disagreement(kind="fact", summary=summary, evidence=evidence)


def combine_drafts(drafts: list[DraftBrief], *, headline: str) -> DraftBrief:
    """One draft from per-source drafts: summary points taken in turn from each, near-duplicates
    dropped; stance rows taken in turn from each, up to the schema's limit."""
    points: list[DraftPoint] = []
    for rank in range(max(len(d.summary) for d in drafts)):
        for draft in drafts:
            if rank < len(draft.summary) and not _repeats(draft.summary[rank].text, points):
                points.append(draft.summary[rank])
    watch = [item for d in drafts for item in d.what_to_watch]
    return DraftBrief(
        headline=headline,
        summary=points[:MAX_SUMMARY_POINTS],
        stance_table=_rows_in_turn(drafts)[:MAX_STANCE_ROWS],
        what_to_watch=list(dict.fromkeys(watch))[:MAX_WATCH_ITEMS],
    )


def _rows_in_turn(drafts: list[DraftBrief]) -> list[DraftStanceRow]:
    """Each draft's first row, then each draft's second row, ... so a cap keeps every source."""
    longest = max(len(d.stance_table) for d in drafts)
    return [d.stance_table[rank] for rank in range(longest) for d in drafts if rank < len(d.stance_table)]


def _repeats(text: str, points: list[DraftPoint]) -> bool:
    return any(fuzz.token_set_ratio(text.lower(), p.text.lower()) >= 80 for p in points)
