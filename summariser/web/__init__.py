"""The web desk: request, read, check and keep briefs in the browser (``summariser serve``).

``create_app`` is imported lazily so that the command line does not load the web stack
unless ``serve`` runs.
"""

from __future__ import annotations

__all__ = ["create_app"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
