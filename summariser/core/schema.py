"""Pydantic models for what the model writes (drafts) and what the tool returns (briefs).

The model is asked only for what it can know: quote text, never offsets. The tool computes
offsets, the match status and ``verified`` when it grounds a draft in the source.
"""

from __future__ import annotations

import copy
import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Stance = Literal["favor", "against", "mixed", "neutral", "unclear"]
MatchStatus = Literal["exact", "normalized", "fuzzy", "none"]

STANCES: tuple[str, ...] = ("favor", "against", "mixed", "neutral", "unclear")

MAX_SUMMARY_POINTS = 8
MAX_STANCE_ROWS = 12
MAX_WATCH_ITEMS = 5
MAX_QUOTES_PER_POINT = 2


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- What the model writes -------------------------------------------------------------------


class DraftPoint(_Strict):
    """One summary bullet as the model writes it."""

    text: str = Field(description="One sentence stating a fact from the article, in the brief's language.")
    quotes: list[str] = Field(
        max_length=MAX_QUOTES_PER_POINT,
        description="Zero to two short passages copied character for character from the article that support the bullet.",
    )


class DraftStanceRow(_Strict):
    """One row of the stance table as the model writes it."""

    actor: str = Field(description="Who takes the position: a person's name, or an organisation; 'unnamed official' if the article does not name them.")
    role: str = Field(description="The actor's title or affiliation as the article gives it; empty string if none.")
    target: str = Field(description="The proposition the stance is toward, phrased as a claim, e.g. 'Japan should raise defence spending beyond 2% of GDP'.")
    stance: Stance = Field(description="The actor's position toward the target claim.")
    quote: str = Field(description="The words in the article that show this stance, copied character for character (without surrounding quotation marks).")


class DraftBrief(_Strict):
    """The structured answer the model must return. Sent to the model as the JSON schema."""

    headline: str = Field(description="A factual headline for the brief, at most 15 words.")
    summary: list[DraftPoint] = Field(
        max_length=MAX_SUMMARY_POINTS, description="The key points, most important first."
    )
    stance_table: list[DraftStanceRow] = Field(
        max_length=MAX_STANCE_ROWS,
        description="Who stands where: one row per actor and target claim, each backed by a verbatim quote.",
    )
    what_to_watch: list[str] = Field(
        max_length=MAX_WATCH_ITEMS, description="Upcoming events, decisions or open questions the article points to."
    )


class DraftDisagreement(_Strict):
    """Where sources disagree, as the model reports it when merging several articles."""

    kind: Literal["stance", "fact"] = Field(description="stance: the same actor is reported with different positions; fact: the sources contradict each other on a fact.")
    summary: str = Field(description="What the sources disagree about, naming the sources by their ids.")
    quotes: list[str] = Field(max_length=4, description="The passages, copied character for character from the sources, that conflict.")


class MergeDraft(DraftBrief):
    """The answer when several extracts (chunks of a long article, or several articles) are merged."""

    disagreements: list[DraftDisagreement] = Field(
        max_length=6, description="Contradictions between sources; empty if they agree."
    )


# --- What the tool returns -------------------------------------------------------------------


class Evidence(_Strict):
    """A quote aligned to the source text."""

    quote: str = Field(description="The quote; for verified evidence exactly source[start:end].")
    start: int | None = Field(description="Start character offset in the source document, or null if not found.")
    end: int | None = Field(description="End character offset (exclusive) in the source document, or null if not found.")
    verified: bool = Field(description="True only when the quote was found verbatim (exact or after normalising quote marks, dashes, ellipses, whitespace and case).")
    match: MatchStatus = Field(description="How the quote was aligned: exact, normalized, fuzzy (approximate, not verified) or none.")
    source_id: str = Field(default="", description="Id of the source document the offsets refer to.")
    model_quote: str | None = Field(default=None, description="The quote as the model wrote it, when it differs from the source text.")


class SummaryPoint(_Strict):
    """One bullet of the brief's summary."""

    text: str = Field(description="The bullet text.")
    evidence: list[Evidence] = Field(description="Source passages supporting the bullet.")


