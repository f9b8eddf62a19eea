"""Corrections as gold: the dataset export, scoring the model's briefs against it, acceptance figures, users CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from summariser.core.settings import Settings
from summariser.evals.dataset import load_dataset
from summariser.evals.desk_export import acceptance, acceptance_table
from summariser.web.app import create_app

from web_fixtures import BRIDGE_ARTICLE, MISSED_QUOTE, alice_actions, correct_as, store_bridge

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "evals" / "datasets" / "check_dataset.py"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "summariser", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def corrected(tmp_path) -> tuple[Path, str]:
    """A store with the bridge brief corrected and checked by alice."""
    path = tmp_path / "briefs.sqlite3"
    brief_id = store_bridge(path)
    correct_as(path, brief_id, "alice", *alice_actions())
    return path, brief_id


def test_export_then_eval_scores_the_models_briefs_against_the_editors_corrections(corrected, tmp_path):
    path, brief_id = corrected
    out = tmp_path / "gold" / "cases.jsonl"
    exported = run("eval", "dataset", "from-desk", "--store", str(path), "-o", str(out), "--checked-only")
    assert exported.returncode == 0, exported.stderr
    assert "wrote 1 cases (3 gold rows)" in exported.stderr
    case = json.loads(out.read_text())
    assert case["id"] == f"desk-{brief_id}" and case["metadata"]["gold"] == "alice" and case["metadata"]["checked"] is True
    assert [(r["actor"], r["stance"]) for r in case["gold_stances"]] == [("Maria Lopez", "favor"), ("Peter Hall", "against"), ("Ana Ruiz", "favor")]
    article = (out.parent / case["article"]).read_bytes().decode("utf-8")
    assert article == BRIDGE_ARTICLE  # byte for byte, CRLF kept
    ana = case["gold_stances"][2]
    assert article[ana["start"]:ana["end"]] == ana["quote"] == MISSED_QUOTE
    assert case["key_facts"] == ["The council voted to build a new bridge costing 40 million euros."]  # bullet 1 marked wrong
    checked = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout.rstrip().endswith("OK"), checked.stdout
    assert len(load_dataset(out).cases) == 1
    scored = run("eval", str(out.parent / "desk-suite.yaml"), "--predictions", str(out.parent / "desk-predictions.jsonl"),
                 "--out", str(tmp_path / "run"), "--no-progress")
    assert scored.returncode == 0, scored.stderr
    metrics = json.loads((tmp_path / "run" / "summary.json").read_text())["metrics"]
    # By hand: the model's rows r1 (Lopez favor), r2 (Hall favor), r3 (City council) against gold Lopez favor,
    # Hall against, Ruiz favor: r1 and r2 match, r3 does not; Ruiz is missed.
    assert metrics["stance_precision"] == pytest.approx(2 / 3) and metrics["stance_recall"] == pytest.approx(2 / 3)
    assert metrics["stance_f1"] == pytest.approx(2 / 3)
    assert metrics["stance_accuracy"] == pytest.approx(1 / 2)  # Hall: favor vs against
    # kappa over (gold, model) = (favor, favor), (against, favor): observed 0.5, chance 0.5 x 1 + 0.5 x 0 = 0.5
    assert metrics["stance_kappa"] == pytest.approx(0.0)
    assert metrics["actor_recall"] == pytest.approx(2 / 3) and metrics["quote_grounding"] == 1.0
    assert metrics["key_fact_coverage"] == 1.0


def test_the_checker_refuses_a_desk_case_whose_offsets_moved(corrected, tmp_path):
    path, _ = corrected
    out = tmp_path / "cases.jsonl"
    assert run("eval", "dataset", "from-desk", "--store", str(path), "-o", str(out)).returncode == 0
    case = json.loads(out.read_text())
    case["gold_stances"][2]["start"] += 1
    out.write_text(json.dumps(case) + "\n")
    checked = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True)
    assert checked.returncode == 1 and "row 2: the article's characters" in checked.stdout
    loaded = run("eval", str(tmp_path / "desk-suite.yaml"), "--predictions", str(tmp_path / "desk-predictions.jsonl"))
    assert loaded.returncode == 2 and "gold_stances.2: the article's characters" in loaded.stderr
    assert len(loaded.stderr.strip().splitlines()) == 1


def test_export_prefers_the_adjudicated_version_and_checked_only_skips_unchecked(tmp_path):
    path = tmp_path / "briefs.sqlite3"
    first, second = store_bridge(path), store_bridge(path)
    correct_as(path, first, "alice", *alice_actions())
    correct_as(path, first, "bob", {"kind": "row.edit", "row": "r2", "stance": "mixed"})
    correct_as(path, second, "bob", {"kind": "row.delete", "row": "r1"})  # not checked
    from summariser.web.corrections import CorrectionStore

    store = CorrectionStore(path)
    alice, bob = store.version(first, "alice"), store.version(first, "bob")
    store.adjudicate(first, "carol", 0, [bob.row("r2"), alice.row("e3")], alice.bullets)
    out = tmp_path / "cases.jsonl"
    assert run("eval", "dataset", "from-desk", "--store", str(path), "-o", str(out), "--checked-only").returncode == 0
    cases = [json.loads(line) for line in out.read_text().splitlines()]
    assert [c["metadata"]["brief_id"] for c in cases] == [first]
    assert cases[0]["metadata"]["gold"] == "adjudicated" and cases[0]["metadata"]["editors"] == ["alice", "bob"]
    assert [(r["actor"], r["stance"]) for r in cases[0]["gold_stances"]] == [("Peter Hall", "mixed"), ("Ana Ruiz", "favor")]
    assert run("eval", "dataset", "from-desk", "--store", str(path), "-o", str(out)).returncode == 0
    assert len(out.read_text().splitlines()) == 2


def test_export_errors_are_one_line(tmp_path):
    missing = run("eval", "dataset", "from-desk", "--store", str(tmp_path / "none.sqlite3"), "-o", str(tmp_path / "c.jsonl"))
    assert missing.returncode == 2 and missing.stderr.strip() == (
        f"summariser: error: no desk store at {tmp_path / 'none.sqlite3'}; pass --store with the file 'summariser serve --store' uses")
    path = tmp_path / "briefs.sqlite3"
    store_bridge(path)
    empty = run("eval", "dataset", "from-desk", "--store", str(path), "-o", str(tmp_path / "c.jsonl"))
    assert empty.returncode == 2 and "no corrected briefs in the store" in empty.stderr
    assert not (tmp_path / "c.jsonl").exists()


def test_acceptance_figures_per_engine_in_json_a_table_and_the_runs_page(corrected, tmp_path):
    path, _ = corrected
    stats = acceptance(path, period="day")
    (group,) = stats["groups"]
    assert (group["backend"], group["model"], group["prompt"]) == ("openai", "fake-model", "brief@abc123def4")
    total = group["total"]
    assert {k: total[k] for k in ("briefs", "rows", "kept", "stance_changed", "speaker_changed", "deleted", "added", "final_rows")} == {
        "briefs": 1, "rows": 3, "kept": 1, "stance_changed": 1, "speaker_changed": 0, "deleted": 1, "added": 1, "final_rows": 3}
    assert (total["kept_share"], total["stance_changed_share"], total["speaker_changed_share"], total["added_share"]) == (0.3333, 0.3333, 0.0, 0.3333)
    assert [(p["period"], p["kept"], p["added"]) for p in group["periods"]] == [(total_day(path), 1, 1)]
    shown = run("eval", "desk-stats", "--store", str(path))
    assert shown.returncode == 0 and "33.3%" in shown.stdout and "openai/fake-model brief@abc123def4" in shown.stdout
    assert shown.stdout.strip() == acceptance_table(acceptance(path))
    as_json = run("eval", "desk-stats", "--store", str(path), "--json", "--period", "month")
    assert json.loads(as_json.stdout)["groups"][0]["total"]["stance_changed"] == 1
    bad = run("eval", "desk-stats", "--store", str(path), "--period", "year")
    assert bad.returncode == 2 and "--period must be day, week or month" in bad.stderr
    with TestClient(create_app(Settings(), path, runs_dir=tmp_path / "runs")) as client:
        page = client.get("/runs").text
        assert "Editors' acceptance" in page and "<td>33.3%</td>" in page
        assert client.get("/api/desk-stats?period=day").json()["groups"][0]["total"]["added"] == 1


def total_day(path) -> str:
    """The day the store's only brief was made (its period with period=day)."""
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT created_at FROM briefs").fetchone()[0][:10]


