"""A local fake OpenAI-compatible server for tests and benchmarks.

It speaks real HTTP on 127.0.0.1, so the official SDK is exercised end to end (retries,
Retry-After, timeouts, dropped connections). Replies come from a script (a queue consumed one
per request) and, when the script is empty, from a responder function. Every request body is
recorded for assertions.

Run standalone for benchmarks::

    cd tests && python -m fakes.fake_openai --port 8099 --latency 0.25
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .threaded import ThreadedServer


@dataclass
class Reply:
    """One scripted answer."""

    content: str | None = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    finish_reason: str = "stop"
    refusal: str | None = None
    prompt_tokens: int = 100
    completion_tokens: int = 50
    logprobs: list[dict] | None = None  # OpenAI's choices[0].logprobs.content, sent when the request asks
    error_message: str = ""

    @classmethod
    def json(cls, obj: Any, **kw: Any) -> "Reply":
        return cls(content=json.dumps(obj), **kw)

    @classmethod
    def error(cls, status: int, retry_after: float | None = None, message: str = "", **kw: Any) -> "Reply":
        """An HTTP error; ``message`` is the error text the server gives (default: 'scripted HTTP <status>')."""
        headers = {"retry-after": str(retry_after)} if retry_after is not None else {}
        return cls(status=status, headers=headers, error_message=message, **kw)

    @classmethod
    def dropped(cls) -> "Reply":
        return cls(drop=True)

    @classmethod
    def refused(cls, message: str = "I can't help with that.") -> "Reply":
        return cls(content=None, refusal=message)

    @classmethod
    def truncated(cls, partial: str = '{"headline": "Cut') -> "Reply":
        return cls(content=partial, finish_reason="length")


Responder = Callable[[dict], Reply]


def article_from_request(body: dict) -> str:
    """The article text inside <article> tags of the last user message that has one."""
    for message in reversed(body.get("messages", [])):
        content = message.get("content") or ""
        if "<article>" in content:
            return content.split("<article>", 1)[1].rsplit("</article>", 1)[0].strip("\n")
    return ""


def extractive_responder(body: dict) -> Reply:
    """A valid answer for any brief request: the extractive engine's draft of the article.

    Reduce requests (schema MergeDraft) get the extracts' rows and points merged in order.
    """
    from summariser.engines.extractive.rules import ExtractiveEngine

    schema_name = body.get("response_format", {}).get("json_schema", {}).get("name", "")
    if schema_name == "MergeDraft":
        return Reply(content=json.dumps(merge_extracts(body)))
    draft = ExtractiveEngine().draft(article_from_request(body))
    return Reply(content=draft.model_dump_json())


def merge_extracts(body: dict) -> dict:
    """A MergeDraft made by concatenating the extracts in a reduce request (bounded like the schema)."""
    from summariser.core.schema import MAX_STANCE_ROWS, MAX_SUMMARY_POINTS, MAX_WATCH_ITEMS

    content = body["messages"][-1]["content"]
    block = content.split("<extracts>", 1)[1].rsplit("</extracts>", 1)[0]
    extracts = [json.loads(line) for line in block.strip().splitlines() if line.strip()]
    return {
        "headline": extracts[0]["headline"] if extracts else "Brief",
        "summary": [p for e in extracts for p in e["summary"]][:MAX_SUMMARY_POINTS],
        "stance_table": [r for e in extracts for r in e["stance_table"]][:MAX_STANCE_ROWS],
        "what_to_watch": [w for e in extracts for w in e["what_to_watch"]][:MAX_WATCH_ITEMS],
        "disagreements": [d for e in extracts for d in e.get("disagreements", [])][:6],
    }


class FakeOpenAIServer:
    """A scripted OpenAI-compatible chat completions server running in a background thread."""

    def __init__(self, responder: Responder | None = None, *, latency: float = 0.0, host: str = "127.0.0.1", port: int = 0) -> None:
        self.script: deque[Reply] = deque()
        self.responder = responder
        self.latency = latency
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self.host, self.port = host, port
        self._server = ThreadedServer("fake-openai")
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    def push(self, *replies: Reply) -> None:
        with self._lock:
            self.script.extend(replies)

    def _next_reply(self, body: dict) -> Reply:
        with self._lock:
            if self.script:
                return self.script.popleft()
        if self.responder is not None:
            return self.responder(body)
        return Reply.error(500, content=None)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        arrived = asyncio.get_running_loop().time()
        body = await request.json()
        with self._lock:
            self.requests.append(body)
            self.headers.append(dict(request.headers))
        reply = self._next_reply(body)
        if self.latency or reply.delay:
            # the latency counts from the request's arrival, so the server's own work is not added to it
            await asyncio.sleep(max(0.0, arrived + self.latency + reply.delay - asyncio.get_running_loop().time()))
        if reply.drop:
            if request.transport is not None:
                request.transport.close()
            raise asyncio.CancelledError
        if reply.status != 200:
            message = reply.error_message or f"scripted HTTP {reply.status}"
            error = {"error": {"message": message, "type": "fake", "code": reply.status}}
            return web.json_response(error, status=reply.status, headers=reply.headers)
        return web.json_response(_completion(body, reply), headers=reply.headers)

    async def _stats(self, request: web.Request) -> web.Response:
        """Requests received so far (benchmarks count them server-side)."""
        return web.json_response({"requests": len(self.requests)})

    async def _models(self, request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._handle)
        app.router.add_get("/v1/models", self._models)
        app.router.add_get("/v1/_stats", self._stats)
        return app

    def start(self) -> "FakeOpenAIServer":
        self.port = self._server.serve(self._app, self.host, self.port, backlog=1024)
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _completion(body: dict, reply: Reply) -> dict:
    return {
        "id": f"chatcmpl-fake-{time.time_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake-model"),
        "choices": [{
            "index": 0,
            "message": {"role": "assistant", "content": reply.content, "refusal": reply.refusal},
            "finish_reason": reply.finish_reason,
            "logprobs": {"content": reply.logprobs} if reply.logprobs is not None and body.get("logprobs") else None,
        }],
        "usage": {
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
        },
    }


def memoised(responder: Responder) -> Responder:
    """``responder`` remembering its answer per request (messages and schema name)."""
    answers: dict[str, Reply] = {}

    def answer(body: dict) -> Reply:
        key = json.dumps([body.get("messages"), body.get("response_format")], sort_keys=True)
        if key not in answers:
            answers[key] = responder(body)
        return answers[key]

    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible server answering with extractive briefs.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="Seconds before each answer.")
    parser.add_argument("--memo", action="store_true",
                        help="Remember each article's answer, so a repeated article costs the server no CPU (benchmarks).")
    args = parser.parse_args()
    responder = memoised(extractive_responder) if args.memo else extractive_responder
    server = FakeOpenAIServer(responder, latency=args.latency, port=args.port).start()
    print(server.base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
