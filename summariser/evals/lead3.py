"""Lead-3 baseline check: our extractive ``lead3`` mode against SummEval's own Lead-3 (model M0).

Data (read by path, never copied into the project): ``cnndm_test_summeval100.jsonl`` from the
SummEval folder, one CNN/DailyMail test article per line with ``article`` (untokenised text),
``reference`` (the original highlights) and ``lead3_M0_summeval`` (SummEval's Lead-3 output,
PTB-tokenised and lower-cased).

Two questions are answered:

1. Does our Lead-3 pick the same three sentences as M0? Both sides are normalised to the same
   lower-case, PTB-like alphanumeric tokens (:func:`normalise_tokens`), then compared exactly and
   by ROUGE-L and token F1.
2. How does our Lead-3 score against the highlights? ROUGE-1/2/L/Lsum F1 (``rouge-score``, Porter
   stemming, one reference), beside See et al. (2017) Lead-3: 40.34 / 17.70 / 36.57 (ROUGE-1.5.5,
   whose ROUGE-L is the summary-level one that ``rougeLsum`` implements).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rouge_score import rouge_scorer

from ..core.errors import InputError
from ..engines.extractive.rules import ExtractiveEngine
from ..core.text import sentences

CNNDM_FILE = "cnndm_test_summeval100.jsonl"
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
SEE_2017_LEAD3 = {"rouge1": 40.34, "rouge2": 17.70, "rougeLsum": 36.57}

_QUOTES = re.compile(r"``|''|[\"\u201c\u201d\u2018\u2019`]")
_CONTRACTION = re.compile(r"(?<=\w)(n't|'s|'re|'ve|'ll|'d|'m)\b")


def normalise_tokens(text: str) -> list[str]:
    """Lower-case alphanumeric tokens after PTB-style splits, so raw text and PTB output compare equal.

    ``Sterling's`` and ``sterling 's``, ``cannot`` and ``can not``, ``12:15am`` and ``12:15 am``,
    ``£299`` and ``# 299`` all give the same tokens; punctuation is dropped.
    """
    text = _QUOTES.sub("'", text.lower().replace("\u00a0", " "))
    text = _CONTRACTION.sub(r" \1", text)
    text = re.sub(r"\bcannot\b", "can not", text)
    text = re.sub(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)", " ", text)
    return re.findall(r"[a-z0-9]+", text)


def token_f1(ours: list[str], theirs: list[str]) -> float:
    """Bag-of-tokens F1 between two token lists (1.0 when both are empty)."""
    if not ours and not theirs:
        return 1.0
    common = sum((Counter(ours) & Counter(theirs)).values())
    if not common:
        return 0.0
    precision, recall = common / len(ours), common / len(theirs)
    return 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Lead3Case:
    """One article's Lead-3 by us and by SummEval, with the highlights."""

    id: str
    ours: list[str]
    m0: str
    reference: str


@dataclass
class Lead3Report:
    """Agreement with M0 and ROUGE against the highlights (F1 x 100)."""

    n: int
    exact_share: float
    rougeL_vs_m0: float
    token_f1_vs_m0: float
    ours_rouge: dict[str, float]
    m0_rouge: dict[str, float]
    mismatches: list[str] = field(default_factory=list)


def load_cases(summeval_dir: Path) -> list[dict]:
    """The SummEval CNN/DM rows; a one-line InputError naming the flag when the file is missing."""
    path = Path(summeval_dir) / CNNDM_FILE
    if not path.is_file():
        raise InputError(f"{path} not found; pass --summeval-dir PATH to the folder that holds {CNNDM_FILE}")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def our_lead3(article: str) -> list[str]:
    """The three sentences the extractive backend's lead3 mode picks."""
    return [point.text for point in ExtractiveEngine(mode="lead3").draft(article).summary]


def build_cases(rows: list[dict]) -> list[Lead3Case]:
    return [Lead3Case(r["id"], our_lead3(r["article"]), r["lead3_M0_summeval"], r["reference"]) for r in rows]


def _lines(text: str) -> str:
    """One sentence per line, as ``rougeLsum`` expects."""
    return "\n".join(s.text for s in sentences(text))


def mean_rouge(summaries: list[str], references: list[str]) -> dict[str, float]:
    """Mean ROUGE F1 x 100 over pairs; ``rougeLsum`` splits both sides into sentences first."""
    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    totals: Counter[str] = Counter()
    for summary, reference in zip(summaries, references, strict=True):
        scores = scorer.score(_lines(reference), _lines(summary))
        totals.update({name: scores[name].fmeasure for name in ROUGE_TYPES})
    return {name: 100 * totals[name] / max(len(summaries), 1) for name in ROUGE_TYPES}


def compare_with_m0(cases: list[Lead3Case]) -> tuple[float, float, float, list[str]]:
    """(exact share, mean ROUGE-L F1, mean token F1, ids that differ) between ours and M0, normalised."""
    scorer = rouge_scorer.RougeScorer(["rougeL"])
    exact, rouge_l, f1, mismatches = 0, 0.0, 0.0, []
    for case in cases:
        ours, theirs = normalise_tokens(" ".join(case.ours)), normalise_tokens(case.m0)
        exact += ours == theirs
        if ours != theirs:
            mismatches.append(case.id)
        rouge_l += scorer.score(" ".join(theirs), " ".join(ours))["rougeL"].fmeasure
        f1 += token_f1(ours, theirs)
    n = max(len(cases), 1)
    return exact / n, rouge_l / n, f1 / n, mismatches


def lead3_report(summeval_dir: Path) -> Lead3Report:
    """Run our Lead-3 on the SummEval articles and compare it with M0 and the highlights."""
    cases = build_cases(load_cases(summeval_dir))
    exact, rouge_l, f1, mismatches = compare_with_m0(cases)
    references = [c.reference for c in cases]
    return Lead3Report(
        n=len(cases), exact_share=exact, rougeL_vs_m0=rouge_l, token_f1_vs_m0=f1,
        ours_rouge=mean_rouge([" ".join(c.ours) for c in cases], references),
        m0_rouge=mean_rouge([c.m0 for c in cases], references),
        mismatches=mismatches,
    )


def format_report(report: Lead3Report) -> str:
    """Plain-text tables: agreement with M0, then ROUGE beside the published Lead-3."""
    lines = [
        f"Lead-3 vs SummEval M0 on {report.n} CNN/DM articles (normalised tokens)",
        f"  same three sentences: {report.exact_share:.0%}   ROUGE-L F1: {report.rougeL_vs_m0:.4f}"
        f"   token F1: {report.token_f1_vs_m0:.4f}",
        f"  differ: {', '.join(report.mismatches) or 'none'}",
        "",
        "ROUGE F1 x 100 against the original highlights (rouge-score, stemmed, 1 reference)",
        f"  {'':<26}{'R-1':>7}{'R-2':>7}{'R-L':>7}{'R-Lsum':>8}",
    ]
    for label, scores in (("ours (lead3 mode)", report.ours_rouge), ("SummEval M0", report.m0_rouge)):
        lines.append(f"  {label:<26}" + "".join(f"{scores[n]:>7.2f}" for n in ROUGE_TYPES[:3]) + f"{scores['rougeLsum']:>8.2f}")
    see = SEE_2017_LEAD3
    lines.append(f"  {'See et al. 2017 (11,490)':<26}{see['rouge1']:>7.2f}{see['rouge2']:>7.2f}{'':>7}{see['rougeLsum']:>8.2f}")
    return "\n".join(lines)
