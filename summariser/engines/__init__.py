"""Engines: what turns documents into a draft (the :class:`Engine` protocol and the built-in engines).

Engines are made through the backend registry (:mod:`summariser.backends`), never directly by a
front door; the :class:`~summariser.service.Briefer` owns them.
"""

from .base import Draft, Engine, EngineInfo

__all__ = ["Draft", "Engine", "EngineInfo"]
