"""Quoted passages: curly, straight or doubled single quotes, nested quotes, and a quote left open
at a paragraph's end that the next paragraph takes up again; and single quotation marks ('...'), as
British papers quote people, where they cannot be apostrophes."""

from __future__ import annotations

import re

from ...core.text import Span, paragraphs

# curly, straight, doubled single quotes; and a line that opens with a closing mark by mistake (”...”)
_QUOTE = re.compile(
    r"\u201c([^\u201c\u201d]{8,}?)\u201d|\"([^\"\n]{8,}?)\"|''([^\n]{8,}?)''"
    r"|(?:^|(?<=\n))\u201d([^\u201c\u201d\n]{8,}?)\u201d"
)

MARKS = {"\u201c": "\u201d", '"': '"', "''": "''"}

# 'I am fit, healthy and ready to run,' said Bolt. A single mark opens a quote after a space, a bracket or a
# dash and before a letter or digit, and closes it after the punctuation that ends the quoted words and
# before a space or the end, or after a word and before the punctuation that follows the quote ('... a
# landslide', the researcher said): so "don't", "the players' wives" and 'scare quotes' are no quotes. The
# words inside run to the first such closing mark, within one paragraph.
_SINGLE = re.compile(  # (the mark first, what stands before it after: a pattern that starts with a mark scans fast)
    r"['\u2018](?<![^\s(\[\u2014\u2013]['\u2018])(?=[A-Za-z\u00c0-\u024f0-9])"
    r"([^\n]{8,600}?)(?:(?<=[.,!?\u2026])['\u2019](?=$|[\s)\]\u2014\u2013])|(?<=\w)['\u2019](?=[,;:.](?:\s|$)))"
)
# inside those words, a mark that opens a quote within the quote, and one that closes a word or two: a
# closing one that no inner opening one comes before is a scare quote closed there ('Galactico' era), not a
# quote within the quote ('the term 'black puppet' it's odd'); after an "s" it is a possessive (the players')
_INNER_OPEN = re.compile(r"(?<=\s)['\u2018](?=[A-Za-z\u00c0-\u024f0-9])")
_INNER_CLOSE = re.compile(r"(?<=[A-Za-rt-z])['\u2019](?=[\s,;:.!?])")


def quoted_passages(text: str, paras: list[Span] | None = None) -> list[tuple[Span, bool]]:
    """(span inside the marks, left open) for quoted passages of at least three words (``paras``:
    the text's paragraphs when already split)."""
    out = []
    paras = paragraphs(text) if paras is None else paras
    for index, para in enumerate(paras):
        if "\u201c" not in para.text and '"' not in para.text and "''" not in para.text and "\u201d" not in para.text:
            continue  # no quotation marks: nothing below can match
        nested = _nested_quotes(para.text)
        for match in _QUOTE.finditer(para.text):
            group = next(g for g in (1, 2, 3, 4) if match.group(g) is not None)
            if group in nested:
                continue
            span = _inner(para.start + match.start(group), match.group(group))
            if span:
                out.append((span, False))
        for pairs in nested.values():
            for start, end in pairs:
                span = _inner(para.start + start, para.text[start:end])
                if span:
                    out.append((span, False))
        following = paras[index + 1].text if index + 1 < len(paras) else ""
        opened = _open_quote(para, following)
        if opened:
            out.append((opened, True))
    out += _single_quoted(paras, [span for span, _ in out])
    return sorted(out, key=lambda q: q[0].start)


def _single_quoted(paras: list[Span], double: list[Span]) -> list[tuple[Span, bool]]:
    """Passages in single quotation marks that no passage in double marks holds or overlaps (a single
    quote inside a double one is a quote within the quote)."""
    out: list[tuple[Span, bool]] = []
    for para in paras:
        if "'" not in para.text and "\u2018" not in para.text:
            continue
        at = 0
        while (match := _SINGLE.search(para.text, at)) is not None:
            if _closes_early(match.group(1)):  # "the 'Galactico' era, with ... Beckham.'": the mark closed
                at = match.start() + 1  # a word or two; a quote may still open after it
                continue
            at = match.end()
            span = _inner(para.start + match.start(1), match.group(1))
            if span and not any(span.start < d.end and d.start < span.end for d in double):
                out.append((span, False))
    return out


