"""Correcting briefs in the desk: the JSON API (under /api, in /docs) and the pages.

Every action is also a plain HTML form, so the common edits work without JavaScript; the page's
small script (static/correct.js) adds keys and takes a new row's offsets from a text selection.
Errors are one line; a stale version answers 409 with the current state.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Body, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ..render.html import highlight_segments
from ..core.schema import STANCES
from ..engines.llm.structured import first_validation_error
from .agreement import bullets_of, compare, default_picks, merge
from .api import desk_of, stored_or_404
from .corrections import (
    ADJUDICATED, Action, Conflict, Correction, CorrectionError, EditRow, NoSuchBrief, NotYours, Version, initial, row_diff,
)
from .editors import identify, store_of

api = APIRouter(prefix="/api", tags=["corrections"])
pages = APIRouter(include_in_schema=False)
VIEWS = ("corrected", "original", "diff")
_ACTION = TypeAdapter(Action)


# --- shared ------------------------------------------------------------------------------------


def _track(editor: str, track: str, *, writing: bool) -> str:
    """The track a request reads or writes: the editor's own by default; others' only to read."""
    track = (track or editor).strip()
    if track == "me":
        return editor
    if writing and track not in (editor, ADJUDICATED):
        raise NotYours(f"that is {track}'s version; corrections are per editor: correct your own, or adjudicate")
    return track


def _act(request: Request, brief_id: str, action) -> Version:
    editor = identify(request)
    track = _track(editor, action.track, writing=True)
    return store_of(request).act(brief_id, track, editor, action)


def _http(exc: CorrectionError) -> HTTPException:
    return HTTPException(getattr(exc, "status", 400), str(exc))


def _conflict_json(exc: Conflict) -> JSONResponse:
    return JSONResponse({"detail": str(exc), "current": exc.current.model_dump(mode="json")}, status_code=409)


# --- JSON API ----------------------------------------------------------------------------------


class Me(BaseModel):
    editor: str = Field(description="Who the desk takes you to be; corrections are stored under this name.")
    users: list[str] = Field(description="The desk's users (managed with 'summariser serve users').")


class TrackOut(BaseModel):
    track: str
    version: int
    checked: bool
    updated_at: str
    updated_by: str


class PickIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    editor: str = Field(max_length=40)
    row: str = Field(max_length=20)


class AdjudicationIn(BaseModel):
    """Rows picked from two editors' versions (in order) and whose bullets to keep."""

    model_config = ConfigDict(extra="forbid")

    editor_a: str = Field(max_length=40)
    editor_b: str = Field(max_length=40)
    base_version: int = Field(ge=0, description="The adjudicated track's version (0 when there is none yet).")
    rows: list[PickIn] = Field(max_length=120)
    bullets_from: str = Field(max_length=40, description="editor_a or editor_b.")


@api.get("/me", response_model=Me)
def me(request: Request) -> Me:
    """Who you are on this desk."""
    return Me(editor=identify(request), users=store_of(request).users())


@api.get("/briefs/{brief_id}/versions", response_model=list[TrackOut])
def versions(brief_id: str, request: Request) -> list[TrackOut]:
    """The brief's corrected versions: one per editor, and the adjudicated one."""
    stored_or_404(request, brief_id)
    return [TrackOut(**t) for t in store_of(request).tracks(brief_id)]


@api.get("/briefs/{brief_id}/corrected", response_model=Version)
def corrected(brief_id: str, request: Request,
              track: Annotated[str, Query(max_length=40, description="An editor's name or 'adjudicated'; empty: yours.")] = "") -> Version:
    """A corrected version: the original brief with that track's corrections replayed over it."""
    track = _track(identify(request), track, writing=False)
    try:
        return store_of(request).version(brief_id, track)
    except CorrectionError as exc:
        raise _http(exc) from None


@api.get("/briefs/{brief_id}/corrections", response_model=list[Correction])
def corrections_log(brief_id: str, request: Request,
                    track: Annotated[str, Query(max_length=40, description="Only this track; empty: all.")] = "") -> list[Correction]:
    """Every correction of the brief, oldest first: who, when, kind, row or bullet, before and after."""
    try:
        return store_of(request).log(brief_id, track or None)
    except CorrectionError as exc:
        raise _http(exc) from None


