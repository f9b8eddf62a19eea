"""Chat clients behind the ChatModel interface (summariser.engines.llm.chat): any OpenAI-compatible server, and the
local llama-server it starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core._lazy import lazy_exports

if TYPE_CHECKING:
    from .openai_chat import OpenAIChat, openai_chat
    from .local import LlamaServer, LocalChat, local_chat

__all__ = [
    "LlamaServer",
    "LocalChat",
    "OpenAIChat",
    "local_chat",
    "openai_chat",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "OpenAIChat": ".openai_chat",
    "openai_chat": ".openai_chat",
    "LlamaServer": ".local",
    "LocalChat": ".local",
    "local_chat": ".local",
}, globals())
