"""Shared pieces of the web desk tests: articles, job polling, settings, a local article server."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from summariser.config import Settings, validate

ARTICLE_HTML = (
    "<html><head><title>Council backs new bridge</title></head><body><article><h1>Council backs new bridge</h1>"
    "<p>The city council voted on Tuesday to build a new bridge over the river, a project expected to cost "
    "40 million euros and to take four years.</p>"
    "<p>\u201cThis bridge will connect two halves of our city,\u201d said Maria Lopez, the mayor, after the vote.</p>"
    "<p>Opposition councillor Peter Hall said the council should spend the money on schools instead. "
    "\u201cWe are building a monument, not a future,\u201d Hall told reporters.</p>"
    "<p>Construction is due to start next spring, once the final design is approved by the regional government.</p>"
    "</article></body></html>"
)

XSS_ARTICLE = (
    "Minister warns of attack\n\n"
    "\u201c<script>alert(1)</script> is not a threat to anyone,\u201d said Jane Smith, the security minister.\n\n"
    "The opposition leader, Tom Brown, said the government should act now. \u201cWe cannot wait,\u201d Brown told reporters.\n"
)


def wait_job(client, status_url: str, rounds: int = 600) -> dict:
    """Poll a job's status until it is done, failed or interrupted (bounded; no timing is asserted)."""
    for _ in range(rounds):
        job = client.get(status_url).json()
        if job["status"] in ("done", "error", "interrupted"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job did not finish: {job}")


def model_settings(base_url: str, **kw) -> Settings:
    """Settings for the fake OpenAI-compatible server, built without reading env or config."""
    return validate(Settings(base_url=base_url, model="fake-model", max_retries=0, timeout_s=20, **kw))


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        route = self.server.routes.get(self.path.split("?")[0])  # type: ignore[attr-defined]
        if route is None:
            self.send_error(404)
            return
        route(self)

    def log_message(self, *args) -> None:
        pass


def _send(handler, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, headers=None, length=True) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
