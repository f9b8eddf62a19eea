"""The OpenAI Batch API through the official SDK: submit, status, collect, cancel.

State lives in the job file (:mod:`.job`, table ``batches``), one row per round and part, written
in its own transaction before and after every API call that creates something:

* submit: the part is planned (``planned``), then ``uploading`` -> file id -> ``creating`` ->
  batch id. A process stopped between a call and its record finds, when run again, the file
  (by its name) or the batch (by its metadata: job id, round, part) it already made, and
  adopts it: nothing is uploaded or submitted twice.
* collect: output and error files are downloaded to files beside the job (atomically), then
  imported (an import of the same file again stores nothing twice), then the next round is
  submitted. Stopping at any point and running again carries on from there.

The API key comes from ``OPENAI_API_KEY`` only; it is never stored, logged or shown.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import openai

from ..backends.cache import AnswerCache
from ..core.errors import InputError, ModelRequestError
from ..backends.clients.openai_chat import translate_error
from ..core.redact import url_secrets
from .format import ENDPOINT
from .ingest import ImportResult, Output, import_results, open_job, round_file
from .job import JOB_SUFFIX, Job, job_path_for

TERMINAL = ("completed", "failed", "expired", "cancelled")


class BatchClient:
    """The SDK's client for a job's server (the job's base URL, ``OPENAI_API_KEY``), and the job."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.base_url = job.meta("base_url") or "https://api.openai.com/v1"
        self.model = job.meta("model")
        key = os.environ.get("OPENAI_API_KEY", "")
        self._secrets = (key, *url_secrets(self.base_url))
        self.max_retries = 4
        self.sdk = openai.OpenAI(api_key=key or "no-key-needed", base_url=self.base_url, max_retries=self.max_retries,
                                 timeout=120.0)

    @classmethod
    def for_job(cls, path: Path, job: Path | None = None) -> "BatchClient":
        """The client of the job of ``path`` (a requests file or the job file itself)."""
        return cls(Job.open(job or (path if path.name.endswith(JOB_SUFFIX) else job_path_for(path))))

    def call(self, action: Callable[[], Any]) -> Any:
        """One SDK call; its failure (after the SDK's retries) as a one-line error without secrets."""
        try:
            return action()
        except openai.APIError as exc:
            raise translate_error(exc, self.base_url, self.model, self.max_retries, self._secrets) from None

    def __enter__(self) -> "BatchClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.sdk.close()
        self.job.close()


# --- submit ----------------------------------------------------------------------------------


def submit(client: BatchClient, requests: Path, *, max_requests: int = 50_000, max_bytes: int = 200_000_000) -> list[str]:
    """Submit a round's requests file (split within the limits); lines saying what was done."""
    job, number = open_job(requests, client.job.path)
    job.close()
    rows = client.job.batch_rows(number) or _plan(client.job, number, requests, max_requests, max_bytes)
    lines = []
    for row in rows:
        if row.get("batch_id"):
            lines.append(f"round {number} part {row['part']}/{len(rows)}: {row['batch_id']} submitted earlier")
            continue
        _submit_part(client, requests, row)
        lines.append(f"round {number} part {row['part']}/{len(rows)}: {row['batch_id']} ({row['status']}), "
                     f"{row['requests']} request(s)")
    return lines


def _plan(job: Job, number: int, requests: Path, max_requests: int, max_bytes: int) -> list[dict[str, Any]]:
    """Split the file into parts within the limits; recorded before anything is uploaded."""
    rows: list[dict[str, Any]] = []
    for part, (first, count, size) in enumerate(_parts(requests, max_requests, max_bytes), 1):
        rows.append({"round": number, "part": part, "requests": count, "status": "planned",
                     "detail": {"first_line": first, "bytes": size,
                                "filename": f"{job.meta('job_id')[:12]}-round{number}-part{part}.jsonl"}})
    for row in rows:
        job.save_batch(row)
    return rows


def _parts(requests: Path, max_requests: int, max_bytes: int) -> Iterator[tuple[int, int, int]]:
    """(first line index, lines, bytes) of each part, streaming the file."""
    first = count = size = 0
    with requests.open("rb") as handle:
        for index, line in enumerate(handle):
            if len(line) > max_bytes:
                raise ModelRequestError(f"{requests}: line {index + 1} alone is larger than --max-bytes ({max_bytes}); "
                                        "raise --max-bytes")
            if count and (count >= max_requests or size + len(line) > max_bytes):
                yield first, count, size
                first, count, size = index, 0, 0
            count, size = count + 1, size + len(line)
    if count:
        yield first, count, size


def _submit_part(client: BatchClient, requests: Path, row: dict[str, Any]) -> None:
    """Upload one part and create its batch, recording each step (adopting what a stopped run made)."""
    detail = row["detail"]
    if not row.get("file_id"):
        found = _find_file(client, detail["filename"]) if row["status"] == "uploading" else None
        _save(client, row, status="uploading")
        row["file_id"] = found or _upload(client, requests, detail)
        _save(client, row, status="uploaded")
    found_batch = _find_batch(client, row) if row["status"] == "creating" else None
    _save(client, row, status="creating")
    batch = found_batch or client.call(lambda: client.sdk.batches.create(
        input_file_id=row["file_id"], endpoint=ENDPOINT, completion_window="24h",
        metadata={"summariser_job": client.job.meta("job_id"), "round": str(row["round"]), "part": str(row["part"])}))
    row["batch_id"] = batch.id
    _save(client, row, status=batch.status)


def _upload(client: BatchClient, requests: Path, detail: dict[str, Any]) -> str:
    with tempfile.TemporaryFile() as part, requests.open("rb") as source:
        for index, line in enumerate(source):
            if index >= detail["first_line"]:
                part.write(line)
                if part.tell() >= detail["bytes"]:
                    break
        part.seek(0)
        return client.call(lambda: client.sdk.files.create(file=(detail["filename"], part), purpose="batch")).id


def _find_file(client: BatchClient, filename: str) -> str | None:
    files = client.call(lambda: client.sdk.files.list(purpose="batch"))
    return next((f.id for f in files if f.filename == filename), None)


def _find_batch(client: BatchClient, row: dict[str, Any]):
    wanted = {"summariser_job": client.job.meta("job_id"), "round": str(row["round"]), "part": str(row["part"])}
    batches = client.call(lambda: client.sdk.batches.list(limit=100))
    return next((b for b in batches if (b.metadata or {}) == wanted and b.input_file_id == row["file_id"]), None)


def _save(client: BatchClient, row: dict[str, Any], **changes: Any) -> None:
    row.update(changes)
    client.job.save_batch(row)


# --- status and cancel -----------------------------------------------------------------------


def refresh(client: BatchClient, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Retrieve every unfinished batch of ``rows`` and record its status, counts and files."""
    for row in rows:
        if row.get("batch_id") and row["status"] not in TERMINAL:
            batch = client.call(partial(client.sdk.batches.retrieve, row["batch_id"]))
            counts = batch.request_counts
            row["detail"].update(
                completed=counts.completed if counts else 0, failed=counts.failed if counts else 0,
                total=counts.total if counts else row["requests"], output_file_id=batch.output_file_id,
                error_file_id=batch.error_file_id, errors=_batch_errors(batch))
            _save(client, row, status=batch.status)
    return rows


def _batch_errors(batch) -> str:
    data = getattr(batch.errors, "data", None) or []
    return "; ".join(f"{e.code}: {e.message}" + (f" (line {e.line})" if e.line else "") for e in data[:3])


def describe(row: dict[str, Any]) -> str:
    d = row["detail"]
    counts = f"{d.get('completed', 0)} completed, {d.get('failed', 0)} failed, {d.get('total', row['requests'])} total"
    errors = f"; {d['errors']}" if d.get("errors") else ""
    return f"round {row['round']} part {row['part']}: {row.get('batch_id') or '(not created)'} {row['status']}: {counts}{errors}"


def status(client: BatchClient) -> list[str]:
    """One line per batch of the job, refreshed from the API."""
    rows = refresh(client, client.job.batch_rows())
    return [describe(row) for row in rows] or ["no batches submitted for this job yet; run 'summariser batch submit'"]


def cancel(client: BatchClient) -> list[str]:
    """Cancel every unfinished batch; lines saying what happened."""
    lines = []
    for row in refresh(client, client.job.batch_rows()):
        if row.get("batch_id") and row["status"] not in TERMINAL:
            batch = client.call(partial(client.sdk.batches.cancel, row["batch_id"]))
            _save(client, row, status=batch.status)
            lines.append(f"round {row['round']} part {row['part']}: {row['batch_id']} {batch.status}")
    return lines or ["nothing to cancel: every batch has finished"]


# --- collect ---------------------------------------------------------------------------------


@dataclass
class CollectReport:
    """What collect did, summed over the rounds it handled."""

    imports: list[ImportResult] = field(default_factory=list)
    running: list[str] = field(default_factory=list)
    submitted: list[str] = field(default_factory=list)
    done: bool = False

    @property
    def failed(self) -> list[str]:
        return [f for i in self.imports for f in i.failed]

    def describe(self, where: object) -> str:
        written = sum(i.written for i in self.imports)
        parts = [f"{written} brief(s) written to {where}"]
        if self.submitted:
            parts.append("next round submitted: " + ", ".join(self.submitted))
        if self.running:
            parts.append(f"{len(self.running)} batch(es) still running; run collect again later (or pass --wait)")
        if self.done:
            parts.append("the job is done")
        return "; ".join(parts)


def collect(client: BatchClient, output: Output, fmt: str, cache: AnswerCache | None, *, wait: bool = False,
            poll: float = 60.0, note: Callable[[str], None] = print) -> CollectReport:
    """Download, import and resubmit until the job is done (``wait``) or a batch is still running."""
    report = CollectReport()
    while True:
        number = max((r["round"] for r in client.job.batch_rows()), default=0)
        if not number:
            raise InputError("no batches submitted for this job yet; run 'summariser batch submit REQUESTS' first")
        rows = refresh(client, client.job.batch_rows(number))
        report.running = [describe(r) for r in rows if r["status"] not in TERMINAL]
        if report.running:
            if not wait:
                return report
            time.sleep(poll)
            continue
        outcome = _import_round(client, number, rows, output, fmt, cache, note)
        report.imports.append(outcome)
        if outcome.next_round is None:
            report.done = True  # every brief written or failed (the failed ones listed)
            return report
        if not _resubmit(rows, outcome, note):
            return report
        for line in submit(client, outcome.next_round):
            note(line)
        report.submitted.append(outcome.next_round.name)
        if not wait:
            return report


def _import_round(client: BatchClient, number: int, rows: list[dict[str, Any]], output: Output, fmt: str,
                  cache: AnswerCache | None, note: Callable[[str], None]) -> ImportResult:
    """Download the round's output and error files (once) and import them."""
    files = [path for row in rows for path in _download(client, row)]
    for row in rows:
        note(describe(row))
    requests = round_file(client.job, number)
    if not files:
        errors = "; ".join(r["detail"].get("errors") or r["status"] for r in rows)
        raise ModelRequestError(f"round {number}: no batch returned any result ({errors}); fix the cause and submit "
                                f"{requests} again with 'summariser batch submit'")
    return import_results(requests, files, output, job_path=client.job.path, cache=cache, fmt=fmt)


def _download(client: BatchClient, row: dict[str, Any]) -> list[Path]:
    """The part's output and error files on disk (downloaded once, written atomically)."""
    paths = []
    stem = client.job.path.name[: -len(JOB_SUFFIX)]
    for kind in ("output", "error"):
        file_id = row["detail"].get(f"{kind}_file_id")
        if not file_id:
            continue
        path = client.job.path.with_name(f"{stem}.round{row['round']}.part{row['part']}.{kind}.jsonl")
        if not path.exists():
            _fetch(client, file_id, path)
        paths.append(path)
    return paths


def _fetch(client: BatchClient, file_id: str, path: Path) -> None:
    """Stream a file's content to a temporary file, renamed into place when complete."""
    tmp = path.with_name(f".{path.name}.tmp")

    def download() -> None:
        with client.sdk.files.with_streaming_response.content(file_id) as response, tmp.open("wb") as handle:
            for block in response.iter_bytes():
                handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())

    try:
        client.call(download)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _resubmit(rows: list[dict[str, Any]], outcome: ImportResult, note: Callable[[str], None]) -> bool:
    """Whether the next round goes out now: not after a batch failed (an error) or was cancelled (a note)."""
    failed = [r for r in rows if r["status"] == "failed"]
    if failed:
        what = "; ".join(f"{r['batch_id']} failed: {r['detail'].get('errors') or 'no reason given'}" for r in failed)
        raise ModelRequestError(f"{what}; the other answers were imported; fix the cause and submit "
                                f"{outcome.next_round} with 'summariser batch submit'")
    if any(r["status"] == "cancelled" for r in rows):
        note(f"a batch was cancelled: its answers were imported and the rest is not resubmitted; submit "
             f"{outcome.next_round} with 'summariser batch submit' to go on")
        return False
    return True


__all__ = ["BatchClient", "CollectReport", "cancel", "collect", "status", "submit"]
