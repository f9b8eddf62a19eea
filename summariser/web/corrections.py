"""Editors' corrections of stored briefs: actions, replay, and their SQLite tables.

The model's brief is never changed. Each correction is one row of the append-only ``corrections``
table (who, when, what kind, which row or bullet, the row or bullet before and after, and the
version it was made on). Corrections belong to a *track*: one per editor (an editor's own
corrected version of the brief) plus the shared ``adjudicated`` track, which starts with an
``adjudicate`` correction that picks rows from two editors' versions. A track's state is derived by
replaying its corrections over the original brief (:func:`replay`); ``brief_versions`` keeps each
track's version number (how many corrections it has) and checked flag for quick listing.

Optimistic concurrency: every action names the version it was made on (``base_version``); an
action on an older version is refused with :class:`Conflict`, which carries the current state.
Each action is one ``BEGIN IMMEDIATE`` transaction, so nothing is ever stored half.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime, UTC
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..core.errors import InputError
from ..grounding.quotes import speaker_near
from ..core.schema import Brief, Evidence, Stance

ADJUDICATED = "adjudicated"
ROW_FIELDS = ("actor", "role", "target", "stance")
MAX_ACTOR, MAX_ROLE, MAX_TARGET, MAX_BULLET, MAX_QUOTE = 200, 200, 500, 1000, 2000
MAX_ROWS = 60

SCHEMA = """
CREATE TABLE IF NOT EXISTS desk_users (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    brief_id TEXT NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
    track TEXT NOT NULL,
    editor TEXT NOT NULL,
    created_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    before TEXT,
    after TEXT,
    base_version INTEGER NOT NULL,
    UNIQUE (brief_id, track, base_version)
);
CREATE TABLE IF NOT EXISTS brief_versions (
    brief_id TEXT NOT NULL REFERENCES briefs(id) ON DELETE CASCADE,
    track TEXT NOT NULL,
    version INTEGER NOT NULL,
    checked INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (brief_id, track)
);
CREATE INDEX IF NOT EXISTS corrections_brief ON corrections(brief_id, track, id);
"""


class CorrectionError(InputError):
    """A correction that cannot be made as asked (HTTP 400)."""

    status = 400


class NoSuchBrief(CorrectionError):
    status = 404


class NotYours(CorrectionError):
    status = 403


class Conflict(CorrectionError):
    """The action was made on an older version of the track; ``current`` is the state now."""

    status = 409

    def __init__(self, message: str, current: "Version") -> None:
        super().__init__(message)
        self.current = current


# --- the state of a track --------------------------------------------------------------------


SpeakerCheck = Literal["ok", "not_near_quote", "unchecked"]


class EditRow(BaseModel):
    """A stance row of a corrected brief; ``id`` is ``rN`` for the model's Nth row, else an editor's row."""

    id: str
    actor: str
    role: str = ""
    target: str
    stance: Stance
    evidence: list[Evidence] = Field(default_factory=list)
    origin: Literal["model", "editor"] = "model"
    deleted: bool = False
    speaker_check: SpeakerCheck = "unchecked"


class EditBullet(BaseModel):
    """A summary bullet: its text (perhaps fixed) and whether an editor marked it wrong."""

    index: int
    text: str
    wrong: bool = False


class Version(BaseModel):
    """One track of a brief: the original with that track's corrections replayed over it."""

    brief_id: str
    track: str
    version: int = Field(description="How many corrections the track has; send it back as base_version.")
    checked: bool = False
    rows: list[EditRow]
    bullets: list[EditBullet]
    updated_at: str | None = None
    updated_by: str | None = None

    def row(self, row_id: str) -> EditRow:
        """The row with this id, or a CorrectionError naming the rows there are."""
        for row in self.rows:
            if row.id == row_id:
                return row
        raise CorrectionError(f"no row {row_id!r} in this brief; rows are {', '.join(r.id for r in self.rows) or 'none'}")

    def live_rows(self) -> list[EditRow]:
        return [r for r in self.rows if not r.deleted]


def initial(brief_id: str, track: str, brief: Brief) -> Version:
    """A track before any correction: the model's rows (ids r1, r2 ...) and bullets."""
    rows = [EditRow(id=f"r{n}", actor=r.actor, role=r.role, target=r.target, stance=r.stance,
                    evidence=r.evidence, speaker_check=r.speaker_check) for n, r in enumerate(brief.stance_table, 1)]
    bullets = [EditBullet(index=i, text=p.text) for i, p in enumerate(brief.summary)]
    return Version(brief_id=brief_id, track=track, version=0, rows=rows, bullets=bullets)


