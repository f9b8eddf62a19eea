"""The web desk over HTTP (Starlette's TestClient): API, pages, safety. Model calls go to the fake server."""

from __future__ import annotations

import json
import threading

import pytest
from fastapi.testclient import TestClient

from summariser.core.settings import Settings
from summariser.service.settings import load_settings
from fakes.fake_openai import FakeOpenAIServer, Reply, extractive_responder
from summariser.web.app import create_app
from summariser.web.fetch import FetchPolicy

from testkit import ARTICLE, draft
from web_fixtures import XSS_ARTICLE, model_settings, wait_job

KEY = "sk-test-MARKER-5f1c0e9a7b"


def _client(tmp_path, settings: Settings | None = None, **kw) -> TestClient:
    app = create_app(settings or Settings(), tmp_path / "briefs.sqlite3", runs_dir=tmp_path / "runs", **kw)
    return TestClient(app)


def _brief_of(client, **body) -> dict:
    started = client.post("/api/briefs", json=body)
    assert started.status_code == 202, started.text
    job = wait_job(client, started.json()["status_url"])
    assert job["status"] == "done", job
    return client.get(f"/api/briefs/{job['brief_id']}").json()


def test_offline_default_makes_and_stores_a_grounded_brief(tmp_path, sample_text):
    with _client(tmp_path) as client:
        assert client.get("/api/info").json()["offline_default"] is True
        stored = _brief_of(client, text=sample_text, words=80, audience="radio producers")
    brief, article = stored["brief"], stored["inputs"]["article"]
    assert brief["meta"]["backend"] == "extractive" and brief["stance_table"]
    assert stored["inputs"]["options"]["audience"] == "radio producers"
    for row in brief["stance_table"]:
        for e in row["evidence"]:
            if e["verified"]:
                assert article[e["start"]:e["end"]] == e["quote"]


def test_fake_model_server_brief_records_model_usage_and_prompt(tmp_path, sample_text):
    with FakeOpenAIServer(extractive_responder) as fake, _client(tmp_path, model_settings(fake.base_url)) as client:
        stored = _brief_of(client, text=sample_text)
        assert len(fake.requests) >= 1
    meta = stored["brief"]["meta"]
    assert meta["backend"] == "openai" and meta["model"] == "fake-model"
    assert meta["usage"]["requests"] >= 1 and meta["prompt"]["name"] == "brief"


def test_long_request_does_not_block_other_requests(tmp_path):
    gate = threading.Event()

    def slow(body):
        gate.wait(30)
        return extractive_responder(body)

    with FakeOpenAIServer(slow) as fake, _client(tmp_path, model_settings(fake.base_url)) as client:
        job = client.post("/api/briefs", json={"text": ARTICLE}).json()
        for _ in range(600):
            if fake.requests:
                break
            threading.Event().wait(0.05)
        assert client.get("/api/jobs/" + job["id"]).json()["status"] == "running"
        assert client.get("/history").status_code == 200
        assert client.get("/api/briefs").json() == []
        gate.set()
        assert wait_job(client, job["status_url"])["status"] == "done"


def test_no_api_key_in_any_response(tmp_path, monkeypatch, sample_text):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with FakeOpenAIServer(extractive_responder) as fake:
        settings = load_settings(base_url=fake.base_url, model="fake-model", max_retries=0)
        assert settings.api_key == KEY
        # a failing job whose server repeats the key in its error (some gateways do): the job's error must not carry it
        fake.push(Reply.error(400, message=f"the key Bearer {KEY} is not allowed for this model"))
        bodies = []
        with _client(tmp_path, settings) as client:
            failed = wait_job(client, client.post("/api/briefs", json={"text": ARTICLE}).json()["status_url"])
            assert failed["status"] == "error" and "is not allowed for this model" in failed["error"]
            stored = _brief_of(client, text=sample_text)
            brief_id = stored["id"]
            for url in ["/", "/history", "/runs", f"/briefs/{brief_id}", f"/briefs/{brief_id}/export.md",
                        f"/briefs/{brief_id}/export.json", f"/api/briefs/{brief_id}", f"/api/briefs/{brief_id}/markdown",
                        "/api/briefs", "/api/info", "/api/runs", "/openapi.json", "/docs", f"/api/jobs/{failed['id']}",
                        "/static/desk.js", "/nope", "/briefs/nope"]:
                response = client.get(url)
                bodies.append(str(response.headers) + response.text)
            bodies.append(client.post("/api/briefs", json={"text": "", "url": ""}).text)
            bodies.append(json.dumps(failed) + json.dumps(stored))
        assert fake.headers[-1]["Authorization"] == f"Bearer {KEY}"  # the key was in use, and only sent to the model server
    assert all(KEY not in body and KEY[-10:] not in body for body in bodies)