def test_users_are_managed_from_the_command_line(tmp_path):
    store = str(tmp_path / "desk.sqlite3")
    assert run("serve", "users", "add", "Dana Reyes", "--store", store).returncode == 0
    assert run("serve", "users", "add", "bob", "--store", store).returncode == 0
    again = run("serve", "users", "add", "bob", "--store", store)
    assert again.returncode == 0 and "already listed: bob" in again.stderr
    assert run("serve", "users", "list", "--store", store).stdout.splitlines() == ["bob", "Dana Reyes"]
    bad = run("serve", "users", "add", "<script>", "--store", store)
    assert bad.returncode == 2 and "is not a user name" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    reserved = run("serve", "users", "add", "adjudicated", "--store", store)
    assert reserved.returncode == 2 and "is reserved" in reserved.stderr
    assert run("serve", "users", "remove", "bob", "--store", store).returncode == 0
    missing = run("serve", "users", "remove", "bob", "--store", store)
    assert missing.returncode == 2 and "no desk user 'bob'" in missing.stderr
    assert run("serve", "users", "list", "--store", store).stdout.splitlines() == ["Dana Reyes"]


def test_a_story_brief_is_corrected_per_source_and_exported_as_a_story_case(tmp_path):
    from web_fixtures import wait_job

    story = ROOT / "tests" / "data" / "story"
    texts = [(story / name).read_text(encoding="utf-8") for name in ("harbour-daily.txt", "coastal-times.txt")]
    path = tmp_path / "briefs.sqlite3"
    with TestClient(create_app(Settings(), path, runs_dir=tmp_path / "runs", user="alice")) as client:
        job = client.post("/api/briefs", json={"story": "Velmora dock strike", "articles": [{"text": t} for t in texts]}).json()
        brief_id = wait_job(client, job["status_url"])["brief_id"]
        sources = {s["id"]: s["text"] for s in client.get(f"/api/briefs/{brief_id}").json()["inputs"]["sources"]}
        second = next(i for i, text in sources.items() if "Lena Okafor" in text)
        quote = "Every day the port is shut costs our clients millions"
        start = sources[second].index(quote)
        ambiguous = client.post(f"/api/briefs/{brief_id}/corrections", json={
            "kind": "row.add", "actor": "Lena Okafor", "target": "The strike should end", "stance": "favor",
            "start": start, "end": start + len(quote), "base_version": 0})
        assert ambiguous.status_code == 400 and "this brief has 2 articles; say which (source_id:" in ambiguous.json()["detail"]
        added = client.post(f"/api/briefs/{brief_id}/corrections", json={
            "kind": "row.add", "actor": "Lena Okafor", "role": "shipping agent", "target": "The strike should end", "stance": "favor",
            "source_id": second, "start": start, "end": start + len(quote), "quote": quote, "base_version": 0})
        assert added.status_code == 201, added.text
        page = client.get(f"/briefs/{brief_id}/correct").text
        assert page.count('<pre class="doc"') == 2 and 'id="add-source"' in page
    out = tmp_path / "story" / "cases.jsonl"
    assert run("eval", "dataset", "from-desk", "--store", str(path), "-o", str(out)).returncode == 0
    case = json.loads(out.read_text())
    assert [a["id"] for a in case["articles"]] == list(sources)
    okafor = case["gold_stances"][-1]
    assert (okafor["source"], okafor["start"], okafor["quote"]) == (second, start, quote)
    checked = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    assert load_dataset(out).cases[0].multi_article


def test_every_correction_action_is_documented_in_the_api_schema(tmp_path):
    with TestClient(create_app(Settings(), tmp_path / "b.sqlite3", runs_dir=tmp_path / "runs")) as client:
        schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/me", "/api/briefs/{brief_id}/corrections", "/api/briefs/{brief_id}/corrected", "/api/briefs/{brief_id}/diff",
                 "/api/briefs/{brief_id}/versions", "/api/briefs/{brief_id}/agreement", "/api/briefs/{brief_id}/adjudication", "/api/desk-stats"):
        assert path in paths, path
    kinds = {name for name in schema["components"]["schemas"]} & {"RowEdit", "RowDelete", "RowRestore", "RowAdd", "BulletEdit", "CheckBrief"}
    assert len(kinds) == 6
    assert "409" in paths["/api/briefs/{brief_id}/corrections"]["post"]["responses"]
