"""Brief jobs outlive the desk process: recorded in the store, interrupted by a restart, run again."""

from __future__ import annotations

import sqlite3
import threading

from fastapi.testclient import TestClient

from summariser.core.settings import Settings
from summariser.service.settings import load_settings
from fakes.fake_openai import FakeOpenAIServer, Reply, extractive_responder
from summariser.web.app import create_app
from summariser.web.desk import Options, Source, request_from_record, request_record
from summariser.web.store import BriefStore

from testkit import ARTICLE
from web_fixtures import model_settings, wait_job

KEY = "sk-test-JOBS-MARKER-3c9d2e71"
TOKEN = "desk-token-JOBS-MARKER-81f0"


def _app(tmp_path, settings: Settings | None = None, **kw):
    return create_app(settings or Settings(), tmp_path / "briefs.sqlite3", runs_dir=tmp_path / "runs", **kw)


def _until(check, rounds: int = 600) -> None:
    """Wait for ``check()`` to be true (bounded polling; no timing is asserted)."""
    for _ in range(rounds):
        if check():
            return
        threading.Event().wait(0.05)
    raise AssertionError("condition not reached")


def _content(stored: dict) -> dict:
    """A stored brief without what differs from run to run (ids, times, usage)."""
    brief = {k: v for k, v in stored["brief"].items() if k != "meta"}
    inputs = stored["inputs"]
    return {"brief": brief, "article": inputs["article"], "options": inputs["options"], "source": inputs["source_name"]}


def _interrupted_job(tmp_path, fake, gate: threading.Event) -> str:
    """Start a job whose model call blocks, shut the desk down under it, and return the job's id."""
    client = TestClient(_app(tmp_path, model_settings(fake.base_url), shutdown_grace_s=0))
    client.__enter__()
    job = client.post("/api/briefs", json={"text": ARTICLE, "words": 60}).json()
    _until(lambda: fake.requests and client.get(job["status_url"]).json()["status"] == "running")
    closer = threading.Thread(target=client.__exit__, args=(None, None, None))
    closer.start()  # shutdown waits for the blocked model call's thread, so it runs aside
    store = BriefStore(tmp_path / "briefs.sqlite3")
    _until(lambda: store.get_job(job["id"]).status == "interrupted")
    gate.set()
    closer.join(30)
    assert not closer.is_alive()
    assert store.search() == []  # the old process saved nothing after it was interrupted
    return job["id"]


def test_a_job_interrupted_by_a_restart_shows_as_interrupted_and_runs_again(tmp_path):
    gate = threading.Event()
    with FakeOpenAIServer(lambda body: (gate.wait(30), extractive_responder(body))[1]) as fake:
        job_id = _interrupted_job(tmp_path, fake, gate)
        with TestClient(_app(tmp_path, model_settings(fake.base_url))) as client:
            status = client.get(f"/api/jobs/{job_id}").json()
            assert status["status"] == "interrupted" and status["brief_id"] is None
            assert "Run again" in status["error"] and status["retry_url"] == f"/api/jobs/{job_id}/retry"
            page = client.get(f"/jobs/{job_id}")
            assert page.status_code == 200 and "The brief was interrupted" in page.text
            assert f'action="/jobs/{job_id}/retry"' in page.text and "Run again" in page.text

            again = client.post(f"/jobs/{job_id}/retry", follow_redirects=False)
            assert again.status_code == 303 and again.headers["location"].startswith("/jobs/")
            new_id = again.headers["location"].rsplit("/", 1)[1]
            assert new_id != job_id
            done = wait_job(client, f"/api/jobs/{new_id}")
            assert done["status"] == "done", done
            rerun = client.get(f"/api/briefs/{done['brief_id']}").json()

            normal = client.post("/api/briefs", json={"text": ARTICLE, "words": 60}).json()
            normal = client.get(f"/api/briefs/{wait_job(client, normal['status_url'])['brief_id']}").json()
            assert client.get(f"/api/jobs/{job_id}").json()["status"] == "interrupted"  # the old job stays as it was
    assert _content(rerun) == _content(normal)
    assert rerun["inputs"]["options"]["words"] == 60


