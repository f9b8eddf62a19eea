"""Splitting documents that do not fit a model's context into chunks, without losing a character.

Chunks are cut on paragraph boundaries; a paragraph larger than the budget is cut between
sentences, and a sentence larger than the budget between words. Every chunk is a slice of the
original text, ``doc.text[start:end] == chunk.text``, so offsets found in a chunk map back to
the document by adding ``start``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...ingest.documents import Document
from ...core.text import Span, paragraphs, split_sentences
from .tokens import Counter


@dataclass(frozen=True)
class Chunk:
    """A slice of one document."""

    doc_id: str
    number: int
    count: int
    start: int
    end: int
    text: str


def _pieces(text: str, counter: Counter, budget: int) -> list[tuple[Span, int]]:
    """Paragraphs (or smaller pieces of oversized ones) with their token counts."""
    out: list[tuple[Span, int]] = []
    for para in paragraphs(text):
        tokens = counter.count(para.text)
        if tokens <= budget:
            out.append((para, tokens))
            continue
        for sentence in split_sentences(para):
            sentence_tokens = counter.count(sentence.text)
            if sentence_tokens <= budget:
                out.append((sentence, sentence_tokens))
            else:
                out += _word_windows(sentence, counter, budget)
    return out


def _word_windows(span: Span, counter: Counter, budget: int) -> list[tuple[Span, int]]:
    """Cut an oversized sentence between words into pieces within the budget."""
    words = list(re.finditer(r"\S+", span.text))
    out, first = [], 0
    while first < len(words):
        last = first
        while last + 1 < len(words) and counter.count(span.text[words[first].start():words[last + 1].end()]) <= budget:
            last += 1
        lo, hi = words[first].start(), words[last].end()
        out.append((Span(span.start + lo, span.start + hi, span.text[lo:hi]), counter.count(span.text[lo:hi])))
        first = last + 1
    return out


def split_document(doc: Document, counter: Counter, budget: int) -> list[Chunk]:
    """Chunks of at most ``budget`` tokens (by the counter), covering all of the document's text."""
    if budget < 50:
        raise ValueError("chunk budget must be at least 50 tokens")
    groups: list[list[Span]] = []
    used = 0
    for piece, tokens in _pieces(doc.text, counter, budget):
        if groups and used + tokens + 2 <= budget:
            groups[-1].append(piece)
            used += tokens + 2
        else:
            groups.append([piece])
            used = tokens
    chunks = []
    for number, group in enumerate(groups, start=1):
        start, end = group[0].start, group[-1].end
        chunks.append(Chunk(doc.id, number, len(groups), start, end, doc.text[start:end]))
    return chunks
