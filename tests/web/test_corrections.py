"""Correcting briefs in the desk over HTTP: corrections per editor, replay, conflicts, bad input, users."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from fastapi.testclient import TestClient

from summariser.core.settings import Settings
from summariser.web.app import create_app
from summariser.web.corrections import CorrectionStore, initial, replay
from summariser.web.editors import user_cookie
from summariser.web.security import cookie_value

from web_fixtures import BRIDGE, BRIDGE_ARTICLE, MISSED_QUOTE, bridge_brief, store_bridge

TOKEN = "desk-token-7"


@pytest.fixture
def desk(tmp_path):
    """A local desk (no token) whose editor is alice, a stored bridge brief, and users bob and carol."""
    path = tmp_path / "briefs.sqlite3"
    app = create_app(Settings(), path, runs_dir=tmp_path / "runs", user="alice")
    brief_id = store_bridge(path)
    for name in ("bob", "carol"):
        CorrectionStore(path).add_user(name)
    with TestClient(app) as client:
        yield client, brief_id, path


def _post(client, brief_id, user: str = "", **action):
    headers = {"X-Summariser-User": user} if user else {}
    return client.post(f"/api/briefs/{brief_id}/corrections", json=action, headers=headers)


def _ok(client, brief_id, user: str = "", **action) -> dict:
    response = _post(client, brief_id, user, **action)
    assert response.status_code == 201, response.text
    return response.json()


def _missed_selection() -> dict:
    start = BRIDGE_ARTICLE.index(MISSED_QUOTE)
    return {"start": start, "end": start + len(MISSED_QUOTE), "quote": MISSED_QUOTE}


def alice_corrects(client, brief_id) -> dict:
    """Alice's edits: r2's stance to against, r3 deleted, Ana Ruiz added from a selection, bullet 1 wrong, checked."""
    _ok(client, brief_id, kind="row.edit", row="r2", stance="against", base_version=0)
    _ok(client, brief_id, kind="row.delete", row="r3", base_version=1)
    _ok(client, brief_id, kind="row.add", actor="Ana Ruiz", role="director", target=BRIDGE, stance="favor", base_version=2, **_missed_selection())
    _ok(client, brief_id, kind="bullet.edit", bullet=1, wrong=True, base_version=3)
    return _ok(client, brief_id, kind="check", base_version=4)


def test_corrections_are_stored_per_editor_and_replayed_over_the_untouched_original(desk):
    client, brief_id, path = desk
    state = alice_corrects(client, brief_id)
    assert state["version"] == 5 and state["checked"] is True and state["track"] == "alice"
    rows = {r["id"]: r for r in state["rows"]}
    assert rows["r2"]["stance"] == "against" and rows["r3"]["deleted"] is True
    added = rows["e3"]
    assert added["origin"] == "editor" and added["speaker_check"] == "ok"
    evidence = added["evidence"][0]
    selection = _missed_selection()
    assert (evidence["start"], evidence["end"], evidence["verified"]) == (selection["start"], selection["end"], True)
    assert BRIDGE_ARTICLE[evidence["start"]:evidence["end"]] == MISSED_QUOTE
    assert state["bullets"][1]["wrong"] is True
    # the model's brief is unchanged
    original = client.get(f"/api/briefs/{brief_id}").json()["brief"]
    assert original == bridge_brief().model_dump(mode="json")
    # the log: who, when, before, after; replaying it gives the same state
    log = client.get(f"/api/briefs/{brief_id}/corrections").json()
    assert [c["kind"] for c in log] == ["row.edit", "row.delete", "row.add", "bullet.edit", "check"]
    assert all(c["editor"] == "alice" and c["created_at"] for c in log)
    assert log[0]["before"]["stance"] == "favor" and log[0]["after"]["stance"] == "against" and log[0]["base_version"] == 0
    assert log[2]["before"] is None
    store = CorrectionStore(path)
    replayed = replay(initial(brief_id, "alice", bridge_brief()), store.log(brief_id, "alice"))
    assert replayed.model_dump(mode="json") == state
    # bob has his own version, still the model's
    bob = client.get(f"/api/briefs/{brief_id}/corrected?track=bob").json()
    assert bob["version"] == 0 and [r["stance"] for r in bob["rows"]] == ["favor", "favor", "neutral"]
    assert client.get(f"/api/briefs/{brief_id}/versions").json()[0]["track"] == "alice"


def test_the_difference_view_lists_what_changed(desk):
    client, brief_id, _ = desk
    alice_corrects(client, brief_id)
    diff = client.get(f"/api/briefs/{brief_id}/diff").json()
    status = {r["id"]: r["status"] for r in diff["rows"]}
    assert status == {"r1": "unchanged", "r2": "changed", "r3": "deleted", "e3": "added"}
    assert diff["rows"][1]["changes"] == {"stance": ["favor", "against"]}
    page = client.get(f"/briefs/{brief_id}/correct?view=diff").text
    assert '<span class="badge changed">changed</span>' in page and "<del>favor</del>" in page
    original = client.get(f"/briefs/{brief_id}/correct?view=original").text
    assert "Ana Ruiz" not in original.split("<h2>Summary</h2>")[0]


def test_a_stale_version_gets_409_with_the_current_state_and_loses_nothing(desk):
    client, brief_id, _ = desk
    _ok(client, brief_id, kind="row.edit", row="r1", role="mayor of the city", base_version=0)
    stale = _post(client, brief_id, kind="row.edit", row="r2", stance="against", base_version=0)
    assert stale.status_code == 409
    body = stale.json()
    assert "changed by alice" in body["detail"] and body["current"]["version"] == 1
    assert body["current"]["rows"][0]["role"] == "mayor of the city"
    again = _ok(client, brief_id, kind="row.edit", row="r2", stance="against", base_version=body["current"]["version"])
    assert again["rows"][0]["role"] == "mayor of the city" and again["rows"][1]["stance"] == "against"


def test_two_editors_editing_the_adjudicated_version_at_once_lose_neither_edit(desk):
    client, brief_id, _ = desk
    alice_corrects(client, brief_id)
    _ok(client, brief_id, "bob", kind="row.edit", row="r2", stance="mixed", base_version=0)
    picks = [{"editor": "alice", "row": "r1"}, {"editor": "alice", "row": "r2"}]
    adjudicated = client.post(f"/api/briefs/{brief_id}/adjudication", json={
        "editor_a": "alice", "editor_b": "bob", "base_version": 0, "rows": picks, "bullets_from": "alice"})
    assert adjudicated.status_code == 201, adjudicated.text
    version = adjudicated.json()["version"]
    barrier, answers = threading.Barrier(2), {}

    def edit(user, **change):
        barrier.wait()
        answers[user] = _post(client, brief_id, user, track="adjudicated", base_version=version, kind="row.edit", **change)

    threads = [threading.Thread(target=edit, args=("bob",), kwargs={"row": "r1", "role": "the mayor"}),
               threading.Thread(target=edit, args=("carol",), kwargs={"row": "r2", "stance": "mixed"})]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    codes = sorted(a.status_code for a in answers.values())
    assert codes == [201, 409]
    loser = next(u for u, a in answers.items() if a.status_code == 409)
    current = answers[loser].json()["current"]
    assert current["version"] == version + 1  # the first edit is in what the second editor sees
    retry = {"bob": {"row": "r1", "role": "the mayor"}, "carol": {"row": "r2", "stance": "mixed"}}[loser]
    _ok(client, brief_id, loser, track="adjudicated", base_version=current["version"], kind="row.edit", **retry)
    final = client.get(f"/api/briefs/{brief_id}/corrected?track=adjudicated").json()
    assert final["rows"][0]["role"] == "the mayor" and final["rows"][1]["stance"] == "mixed"
    assert {c["editor"] for c in client.get(f"/api/briefs/{brief_id}/corrections?track=adjudicated").json()} == {"alice", "bob", "carol"}


def test_agreement_figures_and_adjudication_on_a_known_example(desk):
    client, brief_id, _ = desk
    alice_corrects(client, brief_id)  # alice: r1 favor, r2 against, Ana Ruiz favor
    _ok(client, brief_id, "bob", kind="row.edit", row="r2", stance="mixed", base_version=0)
    _ok(client, brief_id, "bob", kind="row.delete", row="r3", base_version=1)  # bob: r1 favor, r2 mixed
    figures = client.get(f"/api/briefs/{brief_id}/agreement", params={"a": "alice", "b": "bob"}).json()
    assert (figures["rows_a"], figures["rows_b"], figures["paired_rows"]) == (3, 2, 2)
    assert figures["claim_agreement"] == pytest.approx(0.8)  # 2 x 2 / (3 + 2)
    assert figures["actor_agreement"] == pytest.approx(0.8)  # (2 of alice's 3 actors + bob's 2 of 2) / 5
    assert figures["stance_agreement"] == pytest.approx(0.5)
    # kappa: observed 0.5; chance 0.5 x 0.5 (favor) = 0.25; (0.5 - 0.25) / 0.75
    assert figures["stance_kappa"] == pytest.approx(1 / 3)
    assert figures["only_a"] == ["e3"] and figures["only_b"] == []
    page = client.get(f"/briefs/{brief_id}/agreement").text
    assert 'id="stance-kappa">0.33<' in page and 'id="claim-agreement">0.80<' in page
    # adjudicate by form: bob's r2 (mixed) instead of alice's, keep Ana Ruiz
    form = {"a": "alice", "b": "bob", "base_version": "0", "pair-1": "alice|r1", "pair-2": "bob|r2", "keep": "alice|e3", "bullets_from": "bob"}
    done = client.post(f"/briefs/{brief_id}/adjudicate", data=form, follow_redirects=False)
    assert done.status_code == 303 and "track=adjudicated" in done.headers["location"]
    gold = client.get(f"/api/briefs/{brief_id}/corrected?track=adjudicated").json()
    assert [(r["actor"], r["stance"]) for r in gold["rows"]] == [("Maria Lopez", "favor"), ("Peter Hall", "mixed"), ("Ana Ruiz", "favor")]
    assert gold["checked"] is True and gold["bullets"][1]["wrong"] is False  # bob's bullets
    stale = client.post(f"/briefs/{brief_id}/adjudicate", data=form)
    assert stale.status_code == 409 and "changed by alice" in stale.text


@pytest.mark.parametrize("action, status, message", [
    ({"kind": "row.edit", "row": "r1", "stance": "outraged"}, 422, "stance: Input should be 'favor', 'against', 'mixed', 'neutral' or 'unclear'"),
    ({"kind": "row.edit", "row": "r1", "actor": "x" * 201}, 422, "actor: String should have at most 200 characters"),
    ({"kind": "row.edit", "row": "r9", "stance": "mixed"}, 400, "no row 'r9' in this brief; rows are r1, r2, r3"),
    ({"kind": "row.edit", "row": "r1", "actor": "  "}, 400, "actor must not be empty; delete the row instead"),
    ({"kind": "row.add", "actor": "A", "target": "B", "stance": "favor", "start": 500, "end": 9000}, 400,
     f"the selection 500-9000 is outside the article (0-{len(BRIDGE_ARTICLE)}); select words in the article"),
    ({"kind": "row.add", "actor": "A", "target": "B", "stance": "favor", "start": 0, "end": 7, "quote": "Parliament"}, 400,
     "characters 0-7 of the article are not the selected words; select them again"),
    ({"kind": "row.add", "actor": "A", "target": "B", "stance": "favor", "quote": "words nobody wrote here"}, 400,
     "the quote is not in the article; copy it exactly or select it in the article"),
    ({"kind": "bullet.edit", "bullet": 7, "wrong": True}, 400, "no bullet 7; the brief has 2 (numbered from 0)"),
    ({"kind": "bullet.edit", "bullet": 0, "text": "y" * 1001}, 422, "text: String should have at most 1000 characters"),
    ({"kind": "launch"}, 422, "does not match any of the expected tags"),
    ({"kind": "row.edit", "row": "r1", "stance": "mixed", "track": "bob"}, 403, "that is bob's version; corrections are per editor"),
])
def test_bad_corrections_are_refused_in_one_line_and_store_nothing(desk, action, status, message):
    client, brief_id, path = desk
    response = _post(client, brief_id, base_version=0, **action)
    assert response.status_code == status, response.text
    assert message in response.json()["detail"] and "\n" not in response.json()["detail"]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM brief_versions").fetchone()[0] == 0


def test_edits_to_a_brief_that_does_not_exist_are_404(desk):
    client, _, path = desk
    response = _post(client, "0123456789abcdef", kind="check", base_version=0)
    assert response.status_code == 404 and response.json()["detail"] == "no brief 0123456789abcdef; it may have been deleted"
    assert client.post("/briefs/0123456789abcdef/correct", data={"kind": "check", "base_version": "0"}).status_code == 404
    assert client.get("/briefs/0123456789abcdef/correct").status_code == 404
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_html_in_any_field_is_stored_as_text_and_shown_escaped(desk):
    client, brief_id, _ = desk
    script = "<script>alert(1)</script>"
    _ok(client, brief_id, kind="row.edit", row="r1", actor=f"Maria {script}", role="<b>mayor</b>", target=f"{script} bridge", base_version=0)
    _ok(client, brief_id, kind="bullet.edit", bullet=0, text=f"Bullet {script}", base_version=1)
    for view in ("corrected", "diff"):
        page = client.get(f"/briefs/{brief_id}/correct?view={view}").text
        assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<b>mayor</b>" not in page


def test_forms_work_without_javascript_and_errors_keep_what_was_typed(desk):
    client, brief_id, _ = desk
    form = {"kind": "row.edit", "row": "r2", "track": "", "base_version": "0", "actor": "Peter Hall",
            "role": "opposition councillor", "target": BRIDGE, "stance": "against"}
    saved = client.post(f"/briefs/{brief_id}/correct", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].endswith("saved=row.edit#row-r2")
    page = client.get(saved.headers["location"]).text
    assert "Row changed." in page and "version 1" in page
    unchanged = client.post(f"/briefs/{brief_id}/correct", data={**form, "base_version": "1"}, follow_redirects=False)
    assert unchanged.status_code == 303  # saving an unchanged row adds nothing
    assert client.get(f"/api/briefs/{brief_id}/corrected").json()["version"] == 1
    add = {"kind": "row.add", "base_version": "1", "actor": "Ana Ruiz", "role": "", "target": BRIDGE, "stance": "favor",
           "quote": "a quote that is not there", "start": "", "end": ""}
    refused = client.post(f"/briefs/{brief_id}/correct", data=add)
    assert refused.status_code == 400 and "the quote is not in the article" in refused.text
    assert 'value="Ana Ruiz"' in refused.text and "a quote that is not there</textarea>" in refused.text
    added = client.post(f"/briefs/{brief_id}/correct", data={**add, "quote": MISSED_QUOTE}, follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"].endswith("#row-e2")
    row = client.get(f"/api/briefs/{brief_id}/corrected").json()["rows"][-1]
    assert BRIDGE_ARTICLE[row["evidence"][0]["start"]:row["evidence"][0]["end"]] == MISSED_QUOTE
    wrong = client.post(f"/briefs/{brief_id}/correct", data={"kind": "row.edit", "row": "r1", "base_version": "2", "stance": "sideways"})
    assert wrong.status_code == 400 and "stance: Input should be" in wrong.text
    stale = client.post(f"/briefs/{brief_id}/correct", data={**form, "stance": "mixed", "base_version": "0"})
    assert stale.status_code == 409 and "your edit was not saved" in stale.text and "version 2" in stale.text
    assert "(your edit: row.edit row r2, stance mixed)" in stale.text


def test_deleting_a_brief_deletes_its_corrections(desk):
    client, brief_id, path = desk
    alice_corrects(client, brief_id)
    assert client.delete(f"/api/briefs/{brief_id}").status_code == 204
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_token_desk_login_takes_a_listed_user_name(tmp_path):
    path = tmp_path / "briefs.sqlite3"
    app = create_app(Settings(), path, runs_dir=tmp_path / "runs", token=TOKEN)
    brief_id = store_bridge(path)
    CorrectionStore(path).add_user("Dana Reyes")
    with TestClient(app) as client:
        assert client.get("/login").text.count('name="name"') == 1
        refused = client.post("/login", data={"token": TOKEN, "name": "mallory", "next": "/"})
        assert refused.status_code == 401 and "no desk user &#39;mallory&#39;" in refused.text
        nameless = client.post("/login", data={"token": TOKEN, "next": "/"})
        assert nameless.status_code == 401 and "give your user name" in nameless.text
        ok = client.post("/login", data={"token": TOKEN, "name": "dana reyes", "next": f"/briefs/{brief_id}/correct"}, follow_redirects=False)
        assert ok.status_code == 303 and "summariser_user" in ok.headers.get("set-cookie", "")
        assert client.get("/api/me").json()["editor"] == "Dana Reyes"
        assert ">Dana Reyes</span>" in client.get(f"/briefs/{brief_id}/correct").text
        _ok(client, brief_id, kind="check", base_version=0)
        assert client.get(f"/api/briefs/{brief_id}/corrections").json()[0]["editor"] == "Dana Reyes"
    forged = {"summariser_token": cookie_value(TOKEN), "summariser_user": user_cookie(TOKEN, "Dana Reyes")[:-4] + "0000"}
    with TestClient(app, cookies=forged) as client:
        assert client.get("/api/me").status_code == 401
    with TestClient(app) as tool:
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert tool.get("/api/me", headers=bearer).status_code == 401  # who is it?
        assert tool.get("/api/me", headers={**bearer, "X-Summariser-User": "Dana Reyes"}).json()["editor"] == "Dana Reyes"
        assert tool.get("/api/me", headers={**bearer, "X-Summariser-User": "eve"}).status_code == 403
        assert tool.post(f"/api/briefs/{brief_id}/corrections", json={"kind": "check", "base_version": 1},
                         headers={"X-Summariser-User": "Dana Reyes"}).status_code == 401  # no token
        cross = tool.post(f"/api/briefs/{brief_id}/corrections", json={"kind": "check", "checked": False, "base_version": 1},
                          headers={**bearer, "X-Summariser-User": "Dana Reyes", "Sec-Fetch-Site": "cross-site"})
        assert cross.status_code == 403 and "cross-site" in cross.json()["detail"]


def test_a_local_desk_edits_as_the_user_option(tmp_path):
    app = create_app(Settings(), tmp_path / "b.sqlite3", runs_dir=tmp_path / "runs", user="night desk")
    with TestClient(app) as client:
        assert client.get("/api/me").json() == {"editor": "night desk", "users": []}


def test_agreement_flips_the_stance_of_a_claim_with_opposite_polarity(desk):
    client, brief_id, _ = desk
    _ok(client, brief_id, kind="row.edit", row="r1", target="The bridge should be closed", stance="favor", base_version=0)
    _ok(client, brief_id, "bob", kind="row.edit", row="r1", target="The bridge should not be closed", stance="against",
        base_version=0)
    figures = client.get(f"/api/briefs/{brief_id}/agreement", params={"a": "alice", "b": "bob"}).json()
    assert figures["paired_rows"] == 3  # r1 paired despite the negation; r2 and r3 unchanged
    assert figures["stance_agreement"] == pytest.approx(1.0)  # against "not closed" is favor "closed"
