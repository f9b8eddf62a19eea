"""Grounding: quotes aligned to their sources (exact, normalised, fuzzy; once per quote and text), speaker checks,
a draft grounded into a Brief; rows merged across sources (one per actor and claim) and disagreements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core._lazy import lazy_exports

if TYPE_CHECKING:
    from .quotes import Grounded, ground, locate, locate_in, speaker_near, unverified_quotes
    from .merge import combine_drafts, fact_conflicts, merge_rows

__all__ = [
    "Grounded",
    "combine_drafts",
    "fact_conflicts",
    "ground",
    "locate",
    "locate_in",
    "merge_rows",
    "speaker_near",
    "unverified_quotes",
]

__getattr__, __dir__ = lazy_exports(__name__, {
    "Grounded": ".quotes",
    "ground": ".quotes",
    "locate": ".quotes",
    "locate_in": ".quotes",
    "speaker_near": ".quotes",
    "unverified_quotes": ".quotes",
    "combine_drafts": ".merge",
    "fact_conflicts": ".merge",
    "merge_rows": ".merge",
}, globals())
