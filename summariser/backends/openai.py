"""The ``openai`` backend: any OpenAI-compatible server through the official SDK (loaded on first use)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from . import Backend, Registry, StatusHook

if TYPE_CHECKING:
    from .cache import AnswerCache
    from ..core.settings import Settings
    from ..engines.base import EngineInfo
    from ..engines.llm.engine import ModelEngine

OPENAI_HOSTS = ("api.openai.com",)


def hosted_by_openai(base_url: str) -> bool:
    """OpenAI's own service (no base URL, or its API host), where the built-in prices apply."""
    host = (urlsplit(base_url).hostname or "") if base_url else "api.openai.com"
    return host in OPENAI_HOSTS or host.endswith(".openai.azure.com")


def info(settings: Settings) -> EngineInfo:
    """The configured model at the configured server, its prompt and schema; a default model name at a
    server other than OpenAI's is not priced (that server runs its own model)."""
    from ..engines.base import EngineInfo
    from ..core.redact import redact_url

    from ..engines.llm.engine import prompted_info
    from ..engines.llm.prompts import load_template

    named = not settings.model_defaulted or hosted_by_openai(settings.base_url)
    info = EngineInfo(backend="openai", model=settings.model, base_url=redact_url(settings.base_url), priced=named,
                      named=named)
    return prompted_info(info, load_template(settings.template, prompts_dir(settings)))


def prompts_dir(settings: Settings) -> Path | None:
    return Path(settings.prompts_dir) if settings.prompts_dir else None


def create(settings: Settings, *, cache: AnswerCache | None = None, on_status: StatusHook | None = None) -> ModelEngine:
    """Prompt templates over the server; the SDK client is made when the engine starts."""
    from ..engines.llm.engine import ModelEngine
    from ..engines.llm.prompts import load_template

    def open_chat():
        from .cache import cached
        from .clients.openai_chat import openai_chat

        return cached(openai_chat(settings, on_status=on_status), cache)

    template = load_template(settings.template, prompts_dir(settings))
    return ModelEngine(open_chat, template, prompts_dir(settings), info=info(settings))


def register(registry: Registry) -> None:
    registry.add(Backend("openai", info, create, "any OpenAI-compatible server (--base-url, OPENAI_API_KEY)"))