class StanceRow(_Strict):
    """Who takes which stance toward which claim, with the quote that shows it."""

    actor: str = Field(description="Who takes the position.")
    role: str = Field(description="The actor's title or affiliation; empty if unknown.")
    target: str = Field(description="The proposition the stance is toward, phrased as a claim.")
    stance: Stance = Field(description="favor, against, mixed, neutral or unclear.")
    evidence: list[Evidence] = Field(description="The quote(s) showing the stance.")
    speaker_check: Literal["ok", "not_near_quote", "unchecked"] = Field(
        default="unchecked",
        description="ok when the actor's name or alias stands near the quote in the source; not_near_quote when it does not.",
    )


class Disagreement(_Strict):
    """Sources that contradict each other on a fact, or report an actor's stance differently."""

    kind: Literal["stance", "fact"] = Field(description="stance or fact.")
    summary: str = Field(description="What the sources disagree about.")
    evidence: list[Evidence] = Field(description="The conflicting passages, each tied to its source.")


class Processing(_Strict):
    """How the input was processed: one call, map-reduce over chunks, or a merge of several articles."""

    mode: Literal["single", "map_reduce", "merge"] = "single"
    documents: int = 1
    chunks: int = 1
    calls: int = Field(default=0, description="Model calls made (0 for the extractive engine).")


class Usage(_Strict):
    """Token usage summed over every request made for a brief."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            requests=self.requests + other.requests,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class PromptInfo(_Strict):
    name: str = Field(description="Template name, e.g. 'brief'.")
    sha256: str = Field(description="Hash of the template files' content.")


class SourceInfo(_Strict):
    """A source document the brief was made from. Offsets refer to its text as given to the tool."""

    id: str
    title: str = ""
    url: str = ""
    date: str = ""
    path: str = ""
    kind: Literal["text", "markdown", "html"] = "text"
    chars: int = 0
    sha256: str = ""


class BriefMeta(_Strict):
    """How the brief was made."""

    backend: str = Field(description="extractive, openai or local.")
    model: str = Field(description="Model name as sent to the server, or the extractive engine's name.")
    prompt: PromptInfo | None = Field(default=None, description="The prompt template used, if any.")
    attempts: int = Field(default=1, description="Model calls needed to get valid output.")
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = Field(default=None, description="Estimated cost in USD where the model's price is known.")
    latency_s: float = Field(default=0.0, description="Wall time to make the brief, in seconds.")
    warnings: list[str] = Field(default_factory=list)
    style: dict[str, str | int] = Field(default_factory=dict, description="Style variables used: words, audience, language.")
    sources: list[SourceInfo] = Field(default_factory=list)
    processing: Processing = Field(default_factory=Processing)


class Brief(_Strict):
    """A brief an editor can paste into a planning document."""

    headline: str
    summary: list[SummaryPoint]
    stance_table: list[StanceRow]
    what_to_watch: list[str]
    disagreements: list[Disagreement] = Field(default_factory=list, description="Where sources contradict each other.")
    meta: BriefMeta

    def evidence(self) -> list[Evidence]:
        """Every evidence item in the brief, summary first."""
        items = [e for p in self.summary for e in p.evidence]
        items += [e for r in self.stance_table for e in r.evidence]
        return items + [e for d in self.disagreements for e in d.evidence]


def draft_json_schema() -> dict:
    """The JSON schema sent to the model in ``response_format`` (strict-compatible)."""
    return json_schema(DraftBrief)


def json_schema(model: type[BaseModel]) -> dict:
    """``model``'s JSON schema, a fresh copy the caller may change."""
    return copy.deepcopy(_json_schema(model))


@functools.cache
def _json_schema(model: type[BaseModel]) -> dict:
    return model.model_json_schema()  # generated once per model: pydantic takes milliseconds per call


def brief_json_schema() -> dict:
    """The JSON schema of the tool's output, printed by ``summariser schema``."""
    return Brief.model_json_schema(mode="serialization")