class Correction(BaseModel):
    """One stored correction: the log entry that :func:`apply` replays."""

    id: int = 0
    brief_id: str
    track: str
    editor: str
    created_at: str
    kind: str
    target: str = Field(description="The row id, the bullet index, or '' for the whole brief.")
    before: dict | None
    after: dict | None
    base_version: int


def apply(state: Version, c: Correction) -> Version:
    """``state`` with correction ``c`` replayed over it (a new object)."""
    new = state.model_copy(deep=True)
    if c.kind in ("row.edit", "row.delete", "row.restore"):
        rows = [EditRow.model_validate(c.after) if r.id == c.target else r for r in new.rows]
        new.rows = rows
    elif c.kind == "row.add":
        new.rows.append(EditRow.model_validate(c.after))
    elif c.kind == "bullet.edit":
        new.bullets[int(c.target)] = EditBullet.model_validate(c.after)
    elif c.kind == "check":
        new.checked = bool((c.after or {}).get("checked"))
    elif c.kind == "adjudicate":
        after = c.after or {}
        new.rows = [EditRow.model_validate(r) for r in after.get("rows", [])]
        new.bullets = [EditBullet.model_validate(b) for b in after.get("bullets", [])]
        new.checked = True
    new.version, new.updated_at, new.updated_by = c.base_version + 1, c.created_at, c.editor
    return new


def replay(start: Version, corrections: list[Correction]) -> Version:
    """The track's state: every correction applied in order over the original."""
    state = start
    for c in corrections:
        state = apply(state, c)
    return state


def row_diff(original: Version, current: Version) -> list[dict]:
    """Each row of ``current`` against the model's: status unchanged / changed / deleted / added,
    and for a changed row the fields that changed as (before, after)."""
    model = {r.id: r for r in original.rows}
    out, seen = [], set()
    for row in current.rows:
        base = model.get(row.id) if row.origin == "model" else None
        if base is None:
            if not row.deleted:
                out.append({"id": row.id, "status": "added", "changes": {}, "row": row})
            continue
        seen.add(row.id)
        changes = {k: (getattr(base, k), getattr(row, k)) for k in (*ROW_FIELDS, "evidence") if getattr(base, k) != getattr(row, k)}
        status = "deleted" if row.deleted else "changed" if changes else "unchanged"
        out.append({"id": row.id, "status": status, "changes": changes, "row": row})
    out += [{"id": i, "status": "deleted", "changes": {}, "row": r} for i, r in model.items() if i not in seen]
    return out


# --- actions (the API's request bodies; the forms build the same objects) ----------------------


def _one_line(value: str | None) -> str | None:
    return None if value is None else " ".join(value.split())


class _Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_version: int = Field(ge=0, description="The track's version the edit was made on (from the last read).")
    track: str = Field(default="", max_length=40, description="Whose version to correct: empty for your own, or 'adjudicated'.")


class RowEdit(_Action):
    """Change a row's actor, role, claim or stance (fields left out stay as they are)."""

    kind: Literal["row.edit"]
    row: str = Field(max_length=20)
    actor: str | None = Field(default=None, max_length=MAX_ACTOR)
    role: str | None = Field(default=None, max_length=MAX_ROLE)
    target: str | None = Field(default=None, max_length=MAX_TARGET, description="The claim.")
    stance: Stance | None = None

    _tidy = field_validator("actor", "role", "target")(_one_line)


class RowDelete(_Action):
    """Delete a row (it stays in the log and can be restored)."""

    kind: Literal["row.delete"]
    row: str = Field(max_length=20)


class RowRestore(_Action):
    """Bring back a deleted row."""

    kind: Literal["row.restore"]
    row: str = Field(max_length=20)


class RowAdd(_Action):
    """Add a row backed by words of the article: a selection (start, end) and/or the quote text."""

    kind: Literal["row.add"]
    actor: str = Field(max_length=MAX_ACTOR)
    role: str = Field(default="", max_length=MAX_ROLE)
    target: str = Field(max_length=MAX_TARGET, description="The claim.")
    stance: Stance
    source_id: str = Field(default="", max_length=100, description="Which article (story briefs); empty: the only one.")
    start: int | None = Field(default=None, ge=0, description="Selection start (character offset in the article).")
    end: int | None = Field(default=None, ge=0, description="Selection end (exclusive).")
    quote: str = Field(default="", max_length=MAX_QUOTE, description="The selected words; with no offsets they are looked up in the article.")

    _tidy = field_validator("actor", "role", "target")(_one_line)


