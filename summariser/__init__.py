"""summariser: briefs of news articles that an editor can trust.

Library use::

    from summariser import brief

    made = brief("article.txt", words=100)          # one brief, from synchronous code
    print(made.headline, made.stance_table)

    from summariser import Briefer, load_settings, load_source

    async with Briefer(load_settings(), cache=True) as briefer:    # from async code: one engine, many briefs
        made = await briefer.brief(load_source("article.txt"))
"""

from __future__ import annotations

__version__ = "0.1.0"

# Public names load on first use (PEP 562), so `summariser --help` does not pay for pydantic models,
# templates, the engines or the HTTP client.
_LAZY = {
    "Settings": "core.settings", "load_settings": "service.settings",
    "Document": "ingest.documents", "document_from_text": "ingest.documents", "load_source": "ingest.documents",
    "ConfigError": "core.errors", "InputError": "core.errors", "InputTooLongError": "core.errors", "ModelError": "core.errors",
    "OutputValidationError": "core.errors", "SummariserError": "core.errors",
    "locate": "grounding.quotes",
    "brief_document": "service.pipeline", "make_brief": "service.pipeline", "make_engine": "service.pipeline",
    "Brief": "core.schema", "Evidence": "core.schema", "StanceRow": "core.schema", "SummaryPoint": "core.schema",
    "BriefSpec": "service.spec",
    "Briefer": "service.briefer", "Hooks": "service.hooks", "brief": "service.briefer",
}


def __getattr__(name: str) -> object:
    """Import a public name's module when the name is first used."""
    if name not in _LAZY:
        raise AttributeError(f"module 'summariser' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "Brief",
    "BriefSpec",
    "Briefer",
    "ConfigError",
    "Document",
    "Evidence",
    "Hooks",
    "InputError",
    "InputTooLongError",
    "ModelError",
    "OutputValidationError",
    "Settings",
    "StanceRow",
    "SummariserError",
    "SummaryPoint",
    "brief",
    "brief_document",
    "document_from_text",
    "load_settings",
    "load_source",
    "locate",
    "make_brief",
    "make_engine",
]
