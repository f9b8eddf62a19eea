"""The online path, replayed against a batch job's answers.

A brief is made by the very code an online brief is made by (:func:`summariser.service.pipeline.make_story_brief`:
templates, fits-or-chunk, map/reduce, :func:`summariser.engines.llm.structured.generate` with its re-asks,
grounding, merging), over a :class:`ReplayChat` instead of a server. The replay chat answers
every request the job has an answer for, exactly as the server's answer would have been
(text, finish reason, usage), and records every request it has none for; the brief then stops
with :class:`AnswerPending`, and those requests are the brief's next round. With no answers at
all, the replay gives round 1 (export); after an import, what is still missing (reduce calls,
re-asks of invalid answers or of answers with unverified quotes, requests the engine failed).

Nothing is sent anywhere: the request bodies come from :meth:`OpenAIChat.request_body`, the
answer keys from :meth:`CachedChat.key`, so an online run finds the imported answers in its cache.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..backends.cache import CachedChat, replayed_completion
from ..core.settings import Settings
from ..ingest.documents import Document
from ..core.errors import ModelError, SummariserError
from ..engines.llm.chat import Completion
from ..backends.clients.openai_chat import OpenAIChat, openai_chat
from ..engines.llm.pricing import price_for
from ..engines.llm.prompts import load_template
from ..core.schema import Brief

Lookup = Callable[[str], dict[str, Any] | None]
FailureLookup = Callable[[str], tuple[str, int] | None]
ENGINE_TRIES = 2  # a request the engine failed this many times fails its brief


class EngineFailedError(ModelError):
    """The batch engine failed a request again and again: its brief fails (the batch goes on)."""


class AnswerPending(Exception):
    """The job has no answer for a request yet (raised through the pipeline, never shown)."""


@dataclass
class Pending:
    """A request a brief still needs: its answer key and the body to send."""

    key: str
    body: dict[str, Any]


class ReplayChat:
    """A :class:`~summariser.engines.llm.chat.ChatModel` answering from a batch job; it never sends."""

    backend = "openai"

    def __init__(self, client: OpenAIChat, lookup: Lookup, failures: FailureLookup | None = None) -> None:
        self.client, self.lookup, self.failures = client, lookup, failures
        self.model, self.base_url, self.temperature = client.model, client.base_url, client.temperature
        self._keys = CachedChat(client, None)  # type: ignore[arg-type]  # only its key() is used
        self.pending: list[Pending] = []

    async def complete(self, messages: list[dict[str, str]], *, schema: dict, schema_name: str,
                       max_tokens: int | None = None, top_logprobs: int = 0) -> Completion:
        """The job's answer to this request, or :class:`AnswerPending` after recording it."""
        key = self._keys.key(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens,
                             top_logprobs=top_logprobs)
        stored = self.lookup(key)
        if stored is not None:
            return replayed_completion(stored, self.model)
        failed = self.failures(key) if self.failures else None
        if failed is not None and failed[1] >= ENGINE_TRIES:
            raise EngineFailedError(f"the batch engine failed this request {failed[1]} times: {failed[0]}")
        body = self.client.request_body(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens,
                                        top_logprobs=top_logprobs)
        self.pending.append(Pending(key, body))
        raise AnswerPending(key)

    async def aclose(self) -> None:
        await self.client.aclose()


@dataclass
class Replayed:
    """One brief's replay: the brief, or the requests it still needs, or why it failed."""

    brief: Brief | None = None
    pending: list[Pending] = field(default_factory=list)
    error: str = ""


class Replayer:
    """Makes briefs with the online pipeline over a :class:`ReplayChat` (one brief at a time)."""

    def __init__(self, settings: Settings, lookup: Lookup, failures: FailureLookup | None = None) -> None:
        from ..engines.llm.engine import ModelEngine

        self.settings = settings
        self.chat = ReplayChat(openai_chat(settings), lookup, failures)
        prompts_dir = Path(settings.prompts_dir) if settings.prompts_dir else None
        self.engine = ModelEngine(self.chat, load_template(settings.template, prompts_dir), prompts_dir)

    async def brief(self, docs: list[Document], story: str = "") -> Replayed:
        """Replay one brief (one article, a long one, or a story)."""
        from ..service.pipeline import make_story_brief

        self.chat.pending = []
        try:
            return Replayed(await make_story_brief(docs, self.engine, self.settings, story))
        except AnswerPending:
            await _settle()  # map steps started beside the one that stopped record their requests too
            return Replayed(pending=_unique(self.chat.pending))
        except SummariserError as exc:
            return Replayed(error=str(exc))

    async def aclose(self) -> None:
        await self.chat.aclose()


async def _settle(limit: int = 10_000) -> None:
    """Let the other tasks of this brief (map steps gathered with the one that stopped) run to their end."""
    current = asyncio.current_task()
    for _ in range(limit):
        if not any(t is not current and not t.done() for t in asyncio.all_tasks()):
            return
        await asyncio.sleep(0)


def _unique(pending: list[Pending]) -> list[Pending]:
    seen: set[str] = set()
    return [p for p in pending if not (p.key in seen or seen.add(p.key))]  # type: ignore[func-returns-value]


def batch_settings(settings: Settings, price_factor: float) -> Settings:
    """``settings`` with the model's price at the batch price (``price_factor`` of the online price)."""
    price = price_for(settings.model, settings.prices)
    if price is None or price_factor == 1:
        return settings
    return replace(settings, prices={**settings.prices, settings.model: (price[0] * price_factor, price[1] * price_factor)})
