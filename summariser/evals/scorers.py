"""Scorers: small typed functions from (case, brief) to named metric values.

Each scorer declares the metrics it returns, each with its unit. A value is ``None`` when the
metric does not apply to the case (no gold rows, no references, no quotes ...). A run's value is
either the mean over the cases where it applies (unit "cases", macro) or, for metrics that declare
``pool``, a ratio of counts summed over all cases (unit "rows", micro): one good case cannot hide
many bad rows. The per-case value of a pooled metric is the same ratio on that case alone. A case whose brief could not be made is scored as an empty brief: it covers no key
fact and finds no stance row, so failures pull quality down instead of vanishing.

Thresholds, documented here because they decide the figures:

* stance rows: matched one-to-one by actor identity and target (:mod:`.matching`). Precision,
  recall and F1 (``stance_precision`` ...) pool rows over the run (micro, the headline figures);
  ``stance_*_macro`` average the per-case figures. F1 counts a row when actor and target match,
  whatever its label. ``stance_accuracy`` and ``stance_kappa`` compare labels on matched rows,
  pooled; when the predicted target has the opposite polarity of the gold one ("should not
  leave" vs "should leave") the predicted stance is flipped first (favor <-> against).
* speaker accuracy: :mod:`.speakers` (the actor must be the quote's attributed speaker; outlets
  that only report, fragments and other people fail).
* quote grounding: a quote counts when :func:`summariser.grounding.quotes.locate` finds it in the source
  exactly or after normalising quote marks, dashes, ellipses, whitespace and case; recomputed from
  the source text, never taken from the prediction's ``verified`` flag. ``quote_exact`` counts
  only character-for-character substrings. In a multi-article case a quote is looked up in its own
  source (``evidence.source_id``), or in any of the case's articles when that id is empty or unknown.
* source accuracy: among matched rows whose gold row names a ``source``, the share whose predicted
  evidence has a quote found in that source (and not attributed to another of the case's articles).
* key facts: :mod:`.facts` (bullets and What to watch only, one sentence or two adjacent ones,
  60% of the content words with the numbers and half the named entities; ``key_fact_coverage_100w``
  within the first 100 words).
* length: the headline and summary bullets together are within ±``length_tolerance`` (default
  30%) of the style's target words (the prompt asks for that many words for both together).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..grounding.quotes import best_alignment, locate
from ..core.schema import Brief, BriefMeta, Evidence, StanceRow
from ..core.text import sentences, words
from . import speakers
from .dataset import Case
from .facts import KEY_FACT_THRESHOLD, WORD_BUDGET, FactResult, judge_facts
from .matching import Match, PredictedRow, actor_recall, match_rows, matched_stance

DEFAULT_LENGTH_TOLERANCE = 0.3
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")

Scores = dict[str, float | None]


@dataclass(frozen=True)
class Metric:
    """A metric's name, meaning and direction (None: informational, neither better nor worse)."""

    name: str
    description: str
    higher_is_better: bool | None = True
    share: bool = True
    unit: str = "cases"
    pool: tuple[str, str] | None = None  # (numerator, denominator) counts summed over cases, in details["counts"]


