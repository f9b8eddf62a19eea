"""The batch file format every batch engine reads and writes (OpenAI Batch API, ``vllm run-batch``,
Ray Data LLM, a LiteLLM proxy's ``/v1/batches``).

A requests file holds one request a line::

    {"custom_id": "...", "method": "POST", "url": "/v1/chat/completions", "body": {...}}

A results file one result a line, in any order::

    {"id": "...", "custom_id": "...", "response": {"status_code": 200, "body": {...}}, "error": null}

A request that failed on the engine has a status code other than 200 (its body holds the
server's error) or ``"response": null`` and an ``error`` (``{"code", "message"}``, or a string).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..core.errors import InputError

ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"


def request_line(custom_id: str, body: dict[str, Any]) -> str:
    """One request line (compact JSON, newline-terminated)."""
    record = {"custom_id": custom_id, "method": "POST", "url": ENDPOINT, "body": body}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def result_line(custom_id: str, body: dict[str, Any] | None = None, *, status: int = 200,
                error: dict[str, Any] | str | None = None, result_id: str = "") -> str:
    """One result line as the engines write it (the fake engines and tests use this)."""
    response = None if body is None and error is not None else {"status_code": status, "request_id": result_id, "body": body}
    record = {"id": result_id or f"batch_req_{custom_id[:16]}", "custom_id": custom_id, "response": response, "error": error}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


@dataclass
class Result:
    """One parsed result line: the chat completion, or why the engine gave none."""

    custom_id: str
    body: dict[str, Any] | None
    error: str = ""


def numbered_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-empty lines of a JSONL file with their numbers, read as a stream.

    A last line without its newline is given as it is: the parser decides whether it is whole.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({(exc.strerror or str(exc)).lower()}); check the path") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                yield number, line


def parse_result(line: bytes, where: str) -> Result:
    """A result line, or a one-line InputError naming ``where`` (file:line)."""
    try:
        record = json.loads(line)
    except ValueError:
        cut = "" if line.endswith(b"\n") else " (cut off: the file is truncated)"
        raise InputError(f"{where}: not a JSON result line{cut}; download the results file again") from None
    if not isinstance(record, dict) or not isinstance(record.get("custom_id"), str):
        raise InputError(f"{where}: not a batch result (no custom_id); pass the engine's results file, not its requests")
    if "response" not in record and "error" not in record:
        raise InputError(f"{where}: a request line, not a result (no response or error); pass the engine's results file")
    return Result(record["custom_id"], *_answer(record))


def _answer(record: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """(completion body, "") for an answer; (None, reason) for a request that failed on the engine."""
    response = record.get("response") or {}
    body = response.get("body") if isinstance(response, dict) else None
    status = response.get("status_code") if isinstance(response, dict) else None
    if status == 200 and isinstance(body, dict) and body.get("choices") is not None:
        return body, ""
    if record.get("error"):
        return None, _error_text(record["error"])
    if isinstance(body, dict) and body.get("error"):
        return None, f"HTTP {status}: {_error_text(body['error'])}"
    return None, f"HTTP {status}: no completion in the response"


def _error_text(error: Any) -> str:
    if isinstance(error, dict):
        code, message = error.get("code"), error.get("message") or json.dumps(error)[:200]
        return f"{code}: {message}" if code else str(message)
    return " ".join(str(error).split())[:300]


class RoundFile:
    """A requests file being written: a temporary file beside ``path``, renamed into place by
    :meth:`finish` (fsynced), removed by :meth:`abort`; its SHA-256, lines and bytes counted."""

    def __init__(self, path: Path) -> None:
        import hashlib
        import tempfile

        self.path = path
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        self.tmp = Path(tmp)
        self._handle = open(fd, "wb")  # noqa: SIM115 (closed by finish or abort)
        self._digest = hashlib.sha256()
        self.requests = self.bytes = 0

    def write(self, custom_id: str, body: dict[str, Any]) -> None:
        data = request_line(custom_id, body).encode("utf-8")
        self._handle.write(data)
        self._digest.update(data)
        self.requests += 1
        self.bytes += len(data)

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    def finish(self) -> None:
        """Flush, fsync and rename into place."""
        import os

        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        os.chmod(self.tmp, 0o644)
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if not self._handle.closed:
            self._handle.close()
        self.tmp.unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