def test_script_in_article_and_quotes_is_escaped(tmp_path):
    with _client(tmp_path) as client:
        stored = _brief_of(client, text=XSS_ARTICLE)
        page = client.get(f"/briefs/{stored['id']}").text
    quotes = [e["quote"] for r in stored["brief"]["stance_table"] for e in r["evidence"]]
    assert any("<script>" in q for q in quotes)  # the quote itself carries the script text
    assert "<script>alert(1)</script>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # headline or summary, stance quote, article
    article = page[page.index("<article"):]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article


def test_model_output_is_escaped_too(tmp_path):
    evil = draft()
    evil["headline"] = '<img src=x onerror="alert(1)"> Japan'
    evil["stance_table"][0]["target"] = "<b onmouseover=alert(1)>target</b>"
    with FakeOpenAIServer() as fake, _client(tmp_path, model_settings(fake.base_url)) as client:
        fake.push(Reply.json(evil))
        stored = _brief_of(client, text=ARTICLE)
        page = client.get(f"/briefs/{stored['id']}").text
        history = client.get("/history").text
    for html in (page, history):
        assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<b onmouseover" not in page


def test_pages_send_a_strict_content_security_policy(tmp_path):
    with _client(tmp_path) as client:
        stored = _brief_of(client, text=ARTICLE)
        response = client.get(f"/briefs/{stored['id']}")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.text  # brief.html.j2's quote-click script is allowed by nonce
    assert response.headers["x-content-type-options"] == "nosniff"


def test_upload_text_markdown_and_html(tmp_path):
    from web_fixtures import ARTICLE_HTML

    with _client(tmp_path) as client:
        for name, data in [("story.md", ARTICLE.encode()), ("page.html", ARTICLE_HTML.encode())]:
            started = client.post("/api/briefs/upload", files={"file": (name, data)}, data={"words": "60"})
            assert started.status_code == 202, started.text
            job = wait_job(client, started.json()["status_url"])
            assert job["status"] == "done", job
        listed = client.get("/api/briefs").json()
    assert [r["source_name"] for r in listed] == ["page.html", "story.md"]
    assert listed[0]["headline"]


def test_upload_limits_and_types(tmp_path):
    with _client(tmp_path, max_upload_bytes=4096) as client:
        too_big = client.post("/api/briefs/upload", files={"file": ("a.txt", b"word " * 20_000)})
        assert too_big.status_code == 413 and "larger than" in too_big.json()["detail"]
        just_over = client.post("/api/briefs/upload", files={"file": ("a.txt", b"w" * 5000)})
        assert just_over.status_code == 400 and "larger than 4 KiB" in just_over.json()["detail"]
        wrong = client.post("/api/briefs/upload", files={"file": ("a.exe", b"MZ stuff")})
        assert wrong.status_code == 400 and ".txt, .md or .html" in wrong.json()["detail"]
        binary = client.post("/api/briefs/upload", files={"file": ("a.txt", b"\x00\x01bin")})
        assert binary.status_code == 400 and "binary" in binary.json()["detail"]
        pasted = client.post("/api/briefs", json={"text": "x" * 5000})
        assert pasted.status_code == 400
        streamed = client.post("/api/briefs", content=(b"x" * 1024 for _ in range(100)), headers={"content-type": "application/json"})
        assert streamed.status_code == 413


def test_uploads_are_checked_at_submit_not_as_failed_jobs(tmp_path):
    elf_like = b"\x7fELF\x02\x01\x01" + bytes(range(1, 32)) * 40
    with _client(tmp_path) as client:
        for data, says in [(b"", "is empty"), (b"  \n\n ", "is empty"), (elf_like, "binary"),
                           (b"\x00\x00\x00\x00text", "binary")]:
            refused = client.post("/api/briefs/upload", files={"file": ("a.txt", data)})
            assert refused.status_code == 400 and says in refused.json()["detail"], (data[:8], refused.text)
        assert not client.get("/api/briefs").json()


def test_latin1_and_utf16_uploads_are_read_without_an_encoding_option(tmp_path):
    text = ARTICLE.replace("said", "d\u00e9clar\u00e9 \u2014 said", 1)
    with _client(tmp_path) as client:
        for name, data in [("cp1252.txt", text.encode("cp1252")), ("utf16.txt", text.encode("utf-16"))]:
            started = client.post("/api/briefs/upload", files={"file": (name, data)})
            assert started.status_code == 202, started.text
            job = wait_job(client, started.json()["status_url"])
            assert job["status"] == "done", job
            stored = client.get(f"/api/briefs/{job['brief_id']}").json()
            assert "d\u00e9clar\u00e9 \u2014 said" in stored["inputs"]["article"]


