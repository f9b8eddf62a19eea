"""Meta-evaluation: how well each automatic metric agrees with SummEval's expert judgments.

Summary-level correlation as in G-Eval (Liu et al. 2023) and its script: for each of the 100
CNN/DM documents, correlate the metric with the averaged expert score across the 16 systems'
summaries (Spearman's rho, Kendall's tau-b from ``scipy.stats``), then average over documents.
Documents where the metric or the human score is constant are skipped, as G-Eval's
``meta_eval_summeval.py`` does; the number averaged is reported.

Metrics: ROUGE-1/2/L/Lsum F1 (``rouge-score``, Porter stemming) against the references, plus
three cheap reference-free signals the project can compute on any brief: summary length, the
share of summary bigrams found in the source, and the share of summary sentences copied verbatim
from the source (the sentence-level analogue of quote grounding).

References: ``mean`` (the default) and ``max`` use all 11 (the original highlights and SummEval's
10 crowd-written summaries) and aggregate a summary's 11 F1 scores by their mean or maximum
(``rouge-score``'s ``score_multi``); ``first`` uses the original highlights only (``ref_summs[0]``).
``mean`` over 11 is the setting that reproduces G-Eval's Table 1 ROUGE rows (which it took from
Zhong et al. 2022): ROUGE-2 to the third decimal, ROUGE-1 within 0.002. G-Eval's "ROUGE-L" is
ROUGE-1.5.5's summary-level LCS over sentences, i.e. ``rougeLsum``; ``rougeL`` (one LCS over the
whole text) is a different number, so the published ROUGE-L row is shown beside both.

Data (read by path, never copied into the project): ``summeval_16sys_avg_expert.json``.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rouge_score import rouge_scorer, tokenizers
from scipy import stats

from .. import cli_options as opt
from ..core.errors import ConfigError, InputError

SUMMEVAL_FILE = "summeval_16sys_avg_expert.json"
DIMENSIONS = ("coherence", "consistency", "fluency", "relevance")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
CHEAP_METRICS = ("length", "src_bigram_prec", "verbatim_sents")
REFERENCE_MODES = ("first", "max", "mean")
FORMATS = ("table", "json")
# G-Eval (Liu et al. 2023) Table 1, summary-level Spearman, coherence / consistency / fluency / relevance.
PUBLISHED_SPEARMAN = {
    "rouge1": (0.167, 0.160, 0.115, 0.326),
    "rouge2": (0.184, 0.187, 0.159, 0.290),
    "rougeL": (0.128, 0.115, 0.105, 0.311),
}
# The same table's Kendall tau for these ROUGE rows.
PUBLISHED_KENDALL = {
    "rouge1": (0.126, 0.130, 0.094, 0.252),
    "rouge2": (0.139, 0.155, 0.128, 0.219),
    "rougeL": (0.099, 0.092, 0.084, 0.237),
}

# Which published row each of our metrics is compared with: G-Eval's ROUGE-L (from ROUGE-1.5.5) is
# the summary-level LCS over sentences, i.e. rouge-score's rougeLsum; its plain rougeL differs.
PUBLISHED_ROW = {"rouge1": "rouge1", "rouge2": "rouge2", "rougeL": "rougeL", "rougeLsum": "rougeL"}

_TOKENIZED_SENTENCE = re.compile(r"\S.*?(?:\s[.!?]+(?:\s(?:''|'))?(?=\s|$)|$)")


SUMMEVAL_ENV = "SUMMARISER_SUMMEVAL_DIR"


def default_summeval_dir() -> Path:
    """``$SUMMARISER_SUMMEVAL_DIR``, else ``../shared/data/summeval`` beside the checkout or the working directory."""
    if os.environ.get(SUMMEVAL_ENV):
        return Path(os.environ[SUMMEVAL_ENV])
    beside_repo = Path(__file__).resolve().parents[3] / "shared" / "data" / "summeval"
    beside_cwd = Path.cwd().parent / "shared" / "data" / "summeval"
    return beside_repo if beside_repo.is_dir() or not beside_cwd.is_dir() else beside_cwd


def load_summeval(summeval_dir: Path) -> list[dict]:
    """SummEval's 100 documents with 16 scored summaries each; InputError naming the flag if absent."""
    path = Path(summeval_dir) / SUMMEVAL_FILE
    if not path.is_file():
        raise InputError(
            f"{path} not found: SummEval's expert scores (Fabbri et al. 2021, github.com/Yale-LILY/SummEval) are not "
            f"shipped; pass --summeval-dir PATH or set {SUMMEVAL_ENV} to the folder that holds {SUMMEVAL_FILE}"
        )
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def split_tokenized(text: str) -> list[str]:
    """Sentences of PTB-tokenised text (``... end . Next ...``), for ``rougeLsum``."""
    return [s.strip() for s in _TOKENIZED_SENTENCE.findall(text.strip()) if s.strip()]


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def rouge_f1(summary: str, references: Sequence[str], mode: str = "mean") -> dict[str, float]:
    """ROUGE F1 of one summary against its references, aggregated by ``mode`` (first, max or mean)."""
    refs = list(references[:1]) if mode == "first" else list(references)
    per_ref = [_rouge_one(summary, ref) for ref in refs]
    pick = max if mode == "max" else (lambda xs: sum(xs) / len(xs))
    return {name: pick([scores[name] for scores in per_ref]) for name in ROUGE_TYPES}


