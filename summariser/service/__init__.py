"""The service layer: :class:`Briefer` (engine, cache, concurrency, hooks) between front doors and engines."""

from .briefer import Briefer, brief
from .hooks import Hooks

__all__ = ["Briefer", "Hooks", "brief"]
