"""An on-disk cache of model answers (SQLite), so the same request is never paid for twice.

Usage::

    chat = CachedChat(OpenAIChat(...), AnswerCache())   # default: the user cache directory
    completion = await chat.complete(messages, schema=..., schema_name=...)

* The key is the SHA-256 of everything that determines the answer: base URL, model, messages,
  schema (and its name) and sampling parameters (temperature, max_tokens). Never the API key;
  the key material itself is not stored either, only the hash and the answer.
* A hit makes no request and returns a :class:`~summariser.engines.llm.chat.Completion` with
  ``cached=True`` and zero usage. Errors are never cached (only answers the server gave).
* Safe with two processes at once: WAL journal, a busy timeout, one short transaction per write.
* A corrupt cache file is reported with a warning and rebuilt empty; a cache that cannot be
  read or written mid-run only costs a warning, never a brief.

The default path is ``$SUMMARISER_CACHE_PATH`` or ``<user cache dir>/summariser/answers.sqlite3``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import ConfigError
from ..engines.llm.chat import ChatModel, Completion, TokenLogprob
from ..core.schema import Usage

log = logging.getLogger("summariser.cache")

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
_SIDE_FILES = ("-wal", "-shm", "-journal")
SQLITE_HEADER = b"SQLite format 3\x00"


def default_cache_path() -> Path:
    """``$SUMMARISER_CACHE_PATH``, else ``answers.sqlite3`` in the user cache directory."""
    explicit = os.environ.get("SUMMARISER_CACHE_PATH")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summariser")) / "answers.sqlite3"


def cache_key(*, base_url: str, model: str, messages: list[dict[str, str]], schema: dict | None,
              schema_name: str = "", sampling: dict[str, Any] | None = None) -> str:
    """SHA-256 hex of the canonical JSON of every input that determines a model's answer."""
    payload = {
        "v": SCHEMA_VERSION, "base_url": (base_url or "").rstrip("/"), "model": model,
        "messages": messages, "schema": schema, "schema_name": schema_name, "sampling": sampling or {},
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class CacheInfo:
    """What ``summariser cache info`` shows."""

    path: Path
    entries: int
    bytes: int

    def describe(self) -> str:
        return f"{self.path}: {self.entries} answer(s), {self.bytes / 1024:.1f} KiB"


class AnswerCache:
    """A SQLite table of answers keyed by :func:`cache_key`. Opened lazily on first use."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_cache_path()
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._broken = False

    # --- public API -------------------------------------------------------------------------

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored answer for ``key``, or None (also when the cache is unusable)."""
        row = self._run("read", lambda c: c.execute("SELECT answer FROM answers WHERE key = ?", (key,)).fetchone())
        return json.loads(row[0]) if row else None

    def put(self, key: str, answer: dict[str, Any], *, model: str = "") -> None:
        """Store an answer (last write wins; a failure is a warning, not an error)."""
        data = json.dumps(answer, ensure_ascii=False)
        self._run("write", lambda c: c.execute(
            "INSERT OR REPLACE INTO answers (key, created, model, answer) VALUES (?, ?, ?, ?)",
            (key, time.time(), model, data),
        ))

    def put_many(self, rows: list[tuple[str, dict[str, Any]]], *, model: str = "") -> None:
        """Store many answers in one transaction (batch import); a failure is a warning, not an error."""
        now = time.time()
        data = [(key, now, model, json.dumps(answer, ensure_ascii=False)) for key, answer in rows]
        self._run("write", lambda c: c.executemany(
            "INSERT OR REPLACE INTO answers (key, created, model, answer) VALUES (?, ?, ?, ?)", data,
        ))

    def info(self) -> CacheInfo:
        """Entries and size on disk (0 when the file does not exist yet)."""
        if not self.path.exists():
            return CacheInfo(self.path, 0, 0)
        row = self._run("read", lambda c: c.execute("SELECT COUNT(*) FROM answers").fetchone())
        size = sum(p.stat().st_size for p in self._files() if p.exists())
        return CacheInfo(self.path, row[0] if row else 0, size)

    def clear(self) -> int:
        """Delete every answer; return how many there were."""
        if not self.path.exists():
            return 0
        before = self.info().entries
        self._run("write", lambda c: c.execute("DELETE FROM answers"))
        self._run("write", lambda c: c.execute("VACUUM"))
        return before

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "AnswerCache":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- internals --------------------------------------------------------------------------

    def _files(self) -> list[Path]:
        return [self.path] + [self.path.with_name(self.path.name + s) for s in _SIDE_FILES]

    def _run(self, what: str, action):
        with self._lock:
            if self._broken:
                return None
            try:
                conn = self._connection()
                with conn:
                    return action(conn)
            except sqlite3.DatabaseError as exc:
                return self._recover(what, exc, action)
            except (sqlite3.Error, OSError) as exc:
                log.warning("answer cache %s failed (%s); continuing without it for this request", what, exc)
                return None

    def _recover(self, what: str, exc: sqlite3.DatabaseError, action):
        if isinstance(exc, sqlite3.OperationalError):  # locked, disk full, read-only: not corruption
            log.warning("answer cache %s failed (%s); continuing without it for this request", what, exc)
            return None
        log.warning("answer cache %s is corrupt (%s); rebuilding it empty", self.path, exc)
        try:
            self._rebuild()
            with self._connection() as conn:
                return action(conn)
        except (sqlite3.Error, OSError) as again:
            log.warning("answer cache %s cannot be rebuilt (%s); running without a cache; delete the file", self.path, again)
            self._broken = True
            return None

    def _rebuild(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        for path in self._files():
            path.unlink(missing_ok=True)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        self._refuse_other_files()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None)
        try:
            self._refuse_other_databases(conn)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, created REAL NOT NULL, "
                "model TEXT NOT NULL, answer TEXT NOT NULL)"
            )
            conn.execute("SELECT COUNT(*) FROM answers WHERE key = ''").fetchone()
        except BaseException:
            conn.close()
            raise
        conn.isolation_level = ""  # type: ignore[assignment]  # "with conn" now wraps each action in one transaction
        self._conn = conn
        return conn


    def _refuse_other_files(self) -> None:
        """A file at the cache path that is not SQLite is someone's data: never rebuild it, say so."""
        if not self.path.is_file() or self.path.stat().st_size == 0:
            return
        with self.path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise ConfigError(f"{self.path} is not an answer cache (not a SQLite file) and was left alone; "
                              "pass --cache-path with a new file name, or --no-cache")

    def _refuse_other_databases(self, conn: sqlite3.Connection) -> None:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                  if not row[0].startswith("sqlite_")}  # SQLite's own (sqlite_stat1 after ANALYZE)
        if tables - {"answers"}:
            conn.close()
            raise ConfigError(f"{self.path} is another program's SQLite database (tables: {', '.join(sorted(tables))}) "
                              "and was left alone; pass --cache-path with a new file name, or --no-cache")


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL (once; it persists). SQLite answers "locked" at once, without waiting
    for the busy timeout, when another process holds the file during the switch: retry until it can."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def cached(chat: ChatModel, cache: AnswerCache | None) -> ChatModel:
    """``chat`` answered from ``cache`` first, or ``chat`` itself when there is no cache."""
    return CachedChat(chat, cache) if cache is not None else chat


