"""Reports of a run: a terminal table, and a self-contained HTML page with per-case drill-down.

The HTML page has no scripts and loads nothing: styles are inline, charts are inline SVG, and
every text from an article or a brief is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..service.files import atomic_write
from ..ingest.documents import Document
from ..core.errors import SummariserError
from ..render.html import Segment, highlight_segments
from ..core.schema import Brief, Evidence
from .charts import bar_chart, strip_chart
from .dataset import Case, Dataset, load_dataset
from .scorers import KEY_FACT_THRESHOLD, locate_in_sources, metric_catalogue
from .store import REPORT, CaseRecord, RunDir

log = logging.getLogger("summariser.evals")

STRIP_METRICS = ("stance_f1", "stance_accuracy", "quote_grounding", "speaker_accuracy", "key_fact_coverage", "rougeLsum")
CASE_COLUMNS = ("stance_f1", "stance_accuracy", "actor_recall", "quote_grounding", "key_fact_coverage", "rougeLsum")


def format_value(metric: str, value: float | None) -> str:
    """A metric value for display: shares with 3 decimals, counts and seconds as fits."""
    if value is None:
        return "n/a"
    info = metric_catalogue().get(metric)
    if info is None or info.share or metric == "stance_kappa":
        return f"{value:.3f}"
    if metric == "cost_usd":
        return f"${value:.4f}"
    return f"{value:.2f}" if metric.endswith("_s") or value != int(value) else f"{int(value)}"


def count_text(summary: dict[str, Any], metric: str) -> str:
    """A metric's ``n`` with its unit: "24 cases", "181 rows", "1 case"."""
    units = summary.get("units") or {}
    n, unit = summary["counts"].get(metric, 0), units.get(metric) or _unit(metric)
    return f"{n} {unit.removesuffix('s') if n == 1 else unit}"


def interval_text(summary: dict[str, Any], metric: str) -> str:
    """A metric's 95% case-resampling interval, "0.151-0.310", or "" without one (older summaries too)."""
    found = (summary.get("intervals") or {}).get(metric)
    if not found:
        return ""
    return f"{format_value(metric, found[0])}-{format_value(metric, found[1])}"


def _unit(metric: str) -> str:
    info = metric_catalogue().get(metric)
    return info.unit if info is not None else "cases"


def _gate_text(metric: str, gates: list[dict[str, Any]]) -> str:
    mine = [g for g in gates if g["metric"] == metric]
    return "; ".join(f"{_gate_bound(g)} {g['status']}" for g in mine)


def _gate_bound(gate: dict[str, Any]) -> str:
    symbol = {"min": ">=", "max": "<=", "max_drop": "drop <="}[gate["kind"]]
    return f"{symbol} {gate['threshold']:g}"


def terminal_table(summary: dict[str, Any], config: dict[str, Any], run_path: str = "") -> str:
    """The run's metrics as an aligned text table, with gate results."""
    system = config.get("system") or {}
    head = (f"suite {summary.get('suite', '?')} · {system.get('backend', '?')}/{system.get('model', '?')} · "
            f"{summary['cases']} cases ({summary['failed']} failed)" + (f" · {run_path}" if run_path else ""))
    gates = summary.get("gates", [])
    lines = [head, f"{'metric':<24} {'value':>9} {'n':>10} {'95% interval':>15}  gate"]
    for metric, value in summary["metrics"].items():
        gate = _gate_text(metric, gates)
        lines.append(f"{metric:<24} {format_value(metric, value):>9} {count_text(summary, metric):>10} "
                     f"{interval_text(summary, metric):>15}  {gate}".rstrip())
    skipped = [g for g in gates if g["status"] == "skip"]
    lines += [f"gate skipped: {g['text']}" for g in skipped]
    return "\n".join(lines)


# --- HTML ------------------------------------------------------------------------------------------


@dataclass
class ArticleView:
    """One source article of a case, cut into segments at the brief's quotes."""

    doc: Document
    segments: list[Segment]


@dataclass
class CaseView:
    """Everything the drill-down of one case shows."""

    id: str
    title: str
    record: CaseRecord
    brief: Brief | None
    case: Case | None
    articles: list[ArticleView] = field(default_factory=list)
    pred_match: dict[int, dict[str, Any]] = field(default_factory=dict)
    gold_match: dict[int, dict[str, Any]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True, undefined=jinja2.StrictUndefined,
    )


def article_views(case_id: str, documents: list[Document], brief: Brief | None) -> list[ArticleView]:
    """Each source article with the brief's quotes highlighted where they were found in it
    (a quote in its own source, or in any article when its source id is empty or unknown)."""
    sources = {doc.id: doc.text for doc in documents}
    located: list[tuple[str, Evidence]] = []
    for i, evidence in enumerate(brief.evidence() if brief is not None else []):
        located.append((f"{case_id}-ev-{i}", locate_in_sources(evidence.quote, evidence.source_id, sources)))
    return [
        ArticleView(doc, highlight_segments(doc.text, [(eid, e) for eid, e in located if e.source_id == doc.id]))
        for doc in documents
    ]


def _case_view(record: CaseRecord, case: Case | None) -> CaseView:
    brief = Brief.model_validate(record.brief) if record.brief is not None else None
    title = case.title if case is not None else ""
    view = CaseView(record.id, title, record, brief, case)
    if case is not None:
        view.articles = article_views(record.id, case.documents(), brief)
    for m in record.details.get("matches", []):
        view.pred_match[m["pred"]] = m
        view.gold_match[m["gold"]] = m
    return view


def _load_dataset_quietly(config: dict[str, Any]) -> Dataset | None:
    path = (config.get("dataset") or {}).get("path", "")
    try:
        return load_dataset(path)
    except SummariserError as exc:
        log.warning("report without articles: %s", exc)
        return None


def _charts(summary: dict[str, Any], records: list[CaseRecord]) -> dict[str, Any]:
    catalogue = metric_catalogue()
    shares = [(m, [v]) for m, v in summary["metrics"].items() if m in catalogue and catalogue[m].share]
    strips = [(m, [(r.id, float(r.scores[m] or 0.0)) for r in records if r.scores.get(m) is not None]) for m in STRIP_METRICS]
    return {"bars": bar_chart(shares, ["this run"]), "strip": strip_chart([s for s in strips if s[1]])}


def render_report(run_dir: RunDir, dataset: Dataset | None = None) -> str:
    """The HTML report of a run directory."""
    config, summary = run_dir.read_config(), run_dir.read_summary()
    dataset = dataset or _load_dataset_quietly(config)
    cases = dataset.by_id() if dataset is not None else {}
    records = sorted(run_dir.records(), key=lambda r: list(cases).index(r.id) if r.id in cases else len(cases))
    records = [r for r in records if not cases or r.id in cases]
    views = [_case_view(r, cases.get(r.id)) for r in records]
    return _env().get_template("report.html.j2").render(
        config=config, summary=summary, views=views, charts=_charts(summary, records), fmt=format_value,
        catalogue=metric_catalogue(), columns=CASE_COLUMNS, fact_threshold=KEY_FACT_THRESHOLD, count_text=count_text,
        interval_text=interval_text,
    )


def write_report(run_dir: RunDir, dataset: Dataset | None = None, path: Path | None = None) -> Path:
    """Write the HTML report (default: ``report.html`` in the run directory)."""
    target = path or run_dir.file(REPORT)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, render_report(run_dir, dataset), fsync=False)
    return target
