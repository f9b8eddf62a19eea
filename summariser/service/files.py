"""Batch briefs: many inputs in, one result per input out, resumable after any interruption.

Inputs (:func:`expand_inputs`): article files, folders of them (``.txt .md .html ...``,
recursively), and JSONL files of articles, one JSON object a line:
``{"id": ..., "text" | "path" | "url": ..., "title"?: ..., "date"?: ...}`` (``path`` is relative
to the JSONL file; with ``text`` present, ``url`` is only metadata).

Outputs (:class:`JsonlSink`, :class:`DirSink`): each finished brief is written at once (JSONL
line appended, flushed and fsynced; or one file per input, written to a temporary file and
renamed into place), so a crash never loses or half-writes a finished item. Every result
carries the item's key: the hash of the input's identity (path and content hash, URL, or id and
text hash) plus the settings that shape the brief. Rerunning the same command skips the keys
already written, so an interrupted batch completes with exactly one result per input.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import json
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .batch import BatchStats, Budget, Charge, ItemResult
from ..core.settings import Settings
from .spec import BriefSpec
from ..ingest.documents import Document, document_from_text, iter_unique_ids, load_source
from ..core.errors import BudgetExceededError, ConfigError, InputError, OutputValidationError, SummariserError
from ..engines.llm.pricing import estimate_cost, price_for
from ..render import render
from ..core.schema import Brief, Usage
from . import Briefer

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
LEDGER = ".summariser-done.jsonl"
EXTENSIONS = {"markdown": ".md", "json": ".json", "html": ".html"}


class BatchFailedError(SummariserError):
    """Some items of a batch failed; the rest were written. Rerunning retries only the unfinished."""

    exit_code = 7


# --- inputs ------------------------------------------------------------------------------------


@dataclass
class BatchItem:
    """One input of a batch, not yet loaded."""

    id: str
    source: str
    path: str = ""
    url: str = ""
    text: str | None = None
    title: str = ""
    date: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    problem: str = ""
    key: str = ""

    def identity(self) -> dict[str, str]:
        """What makes this input this input (never its position in the batch)."""
        if self.text is not None:
            return {"id": self.id, "text_sha256": _sha(self.text.encode("utf-8"))}
        if self.path:
            path = Path(self.path)
            digest = _sha(path.read_bytes()) if path.is_file() else ""
            return {"path": str(path.resolve()), "sha256": digest}
        return {"url": self.url, "id": self.id, "problem": self.problem}

    def load(self, encoding: str | None = None) -> Document:
        """The :class:`Document` (raises InputError for a bad input)."""
        if self.problem:
            raise InputError(f"{self.source}: {self.problem}")
        if self.text is not None:
            doc = document_from_text(self.text, name=self.source, doc_id=self.id)
        else:
            doc = load_source(self.path or self.url, encoding=encoding, doc_id=self.id)
        doc.title = self.title or doc.title
        doc.date = self.date or doc.date
        doc.url = self.url or doc.url
        doc.metadata.update(self.metadata)
        return doc


def is_batch_source(source: str) -> bool:
    """A folder or a ``.jsonl`` file (as opposed to one article)."""
    path = Path(source)
    return path.is_dir() or (path.suffix.lower() == ".jsonl" and path.is_file())


def expand_inputs(sources: list[str]) -> list[BatchItem]:
    """Every article named by ``sources`` (files, folders, JSONL files, URLs, ``-``), in order."""
    return list(iter_inputs(sources))


def iter_inputs(sources: list[str]) -> Iterator[BatchItem]:
    """:func:`expand_inputs` as a stream: a JSONL file's articles are read a line at a time."""
    for source in sources:
        _check_source(source)  # every source is checked before the first item is given
    return iter_unique_ids(item for source in sources for item in _source_items(source))


def _check_source(source: str) -> None:
    path = Path(source)
    if path.is_dir() or (path.suffix.lower() == ".jsonl" and path.is_file()) or source == "-":
        return
    if not source.lower().startswith(("http://", "https://")) and not path.exists():
        raise InputError(f"{source}: no such file; check the path, or pass a URL or '-' for stdin")


