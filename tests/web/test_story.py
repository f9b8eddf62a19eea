"""Story briefs on the web desk: several articles on one story make one merged brief (form and API)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from summariser.core.settings import Settings
from fakes.fake_openai import FakeOpenAIServer, extractive_responder
from summariser.web.app import create_app
from summariser.web.desk import MAX_ARTICLES
from summariser.web.fetch import FetchPolicy

from testkit import ARTICLE
from web_fixtures import XSS_ARTICLE, model_settings, wait_job

STORY = Path(__file__).resolve().parents[1] / "data" / "story"
NAMES = ("harbour-daily.txt", "coastal-times.txt", "business-wire.txt")
CAP_ERROR = f"a story takes at most {MAX_ARTICLES} articles"


def _client(tmp_path, settings: Settings | None = None, **kw) -> TestClient:
    app = create_app(settings or Settings(), tmp_path / "briefs.sqlite3", runs_dir=tmp_path / "runs", **kw)
    return TestClient(app)


def _texts(names=NAMES) -> list[str]:
    return [(STORY / name).read_text(encoding="utf-8") for name in names]


def _stored_of(client, status_url: str) -> dict:
    job = wait_job(client, status_url)
    assert job["status"] == "done", job
    return client.get(f"/api/briefs/{job['brief_id']}").json()


def _form_brief(client, data: dict, files=None) -> dict:
    sent = client.post("/briefs", data=data, files=files, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    job_id = sent.headers["location"].rsplit("/", 1)[1]
    return _stored_of(client, f"/api/jobs/{job_id}")


def _evidence(brief: dict) -> list[dict]:
    items = [e for p in brief["summary"] for e in p["evidence"]]
    items += [e for r in brief["stance_table"] for e in r["evidence"]]
    return items + [e for d in brief["disagreements"] for e in d["evidence"]]


def _assert_grounded_in_own_sources(stored: dict, count: int) -> dict[str, str]:
    """Every verified quote sits at its offsets in its own source's text; quotes come from several sources."""
    texts = {s["id"]: s["text"] for s in stored["inputs"]["sources"]}
    assert len(texts) == count and [s["id"] for s in stored["brief"]["meta"]["sources"]] == list(texts)
    verified = [e for e in _evidence(stored["brief"]) if e["verified"]]
    assert verified
    for e in verified:
        assert texts[e["source_id"]][e["start"]:e["end"]] == e["quote"]
    assert len({e["source_id"] for e in verified}) >= 2
    return texts


def test_story_via_api_is_one_brief_naming_its_sources(tmp_path):
    with _client(tmp_path) as client:
        started = client.post("/api/briefs", json={"articles": [{"text": t} for t in _texts()], "story": "Velmora dock strike"})
        assert started.status_code == 202, started.text
        assert started.json()["label"].startswith("Velmora dock strike (3 articles: Dock strike stalls Velmora port")
        stored = _stored_of(client, started.json()["status_url"])
        markdown = client.get(f"/api/briefs/{stored['id']}/markdown").text
        listed = client.get("/api/briefs").json()
        found = client.get("/api/briefs", params={"q": "operator weighs compromise"}).json()
    inputs = stored["inputs"]
    assert inputs["source_kind"] == "story" and inputs["title"] == "Velmora dock strike" and inputs["article"] == ""
    texts = _assert_grounded_in_own_sources(stored, 3)
    assert [s["title"] for s in inputs["sources"]][0] == "Dock strike stalls Velmora port"
    assert stored["brief"]["meta"]["processing"]["mode"] == "merge"
    figures = [d for d in stored["brief"]["disagreements"] if "40 vs 14" in d["summary"]]
    assert figures and len({e["source_id"] for e in figures[0]["evidence"]}) == 2
    assert "## Where sources disagree" in markdown and all(f"**{sid}**" in markdown for sid in texts)
    assert len(listed) == 1 and listed[0]["source_kind"] == "story"
    assert [r["id"] for r in found] == [stored["id"]]


