"""Briefs produced elsewhere, to be scored without calling any model.

A predictions file is JSONL. Each line is ``{"id": CASE_ID, "brief": <Brief JSON>}`` or a bare
Brief whose ``meta.sources[0].id`` is the case id. A brief of several sources (a multi-article
case) must use the first form: its sources are the articles, not the case. A brief that does not
follow the schema is kept as that case's failure (it counts against schema validity); a line
without a usable id is an error.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.errors import InputError
from ..core.schema import Brief
from ..engines.llm.structured import first_validation_error
from .dataset import Case


@dataclass
class Predictions:
    """Briefs (or why a line's brief is unusable) by case id."""

    path: Path
    briefs: dict[str, Brief] = field(default_factory=dict)
    invalid: dict[str, str] = field(default_factory=dict)
    sha256: str = ""

    @property
    def ids(self) -> set[str]:
        return set(self.briefs) | set(self.invalid)


def load_predictions(path: str | Path) -> Predictions:
    """Read a predictions file; raise :class:`InputError` naming the file and line of an unusable line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"predictions {path}: no such file; pass a JSONL file of briefs")
    data = path.read_bytes()
    result = Predictions(path=path, sha256=hashlib.sha256(data).hexdigest())
    for number, line in enumerate(data.decode("utf-8-sig", errors="replace").splitlines(), 1):
        if line.strip():
            _add(result, _parse(line, path, number), path, number)
    if not result.ids:
        raise InputError(f"predictions {path}: no briefs in the file; one JSON object per line")
    return result


def _parse(line: str, path: Path, number: int) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{number}: not valid JSON ({exc.msg}); fix the line") from None
    if not isinstance(obj, dict):
        raise InputError(f"{path}:{number}: expected a JSON object with 'id' and 'brief'")
    return obj


def _add(result: Predictions, obj: dict[str, Any], path: Path, number: int) -> None:
    wrapped = "brief" in obj and "id" in obj
    raw = obj["brief"] if wrapped else obj
    if not wrapped and _source_count(raw) > 1:
        raise InputError(f"{path}:{number}: a brief of several sources has no case id; write {{\"id\": CASE_ID, \"brief\": ...}}")
    case_id = str(obj["id"]) if wrapped else _source_id(raw)
    if not case_id:
        raise InputError(f"{path}:{number}: no case id; write {{\"id\": ..., \"brief\": ...}} or set meta.sources[0].id")
    if case_id in result.ids:
        raise InputError(f"{path}:{number}: a second brief for case {case_id!r}; keep one per case")
    try:
        result.briefs[case_id] = Brief.model_validate(raw)
    except ValidationError as exc:
        result.invalid[case_id] = f"{path.name}:{number}: brief does not follow the schema ({first_validation_error(exc)})"


def _source_count(raw: Any) -> int:
    try:
        return len(raw["meta"]["sources"])
    except (KeyError, TypeError):
        return 0


def _source_id(raw: Any) -> str:
    try:
        return str(raw["meta"]["sources"][0]["id"])
    except (KeyError, IndexError, TypeError):
        return ""


def gold_brief(case: Case) -> Brief:
    """The case's gold annotation as a brief (rows from the gold stances, bullets from the key
    facts), for checking a dataset and the scorers: scored as a prediction it must get full marks.
    Each quote is aligned to the gold row's source (any of the case's articles if it names none)."""
    from ..core.schema import BriefMeta, SourceInfo, StanceRow, SummaryPoint
    from .scorers import locate_in_sources

    documents = case.documents()
    sources = {doc.id: doc.text for doc in documents}
    rows = [
        StanceRow(actor=g.actor, role=g.role, target=g.target, stance=g.stance,
                  evidence=[locate_in_sources(g.quote, g.source, sources)] if g.quote else [])
        for g in case.gold_stances
    ]
    infos = [SourceInfo(id=doc.id, title=doc.title, url=doc.url, date=doc.date, chars=len(doc.text)) for doc in documents]
    meta = BriefMeta(backend="gold", model="gold", sources=infos)
    summary = [SummaryPoint(text=fact, evidence=[]) for fact in case.key_facts]
    return Brief(headline=case.title or case.id, summary=summary, stance_table=rows,
                 what_to_watch=[], meta=meta)
