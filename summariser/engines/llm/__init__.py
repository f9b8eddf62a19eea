"""The model engine: prompt templates, structured output with validate-and-re-ask, map-reduce over chunks,
token counting and context windows, prices; and the ChatModel interface its clients implement (summariser.backends.clients).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core._lazy import lazy_exports

if TYPE_CHECKING:
    from .engine import ModelEngine, prompted_info, schema_sha256
    from .chat import ChatModel, Completion, TokenLogprob
    from .structured import StructuredResult, generate
    from .mapreduce import MapReduceResult, MapReducer, Plan
    from .chunking import Chunk, split_document
    from .prompts import Template, default_prompts_dir, list_templates, load_template
    from .tokens import Counter, context_window, counter_for
    from .pricing import estimate_cost, price_for

__all__ = [
    "ChatModel",
    "Chunk",
    "Completion",
    "Counter",
    "MapReduceResult",
    "MapReducer",
    "ModelEngine",
    "Plan",
    "StructuredResult",
    "Template",
    "TokenLogprob",
    "context_window",
    "counter_for",
    "default_prompts_dir",
    "estimate_cost",
    "generate",
    "list_templates",
    "load_template",
    "price_for",
    "prompted_info",
    "schema_sha256",
    "split_document",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "ModelEngine": ".engine",
    "prompted_info": ".engine",
    "schema_sha256": ".engine",
    "ChatModel": ".chat",
    "Completion": ".chat",
    "TokenLogprob": ".chat",
    "StructuredResult": ".structured",
    "generate": ".structured",
    "MapReducer": ".mapreduce",
    "MapReduceResult": ".mapreduce",
    "Plan": ".mapreduce",
    "Chunk": ".chunking",
    "split_document": ".chunking",
    "Template": ".prompts",
    "default_prompts_dir": ".prompts",
    "list_templates": ".prompts",
    "load_template": ".prompts",
    "Counter": ".tokens",
    "context_window": ".tokens",
    "counter_for": ".tokens",
    "estimate_cost": ".pricing",
    "price_for": ".pricing",
}, globals())
