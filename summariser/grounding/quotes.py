"""Aligning quotes to the source text, with an explicit match status: the one grounding path.

Order: exact match; then a match after normalising quote marks, dashes, ellipses, whitespace
and case (elided quotes, "a ... b", match fragment by fragment in order); then a fuzzy match
above a threshold. Only exact and normalised matches are ``verified``; for them ``quote`` is
replaced by ``source[start:end]`` so the two always agree.

Each (quote, text) pair is aligned once: the re-ask check while drafting (:func:`unverified_quotes`,
against an article, a chunk or a story's articles) and the grounding of the final draft
(:func:`ground`) share the alignment; only the choice among several exact matches (the one
nearest the speaker's first mention) is made per call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, cast

from rapidfuzz import fuzz

from ..core.schema import Disagreement, DraftBrief, Evidence, MergeDraft, StanceRow, SummaryPoint

if TYPE_CHECKING:
    from ..ingest.documents import Document

MatchStatus = Literal["exact", "normalized", "fuzzy", "none"]
SpeakerCheck = Literal["ok", "not_near_quote", "unchecked"]

__all__ = [
    "Grounded", "actor_tokens", "best_alignment", "clean_quote", "ground", "locate", "locate_in", "normalize", "speaker_near",
    "unverified_quotes",
]

FUZZY_THRESHOLD = 85.0
SPEAKER_WINDOW_BEFORE = 300
SPEAKER_WINDOW_AFTER = 200

_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2026": "...",
}
_EDGE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb \t\n"
_ELISION = re.compile(r"\s*(?:\[(?:\.\.\.|\u2026)\]|\.\.\.|\u2026)\s*")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised copy of a text and, for each of its characters, the index in the original."""

    text: str
    index: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original."""
        return self.index[start], self.index[end - 1] + 1


def _normalize_char(ch: str) -> str:
    ch = _CHAR_MAP.get(ch, ch)
    return ch.lower() if len(ch.lower()) == len(ch) else ch


@lru_cache(maxsize=64)
def normalize(text: str) -> NormalizedText:
    """Normalise quote marks, dashes, ellipses, whitespace runs and case, keeping an index map."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space and out:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        for piece in _normalize_char(ch):
            out.append(piece)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return NormalizedText("".join(out), tuple(index))


def clean_quote(quote: str) -> str:
    """Strip whitespace and enclosing quotation marks the model may have added."""
    return quote.strip().strip(_EDGE_MARKS).strip()


def locate(quote: str, source: str, *, source_id: str = "", near: int | None = None) -> Evidence:
    """Align ``quote`` to ``source`` and return an :class:`Evidence` with its match status.

    Of several exact matches, the one nearest ``near`` (a character offset) is taken."""
    cleaned = clean_quote(quote)
    if not cleaned:
        return Evidence(quote=quote, start=None, end=None, verified=False, match="none", source_id=source_id)
    status, spans = _align(cleaned, source)
    match = cast(MatchStatus, status)
    if status in ("exact", "normalized"):
        start, end = _closest_span(spans, near)
        found = source[start:end]
        return Evidence(
            quote=found, start=start, end=end, verified=True, match=match, source_id=source_id,
            model_quote=None if found == quote else quote,
        )
    if status == "fuzzy":
        start, end = spans[0]
        return Evidence(quote=quote, start=start, end=end, verified=False, match="fuzzy", source_id=source_id)
    return Evidence(quote=quote, start=None, end=None, verified=False, match="none", source_id=source_id)


@lru_cache(maxsize=8192)
def _align(quote: str, source: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(status, candidate spans) of a cleaned quote in ``source``: computed once per pair."""
    positions = _all_positions(quote, source)
    if positions:
        return "exact", tuple((p, p + len(quote)) for p in positions)
    span = _normalized(quote, source, None)
    if span is not None:
        return "normalized", (span,)
    span = _fuzzy(quote, source)
    if span is not None:
        return "fuzzy", (span,)
    return "none", ()


def _closest_span(spans: tuple[tuple[int, int], ...], near: int | None) -> tuple[int, int]:
    start = _closest([s for s, _ in spans], near)
    return next(span for span in spans if span[0] == start)


def _all_positions(needle: str, haystack: str) -> list[int]:
    positions, pos = [], haystack.find(needle)
    while pos != -1:
        positions.append(pos)
        pos = haystack.find(needle, pos + 1)
    return positions


def _closest(positions: list[int], near: int | None) -> int:
    if near is None or len(positions) == 1:
        return positions[0]
    return min(positions, key=lambda p: abs(p - near))


def _normalized(quote: str, source: str, near: int | None) -> tuple[int, int] | None:
    norm_source = normalize(source)
    fragments = [normalize(f).text for f in _ELISION.split(quote)]
    fragments = [f for f in fragments if f]
    if not fragments:
        return None
    for first in _all_positions(fragments[0], norm_source.text) or []:
        end = _match_rest(fragments[1:], norm_source.text, first + len(fragments[0]))
        if end is not None:
            return norm_source.span(first, end)
    return None


def _match_rest(fragments: list[str], text: str, pos: int) -> int | None:
    """Find each fragment in order after ``pos``; elisions may skip at most a few sentences."""
    for fragment in fragments:
        found = text.find(fragment, pos, pos + 600 + len(fragment))
        if found == -1:
            return None
        pos = found + len(fragment)
    return pos


def _fuzzy(quote: str, source: str) -> tuple[int, int] | None:
    norm_source = normalize(source)
    norm_quote = normalize(quote).text
    if len(norm_quote) < 12 or not norm_source.text:
        return None
    alignment = fuzz.partial_ratio_alignment(norm_quote, norm_source.text, score_cutoff=FUZZY_THRESHOLD)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    return norm_source.span(alignment.dest_start, alignment.dest_end)


# --- Speaker check ------------------------------------------------------------------------------

_NAME_STOPWORDS = {
    "the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "mr", "mrs", "ms", "dr", "unnamed",
    "former", "said", "president", "minister", "secretary",
}


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "\u2019s")) else word


def actor_tokens(actor: str, aliases: list[str] | tuple[str, ...] = ()) -> set[str]:
    """Lower-cased name tokens that identify an actor (surname, organisation words, aliases)."""
    tokens: set[str] = set()
    for name in (actor, *aliases):
        for word in re.findall(r"[\w'\u2019-]+", name):
            word = _strip_possessive(word.lower())
            if len(word) > 2 and word not in _NAME_STOPWORDS:
                tokens.add(word)
    return tokens


def speaker_near(evidence: Evidence, source: str, actor: str, aliases: tuple[str, ...] = ()) -> bool | None:
    """Whether the actor's name (or an alias) stands near the quote; None when the quote was not found."""
    if evidence.start is None or evidence.end is None:
        return None
    tokens = actor_tokens(actor, aliases)
    if not tokens:
        return None
    lo = max(0, evidence.start - SPEAKER_WINDOW_BEFORE)
    hi = min(len(source), evidence.end + SPEAKER_WINDOW_AFTER)
    # lower-cased like the tokens (str.lower, not a case-blind regex: "İ" lowers to two characters)
    return _name_pattern(frozenset(tokens)).search(source[lo:hi].lower()) is not None


@lru_cache(maxsize=1024)
def _name_pattern(tokens: frozenset[str]) -> re.Pattern[str]:
    """Any of ``tokens`` as a whole word (possessive allowed): the speaker check's hot path."""
    names = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019-])(?:{names})(?:['\u2019]s)?(?![\w'\u2019-])")


