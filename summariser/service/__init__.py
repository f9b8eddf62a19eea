"""The service layer: the Briefer (engine, answer cache, concurrency, hooks) between front doors and engines;
loading settings, the BriefSpec of what shapes a brief.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core._lazy import lazy_exports

if TYPE_CHECKING:
    from .briefer import Briefer, brief, describe_plan
    from .hooks import Hooks
    from .settings import config_path, load_settings, validate
    from .spec import BriefSpec, NOT_SHAPING

__all__ = [
    "NOT_SHAPING",
    "BriefSpec",
    "Briefer",
    "Hooks",
    "brief",
    "config_path",
    "describe_plan",
    "load_settings",
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
}, globals())