@api.get("/briefs/{brief_id}/diff")
def diff(brief_id: str, request: Request, track: Annotated[str, Query(max_length=40)] = "") -> dict:
    """Each row of a corrected version against the model's (unchanged, changed: before and after, deleted, added)."""
    state = corrected(brief_id, request, track)
    original = initial(brief_id, state.track, stored_or_404(request, brief_id).brief)
    rows = [{**d, "row": d["row"].model_dump(mode="json"), "changes": {k: _plain(v) for k, v in d["changes"].items()}}
            for d in row_diff(original, state)]
    bullets = [{"index": b.index, "before": o.text, "after": b.text, "wrong": b.wrong} for o, b in zip(original.bullets, state.bullets)]
    return {"track": state.track, "version": state.version, "checked": state.checked, "rows": rows, "bullets": bullets}


def _plain(pair: tuple) -> list:
    return [[e.model_dump(mode="json") for e in v] if isinstance(v, list) else v for v in pair]


@api.post("/briefs/{brief_id}/corrections", status_code=201, response_model=Version,
          responses={409: {"description": "Stale base_version: 'current' holds the version as it is now."}})
def correct(brief_id: str, request: Request, action: Annotated[Action, Body()]) -> Any:
    """Correct your version of a brief (or the adjudicated one): edit, delete, restore or add a row, fix or
    mark a bullet, mark the brief checked. Send the version you read as ``base_version``."""
    try:
        return _act(request, brief_id, action)
    except Conflict as exc:
        return _conflict_json(exc)
    except CorrectionError as exc:
        raise _http(exc) from None


@api.get("/briefs/{brief_id}/agreement")
def agreement(brief_id: str, request: Request, a: Annotated[str, Query(max_length=40)], b: Annotated[str, Query(max_length=40)]) -> dict:
    """Agreement of two editors' versions: actors, claims, stance (and Cohen's kappa), with the paired rows."""
    result = _compare(request, brief_id, a, b)
    pairs = [{"a": p.a.id, "b": p.b.id, "same": p.same} for p in result.pairs]
    return {**result.figures(), "pairs": pairs, "only_a": [r.id for r in result.only_a], "only_b": [r.id for r in result.only_b]}


def _compare(request: Request, brief_id: str, a: str, b: str):
    identify(request)
    store = store_of(request)
    if a == b:
        raise HTTPException(400, "compare two different editors' versions")
    try:
        return compare(store.version(brief_id, a), store.version(brief_id, b))
    except CorrectionError as exc:
        raise _http(exc) from None


@api.post("/briefs/{brief_id}/adjudication", status_code=201, response_model=Version,
          responses={409: {"description": "Stale base_version: 'current' holds the adjudicated version as it is now."}})
def adjudicate(brief_id: str, request: Request, body: AdjudicationIn) -> Any:
    """Write the adjudicated version: rows picked (or merged) from two editors' versions; export prefers it."""
    try:
        return _adjudicate(request, brief_id, body)
    except Conflict as exc:
        return _conflict_json(exc)
    except CorrectionError as exc:
        raise _http(exc) from None


def _adjudicate(request: Request, brief_id: str, body: AdjudicationIn) -> Version:
    editor, store = identify(request), store_of(request)
    names = (body.editor_a, body.editor_b)
    if ADJUDICATED in names or body.editor_a == body.editor_b:
        raise CorrectionError("adjudicate two different editors' versions")
    if body.bullets_from not in names:
        raise CorrectionError(f"bullets_from must be {body.editor_a} or {body.editor_b}")
    found = {name: store.version(brief_id, name) for name in names}
    if not any(v.version for v in found.values()):
        raise CorrectionError("neither editor has corrected this brief yet")
    rows = merge([(p.editor, p.row) for p in body.rows], found)
    return store.adjudicate(brief_id, editor, body.base_version, rows, bullets_of(found[body.bullets_from]))


