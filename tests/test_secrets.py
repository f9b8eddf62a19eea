"""The API key never reaches the user's screen, files or logs, even when a server repeats it."""

from __future__ import annotations

import os
import subprocess
import sys

from summariser.core.redact import redact_url, scrub
from fakes.fake_openai import Reply

from testkit import SAMPLE

SECRET = "sk-test-SECRET-1234567890abcdef"


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPENAI_API_KEY": SECRET}
    return subprocess.run([sys.executable, "-m", "summariser", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=cwd)


def echo(status: int) -> Reply:
    """An error reply that repeats the caller's key, as some gateways and proxies do."""
    return Reply.error(status, message=f"Invalid request: the key Bearer {SECRET} is not allowed for this model")


def test_scrub_and_redact_url():
    assert scrub(f"x {SECRET} y {SECRET}", SECRET) == "x [redacted] y [redacted]"
    assert scrub("short key", "", "abc") == "short key"
    assert redact_url(f"http://user:{SECRET}@127.0.0.1:9/v1") == "http://127.0.0.1:9/v1"


def test_a_server_repeating_the_key_in_its_error_does_not_put_it_on_screen(fake_openai):
    for status in (400, 404):
        fake_openai.push(echo(status))
        result = cli("brief", str(SAMPLE), "--base-url", fake_openai.base_url, "--max-retries", "0", "-v")
        assert result.returncode == 3 and "is not allowed for this model" in result.stderr
        assert SECRET not in result.stderr + result.stdout and "[redacted]" in result.stderr
    assert fake_openai.headers[-1]["Authorization"] == f"Bearer {SECRET}"  # the key was in use


def test_batch_failures_and_outputs_never_carry_the_key(fake_openai, tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    for name in ("a", "b"):
        (articles / f"{name}.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    fake_openai.push(echo(400), echo(400))
    out = tmp_path / "out.jsonl"
    result = cli("brief", str(articles), "--base-url", fake_openai.base_url, "--max-retries", "0",
                 "--jsonl-out", str(out), "--no-cache")
    assert result.returncode == 7 and result.stderr.count("is not allowed for this model") == 2
    assert SECRET not in result.stderr + result.stdout
    assert not out.exists() or SECRET not in out.read_text(encoding="utf-8")


def test_a_password_in_the_base_url_is_not_shown():
    result = cli("brief", str(SAMPLE), "--base-url", f"http://user:{SECRET}@127.0.0.1:9/v1", "--max-retries", "0")
    assert result.returncode == 3 and "could not connect to http://127.0.0.1:9/v1" in result.stderr
    assert SECRET not in result.stderr + result.stdout


def test_credentials_are_redacted_in_every_form_a_server_or_a_message_may_show_them():
    from summariser.core.redact import url_secrets, without_credentials

    url = "http://alice:p%40ssword@127.0.0.1:8/v1"
    secrets = url_secrets(url)
    assert "p@ssword" in secrets and "p%40ssword" in secrets
    assert "YWxpY2U6cEBzc3dvcmQ=" in secrets  # base64("alice:p@ssword"), the Basic auth header
    assert scrub("auth='Basic YWxpY2U6cEBzc3dvcmQ=' decoded='alice:p@ssword'", *secrets).count("[redacted]") == 3
    assert redact_url("http://u:p@[::1]:8080/v1") == "http://[::1]:8080/v1"
    assert redact_url("http://h:0/v1") == "http://h:0/v1"
    assert without_credentials("htps://alice:s3cretpw@api.example.com/v1") == "htps://api.example.com/v1"


def test_a_malformed_base_url_is_refused_without_its_password():
    result = cli("brief", str(SAMPLE), "--base-url", "htps://alice:s3cretpw@api.example.com/v1")
    assert result.returncode == 2 and "is not an http(s) URL" in result.stderr
    assert "s3cretpw" not in result.stderr
    assert cli("brief", str(SAMPLE), "--base-url", "http://h:0/v1").returncode == 2
