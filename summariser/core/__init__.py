"""The core records every layer shares: what shapes a brief (:class:`BriefSpec`)."""

from .spec import NOT_SHAPING, BriefSpec

__all__ = ["NOT_SHAPING", "BriefSpec"]
