"""A chat model driven by prompt templates, with validation and quote re-asks.

One article that fits the context window: one call with the ``brief`` template. A longer
article, or several articles: map-reduce over chunks (see :mod:`summariser.engines.llm.mapreduce`).
The chat client is opened by :meth:`ModelEngine.start` (or the first draft), never by a plan.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from ...grounding.quotes import unverified_quotes
from ...core.schema import DraftBrief, Processing, json_schema
from .structured import SchemaEdit, generate
from .tokens import context_window, counter_for
from ..base import Draft, EngineInfo, NamedByInfo

if TYPE_CHECKING:
    from ...core.settings import Settings
    from ...ingest.documents import Document
    from .mapreduce import MapReducer, Plan
    from .chat import ChatModel
    from .prompts import Template

__all__ = ["ChatInfo", "ModelEngine", "prompted_info", "schema_sha256"]


@dataclass(frozen=True)
class ChatInfo:
    """A chat model's name and server, for planning before any client exists."""

    backend: str
    model: str
    base_url: str = ""


def schema_sha256(schema: dict) -> str:
    """The content hash of a JSON schema (canonical JSON)."""
    return hashlib.sha256(json.dumps(schema, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def prompted_info(info: EngineInfo, template: Template, bound: SchemaEdit | None = None) -> EngineInfo:
    """``info`` with the template's name and hash and the hash of the brief schema sent (bounded by ``bound``)."""
    schema = json_schema(DraftBrief)
    return replace(info, template=template.info, schema_sha256=schema_sha256(bound(schema) if bound else schema))


class ModelEngine(NamedByInfo):
    """Prompt templates over a chat model; ``open_chat`` makes the client (and starts a server) on first need."""

    def __init__(self, chat: ChatModel | Callable[[], ChatModel], template: Template, prompts_dir: Path | None = None, *,
                 bound: SchemaEdit | None = None, tighten: SchemaEdit | None = None,
                 info: EngineInfo | None = None) -> None:
        """``chat``: a chat model, or a function that opens one; ``bound``: applied to every schema
        sent (the local backend caps strings and arrays); ``tighten``: schema -> smaller schema, for
        re-asks after an answer was cut off; ``info``: what the engine is (default: from ``chat``)."""
        opened = hasattr(chat, "complete")
        self._chat: ChatModel | None = chat if opened else None  # type: ignore[assignment]
        self._open_chat: Callable[[], ChatModel] | None = None if opened else chat  # type: ignore[assignment]
        self.template = template
        self.prompts_dir = prompts_dir
        self.bound, self.tighten = bound, tighten
        self.schema = self.schema_for(DraftBrief)  # the brief schema sent, made once per engine
        if info is None:
            known = self._chat
            assert known is not None, "an engine over a chat factory needs its info"
            info = EngineInfo(backend=known.backend, model=known.model, base_url=known.base_url)
        self.info = prompted_info(info, template, bound)

    @property
    def chat(self) -> ChatModel:
        """The chat model, opened now if it was not yet."""
        if self._chat is None:
            assert self._open_chat is not None
            self._chat = self._open_chat()
        return self._chat

    @property
    def started(self) -> bool:
        return self._chat is not None

    async def start(self) -> None:
        """Open the chat client (for the local backend: start llama-server)."""
        self.chat  # noqa: B018  (opening is the point)

    async def aclose(self) -> None:
        """Close the chat client (and stop a server it started); a client never opened is left alone."""
        chat, self._chat = self._chat, None
        if chat is not None:
            self._open_chat = None  # closed for good
            await chat.aclose()

    def schema_for(self, output_type: type[BaseModel]) -> dict:
        """The JSON schema sent for ``output_type`` (bounded when the backend needs it)."""
        schema = json_schema(output_type)
        return self.bound(schema) if self.bound else schema

    @cached_property
    def _step_templates(self) -> tuple[Template, Template]:
        """The map and reduce templates, loaded once per engine (the prompts folder does not change)."""
        from .prompts import load_template

        return load_template("extract", self.prompts_dir), load_template("reduce", self.prompts_dir)

    def reducer(self, settings: Settings) -> MapReducer:
        """Map-reduce over chunks with this engine's chat model (a name-only stand-in until it is opened)."""
        from .mapreduce import MapReducer

        extract, reduce = self._step_templates
        chat = self._chat if self._chat is not None else ChatInfo(self.backend, self.model, self.info.base_url)
        return MapReducer(chat, extract, reduce, settings, schema_for=self.schema_for, tighten=self.tighten)  # type: ignore[arg-type]

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
        """Chunks, calls, tokens and cost; starts and sends nothing."""
        if len(docs) == 1 and self.fits(docs[0], settings):
            plan = self.reducer(settings).plan(docs, "single")
        else:
            plan = self.reducer(settings).plan(docs, "merge" if len(docs) > 1 else "map_reduce")
        plan.model = self.info.label
        if not self.info.priced:
            plan.cost_usd = None
        return plan

    async def draft(self, docs: list[Document], settings: Settings, story: str = "") -> Draft:
        """One call when one article fits the context window, else map-reduce over chunks."""
        await self.start()
        messages = self.messages(docs[0], settings) if len(docs) == 1 else None
        if messages is not None and self.fits(docs[0], settings, messages):
            return await self.draft_single(docs[0], settings, messages)
        result = await self.reducer(settings).run(docs, story)
        mode: Literal["merge", "map_reduce"] = "merge" if len(docs) > 1 else "map_reduce"
        processing = Processing(mode=mode, documents=len(docs), chunks=result.chunks, calls=result.calls)
        return Draft(result.draft, result.attempts, result.usage, processing)

    draft_story = draft  # the name before the Engine protocol

    def messages(self, doc: Document, settings: Settings) -> list[dict[str, str]]:
        return self.template.messages(article=doc.text, title=doc.title, **settings.style)

    async def draft_single(self, doc: Document, settings: Settings, messages: list[dict[str, str]]) -> Draft:
        """One call with the ``brief`` template (``messages``) for an article that fits the context window."""
        from .prompts import REFUSAL_TASK, unfound_quotes

        result = await generate(
            self.chat, messages, DraftBrief,
            schema=self.schema,
            reask=lambda problem, quotes: self.template.render("reask", problem=problem, unverified_quotes=quotes),
            max_attempts=settings.max_attempts,
            soft_check=lambda draft: unverified_quotes(draft, [doc.text]),
            max_tokens=settings.max_output_tokens,
            tighten=self.tighten,
            task=REFUSAL_TASK, soft_problem=unfound_quotes,
        )
        return Draft(result.value, result.attempts, result.usage, processing=Processing(calls=result.attempts))
