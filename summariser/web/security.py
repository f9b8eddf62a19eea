"""Request guards for the web desk: body size limit, access token, same-origin writes, headers.

All are plain ASGI middleware so they sit in front of every route (pages, API, static files).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from http.cookies import SimpleCookie
from urllib.parse import quote, urlsplit

from ..core.redact import scrub

COOKIE = "summariser_token"
TOKEN_HEADER = b"x-summariser-token"
OPEN_PATHS = ("/login", "/static/", "/healthz")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def page_csp(nonce: str) -> str:
    """The Content-Security-Policy of the desk's own pages: scripts only from us or with the nonce."""
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def cookie_value(token: str) -> str:
    """What the login cookie holds: derived from the token, not the token itself."""
    return hmac.new(token.encode(), b"summariser web desk cookie", hashlib.sha256).hexdigest()


def scrubber(secret: str):
    """A function that removes ``secret`` (the API key) from any text shown to a user."""
    return lambda text: scrub(text, secret)


async def _send_json(send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, declared (Content-Length) or streamed."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE:
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > self.max_bytes:
                return await _send_json(send, 413, self._message())
            return await self.app(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_bytes:
                return await _send_json(send, 413, self._message())
        await self.app(scope, _replay(body, receive), send)

    def _message(self) -> str:
        return f"the request is larger than {self.max_bytes // 1024} KiB; send a smaller file or the article text only"


def _replay(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


class Guard:
    """Access token (when set), same-origin check on writes, and security headers on every answer."""

    def __init__(self, app, token: str = "") -> None:
        self.app = app
        self.token = token
        self.cookie = cookie_value(token) if token else ""

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        if scope["method"] in UNSAFE and _cross_site(headers):
            return await _send_json(send, 403, "cross-site request refused; use the desk's own pages or the API")
        if self.token and not scope["path"].startswith(OPEN_PATHS) and not self._authorised(headers):
            return await self._deny(scope, send)
        await self.app(scope, receive, _with_headers(send))

    def _authorised(self, headers: dict[bytes, bytes]) -> bool:
        given = headers.get(TOKEN_HEADER, b"").decode("latin-1")
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.lower().startswith("bearer "):
            given = given or auth[7:].strip()
        if given and hmac.compare_digest(given.encode(), self.token.encode()):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:
            return False
        value = cookie[COOKIE].value if COOKIE in cookie else ""
        return bool(value) and hmac.compare_digest(value.encode(), self.cookie.encode())

    async def _deny(self, scope, send) -> None:
        path = scope["path"]
        if path.startswith(("/api/", "/openapi.json")) or scope["method"] != "GET":
            return await _send_json(send, 401, "access token required: send 'Authorization: Bearer TOKEN' or log in at /login",
                                    [(b"www-authenticate", b"Bearer")])
        target = quote(path + ("?" + scope["query_string"].decode("latin-1") if scope["query_string"] else ""), safe="")
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", f"/login?next={target}".encode()), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})


def _cross_site(headers: dict[bytes, bytes]) -> bool:
    """A write sent by another site's page (CSRF): refused. Tools that send neither header pass."""
    fetch_site = headers.get(b"sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in (b"same-origin", b"none")
    origin = headers.get(b"origin", b"").decode("latin-1")
    if not origin:
        return False
    return origin == "null" or urlsplit(origin).netloc != headers.get(b"host", b"").decode("latin-1")


def _with_headers(send):
    extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]

    async def wrapped(message):
        if message["type"] == "http.response.start":
            names = {k.lower() for k, _ in message.get("headers", [])}
            message = dict(message, headers=list(message.get("headers", [])) + [h for h in extra if h[0] not in names])
        await send(message)

    return wrapped
