"""Any OpenAI-compatible server through the official ``openai`` SDK (async client).

Transport retries (429 honouring Retry-After, 5xx, timeouts, dropped connections) are the
SDK's: it retries with jittered exponential backoff. What is left when its retries run out is
mapped to one :class:`~summariser.core.errors.ModelError` subclass per cause, with a one-line
message that names the fix and never the API key.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import openai

from ...core.errors import (
    ConfigError,
    ModelConnectionError,
    ModelError,
    ModelRateLimitError,
    ModelRequestError,
    ModelServerError,
)
from ...core.redact import redact_url, scrub, url_secrets
from ...core.schema import Usage
from ...engines.llm.chat import Completion, TokenLogprob

if TYPE_CHECKING:
    from ...core.settings import Settings

log = logging.getLogger("summariser.model")

ResponseHook = Callable[[int], None]


class OpenAIChat:
    """A :class:`~summariser.engines.llm.chat.ChatModel` over ``openai.AsyncOpenAI``."""

    backend = "openai"

    def __init__(
        self,
        *,
        model: str,
        api_key: str | None,
        base_url: str | None,
        timeout_s: float = 120.0,
        max_retries: int = 4,
        temperature: float | None = 0.0,
        on_status: ResponseHook | None = None,
        backend: str = "openai",
    ) -> None:
        self.model = model
        self.backend = backend
        self.base_url = base_url or "https://api.openai.com/v1"
        self.temperature = temperature
        self.max_retries = max_retries
        self._secrets = (api_key or "", *url_secrets(self.base_url))
        hooks = {"response": [_status_hook(on_status)]} if on_status else {}
        self._client = openai.AsyncOpenAI(
            api_key=api_key or "no-key-needed",
            base_url=base_url,
            timeout=timeout_s,
            max_retries=max_retries,
            http_client=openai.DefaultAsyncHttpxClient(event_hooks=hooks) if hooks else None,
        )

    async def complete(
        self, messages: list[dict[str, str]], *, schema: dict, schema_name: str, max_tokens: int | None = None,
        top_logprobs: int = 0,
    ) -> Completion:
        started = time.perf_counter()
        body = self.request_body(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens,
                                 top_logprobs=top_logprobs)
        try:
            response = await self._client.chat.completions.create(**body)
        except openai.APIError as exc:
            raise self._translate(exc) from None
        latency = time.perf_counter() - started
        completion = to_completion(response, latency)
        log.info(
            "model=%s finish=%s prompt_tokens=%d completion_tokens=%d duration=%.2fs",
            completion.model or self.model, completion.finish_reason, completion.usage.prompt_tokens,
            completion.usage.completion_tokens, latency,
        )
        return completion

    def request_body(
        self, messages: list[dict[str, str]], *, schema: dict, schema_name: str, max_tokens: int | None = None,
        top_logprobs: int = 0,
    ) -> dict:
        """The chat completions request this client sends (the body of a batch request line, too)."""
        return {
            "model": self.model,
            "messages": messages,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": schema_name, "schema": schema, "strict": True},
            },
            **self._sampling(max_tokens, top_logprobs),
        }

    def _sampling(self, max_tokens: int | None, top_logprobs: int = 0) -> dict:
        params: dict = {}
        if self.temperature is not None:
            params["temperature"] = self.temperature
        if max_tokens:
            params["max_tokens"] = max_tokens
        if top_logprobs:
            params.update(logprobs=True, top_logprobs=top_logprobs)
        return params

    def _translate(self, exc: openai.APIError) -> ModelError | ConfigError:
        return translate_error(exc, self.base_url, self.model, self.max_retries, self._secrets)

    async def aclose(self) -> None:
        await self._client.close()


def translate_error(exc: openai.APIError, base_url: str, model: str, max_retries: int,
                    secrets: tuple[str, ...]) -> ModelError | ConfigError:
    """An SDK error after its retries as one :class:`ModelError` line naming the fix (never a secret)."""
    where = f"{redact_url(base_url)} (model {model})"
    tries = f"after {max_retries + 1} tries"
    if isinstance(exc, openai.APITimeoutError):
        return ModelConnectionError(f"{where} did not answer in time {tries}; raise --timeout or check the server")
    if isinstance(exc, openai.APIConnectionError):
        return ModelConnectionError(f"could not connect to {where} {tries}; check --base-url and that the server is running")
    if isinstance(exc, openai.AuthenticationError):
        return ConfigError(f"{where} rejected the API key (HTTP 401); set a valid OPENAI_API_KEY")
    if isinstance(exc, openai.RateLimitError):
        return ModelRateLimitError(f"{where} is rate limiting (HTTP 429) {tries}; lower --concurrency or try later")
    status = getattr(exc, "status_code", None)
    if isinstance(exc, openai.APIStatusError) and status is not None and status >= 500:
        return ModelServerError(f"{where} answered HTTP {status} {tries}; the server is failing, try later")
    detail = _short(scrub(getattr(exc, "message", str(exc)), *secrets))  # servers may echo the key
    if isinstance(exc, openai.NotFoundError):
        return ModelRequestError(f"{where}: not found (HTTP 404: {detail}); check --model and --base-url")
    return ModelRequestError(f"{where} rejected the request (HTTP {status}: {detail}); check --model and the server's support for json_schema output")


def _status_hook(on_status: ResponseHook):
    async def hook(response) -> None:
        on_status(response.status_code)

    return hook


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def to_completion(response, latency: float) -> Completion:
    """A chat completion (the SDK's object) reduced to a :class:`Completion`."""
    choice = response.choices[0] if response.choices else None
    message = choice.message if choice else None
    usage = response.usage
    return Completion(
        text=(message.content or "") if message else "",
        finish_reason=(choice.finish_reason or "stop") if choice else "stop",
        refusal=getattr(message, "refusal", None) if message else None,
        usage=Usage(
            requests=1,
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
        ),
        latency_s=latency,
        model=response.model or "",
        logprobs=_logprobs(choice),
    )


def _logprobs(choice) -> list[TokenLogprob] | None:
    content = getattr(getattr(choice, "logprobs", None), "content", None)
    if not content:
        return None
    return [
        TokenLogprob(item.token, item.logprob, {alt.token: alt.logprob for alt in (item.top_logprobs or [])})
        for item in content
    ]



def openai_chat(settings: "Settings", *, on_status: ResponseHook | None = None) -> OpenAIChat:
    """The configured OpenAI-compatible server as a chat model."""
    return OpenAIChat(
        model=settings.model, api_key=settings.api_key or None, base_url=settings.base_url or None,
        timeout_s=settings.timeout_s, max_retries=settings.max_retries, temperature=settings.temperature,
        on_status=on_status,
    )