def test_api_retry_returns_the_new_job_and_a_url_is_fetched_again_through_the_guard(tmp_path):
    with TestClient(_app(tmp_path)) as client:
        refused = client.post("/api/briefs", json={"url": "http://127.0.0.1:9/internal-admin"}).json()
        failed = wait_job(client, refused["status_url"])
        assert failed["status"] == "error" and failed["retry_url"] == f"/api/jobs/{failed['id']}/retry"
        retried = client.post(failed["retry_url"])
        assert retried.status_code == 202, retried.text
        again = retried.json()
        assert again["id"] != failed["id"] and again["status_url"] == f"/api/jobs/{again['id']}"
        again = wait_job(client, again["status_url"])
        assert again["status"] == "error" and "--allow-private-urls" in again["error"]
        assert client.post("/api/jobs/nope/retry").status_code == 404
        cross_site = client.post(failed["retry_url"], headers={"origin": "https://evil.example"})
        assert cross_site.status_code == 403


def test_a_finished_job_still_resolves_after_a_restart(tmp_path):
    with TestClient(_app(tmp_path)) as client:
        job = wait_job(client, client.post("/api/briefs", json={"text": ARTICLE}).json()["status_url"])
    with TestClient(_app(tmp_path)) as client:
        status = client.get(f"/api/jobs/{job['id']}").json()
        assert (status["status"], status["brief_id"], status["brief_url"]) == ("done", job["brief_id"], f"/briefs/{job['brief_id']}")
        assert status["retry_url"] is None
        page = client.get(f"/jobs/{job['id']}", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == f"/briefs/{job['brief_id']}"
        assert client.post(f"/api/jobs/{job['id']}/retry").status_code == 409
        assert client.post(f"/jobs/{job['id']}/retry").status_code == 409
        assert client.get("/api/jobs/nope").status_code == 404


def test_job_rows_never_hold_the_api_key_or_the_token(tmp_path, monkeypatch, sample_text):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    auth = {"authorization": f"Bearer {TOKEN}"}
    with FakeOpenAIServer(extractive_responder) as fake:
        settings = load_settings(base_url=fake.base_url, model="fake-model", max_retries=0)
        assert settings.api_key == KEY
        fake.push(Reply.error(400, message=f"the key Bearer {KEY} is not allowed for this model"))
        with TestClient(_app(tmp_path, settings, token=TOKEN)) as client:
            assert client.post("/api/briefs", json={"text": ARTICLE}).status_code == 401
            failed = client.post("/api/briefs", json={"text": ARTICLE}, headers=auth).json()
            assert client.post(f"/api/jobs/{failed['id']}/retry").status_code == 401
            client.headers.update(auth)
            failed = wait_job(client, failed["status_url"])
            assert failed["status"] == "error"
            retried = client.post(failed["retry_url"]).json()
            assert wait_job(client, f"/api/jobs/{retried['id']}")["status"] == "done"
            uploaded = client.post("/api/briefs/upload", files={"file": ("a.txt", sample_text.encode())}).json()
            assert wait_job(client, uploaded["status_url"])["status"] == "done"
        assert fake.headers[-1]["Authorization"] == f"Bearer {KEY}"
    with sqlite3.connect(tmp_path / "briefs.sqlite3") as db:
        rows = db.execute("SELECT status, error, request FROM jobs ORDER BY created_at").fetchall()
    assert [r[0] for r in rows] == ["error", "done", "done"] and "[redacted]" in rows[0][1]
    files = list(tmp_path.glob("briefs.sqlite3*"))
    assert files and all(KEY.encode() not in f.read_bytes() and TOKEN.encode() not in f.read_bytes() for f in files)


def test_a_recorded_request_round_trips_text_file_bytes_urls_story_and_options():
    sources = [Source(text="Pasted\n\nText."), Source(filename="a.html", data=b"<p>\xff\x00bytes</p>"), Source(url="https://example.org/a")]
    options = Options("brief", 80, "radio producers", "French")
    assert request_from_record(request_record(sources, options, "Dock strike")) == (sources, options, "Dock strike")
