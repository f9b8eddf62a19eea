"""Lazy re-exports for package ``__init__`` modules (PEP 562).

Each package lists its public names in ``__all__`` and where each lives; a name's module is imported
when the name is first used, so importing one module of a package (``summariser.core.errors`` for
``summariser --help``) does not load its siblings (pydantic models, templates, HTTP clients).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

__all__ = ["lazy_exports"]


def lazy_exports(package: str, names: dict[str, str], namespace: dict[str, object]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: ``names`` maps each public name to its module (relative, e.g. ``".schema"``)."""

    def __getattr__(name: str) -> object:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(names[name], package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__
