"""The ``extractive`` backend: the offline engine, no model, no network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import Backend, Registry

if TYPE_CHECKING:
    from ..core.settings import Settings
    from ..engines.base import EngineInfo
    from ..engines.extractive import ExtractiveBackend


def info(settings: Settings) -> EngineInfo:
    """The offline engine in the configured mode."""
    from ..engines.base import EngineInfo

    return EngineInfo(backend="extractive", model=f"extractive-{settings.extractive_mode}", priced=False)


def create(settings: Settings, **_: Any) -> ExtractiveBackend:
    """The offline engine (no cache: it makes no requests)."""
    from ..engines.extractive import ExtractiveBackend

    return ExtractiveBackend(settings.extractive_mode)


def register(registry: Registry) -> None:
    registry.add(Backend("extractive", info, create, "offline extractive engine (no model, no network)"))
