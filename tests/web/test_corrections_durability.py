"""Corrections survive a kill -9 of `summariser serve`: every acknowledged correction is there, whole."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from summariser.web.corrections import CorrectionStore, initial, replay

from test_serve import _free_port, _get
from web_fixtures import bridge_brief, store_bridge


def _start(store, tmp_path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    process = subprocess.Popen(
        [sys.executable, "-m", "summariser", "serve", "--port", str(port), "--store", str(store), "--user", "alice",
         "--runs-dir", str(tmp_path / "runs")],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        assert process.poll() is None, "the desk exited"
        try:
            if _get(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("the desk did not start")


def _post(base: str, brief_id: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(f"{base}/api/briefs/{brief_id}/corrections", data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_corrections_survive_kill_9_whole(tmp_path):
    store = tmp_path / "desk.sqlite3"
    brief_id = store_bridge(store)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = _start(store, tmp_path, port)
    acknowledged: list[int] = []
    stop = threading.Event()

    def edit_until_killed() -> None:
        version, stances = 0, ["against", "mixed", "neutral", "favor"]
        while not stop.is_set():
            try:
                status, body = _post(base, brief_id, {"kind": "row.edit", "row": "r2", "stance": stances[version % 4], "base_version": version})
            except OSError:
                return  # the server is gone
            assert status == 201, body
            version = body["version"]
            acknowledged.append(version)

    writer = threading.Thread(target=edit_until_killed, daemon=True)
    writer.start()
    try:
        for _ in range(600):
            if len(acknowledged) >= 25:
                break
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)  # mid-stream: a request may be in flight
        process.wait(10)
    finally:
        stop.set()
        writer.join(15)
        if process.poll() is None:
            process.kill()
    assert len(acknowledged) >= 25
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count, versions = db.execute("SELECT count(*), group_concat(base_version) FROM corrections").fetchone()
        stored_version = db.execute("SELECT version FROM brief_versions WHERE brief_id = ? AND track = 'alice'", (brief_id,)).fetchone()[0]
    assert count >= acknowledged[-1]  # nothing acknowledged was lost
    assert sorted(map(int, versions.split(","))) == list(range(count)) and stored_version == count  # nothing half-stored
    log = CorrectionStore(store).log(brief_id, "alice")
    assert replay(initial(brief_id, "alice", bridge_brief()), log).version == count
    restarted = _start(store, tmp_path, port)
    try:
        status, body = _post(base, brief_id, {"kind": "check", "base_version": count})
        assert status == 201 and body["version"] == count + 1 and body["checked"] is True
    finally:
        restarted.terminate()
        restarted.wait(20)
