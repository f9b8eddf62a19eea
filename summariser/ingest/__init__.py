"""Ingest: articles in. Files, URLs and stdin as Documents (HTML reduced to its main text); story files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core._lazy import lazy_exports

if TYPE_CHECKING:
    from .documents import Document, document_from_bytes, document_from_text, guess_title, load_source, unique_ids
    from .fetch import fetch_url
    from .story import load_story

__all__ = [
    "Document",
    "document_from_bytes",
    "document_from_text",
    "fetch_url",
    "guess_title",
    "load_source",
    "load_story",
    "unique_ids",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "Document": ".documents",
    "document_from_bytes": ".documents",
    "document_from_text": ".documents",
    "guess_title": ".documents",
    "load_source": ".documents",
    "unique_ids": ".documents",
    "fetch_url": ".fetch",
    "load_story": ".story",
}, globals())