@dataclass
class ScoreInput:
    """Everything a scorer may look at for one case."""

    case: Case
    brief: Brief | None
    attempts: int | None = None
    words_target: int = 150
    length_tolerance: float = DEFAULT_LENGTH_TOLERANCE

    @property
    def text(self) -> str:
        """A single-article case's article ("" for a multi-article case: see :attr:`sources`)."""
        return self.case.text or ""

    @cached_property
    def sources(self) -> dict[str, str]:
        """The case's article texts by document id (the case id for a single article)."""
        return {doc.id: doc.text for doc in self.case.documents()}

    @property
    def prediction(self) -> Brief:
        """The brief, or an empty one when the case failed."""
        return self.brief or EMPTY_BRIEF

    # computed once per case and shared by the scorers and case_details

    @cached_property
    def located(self) -> list[Evidence]:
        """Every evidence quote of the prediction aligned to its source, in ``evidence()`` order."""
        return [locate_in_sources(e.quote, e.source_id, self.sources) for e in self.prediction.evidence()]

    @cached_property
    def rows(self) -> list[PredictedRow]:
        return predicted_rows(self.prediction)

    @cached_property
    def matches(self) -> list[Match]:
        """The predicted rows matched one-to-one to the gold rows ([] without gold rows)."""
        return match_rows(self.rows, self.case.gold_stances) if self.case.gold_stances else []

    @cached_property
    def fact_results(self) -> list[FactResult]:
        return judge_facts(self.prediction, self.case.key_facts)

    @cached_property
    def key_fact_recalls(self) -> list[float]:
        return [r.recall for r in self.fact_results]

    @cached_property
    def stance_pairs(self) -> list[tuple[str, str]]:
        """(gold, predicted) stances of the matched rows, the prediction flipped on inverted targets."""
        gold, rows = self.case.gold_stances, self.rows
        return [(gold[m.gold].stance, matched_stance(m, rows[m.pred].stance)) for m in self.matches]

    @cached_property
    def counts(self) -> dict[str, int]:
        """The row counts pooled metrics sum over a run (see :class:`Metric`)."""
        if not self.case.gold_stances:
            return {}
        matched, predicted, gold = len(self.matches), len(self.rows), len(self.case.gold_stances)
        return {
            "rows_predicted": predicted, "rows_gold": gold, "rows_matched": matched,
            "rows_f1_num": 2 * matched, "rows_f1_den": predicted + gold,
            "rows_agree": sum(g == p for g, p in self.stance_pairs),
        }


@dataclass(frozen=True)
class Scorer:
    name: str
    metrics: tuple[Metric, ...]
    fn: Callable[[ScoreInput], Scores]

    def __call__(self, inp: ScoreInput) -> Scores:
        values = self.fn(inp)
        return {m.name: values.get(m.name) for m in self.metrics}


EMPTY_BRIEF = Brief(headline="", summary=[], stance_table=[], what_to_watch=[], meta=BriefMeta(backend="none", model="none"))
SCORERS: dict[str, Scorer] = {}


def scorer(name: str, *metrics: Metric) -> Callable[[Callable[[ScoreInput], Scores]], Scorer]:
    """Register a scorer function under ``name``, declaring the metrics it returns."""

    def register(fn: Callable[[ScoreInput], Scores]) -> Scorer:
        SCORERS[name] = Scorer(name, metrics, fn)
        return SCORERS[name]

    return register


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


# --- validity ------------------------------------------------------------------------------------


@scorer(
    "validity",
    Metric("schema_valid", "Share of cases with a brief that passes the schema."),
    Metric("attempts", "Model calls needed to get valid output.", higher_is_better=False, share=False),
)
def validity(inp: ScoreInput) -> Scores:
    attempts = inp.brief.meta.attempts if inp.brief is not None else inp.attempts
    return {"schema_valid": float(inp.brief is not None), "attempts": attempts}


# --- grounding -----------------------------------------------------------------------------------


@scorer(
    "grounding",
    Metric("quote_grounding", "Share of evidence quotes found in the source (exact or normalised)."),
    Metric("quote_exact", "Share of evidence quotes that are exact substrings of the source."),
    Metric("speaker_accuracy", "Share of stance rows with a found quote whose actor the article names as its "
                               "speaker (not the reporting outlet, a fragment or another person)."),
)
def grounding(inp: ScoreInput) -> Scores:
    evidence = inp.prediction.evidence()
    found = sum(located.verified for located in inp.located)
    exact = sum(is_exact(e, inp.sources) for e in evidence)
    return {
        "quote_grounding": _share(found, len(evidence)),
        "quote_exact": _share(exact, len(evidence)),
        "speaker_accuracy": _share(*speakers.speaker_accuracy(inp.prediction, inp.sources, locate_in_sources,
                                                             inp.case.gold_stances)),
    }


def _candidates(source_id: str, sources: Mapping[str, str]) -> list[str]:
    """The source a quote claims, or every source when the claim is empty or unknown."""
    return [source_id] if source_id in sources else list(sources)


def locate_in_sources(quote: str, source_id: str, sources: Mapping[str, str]) -> Evidence:
    """Align a quote to its own source (by id), or to any source when the id is empty or unknown.

    The result's ``source_id`` names the document its offsets refer to; when the quote is found
    nowhere it is the best unverified alignment (fuzzy before none)."""
    found = best_alignment(locate(quote, sources[sid], source_id=sid) for sid in _candidates(source_id, sources))
    return found or locate(quote, "", source_id=source_id)