class BulletEdit(_Action):
    """Fix a bullet's text and/or mark it wrong (or right again)."""

    kind: Literal["bullet.edit"]
    bullet: int = Field(ge=0, description="The bullet's index, from 0.")
    text: str | None = Field(default=None, max_length=MAX_BULLET)
    wrong: bool | None = None

    _tidy = field_validator("text")(_one_line)


class CheckBrief(_Action):
    """Mark the brief checked (or not)."""

    kind: Literal["check"]
    checked: bool = True


Action = Annotated[RowEdit | RowDelete | RowRestore | RowAdd | BulletEdit | CheckBrief, Field(discriminator="kind")]


def plan(state: Version, action, editor: str, sources: dict[str, str], now: str) -> Correction | None:
    """The correction ``action`` makes on ``state``, checked; None when it changes nothing."""
    before, after, target = _change(state, action, sources)
    if before == after:
        return None
    return Correction(brief_id=state.brief_id, track=state.track, editor=editor, created_at=now, kind=action.kind,
                      target=target, before=before, after=after, base_version=state.version)


def _change(state: Version, action, sources: dict[str, str]) -> tuple[dict | None, dict | None, str]:
    if isinstance(action, CheckBrief):
        return {"checked": state.checked}, {"checked": action.checked}, ""
    if isinstance(action, BulletEdit):
        return _bullet_change(state, action)
    if isinstance(action, RowAdd):
        return None, _new_row(state, action, sources).model_dump(), ""
    row = state.row(action.row)
    if isinstance(action, RowDelete):
        changed = row.model_copy(update={"deleted": True})
    elif isinstance(action, RowRestore):
        changed = row.model_copy(update={"deleted": False})
    else:
        changed = _edited_row(row, action, sources)
    return row.model_dump(), changed.model_dump(), row.id


def _edited_row(row: EditRow, action: RowEdit, sources: dict[str, str]) -> EditRow:
    if row.deleted:
        raise CorrectionError(f"row {row.id} is deleted; restore it before editing it")
    update = {k: getattr(action, k) for k in ROW_FIELDS if getattr(action, k) is not None}
    for name in ("actor", "target"):
        if name in update and not update[name]:
            raise CorrectionError(f"{name} must not be empty; delete the row instead")
    changed = row.model_copy(update=update)
    if "actor" in update:
        changed.speaker_check = _speaker_check(changed.actor, changed.evidence, sources)
    return changed


def _bullet_change(state: Version, action: BulletEdit) -> tuple[dict, dict, str]:
    if action.bullet >= len(state.bullets):
        raise CorrectionError(f"no bullet {action.bullet}; the brief has {len(state.bullets)} (numbered from 0)")
    bullet = state.bullets[action.bullet]
    update: dict = {}
    if action.text is not None:
        if not action.text:
            raise CorrectionError("a bullet's text must not be empty; mark the bullet wrong instead")
        update["text"] = action.text
    if action.wrong is not None:
        update["wrong"] = action.wrong
    return bullet.model_dump(), bullet.model_copy(update=update).model_dump(), str(action.bullet)


def _new_row(state: Version, action: RowAdd, sources: dict[str, str]) -> EditRow:
    if not action.actor or not action.target:
        raise CorrectionError("a new row needs an actor and a claim")
    if len(state.rows) >= MAX_ROWS:
        raise CorrectionError(f"a brief holds at most {MAX_ROWS} rows")
    evidence = selection_evidence(sources, action.source_id, action.start, action.end, action.quote)
    return EditRow(id=f"e{state.version + 1}", actor=action.actor, role=action.role, target=action.target,
                   stance=action.stance, evidence=[evidence], origin="editor",
                   speaker_check=_speaker_check(action.actor, [evidence], sources))


def _speaker_check(actor: str, evidence: list[Evidence], sources: dict[str, str]) -> SpeakerCheck:
    """ok / not_near_quote, as the pipeline's speaker check says for the row's first quote."""
    for e in evidence:
        text = sources.get(e.source_id) if e.source_id in sources else next(iter(sources.values()), None)
        if text is not None and e.verified:
            near = speaker_near(e, text, actor)
            return "unchecked" if near is None else "ok" if near else "not_near_quote"
    return "unchecked"


