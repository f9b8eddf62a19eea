"""A stand-in for llama.cpp's ``llama-server`` for fast tests of the local backend's lifecycle.

It takes the same ``--host``/``--port``/``--model`` arguments (ignoring the rest), answers
``/health`` (503 while "loading", then 200) and ``/v1/chat/completions`` with the extractive
engine's draft of the article. ``FAKE_LLAMA_MODE`` picks a behaviour:

- ``ok`` (default): as above.
- ``slow``: completions never finish (for interrupt tests).
- ``never-ready``: ``/health`` answers 503 forever.
- ``crash``: prints an error and exits 1 before listening.
- ``stubborn``: as ``ok`` but ignores SIGTERM (only SIGKILL stops it).
- ``truncate-once``: the first completion is cut off (``finish_reason: length``).

``FAKE_LLAMA_REQUESTS``: append every completion request body to this file as a JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .fake_openai import Reply, _completion, article_from_request, extractive_responder

LOADING_POLLS = 2


class _State:
    health_polls = 0
    completions = 0
    lock = threading.Lock()


def _reply_for(body: dict, mode: str) -> Reply:
    with _State.lock:
        _State.completions += 1
        first = _State.completions == 1
    if mode == "slow":
        time.sleep(3600)
    if mode == "truncate-once" and first:
        return Reply.truncated()
    is_reduce = body.get("response_format", {}).get("json_schema", {}).get("name") == "MergeDraft"
    if not article_from_request(body) and not is_reduce:
        return Reply(content='{"headline": "", "summary": [], "stance_table": [], "what_to_watch": []}')
    return extractive_responder(body)


class _Handler(BaseHTTPRequestHandler):
    mode = "ok"

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write("fake-llama-server: " + format % args + "\n")

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path != "/health":
            self._send(404, {"error": "not found"})
            return
        with _State.lock:
            _State.health_polls += 1
            loading = self.mode == "never-ready" or _State.health_polls <= LOADING_POLLS
        self._send(503 if loading else 200, {"error": "Loading model"} if loading else {"status": "ok"})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        log_path = os.environ.get("FAKE_LLAMA_REQUESTS")
        if log_path:
            with open(log_path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(body) + "\n")
        reply = _reply_for(body, self.mode)
        self._send(200, _completion(body, reply))


def main(argv: list[str] | None = None) -> int:
    """Run the fake server until SIGTERM (or SIGKILL in ``stubborn`` mode)."""
    parser = argparse.ArgumentParser(prog="fake-llama-server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--model", "-m", default="")
    args, _ = parser.parse_known_args(argv)
    mode = os.environ.get("FAKE_LLAMA_MODE", "ok")
    if mode == "crash":
        sys.stderr.write(f"error: failed to load model '{args.model}'\n")
        return 1
    signal.signal(signal.SIGTERM, signal.SIG_IGN if mode == "stubborn" else lambda *_: sys.exit(0))
    _Handler.mode = mode
    server = ThreadingHTTPServer((args.host, args.port), _Handler)
    server.daemon_threads = True
    sys.stderr.write(f"fake-llama-server: listening on {args.host}:{args.port}\n")
    sys.stderr.flush()
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
