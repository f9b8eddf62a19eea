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
from .core.spec import BriefSpec  # noqa: E402
from .service import Briefer, Hooks, brief  # noqa: E402

__all__ = [
    "Brief", "BriefSpec", "Briefer", "ConfigError", "Hooks", "brief", "Document", "Evidence", "InputError", "InputTooLongError", "ModelError",
    "OutputValidationError", "Settings", "StanceRow", "SummariserError", "SummaryPoint", "brief_document",
    "document_from_text", "load_settings", "load_source", "locate", "make_brief", "make_engine",
]
