"""The offline extractive engine: :mod:`.rules` (summary sentences, headline, stance rows),
:mod:`.attribution` (who said what, by cue rules built from :mod:`.lexicon`, over the quoted passages of
:mod:`.quotes` and the speakers of :mod:`.speakers`) and :mod:`.engine` (the
:class:`~summariser.engines.base.Engine` they sit behind). No model, no network."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import ExtractiveBackend

__all__ = ["ExtractiveBackend"]


def __getattr__(name: str) -> Any:
    if name == "ExtractiveBackend":  # the rules' large patterns load only when the engine is made
        from .engine import ExtractiveBackend

        return ExtractiveBackend
    raise AttributeError(name)
