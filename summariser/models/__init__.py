"""Model backends behind one narrow interface (:class:`ChatModel`)."""

from .base import ChatModel, Completion

__all__ = ["ChatModel", "Completion"]
