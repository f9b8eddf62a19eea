"""summariser: briefs of news articles that an editor can trust.

Library use::

    import asyncio
    from summariser import load_settings, load_source, brief_document

    brief = asyncio.run(brief_document(load_source("article.txt"), load_settings()))
    print(brief.headline, brief.stance_table)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Settings, load_settings  # noqa: E402
from .documents import Document, document_from_text, load_source  # noqa: E402
from .errors import (  # noqa: E402
    ConfigError,
    InputError,
    InputTooLongError,
    ModelError,
    OutputValidationError,
    SummariserError,
)
from .grounding import locate  # noqa: E402
from .pipeline import brief_document, make_brief, make_engine  # noqa: E402
from .schema import Brief, Evidence, StanceRow, SummaryPoint  # noqa: E402

__all__ = [
    "Brief", "ConfigError", "Document", "Evidence", "InputError", "InputTooLongError", "ModelError",
    "OutputValidationError", "Settings", "StanceRow", "SummariserError", "SummaryPoint", "brief_document",
    "document_from_text", "load_settings", "load_source", "locate", "make_brief", "make_engine",
]
