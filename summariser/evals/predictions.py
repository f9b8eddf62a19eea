"""Briefs produced elsewhere, to be scored without calling any model.

A predictions file is JSONL. Each line is ``{"id": CASE_ID, "brief": <Brief JSON>}`` or a bare
Brief whose ``meta.sources[0].id`` is the case id. A brief that does not follow the schema is kept
as that case's failure (it counts against schema validity); a line without a usable id is an error.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..schema import Brief
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
    case_id = str(obj["id"]) if wrapped else _source_id(raw)
    if not case_id:
        raise InputError(f"{path}:{number}: no case id; write {{\"id\": ..., \"brief\": ...}} or set meta.sources[0].id")
    if case_id in result.ids:
        raise InputError(f"{path}:{number}: a second brief for case {case_id!r}; keep one per case")
    try:
        result.briefs[case_id] = Brief.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        result.invalid[case_id] = f"{path.name}:{number}: brief does not follow the schema ({where}: {first['msg']})"


def _source_id(raw: Any) -> str:
    try:
        return str(raw["meta"]["sources"][0]["id"])
    except (KeyError, IndexError, TypeError):
        return ""


def gold_brief(case: Case) -> Brief:
    """The case's gold annotation as a brief (rows from the gold stances, bullets from the key
    facts), for checking a dataset and the scorers: scored as a prediction it must get full marks."""
    from ..grounding import locate
    from ..schema import BriefMeta, SourceInfo, StanceRow, SummaryPoint

    text = case.text or ""
    rows = [
        StanceRow(actor=g.actor, role=g.role, target=g.target, stance=g.stance,
                  evidence=[locate(g.quote, text, source_id=case.id)] if g.quote else [])
        for g in case.gold_stances
    ]
    meta = BriefMeta(backend="gold", model="gold", sources=[SourceInfo(id=case.id, chars=len(text))])
    summary = [SummaryPoint(text=fact, evidence=[]) for fact in case.key_facts]
    return Brief(headline=str(case.metadata.get("title", case.id)), summary=summary, stance_table=rows,
                 what_to_watch=[], meta=meta)