def test_unknown_request_fields_are_refused_not_ignored(tmp_path):
    with _client(tmp_path) as client:
        titled = client.post("/api/briefs", json={"text": ARTICLE, "title": "My title"})
        assert titled.status_code == 422 and "title" in titled.text
        nested = client.post("/api/briefs", json={"articles": [{"text": ARTICLE, "headline": "x"}, {"text": ARTICLE}]})
        assert nested.status_code == 422


def test_bad_requests_get_one_line_errors(tmp_path):
    with _client(tmp_path) as client:
        both = client.post("/api/briefs", json={"text": "some text", "url": "https://example.org/"})
        assert both.status_code == 400 and "exactly one input" in both.json()["detail"]
        assert client.post("/api/briefs", json={"text": "x", "words": 5}).status_code == 422
        assert "http" in client.post("/api/briefs", json={"url": "ftp://example.org/x"}).json()["detail"]
        assert client.get("/api/briefs", params={"date_from": "May 1"}).status_code == 400
        assert client.get("/api/jobs/nope").status_code == 404
        missing = client.get("/briefs/nope")
        assert missing.status_code == 404 and "no brief nope" in missing.text
        unknown = client.post("/api/briefs", json={"text": ARTICLE, "template": "no-such-template"})
        assert unknown.status_code == 202  # the offline engine uses no template


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]"])
def test_url_to_loopback_is_refused_by_default(tmp_path, article_server, host):
    url = article_server.base.replace("127.0.0.1", host) + "/article"
    with _client(tmp_path) as client:
        job = wait_job(client, client.post("/api/briefs", json={"url": url}).json()["status_url"])
    assert job["status"] == "error" and "--allow-private-urls" in job["error"]
    assert article_server.hits == []


def test_url_brief_when_private_urls_are_allowed(tmp_path, article_server):
    policy = FetchPolicy(allow_private=True)
    with _client(tmp_path, fetch_policy=policy) as client:
        stored = _brief_of(client, url=article_server.base + "/to-article")
    assert stored["inputs"]["source_kind"] == "url"
    assert "bridge" in stored["inputs"]["article"]
    assert article_server.hits == ["/to-article", "/article"]


def test_history_search_and_delete(tmp_path, sample_text):
    with _client(tmp_path) as client:
        japan = _brief_of(client, text=ARTICLE)["id"]
        syria = _brief_of(client, text=sample_text)["id"]
        assert [r["id"] for r in client.get("/api/briefs").json()] == [syria, japan]
        assert [r["id"] for r in client.get("/api/briefs", params={"actor": "kato"}).json()] == [japan]
        assert [r["id"] for r in client.get("/api/briefs", params={"q": "Syria"}).json()] == [syria]
        page = client.get("/history", params={"actor": "Kato"}).text
        assert f"/briefs/{japan}" in page and f"/briefs/{syria}" not in page
        assert client.delete(f"/api/briefs/{japan}").status_code == 204
        assert client.get(f"/api/briefs/{japan}").status_code == 404
        assert client.delete(f"/api/briefs/{japan}").status_code == 404
        gone = client.post(f"/briefs/{syria}/delete", follow_redirects=False)
        assert gone.status_code == 303 and client.get("/api/briefs").json() == []


def test_exports(tmp_path):
    with _client(tmp_path) as client:
        brief_id = _brief_of(client, text=ARTICLE)["id"]
        md = client.get(f"/briefs/{brief_id}/export.md")
        js = client.get(f"/briefs/{brief_id}/export.json")
    assert md.headers["content-disposition"] == f'attachment; filename="brief-{brief_id}.md"'
    assert md.text.startswith("# ") and "Katsunobu Kato" in md.text
    assert json.loads(js.text)["meta"]["backend"] == "extractive"