def is_exact(evidence: Evidence, sources: Mapping[str, str]) -> bool:
    """Whether the quote is a character-for-character substring of its source (or of any, see above)."""
    return bool(evidence.quote) and any(evidence.quote in sources[s] for s in _candidates(evidence.source_id, sources))


# --- stance table vs gold ------------------------------------------------------------------------


@scorer(
    "stance",
    Metric("stance_precision", "Predicted rows matching a gold row (actor and target), pooled over the run.",
           unit="rows", pool=("rows_matched", "rows_predicted")),
    Metric("stance_recall", "Gold rows matched by a predicted row, pooled over the run.",
           unit="rows", pool=("rows_matched", "rows_gold")),
    Metric("stance_f1", "Row F1 pooled over the run: 2 x matched / (predicted + gold rows); n counts both.",
           unit="rows", pool=("rows_f1_num", "rows_f1_den")),
    Metric("stance_precision_macro", "Row precision per case, averaged over cases."),
    Metric("stance_recall_macro", "Row recall per case, averaged over cases."),
    Metric("stance_f1_macro", "Row F1 per case, averaged over cases."),
    Metric("stance_accuracy", "Matched rows with the gold stance (flipped on inverted targets), pooled.",
           unit="rows", pool=("rows_agree", "rows_matched")),
    Metric("stance_kappa", "Cohen's kappa of stances on matched rows (flipped on inverted targets), pooled.",
           share=False, unit="rows"),
    Metric("actor_recall", "Share of gold actors named in some predicted row."),
    Metric("source_accuracy", "Share of matched rows whose gold row names a source that quote that source."),
)
def stance(inp: ScoreInput) -> Scores:
    gold = inp.case.gold_stances
    if not gold:
        return {}
    rows, matches, pairs = inp.rows, inp.matches, inp.stance_pairs
    precision, recall = _share(len(matches), len(rows)), len(matches) / len(gold)
    f1 = _f1(precision or 0.0, recall)
    return {
        "stance_precision": precision, "stance_recall": recall, "stance_f1": f1,
        "stance_precision_macro": precision, "stance_recall_macro": recall, "stance_f1_macro": f1,
        "stance_accuracy": _share(sum(g == p for g, p in pairs), len(pairs)),
        "stance_kappa": cohen_kappa(pairs),
        "actor_recall": actor_recall([r.actor for r in rows], gold),
        "source_accuracy": source_accuracy(inp, matches),
    }


def source_accuracy(inp: ScoreInput, matches: list[Match]) -> float | None:
    """Among matched rows whose gold row names a source, the share quoting that source; None if none does."""
    gold, table = inp.case.gold_stances, inp.prediction.stance_table
    checks = [quotes_source(table[m.pred], gold[m.gold].source, inp.sources) for m in matches if gold[m.gold].source]
    return _share(sum(checks), len(checks))


def quotes_source(row: StanceRow, source_id: str, sources: Mapping[str, str]) -> bool:
    """Whether some evidence of the row is found in ``source_id`` and not attributed to another source."""
    text = sources.get(source_id)
    if text is None:
        return False
    return any(
        (e.source_id == source_id or e.source_id not in sources) and locate(e.quote, text).verified
        for e in row.evidence
    )


def predicted_rows(brief: Brief) -> list[PredictedRow]:
    return [PredictedRow(r.actor, r.target, r.stance) for r in brief.stance_table]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cohen_kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of (gold, predicted) label pairs; None when undefined (no pairs, or chance agreement is 1)."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    gold, pred = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(gold[label] * pred[label] for label in gold) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


# --- key facts -----------------------------------------------------------------------------------


@scorer(
    "key_facts",
    Metric("key_fact_coverage", f"Share of key facts stated in one bullet or What-to-watch sentence (or two adjacent): "
                                f">= {KEY_FACT_THRESHOLD:.0%} of content words, its numbers, half its names."),
    Metric("key_fact_coverage_100w", f"key_fact_coverage within the first {WORD_BUDGET} words of bullets and What to "
                                     "watch (length-aware: padding does not help)."),
    Metric("key_fact_recall", "Mean over key facts of the best share of their content words in one such window."),
)
def key_facts(inp: ScoreInput) -> Scores:
    facts = inp.case.key_facts
    if not facts:
        return {}
    results, budgeted = inp.fact_results, judge_facts(inp.prediction, facts, WORD_BUDGET)
    return {
        "key_fact_coverage": sum(r.covered for r in results) / len(results),
        "key_fact_coverage_100w": sum(r.covered for r in budgeted) / len(budgeted),
        "key_fact_recall": sum(r.recall for r in results) / len(results),
    }


