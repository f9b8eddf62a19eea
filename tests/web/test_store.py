"""The SQLite brief store: keep, find by text / actor / date, delete."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date, timedelta

import pytest

from summariser import Settings, brief_document
from summariser.ingest.documents import document_from_text
from summariser.core.schema import Brief, PromptInfo, Usage
from summariser.web.store import SCHEMA, BriefStore, Inputs, JobRecord, SourceText, default_store_path

from testkit import ARTICLE


def _brief(text: str = ARTICLE, headline: str = "") -> Brief:
    brief = asyncio.run(brief_document(document_from_text(text, doc_id="article"), Settings()))
    meta = brief.meta.model_copy(update=dict(
        backend="openai", model="fake-model", prompt=PromptInfo(name="brief", sha256="ab" * 32),
        usage=Usage(requests=1, prompt_tokens=120, completion_tokens=80), cost_usd=0.0012))
    return brief.model_copy(update={"meta": meta, "headline": headline or brief.headline})


def _inputs(text: str = ARTICLE) -> Inputs:
    return Inputs(source_kind="text", source_name="pasted text", article=text, title="Japan",
                  options={"words": 80, "audience": "radio producers"})


@pytest.fixture
def store(tmp_path):
    return BriefStore(tmp_path / "sub" / "briefs.sqlite3")


def test_add_get_round_trip_keeps_inputs_model_prompt_usage_cost(store):
    brief = _brief()
    brief_id = store.add(_inputs(), brief)
    stored = store.get(brief_id)
    assert stored.brief == brief
    assert stored.inputs.article == ARTICLE and stored.inputs.options["audience"] == "radio producers"
    with sqlite3.connect(store.path) as db:
        row = db.execute("SELECT model, prompt_name, prompt_sha256, requests, prompt_tokens, completion_tokens, cost_usd, created_at "
                         "FROM briefs WHERE id = ?", (brief_id,)).fetchone()
    assert row[:7] == ("fake-model", "brief", "ab" * 32, 1, 120, 80, 0.0012)
    assert row[7].startswith(date.today().isoformat()[:4])


def test_search_by_text_actor_and_date(store):
    first = store.add(_inputs(), _brief(headline="Japan weighs defence"))
    other = "Council backs bridge\n\n\u201cWe need it,\u201d said Maria Lopez, the mayor.\n"
    second = store.add(_inputs(other), _brief(other, headline="Bridge approved"))
    assert [r.id for r in store.search()] == [second, first]
    assert [r.id for r in store.search(text="deterrence")] == [first]
    assert [r.id for r in store.search(text="MAYOR")] == [second]
    assert [r.id for r in store.search(actor="kato")] == [first]
    assert "Katsunobu Kato" in store.search(actor="Kato")[0].actors
    today = date.today()
    utc_days = [(today + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]
    assert {r.id for r in store.search(date_from=utc_days[0], date_to=utc_days[2])} == {first, second}
    assert store.search(date_to=(today - timedelta(days=2)).isoformat()) == []
    assert store.search(date_from=(today + timedelta(days=2)).isoformat()) == []


def test_story_keeps_every_source_and_is_found_by_any_source_title(store):
    sources = [SourceText("harbour", "upload", "harbour.txt", "Dock strike stalls port\n\nText one.", "Dock strike stalls port"),
               SourceText("coastal", "url", "https://example.org/b", "Dockers vow to go on\n\nText two.", "Dockers vow to go on")]
    inputs = Inputs(source_kind="story", source_name="Strike (2 articles)", article="", title="Strike", doc_kind="story",
                    sources=sources)
    brief_id = store.add(inputs, _brief())
    store.add(_inputs(), _brief())
    assert store.get(brief_id).inputs == inputs
    assert store.get(brief_id).inputs.texts() == sources
    assert [r.id for r in store.search(text="dockers vow")] == [brief_id]
    assert [r.id for r in store.search(text="example.org/b")] == [brief_id]


def test_a_store_made_before_story_briefs_still_opens(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA.replace(",\n    sources TEXT NOT NULL DEFAULT ''", ""))
        assert "sources" not in {row[1] for row in db.execute("PRAGMA table_info(briefs)")}
    store = BriefStore(path)
    brief_id = store.add(_inputs(), _brief())
    texts = store.get(brief_id).inputs.texts()
    assert [(t.id, t.kind, t.name, t.text) for t in texts] == [("article", "text", "pasted text", ARTICLE)]


def test_like_wildcards_are_literal(store):
    store.add(_inputs(), _brief())
    assert store.search(text="2 per cent")
    assert store.search(text="%") == []
    assert store.search(text="_") == []


def test_bad_dates_are_a_one_line_error(store):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        store.search(date_from="yesterday")


def test_delete(store):
    brief_id = store.add(_inputs(), _brief())
    assert store.delete(brief_id) is True
    assert store.get(brief_id) is None
    assert store.delete(brief_id) is False
    assert store.search(actor="Kato") == []
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT count(*) FROM brief_actors").fetchone()[0] == 0


def test_default_path_is_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "summariser" / "briefs.sqlite3"


def test_unwritable_path_is_a_config_error(tmp_path):
    from summariser.core.errors import ConfigError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="--store"):
        BriefStore(blocker / "briefs.sqlite3")


def _job(number: int, status: str = "done") -> JobRecord:
    stamp = f"2024-05-01T10:00:{number:02d}.000+00:00"
    return JobRecord(f"job-{number:02d}", f"article {number}", status, status, stamp, stamp, request={"story": ""})


def test_pruning_keeps_the_newest_jobs_and_every_unfinished_one(store):
    store.add_job(_job(0, "running"))
    for number in range(1, 11):
        store.add_job(_job(number, ("done", "error", "interrupted")[number % 3]))
    assert store.prune_jobs(keep=3) == 7
    with sqlite3.connect(store.path) as db:
        left = [row[0] for row in db.execute("SELECT id FROM jobs ORDER BY created_at")]
    assert left == ["job-00", "job-08", "job-09", "job-10"]


def test_unfinished_jobs_are_marked_interrupted_and_then_stay_so(store):
    store.add_job(_job(1, "queued"))
    store.add_job(_job(2, "running"))
    store.add_job(_job(3, "done"))
    assert store.interrupt_jobs("the desk stopped") == 2
    assert [store.get_job(f"job-0{n}").status for n in (1, 2, 3)] == ["interrupted", "interrupted", "done"]
    assert store.get_job("job-01").error == "the desk stopped"
    assert store.update_job("job-02", "done", "done", brief_id="b1") is False  # a late result does not overwrite it
    assert store.get_job("job-02").request == {"story": ""} and store.get_job("nope") is None


def test_a_store_made_before_jobs_were_recorded_gets_the_jobs_table(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
    BriefStore(path).add_job(_job(1))
    assert BriefStore(path).get_job("job-01").label == "article 1"
