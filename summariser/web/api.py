"""The JSON API under /api: the desk's actions for newsroom tools, documented at /docs."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from ..core.errors import SummariserError
from ..render import render_markdown
from ..core.schema import Brief
from .desk import MAX_ARTICLES, MAX_STORY_NAME, Desk, Options, Source
from .jobs import DeskBusy, Job, NoSuchJob, NotRetryable
from .store import Listing

router = APIRouter(prefix="/api")
BRIEFS: list[str | Enum] = ["briefs"]  # FastAPI's type for tags


class ArticleIn(BaseModel):
    """One article of a story: exactly one of ``text`` and ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(default="", description="The article text.")
    url: str = Field(default="", description="An http(s) address of the article.")


class BriefRequest(BaseModel):
    """Ask for a brief of pasted text or a web page (exactly one of ``text`` and ``url``), or one merged
    brief of several articles on one story (``articles``, with an optional ``story`` name). Unknown
    fields are refused (422), so a misspelt option is not silently ignored."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(default="", description="The article text.")
    url: str = Field(default="", description="An http(s) address of the article; private addresses are refused unless the server allows them.")
    articles: list[ArticleIn] = Field(default=[], description=f"Several articles on one story, briefed as one (at most {MAX_ARTICLES}); instead of text and url.")
    story: str = Field(default="", max_length=MAX_STORY_NAME, description="The story's name, for a brief of several articles.")
    template: str = Field(default="", description="Prompt template name (model backends); empty: the configured one.")
    words: int | None = Field(default=None, ge=10, le=2000, description="Target summary length in words.")
    audience: str = Field(default="", max_length=200, description="Who the brief is for.")
    language: str = Field(default="", max_length=60, description="Language of the brief.")


class JobStatus(BaseModel):
    """Where a brief request has got to. Poll until ``status`` is done, error or interrupted."""

    id: str
    status: Literal["queued", "running", "done", "error", "interrupted"] = Field(
        description="'interrupted': the desk stopped before the job finished; POST retry_url to run it again.")
    stage: str = Field(description="What the job is doing now, for people.")
    label: str = Field(description="The input: 'pasted text', a file name or a URL; for a story, its name and articles.")
    elapsed_s: float
    brief_id: str | None = Field(default=None, description="The stored brief, once done.")
    brief_url: str | None = Field(default=None, description="The brief's page, once done.")
    error: str | None = Field(default=None, description="One-line reason, when the job failed or was interrupted.")
    status_url: str
    retry_url: str | None = Field(default=None, description="POST here to run an interrupted or failed job again (a new job).")


class SourceOut(BaseModel):
    """One article of a brief; evidence with this ``source_id`` has offsets into ``text``."""

    id: str
    kind: Literal["text", "upload", "url"]
    name: str = Field(description="'pasted text', the file name or the URL given.")
    title: str
    url: str
    doc_kind: str
    text: str


class BriefInputs(BaseModel):
    """What a stored brief was made from."""

    source_kind: Literal["text", "upload", "url", "story"]
    source_name: str
    title: str = Field(description="The article's title; for a story, the story name given (may be empty).")
    url: str
    doc_kind: str
    article: str = Field(description="The article text; the brief's character offsets refer to it. Empty for a story: see sources.")
    options: dict
    sources: list[SourceOut] = Field(description="Every article, with the id its evidence names (one, 'article', for a single article).")


class StoredBriefOut(BaseModel):
    id: str
    created_at: str
    inputs: BriefInputs
    brief: Brief


class RunOut(BaseModel):
    name: str
    modified: str
    report_url: str
    summary_url: str
    summary: dict


class DeskInfo(BaseModel):
    """How this desk makes briefs (never any key)."""

    backend: str
    model: str
    offline_default: bool = Field(description="True when no model is configured and the offline engine runs.")
    templates: list[str]
    max_upload_bytes: int


def desk_of(request: Request) -> Desk:
    return request.app.state.desk


def job_status(job: Job) -> JobStatus:
    return JobStatus(
        id=job.id, status=job.status, stage=job.stage, label=job.label, elapsed_s=job.elapsed_s,  # type: ignore[arg-type]
        brief_id=job.brief_id, brief_url=f"/briefs/{job.brief_id}" if job.brief_id else None, error=job.error,
        status_url=f"/api/jobs/{job.id}", retry_url=f"/api/jobs/{job.id}/retry" if job.retryable else None,
    )


def error_status(exc: SummariserError) -> int:
    """The HTTP status of a refused request: 404 no such job, 409 not retryable, 503 busy, else 400."""
    for kind, status in ((NoSuchJob, 404), (NotRetryable, 409), (DeskBusy, 503)):
        if isinstance(exc, kind):
            return status
    return 400


def _submit(desk: Desk, sources: list[Source], options: Options, story: str = "") -> JobStatus:
    try:
        return job_status(desk.submit(sources, options, story))
    except SummariserError as exc:
        raise HTTPException(error_status(exc), desk.runner.scrub(str(exc))) from None


@router.post("/briefs", status_code=202, response_model=JobStatus, tags=BRIEFS)
async def request_brief(body: BriefRequest, request: Request) -> JobStatus:
    """Start a brief of pasted text, a URL, or several articles on one story; poll ``status_url`` for the result."""
    options = Options(body.template, body.words, body.audience, body.language)
    if body.articles and (body.text or body.url):
        raise HTTPException(400, "give either text or url for one article, or articles for a story, not both")
    sources = [Source(text=a.text, url=a.url) for a in body.articles] or [Source(text=body.text, url=body.url)]
    return _submit(desk_of(request), sources, options, body.story)


@router.post("/briefs/upload", status_code=202, response_model=JobStatus, tags=BRIEFS)
async def upload_brief(
    request: Request,
    file: Annotated[list[UploadFile], File(description=f"A .txt, .md or .html article; repeat the field for one brief of several articles on one story (at most {MAX_ARTICLES}).")],
    story: Annotated[str, Form(max_length=MAX_STORY_NAME)] = "",
    template: Annotated[str, Form()] = "",
    words: Annotated[int | None, Form(ge=10, le=2000)] = None,
    audience: Annotated[str, Form(max_length=200)] = "",
    language: Annotated[str, Form(max_length=60)] = "",
) -> JobStatus:
    """Start a brief of one uploaded file, or one brief of several (a story); poll ``status_url`` for the result."""
    desk = desk_of(request)
    sources = [Source(filename=f.filename or "upload", data=await f.read(desk.max_upload_bytes + 1)) for f in file]
    return _submit(desk, sources, Options(template, words, audience, language), story)


@router.get("/jobs/{job_id}", response_model=JobStatus, tags=BRIEFS)
async def get_job(job_id: str, request: Request) -> JobStatus:
    """The status of a brief request."""
    return job_status(job_or_404(request, job_id))


@router.post("/jobs/{job_id}/retry", status_code=202, response_model=JobStatus, tags=BRIEFS)
async def retry_job(job_id: str, request: Request) -> JobStatus:
    """Run an interrupted or failed job again from its stored request, as a new job; poll its ``status_url``."""
    desk = desk_of(request)
    try:
        return job_status(desk.retry(job_id))
    except SummariserError as exc:
        raise HTTPException(error_status(exc), desk.runner.scrub(str(exc))) from None


@router.get("/briefs", response_model=list[Listing], tags=BRIEFS)
def list_briefs(
    request: Request,
    q: Annotated[str, Query(description="Text in the headline, article or brief.")] = "",
    actor: Annotated[str, Query(description="Part of an actor's name in the stance table.")] = "",
    date_from: Annotated[str, Query(description="Made on or after this day, YYYY-MM-DD (UTC).")] = "",
    date_to: Annotated[str, Query(description="Made on or before this day, YYYY-MM-DD (UTC).")] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[Listing]:
    """Stored briefs, newest first, filtered by text, actor and date."""
    try:
        rows = desk_of(request).store.search(q, actor, date_from, date_to, limit)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    return rows


def stored_or_404(request: Request, brief_id: str):
    """The stored brief, or a 404 saying it may have been deleted."""
    stored = desk_of(request).store.get(brief_id)
    if stored is None:
        raise HTTPException(404, f"no brief {brief_id}; it may have been deleted")
    return stored


def job_or_404(request: Request, job_id: str):
    """The job, or a 404 saying it may have been pruned."""
    job = desk_of(request).runner.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}; it may have been pruned from the store")
    return job


@router.get("/briefs/{brief_id}", response_model=StoredBriefOut, tags=BRIEFS)
def get_brief(brief_id: str, request: Request) -> StoredBriefOut:
    """A stored brief with its inputs."""
    stored = stored_or_404(request, brief_id)
    inputs = stored.inputs
    sources = [SourceOut(**vars(s)) for s in inputs.texts()]
    fields = {k: v for k, v in vars(inputs).items() if k != "sources"}
    return StoredBriefOut(id=stored.id, created_at=stored.created_at, inputs=BriefInputs(**fields, sources=sources), brief=stored.brief)


@router.get("/briefs/{brief_id}/markdown", response_class=PlainTextResponse, tags=BRIEFS)
def get_brief_markdown(brief_id: str, request: Request) -> PlainTextResponse:
    """A stored brief as Markdown."""
    return PlainTextResponse(render_markdown(stored_or_404(request, brief_id).brief), media_type="text/markdown; charset=utf-8")


@router.delete("/briefs/{brief_id}", status_code=204, tags=BRIEFS)
def delete_brief(brief_id: str, request: Request) -> Response:
    """Delete a stored brief."""
    if not desk_of(request).store.delete(brief_id):
        raise HTTPException(404, f"no brief {brief_id}; it may have been deleted already")
    return Response(status_code=204)


@router.get("/runs", response_model=list[RunOut], tags=["evals"])
def list_runs(request: Request) -> list[RunOut]:
    """Evaluation runs (folders with report.html and summary.json), newest first."""
    return [RunOut(name=r.name, modified=r.modified, summary=r.summary, report_url=f"/runs/{r.name}/report.html",
                   summary_url=f"/runs/{r.name}/summary.json") for r in desk_of(request).runs()]


@router.get("/info", response_model=DeskInfo, tags=["desk"])
def info(request: Request) -> DeskInfo:
    """The backend and model this desk uses, and its limits."""
    desk = desk_of(request)
    backend, by_default = desk.backend()
    model = desk.settings.model if backend != "extractive" else f"extractive/{desk.settings.extractive_mode}"
    return DeskInfo(backend=backend, model=model, offline_default=by_default, templates=desk.templates(),
                    max_upload_bytes=desk.max_upload_bytes)
