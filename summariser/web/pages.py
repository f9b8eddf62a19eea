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

from ..ingest.documents import Document
from ..core.errors import SummariserError
from ..render import render, render_markdown
from ..render.html import brief_context
from .api import desk_of, error_status, job_or_404, job_status, stored_or_404
from .desk import MAX_ARTICLES, Desk, Options, Source
from .editors import USER_COOKIE, current as current_editor, login_name, store_of, user_cookie
from .security import COOKIE, cookie_value, new_nonce, page_csp

router = APIRouter(include_in_schema=False)
HERE = Path(__file__).parent
PASTE_BOXES = 3
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
        token_set=bool(request.app.state.token), editor_name=current_editor(request), **context,
    )
    return HTMLResponse(html, status_code=status, headers={"content-security-policy": page_csp(nonce)})


def _form_defaults(desk: Desk) -> dict:
    s = desk.settings
    return {"source": "text", "texts": [""] * PASTE_BOXES, "url": "", "story": "", "template": s.template,
            "words": s.words, "audience": s.audience, "language": s.language}


def _request_page(request: Request, status: int = 200, form: dict | None = None, error: str = "") -> HTMLResponse:
    desk = desk_of(request)
    return page(request, "request.html.j2", status, form=form or _form_defaults(desk), error=error,
                templates=desk.templates(), max_upload_kib=desk.max_upload_bytes // 1024, max_articles=MAX_ARTICLES)


@router.get("/", response_class=HTMLResponse)
def request_form(request: Request) -> HTMLResponse:
    return _request_page(request)


@router.post("/briefs")
async def submit_form(request: Request) -> Response:
    desk = desk_of(request)
    form = await request.form(max_part_size=desk.max_upload_bytes + 1024)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    sources = _sources_from_form(form, values.get("source", "text"), desk.max_upload_bytes)
    try:
        words = int(values["words"]) if values.get("words", "").strip() else None
        options = Options(values.get("template", ""), words, values.get("audience", ""), values.get("language", ""))
        job = desk.submit(sources, options, values.get("story", ""))
    except (SummariserError, ValueError) as exc:
        message = desk.runner.scrub(str(exc)) if isinstance(exc, SummariserError) else "length must be a whole number of words"
        return _request_page(request, 400, _refilled(desk, form, values), message)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _refilled(desk: Desk, form, values: dict) -> dict:
    """The form as the editor sent it, to show again with the error."""
    texts = [str(t) for t in form.getlist("text")]
    texts += [""] * (PASTE_BOXES - len(texts))
    return {**_form_defaults(desk), **values, "texts": texts}


def _sources_from_form(form, choice: str, limit: int) -> list[Source]:
    """The articles of the chosen kind; blank paste boxes and URL lines are left out."""
    if choice == "url":
        lines = [line.strip() for line in str(form.get("url", "")).splitlines()]
        return [Source(url=line) for line in lines if line] or [Source()]
    if choice == "file":
        uploads = [u for u in form.getlist("file") if isinstance(u, UploadFile) and u.filename]
        return [_uploaded(u, limit) for u in uploads] or [Source()]
    texts = [str(t) for t in form.getlist("text") if str(t).strip()]
    return [Source(text=t) for t in texts] or [Source()]


def _uploaded(upload: UploadFile, limit: int) -> Source:
    upload.file.seek(0)
    return Source(filename=upload.filename or "upload", data=upload.file.read(limit + 1))


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request) -> Response:
    job = job_or_404(request, job_id)
    if job.status == "done":
        return RedirectResponse(f"/briefs/{job.brief_id}", status_code=303)
    return page(request, "job.html.j2", job=job_status(job))


@router.post("/jobs/{job_id}/retry")
async def retry_form(job_id: str, request: Request) -> Response:
    """The Run again button: the job's stored request as a new job, then its progress page."""
    desk = desk_of(request)
    try:
        job = desk.retry(job_id)
    except SummariserError as exc:
        return page(request, "error.html.j2", error_status(exc), message=desk.runner.scrub(str(exc)))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/briefs/{brief_id}", response_class=HTMLResponse)
def brief_page(brief_id: str, request: Request) -> HTMLResponse:
    stored = stored_or_404(request, brief_id)
    texts = stored.inputs.texts()
    docs = [Document(id=s.id, text=s.text, title=s.title, url=s.url, kind=s.doc_kind) for s in texts]  # type: ignore[arg-type]
    return page(request, "brief_view.html.j2", stored=stored, sources=texts, **brief_context(stored.brief, docs))


def _download(body: str, media_type: str, filename: str) -> Response:
    return Response(body, media_type=media_type, headers={"content-disposition": f'attachment; filename="{filename}"'})


@router.get("/briefs/{brief_id}/export.md")
def export_markdown(brief_id: str, request: Request) -> Response:
    return _download(render_markdown(stored_or_404(request, brief_id).brief), "text/markdown; charset=utf-8", f"brief-{brief_id}.md")


@router.get("/briefs/{brief_id}/export.json")
def export_json(brief_id: str, request: Request) -> Response:
    body = render(stored_or_404(request, brief_id).brief, "json")
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
    from ..evals.desk_export import acceptance

    return page(request, "runs.html.j2", runs=desk.runs(), runs_dir=str(desk.runs_dir), acceptance=acceptance(desk.store.path))


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
    return page(request, "login.html.j2", next=_local(next), error="", ask_name=bool(store_of(request).users()), given_name="")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    token, target = str(form.get("token", "")), _local(str(form.get("next", "/")))
    expected = request.app.state.token
    given = str(form.get("name", ""))[:100]
    ask_name = bool(store_of(request).users())
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        return page(request, "login.html.j2", 401, next=target, error="wrong token; ask whoever runs the desk", ask_name=ask_name, given_name=given)
    name, error = login_name(request, given)
    if error:
        return page(request, "login.html.j2", 401, next=target, error=error, ask_name=ask_name, given_name=given)
    response = RedirectResponse(target, status_code=303)
    secure = request.url.scheme == "https"
    response.set_cookie(COOKIE, cookie_value(expected), httponly=True, samesite="strict", secure=secure, max_age=30 * 86400)
    if name:
        response.set_cookie(USER_COOKIE, user_cookie(expected, name), httponly=True, samesite="strict", secure=secure, max_age=30 * 86400)
    else:
        response.delete_cookie(USER_COOKIE)
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    response.delete_cookie(USER_COOKIE)
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