def test_form_flow_redirects_to_progress_then_brief(tmp_path):
    with _client(tmp_path) as client:
        sent = client.post("/briefs", data={"source": "text", "text": ARTICLE, "words": "60", "audience": "desk"},
                           follow_redirects=False)
        assert sent.status_code == 303 and sent.headers["location"].startswith("/jobs/")
        job_id = sent.headers["location"].rsplit("/", 1)[1]
        wait_job(client, f"/api/jobs/{job_id}")
        done = client.get(f"/jobs/{job_id}", follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"].startswith("/briefs/")
        bad = client.post("/briefs", data={"source": "text", "text": "  ", "words": "60"})
        assert bad.status_code == 400 and "exactly one input" in bad.text


def test_cross_site_writes_are_refused(tmp_path):
    with _client(tmp_path) as client:
        evil = client.post("/api/briefs", json={"text": ARTICLE}, headers={"Origin": "http://evil.example"})
        assert evil.status_code == 403
        fetched = client.post("/api/briefs", json={"text": ARTICLE}, headers={"Sec-Fetch-Site": "cross-site"})
        assert fetched.status_code == 403
        sibling = client.post("/api/briefs", json={"text": ARTICLE}, headers={"Sec-Fetch-Site": "same-site"})
        assert sibling.status_code == 403  # another port on the same host is another origin
        assert client.post("/api/briefs", json={"text": ARTICLE}, headers={"Origin": "null"}).status_code == 403
        same = client.post("/api/briefs", json={"text": ARTICLE}, headers={"Origin": "http://testserver"})
        assert same.status_code == 202
        browser = client.post("/api/briefs", json={"text": ARTICLE}, headers={"Sec-Fetch-Site": "same-origin", "Origin": "null"})
        assert browser.status_code == 202


def test_host_header_is_checked_when_configured(tmp_path):
    with _client(tmp_path, allowed_hosts=["127.0.0.1", "localhost"]) as client:
        assert client.get("/api/info", headers={"host": "rebound.example"}).status_code == 400
        assert client.get("/api/info", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_token_required_when_set(tmp_path):
    with _client(tmp_path, token="s3cret-desk") as client:
        assert client.get("/api/info").status_code == 401
        assert client.get("/api/info", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/info", headers={"Authorization": "Bearer s3cret-desk"}).status_code == 200
        assert client.get("/api/info", headers={"X-Summariser-Token": "s3cret-desk"}).status_code == 200
        assert client.get("/openapi.json").status_code == 401
        page = client.get("/history", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fhistory"
        assert client.get("/static/desk.css").status_code == 200
        assert client.post("/login", data={"token": "wrong", "next": "/history"}).status_code == 401
        login = client.post("/login", data={"token": "s3cret-desk", "next": "https://evil.example/"}, follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/"
        assert "s3cret-desk" not in login.headers["set-cookie"]
        assert client.get("/history").status_code == 200  # the cookie now logs the browser in
        assert "s3cret-desk" not in client.get("/history").text


def test_eval_runs_are_listed_and_reports_served_sandboxed(tmp_path):
    runs = tmp_path / "runs"
    (runs / "dev-2024").mkdir(parents=True)
    (runs / "dev-2024" / "report.html").write_text("<h1>Report dev-2024</h1>")
    (runs / "dev-2024" / "summary.json").write_text(json.dumps({"suite": "dev", "stance_f1": 0.61, "rows": [1, 2]}))
    (runs / "half-done").mkdir()
    (runs / "half-done" / "report.html").write_text("<h1>no summary</h1>")
    with _client(tmp_path) as client:
        listed = client.get("/api/runs").json()
        assert [r["name"] for r in listed] == ["dev-2024"]
        assert listed[0]["summary"] == {"suite": "dev", "stance_f1": 0.61}
        report = client.get("/runs/dev-2024/report.html")
        assert report.status_code == 200 and "Report dev-2024" in report.text
        assert report.headers["content-security-policy"].startswith("sandbox")
        assert client.get("/runs/half-done/report.html").status_code == 404
        assert client.get("/runs/dev-2024/..%2f..%2fbriefs.sqlite3").status_code == 404
        page = client.get("/runs").text
        assert "/runs/dev-2024/report.html" in page and "half-done" not in page


def test_openapi_documents_the_api(tmp_path):
    with _client(tmp_path) as client:
        spec = client.get("/openapi.json").json()
        docs = client.get("/docs").text
    assert {"/api/briefs", "/api/briefs/upload", "/api/jobs/{job_id}", "/api/briefs/{brief_id}", "/api/runs"} <= set(spec["paths"])
    assert "BriefRequest" in spec["components"]["schemas"] and "Brief" in spec["components"]["schemas"]
    assert "/static-offline-docs/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()


def test_too_many_waiting_briefs_get_503(tmp_path):
    gate = threading.Event()
    with FakeOpenAIServer(lambda body: (gate.wait(30), extractive_responder(body))[1]) as fake:
        with _client(tmp_path, model_settings(fake.base_url), concurrency=1) as client:
            client.app.state.desk.runner.max_waiting = 1
            first = client.post("/api/briefs", json={"text": ARTICLE}).json()
            for _ in range(600):
                if fake.requests:
                    break
                threading.Event().wait(0.05)
            second = client.post("/api/briefs", json={"text": ARTICLE})
            third = client.post("/api/briefs", json={"text": ARTICLE})
            assert second.status_code == 202 and third.status_code == 503
            assert "try again" in third.json()["detail"]
            gate.set()
            assert wait_job(client, first["status_url"])["status"] == "done"
            assert wait_job(client, second.json()["status_url"])["status"] == "done"