# --- Drafts: every quote aligned to its source ---------------------------------------------------


def _all_quotes(draft: DraftBrief) -> list[str]:
    quotes = [q for p in draft.summary for q in p.quotes] + [r.quote for r in draft.stance_table]
    if isinstance(draft, MergeDraft):
        quotes += [q for d in draft.disagreements for q in d.quotes]
    return quotes


def unverified_quotes(draft: DraftBrief, texts: list[str]) -> list[str]:
    """Quotes in a draft found in none of ``texts`` (exactly or after normalisation)."""
    return [q for q in _all_quotes(draft) if not any(locate(q, t).verified for t in texts)]


@dataclass
class Grounded:
    """A draft's parts with every quote aligned to its source."""

    summary: list[SummaryPoint]
    rows: list[StanceRow]
    disagreements: list[Disagreement]
    warnings: list[str]


def best_alignment(alignments: Iterable[Evidence]) -> Evidence | None:
    """The first verified alignment (the rest are not computed), else the first fuzzy one, else the first."""
    best: Evidence | None = None
    for evidence in alignments:
        if evidence.verified:
            return evidence
        if best is None or (best.match == "none" and evidence.match != "none"):
            best = evidence
    return best


def locate_in(quote: str, docs: list[Document], actor: str = "") -> Evidence:
    """Align a quote to whichever document holds it; the best unverified match otherwise."""
    best = best_alignment(
        locate(quote, doc.text, source_id=doc.id, near=_first_mention(actor, doc.text) if actor else None) for doc in docs
    )
    assert best is not None
    return best


def _speaker_check(evidence: Evidence, docs: list[Document], actor: str) -> SpeakerCheck:
    doc = next((d for d in docs if d.id == evidence.source_id), None)
    near = speaker_near(evidence, doc.text, actor) if doc is not None else None
    return "unchecked" if near is None else ("ok" if near else "not_near_quote")


def ground(draft: DraftBrief, docs: list[Document]) -> Grounded:
    """Align every quote to its source; unverified quotes and doubtful speakers become warnings."""
    warnings: list[str] = []
    summary = []
    for point in draft.summary:
        evidence = [locate_in(q, docs) for q in point.quotes]
        warnings += [_unverified_warning(e) for e in evidence if not e.verified]
        summary.append(SummaryPoint(text=point.text, evidence=evidence))
    rows = []
    for row in draft.stance_table:
        found = locate_in(row.quote, docs, row.actor)
        check = _speaker_check(found, docs, row.actor)
        if not found.verified:
            warnings.append(_unverified_warning(found))
        elif check == "not_near_quote":
            warnings.append(f"speaker check: {row.actor!r} is not named near the quote {_clip(found.quote)!r}")
        rows.append(StanceRow(
            actor=row.actor, role=row.role, target=row.target, stance=row.stance,
            evidence=[found], speaker_check=check,
        ))
    disagreements = []
    for item in getattr(draft, "disagreements", []):
        evidence = [locate_in(q, docs) for q in item.quotes]
        warnings += [_unverified_warning(e) for e in evidence if not e.verified]
        disagreements.append(Disagreement(kind=item.kind, summary=item.summary, evidence=evidence))
    return Grounded(summary, rows, disagreements, warnings)


def _first_mention(actor: str, text: str) -> int | None:
    surname = actor.split()[-1] if actor.split() else ""
    position = text.find(surname) if len(surname) > 2 else -1
    return position if position >= 0 else None


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _unverified_warning(evidence: Evidence) -> str:
    where = "only approximately" if evidence.match == "fuzzy" else "not"
    return f"unverified quote: {_clip(evidence.quote)!r} is {where} in the source"
