"""End to end in a real browser: the desk on uvicorn, driven by headless Debian Chromium via Playwright.

Two desks run for the module: one with the fake OpenAI-compatible server as its model, one with
the offline default. Screenshots of the main pages go to test-artifacts/screenshots/.
Skips where Chromium or Playwright is missing (a user's machine); fails instead under CI, where
.ci/run installs Chromium.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
from pathlib import Path

import pytest

from summariser.core.settings import Settings
from fakes.fake_openai import FakeOpenAIServer, Reply, extractive_responder
from summariser.web.app import create_app

from testkit import ARTICLE, draft
from web_fixtures import XSS_ARTICLE, model_settings

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SAMPLE = Path(__file__).resolve().parents[2] / "summariser" / "samples" / "syria-withdrawal.txt"


def _require(ok: bool, reason: str) -> None:
    if ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests: .ci/run installs Debian's chromium)", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    expect = sync_playwright = None
_require(sync_playwright is not None, "playwright is not installed; pip install -e '.[test]' to run the browser tests")
_require(os.access(CHROMIUM, os.X_OK), f"{CHROMIUM} is missing; apt-get install chromium to run the browser tests")


class DeskServer:
    """A desk app served by uvicorn in a thread on a free 127.0.0.1 port."""

    def __init__(self, app) -> None:
        import uvicorn

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "DeskServer":
        self.thread.start()
        for _ in range(400):
            if self.server.started:
                return self
            threading.Event().wait(0.05)
        raise RuntimeError("the desk did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.sock.close()


@pytest.fixture(scope="module")
def fake():
    with FakeOpenAIServer(extractive_responder) as server:
        yield server


@pytest.fixture(scope="module")
def model_desk(fake, tmp_path_factory):
    folder = tmp_path_factory.mktemp("model-desk")
    app = create_app(model_settings(fake.base_url), folder / "briefs.sqlite3", runs_dir=folder / "runs")
    with DeskServer(app) as desk:
        yield desk


@pytest.fixture(scope="module")
def offline_desk(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline-desk")
    run = folder / "runs" / "dev-baseline"
    run.mkdir(parents=True)
    (run / "report.html").write_text("<!doctype html><title>dev-baseline</title><h1>Eval report: dev-baseline</h1>")
    (run / "summary.json").write_text(json.dumps({"suite": "dev", "articles": 22, "stance_f1": 0.58, "quote_precision": 1.0}))
    app = create_app(Settings(), folder / "briefs.sqlite3", runs_dir=folder / "runs")
    with DeskServer(app) as desk:
        yield desk


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def _shot(page, name: str, full: bool = True) -> None:
    page.screenshot(path=str(SHOTS / name), full_page=full)


def _paste_and_submit(page, base: str, text: str, words: str = "80") -> None:
    page.goto(base + "/")
    page.fill("#text", text)
    page.fill("input[name=words]", words)
    page.click("#submit")


def test_paste_brief_with_model_then_click_a_quote(page, model_desk):
    page.goto(model_desk.base + "/")
    page.fill("#text", SAMPLE.read_text(encoding="utf-8"))
    page.fill("input[name=audience]", "radio producers")
    _shot(page, "01-request-form.png")
    page.click("#submit")
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]+$"))
    expect(page.locator("header .meta")).to_contain_text("openai / fake-model")
    rows = page.locator("table.stance-table tbody tr")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 2
    quote = page.locator("a.quote[data-verified=true]").last
    ev = quote.get_attribute("data-ev")
    mark = page.locator(f"article mark#{ev}")
    expect(mark).to_have_class(re.compile(r"\bv\b"))
    quote.click()
    expect(mark).to_have_class(re.compile(r"\bfocus\b"))
    expect(mark).to_be_in_viewport()
    assert page.locator("mark.focus").count() >= 1
    _shot(page, "03-brief-quote-clicked.png", full=False)


def test_progress_page_polls_until_the_brief_is_ready(page, model_desk, fake):
    gate = threading.Event()
    fake.responder = lambda body: (gate.wait(30), extractive_responder(body))[1]
    try:
        _paste_and_submit(page, model_desk.base, ARTICLE)
        page.wait_for_url(re.compile(r"/jobs/[0-9a-f]+$"))
        expect(page.locator("#job-stage")).to_contain_text("writing the brief")
        _shot(page, "02-progress.png")
        gate.set()
        page.wait_for_url(re.compile(r"/briefs/[0-9a-f]+$"))
    finally:
        gate.set()
        fake.responder = extractive_responder
    expect(page.locator("table.stance-table")).to_contain_text("Katsunobu Kato")


def test_unverified_quotes_look_different_and_are_linked(page, model_desk, fake):
    near_miss = draft(quote_kato="A numerical target first is not how that works")
    fake.push(*[Reply.json(near_miss) for _ in range(3)])  # every attempt repeats it: kept, marked unverified
    _paste_and_submit(page, model_desk.base, ARTICLE)
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]+$"))
    assert not fake.script
    unverified = page.locator("a.quote[data-verified=false]")
    expect(unverified).to_have_count(1)
    expect(page.locator("td .bad").first).to_contain_text("unverified")
    colour = "el => getComputedStyle(el).backgroundColor"
    verified_bg = page.locator("article mark.v").first.evaluate(colour)
    unverified_mark = page.locator("article mark.u").first
    assert unverified_mark.evaluate(colour) != verified_bg
    unverified.click()
    expect(unverified_mark).to_have_class(re.compile(r"\bfocus\b"))
    _shot(page, "04-brief-unverified.png")


def test_history_finds_the_brief_by_actor_and_text(page, model_desk):
    _paste_and_submit(page, model_desk.base, ARTICLE.replace("Elbridge Colby", "Ada Quill"))
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]+$"))
    brief_url = page.url
    page.goto(model_desk.base + "/history")
    page.fill("input[name=actor]", "Quill")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"actor=Quill"))
    rows = page.locator("table.history tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ada Quill")
    _shot(page, "05-history-search.png")
    rows.first.locator("td a").first.click()
    page.wait_for_url(brief_url)
    page.goto(model_desk.base + "/history?q=deterrence")
    expect(page.locator("table.history tbody tr").first).to_be_visible()


def test_script_in_pasted_article_shows_as_text(page, offline_desk):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _paste_and_submit(page, offline_desk.base, XSS_ARTICLE)
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]+$"))
    expect(page.locator("header .meta")).to_contain_text("extractive")
    expect(page.locator("article")).to_contain_text("<script>alert(1)</script> is not a threat")
    expect(page.locator("table.stance-table")).to_contain_text("<script>alert(1)</script>")
    assert page.locator("article script, table script, header script").count() == 0
    assert dialogs == []
    _shot(page, "06-offline-xss-as-text.png")


def test_offline_upload_exports_print_view_runs_and_docs(page, offline_desk):
    page.goto(offline_desk.base + "/")
    page.check("input[name=source][value=file]")
    expect(page.locator("#text")).to_be_hidden()
    page.set_input_files("#file", str(SAMPLE))
    page.click("#submit")
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]+$"))
    expect(page.locator(".desk-bar")).to_contain_text("syria-withdrawal.txt")
    with page.expect_download() as download:
        page.click("text=Export Markdown")
    assert download.value.suggested_filename.endswith(".md")
    _shot(page, "07-offline-brief.png")
    page.emulate_media(media="print")
    expect(page.locator(".desk-nav")).to_be_hidden()
    _shot(page, "08-brief-print.png")
    page.emulate_media(media="screen")
    page.goto(offline_desk.base + "/runs")
    expect(page.locator("table.runs")).to_contain_text("dev-baseline")
    _shot(page, "09-eval-runs.png")
    with page.expect_popup() as popup:
        page.click("text=Open report")
    expect(popup.value.locator("h1")).to_have_text("Eval report: dev-baseline")
    page.goto(offline_desk.base + "/docs")
    expect(page.locator(".swagger-ui .info")).to_contain_text("summariser web desk")
    _shot(page, "10-api-docs.png", full=False)


def test_url_to_loopback_is_refused_on_the_progress_page(page, offline_desk):
    page.goto(offline_desk.base + "/")
    page.check("input[name=source][value=url]")
    page.fill("#url", "http://127.0.0.1:9/internal-admin")
    page.click("#submit")
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f]+$"))
    expect(page.locator("#job-error")).to_contain_text("--allow-private-urls")
    expect(page.locator("h1")).to_have_text("The brief could not be made")
    _shot(page, "11-url-refused.png", full=False)


def test_story_of_two_pasted_articles_shows_each_quote_in_its_own_source(page, offline_desk):
    story = Path(__file__).resolve().parents[1] / "data" / "story"
    page.goto(offline_desk.base + "/")
    expect(page.locator("#text-2")).to_be_hidden()
    page.fill("#text", (story / "harbour-daily.txt").read_text(encoding="utf-8"))
    page.click("button.add-article")
    page.fill("#text-2", (story / "coastal-times.txt").read_text(encoding="utf-8"))
    page.fill("#story", "Velmora dock strike")
    _shot(page, "12-story-request.png")
    page.click("#submit")
    page.wait_for_url(re.compile(r"/briefs/[0-9a-f]+$"))
    expect(page.locator(".desk-sources li")).to_have_count(2)
    expect(page.locator(".desk-bar")).to_contain_text("story \u201cVelmora dock strike\u201d, 2 articles")
    expect(page.locator("ul.disagreements")).to_contain_text("40 vs 14")
    quote = page.locator("ul.disagreements a.quote[data-verified=true]").last
    expect(quote).to_have_attribute("title", "From Velmora dockers vow to continue strike")
    mark = page.locator(f"article[data-doc='velmora-dockers-vow-to'] mark#{quote.get_attribute('data-ev')}")
    quote.click()
    expect(mark).to_have_class(re.compile(r"\bfocus\b"))
    expect(mark).to_be_in_viewport()
    assert page.locator("article[data-doc='dock-strike-stalls-velmora'] mark.focus").count() == 0
    _shot(page, "13-story-brief-quote-clicked.png", full=False)
    page.emulate_media(media="print")
    expect(page.locator(".desk-sources")).to_be_visible()
    expect(page.locator(".desk-nav")).to_be_hidden()
    page.emulate_media(media="screen")
