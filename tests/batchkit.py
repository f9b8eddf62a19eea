"""Shared by the batch job tests: articles, a scripted responder, and the CLI run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from summariser.cli import app
from fakes.fake_openai import Reply, article_from_request, extractive_responder

from testkit import ARTICLE, SAMPLE, draft

MODEL = "gpt-4o-mini"
REASK_MARKER = "Kato told reporters"


def scripted(body: dict) -> Reply:
    """The same answer for the same request, online or in a batch: the ARTICLE gets an invented quote
    first (so it is re-asked), then a valid answer; everything else the extractive engine's draft."""
    article = article_from_request(body)
    if REASK_MARKER in article and body.get("response_format", {}).get("json_schema", {}).get("name") == "DraftBrief":
        first = len(body["messages"]) == 2
        return Reply.json(draft(quote_kato="Tokyo will never spend more on defence" if first else
                                "A numerical target first is not how it works"), prompt_tokens=321, completion_tokens=87)
    reply = extractive_responder(body)
    reply.prompt_tokens, reply.completion_tokens = 1000 + len(json.dumps(body)) % 97, 150
    return reply


def articles(folder: Path) -> list[str]:
    """Three articles: one that fits, one re-asked, one long (chunked with --chunk-tokens 300)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "short.txt").write_text(
        "Port strike ends\n\nDock workers voted to end the strike on Monday, the union said. "
        "\u201cWe won a fair deal,\u201d said union leader Maria Lopez. The port authority said ships would move again "
        "by Wednesday.\n", encoding="utf-8")
    (folder / "kato.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "long.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return [str(folder / name) for name in ("short.txt", "kato.txt", "long.txt")]


def cli(*args: str, env: dict[str, str] | None = None):
    """Run the command line in this process (so a test can fix the clock); returns the click result."""
    result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    return result
