"""Shared pieces of the web desk tests: articles, job polling, settings, a local article server."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from summariser.core.settings import Settings
from summariser.service.settings import validate

ARTICLE_HTML = (
    "<html><head><title>Council backs new bridge</title></head><body><article><h1>Council backs new bridge</h1>"
    "<p>The city council voted on Tuesday to build a new bridge over the river, a project expected to cost "
    "40 million euros and to take four years.</p>"
    "<p>\u201cThis bridge will connect two halves of our city,\u201d said Maria Lopez, the mayor, after the vote.</p>"
    "<p>Opposition councillor Peter Hall said the council should spend the money on schools instead. "
    "\u201cWe are building a monument, not a future,\u201d Hall told reporters.</p>"
    "<p>Construction is due to start next spring, once the final design is approved by the regional government.</p>"
    "</article></body></html>"
)

XSS_ARTICLE = (
    "Minister warns of attack\n\n"
    "\u201c<script>alert(1)</script> is not a threat to anyone,\u201d said Jane Smith, the security minister.\n\n"
    "The opposition leader, Tom Brown, said the government should act now. \u201cWe cannot wait,\u201d Brown told reporters.\n"
)


def wait_job(client, status_url: str, rounds: int = 600) -> dict:
    """Poll a job's status until it is done, failed or interrupted (bounded; no timing is asserted)."""
    for _ in range(rounds):
        job = client.get(status_url).json()
        if job["status"] in ("done", "error", "interrupted"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job did not finish: {job}")


def model_settings(base_url: str, **kw) -> Settings:
    """Settings for the fake OpenAI-compatible server, built without reading env or config."""
    return validate(Settings(base_url=base_url, model="fake-model", max_retries=0, timeout_s=20, **kw))


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        route = self.server.routes.get(self.path.split("?")[0])  # type: ignore[attr-defined]
        if route is None:
            self.send_error(404)
            return
        route(self)

    def log_message(self, *args) -> None:
        pass


def _send(handler, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200, headers=None, length=True) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    if length:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


# A brief with known rows over an article with Windows line ends, for the correction tests.
BRIDGE_ARTICLE = (
    "Council backs new bridge\r\n\r\n"
    "The city council voted on Tuesday to build a new bridge over the river, a project expected to cost 40 million euros.\r\n\r\n"
    "\u201cThis bridge will connect two halves of our city,\u201d said Maria Lopez, the mayor, after the vote.\r\n\r\n"
    "Opposition councillor Peter Hall said the council should spend the money on schools instead. "
    "\u201cWe are building a monument, not a future,\u201d Hall told reporters.\r\n\r\n"
    "The regional transport authority welcomed the decision. \u201cIt is a historic step for the region,\u201d said its director, Ana Ruiz.\r\n"
)
BRIDGE = "The council should build the new bridge"
MISSED_QUOTE = "It is a historic step for the region"


def bridge_brief():
    """The model's brief of BRIDGE_ARTICLE: r1 right, r2's stance wrong, r3 not a stance; Ana Ruiz missed; bullet 1 wrong."""
    from summariser.grounding.quotes import locate
    from summariser.core.schema import Brief, BriefMeta, PromptInfo, StanceRow, SummaryPoint

    def row(actor, role, target, stance, quote):
        return StanceRow(actor=actor, role=role, target=target, stance=stance, evidence=[locate(quote, BRIDGE_ARTICLE, source_id="article")],
                         speaker_check="ok")

    return Brief(
        headline="Council backs a 40 million euro bridge",
        summary=[SummaryPoint(text="The council voted to build a new bridge costing 40 million euros.", evidence=[]),
                 SummaryPoint(text="Construction starts next week.", evidence=[])],
        stance_table=[
            row("Maria Lopez", "mayor", BRIDGE, "favor", "This bridge will connect two halves of our city"),
            row("Peter Hall", "opposition councillor", BRIDGE, "favor", "We are building a monument, not a future"),
            row("City council", "", "The bridge will cost 40 million euros", "neutral", "a project expected to cost 40 million euros"),
        ],
        what_to_watch=[], meta=BriefMeta(backend="openai", model="fake-model", prompt=PromptInfo(name="brief", sha256="abc123def4567890")),
    )


def store_bridge(store_path) -> str:
    """Store the bridge brief in a desk store; returns its id."""
    from summariser.web.store import BriefStore, Inputs

    inputs = Inputs(source_kind="text", source_name="pasted text", article=BRIDGE_ARTICLE, title="Council backs new bridge",
                    options={"words": 80, "audience": "editors"})
    return BriefStore(store_path).add(inputs, bridge_brief())


def correct_as(store_path, brief_id: str, editor: str, *actions: dict):
    """Make corrections through the store (no HTTP), each on the version the previous one left."""
    from pydantic import TypeAdapter

    from summariser.web.corrections import Action, CorrectionStore

    store, adapter = CorrectionStore(store_path), TypeAdapter(Action)
    state = store.version(brief_id, editor)
    for action in actions:
        state = store.act(brief_id, editor, editor, adapter.validate_python({**action, "base_version": state.version}))
    return state


def alice_actions() -> list[dict]:
    """Alice's corrections of the bridge brief: r2 against, r3 deleted, Ana Ruiz added, bullet 1 wrong, checked."""
    start = BRIDGE_ARTICLE.index(MISSED_QUOTE)
    return [{"kind": "row.edit", "row": "r2", "stance": "against"}, {"kind": "row.delete", "row": "r3"},
            {"kind": "row.add", "actor": "Ana Ruiz", "role": "director", "target": BRIDGE, "stance": "favor",
             "start": start, "end": start + len(MISSED_QUOTE), "quote": MISSED_QUOTE},
            {"kind": "bullet.edit", "bullet": 1, "wrong": True}, {"kind": "check"}]