def _closes_early(words: str) -> bool:
    """Whether a closing mark inside a single-quoted passage has no inner opening mark before it."""
    opened = 0
    for mark in sorted([(m.start(), 1) for m in _INNER_OPEN.finditer(words)] + [(m.start(), -1) for m in _INNER_CLOSE.finditer(words)]):
        opened += mark[1]
        if opened < 0:
            return True
    return False


_STRAIGHT_OPEN = re.compile(r'(?:(?<=^)|(?<=[\s(\[\u2014\u2013-]))"(?=\S)')
_STRAIGHT_CLOSE = re.compile(r'(?<=\S)"(?=$|[\s.,;:!?)\]\u2014\u2013-])')


def _nested_quotes(para: str) -> dict[int, list[tuple[int, int]]]:
    """Outermost quotes of a paragraph whose quotes nest ("... the “dossier” was ..."), by kind.

    {1: curly pairs, 2: straight pairs} as (start, end) inside the marks; a kind is left out when its
    marks do not nest here, or do not pair up (then the plain pattern's matches stand).
    """
    out: dict[int, list[tuple[int, int]]] = {}
    if para.count("\u201c") > 1 and para.count("\u201c") == para.count("\u201d"):
        marks = [(m.start(), m.group(0) == "\u201c") for m in re.finditer("[\u201c\u201d]", para)]
        pairs = _pairs(marks)
        if pairs is not None:
            out[1] = pairs
    if para.count('"') >= 4 and para.count('"') % 2 == 0:
        opens = {m.start() for m in _STRAIGHT_OPEN.finditer(para)}
        closes = {m.start() for m in _STRAIGHT_CLOSE.finditer(para)}
        marks = [(m.start(), m.start() in opens) for m in re.finditer('"', para)]
        if all((at in opens) != (at in closes) for at, _ in marks):
            pairs = _pairs(marks, need_nesting=False)
            if pairs is not None:
                out[2] = pairs
    return out


def _pairs(marks: list[tuple[int, bool]], need_nesting: bool = True) -> list[tuple[int, int]] | None:
    """Top-level (start, end) of balanced, properly nested marks; None when they do not pair up, or
    (``need_nesting``) when none nest."""
    depth, start, pairs, nested = 0, 0, [], False
    for at, opening in marks:
        if opening:
            if depth == 0:
                start = at + 1
            nested = nested or depth > 0
            depth += 1
        else:
            if depth == 0:
                return None
            depth -= 1
            if depth == 0:
                pairs.append((start, at))
    return pairs if depth == 0 and (nested or not need_nesting) else None


def _inner(start: int, raw: str) -> Span | None:
    inner = raw.strip().rstrip(",")
    if len(inner.split()) < 3:
        return None
    start += len(raw) - len(raw.lstrip())
    return Span(start, start + len(inner), inner)


def _open_quote(para: Span, following: str) -> Span | None:
    """A quote opened in this paragraph and not closed, when the next paragraph opens one again."""
    for mark in ("\u201c", '"', "''"):
        if not following.startswith(mark):
            continue
        at = para.text.rfind(mark)
        closed = para.text.count(mark) % 2 == 0 if mark != "\u201c" else "\u201d" in para.text[at:]
        if at < 0 or closed or (at > 0 and not para.text[at - 1].isspace()):
            continue
        return _inner(para.start + at + len(mark), para.text[at + len(mark):])
    return None


def find_direct_quotes(text: str, paras: list[Span] | None = None) -> list[Span]:
    """Quoted passages of at least three words, with spans of the words inside the marks."""
    return [span for span, _ in quoted_passages(text, paras)]
