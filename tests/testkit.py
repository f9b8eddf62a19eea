"""Paths, builders and skips shared by tests (import this, never ``conftest``: every test folder has its own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "summariser" / "samples" / "syria-withdrawal.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the shared data is absent (a user's clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path


ARTICLE = (
    "Japan weighs higher defence spending\n\n"
    "Japan's finance minister Katsunobu Kato said Tokyo would \u201crelentlessly look into ways to reinforce deterrence\u201d. "
    "But setting a target now would be premature, he added.\n\n"
    "\u201cA numerical target first is not how it works,\u201d Kato told reporters.\n\n"
    "Elbridge Colby, a nominee for under-secretary of defence, said Japan should boost defence spending beyond 2 per cent of GDP.\n"
)


def draft(quote_kato: str = "A numerical target first is not how it works", quote_colby: str | None = None) -> dict:
    """A schema-valid model answer about ARTICLE."""
    return {
        "headline": "Japan weighs calls for higher defence spending",
        "summary": [
            {"text": "Kato says Japan will look for ways to reinforce deterrence.",
             "quotes": ["relentlessly look into ways to reinforce deterrence"]},
        ],
        "stance_table": [
            {"actor": "Katsunobu Kato", "role": "finance minister",
             "target": "Japan should set a numerical defence spending target now", "stance": "against",
             "quote": quote_kato},
            {"actor": "Elbridge Colby", "role": "nominee for under-secretary of defence",
             "target": "Japan should raise defence spending beyond 2% of GDP", "stance": "favor",
             "quote": quote_colby or "Japan should boost defence spending beyond 2 per cent of GDP"},
        ],
        "what_to_watch": ["Whether Tokyo sets a spending target."],
    }


def alive(pid: int) -> bool:
    """Whether a process with this pid exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


PID_LINE = re.compile(r"started llama-server pid=(\d+)")


def server_pid(lines) -> int | None:
    """The llama-server pid the local backend logs with -v, read from stderr lines as they come."""
    for line in lines:
        match = PID_LINE.search(line)
        if match:
            return int(match.group(1))
    return None
