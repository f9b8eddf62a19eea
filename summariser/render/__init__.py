"""Rendering briefs as Markdown (default), JSON or self-contained HTML (its templates load when first used)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .markdown import render_markdown

if TYPE_CHECKING:
    from ..ingest.documents import Document
    from ..core.schema import Brief

FORMATS = ("markdown", "json", "html")


def render(brief: Brief, fmt: str, documents: list[Document] | None = None) -> str:
    """Render one brief in ``fmt``; HTML shows the article with the quotes highlighted."""
    if fmt == "json":
        return brief.model_dump_json(indent=2) + "\n"
    if fmt == "html":
        from .html import render_html

        return render_html(brief, documents or [])
    return render_markdown(brief)


def __getattr__(name: str) -> object:
    """``render_html`` loads Jinja2 and its templates on first use."""
    if name == "render_html":
        from .html import render_html

        return render_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["FORMATS", "render", "render_html", "render_markdown"]
