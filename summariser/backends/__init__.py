"""The backend registry: every engine, built in or third-party, is registered the same way.

A backend is one module with a ``register(registry)`` function that adds a :class:`Backend`
(a name, ``info(settings)`` -- what the engine is, starting nothing -- and ``create(settings,
cache=..., on_status=...)`` -- the engine, still not started). The built-in ones
(``extractive``, ``openai``, ``local``) are loaded through that same hook; third-party packages
declare theirs as an entry point::

    [project.entry-points."summariser.backends"]
    mybackend = "mypackage.summariser_backend:register"
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.errors import ConfigError

if TYPE_CHECKING:
    from .cache import AnswerCache
    from ..core.settings import Settings
    from ..engines.base import Engine, EngineInfo

__all__ = ["ENTRY_POINT_GROUP", "Backend", "Registry", "backend_for", "backend_names", "create_engine", "engine_info",
           "registry"]

log = logging.getLogger("summariser.backends")

ENTRY_POINT_GROUP = "summariser.backends"
BUILTIN = ("summariser.backends.extractive", "summariser.backends.openai", "summariser.backends.local")
StatusHook = Callable[[int], None]


@dataclass(frozen=True)
class Backend:
    """One way of making drafts: its name, what it is for given settings, and how to make its engine."""

    name: str
    info: Callable[[Settings], EngineInfo]
    create: Callable[..., Engine]  # (settings, *, cache: AnswerCache | None, on_status: StatusHook | None)
    description: str = ""


class Registry:
    """Backends by name; the built-in ones load on first use, third-party ones with the first unknown name."""

    def __init__(self) -> None:
        self._backends: dict[str, Backend] = {}
        self._builtin_loaded = False
        self._plugins_loaded = False

    def add(self, backend: Backend) -> None:
        """Register ``backend`` (a later registration of the same name replaces it)."""
        self._backends[backend.name] = backend

    def get(self, name: str) -> Backend:
        """The backend called ``name``, or a one-line ConfigError naming the ones there are."""
        self._load_builtin()
        if name not in self._backends:
            self._load_plugins()
        if name not in self._backends:
            raise ConfigError(f"unknown backend {name!r}; use one of: {', '.join(self.names())}")
        return self._backends[name]

    def names(self) -> list[str]:
        """Every registered backend's name, built-in first."""
        self._load_builtin()
        self._load_plugins()
        return list(self._backends)

    def _load_builtin(self) -> None:
        if not self._builtin_loaded:
            self._builtin_loaded = True
            for module in BUILTIN:
                importlib.import_module(module).register(self)

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        from importlib.metadata import entry_points

        for point in entry_points(group=ENTRY_POINT_GROUP):
            try:
                point.load()(self)
            except Exception as exc:  # a broken plugin must not break the built-in backends
                log.warning("backend plugin %s could not be loaded (%s: %s); skipped", point.name, type(exc).__name__, exc)


registry = Registry()


def backend_names() -> list[str]:
    """The names of every available backend."""
    return registry.names()


def backend_for(settings: Settings) -> Backend:
    """The backend the settings select (see :meth:`Settings.resolved_backend`)."""
    name, _ = settings.resolved_backend()
    return registry.get(name)


def engine_info(settings: Settings) -> EngineInfo:
    """What the configured engine is, without making or starting it."""
    return backend_for(settings).info(settings)


def create_engine(settings: Settings, *, cache: AnswerCache | None = None, on_status: StatusHook | None = None) -> Engine:
    """The configured engine, not yet started (``await engine.start()`` or its first draft starts it)."""
    backend = backend_for(settings)
    options: dict[str, Any] = {"cache": cache, "on_status": on_status}
    return backend.create(settings, **options)
