"""`summariser serve` as a user starts it: a real process, offline by default, no key."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARISER_"))}
    env.update(SUMMARISER_WEB_TOKEN="desk-token-1", XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "summariser", "serve", "--port", str(port), "--runs-dir", str(tmp_path / "runs")],
        env=env, cwd=tmp_path, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        assert process.poll() is None, log.read_text()
        try:
            if _get(base + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.1)
    try:
        yield base, tmp_path
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_starts_offline_with_token_from_the_environment(served):
    base, tmp_path = served
    assert _get(base + "/api/info")[0] == 401
    status, body = _get(base + "/api/info", {"Authorization": "Bearer desk-token-1"})
    assert status == 200
    info = json.loads(body)
    assert info["backend"] == "extractive" and info["offline_default"] is True
    assert (tmp_path / "data" / "summariser" / "briefs.sqlite3").is_file()
    assert "offline extractive engine" in (tmp_path / "serve.log").read_text()
    assert "desk-token-1" not in (tmp_path / "serve.log").read_text()
