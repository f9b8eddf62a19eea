"""The ``local`` backend: llama.cpp's llama-server, started on this machine when the engine starts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import Backend, Registry, StatusHook
from .openai import prompts_dir

if TYPE_CHECKING:
    from .cache import AnswerCache
    from ..core.settings import Settings
    from ..engines.base import EngineInfo
    from ..engines.llm.engine import ModelEngine


def info(settings: Settings) -> EngineInfo:
    """The GGUF model (named after its file unless --model says otherwise), its prompt and bounded schema; never priced."""
    from ..engines.base import EngineInfo
    from ..engines.llm.engine import prompted_info
    from .clients.local import bound_schema
    from ..engines.llm.prompts import load_template

    model = settings.model or Path(settings.model_path).stem
    info = EngineInfo(backend="local", model=model, base_url=f"llama-server:{settings.model_path}", priced=False)
    return prompted_info(info, load_template(settings.template, prompts_dir(settings)), bound_schema)


def create(settings: Settings, *, cache: AnswerCache | None = None, on_status: StatusHook | None = None) -> ModelEngine:
    """Prompt templates over llama-server with bounded schemas; the server starts when the engine starts."""
    from ..engines.llm.engine import ModelEngine
    from .clients.local import bound_schema, find_llama_server, find_model, tighten_schema
    from ..engines.llm.prompts import load_template

    find_model(settings.model_path)  # a missing model file or binary is a config error now, not at the first brief
    find_llama_server(settings.llama_server)

    def open_chat():
        from .cache import cached
        from .clients.local import local_chat

        return cached(local_chat(settings, on_status=on_status), cache)

    template = load_template(settings.template, prompts_dir(settings))
    return ModelEngine(open_chat, template, prompts_dir(settings), bound=bound_schema, tighten=tighten_schema,
                       info=info(settings))


def register(registry: Registry) -> None:
    registry.add(Backend("local", info, create, "llama.cpp's llama-server with a GGUF model (--model-path)"))
