"""Correcting briefs in real Chromium: keys, a row added from a text selection, a second editor,
agreement, adjudication and a conflict. Screenshots go to test-artifacts/screenshots/ (20-...)."""

from __future__ import annotations

import json
import re

import pytest

from summariser.core.settings import Settings
from summariser.web.app import create_app
from summariser.web.corrections import CorrectionStore

from test_browser import ARGS, CHROMIUM, SHOTS, DeskServer, expect, sync_playwright
from web_fixtures import BRIDGE_ARTICLE, MISSED_QUOTE, alice_actions, correct_as, store_bridge

TOKEN = "browser-desk-token"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    folder = tmp_path_factory.mktemp("correct-desk")
    path = folder / "briefs.sqlite3"
    app = create_app(Settings(), path, runs_dir=folder / "runs", token=TOKEN)
    for name in ("alice", "bob", "carol"):
        CorrectionStore(path).add_user(name)
    with DeskServer(app) as server:
        server.path = path
        yield server


@pytest.fixture(scope="module")
def chromium():
    SHOTS.mkdir(parents=True, exist_ok=True)
    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _editor(chromium, desk, name: str):
    """A logged-in page of its own browser context (own cookies)."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(desk.base + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=token]", TOKEN)
    page.click("button[type=submit]")
    page.wait_for_url(desk.base + "/")
    expect(page.locator(".desk-nav .who")).to_have_text(name)
    return page


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / name), full_page=True)


def _api(page, path: str) -> dict:
    return json.loads(page.evaluate("url => fetch(url).then(r => r.text())", path))


def _select_in_article(page, words: str) -> None:
    """Select ``words`` in the article as a reader would (the range may span several text nodes)."""
    page.evaluate("""words => {
        const doc = document.querySelector('pre.doc');
        const walker = document.createTreeWalker(doc, NodeFilter.SHOW_TEXT);
        const nodes = []; let text = '';
        while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
        const at = text.indexOf(words);
        const point = offset => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]]; };
        const range = document.createRange();
        range.setStart(...point(at)); range.setEnd(...point(at + words.length));
        const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    }""", words)


def test_an_editor_corrects_a_brief_with_keys_and_a_selection(chromium, desk):
    brief_id = store_bridge(desk.path)
    page = _editor(chromium, desk, "alice")
    page.goto(f"{desk.base}/briefs/{brief_id}")
    page.click("#correct-link")
    page.wait_for_url(re.compile(rf"/briefs/{brief_id}/correct$"))
    expect(page.locator("#row-r1")).to_be_focused()
    _shot(page, "20-correct-before.png")
    # change a stance: j to the second row, s to the next stance (saved at once)
    page.keyboard.press("j")
    expect(page.locator("#row-r2")).to_be_focused()
    page.keyboard.press("s")
    page.wait_for_url(re.compile(r"saved=row\.edit#row-r2$"))
    expect(page.locator("#stance-r2")).to_have_value("against")
    expect(page.locator("#row-r2")).to_be_focused()
    # delete a row: j, d
    page.keyboard.press("j")
    page.keyboard.press("d")
    page.wait_for_url(re.compile(r"saved=row\.delete#row-r3$"))
    expect(page.locator("#row-r3 .badge.deleted")).to_have_text("deleted")
    # add a row from the words selected in the article; a fills the form from the selection
    _select_in_article(page, MISSED_QUOTE)
    page.keyboard.press("a")
    expect(page.locator("#add-actor")).to_be_focused()
    start = BRIDGE_ARTICLE.index(MISSED_QUOTE)  # the article has CRLF line ends: DOM offsets differ, these must not
    expect(page.locator("#add-start")).to_have_value(str(start))
    expect(page.locator("#add-end")).to_have_value(str(start + len(MISSED_QUOTE)))
    page.keyboard.type("Ana Ruiz")
    page.fill("#add-role", "director of the regional transport authority")
    page.fill("#add-target", "The council should build the new bridge")
    page.select_option("#add-stance", "favor")
    _shot(page, "21-correct-add-from-selection.png")
    page.click("#add-button")
    page.wait_for_url(re.compile(r"saved=row\.add#row-e3$"))
    state = _api(page, f"/api/briefs/{brief_id}/corrected")
    added = state["rows"][-1]
    assert (added["actor"], added["evidence"][0]["start"], added["evidence"][0]["end"]) == ("Ana Ruiz", start, start + len(MISSED_QUOTE))
    assert BRIDGE_ARTICLE[added["evidence"][0]["start"]:added["evidence"][0]["end"]] == MISSED_QUOTE
    # a bullet marked wrong, then c marks the brief checked
    page.click("#bullet-1 button[name=wrong]")
    page.wait_for_url(re.compile(r"saved=bullet\.edit#bullet-1$"))
    page.locator("#row-r1").focus()
    page.keyboard.press("c")
    page.wait_for_url(re.compile(r"saved=check"))
    expect(page.locator("#checked-state")).to_have_text("✓ checked")
    _shot(page, "22-correct-after.png")
    state = _api(page, f"/api/briefs/{brief_id}/corrected")
    assert state["version"] == 5 and state["checked"] and state["bullets"][1]["wrong"]
    assert [(r["id"], r["stance"], r["deleted"]) for r in state["rows"]] == [
        ("r1", "favor", False), ("r2", "against", False), ("r3", "neutral", True), ("e3", "favor", False)]
    assert {c["editor"] for c in _api(page, f"/api/briefs/{brief_id}/corrections")} == {"alice"}
    # the brief as the model wrote it, and the difference (v cycles the views)
    page.keyboard.press("v")
    page.wait_for_url(re.compile(r"view=original"))
    expect(page.locator("#row-r2 td.stance")).to_have_text("favor")
    _shot(page, "23-correct-original.png")
    page.keyboard.press("v")
    page.wait_for_url(re.compile(r"view=diff"))
    expect(page.locator("#row-r2 .badge")).to_have_text("changed")
    expect(page.locator("#row-e3 .badge")).to_have_text("added")
    expect(page.locator("table.log")).to_contain_text("alice")
    _shot(page, "24-correct-difference.png")
    page.context.close()


def test_two_editors_agreement_adjudication_and_a_conflict(chromium, desk):
    brief_id = store_bridge(desk.path)
    correct_as(desk.path, brief_id, "alice", *alice_actions())
    bob = _editor(chromium, desk, "bob")
    bob.goto(f"{desk.base}/briefs/{brief_id}/correct")
    bob.select_option("#stance-r2", "mixed")
    bob.click("#row-r2 button.save")
    bob.wait_for_url(re.compile(r"saved=row\.edit"))
    bob.click("#row-r3 form.delete-form button")
    bob.wait_for_url(re.compile(r"saved=row\.delete"))
    expect(bob.locator("nav.tracks")).to_contain_text("alice ✓")
    _shot(bob, "25-second-editor.png")
    carol = _editor(chromium, desk, "carol")
    carol.goto(f"{desk.base}/briefs/{brief_id}/agreement")
    expect(carol.locator("#claim-agreement")).to_have_text("0.80")
    expect(carol.locator("#actor-agreement")).to_have_text("0.80")
    expect(carol.locator("#stance-agreement")).to_have_text("0.50")
    expect(carol.locator("#stance-kappa")).to_have_text("0.33")
    carol.check("input[name=pair-2][value='bob|r2']")
    _shot(carol, "26-agreement-adjudication.png")
    carol.click("#adjudicate-button")
    carol.wait_for_url(re.compile(r"track=adjudicated&saved=adjudicate"))
    gold = _api(carol, f"/api/briefs/{brief_id}/corrected?track=adjudicated")
    assert [(r["actor"], r["stance"]) for r in gold["rows"]] == [("Maria Lopez", "favor"), ("Peter Hall", "mixed"), ("Ana Ruiz", "favor")]
    _shot(carol, "27-adjudicated.png")
    # bob and carol both edit the adjudicated version from the same page state: carol's save is second
    bob.goto(f"{desk.base}/briefs/{brief_id}/correct?track=adjudicated")
    bob.fill("#role-r1", "mayor of the city")
    carol.reload()
    carol.select_option("#stance-r2", "against")
    bob.click("#row-r1 button.save")
    bob.wait_for_url(re.compile(r"saved=row\.edit"))
    carol.click("#row-r2 button.save")
    expect(carol.locator("#error")).to_contain_text("changed by bob since you loaded it")
    expect(carol.locator("#error")).to_contain_text("(your edit: row.edit row r2, stance against)")
    expect(carol.locator("#role-r1")).to_have_value("mayor of the city")  # she sees bob's change
    _shot(carol, "28-conflict.png")
    carol.select_option("#stance-r2", "against")
    carol.click("#row-r2 button.save")
    carol.wait_for_url(re.compile(r"saved=row\.edit"))
    gold = _api(carol, f"/api/briefs/{brief_id}/corrected?track=adjudicated")
    assert gold["rows"][0]["role"] == "mayor of the city" and gold["rows"][1]["stance"] == "against"
    carol.goto(f"{desk.base}/runs")
    expect(carol.locator("table.acceptance")).to_contain_text("openai / fake-model")
    _shot(carol, "29-runs-acceptance.png")
    bob.context.close()
    carol.context.close()
