"""Engines: what turns documents into a draft (the Engine protocol and the built-in engines).

`llm/` is the prompt-driven model engine (templates, structured output, map-reduce, tokens, prices);
`extractive/` is the offline engine (rules.py, attribution.py with quotes.py, speakers.py and lexicon.py, and engine.py behind the Engine protocol). Engines
are made through the backend registry (summariser.backends), never directly by a front door; the
Briefer (summariser.service) owns them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core._lazy import lazy_exports

if TYPE_CHECKING:
    from .base import Draft, Engine, EngineInfo

__all__ = [
    "Draft",
    "Engine",
    "EngineInfo",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "Draft": ".base",
    "Engine": ".base",
    "EngineInfo": ".base",
}, globals())
