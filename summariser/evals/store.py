"""A run directory: ``config.json``, ``cases.jsonl`` (one line per finished case), ``summary.json``.

Each case line is appended, flushed and fsync'ed as soon as the case finishes, so an interrupted
run loses at most the cases in flight and can be resumed. A resumed run skips the cases that have
a brief and runs the failed ones again; the newest line per case wins. A torn last line (a crash
mid-write) is ignored when reading.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..service.files import atomic_write, cut_torn_tail
from ..core.errors import InputError
from ..engines.llm.structured import first_validation_error

log = logging.getLogger("summariser.evals")

CONFIG, CASES, SUMMARY, REPORT = "config.json", "cases.jsonl", "summary.json", "report.html"


class CaseRecord(BaseModel):
    """One finished case: the brief (or the error), its scores and what explains them."""

    id: str
    status: Literal["ok", "error"]
    brief: dict[str, Any] | None = None
    error: str | None = None
    attempts: int | None = None
    scores: dict[str, float | None] = Field(default_factory=dict)
    details: dict[str, Any] = Field(default_factory=dict)
    latency_s: float = 0.0
    judge_error: str | None = None
    judge_error_kind: str | None = None  # the error's class, e.g. ModelConnectionError, OutputValidationError


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow")


class GateRecord(_Loose):
    """A gate's outcome as ``summary.json`` holds it."""

    metric: str
    kind: str
    threshold: float
    status: str
    text: str = ""


class SummaryFile(_Loose):
    """``summary.json`` as its readers use it: the counts and metrics are required, the rest has defaults."""

    cases: int
    failed: int
    metrics: dict[str, float | None]
    counts: dict[str, int]
    units: dict[str, str] = Field(default_factory=dict)
    intervals: dict[str, list[float] | None] = Field(default_factory=dict)
    judge_failed: int = 0
    suite: str = ""
    baseline: str | None = None
    gates: list[GateRecord] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class SystemInfo(_Loose):
    kind: str = ""
    backend: str = "?"
    model: str = "?"


class DatasetInfo(_Loose):
    path: str = ""
    sha256: str = ""
    cases: int = 0


def same_dataset(recorded_a: dict[str, Any], recorded_b: dict[str, Any]) -> bool:
    """Whether two recorded datasets (``config.json``'s ``dataset``) are the same: equal SHA-256 of
    the cases when both have one, else the same resolved path."""
    if recorded_a.get("sha256") and recorded_b.get("sha256"):
        return recorded_a["sha256"] == recorded_b["sha256"]
    path_a, path_b = recorded_a.get("path") or "", recorded_b.get("path") or ""
    return bool(path_a and path_b) and Path(path_a).resolve() == Path(path_b).resolve()


def describe_dataset(recorded: dict[str, Any]) -> str:
    """A recorded dataset for an error message: its path and the start of its hash."""
    return f"{recorded.get('path') or '?'}, sha256 {str(recorded.get('sha256') or '?')[:12]}"


class CodeInfo(_Loose):
    version: str = "?"
    git: str | None = None


class ConfigFile(_Loose):
    """``config.json`` as its readers use it: the system and the dataset are required."""

    system: SystemInfo
    dataset: DatasetInfo
    suite: dict[str, Any] = Field(default_factory=dict)
    judge: dict[str, Any] | None = None
    code: CodeInfo = Field(default_factory=CodeInfo)
    created_at: str = ""


def utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def default_run_dir(suite_name: str, root: Path = Path("runs")) -> Path:
    """``runs/<suite>-<UTC timestamp>``."""
    return root / f"{suite_name}-{utc_stamp()}"


class RunDir:
    """Reads and writes one run directory."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def file(self, name: str) -> Path:
        return self.path / name

    def exists(self) -> bool:
        return self.file(CONFIG).is_file()

    def read_config(self) -> dict[str, Any]:
        """``config.json``; :class:`InputError` when it is missing or damaged."""
        return self._read_checked(CONFIG, ConfigFile, "a run configuration", "start a new run (a new --out)")

    def read_summary(self) -> dict[str, Any]:
        """``summary.json``; :class:`InputError` when it is missing or damaged."""
        return self._read_checked(SUMMARY, SummaryFile, "a run summary",
                                  "rerun 'summariser eval SUITE --out RUN_DIR' to resume the run and rewrite it")

    def write_config(self, config: dict[str, Any]) -> None:
        self._write_json(CONFIG, config)

    def write_summary(self, summary: dict[str, Any]) -> None:
        self._write_json(SUMMARY, summary)

    def reset_cases(self) -> None:
        self.file(CASES).unlink(missing_ok=True)

    def repair(self) -> None:
        """Cut a torn last line (a run killed mid-write) so appending can go on."""
        path = self.file(CASES)
        if path.is_file() and cut_torn_tail(path)[1]:
            log.warning("%s: dropped an incomplete last line (interrupted run); that case will be run again", path)

    def append(self, record: CaseRecord) -> None:
        """Append one case line and force it to disk."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.file(CASES), "a", encoding="utf-8") as handle:
            handle.write(record.model_dump_json() + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def records(self) -> list[CaseRecord]:
        """Every finished case, the last line per id winning; a torn last line is skipped."""
        path = self.file(CASES)
        if not path.is_file():
            return []
        try:
            lines = path.read_text(encoding="utf-8").split("\n")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text; the run directory is damaged, start a new run") from None
        found: dict[str, CaseRecord] = {}
        for number, line in enumerate(lines, 1):
            if line.strip():
                record = self._parse(line, number, last=number >= len(lines) - 1)
                if record is not None:
                    found[record.id] = record
        return list(found.values())

    def finished_ids(self) -> set[str]:
        """Ids of the cases a resumed run may skip: those whose newest record has a brief (and,
        when judged, the judge's scores), not an error.

        A failed case is run again and its new line is appended; :meth:`records` keeps the newest
        line per id, so the old error is not counted twice.
        """
        return {r.id for r in self.records() if r.status == "ok" and r.judge_error is None}

    def _parse(self, line: str, number: int, *, last: bool) -> CaseRecord | None:
        try:
            return CaseRecord.model_validate_json(line)
        except ValidationError:
            if last:
                log.warning("%s:%d: incomplete last line (interrupted run); the case will be run again", self.file(CASES), number)
                return None
            raise InputError(f"{self.file(CASES)}:{number}: not a case record; the run directory is damaged, start a new run") from None

    def _read_checked(self, name: str, model: type[BaseModel], what: str, fix: str) -> dict[str, Any]:
        """The file's data checked against ``model``, with the model's defaults filled in."""
        data = self._read_json(name)
        if not isinstance(data, dict):
            raise InputError(f"{self.file(name)}: not {what} (not a JSON object); the file is damaged: {fix}")
        try:
            return model.model_validate(data).model_dump(mode="json")
        except ValidationError as exc:
            raise InputError(f"{self.file(name)}: not {what} ({first_validation_error(exc)}); the file is damaged: {fix}") from None

    def _read_json(self, name: str) -> Any:
        path = self.file(name)
        if not path.is_file():
            raise InputError(f"{self.path}: no {name}; pass a run directory written by 'summariser eval'")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc.msg}); the run directory is damaged") from None
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text; the run directory is damaged") from None

    def _write_json(self, name: str, data: dict[str, Any]) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        atomic_write(self.file(name), json.dumps(data, indent=2, ensure_ascii=False) + "\n", fsync=False)
