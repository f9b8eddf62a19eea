"""The desk's actions, shared by the HTML pages and the JSON API.

:class:`Desk` turns a request (pasted text, an uploaded file or a URL, plus template, length and
audience) into a background job that makes the brief with the CLI's own pipeline and stores it.
Several articles on one story (up to :data:`MAX_ARTICLES`) make one merged story brief.
Each job's request is recorded (see :func:`request_record`) so :meth:`Desk.retry` can run it again.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, UTC
from pathlib import Path, PurePosixPath
from typing import Any

from ..core.settings import Settings
from ..service.settings import validate
from ..ingest.documents import Document, document_from_bytes, document_from_text, sniff_encoding, unique_ids
from ..core.errors import ConfigError, InputError
from ..service import Briefer
from ..engines.llm.prompts import list_templates
from .fetch import FetchPolicy, fetch
from .jobs import Job, JobRunner, NoSuchJob, NotRetryable
from .store import BriefStore, Inputs, SourceText

UPLOAD_KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
MAX_WORDS = 2000
MAX_ARTICLES = 10
MAX_STORY_NAME = 200
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
        changed: dict[str, Any] = {k: v for k, v in (("template", self.template.strip()), ("audience", self.audience.strip()),
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
            names = list_templates(self.settings.prompts_dir)
        except (ConfigError, OSError):
            names = []
        chosen = [self.settings.template] if self.settings.template not in names else []
        return chosen + [n for n in names if n not in INTERNAL_TEMPLATES]

    def backend(self) -> tuple[str, bool]:
        return self.settings.resolved_backend()

    def submit(self, sources: list[Source], options: Options, story: str = "") -> Job:
        """Check the request, then make one brief of the article(s) in the background; returns the job."""
        check_sources(sources, self.max_upload_bytes, story)
        settings = options.apply(self.settings)
        label = story_label(sources, story.strip())
        return self.runner.submit(label, lambda progress: self._work(sources, story.strip(), settings, progress),
                                  request_record(sources, options, story))

    def retry(self, job_id: str) -> Job:
        """Run an interrupted or failed job's stored request again as a new job (URLs are fetched again)."""
        job = self.runner.get(job_id)
        if job is None:
            raise NoSuchJob(f"no job {job_id}; it may have been pruned from the store")
        if not job.retryable:
            raise NotRetryable(f"job {job_id} is {job.status}; only an interrupted or failed job can be run again")
        request = self.runner.request_of(job_id)
        if not request.get("sources"):
            raise NotRetryable(f"job {job_id}'s request was not kept; make the brief again from New brief")
        return self.submit(*request_from_record(request))

    def _work(self, sources: list[Source], story: str, settings: Settings, progress) -> str:
        docs = self._documents(sources, progress)
        backend, _ = settings.resolved_backend()
        progress(f"writing the brief ({backend})")
        brief = asyncio.run(_brief(docs, settings, story))
        progress("saving")
        options = {"template": settings.template, "words": settings.words,
                   "audience": settings.audience, "language": settings.language, **({"story": story} if story else {})}
        return self.store.add(_inputs(sources, docs, story, options), brief)

    def _documents(self, sources: list[Source], progress) -> list[Document]:
        if len(sources) == 1:
            return [self._document(sources[0], "article", progress)]
        docs = []
        for number, source in enumerate(sources, 1):
            doc = self._document(source, f"source-{number}", _numbered(progress, number, len(sources)))
            doc.id = _source_id(source, doc, number)
            docs.append(doc)
        return unique_ids(docs)

    def _document(self, source: Source, doc_id: str, progress) -> Document:
        if source.url:
            progress("fetching the page")
            body, content_type, final_url = fetch(source.url, self.policy)
            progress("reading the page")
            kind = "html" if "html" in content_type else None
            doc = document_from_bytes(body, name=source.url, kind=kind, doc_id=doc_id)  # type: ignore[arg-type]
            doc.url = doc.url or final_url
            return doc
        if source.data is not None:
            progress("reading the file")
            kind = UPLOAD_KINDS[PurePosixPath(source.filename).suffix.lower()]
            encoding = sniff_encoding(source.data, name=source.filename)
            return document_from_bytes(source.data, name=source.filename, kind=kind, doc_id=doc_id, encoding=encoding)  # type: ignore[arg-type]
        return document_from_text(source.text, name="pasted text", doc_id=doc_id)

    def runs(self) -> list[RunInfo]:
        """Run directories under ``runs_dir`` holding ``report.html`` and ``summary.json``, newest first."""
        if not self.runs_dir.is_dir():
            return []
        found = []
        for folder in self.runs_dir.iterdir():
            if _is_run(folder):
                stamp = datetime.fromtimestamp((folder / "report.html").stat().st_mtime, UTC)
                found.append(RunInfo(folder.name, stamp.isoformat(timespec="seconds"), _summary(folder / "summary.json")))
        return sorted(found, key=lambda r: r.modified, reverse=True)

    def run_file(self, name: str, filename: str) -> Path | None:
        """A file of a listed run (report.html, summary.json), or None; never outside the run folder."""
        if filename not in ("report.html", "summary.json") or not self.runs_dir.is_dir():
            return None
        # a name listed in the folder (never '..' or a path), whose folder is a run; no summary is parsed
        if name not in {p.name for p in self.runs_dir.iterdir()} or not _is_run(self.runs_dir / name):
            return None
        return self.runs_dir / name / filename


