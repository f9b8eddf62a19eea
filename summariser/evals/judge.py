"""Optional LLM judge: a G-Eval-style rubric (coherence, consistency, fluency, relevance, 1-5).

The rubric is the prompt template ``prompts/judge/`` (system.j2, user.j2, reask.j2). The judge
answers integer scores under a JSON schema; as in G-Eval, each score is then weighted by the
probabilities of its digit tokens (the expected score over 1-5, from the server's
``top_logprobs``), which separates briefs that integer scores tie. A server that gives no token
probabilities leaves the integer scores (``judge_weighted`` 0 says so). The judge model is
configured in the suite; a warning is given when it is the same model as the generator, as a
model tends to prefer its own output.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..engines.llm.chat import ChatModel, TokenLogprob
from ..engines.llm.prompts import REFUSAL_TASK, Template
from ..core.schema import Brief, json_schema
from ..engines.llm.structured import generate
from .dataset import Case
from .scorers import Metric, Scores

CRITERIA = ("coherence", "consistency", "fluency", "relevance")
JUDGE_METRICS = tuple(
    Metric(f"judge_{c}", f"LLM judge's {c} score (1-5, weighted by its token probabilities when given).", share=False)
    for c in CRITERIA
) + (
    Metric("judge_tokens", "Tokens the judge used for the case.", higher_is_better=None, share=False),
    Metric("judge_weighted", "Share of the judge's scores weighted by token probabilities (0: integers only).",
           higher_is_better=None, share=False),
)
TOP_LOGPROBS = 5
_DIGIT_TOKEN = re.compile(r"\s*([1-5])[\s,}]*")  # "4", " 4", "4," as tokenizers cut them

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
    weighted: bool = True  # ask for token probabilities and weight the scores by them

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
            top_logprobs=TOP_LOGPROBS if self.weighted else 0,
            task=REFUSAL_TASK,  # the wording the judge has always re-asked with
        )
        weighted = weighted_scores(result.logprobs) if self.weighted else {}
        scores: Scores = {f"judge_{c}": weighted.get(c, float(getattr(result.value, c))) for c in CRITERIA}
        scores["judge_tokens"] = float(result.usage.total_tokens)
        scores["judge_weighted"] = len(weighted) / len(CRITERIA)
        return scores


def weighted_scores(logprobs: list[TokenLogprob] | None) -> dict[str, float]:
    """G-Eval's expected score per criterion: sum of k x p(k) over the digits 1-5 offered at the
    place where the answer wrote that criterion's score (probabilities renormalised over 1-5).
    Criteria whose score token is not found, or has no digit alternatives, are left out."""
    if not logprobs:
        return {}
    text, starts = "", []
    for item in logprobs:
        starts.append(len(text))
        text += item.token
    out = {}
    for criterion in CRITERIA:
        match = re.search(rf'"{criterion}"\s*:\s*([1-5])', text)
        if match is None:
            continue
        at = max(i for i, start in enumerate(starts) if start <= match.start(1))
        expected = _expected_digit(logprobs[at])
        if expected is not None:
            out[criterion] = round(expected, 4)
    return out


def _expected_digit(item: TokenLogprob) -> float | None:
    offered = {**item.top, item.token: item.logprob}
    probs: dict[int, float] = {}
    for token, logprob in offered.items():
        digit = _DIGIT_TOKEN.fullmatch(token)
        if digit:
            score = int(digit.group(1))
            probs[score] = probs.get(score, 0.0) + math.exp(logprob)
    total = sum(probs.values())
    return sum(k * p for k, p in probs.items()) / total if total > 0 else None


def same_model_warning(judge_model: str, generator_backend: str, generator_model: str) -> str | None:
    """A warning when the judge would grade its own output."""
    if generator_backend != "extractive" and judge_model.strip().lower() == generator_model.strip().lower():
        return (
            f"the judge and the generator are the same model ({judge_model}); judges favour their own output, "
            "so set the suite's judge.model to a different model"
        )
    return None