def test_story_with_the_model_backend_merges_map_and_reduce_calls(tmp_path):
    with FakeOpenAIServer(extractive_responder) as fake, _client(tmp_path, model_settings(fake.base_url)) as client:
        started = client.post("/api/briefs", json={"articles": [{"text": t} for t in _texts(NAMES[:2])]})
        stored = _stored_of(client, started.json()["status_url"])
    meta = stored["brief"]["meta"]
    assert meta["backend"] == "openai" and meta["processing"]["mode"] == "merge"
    assert meta["usage"]["requests"] == 3  # one extract per article, one reduce
    _assert_grounded_in_own_sources(stored, 2)


def test_story_via_paste_boxes_shows_each_quote_in_its_own_source(tmp_path):
    with _client(tmp_path) as client:
        assert client.get("/").text.count('name="text"') >= 3  # several paste boxes, even without JavaScript
        stored = _form_brief(client, {"source": "text", "text": [*_texts(NAMES[:2]), "  "], "story": "Dock strike", "words": "80"})
        page = client.get(f"/briefs/{stored['id']}").text
        history = client.get("/history", params={"q": "dockers vow"}).text
    texts = _assert_grounded_in_own_sources(stored, 2)
    assert 'class="desk-sources"' in page and "Velmora dockers vow to continue strike" in page
    articles = dict(re.findall(r'<article id="doc-\d+" data-doc="([^"]+)">(.*?)</article>', page, re.S))
    assert list(articles) == list(texts)
    marked = {doc: set(" ".join(re.findall(r'<mark[^>]* data-ev="([^"]+)"', text)).split()) for doc, text in articles.items()}
    for i, e in enumerate(_evidence(stored["brief"])):
        if e["verified"]:
            assert [doc for doc, ids in marked.items() if f"ev-{i}" in ids] == [e["source_id"]]
    assert "Where sources disagree" in page
    assert f"/briefs/{stored['id']}" in history and "story:" in history


def test_story_via_uploads_api_and_form(tmp_path):
    files = [("file", (name, (STORY / name).read_bytes(), "text/plain")) for name in NAMES]
    with _client(tmp_path) as client:
        started = client.post("/api/briefs/upload", files=files, data={"story": "Velmora"})
        assert started.status_code == 202, started.text
        by_api = _stored_of(client, started.json()["status_url"])
        by_form = _form_brief(client, {"source": "file", "words": "60"}, files=files[:2])
    assert [s["id"] for s in by_api["inputs"]["sources"]] == ["harbour-daily", "coastal-times", "business-wire"]
    assert [s["name"] for s in by_form["inputs"]["sources"]] == list(NAMES[:2])
    _assert_grounded_in_own_sources(by_api, 3)
    _assert_grounded_in_own_sources(by_form, 2)


def test_story_of_urls_one_per_line_each_fetched_under_the_guard(tmp_path, article_server):
    urls = f"{article_server.base}/article\n\n{article_server.base}/text\n"
    with _client(tmp_path, fetch_policy=FetchPolicy(allow_private=True)) as client:
        stored = _form_brief(client, {"source": "url", "url": urls})
    assert [s["kind"] for s in stored["inputs"]["sources"]] == ["url", "url"]
    assert stored["inputs"]["sources"][0]["url"] == f"{article_server.base}/article"
    _assert_grounded_in_own_sources(stored, 2)
    article_server.hits.clear()
    with _client(tmp_path / "guarded") as client:
        started = client.post("/api/briefs", json={"articles": [{"text": ARTICLE}, {"url": f"{article_server.base}/article"}]})
        job = wait_job(client, started.json()["status_url"])
    assert job["status"] == "error" and "--allow-private-urls" in job["error"]
    assert article_server.hits == []


