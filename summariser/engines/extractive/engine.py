"""The offline extractive engine (:mod:`.rules` and :mod:`.attribution`) behind the :class:`Engine` interface."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.schema import Processing
from ...grounding.merge import combine_drafts
from ..base import Draft, EngineInfo, NamedByInfo

if TYPE_CHECKING:
    from ...core.settings import Settings
    from ...ingest.documents import Document
    from ..llm.mapreduce import Plan
    from ..llm.prompts import Template

__all__ = ["ExtractiveBackend"]


class ExtractiveBackend(NamedByInfo):
    """Sentences and attributed quotes picked by rule; no model, no network, nothing to start."""

    template: Template | None = None

    def __init__(self, mode: str = "central") -> None:
        from ...core.patterns import cached_patterns

        with cached_patterns("attribution"):  # the rules' large patterns load on first use, compiled once per machine
            from .rules import ExtractiveEngine

        self._engine = ExtractiveEngine(mode)  # type: ignore[arg-type]
        self.info = EngineInfo(backend="extractive", model=self._engine.model, priced=False)

    def plan(self, docs: list[Document], settings: Settings) -> Plan | None:
        """No model calls, nothing to plan."""
        return None

    async def start(self) -> None:
        """Nothing to start."""

    async def draft(self, docs: list[Document], settings: Settings, story: str = "") -> Draft:
        """One article's draft, or each article's merged into one (``story`` names the topic)."""
        if len(docs) == 1:
            return Draft(self._engine.draft(docs[0].text, title=docs[0].title, words_target=settings.words))
        topic = story or docs[0].title
        drafts = [self._engine.draft(d.text, title=d.title, words_target=settings.words, topic=topic, named=bool(story))
                  for d in docs]
        merged = combine_drafts(drafts, headline=topic or drafts[0].headline)
        return Draft(merged, processing=Processing(mode="merge", documents=len(docs), chunks=len(docs), calls=0))

    draft_story = draft  # the name before the Engine protocol

    async def aclose(self) -> None:
        """Nothing to stop."""
