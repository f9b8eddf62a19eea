"""The core records every layer shares: settings, the brief schema, errors, text and redaction helpers.

Nothing here imports from another layer of the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

if TYPE_CHECKING:
    from .settings import BACKENDS, DEFAULT_MODEL, Settings
    from .schema import Brief, BriefMeta, Disagreement, DraftBrief, Evidence, Processing, PromptInfo, SourceInfo, StanceRow, SummaryPoint, Usage, brief_json_schema, draft_json_schema
    from .errors import BudgetExceededError, ConfigError, GateFailedError, InputError, InputTooLongError, ModelConnectionError, ModelError, ModelRateLimitError, ModelRequestError, ModelServerError, OutputValidationError, SummariserError
    from .text import Span, paragraphs, split_sentences
    from .redact import redact_url, scrub, without_credentials
    from .patterns import cached_patterns

__all__ = [
    "BACKENDS",
    "DEFAULT_MODEL",
    "Brief",
    "BriefMeta",
    "BudgetExceededError",
    "ConfigError",
    "Disagreement",
    "DraftBrief",
    "Evidence",
    "GateFailedError",
    "InputError",
    "InputTooLongError",
    "ModelConnectionError",
    "ModelError",
    "ModelRateLimitError",
    "ModelRequestError",
    "ModelServerError",
    "OutputValidationError",
    "Processing",
    "PromptInfo",
    "Settings",
    "SourceInfo",
    "Span",
    "StanceRow",
    "SummariserError",
    "SummaryPoint",
    "Usage",
    "brief_json_schema",
    "cached_patterns",
    "draft_json_schema",
    "paragraphs",
    "redact_url",
    "scrub",
    "split_sentences",
    "without_credentials",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "BACKENDS": ".settings",
    "DEFAULT_MODEL": ".settings",
    "Settings": ".settings",
    "Brief": ".schema",
    "BriefMeta": ".schema",
    "Disagreement": ".schema",
    "DraftBrief": ".schema",
    "Evidence": ".schema",
    "Processing": ".schema",
    "PromptInfo": ".schema",
    "SourceInfo": ".schema",
    "StanceRow": ".schema",
    "SummaryPoint": ".schema",
    "Usage": ".schema",
    "brief_json_schema": ".schema",
    "draft_json_schema": ".schema",
    "BudgetExceededError": ".errors",
    "ConfigError": ".errors",
    "GateFailedError": ".errors",
    "InputError": ".errors",
    "InputTooLongError": ".errors",
    "ModelConnectionError": ".errors",
    "ModelError": ".errors",
    "ModelRateLimitError": ".errors",
    "ModelRequestError": ".errors",
    "ModelServerError": ".errors",
    "OutputValidationError": ".errors",
    "SummariserError": ".errors",
    "Span": ".text",
    "paragraphs": ".text",
    "split_sentences": ".text",
    "redact_url": ".redact",
    "scrub": ".redact",
    "without_credentials": ".redact",
    "cached_patterns": ".patterns",
}, globals())