class CachedTokenizer(tokenizers.Tokenizer):
    """rouge-score's own stemming tokenizer, memoised (SummEval repeats each reference 16 times).

    Same tokens as ``RougeScorer(use_stemmer=True)``, so the scores are identical, about 3x faster.
    """

    def tokenize(self, text: str) -> list[str]:
        return list(_stemmed_tokens(text))


@functools.lru_cache(maxsize=65536)
def _stemmed_tokens(text: str) -> tuple[str, ...]:
    return tuple(_DEFAULT_TOKENIZER.tokenize(text))


_DEFAULT_TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=True)
_SCORER = rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=CachedTokenizer())


def _rouge_one(summary: str, reference: str) -> dict[str, float]:
    lines = lambda text: "\n".join(split_tokenized(text))  # noqa: E731
    scores = _SCORER.score(lines(reference), lines(summary))
    return {name: scores[name].fmeasure for name in ROUGE_TYPES}


def cheap_metrics(summary: str, source: str) -> dict[str, float]:
    """Reference-free signals: length in tokens, source bigram precision, verbatim-sentence share."""
    tokens, src = _tokens(summary), _tokens(source)
    bigrams = list(zip(tokens, tokens[1:]))
    src_bigrams = set(zip(src, src[1:]))
    padded_source = f" {' '.join(src)} "
    sents = [" ".join(_tokens(s)) for s in split_tokenized(summary)]
    sents = [s for s in sents if s]
    return {
        "length": float(len(tokens)),
        "src_bigram_prec": sum(b in src_bigrams for b in bigrams) / len(bigrams) if bigrams else 0.0,
        "verbatim_sents": sum(f" {s} " in padded_source for s in sents) / len(sents) if sents else 0.0,
    }


def score_documents(docs: list[dict], reference_mode: str = "mean", *, show_progress: bool = False) -> list[dict]:
    """Per document: the systems, each metric's scores and each human dimension's scores, aligned."""
    from ..service.progress import progress

    out = []
    with progress(len(docs), desc="scoring SummEval", unit="doc", enabled=show_progress) as bar:
        for doc in docs:
            out.append(_score_document(doc, reference_mode))
            bar.update(1)
    return out


def _score_document(doc: dict, reference_mode: str) -> dict:
    """One document's systems, metric scores and human scores."""
    systems = sorted(doc["sys_summs"])
    metric_rows = [
        {**rouge_f1(doc["sys_summs"][s]["sys_summ"], doc["ref_summs"], reference_mode),
         **cheap_metrics(doc["sys_summs"][s]["sys_summ"], doc["src"])}
        for s in systems
    ]
    return {
        "doc_id": doc["doc_id"], "systems": systems,
        "metrics": {m: [row[m] for row in metric_rows] for m in metric_rows[0]},
        "human": {d: [doc["sys_summs"][s]["scores"][d] for s in systems] for d in DIMENSIONS},
    }


def correlation(method: str) -> Callable[[Sequence[float], Sequence[float]], float]:
    """scipy's Spearman rho or Kendall tau-b as a function of two score lists."""
    if method == "spearman":
        return lambda a, b: float(stats.spearmanr(a, b)[0])
    if method == "kendall":
        return lambda a, b: float(stats.kendalltau(a, b)[0])
    raise ConfigError(f"unknown correlation {method!r}; use spearman or kendall")


def summary_level(metric: Sequence[Sequence[float]], human: Sequence[Sequence[float]], method: str) -> tuple[float, int]:
    """Mean over documents of the per-document correlation, and how many documents counted.

    A document whose metric or human scores are all equal has no defined correlation and is
    skipped, as in G-Eval's script.
    """
    corr, total, counted = correlation(method), 0.0, 0
    for m_scores, h_scores in zip(metric, human, strict=True):
        if len(set(m_scores)) <= 1 or len(set(h_scores)) <= 1:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = corr(m_scores, h_scores)
        if not math.isnan(value):
            total, counted = total + value, counted + 1
    return (total / counted if counted else float("nan")), counted


