"""Validated structured output: ask, validate with pydantic, re-ask with the error fed back.

Hard problems (not JSON, schema violation, cut off, refusal) must be fixed within
``max_attempts`` or :class:`OutputValidationError` is raised, carrying the attempts and the
usage summed over all of them. Soft problems (quotes not found in the article) trigger a
re-ask too, but a value that still has them after the last attempt is returned with them,
for the caller to keep as unverified and warn about.

Nothing here knows what is being asked for: the caller says what the task is (told to a model that
refuses) and how to word what its soft check found (see :mod:`.prompts` for the brief's wording).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ...core.errors import OutputValidationError
from .chat import ChatModel, TokenLogprob
from ...core.schema import Usage

log = logging.getLogger("summariser.structured")

T = TypeVar("T", bound=BaseModel)
SoftCheck = Callable[[T], list[str]]
ReaskRenderer = Callable[[str, list[str]], str]
SchemaEdit = Callable[[dict], dict]  # a JSON schema -> a changed copy (bounded, tightened)
SoftProblem = Callable[[list[str]], str]  # what a soft check found -> the problem the re-ask names


def _soft_problems(found: list[str]) -> str:
    return f"{len(found)} problem(s) remain: {'; '.join(found)}"


@dataclass
class StructuredResult(Generic[T]):
    value: T
    attempts: int
    usage: Usage
    unresolved: list[str] = field(default_factory=list)
    latency_s: float = 0.0
    logprobs: list[TokenLogprob] | None = None  # of the answer returned, when asked for and given


def describe_validation_error(exc: ValidationError, limit: int = 8) -> str:
    """A compact, model-readable list of what is wrong and where."""
    lines = [_error_line(error) for error in exc.errors()[:limit]]
    more = len(exc.errors()) - limit
    if more > 0:
        lines.append(f"... and {more} more")
    return "; ".join(lines)


def first_validation_error(exc: ValidationError) -> str:
    """The first problem, as 'field.path: message' (one-line errors about files)."""
    return _error_line(exc.errors()[0])


def _error_line(error) -> str:
    where = ".".join(str(p) for p in error["loc"]) or "(root)"
    return f"{where}: {error['msg']}"


def _hard_problem(completion, output_type: type[T], task: str = "") -> tuple[T | None, str]:
    if completion.refusal:
        refused = f"you refused ({completion.refusal.strip()[:200]})"
        return None, f"{refused}; {task}" if task else refused
    if completion.finish_reason == "length":
        return None, "the answer was cut off at the token limit; answer more briefly: fewer rows, shorter bullets and quotes"
    if not completion.text.strip():
        return None, "the answer was empty"
    try:
        return output_type.model_validate_json(completion.text), ""
    except ValidationError as exc:
        if any(e["type"] == "json_invalid" for e in exc.errors()):
            return None, f"the answer is not valid JSON ({exc.errors()[0]['msg']})"
        return None, f"the answer does not follow the schema: {describe_validation_error(exc)}"


async def generate(
    chat: ChatModel,
    messages: list[dict[str, str]],
    output_type: type[T],
    *,
    schema: dict,
    reask: ReaskRenderer,
    max_attempts: int = 3,
    soft_check: SoftCheck | None = None,
    max_tokens: int | None = None,
    tighten: SchemaEdit | None = None,
    top_logprobs: int = 0,
    task: str = "",
    soft_problem: SoftProblem = _soft_problems,
) -> StructuredResult[T]:
    """Ask ``chat`` for an ``output_type`` and re-ask until it validates or attempts run out.

    ``tighten``: when an answer is cut off at the token limit, the re-ask is sent under
    ``tighten(schema)`` (e.g. shorter strings, fewer items) so the next answer fits the budget.
    ``top_logprobs``: ask for token log probabilities too; the returned answer's are in the result.
    ``task``: what the task is, told to a model that refuses. ``soft_problem``: the problem a re-ask
    names for what ``soft_check`` found.
    """
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    usage, latency, history = Usage(), 0.0, list(messages)
    best: tuple[T, list[str], list[TokenLogprob] | None] | None = None
    problem = ""
    extra = {"top_logprobs": top_logprobs} if top_logprobs else {}
    for attempt in range(1, max_attempts + 1):
        completion = await chat.complete(history, schema=schema, schema_name=output_type.__name__, max_tokens=max_tokens,
                                         **extra)
        usage, latency = usage + completion.usage, latency + completion.latency_s
        value, problem = _hard_problem(completion, output_type, task)
        soft: list[str] = []
        if value is not None:
            soft = soft_check(value) if soft_check else []
            if best is None or len(soft) <= len(best[1]):
                best = (value, soft, completion.logprobs)
            if not soft:
                return StructuredResult(value, attempt, usage, [], latency, completion.logprobs)
            problem = soft_problem(soft)
        log.info("attempt %d/%d rejected: %s", attempt, max_attempts, problem)
        if completion.finish_reason == "length" and value is None and tighten is not None:
            schema = tighten(schema)
        history += [
            {"role": "assistant", "content": completion.text or ""},
            {"role": "user", "content": reask(problem, soft)},
        ]
    if best is not None:
        return StructuredResult(best[0], max_attempts, usage, best[1], latency, best[2])
    raise OutputValidationError(
        f"the model gave no usable answer in {max_attempts} attempt(s); last problem: {problem}. "
        "Try a stronger model or raise --max-attempts",
        attempts=max_attempts, usage=usage, last_error=problem,
    )
