"""A batch job on disk: one SQLite file beside the first requests file (``requests.jsonl`` ->
``requests.job.sqlite3``), holding everything import, submit and collect need, so they survive
any interruption:

* ``meta``: the export's settings (never the API key), model, job id, price factor;
* ``briefs``: each brief's fingerprint (its custom_id), sources (the articles' text) and story;
* ``requests``: every request line written, by round file: custom_id -> brief and answer key;
* ``rounds``: the requests files (round 1 is the export, later rounds come from imports) and their SHA-256;
* ``answers``: the engine's answers by request key (the answer cache's key), as the cache stores them;
* ``failures``: requests the engine failed, with its error and how often;
* ``batches``: OpenAI Batch API uploads and batches per round and part (ids, status, files).

Every change is one SQLite transaction: a killed process leaves the job as it was before the
change or after it, never half-way.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..core.errors import InputError

JOB_SUFFIX = ".job.sqlite3"
VERSION = 1
_ROUND = re.compile(r"\.round\d+$")

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS briefs (seq INTEGER PRIMARY KEY, fp TEXT UNIQUE NOT NULL, id TEXT NOT NULL,
    source TEXT NOT NULL, story TEXT NOT NULL, docs TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (custom_id TEXT NOT NULL, round INTEGER NOT NULL, fp TEXT NOT NULL,
    key TEXT NOT NULL, PRIMARY KEY (custom_id, round));
CREATE INDEX IF NOT EXISTS requests_key ON requests (fp, key);
CREATE TABLE IF NOT EXISTS rounds (round INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL,
    requests INTEGER NOT NULL, bytes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, answer TEXT NOT NULL, run INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS answers_run ON answers (run);
CREATE TABLE IF NOT EXISTS failures (key TEXT PRIMARY KEY, custom_id TEXT NOT NULL, error TEXT NOT NULL,
    count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS imported (sha256 TEXT PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS batches (round INTEGER NOT NULL, part INTEGER NOT NULL, requests INTEGER NOT NULL,
    file_id TEXT, batch_id TEXT, status TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (round, part));
"""


def job_path_for(requests: Path) -> Path:
    """The job file of a requests file: ``x.jsonl`` and ``x.round3.jsonl`` -> ``x.job.sqlite3``."""
    stem = _ROUND.sub("", requests.name[: -len(requests.suffix)] if requests.suffix else requests.name)
    return requests.with_name(stem + JOB_SUFFIX)


def round_path(job_path: Path, number: int) -> Path:
    """Where round ``number``'s requests go (round 1 is the export's own file)."""
    return job_path.with_name(job_path.name[: -len(JOB_SUFFIX)] + f".round{number}.jsonl")


