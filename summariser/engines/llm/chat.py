"""The one interface every chat backend implements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ...core.schema import Usage


@dataclass
class TokenLogprob:
    """One generated token, its log probability, and the likeliest tokens at its place."""

    token: str
    logprob: float
    top: dict[str, float] = field(default_factory=dict)


@dataclass
class Completion:
    """One chat completion, reduced to what the tool needs."""

    text: str
    finish_reason: str = "stop"
    refusal: str | None = None
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0
    model: str = ""
    cached: bool = False
    logprobs: list[TokenLogprob] | None = None  # when asked for (top_logprobs) and the server gave them


class ChatModel(Protocol):
    """An OpenAI-compatible chat model that can answer under a JSON schema."""

    backend: str
    model: str
    base_url: str

    async def complete(
        self, messages: list[dict[str, str]], *, schema: dict, schema_name: str, max_tokens: int | None = None,
        top_logprobs: int = 0,
    ) -> Completion:
        """Send one request; transport retries are the client's job, faults raise ModelError.

        ``top_logprobs``: also ask for the log probabilities of that many likeliest tokens at each place."""
        ...

    async def aclose(self) -> None: ...
