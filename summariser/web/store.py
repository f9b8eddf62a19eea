"""SQLite store of briefs: inputs, the brief, model, prompt, usage and cost, searchable.

One row per brief in ``briefs``; the stance table's actors also go into ``brief_actors`` so
history can be searched by actor. A story brief (several articles) keeps every source's text in
the ``sources`` column (JSON); a single-article brief keeps its text in ``article``. Each operation opens its own short connection, so the store
is safe to use from the web server's worker threads.

Brief jobs are recorded in ``jobs`` (status, stage, times, error, brief id, and the request as JSON
so an interrupted job can be run again); the API key and access token are never part of a request.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, UTC
from pathlib import Path

from pydantic import BaseModel

from ..core.errors import ConfigError
from ..core.schema import Brief

SCHEMA = """
CREATE TABLE IF NOT EXISTS briefs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    headline TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_name TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    doc_kind TEXT NOT NULL,
    article TEXT NOT NULL,
    options TEXT NOT NULL,
    brief TEXT NOT NULL,
    backend TEXT NOT NULL,
    model TEXT NOT NULL,
    prompt_name TEXT,
    prompt_sha256 TEXT,
    requests INTEGER NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    cost_usd REAL,
    search_text TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS brief_actors (
    brief_id TEXT NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
    actor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS briefs_created ON briefs(created_at);
CREATE INDEX IF NOT EXISTS brief_actors_id ON brief_actors(brief_id);
"""

JOBS_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    status TEXT NOT NULL,
    stage TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    error TEXT,
    brief_id TEXT,
    request TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at);
"""
UNFINISHED = ("queued", "running")


COLUMNS = (
    "id", "created_at", "headline", "source_kind", "source_name", "title", "url", "doc_kind", "article", "options",
    "brief", "backend", "model", "prompt_name", "prompt_sha256", "requests", "prompt_tokens", "completion_tokens",
    "cost_usd", "search_text", "sources",
)


def default_store_path() -> Path:
    """``briefs.sqlite3`` in the user data directory (e.g. ``~/.local/share/summariser``)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("summariser")) / "briefs.sqlite3"


@dataclass
class SourceText:
    """One article of a brief: its id (the evidence's ``source_id``), where it came from, and its text."""

    id: str
    kind: str  # "text", "upload" or "url"
    name: str  # file name or URL; "pasted text" for text
    text: str  # the document text the evidence offsets of this source refer to
    title: str = ""
    url: str = ""
    doc_kind: str = "text"


@dataclass
class Inputs:
    """What a brief was made from: the source(s) and the options the editor chose.

    A story brief has ``source_kind`` "story", an empty ``article`` and one :class:`SourceText`
    per article in ``sources``; a single-article brief keeps ``sources`` empty.
    """

    source_kind: str  # "text", "upload", "url" or "story"
    source_name: str  # file name or URL; "pasted text" for text; the story's label
    article: str  # the document text the brief's offsets refer to (empty for a story)
    title: str = ""
    url: str = ""
    doc_kind: str = "text"
    options: dict = field(default_factory=dict)
    sources: list[SourceText] = field(default_factory=list)

    def texts(self) -> list[SourceText]:
        """Every source of the brief, with the id its evidence uses (``article`` for a single article)."""
        if self.sources:
            return self.sources
        return [SourceText("article", self.source_kind, self.source_name, self.article, self.title, self.url, self.doc_kind)]


@dataclass
class StoredBrief:
    """One stored brief with its inputs."""

    id: str
    created_at: str
    inputs: Inputs
    brief: Brief


class Listing(BaseModel):
    """A history row: enough to show and find a brief without loading it (also the API's listing)."""

    id: str
    created_at: str
    headline: str
    source_kind: str
    source_name: str
    backend: str
    model: str
    actors: list[str]
    cost_usd: float | None


@dataclass
class JobRecord:
    """A brief job as the store keeps it; ``request`` is what :meth:`Desk.retry` needs to run it again."""

    id: str
    label: str
    status: str
    stage: str
    created_at: str
    updated_at: str
    error: str | None = None
    brief_id: str | None = None
    request: dict = field(default_factory=dict)


class BriefStore:
    """Briefs (and the jobs that make them) kept in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(self._connect()) as db, db:
                db.executescript(SCHEMA)
                _add_sources_column(db)
                _add_jobs_table(db)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"brief store {self.path}: cannot open ({exc}); pass --store with a writable path") from None

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        return db

    def add(self, inputs: Inputs, brief: Brief) -> str:
        """Store a brief; returns its new id."""
        brief_id = uuid.uuid4().hex[:16]
        meta = brief.meta
        row = (
            brief_id, _now(), brief.headline, inputs.source_kind, inputs.source_name, inputs.title, inputs.url,
            inputs.doc_kind, inputs.article, json.dumps(inputs.options), brief.model_dump_json(),
            meta.backend, meta.model, meta.prompt.name if meta.prompt else None,
            meta.prompt.sha256 if meta.prompt else None, meta.usage.requests, meta.usage.prompt_tokens,
            meta.usage.completion_tokens, meta.cost_usd, _search_text(brief, inputs),
            json.dumps([vars(s) for s in inputs.sources]) if inputs.sources else "",
        )
        actors = sorted({r.actor for r in brief.stance_table})
        with closing(self._connect()) as db, db:
            db.execute(f"INSERT INTO briefs ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(row))})", row)
            db.executemany("INSERT INTO brief_actors VALUES (?, ?)", [(brief_id, a) for a in actors])
        return brief_id

    def get(self, brief_id: str) -> StoredBrief | None:
        """The stored brief with this id, or None."""
        with closing(self._connect()) as db:
            db.row_factory = sqlite3.Row
            row = db.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if row is None:
            return None
        inputs = Inputs(
            source_kind=row["source_kind"], source_name=row["source_name"], article=row["article"],
            title=row["title"], url=row["url"], doc_kind=row["doc_kind"], options=json.loads(row["options"]),
            sources=[SourceText(**s) for s in json.loads(row["sources"] or "[]")],
        )
        return StoredBrief(row["id"], row["created_at"], inputs, Brief.model_validate_json(row["brief"]))

    def delete(self, brief_id: str) -> bool:
        """Delete a brief; False when there was none with this id."""
        with closing(self._connect()) as db, db:
            return db.execute("DELETE FROM briefs WHERE id = ?", (brief_id,)).rowcount > 0

    def search(
        self, text: str = "", actor: str = "", date_from: str = "", date_to: str = "", limit: int = 100,
    ) -> list[Listing]:
        """Newest first. ``text`` matches the brief's words, the source name and the article; ``actor`` a stance-table actor;
        dates are inclusive ``YYYY-MM-DD`` bounds on the creation date (UTC)."""
        where, args = _filters(text, actor, date_from, date_to)
        sql = (
            "SELECT id, created_at, headline, source_kind, source_name, backend, model, cost_usd FROM briefs"
            + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY created_at DESC, rowid DESC LIMIT ?"
        )
        with closing(self._connect()) as db:
            rows = db.execute(sql, [*args, max(1, min(limit, 1000))]).fetchall()
            actors = _actors(db, [r[0] for r in rows])
        return [
            Listing(
                id=r[0], created_at=r[1], headline=r[2], source_kind=r[3], source_name=r[4], backend=r[5],
                model=r[6], actors=actors.get(r[0], []), cost_usd=r[7],
            )
            for r in rows
        ]


    def add_job(self, job: JobRecord) -> None:
        """Record a new job with its request."""
        row = (job.id, job.label, job.status, job.stage, job.created_at, job.updated_at, job.error, job.brief_id,
               json.dumps(job.request))
        with closing(self._connect()) as db, db:
            db.execute("INSERT INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)

    def update_job(self, job_id: str, status: str, stage: str, error: str | None = None, brief_id: str | None = None) -> bool:
        """Record where an unfinished job has got to; False (nothing changed) once it has ended or was interrupted."""
        marks = ", ".join("?" * len(UNFINISHED))
        with closing(self._connect()) as db, db:
            return db.execute(
                f"UPDATE jobs SET status = ?, stage = ?, error = ?, brief_id = ?, updated_at = ? WHERE id = ? AND status IN ({marks})",
                (status, stage, error, brief_id, _now_ms(), job_id, *UNFINISHED),
            ).rowcount > 0

    def get_job(self, job_id: str) -> JobRecord | None:
        """The recorded job with this id, or None."""
        with closing(self._connect()) as db:
            db.row_factory = sqlite3.Row
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        return JobRecord(**{**dict(row), "request": json.loads(row["request"] or "{}")})

    def interrupt_jobs(self, message: str, ids: list[str] | None = None) -> int:
        """Mark queued or running jobs (all, or those in ``ids``) "interrupted" with ``message``; returns how many."""
        marks = ", ".join("?" * len(UNFINISHED))
        sql = f"UPDATE jobs SET status = 'interrupted', stage = 'interrupted', error = ?, updated_at = ? WHERE status IN ({marks})"
        args: list = [message, _now_ms(), *UNFINISHED]
        if ids is not None:
            sql += f" AND id IN ({', '.join('?' * len(ids))})"
            args += ids
        with closing(self._connect()) as db, db:
            return db.execute(sql, args).rowcount

    def prune_jobs(self, keep: int) -> int:
        """Delete ended jobs older than the newest ``keep`` jobs; queued and running ones stay. Returns how many went."""
        marks = ", ".join("?" * len(UNFINISHED))
        with closing(self._connect()) as db, db:
            return db.execute(
                f"DELETE FROM jobs WHERE status NOT IN ({marks}) AND id NOT IN "
                "(SELECT id FROM jobs ORDER BY created_at DESC, rowid DESC LIMIT ?)",
                (*UNFINISHED, max(0, keep)),
            ).rowcount


def _filters(text: str, actor: str, date_from: str, date_to: str) -> tuple[list[str], list]:
    where: list[str] = []
    args: list = []
    if text.strip():
        like = _like(text.strip())
        where.append("search_text LIKE ? ESCAPE '\\'")
        args.append(like)
    if actor.strip():
        where.append("id IN (SELECT brief_id FROM brief_actors WHERE actor LIKE ? ESCAPE '\\')")
        args.append(_like(actor.strip()))
    if date_from:
        where.append("created_at >= ?")
        args.append(_day(date_from, "date_from"))
    if date_to:
        where.append("created_at < date(?, '+1 day')")
        args.append(_day(date_to, "date_to"))
    return where, args


def _add_sources_column(db: sqlite3.Connection) -> None:
    """Stores made before story briefs lack the ``sources`` column: add it (empty for their rows)."""
    if "sources" not in {row[1] for row in db.execute("PRAGMA table_info(briefs)")}:
        db.execute("ALTER TABLE briefs ADD COLUMN sources TEXT NOT NULL DEFAULT ''")


def _add_jobs_table(db: sqlite3.Connection) -> None:
    """Stores made before jobs were recorded lack the ``jobs`` table: add it."""
    db.executescript(JOBS_SCHEMA)


def _search_text(brief: Brief, inputs: Inputs) -> str:
    """What a text search looks in: the brief's own words, every source's name and title, and the articles."""
    parts = [brief.headline, *(p.text for p in brief.summary), *brief.what_to_watch, inputs.title, inputs.source_name]
    for row in brief.stance_table:
        parts += [row.actor, row.role, row.target, *(e.quote for e in row.evidence)]
    for source in inputs.sources:
        parts += [source.title, source.name, source.url]
    return "\n".join(parts + [inputs.article, *(s.text for s in inputs.sources)])


def _actors(db: sqlite3.Connection, ids: list[str]) -> dict[str, list[str]]:
    if not ids:
        return {}
    found: dict[str, list[str]] = {}
    marks = ", ".join("?" * len(ids))
    for brief_id, actor in db.execute(f"SELECT brief_id, actor FROM brief_actors WHERE brief_id IN ({marks})", ids):
        found.setdefault(brief_id, []).append(actor)
    return found


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _day(value: str, name: str) -> str:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _now_ms() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