def test_too_many_articles_get_a_one_line_error(tmp_path):
    many = [f"Article {n}\n\nThe mayor said \u201cwe will build it\u201d on day {n}." for n in range(MAX_ARTICLES + 1)]
    with _client(tmp_path) as client:
        api = client.post("/api/briefs", json={"articles": [{"text": t} for t in many]})
        form = client.post("/briefs", data={"source": "text", "text": many})
        uploads = client.post("/api/briefs/upload", files=[("file", (f"a{n}.txt", t.encode())) for n, t in enumerate(many)])
        fine = client.post("/api/briefs", json={"articles": [{"text": t} for t in many[:MAX_ARTICLES]]})
        assert wait_job(client, fine.json()["status_url"])["status"] == "done"
        assert client.get("/api/briefs").json()[0]["source_name"].startswith(f"{MAX_ARTICLES} articles")
    assert api.status_code == 400 and api.json()["detail"].startswith(CAP_ERROR) and "\n" not in api.json()["detail"]
    assert uploads.status_code == 400 and uploads.json()["detail"].startswith(CAP_ERROR)
    assert form.status_code == 400 and CAP_ERROR in form.text
    assert form.text.count("Article 10\n") == 1  # the pasted articles come back for the editor to trim


def test_bad_story_requests_name_the_article_at_fault(tmp_path):
    with _client(tmp_path) as client:
        mixed = client.post("/api/briefs", json={"text": ARTICLE, "articles": [{"text": ARTICLE}]})
        blank = client.post("/api/briefs", json={"articles": [{"text": ARTICLE}, {"text": " "}]})
        ftp = client.post("/api/briefs", json={"articles": [{"text": ARTICLE}, {"url": "ftp://example.org/x"}]})
        wrong = client.post("/api/briefs/upload", files=[("file", ("a.txt", b"text")), ("file", ("b.exe", b"MZ"))])
    assert mixed.status_code == 400 and "not both" in mixed.json()["detail"]
    assert blank.status_code == 400 and blank.json()["detail"].startswith("article 2: give exactly one input")
    assert ftp.status_code == 400 and ftp.json()["detail"].startswith("article 2: ftp://")
    assert wrong.status_code == 400 and wrong.json()["detail"].startswith("article 2: b.exe")


def test_story_request_must_fit_the_upload_cap(tmp_path):
    with _client(tmp_path, max_upload_bytes=4096) as client:
        big = client.post("/api/briefs", json={"articles": [{"text": "word " * 15_000}, {"text": ARTICLE}]})
    assert big.status_code == 413 and "larger than" in big.json()["detail"]


def test_single_article_request_is_unchanged(tmp_path):
    with _client(tmp_path) as client:
        single = _form_brief(client, {"source": "text", "text": [ARTICLE, "", ""], "story": ""})
        one_in_list = _stored_of(client, client.post("/api/briefs", json={"articles": [{"text": ARTICLE}]}).json()["status_url"])
        page = client.get(f"/briefs/{single['id']}").text
    for stored in (single, one_in_list):
        inputs = stored["inputs"]
        assert inputs["source_kind"] == "text" and inputs["source_name"] == "pasted text" and inputs["article"] == ARTICLE
        assert [(s["id"], s["text"]) for s in inputs["sources"]] == [("article", ARTICLE)]
        assert {e["source_id"] for e in _evidence(stored["brief"])} == {"article"}
    assert "desk-sources" not in page and page.count("<article ") == 1


def test_script_in_a_story_article_renders_as_text(tmp_path):
    with _client(tmp_path) as client:
        started = client.post("/api/briefs", json={"articles": [{"text": XSS_ARTICLE}, {"text": ARTICLE}], "story": "<b>Story</b>"})
        stored = _stored_of(client, started.json()["status_url"])
        page = client.get(f"/briefs/{stored['id']}").text
        history = client.get("/history").text
    assert "<script>alert(1)</script>" not in page and "<b>Story</b>" not in page + history
    article = page[page.index('data-doc="minister-warns-of-attack"'):]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article.split("</article>")[0]
    assert "&lt;b&gt;Story&lt;/b&gt;" in page
