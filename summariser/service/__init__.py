"""The service layer: the Briefer (engine, answer cache, concurrency, hooks) between front doors and engines;
loading settings, the BriefSpec of what shapes a brief, the worker pool, the batch mode's files, progress.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core._lazy import lazy_exports

if TYPE_CHECKING:
    from .briefer import Briefer, brief, describe_plan
    from .hooks import Hooks
    from .settings import config_path, load_settings, validate
    from .spec import BriefSpec, NOT_SHAPING
    from .pipeline import brief_document, make_brief, make_engine
    from .batch import AdaptiveLimiter, Budget, run_batch
    from .files import BatchOptions, brief_batch, expand_inputs
    from .progress import progress

__all__ = [
    "NOT_SHAPING",
    "AdaptiveLimiter",
    "BatchOptions",
    "BriefSpec",
    "Briefer",
    "Budget",
    "Hooks",
    "brief",
    "brief_batch",
    "brief_document",
    "config_path",
    "describe_plan",
    "expand_inputs",
    "load_settings",
    "make_brief",
    "make_engine",
    "progress",
    "run_batch",
    "validate",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "Briefer": ".briefer",
    "brief": ".briefer",
    "describe_plan": ".briefer",
    "Hooks": ".hooks",
    "config_path": ".settings",
    "load_settings": ".settings",
    "validate": ".settings",
    "NOT_SHAPING": ".spec",
    "BriefSpec": ".spec",
    "brief_document": ".pipeline",
    "make_brief": ".pipeline",
    "make_engine": ".pipeline",
    "AdaptiveLimiter": ".batch",
    "Budget": ".batch",
    "run_batch": ".batch",
    "BatchOptions": ".files",
    "brief_batch": ".files",
    "expand_inputs": ".files",
    "progress": ".progress",
}, globals())