def selection_evidence(sources: dict[str, str], source_id: str, start: int | None, end: int | None, quote: str) -> Evidence:
    """The evidence for words an editor selected: offsets checked against the article like any quote.

    With offsets, ``article[start:end]`` must be the selection (surrounding whitespace is trimmed;
    line ends may differ as CRLF and LF); without them, ``quote`` is aligned with the same rules as
    model quotes and must be verified."""
    doc_id, text = _source(sources, source_id)
    if start is None and end is None:
        return _located(quote, text, doc_id)
    if start is None or end is None:
        raise CorrectionError("give both start and end of the selection, or neither and the quote")
    if not 0 <= start < end <= len(text):
        raise CorrectionError(f"the selection {start}-{end} is outside the article (0-{len(text)}); select words in the article")
    if end - start > MAX_QUOTE:
        raise CorrectionError(f"the selection is {end - start} characters; select at most {MAX_QUOTE}")
    chosen = text[start:end]
    if quote and _lf(quote).strip() != _lf(chosen).strip():
        raise CorrectionError(f"characters {start}-{end} of the article are not the selected words; select them again")
    lead = len(chosen) - len(chosen.lstrip())
    start, end = start + lead, start + len(chosen.rstrip())
    if start >= end:
        raise CorrectionError("the selection holds no words; select the quote in the article")
    return Evidence(quote=text[start:end], start=start, end=end, verified=True, match="exact", source_id=doc_id)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _source(sources: dict[str, str], source_id: str) -> tuple[str, str]:
    if source_id:
        if source_id not in sources:
            raise CorrectionError(f"no article {source_id!r} in this brief; it has {', '.join(sources)}")
        return source_id, sources[source_id]
    if len(sources) != 1:
        raise CorrectionError(f"this brief has {len(sources)} articles; say which (source_id: {', '.join(sources)})")
    return next(iter(sources.items()))


def _located(quote: str, text: str, doc_id: str) -> Evidence:
    from ..grounding.quotes import locate

    if not quote.strip():
        raise CorrectionError("select the words in the article that show the stance (or give the quote)")
    found = locate(quote, text, source_id=doc_id)
    if not found.verified:
        raise CorrectionError("the quote is not in the article; copy it exactly or select it in the article")
    return found