def _source_items(source: str) -> Iterator[BatchItem]:
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            raise InputError(f"{source}: no article files ({', '.join(sorted(ARTICLE_SUFFIXES))}) in this folder")
        yield from (BatchItem(id=p.stem, source=str(p), path=str(p)) for p in files)
    elif path.suffix.lower() == ".jsonl" and path.is_file():
        yield from _jsonl_items(path)
    elif source == "-":
        yield BatchItem(id="stdin", source="stdin", text=sys.stdin.read())
    elif source.lower().startswith(("http://", "https://")):
        yield BatchItem(id=source, source=source, url=source)
    else:
        yield BatchItem(id=path.stem, source=source, path=source)


def _jsonl_items(path: Path) -> Iterator[BatchItem]:
    any_item = False
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                any_item = True
                yield _jsonl_item(path, number, line)
    if not any_item:
        raise InputError(f"{path}: no articles in this JSONL file")


def _jsonl_item(path: Path, number: int, line: str) -> BatchItem:
    where = f"{path}:{number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return BatchItem(id=f"{path.stem}-{number}", source=where, problem=f"not valid JSON ({exc.msg}); fix the line")
    if not isinstance(row, dict):
        return BatchItem(id=f"{path.stem}-{number}", source=where, problem="not a JSON object; write {\"id\": ..., \"text\": ...}")
    known = {"id", "text", "path", "url", "title", "date"}
    item = BatchItem(
        id=str(row.get("id") or row.get("url") or f"{path.stem}-{number}"), source=where,
        url=str(row.get("url") or ""), title=str(row.get("title") or ""), date=str(row.get("date") or ""),
        metadata={k: v for k, v in row.items() if k not in known},
    )
    if isinstance(row.get("text"), str):
        item.text = row["text"]
    elif row.get("path"):
        item.path = str(path.parent / str(row["path"]))
    elif not item.url:
        item.problem = "has no text, path or url; give one of them"
    return item


def batch_fingerprint(spec: BriefSpec, fmt: str) -> dict[str, Any]:
    """What, besides the input, a result's key covers: the brief's spec and the output format (never the API key)."""
    return {"spec": spec.fingerprint(), "format": fmt}


def settings_fingerprint(settings: Settings, engine: Any, fmt: str) -> dict[str, Any]:
    """:func:`batch_fingerprint` of the spec of ``engine`` with ``settings``."""
    return batch_fingerprint(BriefSpec.of(settings, engine.info), fmt)


def assign_keys(items: list[BatchItem], fingerprint: dict[str, Any]) -> list[BatchItem]:
    """Give each item its key; items that are the very same input with the same settings are merged."""
    settings_json = json.dumps(fingerprint, sort_keys=True)
    unique: dict[str, BatchItem] = {}
    for item in items:
        try:
            identity = item.identity()
        except OSError as exc:
            item.problem, identity = f"cannot be read ({exc.strerror})", {"source": item.source}
        item.key = _sha(json.dumps([identity, settings_json], sort_keys=True).encode("utf-8"))
        unique.setdefault(item.key, item)
    return list(unique.values())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- outputs -----------------------------------------------------------------------------------


class _Syncer:
    """fsync in a background thread, coalescing bursts (group commit), so the event loop never waits on the disk.

    Every write is handed to the OS (write + flush) before the item counts as done, so a killed
    process loses nothing; the fsync that guards against power loss follows within one disk flush.
    """

    def __init__(self) -> None:
        self._pending: dict[int, bool] = {}  # fd -> close it after the fsync
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="summariser-fsync", daemon=True)
        self._thread.start()

    def sync(self, fd: int, *, close: bool = False) -> None:
        """fsync ``fd`` soon (and close it after, if ``close``)."""
        with self._lock:
            self._pending[fd] = close or self._pending.get(fd, False)
        self._wake.set()

    def _flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        for fd, close in pending.items():
            try:
                os.fsync(fd)
            finally:
                if close:
                    os.close(fd)

    def _run(self) -> None:
        while not self._stop:
            self._wake.wait()
            self._wake.clear()
            self._flush()

    def close(self) -> None:
        """Sync everything still pending and stop the thread."""
        self._stop = True
        self._wake.set()
        self._thread.join()
        self._flush()


