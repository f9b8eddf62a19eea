"""The brief pipeline: document -> engine draft -> grounding -> Brief. Nothing else."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

from .config import Settings
from .documents import Document
from .errors import ConfigError
from .extractive import ExtractiveEngine
from .grounding import locate, speaker_near
from .mapreduce import MapReducer, Plan, unverified_quotes
from .merge import combine_drafts, fact_conflicts, merge_rows
from .models.base import ChatModel
from .pricing import estimate_cost
from .prompts import Template, load_template
from .schema import (
    Brief,
    BriefMeta,
    Disagreement,
    DraftBrief,
    Evidence,
    Processing,
    StanceRow,
    SummaryPoint,
    Usage,
    json_schema,
)
from .structured import SchemaEdit, generate
from .tokens import context_window, counter_for

if TYPE_CHECKING:
    from .cache import AnswerCache

@dataclass
class Draft:
    """An engine's answer before grounding, with how it was obtained."""

    brief: DraftBrief
    attempts: int = 1
    usage: Usage = field(default_factory=Usage)
    processing: Processing = field(default_factory=Processing)


class Engine(Protocol):
    backend: str
    model: str

    async def draft_story(self, docs: list[Document], settings: Settings, story: str = "") -> Draft: ...


class ExtractiveBackend:
    """The offline engine behind the :class:`Engine` interface."""

    def __init__(self, mode: str = "central") -> None:
        self._engine = ExtractiveEngine(mode)  # type: ignore[arg-type]
        self.backend = "extractive"
        self.model = self._engine.model
        self.template: Template | None = None

    async def draft_story(self, docs: list[Document], settings: Settings, story: str = "") -> Draft:
        if len(docs) == 1:
            return Draft(self._engine.draft(docs[0].text, title=docs[0].title, words_target=settings.words))
        topic = story or docs[0].title
        drafts = [self._engine.draft(d.text, title=d.title, words_target=settings.words, topic=topic) for d in docs]
        merged = combine_drafts(drafts, headline=topic or drafts[0].headline)
        return Draft(merged, processing=Processing(mode="merge", documents=len(docs), chunks=len(docs), calls=0))


class ModelBackend:
    """A chat model driven by prompt templates, with validation and quote re-asks.

    One article that fits the context window: one call with the ``brief`` template. A longer
    article, or several articles: map-reduce over chunks (see :mod:`summariser.mapreduce`).
    """

    def __init__(self, chat: ChatModel, template: Template, prompts_dir: Path | None = None, *,
                 bound: SchemaEdit | None = None, tighten: SchemaEdit | None = None) -> None:
        """``bound``: applied to every schema sent (the local backend caps strings and arrays);
        ``tighten``: schema -> smaller schema, for re-asks after an answer was cut off."""
        self.chat = chat
        self.template = template
        self.prompts_dir = prompts_dir
        self.backend = chat.backend
        self.model = chat.model
        self.bound, self.tighten = bound, tighten
        self.schema = self.schema_for(DraftBrief)  # the brief schema sent, made once per engine

    def schema_for(self, output_type: type[BaseModel]) -> dict:
        """The JSON schema sent for ``output_type`` (bounded when the backend needs it)."""
        schema = json_schema(output_type)
        return self.bound(schema) if self.bound else schema

    @cached_property
    def _step_templates(self) -> tuple[Template, Template]:
        """The map and reduce templates, loaded once per engine (the prompts folder does not change)."""
        return load_template("extract", self.prompts_dir), load_template("reduce", self.prompts_dir)

    def reducer(self, settings: Settings) -> MapReducer:
        extract, reduce = self._step_templates
        return MapReducer(self.chat, extract, reduce, settings, schema_for=self.schema_for, tighten=self.tighten)

    def fits(self, doc: Document, settings: Settings, messages: list[dict[str, str]] | None = None) -> bool:
        """Whether the article fits one call (and no smaller chunk size was asked for).

        A token is at least one byte, so a prompt whose bytes fit needs no tokenizing.
        """
        messages = messages or self.messages(doc, settings)
        window = context_window(self.model, settings.context_window)
        byte_bound = sum(len(m["content"].encode("utf-8")) + 4 for m in messages) + 3
        if byte_bound + settings.max_output_tokens <= window and (
            not settings.chunk_tokens or len(doc.text.encode("utf-8")) <= settings.chunk_tokens
        ):
            return True
        counter = counter_for(self.model)
        if settings.chunk_tokens and counter.count(doc.text) > settings.chunk_tokens:
            return False
        return counter.count_messages(messages) + settings.max_output_tokens <= window

    def plan(self, docs: list[Document], settings: Settings) -> Plan:
        if len(docs) == 1 and self.fits(docs[0], settings):
            return self.reducer(settings).plan(docs, "single")
        return self.reducer(settings).plan(docs, "merge" if len(docs) > 1 else "map_reduce")

    async def draft_story(self, docs: list[Document], settings: Settings, story: str = "") -> Draft:
        messages = self.messages(docs[0], settings) if len(docs) == 1 else None
        if messages is not None and self.fits(docs[0], settings, messages):
            return await self.draft(docs[0], settings, messages)
        result = await self.reducer(settings).run(docs, story)
        mode = "merge" if len(docs) > 1 else "map_reduce"
        processing = Processing(mode=mode, documents=len(docs), chunks=result.chunks, calls=result.calls)
        return Draft(result.draft, result.attempts, result.usage, processing)

    def messages(self, doc: Document, settings: Settings) -> list[dict[str, str]]:
        return self.template.messages(article=doc.text, title=doc.title, **settings.style)

    async def draft(self, doc: Document, settings: Settings, messages: list[dict[str, str]]) -> Draft:
        """One call with the ``brief`` template (``messages``) for an article that fits the context window."""
        result = await generate(
            self.chat, messages, DraftBrief,
            schema=self.schema,
            reask=lambda problem, quotes: self.template.render("reask", problem=problem, unverified_quotes=quotes),
            max_attempts=settings.max_attempts,
            soft_check=lambda draft: unverified_quotes(draft, [doc.text]),
            max_tokens=settings.max_output_tokens,
            tighten=self.tighten,
        )
        return Draft(result.value, result.attempts, result.usage, processing=Processing(calls=result.attempts))


