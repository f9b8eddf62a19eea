"""The Briefer: the one service between every front door (CLI, batch, web desk, eval runner) and the engines.

It owns the engine (made from the settings through the backend registry, started on entry,
closed on exit), the answer cache, the concurrency limit and the progress hooks::

    async with Briefer(load_settings(words=100), cache=True) as briefer:
        brief = await briefer.brief(load_source("article.txt"))

:meth:`Briefer.plan` starts nothing (no server, no client, no request). :attr:`Briefer.spec`
is the :class:`~summariser.service.spec.BriefSpec` of its briefs, whose fingerprint keys batch and
eval resume.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .batch import AdaptiveLimiter, BatchStats, Budget, Charge, ItemResult, run_batch
from .spec import BriefSpec
from .hooks import Hooks

if TYPE_CHECKING:
    from ..backends.cache import AnswerCache
    from ..core.settings import Settings
    from ..ingest.documents import Document
    from ..engines.base import Engine
    from ..engines.llm.mapreduce import Plan
    from ..core.schema import Brief

__all__ = ["Briefer", "brief", "describe_plan"]

T = TypeVar("T")
R = TypeVar("R")
DEFAULT_CONCURRENCY = 8


class Briefer:
    """Makes briefs with one engine; an async context manager (``async with``) that starts and closes it."""

    def __init__(self, settings: Settings | None = None, *, cache: AnswerCache | Path | bool | None = None,
                 concurrency: int = DEFAULT_CONCURRENCY, limiter: AdaptiveLimiter | None = None,
                 hooks: Hooks | None = None, engine: Engine | None = None) -> None:
        """``cache``: an :class:`AnswerCache`, a cache file, True for the default file, None/False for none;
        ``concurrency``: briefs in flight in :meth:`run` and :meth:`brief_each` (or pass a ``limiter``);
        ``engine``: an engine built elsewhere (e.g. one replaying a batch job's answers) instead of the
        registry's engine for ``settings``; the briefer closes it."""
        from ..backends import create_engine
        from .settings import load_settings

        self.settings = settings if settings is not None else load_settings()
        self.hooks = hooks or Hooks()
        self.limiter = limiter or AdaptiveLimiter(concurrency)
        self.hooks.on("model:status", self.limiter.on_status)
        self.cache, self._owns_cache = _open_cache(cache)
        self.engine: Engine = engine or create_engine(self.settings, cache=self.cache, on_status=self._status)
        self.spec = BriefSpec.of(self.settings, self.engine.info)

    def _status(self, code: int) -> None:
        self.hooks.emit("model:status", code)

    async def __aenter__(self) -> Briefer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def start(self) -> None:
        """Start the engine (for the local backend: llama-server); closing it again on failure."""
        try:
            await self.engine.start()
        except BaseException:
            await self.aclose()
            raise

    async def aclose(self) -> None:
        """Close the engine (stopping any server it started) and a cache this briefer opened."""
        try:
            await self.engine.aclose()
        finally:
            if self._owns_cache and self.cache is not None:
                self.cache.close()

    def plan(self, docs: Sequence[Document], *, merge: bool = False) -> list[Plan]:
        """What briefing ``docs`` will take (one plan, or one per document without ``merge``); starts nothing.

        Empty when the engine makes no model calls."""
        if merge:
            plan = self.engine.plan(list(docs), self.settings)
            return [plan] if plan is not None else []
        plans = [self.engine.plan([doc], self.settings) for doc in docs]
        return [p for p in plans if p is not None]

    def describe_plan(self, docs: Sequence[Document], *, merge: bool = False) -> str:
        """:meth:`plan` as the text ``--dry-run`` prints."""
        plans = self.plan(docs, merge=merge)
        if not plans:
            return f"plan: {len(docs)} document(s) with the offline extractive engine; no model calls, no cost"
        return "\n".join(plan.describe() for plan in plans)

    async def brief(self, docs: Document | Sequence[Document], story: str = "") -> Brief:
        """One grounded brief of one document, or of several on one story (titled ``story``)."""
        from .pipeline import make_story_brief

        documents = [docs] if not isinstance(docs, Sequence) else list(docs)
        self.hooks.emit("brief:start", documents)
        try:
            made = await make_story_brief(documents, self.engine, self.settings, story)
        except BaseException as exc:
            self.hooks.emit("brief:error", exc, documents)
            raise
        self.hooks.emit("brief:done", made, documents)
        return made

    async def run(self, items: list[T], worker: Callable[[T], Awaitable[R]], *,
                  on_result: Callable[[ItemResult[T, R], BatchStats], None] | None = None,
                  budget: Budget | None = None, charge: Callable[[ItemResult[T, R]], Charge] | None = None,
                  fatal: tuple[type[BaseException], ...] = ()) -> BatchStats:
        """``worker`` over ``items`` within this briefer's concurrency limit (see :func:`summariser.service.batch.run_batch`)."""
        return await run_batch(items, worker, concurrency=self.limiter.maximum, on_result=on_result,
                               limiter=self.limiter, budget=budget, charge=charge, fatal=fatal)

    async def brief_each(self, documents: list[Document]) -> list[Brief]:
        """One brief per document, within the concurrency limit, in input order; the first error is raised."""
        briefs: dict[int, Brief] = {}

        def keep(result: ItemResult[Document, Brief], _stats: BatchStats) -> None:
            if result.value is not None:
                briefs[result.index] = result.value

        await self.run(documents, self.brief, on_result=keep, fatal=(Exception,))
        return [briefs[i] for i in range(len(documents))]


def _open_cache(cache: AnswerCache | Path | bool | None) -> tuple[AnswerCache | None, bool]:
    """(the cache, whether the briefer opened it and so closes it)."""
    if cache is None or cache is False:
        return None, False
    from ..backends.cache import AnswerCache

    if isinstance(cache, AnswerCache):
        return cache, False
    return AnswerCache(None if cache is True else cache), True


def brief(source: str | Path | Document | Sequence[Document], settings: Settings | None = None, *,
          story: str = "", **overrides: Any) -> Brief:
    """One brief, from synchronous code: ``brief("article.txt", words=80)``.

    ``source``: a path, URL or ``-``, a :class:`Document`, or several documents on one story.
    ``overrides``: settings (as :func:`~summariser.service.settings.load_settings` takes them) when no
    ``settings`` are given. From async code, use :class:`Briefer`."""
    from .settings import load_settings
    from ..ingest.documents import load_source

    settings = settings if settings is not None else load_settings(**overrides)
    docs = load_source(str(source)) if isinstance(source, (str, Path)) else source

    async def run() -> Brief:
        async with Briefer(settings) as briefer:
            return await briefer.brief(docs, story)

    return asyncio.run(run())


def describe_plan(docs: list[Document], settings: Settings, merge: bool) -> str:
    """What briefing these documents will do and cost, without starting or sending anything."""
    return Briefer(settings).describe_plan(docs, merge=merge)
