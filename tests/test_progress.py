"""Long work shows progress on a terminal and whole lines (no carriage-return frames) in a log."""

from __future__ import annotations

import io
import time

from test_cli import cli

from summariser.service.progress import Heartbeat


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_heartbeat_on_a_terminal_rewrites_one_line_and_clears_it():
    stream = Terminal()
    with Heartbeat("briefing big", stream=stream, interval=0.02):
        time.sleep(0.15)
    shown = stream.getvalue()
    assert shown.count("\rbriefing big: ") >= 3
    assert shown.endswith("\r") and "\n" not in shown


def test_heartbeat_in_a_log_is_one_whole_line():
    stream = io.StringIO()
    with Heartbeat("briefing big", stream=stream, interval=0.01):
        time.sleep(0.05)
    assert stream.getvalue() == "briefing big\n"


def test_a_very_large_article_says_so_on_stderr_and_a_small_one_does_not(tmp_path):
    paragraph = "The minister said on Tuesday that the plan \"will go ahead\" despite the protests.\n\n"
    big = tmp_path / "big.txt"
    big.write_text(paragraph * (1_000_000 // len(paragraph) + 1), encoding="utf-8")
    result = cli("brief", str(big), "-o", str(tmp_path / "big.md"))
    err = result.stderr.decode()
    assert result.returncode == 0, err
    assert "summariser: briefing big (1.0 M characters)\n" in err and "\r" not in err
    small = cli("brief", "--sample", "-o", str(tmp_path / "small.md"))
    assert "briefing" not in small.stderr.decode()
