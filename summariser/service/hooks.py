"""Hooks: one object that front doors attach progress and status handlers to (as instructor's hooks).

Events (handlers get the arguments shown):

* ``model:status`` (code) -- every HTTP status code the model server returns;
* ``brief:start`` (docs) -- a brief is about to be made of these documents;
* ``brief:done`` (brief, docs) -- a brief was made;
* ``brief:error`` (error, docs) -- making a brief failed (the error is raised too);
* ``stage`` (text) -- a front door's own progress line (fetching, reading, saving ...).

A handler that raises stops the work with its error (the web desk stops an interrupted job so).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any, Literal

__all__ = ["EVENTS", "HookName", "Hooks"]

HookName = Literal["model:status", "brief:start", "brief:done", "brief:error", "stage"]
EVENTS: tuple[str, ...] = ("model:status", "brief:start", "brief:done", "brief:error", "stage")


class Hooks:
    """Handlers by event name; :meth:`emit` calls each in the order they were added."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[Callable[..., Any]]] = defaultdict(list)

    def on(self, event: HookName, handler: Callable[..., Any]) -> Callable[..., Any]:
        """Call ``handler`` on ``event``; returns it (usable as a decorator)."""
        if event not in EVENTS:
            raise ValueError(f"unknown hook event {event!r}; use one of: {', '.join(EVENTS)}")
        self._handlers[event].append(handler)
        return handler

    def off(self, event: HookName, handler: Callable[..., Any]) -> None:
        """Stop calling ``handler`` on ``event``."""
        if handler in self._handlers.get(event, []):
            self._handlers[event].remove(handler)

    def emit(self, event: HookName, *args: Any) -> None:
        """Call every handler of ``event`` with ``args``."""
        for handler in self._handlers.get(event, ()):
            handler(*args)
