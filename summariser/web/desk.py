"""The desk's actions, shared by the HTML pages and the JSON API.

:class:`Desk` turns a request (pasted text, an uploaded file or a URL, plus template, length and
audience) into a background job that makes the brief with the CLI's own pipeline and stores it.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from ..config import Settings, validate
from ..documents import Document, document_from_bytes, document_from_text
from ..errors import ConfigError, InputError
from ..pipeline import aclose, make_brief, make_engine
from ..prompts import list_templates
from .fetch import FetchPolicy, fetch
from .jobs import Job, JobRunner
from .store import BriefStore, Inputs

UPLOAD_KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MAX_WORDS = 2000
INTERNAL_TEMPLATES = {"extract", "reduce", "judge"}  # map-reduce steps and the eval judge, not brief prompts


@dataclass
class Options:
    """What the editor chooses besides the article."""

    template: str = ""
    words: int | None = None
    audience: str = ""
    language: str = ""

    def apply(self, settings: Settings) -> Settings:
        """``settings`` with these choices; empty choices keep the configured value."""
        if self.words is not None and not 10 <= self.words <= MAX_WORDS:
            raise InputError(f"length must be between 10 and {MAX_WORDS} words, not {self.words}")
        for name, limit in (("audience", 200), ("language", 60), ("template", 200)):
            if len(getattr(self, name)) > limit:
                raise InputError(f"{name} is longer than {limit} characters; shorten it")
        changed = {k: v for k, v in (("template", self.template.strip()), ("audience", self.audience.strip()),
                                     ("language", self.language.strip()), ("words", self.words)) if v}
        return validate(replace(settings, **changed))


@dataclass
class Source:
    """Exactly one of: pasted text, an uploaded file (name + bytes), a URL."""

    text: str = ""
    url: str = ""
    filename: str = ""
    data: bytes | None = None

    def label(self) -> str:
        if self.url:
            return self.url
        if self.data is not None:
            return self.filename or "upload"
        return "pasted text"

    def kind(self) -> str:
        return "url" if self.url else "upload" if self.data is not None else "text"


@dataclass
class RunInfo:
    """An evaluation run directory that holds a report."""

    name: str
    modified: str
    summary: dict = field(default_factory=dict)


class Desk:
    """Settings, store, job runner and fetch policy of one web desk."""

    def __init__(self, settings: Settings, store: BriefStore, runs_dir: Path, policy: FetchPolicy,
                 runner: JobRunner, max_upload_bytes: int) -> None:
        self.settings = settings
        self.store = store
        self.runs_dir = runs_dir
        self.policy = policy
        self.runner = runner
        self.max_upload_bytes = max_upload_bytes

    def templates(self) -> list[str]:
        """Prompt template names (used by model backends; the offline engine has none)."""
        try:
            names = list_templates(Path(self.settings.prompts_dir) if self.settings.prompts_dir else None)
        except (ConfigError, OSError):
            names = []
        chosen = [self.settings.template] if self.settings.template not in names else []
        return chosen + [n for n in names if n not in INTERNAL_TEMPLATES]

    def backend(self) -> tuple[str, bool]:
        return self.settings.resolved_backend()

    def submit(self, source: Source, options: Options) -> Job:
        """Check the request, then make the brief in the background; returns the job."""
        check_source(source, self.max_upload_bytes)
        settings = options.apply(self.settings)
        return self.runner.submit(source.label(), lambda progress: self._work(source, settings, progress))

    def _work(self, source: Source, settings: Settings, progress) -> str:
        doc = self._document(source, progress)
        backend, _ = settings.resolved_backend()
        progress(f"writing the brief ({backend})")
        brief = asyncio.run(_brief(doc, settings))
        progress("saving")
        options = {"template": settings.template, "words": settings.words,
                   "audience": settings.audience, "language": settings.language}
        inputs = Inputs(source_kind=source.kind(), source_name=source.label(), article=doc.text, title=doc.title,
                        url=doc.url or source.url, doc_kind=doc.kind, options=options)
        return self.store.add(inputs, brief)

    def _document(self, source: Source, progress) -> Document:
        if source.url:
            progress("fetching the page")
            body, content_type, final_url = fetch(source.url, self.policy)
            progress("reading the page")
            kind = "html" if "html" in content_type else None
            doc = document_from_bytes(body, name=source.url, kind=kind, doc_id="article")  # type: ignore[arg-type]
            doc.url = doc.url or final_url
            return doc
        if source.data is not None:
            progress("reading the file")
            kind = UPLOAD_KINDS[PurePosixPath(source.filename).suffix.lower()]
            return document_from_bytes(source.data, name=source.filename, kind=kind, doc_id="article")  # type: ignore[arg-type]
        return document_from_text(source.text, name="pasted text", doc_id="article")

    def runs(self) -> list[RunInfo]:
        """Run directories under ``runs_dir`` holding ``report.html`` and ``summary.json``, newest first."""
        if not self.runs_dir.is_dir():
            return []
        found = []
        for folder in self.runs_dir.iterdir():
            if folder.is_dir() and (folder / "report.html").is_file() and (folder / "summary.json").is_file():
                stamp = datetime.fromtimestamp((folder / "report.html").stat().st_mtime, timezone.utc)
                found.append(RunInfo(folder.name, stamp.isoformat(timespec="seconds"), _summary(folder / "summary.json")))
        return sorted(found, key=lambda r: r.modified, reverse=True)

    def run_file(self, name: str, filename: str) -> Path | None:
        """A file of a listed run (report.html, summary.json), or None; never outside the run folder."""
        if filename not in ("report.html", "summary.json"):
            return None
        if name not in {r.name for r in self.runs()}:
            return None
        return self.runs_dir / name / filename


def check_source(source: Source, max_upload_bytes: int) -> None:
    """Exactly one input, of an accepted type and size."""
    given = [bool(source.text.strip()), bool(source.url.strip()), source.data is not None]
    if sum(given) != 1:
        raise InputError("give exactly one input: paste the article text, upload a file, or give a URL")
    if source.url and not source.url.lower().startswith(("http://", "https://")):
        raise InputError(f"{source.url[:80]}: not an http(s) URL; give the article's web address")
    if source.data is not None:
        suffix = PurePosixPath(source.filename).suffix.lower()
        if suffix not in UPLOAD_KINDS:
            raise InputError(f"{source.filename}: upload a .txt, .md or .html file")
        if len(source.data) > max_upload_bytes:
            raise InputError(f"{source.filename}: larger than {max_upload_bytes // 1024} KiB; upload the article text only")
    if len(source.text.encode("utf-8")) > max_upload_bytes:
        raise InputError(f"the pasted text is larger than {max_upload_bytes // 1024} KiB; paste the article only")


async def _brief(doc: Document, settings: Settings):
    engine = make_engine(settings)
    try:
        return await make_brief(doc, engine, settings)
    finally:
        await aclose(engine)


def _summary(path: Path) -> dict:
    """The top-level scalar fields of a run's summary.json (what the runs page shows)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    scalars = {k: v for k, v in data.items() if isinstance(v, (str, int, float, bool))}
    return dict(list(scalars.items())[:8])
