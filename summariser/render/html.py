"""Self-contained HTML: the brief beside the article, quotes highlighted and linked.

Everything from the article or the model is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2

from ..ingest.documents import Document
from ..core.schema import Brief, Evidence
from .markdown import evidence_mark


@dataclass
class Segment:
    text: str
    evidence_ids: list[str]
    anchors: list[str] = field(default_factory=list)  # ids of the quotes that start here (link targets)
    verified: bool = True


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    folder = Path(__file__).parent / "templates"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(["html", "j2"], default=True),
        undefined=jinja2.StrictUndefined,
    )


def evidence_ids(brief: Brief) -> list[tuple[str, Evidence]]:
    """Stable ids for every evidence item, in the order the brief shows them."""
    return [(f"ev-{i}", e) for i, e in enumerate(brief.evidence())]


def highlight_segments(text: str, items: list[tuple[str, Evidence]]) -> list[Segment]:
    """Split the article at evidence boundaries; each piece knows which quotes cover it."""
    located = [(eid, e) for eid, e in items if e.start is not None and e.end is not None and e.end > e.start]
    cuts = sorted({0, len(text)} | {e.start for _, e in located if e.start is not None} | {e.end for _, e in located if e.end is not None})
    segments = []
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [(eid, e) for eid, e in located if e.start is not None and e.end is not None and e.start <= lo and hi <= e.end]
        ids = [eid for eid, _ in covering]
        starting = [eid for eid, e in covering if e.start == lo]
        segments.append(Segment(text[lo:hi], ids, starting, all(e.verified for _, e in covering)))
    return segments


def render_html(brief: Brief, documents: list[Document]) -> str:
    return _env().get_template("brief.html.j2").render(**brief_context(brief, documents))


def brief_context(brief: Brief, documents: list[Document]) -> dict:
    """The variables ``brief.html.j2`` needs (the web desk extends that template)."""
    items = evidence_ids(brief)
    articles = []
    for doc in documents:
        mine = [(eid, e) for eid, e in items if e.source_id in ("", doc.id)]
        articles.append({"doc": doc, "segments": highlight_segments(doc.text, mine)})
    ids = {id(e): eid for eid, e in items}
    return dict(
        brief=brief, articles=articles, eid=lambda e: ids[id(e)], mark=evidence_mark, many_sources=len(documents) > 1,
    )
