"""The one interface every engine implements, and what an engine tells about itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..core.schema import DraftBrief, Processing, PromptInfo, Usage

if TYPE_CHECKING:
    from ..core.settings import Settings
    from ..ingest.documents import Document
    from .llm.mapreduce import Plan

__all__ = ["Draft", "Engine", "EngineInfo", "NamedByInfo"]


@dataclass
class Draft:
    """An engine's answer before grounding, with how it was obtained."""

    brief: DraftBrief
    attempts: int = 1
    usage: Usage = field(default_factory=Usage)
    processing: Processing = field(default_factory=Processing)


@dataclass(frozen=True)
class EngineInfo:
    """What an engine is, known before it starts anything (no server, no client, no network).

    ``priced``: whether a cost estimate applies (a named model, or OpenAI's own service);
    ``named``: whether the model name was chosen rather than filled in by default.
    """

    backend: str
    model: str
    template: PromptInfo | None = None
    schema_sha256: str | None = None
    base_url: str = ""
    priced: bool = True
    named: bool = True

    @property
    def label(self) -> str:
        """The model as a plan names it."""
        return self.model if self.named else "the server's model (no --model given)"


class NamedByInfo:
    """``backend`` and ``model`` as the :class:`Engine` protocol asks, read from ``self.info``."""

    info: EngineInfo

    @property
    def backend(self) -> str:
        return self.info.backend

    @property
    def model(self) -> str:
        return self.info.model


@runtime_checkable
class Engine(Protocol):
    """Turns documents into a draft. Creating one starts nothing; ``start`` does (a server, a client)."""

    info: EngineInfo

    @property
    def backend(self) -> str: ...

    @property
    def model(self) -> str: ...

    def plan(self, docs: list[Document], settings: Settings) -> Plan | None:
        """Chunks, calls, tokens and cost of briefing ``docs`` (None: no model calls); starts nothing."""
        ...

    async def start(self) -> None:
        """Start what the engine needs (idempotent); ``draft`` starts it too when needed."""
        ...

    async def draft(self, docs: list[Document], settings: Settings, story: str = "") -> Draft:
        """One draft of ``docs`` (one article, a long one, or several on one story)."""
        ...

    async def aclose(self) -> None:
        """Stop whatever ``start`` started (idempotent)."""
        ...
