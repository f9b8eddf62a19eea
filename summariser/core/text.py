"""Paragraphs and sentences with their character spans in the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "sgt", "adm", "cmdr", "maj", "sen", "rep",
    "gov", "pres", "st", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc", "al", "approx", "dept",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n",
    "e.g", "i.e", "mt", "ft", "fig", "rev", "hon", "est", "a.m", "p.m", "ph.d",
}
_CLOSERS = "[\"'\u201d\u2019)\\]]*"
_BOUNDARY = re.compile(
    r"(?=[.!?\u2026\s])(?:"  # every boundary starts at an end mark or a space: skip other positions fast
    rf"[.!?\u2026]+{_CLOSERS}(?=\s+[\"'\u201c\u2018(\\[]?[A-Z0-9\u00c0-\u024f])"  # end mark, then a capital
    rf"|[!?]+{_CLOSERS}(?=\s+[#@])"  # question or exclamation before a hashtag or handle
    rf"|[!?]{{2,}}{_CLOSERS}(?=\s)"  # emphatic run (!!!, ?!) ends a sentence whatever follows
    # a line run on with no full stop (a photo caption) before "The man ..."; not "A", which also
    # ends names ("Serie A champions", "vitamin A levels")
    r"|(?<=[A-Za-z0-9])(?=\s+(?:An|The)\s+[a-z])"
    r")"
)
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"  # alternations for patterns
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# a capital letter, for character classes in patterns: ASCII, Latin-1 (not the sign "\u00d7") and Latin Extended-A
# and -B ("\u0141ukasz", "\u0160tefl", "\u0130stanbul")
CAPITALS = "A-Z\u00c0-\u00d6\u00d8-\u00de" + "".join(c for c in map(chr, range(0x100, 0x250)) if c.isupper())
# function words and speech verbs: what a summary's and a claim's content words are not
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself said says say told mr mrs
    ms one two new would could""".split()
)
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9][\w'\u2019-]*")


@dataclass(frozen=True)
class Span:
    """A piece of the text and where it stands: ``source[start:end] == text``."""

    start: int
    end: int
    text: str

    @cached_property
    def words(self) -> int:
        """How many words (whitespace-separated) the text has."""
        return len(self.text.split())


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines or blank-line separated blocks, stripped, with their spans."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        raw = match.group(0)
        stripped = raw.strip()
        if stripped:
            start = match.start() + (len(raw) - len(raw.lstrip()))
            spans.append(Span(start, start + len(stripped), stripped))
    return spans


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation or an initial rather than a sentence."""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and text[word_start].isupper()


def split_sentences(span: Span) -> list[Span]:
    """Split one paragraph into sentences, keeping offsets into the original text."""
    text, start = span.text, 0
    out: list[Span] = []
    for match in _BOUNDARY.finditer(text):
        if is_abbreviation(text, match.start()):
            continue
        _append_piece(out, span.start, start, text[start:match.end()])
        start = match.end()
    _append_piece(out, span.start, start, text[start:])
    return out


def _append_piece(out: list[Span], base: int, start: int, raw: str) -> None:
    """``raw`` (the text from ``start`` in a paragraph at ``base``) as a stripped sentence, unless blank."""
    piece = raw.strip()
    if piece:
        at = base + start + len(raw) - len(raw.lstrip())
        out.append(Span(at, at + len(piece), piece))


class Layout:
    """A text's paragraphs, each split into sentences once: what the readers of one draft share
    (the summary's sentence choice and the attribution rules both walk every sentence)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraphs = paragraphs(text)
        self._split: dict[int, tuple[Span, ...]] = {}

    def sentences_of(self, paragraph: Span) -> tuple[Span, ...]:
        """The sentences of one of :attr:`paragraphs`."""
        found = self._split.get(paragraph.start)
        if found is None:
            found = self._split[paragraph.start] = tuple(split_sentences(paragraph))
        return found

    def sentences(self) -> list[Span]:
        """Every sentence, paragraph by paragraph (as :func:`sentences`)."""
        return [s for p in self.paragraphs for s in self.sentences_of(p)]


def sentences(text: str) -> list[Span]:
    """Every sentence of the text, paragraph by paragraph."""
    return [s for p in paragraphs(text) for s in split_sentences(p)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _joins_word(char: str) -> bool:
    """Whether ``char`` would continue a word: a letter, digit or underscore (the regex ``\\w``) or a hyphen."""
    return char.isalnum() or char in "_-"


def word_at(text: str, word: str, start: int = 0) -> int:
    """Where ``word`` next stands in ``text`` from ``start`` as a whole word (no letter, digit, "_" or
    "-" against it on either side), or -1: the regex ``(?<![\\w-])word(?![\\w-])`` without compiling
    a pattern for each name."""
    if not word:
        return -1
    at = text.find(word, start)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _joins_word(text[at - 1])) and (end == len(text) or not _joins_word(text[end])):
            return at
        at = text.find(word, at + 1)
    return -1


def count_word(text: str, word: str) -> int:
    """How many times ``word`` stands in ``text`` as a whole word (see :func:`word_at`), not overlapping."""
    count, at = 0, word_at(text, word)
    while at >= 0:
        count += 1
        at = word_at(text, word, at + len(word))
    return count