class JsonlSink:
    """One JSON line per finished brief: ``{"key", "id", "source", "brief"}``; appended, flushed, fsynced."""

    def __init__(self, path: Path | None, *, resume: bool = True) -> None:
        self.path = path
        self.done: set[str] = set()
        self._handle: IO[str]
        if path is None:
            self._handle = sys.stdout
            return
        with output_errors(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            if resume and path.exists():
                self.done = _finished_keys(path)
            self._handle = path.open("a" if resume else "w", encoding="utf-8")
        self._syncer = _Syncer()

    def write(self, item: BatchItem, doc: Document, brief: Brief, docs: list[Document] | None = None) -> None:
        record = {"key": item.key, "id": item.id, "source": item.source, "brief": brief.model_dump(mode="json")}
        with output_errors(self.path) if self.path is not None else nullcontext():
            self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._handle.flush()
        if self.path is not None:
            self._syncer.sync(self._handle.fileno())
        self.done.add(item.key)

    def close(self) -> None:
        if self.path is not None:
            self._syncer.close()
            self._handle.close()


def cut_torn_tail(path: Path) -> tuple[bytes, bool]:
    """A JSONL file's complete lines, after cutting off a torn last line (a process killed
    mid-write) so appends stay clean; and whether one was cut."""
    data = path.read_bytes()
    end = data.rfind(b"\n") + 1
    if end < len(data):
        with path.open("r+b") as handle:
            handle.truncate(end)
    return data[:end], end < len(data)


def _finished_keys(path: Path) -> set[str]:
    """Keys of complete lines (a torn last line is cut off)."""
    data, _ = cut_torn_tail(path)
    keys = set()
    for line in data.splitlines():
        try:
            keys.add(json.loads(line)["key"])
        except (ValueError, KeyError, TypeError):
            continue
    return keys


class DirSink:
    """One file per input in a folder (``<id>.md|.json|.html``), renamed into place when complete.

    A ledger (``.summariser-done.jsonl``) records which key each file holds, for resuming.
    """

    def __init__(self, folder: Path, fmt: str, *, resume: bool = True) -> None:
        self.folder, self.fmt = folder, fmt
        ledger = folder / LEDGER
        self.done = set()
        with output_errors(folder):
            folder.mkdir(parents=True, exist_ok=True)
            if resume and ledger.exists():
                self.done = {k for k, name in _ledger_rows(ledger) if (folder / name).exists()}
            self._ledger = ledger.open("a" if resume else "w", encoding="utf-8")
        self._syncer = _Syncer()

    def write(self, item: BatchItem, doc: Document, brief: Brief, docs: list[Document] | None = None) -> None:
        """Write one brief (HTML shows ``docs``, a story's articles, else ``doc``) and record it in the ledger."""
        name = _safe_name(item.id) + EXTENSIONS[self.fmt]
        path = self.folder / name
        atomic_write(path, render(brief, self.fmt, docs or [doc]), fsync=False)
        with output_errors(path):
            self._syncer.sync(os.open(path, os.O_RDONLY), close=True)
            self._ledger.write(json.dumps({"key": item.key, "file": name, "source": item.source}) + "\n")
            self._ledger.flush()
        self._syncer.sync(self._ledger.fileno())
        self.done.add(item.key)

    def close(self) -> None:
        self._syncer.close()
        self._ledger.close()


def _ledger_rows(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
            rows.append((row["key"], row["file"]))
        except (ValueError, KeyError, TypeError):
            continue
    return rows


def _safe_name(name: str) -> str:
    """A file name for an id: itself when safe, else a cleaned version plus a short hash (no collisions)."""
    tail = name.rstrip("/").rsplit("/", 1)[-1]  # a URL id: its last path segment
    cleaned = "".join(c if c.isalnum() or c in "-_." else "_" for c in tail).strip("._")[:100] or "article"
    return cleaned if cleaned == name else f"{cleaned}-{_sha(name.encode('utf-8'))[:8]}"


def atomic_write(path: Path, text: str, *, fsync: bool = True) -> None:
    """Write ``text`` to a temporary file (fsynced unless told not to) and rename it over ``path``.

    The file gets the permissions the umask gives a new file (not mkstemp's 0600). An OSError
    becomes a one-line InputError naming the path; the temporary file never stays behind.
    """
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                if fsync:
                    os.fsync(handle.fileno())
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def os_reason(exc: OSError) -> str:
    """The reason of an OSError without its errno and file name, e.g. 'permission denied'."""
    return (exc.strerror or str(exc)).lower()


def output_error(path: Path, exc: OSError) -> InputError:
    """The one-line error for an output path that cannot be written."""
    return InputError(f"{path}: cannot write ({os_reason(exc)}); pass a writable path")


@contextmanager
def output_errors(path: Path) -> Iterator[None]:
    """Turn an OSError raised while writing ``path`` into :func:`output_error`."""
    try:
        yield
    except OSError as exc:
        raise output_error(path, exc) from None


def check_output_file(path: Path, *, append: bool = False) -> None:
    """Fail now, before any work, if ``path`` cannot be written (replaced, or appended to with ``append``)."""
    with output_errors(path):
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        if append and path.exists():
            with path.open("ab"):
                return
        _probe_folder(path.parent)


def check_output_dir(path: Path) -> None:
    """Fail now, before any work, if files cannot be written in the folder ``path``."""
    with output_errors(path):
        if path.exists() and not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a directory")
        _probe_folder(path)


def _probe_folder(folder: Path) -> None:
    """Create and remove a file in ``folder``, or in its nearest existing parent when it is not there yet."""
    folder = folder.absolute()
    while not folder.exists():
        folder = folder.parent
    fd, probe = tempfile.mkstemp(dir=folder, prefix=".summariser-probe-")
    os.close(fd)
    os.unlink(probe)


# --- the run -----------------------------------------------------------------------------------


@dataclass
class BatchOptions:
    """How to run a batch of briefs."""

    concurrency: int = 8
    fmt: str = "markdown"
    encoding: str | None = None
    max_cost: float | None = None
    max_tokens: int | None = None
    progress: bool | None = None  # None: only when stderr is a terminal


async def brief_batch(items: list[BatchItem], sink: JsonlSink | DirSink, briefer: Briefer, options: BatchOptions,
                      budget: Budget | None = None) -> BatchStats:
    """Brief every item whose key is not already in ``sink``; write each as it finishes."""
    todo = [item for item in items if item.key not in sink.done]
    progress = _Progress(len(todo), options.progress)

    async def work(item: BatchItem) -> tuple[Document, Brief]:
        doc = await asyncio.to_thread(item.load, options.encoding) if item.url and item.text is None else item.load(options.encoding)
        return doc, await briefer.brief(doc)

    def on_result(result: ItemResult, stats: BatchStats) -> None:
        if result.status == "done" and result.value is not None:
            sink.write(result.item, *result.value)
        elif result.status == "failed":
            progress.note(f"failed: {_failure_text(result.item, result.error)}")
        progress.update(stats)

    try:
        stats = await briefer.run(
            todo, work, on_result=on_result, budget=budget,
            charge=lambda r: _charge(r, briefer.engine, briefer.settings), fatal=(ConfigError,),
        )
    finally:
        progress.close()
    return stats


def make_budget(options: BatchOptions, engine: Any, settings: Settings) -> Budget | None:
    """The run's budget, or None; a cost budget needs a known price for the model."""
    if options.max_cost is None and options.max_tokens is None:
        return None
    if options.max_cost is not None and engine.backend != "extractive" and price_for(engine.model, settings.prices) is None:
        raise ConfigError(
            f"--max-cost needs the price of {engine.model}, which is not known; add it under [prices] in the "
            "config file (input, output USD per million tokens) or use --max-tokens"
        )
    return Budget(max_cost=options.max_cost, max_tokens=options.max_tokens)


def _charge(result: ItemResult, engine: Any, settings: Settings) -> Charge:
    if result.status == "done" and result.value is not None:
        meta = result.value[1].meta
        cached = engine.backend != "extractive" and meta.usage.requests == 0
        return Charge(tokens=meta.usage.total_tokens, cost=meta.cost_usd or 0.0, cached=cached)
    usage = getattr(result.error, "usage", None) if isinstance(result.error, OutputValidationError) else None
    if isinstance(usage, Usage):
        return Charge(tokens=usage.total_tokens, cost=estimate_cost(engine.model, usage, settings.prices) or 0.0)
    return Charge()


def _failure_text(item: BatchItem, error: BaseException | None) -> str:
    """Why an item failed, naming its source once (input errors already start with it)."""
    text = str(error) if isinstance(error, SummariserError) else f"internal error: {type(error).__name__}: {error}"
    return text if text.startswith(f"{item.source}:") else f"{item.source}: {text}"


def check_outcome(stats: BatchStats, budget_note: str = "") -> None:
    """Raise the error that the run's outcome calls for (nothing when every item is done)."""
    if stats.stopped_by_budget:
        raise BudgetExceededError(
            f"budget reached ({budget_note}) after {stats.done} brief(s); {stats.skipped} not started; "
            "rerun the same command with a higher budget to do the rest (finished briefs are kept)"
        )
    if stats.failed:
        raise BatchFailedError(
            f"{stats.failed} of {stats.finished} item(s) failed (listed above); the others were written; "
            "rerun the same command to retry only the unfinished ones"
        )


class _Progress:
    """A tqdm bar on stderr: done, failed, cached, tokens, cost, rate."""

    def __init__(self, total: int, enabled: bool | None) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="brief", file=sys.stderr, disable=None if enabled is None else not enabled,
                        dynamic_ncols=True, desc="briefs")

    def update(self, stats: BatchStats) -> None:
        self.bar.set_postfix_str(
            f"done={stats.done} failed={stats.failed} cached={stats.cached} tokens={stats.tokens} cost=${stats.cost:.4f}",
            refresh=False,
        )
        self.bar.update(1)

    def note(self, message: str) -> None:
        self.bar.write(f"summariser: {message}", file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def run_batch_command(sources: list[str], settings: Settings, options: BatchOptions, *, jsonl_out: Path | None,
                      output_dir: Path | None, resume: bool, cache: Any = None) -> BatchStats:
    """The ``brief`` command in batch mode: expand, key, skip what is done, run, summarise, raise on shortfall."""
    items = expand_inputs(sources)
    briefer = Briefer(settings, cache=cache, concurrency=options.concurrency)
    items = assign_keys(items, batch_fingerprint(briefer.spec, options.fmt))
    budget = make_budget(options, briefer.engine, settings)
    sink = DirSink(output_dir, options.fmt, resume=resume) if output_dir else JsonlSink(jsonl_out, resume=resume)
    already = sum(item.key in sink.done for item in items)

    async def go() -> BatchStats:
        async with briefer:
            return await brief_batch(items, sink, briefer, options, budget)

    try:
        stats = asyncio.run(go())
    finally:
        sink.close()
    where = output_dir or jsonl_out or "stdout"
    limiter = briefer.limiter
    resumed = f"; {already} already done earlier" if already else ""
    lowered = f"; concurrency lowered {limiter.lowered}x on 429s (now {limiter.limit})" if limiter.lowered else ""
    print(f"summariser: {len(items)} input(s): {stats.summary()}{resumed}{lowered}; written to {where}", file=sys.stderr)
    check_outcome(stats, budget.describe() if budget else "")
    return stats