class CachedChat:
    """A :class:`~summariser.engines.llm.chat.ChatModel` that answers from an :class:`AnswerCache` first."""

    def __init__(self, chat: ChatModel, cache: AnswerCache) -> None:
        self.chat = chat
        self.cache = cache
        self.backend = chat.backend
        self.model = chat.model
        self.base_url = chat.base_url
        self.hits = 0
        self.misses = 0

    def key(self, messages: list[dict[str, str]], *, schema: dict, schema_name: str, max_tokens: int | None,
            top_logprobs: int = 0) -> str:
        """The cache key of one request to the wrapped model."""
        sampling = {"temperature": getattr(self.chat, "temperature", None), "max_tokens": max_tokens}
        if top_logprobs:
            sampling["top_logprobs"] = top_logprobs
        return cache_key(base_url=self.base_url, model=self.model, messages=messages, schema=schema,
                         schema_name=schema_name, sampling=sampling)

    async def complete(
        self, messages: list[dict[str, str]], *, schema: dict, schema_name: str, max_tokens: int | None = None,
        top_logprobs: int = 0,
    ) -> Completion:
        """The cached answer, or the wrapped model's (stored when it succeeds)."""
        key = self.key(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens, top_logprobs=top_logprobs)
        stored = self.cache.get(key)
        if stored is not None:
            self.hits += 1
            return _from_stored(stored, self.model)
        self.misses += 1
        extra = {"top_logprobs": top_logprobs} if top_logprobs else {}
        completion = await self.chat.complete(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens,
                                              **extra)
        self.cache.put(key, stored_answer(completion), model=self.model)
        return completion

    async def aclose(self) -> None:
        await self.chat.aclose()


def stored_answer(completion: Completion) -> dict[str, Any]:
    """A completion as the cache stores it (text, finish reason, refusal, model, usage, logprobs)."""
    stored: dict[str, Any] = {
        "text": completion.text, "finish_reason": completion.finish_reason, "refusal": completion.refusal,
        "model": completion.model, "usage": completion.usage.model_dump(),
    }
    if completion.logprobs is not None:
        stored["logprobs"] = [[t.token, t.logprob, t.top] for t in completion.logprobs]
    return stored


def _from_stored(stored: dict[str, Any], model: str) -> Completion:
    logprobs = stored.get("logprobs")
    return Completion(
        text=stored.get("text", ""), finish_reason=stored.get("finish_reason", "stop"),
        refusal=stored.get("refusal"), usage=Usage(), latency_s=0.0,
        model=stored.get("model") or model, cached=True,
        logprobs=[TokenLogprob(*item) for item in logprobs] if logprobs is not None else None,
    )


def replayed_completion(stored: dict[str, Any], model: str) -> Completion:
    """A stored answer as the completion the server gave: its usage kept, not marked cached
    (batch import: the answer was paid for in the batch, as an online answer would have been)."""
    completion = _from_stored(stored, model)
    completion.usage = Usage.model_validate(stored.get("usage") or {})
    completion.cached = False
    return completion