# --- ROUGE ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def rouge_scorer():
    from rouge_score import rouge_scorer as rs

    return rs.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def summary_for_rouge(brief: Brief) -> str:
    """The summary bullets, one per line (rougeLsum splits sentences on newlines)."""
    return "\n".join(p.text for p in brief.summary)


def reference_for_rouge(reference: str) -> str:
    """A reference with one sentence per line, unless it already has line breaks."""
    if "\n" in reference.strip():
        return reference
    return "\n".join(s.text for s in sentences(reference)) or reference


@scorer(
    "rouge",
    Metric("rouge1", "ROUGE-1 F1 against the references (best reference)."),
    Metric("rouge2", "ROUGE-2 F1 against the references (best reference)."),
    Metric("rougeLsum", "ROUGE-Lsum F1 against the references (best reference)."),
)
def rouge(inp: ScoreInput) -> Scores:
    if not inp.case.references:
        return {}
    references = [reference_for_rouge(r) for r in inp.case.references]
    scores = rouge_scorer().score_multi(references, summary_for_rouge(inp.prediction))
    return {name: scores[name].fmeasure for name in ROUGE_TYPES}


# --- length, tokens, cost, latency ---------------------------------------------------------------


@scorer(
    "length",
    Metric("summary_words", "Words in the headline and summary bullets.", higher_is_better=None, share=False),
    Metric("length_ok", "Share of briefs within the length tolerance of the target words."),
)
def length(inp: ScoreInput) -> Scores:
    if inp.brief is None:
        return {}
    count = summary_words(inp.brief)
    target = int(inp.brief.meta.style.get("words", inp.words_target) or inp.words_target)
    return {"summary_words": count, "length_ok": float(abs(count - target) <= inp.length_tolerance * target)}


def summary_words(brief: Brief) -> int:
    return len(words(" ".join([brief.headline, *(p.text for p in brief.summary)])))


@scorer(
    "usage",
    Metric("prompt_tokens", "Prompt tokens over all requests for the brief.", higher_is_better=False, share=False),
    Metric("completion_tokens", "Completion tokens over all requests.", higher_is_better=False, share=False),
    Metric("cost_usd", "Estimated cost in USD, where the model's price is known.", higher_is_better=False, share=False),
    Metric("latency_s", "Seconds to make the brief.", higher_is_better=False, share=False),
)
def usage(inp: ScoreInput) -> Scores:
    if inp.brief is None:
        return {}
    meta = inp.brief.meta
    return {
        "prompt_tokens": meta.usage.prompt_tokens,
        "completion_tokens": meta.usage.completion_tokens,
        "cost_usd": meta.cost_usd,
        "latency_s": meta.latency_s,
    }


# --- running them --------------------------------------------------------------------------------

DEFAULT_SCORERS = tuple(SCORERS)


def metric_catalogue() -> dict[str, Metric]:
    """Every metric a run can report, by name (including the optional judge's)."""
    from .judge import JUDGE_METRICS

    catalogue = {m.name: m for s in SCORERS.values() for m in s.metrics}
    catalogue.update({m.name: m for m in JUDGE_METRICS})
    return catalogue


def score_case(inp: ScoreInput, names: tuple[str, ...] = DEFAULT_SCORERS) -> Scores:
    """Run the named scorers on one case."""
    scores: Scores = {}
    for name in names:
        scores.update(SCORERS[name](inp))
    return scores


def case_details(inp: ScoreInput) -> dict:
    """What explains a case's scores in the report, and the counts pooled metrics sum: row matches
    (``flipped``: inverted target, stance flipped), stance pairs as compared, key facts."""
    return {
        "matches": [{"pred": m.pred, "gold": m.gold, "actor": round(m.actor, 3), "target": round(m.target, 3),
                     "flipped": m.flipped} for m in inp.matches],
        "stance_pairs": [list(pair) for pair in inp.stance_pairs],
        "fact_recall": [round(r.recall, 3) for r in inp.fact_results],
        "fact_covered": [r.covered for r in inp.fact_results],
        "quote_found": [located.verified for located in inp.located],
        "counts": inp.counts,
    }
