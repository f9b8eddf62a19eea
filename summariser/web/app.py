"""The web desk application: ``create_app(settings, store_path, ...)`` returns an ASGI app.

Pages for editors and a JSON API under /api (documented at /docs, served without any CDN), both
over the same :class:`~summariser.web.desk.Desk`: the CLI's settings and pipeline, a SQLite
brief store, background jobs and a guarded URL fetcher.
"""

from __future__ import annotations

import ipaddress
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..core.settings import Settings
from . import api, correct, pages
from .corrections import CorrectionStore
from .desk import Desk
from .fetch import FetchPolicy
from .jobs import JobRunner
from .security import BodyLimit, Guard, scrubber
from .store import BriefStore, default_store_path

MAX_UPLOAD_BYTES = 2 * 2**20
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


def create_app(
    settings: Settings,
    store_path: str | Path | None = None,
    *,
    runs_dir: str | Path = "runs",
    token: str = "",
    fetch_policy: FetchPolicy | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    concurrency: int = 2,
    allowed_hosts: list[str] | None = None,
    shutdown_grace_s: float | None = 30.0,
    user: str = "",
):
    """The desk as an ASGI app.

    ``store_path``: the SQLite file (default: the user data directory). ``token``: when set, every
    page and API call needs it (``Authorization: Bearer``, ``X-Summariser-Token`` or the login
    cookie). ``fetch_policy``: which addresses URLs may point at (default: public only).
    ``allowed_hosts``: Host header values accepted (guards a loopback server against DNS rebinding).
    Jobs are recorded in the store: those a previous process left unfinished are marked interrupted
    now; at shutdown, jobs still unfinished after ``shutdown_grace_s`` seconds are marked interrupted.
    ``user``: the editor's name on a desk without a token (default: the OS user name).
    """
    from .editors import default_user

    store = BriefStore(store_path or default_store_path())
    runner = JobRunner(concurrency=concurrency, scrub=scrubber(settings.api_key), journal=store)
    runner.recover()
    desk = Desk(settings, store, Path(runs_dir), fetch_policy or FetchPolicy(), runner, max_upload_bytes)

    @asynccontextmanager
    async def lifespan(app):
        yield
        await runner.shutdown(shutdown_grace_s)

    app = FastAPIOffline(
        title="summariser web desk", version=__version__, lifespan=lifespan,
        description="Request, read, check and keep briefs of news articles. Requests run in the background: "
                    "POST a brief request, then poll the job's status_url.",
    )
    app.state.desk = desk
    app.state.token = token
    app.state.corrections = CorrectionStore(store.path)
    app.state.default_user = default_user(user)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    app.include_router(api.router)
    app.include_router(correct.api)
    app.include_router(pages.router)
    app.include_router(correct.pages)
    _error_handlers(app, runner.scrub)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(Guard, token=token)
    app.add_middleware(BodyLimit, max_bytes=max_upload_bytes + 64 * 1024)
    return app


def _error_handlers(app, scrub) -> None:
    """Errors as one line: JSON for the API, a small page for people."""

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        detail = scrub(str(exc.detail))
        if request.url.path.startswith("/api/") or request.method != "GET":
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)
        return pages.page(request, "error.html.j2", exc.status_code, message=detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"detail": scrub(problems) + "; see /docs for the request format"}, status_code=422)


def hosts_for(host: str) -> list[str] | None:
    """Host headers to accept when serving on ``host``: loopback names for a loopback address, else any."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    return LOOPBACK_HOSTS if loopback else None