@api.get("/desk-stats")
def desk_stats(request: Request, period: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
               checked_only: bool = False) -> dict:
    """Acceptance figures per backend, model and prompt, over time (see 'summariser eval desk-stats')."""
    from ..evals.desk_export import acceptance

    identify(request)
    return acceptance(desk_of(request).store.path, period=period, checked_only=checked_only)


# --- pages -------------------------------------------------------------------------------------


def _render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    from .pages import page

    return page(request, name, status, **context)


@pages.get("/briefs/{brief_id}/correct", response_class=HTMLResponse)
def correct_page(brief_id: str, request: Request, track: str = "", view: str = "corrected", saved: str = "") -> HTMLResponse:
    editor = identify(request)
    track = _track(editor, track[:40], writing=False)
    return _correct_page(request, brief_id, editor, track, view if view in VIEWS else "corrected", notice=_SAVED.get(saved, ""))


_SAVED = {"row.edit": "Row changed.", "row.delete": "Row deleted (it can be restored).", "row.restore": "Row restored.",
          "row.add": "Row added.", "bullet.edit": "Bullet saved.", "check": "Check mark saved.", "adjudicate": "Adjudicated version written."}


def _correct_page(request: Request, brief_id: str, editor: str, track: str, view: str, status: int = 200,
                  notice: str = "", error: str = "", state: Version | None = None, add: dict | None = None) -> HTMLResponse:
    stored = stored_or_404(request, brief_id)
    store = store_of(request)
    try:
        state = state or store.version(brief_id, track)
    except CorrectionError as exc:
        raise _http(exc) from None
    original = initial(brief_id, track, stored.brief)
    tracks = store.tracks(brief_id)
    editors = [t["track"] for t in tracks if t["track"] != ADJUDICATED]
    shown = original if view == "original" else state
    return _render(
        request, "correct.html.j2", status, stored=stored, brief=stored.brief, editor=editor, track=track, view=view,
        state=state, shown=shown, diff={d["id"]: d for d in row_diff(original, state)}, original=original,
        editable=view == "corrected" and (track == editor or (track == ADJUDICATED and state.version > 0)),
        tracks=tracks, others=[e for e in editors if e != editor], editors=editors, stances=STANCES,
        docs=_docs(stored, shown), notice=notice, error=error, add=add or {}, log=store.log(brief_id, track)[-30:][::-1],
    )


def _docs(stored, shown: Version) -> list[dict]:
    """Each article with the shown rows' quotes marked; ``crs`` lists the CR characters browsers drop
    before LF, so the page's script can turn a selection's offsets back into the article's."""
    items = [(f"q-{r.id}", e) for r in shown.live_rows() for e in r.evidence if e.verified]
    texts = stored.inputs.texts()
    docs = []
    for s in texts:
        mine = [(i, e) for i, e in items if e.source_id in ("", s.id) or len(texts) == 1]
        crs = [i for i, ch in enumerate(s.text) if ch == "\r" and s.text[i + 1:i + 2] == "\n"]
        docs.append({"source": s, "segments": highlight_segments(s.text, mine), "crs": ",".join(map(str, crs))})
    return docs


@pages.post("/briefs/{brief_id}/correct")
async def correct_form(brief_id: str, request: Request) -> Response:
    """Every correction form posts here; success goes back to the page at the row edited."""
    editor = identify(request)
    form = await request.form()
    values = {k: str(v) for k, v in form.items()}
    view = values.get("view", "corrected")
    track = _track(editor, values.get("track", "")[:40], writing=False)
    try:
        action = _ACTION.validate_python(_action_fields(values))
        state = _act(request, brief_id, action)
    except ValidationError as exc:
        return _correct_page(request, brief_id, editor, track, view, 400, error=_form_error(exc), add=_add_values(values))
    except Conflict as exc:
        return _correct_page(request, brief_id, editor, track, view, 409, error=f"{exc} (your edit: {_describe(action, exc.current)})",
                             state=exc.current, add=_add_values(values))
    except NoSuchBrief as exc:
        raise _http(exc) from None
    except CorrectionError as exc:
        return _correct_page(request, brief_id, editor, track, view, exc.status, error=str(exc), add=_add_values(values))
    row = values.get("row") or (state.rows[-1].id if action.kind == "row.add" and state.rows else "")
    anchor = f"#row-{row}" if row else "#bullet-{}".format(values["bullet"]) if values.get("bullet") else ""
    return RedirectResponse(f"/briefs/{brief_id}/correct?track={quote(track)}&saved={action.kind}{anchor}", 303)


