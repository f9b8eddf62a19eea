"""Stand-ins for batch engines, for tests and benchmarks.

* :func:`run_requests`: what ``vllm run-batch -i requests.jsonl -o results.jsonl`` does, with a
  responder (the fake OpenAI server's) answering each request line.
* :class:`FakeBatchAPI`: OpenAI's Files and Batch API on 127.0.0.1 over real HTTP (aiohttp), for
  the official SDK: ``POST /v1/files`` (multipart upload), ``GET /v1/files``, ``GET
  /v1/files/{id}/content``, ``POST /v1/batches``, ``GET /v1/batches[/{id}]``, ``POST
  /v1/batches/{id}/cancel``. A batch moves one step along its lifecycle on every retrieve
  (validating -> in_progress -> finalizing -> completed), or as scripted per batch: ``failed``
  (at validation, with errors), ``expired`` (after answering only some requests: partial
  output), ``cancelled``; requests the responder answers with an error go to the error file.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from summariser.batchjobs.format import result_line
from .fake_openai import Reply, _completion, extractive_responder
from .threaded import ThreadedServer

Responder = Callable[[dict], Reply]


def answer_line(custom_id: str, body: dict, responder: Responder) -> str:
    """The result line an engine writes for one request."""
    reply = responder(body)
    if reply.status != 200:
        error = {"error": {"message": reply.error_message or f"scripted HTTP {reply.status}", "type": "fake",
                           "code": reply.status}}
        return result_line(custom_id, error, status=reply.status)
    return result_line(custom_id, _completion(body, reply))


def run_requests(requests: Path, results: Path, responder: Responder = extractive_responder) -> int:
    """Answer every request line of ``requests`` into ``results`` (as ``vllm run-batch`` does); the count."""
    count = 0
    with requests.open(encoding="utf-8") as source, results.open("w", encoding="utf-8") as sink:
        for line in source:
            if line.strip():
                request = json.loads(line)
                sink.write(answer_line(request["custom_id"], request["body"], responder))
                count += 1
    return count


@dataclass
class Script:
    """How one batch (by creation order, from 1) behaves."""

    outcome: str = "completed"  # completed, failed, expired, cancelled (cancelled: only by a cancel call)
    answered: int | None = None  # expired: how many requests were answered before it expired
    steps: int = 1  # retrieves spent in_progress


@dataclass
class _Batch:
    record: dict[str, Any]
    lines: list[dict]
    script: Script
    polls: int = 0


@dataclass
class FakeBatchAPI:
    """The Files and Batch API of OpenAI, faked, on 127.0.0.1; see the module docstring."""

    responder: Responder = extractive_responder
    scripts: dict[int, Script] = field(default_factory=dict)
    host: str = "127.0.0.1"
    port: int = 0
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    contents: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, _Batch] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = ThreadedServer("fake Batch API")

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def count(self, call: str) -> int:
        """How many requests of one kind arrived, e.g. ``count("POST /v1/batches")``."""
        return sum(c == call for c in self.calls)

    # --- files --------------------------------------------------------------------------------

    def _add_file(self, name: str, data: bytes, purpose: str) -> dict[str, Any]:
        file_id = f"file-{len(self.files) + 1:04d}"
        record = {"id": file_id, "object": "file", "bytes": len(data), "created_at": int(time.time()),
                  "filename": name, "purpose": purpose, "status": "processed"}
        self.files[file_id] = record
        self.contents[file_id] = data
        return record

    async def _upload(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload = form["file"]
        data = upload.file.read()  # type: ignore[union-attr]
        with self._lock:
            record = self._add_file(upload.filename, data, str(form.get("purpose", "")))  # type: ignore[union-attr]
        return web.json_response(record)

    async def _list_files(self, request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": list(self.files.values()), "has_more": False})

    async def _content(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if file_id not in self.contents:
            return _error(404, f"No such File object: {file_id}")
        return web.Response(body=self.contents[file_id], content_type="application/octet-stream")

    # --- batches ------------------------------------------------------------------------------

    async def _create(self, request: web.Request) -> web.Response:
        params = await request.json()
        file_id = params.get("input_file_id")
        if file_id not in self.contents:
            return _error(400, f"input_file_id {file_id} not found")
        with self._lock:
            number = len(self.batches) + 1
            lines = [json.loads(line) for line in self.contents[file_id].splitlines() if line.strip()]
            record = {
                "id": f"batch_{number:04d}", "object": "batch", "endpoint": params["endpoint"], "errors": None,
                "input_file_id": file_id, "completion_window": params["completion_window"], "status": "validating",
                "output_file_id": None, "error_file_id": None, "created_at": int(time.time()),
                "metadata": params.get("metadata"), "request_counts": {"total": 0, "completed": 0, "failed": 0},
            }
            self.batches[record["id"]] = _Batch(record, lines, self.scripts.get(number, Script()))
        return web.json_response(record)

    async def _retrieve(self, request: web.Request) -> web.Response:
        batch = self.batches.get(request.match_info["batch_id"])
        if batch is None:
            return _error(404, "No such batch")
        with self._lock:
            self._advance(batch)
        return web.json_response(batch.record)

    async def _list(self, request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [b.record for b in self.batches.values()], "has_more": False})

    async def _cancel(self, request: web.Request) -> web.Response:
        batch = self.batches.get(request.match_info["batch_id"])
        if batch is None:
            return _error(404, "No such batch")
        with self._lock:
            if batch.record["status"] in ("validating", "in_progress"):
                batch.record["status"] = "cancelling"
                batch.script = Script("cancelled", answered=batch.script.answered or 0)
        return web.json_response(batch.record)

    def _advance(self, batch: _Batch) -> None:
        """One step of the lifecycle per retrieve."""
        record, script = batch.record, batch.script
        status = record["status"]
        if status == "validating":
            if script.outcome == "failed":
                record.update(status="failed", errors={"object": "list", "data": [
                    {"code": "invalid_request", "message": "scripted validation failure", "line": 1}]})
                return
            record.update(status="in_progress", request_counts={"total": len(batch.lines), "completed": 0, "failed": 0})
        elif status == "in_progress":
            batch.polls += 1
            if batch.polls >= script.steps:
                record["status"] = "expired" if script.outcome == "expired" else "finalizing"
                if script.outcome == "expired":
                    self._finish(batch, script.answered or 0)
        elif status == "finalizing":
            self._finish(batch, len(batch.lines))
            record["status"] = "completed"
        elif status == "cancelling":
            self._finish(batch, script.answered or 0)
            record["status"] = "cancelled"

    def _finish(self, batch: _Batch, answered: int) -> None:
        """Answer the first ``answered`` lines into the output and error files."""
        output: list[str] = []
        errors: list[str] = []
        for request in batch.lines[:answered]:
            line = answer_line(request["custom_id"], request["body"], self.responder)
            (output if json.loads(line)["response"]["status_code"] == 200 else errors).append(line)
        if batch.record["status"] == "expired":
            errors += [result_line(r["custom_id"], error={"code": "batch_expired", "message": "This request could not "
                       "be executed before the completion window expired."}) for r in batch.lines[answered:]]
        counts = {"total": len(batch.lines), "completed": len(output), "failed": len(errors)}
        batch.record.update(request_counts=counts, completed_at=int(time.time()))
        if output:
            batch.record["output_file_id"] = self._add_file("batch_output.jsonl", "".join(output).encode(), "batch_output")["id"]
        if errors:
            batch.record["error_file_id"] = self._add_file("batch_errors.jsonl", "".join(errors).encode(), "batch_output")["id"]

    # --- server -------------------------------------------------------------------------------

    @web.middleware
    async def _record(self, request: web.Request, handler):
        with self._lock:
            path = request.path if not request.path.startswith("/v1/batches/batch_") else "/v1/batches/ID" + (
                "/cancel" if request.path.endswith("/cancel") else "")
            self.calls.append(f"{request.method} {path}")
            self.headers.append(dict(request.headers))
        return await handler(request)

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=256 * 1024 * 1024, middlewares=[self._record])
        app.router.add_post("/v1/files", self._upload)
        app.router.add_get("/v1/files", self._list_files)
        app.router.add_get("/v1/files/{file_id}/content", self._content)
        app.router.add_post("/v1/batches", self._create)
        app.router.add_get("/v1/batches", self._list)
        app.router.add_get("/v1/batches/{batch_id}", self._retrieve)
        app.router.add_post("/v1/batches/{batch_id}/cancel", self._cancel)
        return app

    def start(self) -> "FakeBatchAPI":
        self.port = self._server.serve(self._app, self.host, self.port)
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> "FakeBatchAPI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": {"message": message, "type": "invalid_request_error", "code": None}}, status=status)
