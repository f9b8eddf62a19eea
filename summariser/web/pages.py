"""The desk's HTML pages: request form, progress, brief view, history, eval runs, login.

Templates are Jinja2 with autoescape on, so article text and model output always show as text.
The brief view extends the CLI's own ``brief.html.j2`` (same highlighting, same quote links).
"""

from __future__ import annotations

import hmac
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from ..documents import Document
from ..errors import SummariserError
from ..render import render_markdown
from ..render.html import brief_context
from .api import desk_of, job_status
from .desk import Desk, Options, Source
from .security import COOKIE, cookie_value, new_nonce, page_csp

router = APIRouter(include_in_schema=False)
HERE = Path(__file__).parent
RENDER_TEMPLATES = HERE.parent / "render" / "templates"


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(HERE / "templates"), str(RENDER_TEMPLATES)]),
        autoescape=True, undefined=jinja2.StrictUndefined,
    )


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """Render a page with a fresh CSP nonce; the desk's settings (and so any key) are never passed."""
    nonce = new_nonce()
    desk = desk_of(request)
    backend, by_default = desk.backend()
    html = _env().get_template(name).render(
        csp_nonce=nonce, path=request.url.path, backend=backend, offline_default=by_default,
        engine=backend if backend == "extractive" else f"{backend} / {desk.settings.model}",
        token_set=bool(request.app.state.token), **context,
    )
    return HTMLResponse(html, status_code=status, headers={"content-security-policy": page_csp(nonce)})


def _form_defaults(desk: Desk) -> dict:
    s = desk.settings
    return {"source": "text", "text": "", "url": "", "template": s.template, "words": s.words,
            "audience": s.audience, "language": s.language}


@router.get("/", response_class=HTMLResponse)
def request_form(request: Request) -> HTMLResponse:
    desk = desk_of(request)
    return page(request, "request.html.j2", form=_form_defaults(desk), error="", templates=desk.templates(),
                max_upload_kib=desk.max_upload_bytes // 1024)


@router.post("/briefs")
async def submit_form(request: Request) -> Response:
    desk = desk_of(request)
    form = await request.form(max_part_size=desk.max_upload_bytes + 1024)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    source = _source_from_form(form, values.get("source", "text"), desk.max_upload_bytes)
    try:
        words = int(values["words"]) if values.get("words", "").strip() else None
        options = Options(values.get("template", ""), words, values.get("audience", ""), values.get("language", ""))
        job = desk.submit(source, options)
    except (SummariserError, ValueError) as exc:
        message = desk.runner.scrub(str(exc)) if isinstance(exc, SummariserError) else "length must be a whole number of words"
        return page(request, "request.html.j2", 400, form={**_form_defaults(desk), **values}, error=message,
                    templates=desk.templates(), max_upload_kib=desk.max_upload_bytes // 1024)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _source_from_form(form, choice: str, limit: int) -> Source:
    if choice == "url":
        return Source(url=str(form.get("url", "")).strip())
    upload = form.get("file")
    if choice == "file" and isinstance(upload, UploadFile) and upload.filename:
        upload.file.seek(0)
        return Source(filename=upload.filename, data=upload.file.read(limit + 1))
    if choice == "file":
        return Source()
    return Source(text=str(form.get("text", "")))


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request) -> Response:
    job = desk_of(request).runner.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}; it may be from before the server restarted")
    if job.status == "done":
        return RedirectResponse(f"/briefs/{job.brief_id}", status_code=303)
    return page(request, "job.html.j2", job=job_status(job))


def _stored(request: Request, brief_id: str):
    stored = desk_of(request).store.get(brief_id)
    if stored is None:
        raise HTTPException(404, f"no brief {brief_id}; it may have been deleted")
    return stored


@router.get("/briefs/{brief_id}", response_class=HTMLResponse)
def brief_page(brief_id: str, request: Request) -> HTMLResponse:
    stored = _stored(request, brief_id)
    inputs = stored.inputs
    doc = Document(id="article", text=inputs.article, title=inputs.title, url=inputs.url, kind=inputs.doc_kind)  # type: ignore[arg-type]
    return page(request, "brief_view.html.j2", stored=stored, **brief_context(stored.brief, [doc]))


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"content-disposition": f'attachment; filename="{filename}"'})


@router.get("/briefs/{brief_id}/export.md")
def export_markdown(brief_id: str, request: Request) -> Response:
    return _download(render_markdown(_stored(request, brief_id).brief), "text/markdown; charset=utf-8", f"brief-{brief_id}.md")


@router.get("/briefs/{brief_id}/export.json")
def export_json(brief_id: str, request: Request) -> Response:
    body = _stored(request, brief_id).brief.model_dump_json(indent=2) + "\n"
    return _download(body, "application/json", f"brief-{brief_id}.json")


@router.post("/briefs/{brief_id}/delete")
def delete_form(brief_id: str, request: Request) -> Response:
    desk_of(request).store.delete(brief_id)
    return RedirectResponse("/history?deleted=1", status_code=303)


@router.get("/history", response_class=HTMLResponse)
def history(request: Request, q: str = "", actor: str = "", date_from: str = "", date_to: str = "", deleted: str = "") -> HTMLResponse:
    error = ""
    try:
        rows = desk_of(request).store.search(q, actor, date_from, date_to)
    except ValueError as exc:
        rows, error = [], str(exc)
    query = {"q": q, "actor": actor, "date_from": date_from, "date_to": date_to}
    return page(request, "history.html.j2", rows=rows, query=query, error=error, deleted=bool(deleted))


@router.get("/runs", response_class=HTMLResponse)
def runs(request: Request) -> HTMLResponse:
    desk = desk_of(request)
    return page(request, "runs.html.j2", runs=desk.runs(), runs_dir=str(desk.runs_dir))


@router.get("/runs/{name}/{filename}")
def run_file(name: str, filename: str, request: Request) -> Response:
    path = desk_of(request).run_file(name, filename)
    if path is None:
        raise HTTPException(404, f"no {filename} in run {name}")
    # A report is someone else's HTML: let it run its scripts, but in a sandbox with no access to the desk.
    headers = {"content-security-policy": "sandbox allow-scripts allow-popups"}
    return FileResponse(path, headers=headers, media_type="text/html" if filename.endswith(".html") else "application/json")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return page(request, "login.html.j2", next=_local(next), error="")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    token, target = str(form.get("token", "")), _local(str(form.get("next", "/")))
    expected = request.app.state.token
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        return page(request, "login.html.j2", 401, next=target, error="wrong token; ask whoever runs the desk")
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, cookie_value(expected), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", max_age=30 * 86400)
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


@router.get("/healthz")
def healthz() -> dict:
    return {"ok": True}


def _local(target: str) -> str:
    """Only same-site paths as a post-login destination (no open redirect)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
