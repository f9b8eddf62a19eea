"""Long articles and several articles through a model: plan, map over chunks, reduce to one draft.

Map: each chunk (a slice of one document, within the context budget) is extracted with the
``extract`` template into a :class:`DraftBrief` whose quotes are checked against that chunk.
Reduce: the extracts, as compact JSON tagged with their source ids, are merged with the
``reduce`` template into a :class:`MergeDraft`; when they do not fit one call, they are reduced
in groups and the results reduced again. Calls and tokens grow linearly with the input.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from .chunking import Chunk, split_document
from ...core.settings import Settings
from ...ingest.documents import Document
from ...core.errors import InputTooLongError
from ...grounding.quotes import unverified_quotes
from .chat import ChatModel
from .pricing import estimate_cost
from .prompts import REFUSAL_TASK, Template, unfound_quotes
from ...core.schema import DraftBrief, MergeDraft, Usage, json_schema
from .structured import SchemaEdit, generate
from .tokens import Counter, context_window, counter_for

__all__ = ["MapReduceResult", "MapReducer", "Plan", "unverified_quotes"]

MAP_CONCURRENCY = 4
EXTRACT_TOKENS_ESTIMATE = 600


@dataclass
class Plan:
    """What a brief will cost before anything is sent."""

    mode: str
    documents: int
    chunks: list[Chunk]
    map_calls: int
    reduce_calls: int
    prompt_tokens: int
    output_tokens: int
    cost_usd: float | None
    model: str

    @property
    def calls(self) -> int:
        return self.map_calls + self.reduce_calls

    def describe(self) -> str:
        cost = f"~${self.cost_usd:.4f}" if self.cost_usd is not None else "unknown (no price for this model)"
        how = f"{self.map_calls} map + {self.reduce_calls} reduce" if self.reduce_calls else "one brief call"
        lines = [
            f"plan: {self.mode}, {self.documents} document(s), {len(self.chunks)} chunk(s), {self.calls} call(s) "
            f"({how}) to {self.model}",
            f"estimated tokens: {self.prompt_tokens} prompt + up to {self.output_tokens} output; estimated cost: {cost}",
        ]
        lines += [f"  {c.doc_id} part {c.number}/{c.count}: chars {c.start}-{c.end}" for c in self.chunks]
        return "\n".join(lines)


@dataclass
class MapReduceResult:
    draft: MergeDraft
    attempts: int
    usage: Usage
    calls: int
    chunks: int


class MapReducer:
    """Runs the map and reduce steps for one model."""

    def __init__(self, chat: ChatModel, extract: Template, reduce: Template, settings: Settings, *,
                 schema_for: Callable[[type[BaseModel]], dict] = json_schema, tighten: SchemaEdit | None = None) -> None:
        self.chat, self.extract, self.reduce, self.settings = chat, extract, reduce, settings
        self.schema_for, self.tighten = schema_for, tighten
        self.counter: Counter = counter_for(chat.model)
        self.window = context_window(chat.model, settings.context_window)

    def _budget(self, template: Template, *, chunk_cap: bool, **variables: object) -> int:
        """Tokens left for the variable text once the template and the answer are accounted for."""
        if "extracts" in variables:
            empty = [{"role": p, "content": template.render(p, **variables)} for p in ("system", "user")]
        else:
            empty = template.messages(article="", **variables)  # type: ignore[arg-type]
        overhead = self.counter.count_messages(empty)
        budget = int((self.window - self.settings.max_output_tokens - overhead) * 0.95)
        if chunk_cap and self.settings.chunk_tokens:
            budget = min(budget, self.settings.chunk_tokens)
        if budget < 200:
            raise InputTooLongError(
                f"{self.chat.model}'s context of {self.window} tokens leaves no room for the article after the prompt "
                f"and {self.settings.max_output_tokens} answer tokens; lower --max-output-tokens, pass --context-window "
                "if the model's window is larger, or use a model with a larger window"
            )
        return budget

    def chunk(self, docs: list[Document]) -> list[Chunk]:
        try:
            budget = self._budget(self.extract, chunk_cap=True, **self._extract_vars(docs[0], 9, 9))
        except InputTooLongError as exc:
            names = ", ".join(d.path or d.id for d in docs)
            raise InputTooLongError(f"{names}: {exc}") from None
        return [c for doc in docs for c in split_document(doc, self.counter, budget)]

    def _extract_vars(self, doc: Document, number: int, count: int) -> dict:
        return {"title": doc.title, "source_id": doc.id, "part_number": number, "part_count": count, **self.settings.style}

    def plan(self, docs: list[Document], mode: str) -> Plan:
        """Chunks, calls, estimated tokens and cost; sends nothing."""
        chunks = self.chunk(docs)
        if len(chunks) == 1:
            mode, map_calls, reduce_calls = "single", 1, 0
        else:
            map_calls, reduce_calls = len(chunks), self._reduce_calls(len(chunks))
        overhead = self.counter.count_messages(self.extract.messages(article="", **self._extract_vars(docs[0], 1, 1)))
        prompt_tokens = sum(self.counter.count(c.text) for c in chunks) + overhead * map_calls
        prompt_tokens += reduce_calls * overhead + EXTRACT_TOKENS_ESTIMATE * len(chunks) * (reduce_calls > 0)
        output_tokens = (map_calls + reduce_calls) * self.settings.max_output_tokens
        usage = Usage(requests=map_calls + reduce_calls, prompt_tokens=prompt_tokens, completion_tokens=output_tokens)
        return Plan(
            mode=mode, documents=len(docs), chunks=chunks, map_calls=map_calls, reduce_calls=reduce_calls,
            prompt_tokens=prompt_tokens, output_tokens=output_tokens,
            cost_usd=estimate_cost(self.chat.model, usage, self.settings.prices), model=self.chat.model,
        )

    def _reduce_calls(self, extracts: int) -> int:
        """Reduce calls for a tree of groups that each fit one call."""
        per_call = max(2, self._reduce_budget() // EXTRACT_TOKENS_ESTIMATE)
        calls = 0
        while True:
            groups = -(-extracts // per_call)
            calls += groups
            if groups == 1:
                return calls
            extracts = groups

    def _reduce_budget(self) -> int:
        return self._budget(self.reduce, chunk_cap=False, **self._reduce_vars([], "", True))

    def _reduce_vars(self, docs: list[Document], story: str, merge: bool) -> dict:
        sources = [{"id": d.id, "title": d.title, "date": d.date} for d in docs]
        return {"sources": sources, "story": story, "merge": merge, "extracts": "", **self.settings.style}

    async def run(self, docs: list[Document], story: str = "") -> MapReduceResult:
        chunks = self.chunk(docs)
        by_id = {d.id: d for d in docs}
        semaphore = asyncio.Semaphore(MAP_CONCURRENCY)

        async def one(chunk: Chunk):
            async with semaphore:
                return await self._map(chunk, by_id[chunk.doc_id])

        mapped = await asyncio.gather(*(one(c) for c in chunks))
        extracts = [_extract_json(chunk, result.value) for chunk, result in zip(chunks, mapped)]
        usage = sum((r.usage for r in mapped), Usage())
        attempts = sum(r.attempts for r in mapped)
        merged, reduce_usage, reduce_attempts, calls = await self._reduce_all(extracts, docs, story)
        return MapReduceResult(
            merged, attempts + reduce_attempts, usage + reduce_usage, len(chunks) + calls, len(chunks),
        )

    async def _map(self, chunk: Chunk, doc: Document):
        messages = self.extract.messages(article=chunk.text, **self._extract_vars(doc, chunk.number, chunk.count))
        return await generate(
            self.chat, messages, DraftBrief, schema=self.schema_for(DraftBrief), tighten=self.tighten,
            reask=lambda problem, quotes: self.extract.render("reask", problem=problem, unverified_quotes=quotes),
            max_attempts=self.settings.max_attempts, max_tokens=self.settings.max_output_tokens,
            soft_check=lambda draft: unverified_quotes(draft, [chunk.text]),
            task=REFUSAL_TASK, soft_problem=unfound_quotes,
        )

    async def _reduce_all(self, extracts: list[str], docs: list[Document], story: str):
        budget = self._reduce_budget()
        usage, attempts, calls = Usage(), 0, 0
        while True:
            groups = _pack(extracts, self.counter, budget)
            results = [await self._reduce(group, docs, story) for group in groups]
            calls += len(groups)
            usage = sum((r.usage for r in results), usage)
            attempts += sum(r.attempts for r in results)
            if len(groups) == 1:
                return results[0].value, usage, attempts, calls
            extracts = [r.value.model_dump_json() for r in results]

    async def _reduce(self, group: list[str], docs: list[Document], story: str):
        variables = {**self._reduce_vars(docs, story, len(docs) > 1), "extracts": "\n".join(group)}
        messages = [
            {"role": "system", "content": self.reduce.render("system", **variables)},
            {"role": "user", "content": self.reduce.render("user", **variables)},
        ]
        return await generate(
            self.chat, messages, MergeDraft, schema=self.schema_for(MergeDraft), tighten=self.tighten,
            reask=lambda problem, quotes: self.reduce.render("reask", problem=problem, unverified_quotes=quotes),
            max_attempts=self.settings.max_attempts, max_tokens=self.settings.max_output_tokens,
            soft_check=lambda draft: unverified_quotes(draft, [d.text for d in docs]),
            task=REFUSAL_TASK, soft_problem=unfound_quotes,
        )


def _extract_json(chunk: Chunk, draft: DraftBrief) -> str:
    """One extract as compact JSON tagged with its source and part."""
    return json.dumps({"source": chunk.doc_id, "part": chunk.number, **draft.model_dump()}, ensure_ascii=False)


def _pack(extracts: list[str], counter: Counter, budget: int) -> list[list[str]]:
    """Consecutive extracts grouped within the budget, at least two a group so every level shrinks."""
    groups: list[list[str]] = [[]]
    used = 0
    for extract in extracts:
        tokens = counter.count(extract) + 1
        if len(groups[-1]) >= 2 and used + tokens > budget:
            groups.append([])
            used = 0
        groups[-1].append(extract)
        used += tokens
    return groups
