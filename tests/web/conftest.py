"""Fixtures for the web desk tests."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

import pytest

from web_fixtures import ARTICLE_HTML, XSS_ARTICLE, _Handler, _send


@pytest.fixture
def article_server():
    """An HTTP server on 127.0.0.1 serving an article page, redirects, large and stalled bodies."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.hits = []  # type: ignore[attr-defined]
    release = threading.Event()
    port = server.server_address[1]

    def stall(h):
        release.wait(30)
        _send(h, b"late")

    def chunked(h):
        h.send_response(200)
        h.send_header("Content-Type", "text/plain")
        h.end_headers()
        for _ in range(40):
            h.wfile.write(b"x" * 1024)
        h.close_connection = True

    server.routes = {  # type: ignore[attr-defined]
        "/article": lambda h: _send(h, ARTICLE_HTML.encode()),
        "/text": lambda h: _send(h, XSS_ARTICLE.encode(), "text/plain; charset=utf-8"),
        "/to-article": lambda h: _send(h, b"", status=302, headers={"Location": "/article"}),
        "/to-loopback2": lambda h: _send(h, b"", status=302, headers={"Location": f"http://127.0.0.2:{port}/article"}),
        "/to-ipv6": lambda h: _send(h, b"", status=302, headers={"Location": f"http://[::1]:{port}/article"}),
        "/loop": lambda h: _send(h, b"", status=302, headers={"Location": "/loop"}),
        "/big": lambda h: _send(h, b"x" * 40960, "text/plain"),
        "/big-chunked": chunked,
        "/stall": stall,
        "/missing": lambda h: _send(h, b"gone", status=410),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.base = f"http://127.0.0.1:{port}"  # type: ignore[attr-defined]
    yield server
    release.set()
    server.shutdown()
    server.server_close()
