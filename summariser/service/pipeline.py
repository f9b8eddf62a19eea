"""The brief pipeline: engine draft -> grounding -> merge -> Brief. Nothing else.

The engines live in :mod:`summariser.engines` (made through :mod:`summariser.backends`), quote
alignment in :mod:`summariser.grounding.quotes`, and the service that owns an engine for the front
doors in :mod:`summariser.service`. The names below that moved are kept importable from here.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..core.settings import Settings
from ..ingest.documents import Document
from ..engines.base import Draft, Engine
from ..engines.extractive import ExtractiveBackend
from ..engines.llm.engine import ModelEngine
from ..grounding.quotes import Grounded, ground, locate_in
from ..grounding.merge import fact_conflicts, merge_rows
from ..engines.llm.pricing import estimate_cost
from ..core.schema import Brief, BriefMeta, Disagreement, Evidence

if TYPE_CHECKING:
    from ..backends.cache import AnswerCache

__all__ = [
    "Draft", "Engine", "ExtractiveBackend", "Grounded", "ModelBackend", "aclose", "brief_document", "ground",
    "locate_in", "make_brief", "make_engine", "make_story_brief",
]

ModelBackend = ModelEngine  # the name before engines/


def make_engine(settings: Settings, *, cache: AnswerCache | None = None, on_status=None) -> Engine:
    """The engine for the configured backend, not started (see :func:`summariser.backends.create_engine`)."""
    from ..backends import create_engine

    return create_engine(settings, cache=cache, on_status=on_status)


async def make_brief(doc: Document, engine: Engine, settings: Settings) -> Brief:
    """Make one grounded brief of one document (map-reduce when it does not fit one call)."""
    return await make_story_brief([doc], engine, settings)


async def make_story_brief(docs: list[Document], engine: Engine, settings: Settings, story: str = "") -> Brief:
    """Make one grounded brief from several articles on one story (or one long article)."""
    started = time.perf_counter()
    draft = await engine.draft(docs, settings, story)
    grounded = ground(draft.brief, docs)
    rows, disagreements = grounded.rows, grounded.disagreements
    if draft.processing.mode != "single":
        rows, stance_conflicts = merge_rows(rows)
        disagreements += stance_conflicts
    if len(docs) > 1:
        disagreements += _new_conflicts(fact_conflicts(docs), disagreements)
    meta = BriefMeta(
        backend=engine.backend, model=engine.model, prompt=engine.info.template,
        attempts=draft.attempts, usage=draft.usage,
        cost_usd=estimate_cost(engine.model, draft.usage, settings.prices) if draft.usage.requests else None,
        latency_s=round(time.perf_counter() - started, 4),
        warnings=grounded.warnings + _style_notes(engine, settings),
        style=settings.style, sources=[doc.info() for doc in docs], processing=draft.processing,
    )
    return Brief(
        headline=draft.brief.headline, summary=grounded.summary, stance_table=rows,
        what_to_watch=draft.brief.what_to_watch, disagreements=disagreements, meta=meta,
    )


_DEFAULTS = Settings()


def _style_notes(engine: Engine, settings: Settings) -> list[str]:
    """What the offline engine cannot honour: it quotes the article, so it neither translates nor adapts."""
    if engine.backend != "extractive":
        return []
    asked = [f"{name} {getattr(settings, name)!r}" for name in ("language", "audience")
             if getattr(settings, name) != getattr(_DEFAULTS, name)]
    if not asked:
        return []
    return [f"the offline extractive engine quotes the article's own sentences and ignores {' and '.join(asked)}; "
            "use a model for that (--base-url or --backend local)"]


def _new_conflicts(found: list[Disagreement], known: list[Disagreement]) -> list[Disagreement]:
    """Rule-found conflicts whose passages no reported disagreement already covers."""
    covered = [e for d in known for e in d.evidence if e.start is not None]

    def overlaps(e: Evidence) -> bool:
        return e.start is not None and e.end is not None and any(
            k.source_id == e.source_id and k.start is not None and k.end is not None and k.start < e.end and e.start < k.end
            for k in covered)

    return [d for d in found if not any(overlaps(e) for e in d.evidence)]


async def aclose(engine: Engine) -> None:
    """Close an engine (the name before :meth:`Engine.aclose`)."""
    await engine.aclose()


async def brief_document(doc: Document, settings: Settings) -> Brief:
    """Make one brief with a fresh :class:`~summariser.service.Briefer` for ``settings`` (library convenience)."""
    from . import Briefer

    async with Briefer(settings) as briefer:
        return await briefer.brief(doc)