# --- the tables ----------------------------------------------------------------------------------


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class CorrectionStore:
    """Corrections, track versions and desk users, in the brief store's SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with closing(self._connect()) as db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        return db

    # users

    def users(self) -> list[str]:
        with closing(self._connect()) as db:
            return [r[0] for r in db.execute("SELECT name FROM desk_users ORDER BY name COLLATE NOCASE")]

    def has_user(self, name: str) -> bool:
        with closing(self._connect()) as db:
            return db.execute("SELECT 1 FROM desk_users WHERE name = ?", (name,)).fetchone() is not None

    def canonical_user(self, name: str) -> str | None:
        """The listed spelling of ``name`` (names are case-blind), or None."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT name FROM desk_users WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def add_user(self, name: str) -> bool:
        """Add a user; False when the name was already listed."""
        with closing(self._connect()) as db:
            return db.execute("INSERT OR IGNORE INTO desk_users VALUES (?, ?)", (name, now())).rowcount > 0

    def remove_user(self, name: str) -> bool:
        """Remove a user from the list (their corrections stay); False when there was none."""
        with closing(self._connect()) as db:
            return db.execute("DELETE FROM desk_users WHERE name = ?", (name,)).rowcount > 0

    # reading

    def original(self, db: sqlite3.Connection, brief_id: str) -> tuple[Brief, dict[str, str]]:
        """The model's brief and its article texts by source id; NoSuchBrief when it is not stored."""
        row = db.execute("SELECT brief, article, sources FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if row is None:
            raise NoSuchBrief(f"no brief {brief_id}; it may have been deleted")
        sources = {s["id"]: s["text"] for s in json.loads(row["sources"] or "[]")} or {"article": row["article"]}
        return Brief.model_validate_json(row["brief"]), sources

    def _corrections(self, db: sqlite3.Connection, brief_id: str, track: str | None = None) -> list[Correction]:
        sql = "SELECT * FROM corrections WHERE brief_id = ?" + (" AND track = ?" if track is not None else "") + " ORDER BY id"
        rows = db.execute(sql, (brief_id, track) if track is not None else (brief_id,)).fetchall()
        return [Correction(**{**dict(r), "before": _load(r["before"]), "after": _load(r["after"])}) for r in rows]

    def _state(self, db: sqlite3.Connection, brief_id: str, track: str) -> Version:
        brief, _ = self.original(db, brief_id)
        return replay(initial(brief_id, track, brief), self._corrections(db, brief_id, track))

    def version(self, brief_id: str, track: str) -> Version:
        """A track's current state (the original when the track has no corrections yet)."""
        with closing(self._connect()) as db:
            return self._state(db, brief_id, track)

    def log(self, brief_id: str, track: str | None = None) -> list[Correction]:
        """Every correction of a brief (or of one track), oldest first; NoSuchBrief when none is stored."""
        with closing(self._connect()) as db:
            self.original(db, brief_id)
            return self._corrections(db, brief_id, track)

    def tracks(self, brief_id: str) -> list[dict]:
        """The brief's tracks: track, version, checked, updated_at, updated_by (editors first, by name)."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT track, version, checked, updated_at, updated_by FROM brief_versions "
                              "WHERE brief_id = ? ORDER BY track = ?, track", (brief_id, ADJUDICATED)).fetchall()
        return [{**dict(r), "checked": bool(r["checked"])} for r in rows]

    def all_tracks(self) -> list[dict]:
        """Every track of every brief, with the brief's engine and creation time (for export and figures)."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT v.brief_id, v.track, v.version, v.checked, v.updated_at, b.created_at, b.backend, b.model, "
                "b.prompt_name, b.prompt_sha256 FROM brief_versions v JOIN briefs b ON b.id = v.brief_id "
                "ORDER BY b.created_at, v.brief_id, v.track").fetchall()
        return [{**dict(r), "checked": bool(r["checked"])} for r in rows]

    # writing

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: committed when the block ends, rolled back when it raises."""
        with closing(self._connect()) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def act(self, brief_id: str, track: str, editor: str, action) -> Version:
        """Make one correction in one transaction; Conflict when ``action.base_version`` is stale."""
        with self._transaction() as db:
            _, sources = self.original(db, brief_id)
            current = self._state(db, brief_id, track)
            _check_base(current, action.base_version)
            if track == ADJUDICATED and current.version == 0:
                raise CorrectionError("there is no adjudicated version yet; adjudicate two editors' versions first")
            correction = plan(current, action, editor, sources, now())
            if correction is None:
                return current
            self._record(db, correction)
        return apply(current, correction)

    def adjudicate(self, brief_id: str, editor: str, base_version: int, rows: list[EditRow], bullets: list[EditBullet]) -> Version:
        """Write the adjudicated version (rows and bullets picked from editors' versions) in one transaction."""
        with self._transaction() as db:
            current = self._state(db, brief_id, ADJUDICATED)
            _check_base(current, base_version)
            before = {"rows": [r.model_dump() for r in current.rows], "bullets": [b.model_dump() for b in current.bullets]} if current.version else None
            after = {"rows": [r.model_dump() for r in rows], "bullets": [b.model_dump() for b in bullets]}
            correction = Correction(brief_id=brief_id, track=ADJUDICATED, editor=editor, created_at=now(), kind="adjudicate",
                                    target="", before=before, after=after, base_version=current.version)
            self._record(db, correction)
        return apply(current, correction)

    def _record(self, db: sqlite3.Connection, c: Correction) -> None:
        db.execute("INSERT INTO corrections (brief_id, track, editor, created_at, kind, target, before, after, base_version) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (c.brief_id, c.track, c.editor, c.created_at, c.kind, c.target, _dump(c.before), _dump(c.after), c.base_version))
        checked = {"check": (c.after or {}).get("checked"), "adjudicate": True}.get(c.kind)
        db.execute(
            "INSERT INTO brief_versions (brief_id, track, version, checked, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (brief_id, track) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by, checked = CASE WHEN ? IS NULL THEN checked ELSE excluded.checked END",
            (c.brief_id, c.track, c.base_version + 1, int(bool(checked)), c.created_at, c.editor, checked))


def _check_base(current: Version, base_version: int) -> None:
    if base_version != current.version:
        who = f" by {current.updated_by}" if current.updated_by else ""
        raise Conflict(f"this version changed{who} since you loaded it (now version {current.version}, you edited "
                       f"version {base_version}); your edit was not saved: look at the current state and make it again",
                       current)


def _dump(value: dict | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(text: str | None) -> dict | None:
    return None if text is None else json.loads(text)
