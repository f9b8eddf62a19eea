"""The brief pipeline: document -> engine draft -> grounding -> Brief. Nothing else."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from .config import Settings
from .documents import Document
from .errors import ConfigError, InputTooLongError
from .extractive import ExtractiveEngine
from .grounding import locate, speaker_near
from .models.base import ChatModel
from .pricing import estimate_cost
from .prompts import Template, load_template
from .schema import Brief, BriefMeta, DraftBrief, Evidence, StanceRow, SummaryPoint, Usage, draft_json_schema
from .structured import generate
from .tokens import context_window, counter_for

if TYPE_CHECKING:
    from .cache import AnswerCache

log = logging.getLogger("summariser")


@dataclass
class Draft:
    """An engine's answer before grounding, with how it was obtained."""

    brief: DraftBrief
    attempts: int = 1
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)


class Engine(Protocol):
    backend: str
    model: str

    async def draft(self, doc: Document, settings: Settings) -> Draft: ...


class ExtractiveBackend:
    """The offline engine behind the :class:`Engine` interface."""

    def __init__(self, mode: str = "central") -> None:
        self._engine = ExtractiveEngine(mode)  # type: ignore[arg-type]
        self.backend = "extractive"
        self.model = self._engine.model
        self.template: Template | None = None

    async def draft(self, doc: Document, settings: Settings) -> Draft:
        return Draft(self._engine.draft(doc.text, title=doc.title, words_target=settings.words))


class ModelBackend:
    """A chat model driven by a prompt template, with validation and quote re-asks."""

    def __init__(self, chat: ChatModel, template: Template) -> None:
        self.chat = chat
        self.template = template
        self.backend = chat.backend
        self.model = chat.model

    def messages(self, doc: Document, settings: Settings) -> list[dict[str, str]]:
        return self.template.messages(article=doc.text, title=doc.title, **settings.style)

    def check_budget(self, doc: Document, messages: list[dict[str, str]], settings: Settings) -> list[str]:
        counter = counter_for(self.model)
        prompt_tokens = counter.count_messages(messages)
        window = context_window(self.model, settings.context_window)
        if prompt_tokens + settings.max_output_tokens > window:
            raise InputTooLongError(
                f"{doc.path or doc.id}: the prompt is {prompt_tokens} tokens, over {self.model}'s context of {window} "
                f"with {settings.max_output_tokens} reserved for the answer; shorten the article, pass --context-window "
                "if the model's window is larger, or use a model with a larger window"
            )
        return []

    async def draft(self, doc: Document, settings: Settings) -> Draft:
        messages = self.messages(doc, settings)
        warnings = self.check_budget(doc, messages, settings)
        result = await generate(
            self.chat, messages, DraftBrief,
            schema=draft_json_schema(),
            reask=lambda problem, quotes: self.template.render("reask", problem=problem, unverified_quotes=quotes),
            max_attempts=settings.max_attempts,
            soft_check=lambda draft: unverified_quotes(draft, doc.text),
            max_tokens=settings.max_output_tokens,
        )
        return Draft(result.value, result.attempts, result.usage, warnings)


def unverified_quotes(draft: DraftBrief, text: str) -> list[str]:
    """Quotes in a draft that are not in the article (exactly or after normalisation)."""
    quotes = [q for p in draft.summary for q in p.quotes] + [r.quote for r in draft.stance_table]
    return [q for q in quotes if not locate(q, text).verified]


def ground(draft: DraftBrief, doc: Document) -> tuple[list[SummaryPoint], list[StanceRow], list[str]]:
    """Align every quote to the document; unverified quotes and doubtful speakers become warnings."""
    warnings: list[str] = []
    summary = []
    for point in draft.summary:
        evidence = [locate(q, doc.text, source_id=doc.id) for q in point.quotes]
        warnings += [_unverified_warning(e) for e in evidence if not e.verified]
        summary.append(SummaryPoint(text=point.text, evidence=evidence))
    rows = []
    for row in draft.stance_table:
        evidence = locate(row.quote, doc.text, source_id=doc.id, near=_first_mention(row.actor, doc.text))
        near = speaker_near(evidence, doc.text, row.actor)
        check = "unchecked" if near is None else ("ok" if near else "not_near_quote")
        if not evidence.verified:
            warnings.append(_unverified_warning(evidence))
        elif check == "not_near_quote":
            warnings.append(f"speaker check: {row.actor!r} is not named near the quote {_clip(evidence.quote)!r}")
        rows.append(StanceRow(
            actor=row.actor, role=row.role, target=row.target, stance=row.stance,
            evidence=[evidence], speaker_check=check,
        ))
    return summary, rows, warnings


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
    if backend == "openai":
        from .models.openai_chat import OpenAIChat

        chat = OpenAIChat(
            model=settings.model, api_key=settings.api_key or None, base_url=settings.base_url or None,
            timeout_s=settings.timeout_s, max_retries=settings.max_retries, temperature=settings.temperature,
            on_status=on_status,
        )
        if cache is not None:
            from .cache import CachedChat

            chat = CachedChat(chat, cache)
        return ModelBackend(chat, template)
    raise ConfigError(f"backend {backend!r} is not available in this version; use extractive or openai (--base-url)")


def _prompts_dir(settings: Settings):
    from pathlib import Path

    return Path(settings.prompts_dir) if settings.prompts_dir else None


async def make_brief(doc: Document, engine: Engine, settings: Settings) -> Brief:
    """Make one grounded brief of one document."""
    started = time.perf_counter()
    draft = await engine.draft(doc, settings)
    summary, rows, grounding_warnings = ground(draft.brief, doc)
    template = getattr(engine, "template", None)
    meta = BriefMeta(
        backend=engine.backend, model=engine.model,
        prompt=template.info if template is not None else None,
        attempts=draft.attempts, usage=draft.usage,
        cost_usd=estimate_cost(engine.model, draft.usage, settings.prices) if draft.usage.requests else None,
        latency_s=round(time.perf_counter() - started, 4),
        warnings=draft.warnings + grounding_warnings,
        style=settings.style, sources=[doc.info()],
    )
    return Brief(
        headline=draft.brief.headline, summary=summary, stance_table=rows,
        what_to_watch=draft.brief.what_to_watch, meta=meta,
    )


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