def _is_run(folder: Path) -> bool:
    """A folder holding an eval run's report.html and summary.json."""
    return folder.is_dir() and (folder / "report.html").is_file() and (folder / "summary.json").is_file()


def request_record(sources: list[Source], options: Options, story: str) -> dict:
    """A job's request as JSON-able data: the sources (file bytes as base64), the story name, the options.

    Only what the editor sent; never settings, so never the API key."""
    return {"sources": [_source_record(s) for s in sources], "story": story, "options": vars(options).copy()}


def request_from_record(request: dict) -> tuple[list[Source], Options, str]:
    """The sources, options and story name of a recorded request (see :func:`request_record`)."""
    try:
        sources = [_source_from_record(s) for s in request["sources"]]
        given = request.get("options") or {}
        words = given.get("words")
        options = Options(str(given.get("template") or ""), int(words) if words is not None else None,
                          str(given.get("audience") or ""), str(given.get("language") or ""))
        return sources, options, str(request.get("story") or "")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # binascii.Error is a ValueError
        raise NotRetryable(f"the stored request cannot be read ({type(exc).__name__}); make the brief again") from None


def _source_record(source: Source) -> dict:
    record = {"text": source.text, "url": source.url, "filename": source.filename}
    if source.data is not None:
        record["data"] = base64.b64encode(source.data).decode("ascii")
    return record


def _source_from_record(record: dict) -> Source:
    data = record.get("data")
    return Source(text=str(record.get("text", "")), url=str(record.get("url", "")), filename=str(record.get("filename", "")),
                  data=base64.b64decode(data, validate=True) if data is not None else None)


def check_sources(sources: list[Source], max_upload_bytes: int, story: str = "") -> None:
    """One to :data:`MAX_ARTICLES` articles, each a valid input; errors name the article at fault."""
    if len(sources) > MAX_ARTICLES:
        raise InputError(f"a story takes at most {MAX_ARTICLES} articles, not {len(sources)}; brief the rest as another story")
    if len(story) > MAX_STORY_NAME:
        raise InputError(f"the story name is longer than {MAX_STORY_NAME} characters; shorten it")
    if len(sources) <= 1:
        return check_source(sources[0] if sources else Source(), max_upload_bytes)
    for number, source in enumerate(sources, 1):
        try:
            check_source(source, max_upload_bytes)
        except InputError as exc:
            raise InputError(f"article {number}: {exc}") from None


def story_label(sources: list[Source], story: str = "") -> str:
    """How a request is shown while it runs and in history: the input, or the story and its articles."""
    if len(sources) == 1:
        return sources[0].label()
    listed = ", ".join(_short_label(s) for s in sources)
    label = f"{len(sources)} articles: {listed}"
    return f"{story} ({label})" if story else label


def _short_label(source: Source) -> str:
    """A pasted article by its first line (the headline), else its file name or URL."""
    if source.kind() != "text":
        return source.label()
    first = next((line.strip() for line in source.text.splitlines() if line.strip()), "pasted text")
    return first if len(first) <= 60 else first[:59] + "\u2026"


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
        sniff_encoding(source.data, name=source.filename)
    if len(source.text.encode("utf-8")) > max_upload_bytes:
        raise InputError(f"the pasted text is larger than {max_upload_bytes // 1024} KiB; paste the article only")


async def _brief(docs: list[Document], settings: Settings, story: str):
    async with Briefer(settings) as briefer:
        return await briefer.brief(docs, story)


def _source_id(source: Source, doc: Document, number: int) -> str:
    """A short readable id for one article of a story: the file name, else the title's first words."""
    if source.data is not None:
        base = PurePosixPath(source.filename).stem
    else:
        base = " ".join(doc.title.split()[:4])
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:32].strip("-")
    return slug or f"{source.kind()}-{number}"


def _inputs(sources: list[Source], docs: list[Document], story: str, options: dict) -> Inputs:
    """What the store keeps: the single article as before, or every article of a story."""
    if len(docs) == 1:
        source, doc = sources[0], docs[0]
        return Inputs(source_kind=source.kind(), source_name=source.label(), article=doc.text, title=doc.title,
                      url=doc.url or source.url, doc_kind=doc.kind, options=options)
    texts = [SourceText(doc.id, source.kind(), source.label(), doc.text, doc.title, doc.url or source.url, doc.kind)
             for source, doc in zip(sources, docs)]
    return Inputs(source_kind="story", source_name=story_label(sources, story), article="", title=story,
                  doc_kind="story", options=options, sources=texts)


def _numbered(progress, number: int, total: int):
    """A progress callback that says which article of the story a stage is about."""
    return lambda stage: progress(f"{stage} (article {number} of {total})")


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
