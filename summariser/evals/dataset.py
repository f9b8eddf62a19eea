"""Evaluation datasets: cases with gold stance rows, key facts and reference summaries.

A dataset is a JSONL file (one case per line) or a YAML file (a list of cases, or a mapping with
a ``cases`` list). A case gives its article inline (``text``) or as a path relative to the
dataset file (``article``). Every problem is reported as ``FILE:LINE: what is wrong``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..documents import Document
from ..errors import InputError
from ..schema import Stance


class GoldStance(BaseModel):
    """One gold stance row: who (with aliases) stands how toward which claim (with paraphrases)."""

    model_config = ConfigDict(extra="forbid")

    actor: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    role: str = ""
    target: str = Field(min_length=1)
    target_paraphrases: list[str] = Field(default_factory=list)
    stance: Stance
    quote: str = ""

    @property
    def names(self) -> list[str]:
        """The actor's name followed by its aliases."""
        return [self.actor, *self.aliases]

    @property
    def targets(self) -> list[str]:
        """The target claim followed by its paraphrases."""
        return [self.target, *self.target_paraphrases]


class Case(BaseModel):
    """One evaluation case. After loading, ``text`` always holds the article."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    article: str | None = Field(default=None, description="Path of the article, relative to the dataset file.")
    text: str | None = Field(default=None, description="The article inline.")
    metadata: dict[str, Any] = Field(default_factory=dict)
    gold_stances: list[GoldStance] = Field(default_factory=list)
    key_facts: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_article(self) -> "Case":
        if (self.article is None) == (self.text is None):
            raise ValueError("give exactly one of 'article' (a path) or 'text' (the article inline)")
        return self

    def document(self) -> Document:
        """The case's article as a :class:`Document` whose id is the case id."""
        meta = self.metadata
        return Document(
            id=self.id, text=self.text or "", title=str(meta.get("title", "")), url=str(meta.get("url", "")),
            date=str(meta.get("date", "")), path=self.article or "", metadata=dict(meta),
        )


@dataclass
class Dataset:
    """Loaded, validated cases and the hash of their content."""

    path: Path
    cases: list[Case]

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        for case in self.cases:
            digest.update(case.model_dump_json().encode("utf-8") + b"\n")
        return digest.hexdigest()

    def by_id(self) -> dict[str, Case]:
        return {case.id: case for case in self.cases}


def load_dataset(path: str | Path) -> Dataset:
    """Load a JSONL or YAML dataset; raise :class:`InputError` naming the file and line of a bad case."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"dataset {path}: no such file; check the suite's 'dataset' path")
    if path.suffix not in (".jsonl", ".yaml", ".yml"):
        raise InputError(f"dataset {path}: unknown format; use a .jsonl or .yaml file")
    raw = _read_jsonl(path) if path.suffix == ".jsonl" else _read_yaml(path)
    cases = [_resolve_article(_validate(obj, path, line), path, line) for line, obj in raw]
    _check_unique(cases, [line for line, _ in raw], path)
    if not cases:
        raise InputError(f"dataset {path}: has no cases; add at least one")
    return Dataset(path=path, cases=cases)


def _read_jsonl(path: Path) -> list[tuple[int, Any]]:
    rows = []
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno}); fix the line") from None
    return rows


def _read_yaml(path: Path) -> list[tuple[int, Any]]:
    text = _read_text(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise InputError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}); fix the file") from None
    if isinstance(data, dict) and "cases" in data:
        data = data["cases"]
        node = next(v for k, v in node.value if k.value == "cases")
    if not isinstance(data, list):
        raise InputError(f"{path}:1: expected a list of cases (or a mapping with a 'cases' list)")
    return [(item.start_mark.line + 1, obj) for item, obj in zip(node.value, data)]


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from None


def _validate(obj: Any, path: Path, line: int) -> Case:
    try:
        return Case.model_validate(obj)
    except ValidationError as exc:
        case_id = obj.get("id") if isinstance(obj, dict) else None
        label = f" (case {case_id!r})" if case_id else ""
        raise InputError(f"{path}:{line}{label}: {_describe(exc)}; fix the case") from None


def _describe(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for error in exc.errors()[:limit]:
        where = ".".join(str(p) for p in error["loc"])
        parts.append(f"{where}: {error['msg']}" if where else error["msg"])
    return "; ".join(parts)


def _resolve_article(case: Case, path: Path, line: int) -> Case:
    if case.text is not None:
        return case
    article = path.parent / (case.article or "")
    if not article.is_file():
        raise InputError(f"{path}:{line} (case {case.id!r}): article {article} not found; fix the 'article' path")
    return case.model_copy(update={"text": _read_text(article)})


def _check_unique(cases: list[Case], lines: list[int], path: Path) -> None:
    seen: dict[str, int] = {}
    for case, line in zip(cases, lines):
        if case.id in seen:
            raise InputError(f"{path}:{line}: duplicate case id {case.id!r} (first on line {seen[case.id]}); make ids unique")
        seen[case.id] = line