class Job:
    """The job file, open. Use :meth:`create` (export) or :meth:`open` (everything after)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path, self.conn = path, conn
        self._meta: dict[str, Any] = {}

    @classmethod
    def create(cls, path: Path, meta: dict[str, Any]) -> "Job":
        """A new job file at ``path`` (the export writes it under a temporary name and renames it)."""
        conn = sqlite3.connect(path, isolation_level=None)
        conn.executescript("PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF;" + _TABLES)
        job = cls(path, conn)
        with job.transaction():
            job.set_meta({**meta, "version": VERSION})
        return job

    @classmethod
    def open(cls, path: Path) -> "Job":
        """The job at ``path``, or a one-line InputError saying where jobs come from."""
        if not path.is_file():
            raise InputError(f"{path}: no batch job here; 'summariser batch export' writes it beside its requests file "
                             "(keep the two together, or pass --job)")
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            conn.execute("PRAGMA synchronous = NORMAL")
            version = conn.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path}: not a batch job ({exc}); pass the job file 'summariser batch export' wrote") from None
        if version is None or json.loads(version[0]) != VERSION:
            raise InputError(f"{path}: a batch job of another version; export again with this version")
        return cls(path, conn)

    def close(self) -> None:
        self.conn.close()

    def transaction(self):
        """``with job.transaction():`` one atomic change."""
        return _Transaction(self.conn)

    # --- meta ---------------------------------------------------------------------------------

    def set_meta(self, values: dict[str, Any]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in values.items()])
        self._meta.update(values)

    def meta(self, name: str, default: Any = None) -> Any:
        if name not in self._meta:
            row = self.conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
            self._meta[name] = json.loads(row[0]) if row else default
        return self._meta[name]

    # --- briefs -------------------------------------------------------------------------------

    def add_brief(self, fp: str, item_id: str, source: str, story: str, docs: list[dict[str, Any]]) -> bool:
        """Record a brief (False when the same brief, by fingerprint, is there already)."""
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO briefs (fp, id, source, story, docs) VALUES (?, ?, ?, ?, ?)",
            (fp, item_id, source, story, json.dumps(docs, ensure_ascii=False)))
        return cursor.rowcount == 1

    def briefs(self, page: int = 500) -> Iterator[tuple[str, str, str, str, list[dict[str, Any]]]]:
        """Every brief in export order, read a page at a time: (fp, id, source, story, docs)."""
        last = 0
        while True:
            rows = self.conn.execute("SELECT seq, fp, id, source, story, docs FROM briefs WHERE seq > ? ORDER BY seq LIMIT ?",
                                     (last, page)).fetchall()
            if not rows:
                return
            for seq, fp, item_id, source, story, docs in rows:
                last = seq
                yield fp, item_id, source, story, json.loads(docs)

    # --- requests and rounds ------------------------------------------------------------------

    def add_requests(self, number: int, rows: Iterable[tuple[str, str, str]]) -> None:
        """Record request lines of round ``number``: (custom_id, brief fingerprint, answer key)."""
        self.conn.executemany("INSERT OR REPLACE INTO requests VALUES (?, ?, ?, ?)", ((c, number, f, k) for c, f, k in rows))

    def request(self, custom_id: str, number: int) -> tuple[str, str] | None:
        """(brief fingerprint, answer key) of a request line of round ``number``, or None."""
        return self.conn.execute("SELECT fp, key FROM requests WHERE custom_id = ? AND round = ?",
                                 (custom_id, number)).fetchone()

    def known_request(self, custom_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM requests WHERE custom_id = ? LIMIT 1", (custom_id,)).fetchone() is not None

    def add_round(self, number: int, path: Path, sha256: str, requests: int, size: int) -> None:
        self.conn.execute("INSERT OR REPLACE INTO rounds VALUES (?, ?, ?, ?, ?)", (number, path.name, sha256, requests, size))

    def round_of(self, sha256: str) -> int | None:
        row = self.conn.execute("SELECT round FROM rounds WHERE sha256 = ? ORDER BY round DESC", (sha256,)).fetchone()
        return row[0] if row else None

    def rounds(self) -> list[tuple[int, str, str, int, int]]:
        """(round, file name, sha256, requests, bytes) of every round, in order."""
        return self.conn.execute("SELECT round, path, sha256, requests, bytes FROM rounds ORDER BY round").fetchall()

    def last_round(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(round), 0) FROM rounds").fetchone()[0]

    # --- answers and failures -----------------------------------------------------------------

    def put_answers(self, rows: Iterable[tuple[str, str]], run: int) -> None:
        """Store answers: (answer key, the stored answer as JSON), marked with the import ``run``."""
        self.conn.executemany("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", ((k, a, run) for k, a in rows))

    def answers_of(self, run: int, page: int = 200) -> Iterator[list[tuple[str, dict[str, Any]]]]:
        """The answers an import ``run`` stored, a page at a time."""
        last = ""
        while True:
            rows = self.conn.execute("SELECT key, answer FROM answers WHERE run = ? AND key > ? ORDER BY key LIMIT ?",
                                     (run, last, page)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(key, json.loads(answer)) for key, answer in rows]

    def custom_id_of(self, fp: str, key: str) -> str | None:
        """The custom_id a request of this brief already has (a retry keeps it)."""
        row = self.conn.execute("SELECT custom_id FROM requests WHERE fp = ? AND key = ? LIMIT 1", (fp, key)).fetchone()
        return row[0] if row else None

    def answer(self, key: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def add_failure(self, key: str, custom_id: str, error: str) -> None:
        """Count one engine-side failure of a request (the answer key's)."""
        self.conn.execute(
            "INSERT INTO failures VALUES (?, ?, ?, 1) ON CONFLICT(key) DO UPDATE SET error = excluded.error, "
            "custom_id = excluded.custom_id, count = count + 1", (key, custom_id, error))

    def failure(self, key: str) -> tuple[str, int] | None:
        """(error, times) of a request the engine failed, or None."""
        return self.conn.execute("SELECT error, count FROM failures WHERE key = ?", (key,)).fetchone()

    def mark_imported(self, sha256: str, path: Path) -> None:
        self.conn.execute("INSERT OR IGNORE INTO imported VALUES (?, ?)", (sha256, str(path)))

    def was_imported(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM imported WHERE sha256 = ?", (sha256,)).fetchone() is not None

    # --- Batch API state ----------------------------------------------------------------------

    def batch_rows(self, number: int | None = None) -> list[dict[str, Any]]:
        """The Batch API parts (of one round, or all), as dicts."""
        query = "SELECT round, part, requests, file_id, batch_id, status, detail FROM batches"
        rows = self.conn.execute(query + (" WHERE round = ?" if number is not None else "") + " ORDER BY round, part",
                                 (number,) if number is not None else ()).fetchall()
        names = ("round", "part", "requests", "file_id", "batch_id", "status", "detail")
        return [{**dict(zip(names, row)), "detail": json.loads(row[6])} for row in rows]

    def save_batch(self, row: dict[str, Any]) -> None:
        """Record one part's state (one transaction, so the id is on disk before anything else happens)."""
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO batches VALUES (?, ?, ?, ?, ?, ?, ?)",
                (row["round"], row["part"], row["requests"], row.get("file_id"), row.get("batch_id"), row["status"],
                 json.dumps(row.get("detail") or {})))


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, exc, tb) -> None:
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
