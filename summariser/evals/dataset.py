"""Evaluation datasets: cases with gold stance rows, key facts and reference summaries.

A dataset is a JSONL file (one case per line) or a YAML file (a list of cases, or a mapping with
a ``cases`` list). A case gives its article inline (``text``) or as a path relative to the
dataset file (``article``), or several articles on one story (``articles``: each with an ``id``,
``article`` or ``text``, and optionally ``title``, ``url``, ``date``); then a gold row may name
the article it comes from (``source``). Every problem is reported as ``FILE:LINE: what is wrong``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..ingest.documents import Document
from ..core.errors import InputError
from ..core.schema import Stance


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
    source: str = Field(default="", description="Id of the case's article the quote is from (multi-article cases).")
    start: int | None = Field(default=None, ge=0, description="Where the quote starts in its article (optional; checked on loading).")
    end: int | None = Field(default=None, ge=0, description="Where the quote ends (exclusive).")

    @property
    def names(self) -> list[str]:
        """The actor's name followed by its aliases."""
        return [self.actor, *self.aliases]

    @property
    def targets(self) -> list[str]:
        """The target claim followed by its paraphrases."""
        return [self.target, *self.target_paraphrases]


class CaseArticle(BaseModel):
    """One article of a multi-article case. After loading, ``text`` always holds it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    article: str | None = Field(default=None, description="Path of the article, relative to the dataset file.")
    text: str | None = Field(default=None, description="The article inline.")
    title: str = ""
    url: str = ""
    date: str = ""

    @model_validator(mode="after")
    def _one_text(self) -> CaseArticle:
        if (self.article is None) == (self.text is None):
            raise ValueError("give exactly one of 'article' (a path) or 'text' (the article inline)")
        return self

    def document(self) -> Document:
        """The article as a :class:`Document` whose id is the article id."""
        return Document(
            id=self.id, text=self.text or "", title=self.title, url=self.url, date=self.date,
            path=self.article or "", metadata={"title": self.title, "url": self.url, "date": self.date},
        )


class Case(BaseModel):
    """One evaluation case: one article (``text`` holds it after loading) or several (``articles``)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    article: str | None = Field(default=None, description="Path of the article, relative to the dataset file.")
    text: str | None = Field(default=None, description="The article inline.")
    articles: list[CaseArticle] | None = Field(default=None, description="Several articles on one story.")
    metadata: dict[str, Any] = Field(default_factory=dict)
    gold_stances: list[GoldStance] = Field(default_factory=list)
    key_facts: list[str] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_article(self) -> Case:
        given = [name for name in ("article", "text", "articles") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'article' (a path), 'text' (the article inline) or 'articles' (a list)")
        if self.articles is not None:
            _check_articles(self.articles)
        _check_sources(self.gold_stances, self.source_ids())
        return self

    @property
    def multi_article(self) -> bool:
        """Whether the case gives its articles as a list (briefed as one story)."""
        return self.articles is not None

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", ""))

    def source_ids(self) -> list[str]:
        """Ids of the case's documents: the article ids, or the case id for a single article."""
        return [a.id for a in self.articles] if self.articles is not None else [self.id]

    def documents(self) -> list[Document]:
        """One :class:`Document` per article (ids: article ids; the case id for a single article)."""
        if self.articles is not None:
            return [a.document() for a in self.articles]
        return [self.document()]

    def document(self) -> Document:
        """A single-article case's article as a :class:`Document` whose id is the case id."""
        if self.articles is not None:
            raise ValueError(f"case {self.id!r} has several articles; use Case.documents()")
        meta = self.metadata
        return Document(
            id=self.id, text=self.text or "", title=str(meta.get("title", "")), url=str(meta.get("url", "")),
            date=str(meta.get("date", "")), path=self.article or "", metadata=dict(meta),
        )


def _check_articles(articles: list[CaseArticle]) -> None:
    if not articles:
        raise ValueError("'articles' is empty; list the case's articles")
    ids = [a.id for a in articles]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"article id {duplicates[0]!r} is used twice in 'articles'")


def _check_sources(gold: list[GoldStance], known: list[str]) -> None:
    for number, row in enumerate(gold):
        if row.source and row.source not in known:
            raise ValueError(f"gold_stances.{number}.source {row.source!r} is not an article of the case ({', '.join(known)})")


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


def load_dataset(path: str | Path, articles: str | Path | None = None) -> Dataset:
    """Load a JSONL or YAML dataset; raise :class:`InputError` naming the file and line of a bad case.

    Article paths are relative to the dataset file, or to ``articles`` when given."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"dataset {path}: no such file; check the suite's 'dataset' path")
    if path.suffix not in (".jsonl", ".yaml", ".yml"):
        raise InputError(f"dataset {path}: unknown format; use a .jsonl or .yaml file")
    raw = _read_jsonl(path) if path.suffix == ".jsonl" else _read_yaml(path)
    folder = Path(articles) if articles is not None else path.parent
    cases = [_resolve_article(_validate(obj, path, line), path, line, folder) for line, obj in raw]
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
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def _resolve_article(case: Case, path: Path, line: int, folder: Path) -> Case:
    """Read the case's article file(s), relative to ``folder``, into ``text``."""
    where = f"{path}:{line} (case {case.id!r})"
    if case.articles is not None:
        articles = [_read_article(a, folder, f"{where} articles.{i}") for i, a in enumerate(case.articles)]
        resolved = case.model_copy(update={"articles": articles})
    elif case.text is not None:
        resolved = case
    else:
        resolved = case.model_copy(update={"text": _article_text(folder, case.article or "", where)})
    _check_offsets(resolved, where)
    return resolved


def _check_offsets(case: Case, where: str) -> None:
    """Gold rows that give offsets: both or neither, and the article's text there is the quote."""
    texts = {doc.id: doc.text for doc in case.documents()}
    for number, row in enumerate(case.gold_stances):
        if row.start is None and row.end is None:
            continue
        text = texts.get(row.source) if row.source else next(iter(texts.values()))
        if row.start is None or row.end is None or text is None or text[row.start:row.end] != row.quote:
            raise InputError(f"{where}: gold_stances.{number}: the article's characters {row.start}-{row.end} are not the quote; fix the offsets")


def _read_article(article: CaseArticle, folder: Path, where: str) -> CaseArticle:
    if article.text is not None:
        return article
    return article.model_copy(update={"text": _article_text(folder, article.article or "", where)})


FETCH_NOTE = "FETCH"  # a dataset whose articles are kept outside the repository names the command that copies them in


def _missing_article_fix(folder: Path) -> str:
    """What to do about a missing article: run the command a dataset's FETCH file names, else fix the path."""
    note = folder / FETCH_NOTE
    if note.is_file():
        command = note.read_text(encoding="utf-8").strip().splitlines()[0]
        return f"this dataset's articles are not in the repository: copy them in first ({command})"
    return "fix the 'article' path"


def _article_text(folder: Path, relative: str, where: str) -> str:
    article = folder / relative
    if not article.is_file():
        raise InputError(f"{where}: article {article} not found; {_missing_article_fix(folder)}")
    return _read_text(article)


def _check_unique(cases: list[Case], lines: list[int], path: Path) -> None:
    seen: dict[str, int] = {}
    for case, line in zip(cases, lines):
        if case.id in seen:
            raise InputError(f"{path}:{line}: duplicate case id {case.id!r} (first on line {seen[case.id]}); make ids unique")
        seen[case.id] = line