@dataclass
class Grounded:
    """A draft's parts with every quote aligned to its source."""

    summary: list[SummaryPoint]
    rows: list[StanceRow]
    disagreements: list[Disagreement]
    warnings: list[str]


def locate_in(quote: str, docs: list[Document], actor: str = "") -> Evidence:
    """Align a quote to whichever document holds it; the best unverified match otherwise."""
    best: Evidence | None = None
    for doc in docs:
        evidence = locate(quote, doc.text, source_id=doc.id, near=_first_mention(actor, doc.text) if actor else None)
        if evidence.verified:
            return evidence
        if best is None or (best.match == "none" and evidence.match == "fuzzy"):
            best = evidence
    assert best is not None
    return best


def _speaker_check(evidence: Evidence, docs: list[Document], actor: str) -> str:
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
        evidence = locate_in(row.quote, docs, row.actor)
        check = _speaker_check(evidence, docs, row.actor)
        if not evidence.verified:
            warnings.append(_unverified_warning(evidence))
        elif check == "not_near_quote":
            warnings.append(f"speaker check: {row.actor!r} is not named near the quote {_clip(evidence.quote)!r}")
        rows.append(StanceRow(
            actor=row.actor, role=row.role, target=row.target, stance=row.stance,
            evidence=[evidence], speaker_check=check,
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


def make_engine(settings: Settings, *, cache: "AnswerCache | None" = None, on_status=None) -> Engine:
    """The engine for the configured backend.

    ``cache``: answer model requests from this :class:`~summariser.cache.AnswerCache` first.
    ``on_status``: called with every HTTP status code the model server returns (e.g. an
    :class:`~summariser.batch.AdaptiveLimiter`'s ``on_status``).
    """
    backend, _ = settings.resolved_backend()
    if backend == "extractive":
        return ExtractiveBackend(settings.extractive_mode)
    template = load_template(settings.template, _prompts_dir(settings))
    from .cache import cached

    if backend == "openai":
        from .models.openai_chat import openai_chat

        chat = cached(openai_chat(settings, on_status=on_status), cache)
        return ModelBackend(chat, template, _prompts_dir(settings))
    if backend == "local":
        from .models.local import bound_schema, local_chat, tighten_schema

        chat = cached(local_chat(settings, on_status=on_status), cache)
        return ModelBackend(chat, template, _prompts_dir(settings), bound=bound_schema, tighten=tighten_schema)
    raise ConfigError(f"backend {backend!r} is not available in this version; use extractive, openai (--base-url) or local (--model-path)")


def _prompts_dir(settings: Settings) -> Path | None:
    return Path(settings.prompts_dir) if settings.prompts_dir else None


async def make_brief(doc: Document, engine: Engine, settings: Settings) -> Brief:
    """Make one grounded brief of one document (map-reduce when it does not fit one call)."""
    return await make_story_brief([doc], engine, settings)


async def make_story_brief(docs: list[Document], engine: Engine, settings: Settings, story: str = "") -> Brief:
    """Make one grounded brief from several articles on one story (or one long article)."""
    started = time.perf_counter()
    draft = await engine.draft_story(docs, settings, story)
    grounded = ground(draft.brief, docs)
    rows, disagreements = grounded.rows, grounded.disagreements
    if draft.processing.mode != "single":
        rows, stance_conflicts = merge_rows(rows)
        disagreements += stance_conflicts
    if len(docs) > 1:
        disagreements += _new_conflicts(fact_conflicts(docs), disagreements)
    template = getattr(engine, "template", None)
    meta = BriefMeta(
        backend=engine.backend, model=engine.model,
        prompt=template.info if template is not None else None,
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
        return any(k.source_id == e.source_id and k.start < e.end and e.start < k.end for k in covered)

    return [d for d in found if not any(overlaps(e) for e in d.evidence)]


async def aclose(engine: Engine) -> None:
    chat = getattr(engine, "chat", None)
    if chat is not None:
        await chat.aclose()


async def brief_document(doc: Document, settings: Settings) -> Brief:
    """Make one brief with a fresh engine for ``settings`` (convenience for library users)."""
    engine = make_engine(settings)
    try:
        return await make_brief(doc, engine, settings)
    finally:
        await aclose(engine)