@dataclass(frozen=True)
class Cell:
    """One metric x dimension result."""

    spearman: float
    kendall: float
    docs: int


def meta_evaluate(scored: list[dict]) -> dict[str, dict[str, Cell]]:
    """Summary-level Spearman and Kendall for every metric and human dimension."""
    metrics = list(scored[0]["metrics"]) if scored else []
    table: dict[str, dict[str, Cell]] = {}
    for metric in metrics:
        m = [doc["metrics"][metric] for doc in scored]
        table[metric] = {}
        for dim in DIMENSIONS:
            h = [doc["human"][dim] for doc in scored]
            rho, n = summary_level(m, h, "spearman")
            tau, _ = summary_level(m, h, "kendall")
            table[metric][dim] = Cell(rho, tau, n)
    return table


def format_table(table: dict[str, dict[str, Cell]], *, n_docs: int, reference_mode: str) -> str:
    """Metric x dimension, ours (rho / tau); under a metric with a published figure, G-Eval Table 1's
    row labelled as the reference and our difference from it."""
    head = "".join(f"{d[:5]+' rho/tau':>22}" for d in DIMENSIONS)
    lines = [
        f"Summary-level correlation with SummEval expert scores ({n_docs} docs x 16 systems; "
        f"references: {reference_mode})",
        f"{'metric':<26}{head}",
    ]
    for metric, cells in table.items():
        lines.append(f"{metric:<26}" + "".join(_pair(c.spearman, c.kendall) for c in cells.values()))
        published = PUBLISHED_ROW.get(metric)
        if published:
            pub = list(zip(PUBLISHED_SPEARMAN[published], PUBLISHED_KENDALL[published], strict=True))
            lines.append(f"{'  reference: G-Eval ' + published:<26}" + "".join(_pair(r, t) for r, t in pub))
            diffs = [(c.spearman - r, c.kendall - t) for c, (r, t) in zip(cells.values(), pub, strict=True)]
            lines.append(f"{'  ours - reference':<26}" + "".join(_pair(r, t, signed=True) for r, t in diffs))
    lines.append("rho = Spearman, tau = Kendall tau-b; each averaged over documents (constant ones skipped).")
    lines.append("Reference rows are G-Eval's published Table 1 (Liu et al. 2023), not ours. G-Eval's ROUGE-L is")
    lines.append("ROUGE-1.5.5's summary-level LCS (rouge-score's rougeLsum), so it is the reference of both rougeL rows.")
    return "\n".join(lines)


def _pair(rho: float, tau: float, *, signed: bool = False) -> str:
    spec = "+.3f" if signed else ".3f"
    return f"{format(rho, spec):>14} / {format(tau, spec):>6}"


def to_json(table: dict[str, dict[str, Cell]], *, n_docs: int, reference_mode: str) -> str:
    """The table as JSON, with the published figures beside ours."""
    return json.dumps({
        "n_docs": n_docs, "references": reference_mode, "level": "summary",
        "results": {m: {d: c.__dict__ for d, c in cells.items()} for m, cells in table.items()},
        "published_geval_table1": {"spearman": PUBLISHED_SPEARMAN, "kendall": PUBLISHED_KENDALL},
    }, indent=2)


def run_meta(summeval_dir: Path, reference_mode: str = "mean", limit: int | None = None,
             *, show_progress: bool = False) -> tuple[dict, int]:
    """Load, score and correlate; returns the table and the number of documents used."""
    if reference_mode not in REFERENCE_MODES:
        raise ConfigError(f"unknown --references {reference_mode!r}; use one of {', '.join(REFERENCE_MODES)}")
    docs = load_summeval(summeval_dir)[:limit]
    return meta_evaluate(score_documents(docs, reference_mode, show_progress=show_progress)), len(docs)


def meta_command(
    summeval_dir: Annotated[Path | None, typer.Option("--summeval-dir", help=f"Folder with SummEval's summeval_16sys_avg_expert.json (default: ${SUMMEVAL_ENV}, else ../shared/data/summeval beside the checkout).")] = None,
    references: Annotated[str, typer.Option("--references", help="mean (default, as G-Eval's figures) or max over all 11 references, or first (the original highlights only).")] = "mean",
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    limit: Annotated[int | None, typer.Option("--limit", help="Use only the first N documents.", callback=opt.at_least("--limit", 1))] = None,
) -> None:
    """How well each automatic metric agrees with SummEval's human judgments (summary-level rho and tau)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown --format {fmt!r}; use table or json")
    table, n = run_meta(summeval_dir or default_summeval_dir(), references, limit, show_progress=True)
    render = to_json if fmt == "json" else format_table
    typer.echo(render(table, n_docs=n, reference_mode=references))