def _describe(action, current: Version) -> str:
    """An action in a few words, to say which edit a conflict stopped (a row edit: the fields it changes)."""
    fields = action.model_dump(exclude={"kind", "base_version", "track", "quote"}, exclude_none=True)
    if action.kind == "row.edit" and any(r.id == action.row for r in current.rows):
        row = current.row(action.row)
        fields = {"row": action.row, **{k: v for k, v in fields.items() if k != "row" and getattr(row, k) != v}}
    return f"{action.kind} " + ", ".join(f"{k} {v}" for k, v in fields.items())


def _form_error(exc: ValidationError) -> str:
    """One line naming the form field at fault (without the action kind pydantic puts first)."""
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"] if not (isinstance(p, str) and "." in p)) or "form"
    return f"{where}: {error['msg']}"


def _action_fields(values: dict[str, str]) -> dict:
    """The action a form describes (empty optional fields left out)."""
    kind = values.get("kind", "")
    keep = {"row.edit": ("row", "actor", "role", "target", "stance"), "row.delete": ("row",), "row.restore": ("row",),
            "row.add": ("actor", "role", "target", "stance", "source_id", "start", "end", "quote"),
            "bullet.edit": ("bullet", "text", "wrong"), "check": ("checked",)}.get(kind, ())
    fields: dict[str, Any] = {"kind": kind, "base_version": values.get("base_version", ""), "track": values.get("track", "")}
    for name in keep:
        value = values.get(name)
        if value is not None and (value != "" or name in ("role", "quote")):
            fields[name] = value
    return fields


def _add_values(values: dict[str, str]) -> dict:
    return {k: values.get(k, "") for k in ("actor", "role", "target", "stance", "quote", "start", "end", "source_id")} if values.get("kind") == "row.add" else {}


@pages.get("/briefs/{brief_id}/agreement", response_class=HTMLResponse)
def agreement_page(brief_id: str, request: Request, a: str = "", b: str = "") -> HTMLResponse:
    identify(request)
    stored = stored_or_404(request, brief_id)
    tracks = store_of(request).tracks(brief_id)
    editors = [t["track"] for t in tracks if t["track"] != ADJUDICATED]
    a, b = a or (editors[0] if editors else ""), b or (editors[1] if len(editors) > 1 else "")
    if not a or not b:
        return _render(request, "agreement.html.j2", stored=stored, result=None, editors=editors, adjudicated=None, picks=[])
    result = _compare(request, brief_id, a, b)
    adjudicated = store_of(request).version(brief_id, ADJUDICATED)
    return _render(request, "agreement.html.j2", stored=stored, result=result, editors=editors, adjudicated=adjudicated,
                   picks=[f"{e}|{r}" for e, r in default_picks(result)])


@pages.post("/briefs/{brief_id}/adjudicate")
async def adjudicate_form(brief_id: str, request: Request) -> Response:
    form = await request.form()
    picks = [str(v) for k, v in form.multi_items() if (k.startswith("pair-") or k == "keep") and str(v)]
    try:
        body = AdjudicationIn(editor_a=str(form.get("a", "")), editor_b=str(form.get("b", "")),
                              base_version=int(str(form.get("base_version", "0")) or 0), bullets_from=str(form.get("bullets_from", "")),
                              rows=[PickIn(editor=p.partition("|")[0], row=p.partition("|")[2]) for p in picks])
        _adjudicate(request, brief_id, body)
    except (ValidationError, ValueError) as exc:
        message = first_validation_error(exc) if isinstance(exc, ValidationError) else "base_version must be a number"
        return _render(request, "error.html.j2", 400, message=message)
    except CorrectionError as exc:
        return _render(request, "error.html.j2", getattr(exc, "status", 400), message=str(exc))
    return RedirectResponse(f"/briefs/{brief_id}/correct?track={ADJUDICATED}&saved=adjudicate", 303)


__all__ = ["EditRow", "api", "pages"]
