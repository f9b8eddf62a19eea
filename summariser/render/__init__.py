"""Rendering briefs as Markdown (default), JSON or self-contained HTML."""

from __future__ import annotations

from ..documents import Document
from ..schema import Brief
from .html import render_html
from .markdown import render_markdown

FORMATS = ("markdown", "json", "html")


def render(brief: Brief, fmt: str, documents: list[Document] | None = None) -> str:
    """Render one brief in ``fmt``; HTML shows the article with the quotes highlighted."""
    if fmt == "json":
        return brief.model_dump_json(indent=2) + "\n"
    if fmt == "html":
        return render_html(brief, documents or [])
    return render_markdown(brief)


__all__ = ["FORMATS", "render", "render_html", "render_markdown"]
