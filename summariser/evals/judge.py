"""Optional LLM judge: a G-Eval-style rubric (coherence, consistency, fluency, relevance, 1-5).

The rubric is the prompt template ``prompts/judge/`` (system.j2, user.j2, reask.j2). The judge
asks for integer scores under a JSON schema (G-Eval's probability weighting of the score tokens
is not used: most OpenAI-compatible servers do not return those probabilities). The judge model
is configured in the suite; a warning is given when it is the same model as the generator, as a
model tends to prefer its own output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models.base import ChatModel
from ..prompts import Template
from ..schema import Brief, json_schema
from ..structured import generate
from .dataset import Case
from .scorers import Metric, Scores

CRITERIA = ("coherence", "consistency", "fluency", "relevance")
JUDGE_METRICS = tuple(
    Metric(f"judge_{c}", f"LLM judge's {c} score (1-5).", share=False) for c in CRITERIA
) + (Metric("judge_tokens", "Tokens the judge used for the case.", higher_is_better=None, share=False),)

Score = Literal[1, 2, 3, 4, 5]


class JudgeVerdict(BaseModel):
    """The judge's answer."""

    model_config = ConfigDict(extra="forbid")

    coherence: Score
    consistency: Score
    fluency: Score
    relevance: Score
    rationale: str = Field(description="At most two sentences on the main weakness.")


def render_brief(brief: Brief) -> str:
    """The brief as plain text for the judge."""
    lines = [f"Headline: {brief.headline}", "Summary:"]
    lines += [f"- {p.text}" for p in brief.summary]
    if brief.stance_table:
        lines.append("Stance table (actor | role | stance | target | quote):")
        for r in brief.stance_table:
            quote = r.evidence[0].quote if r.evidence else ""
            lines.append(f"- {r.actor} | {r.role} | {r.stance} | {r.target} | \"{quote}\"")
    return "\n".join(lines)


def article_text(case: Case) -> str:
    """The article the judge reads; a multi-article case's articles one after another, each headed."""
    if not case.multi_article:
        return case.text or ""
    return "\n\n".join(f"[Article {doc.id}: {doc.title}]\n{doc.text}" for doc in case.documents())


@dataclass
class Judge:
    """Scores briefs with a chat model and the judge template."""

    chat: ChatModel
    template: Template
    max_attempts: int = 2
    max_tokens: int = 400

    def messages(self, case: Case, brief: Brief) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.template.render("system")},
            {"role": "user", "content": self.template.render("user", article=article_text(case), brief=render_brief(brief))},
        ]

    async def score(self, case: Case, brief: Brief) -> Scores:
        """The judge's scores for one brief (raises ModelError / OutputValidationError on failure)."""
        result = await generate(
            self.chat, self.messages(case, brief), JudgeVerdict,
            schema=json_schema(JudgeVerdict),
            reask=lambda problem, _quotes: self.template.render("reask", problem=problem),
            max_attempts=self.max_attempts, max_tokens=self.max_tokens,
        )
        scores: Scores = {f"judge_{c}": float(getattr(result.value, c)) for c in CRITERIA}
        scores["judge_tokens"] = float(result.usage.total_tokens)
        return scores


def same_model_warning(judge_model: str, generator_backend: str, generator_model: str) -> str | None:
    """A warning when the judge would grade its own output."""
    if generator_backend != "extractive" and judge_model.strip().lower() == generator_model.strip().lower():
        return (
            f"the judge and the generator are the same model ({judge_model}); judges favour their own output, "
            "so set the suite's judge.model to a different model"
        )
    return None
