"""Overhead: CPU time per brief spent in the tool itself, excluding waiting for the model.

    python bench/overhead.py [--items 200] [--words 1000]

Two figures over ~1,000-word articles, both with time.process_time() (CPU of this process only):

* tool only: the batch path (JSONL in, prompt rendering, token count, validation, grounding,
  JSONL out) with an in-process model stub that returns a precomputed answer (no HTTP);
* tool + openai SDK + HTTP: the same against a zero-latency fake server in another process,
  so the client library's share is visible too.

Target: tool only, under 5 ms per brief.
"""

from __future__ import annotations

import argparse
import asyncio

from _common import Server, articles, machine, quiet, run_briefs

from summariser.engines.extractive.rules import ExtractiveEngine
from summariser.engines.llm.chat import Completion
from summariser.core.schema import Usage
from fakes.fake_openai import article_from_request


class StubChat:
    """A ChatModel answering instantly with the extractive draft of the article (precomputed)."""

    backend, model, base_url = "openai", "gpt-4o-mini", "http://stub"

    def __init__(self, rows: list[dict]) -> None:
        engine = ExtractiveEngine()
        self.answers = {r["text"].strip("\n"): engine.draft(r["text"]).model_dump_json() for r in rows}

    async def complete(self, messages, *, schema, schema_name, max_tokens=None) -> Completion:
        await asyncio.sleep(0)
        text = self.answers[article_from_request({"messages": messages})]
        return Completion(text=text, usage=Usage(requests=1, prompt_tokens=1500, completion_tokens=300))

    async def aclose(self) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    quiet()
    rows, where = articles(args.items, target_words=args.words)
    words = sum(len(r["text"].split()) for r in rows) / len(rows)
    print(f"overhead: {args.items} briefs of {where}, {words:.0f} words on average; {machine()}")
    stub = StubChat(rows)
    run_briefs(rows, "http://stub/v1", 8, chat=stub)  # warm-up (imports, tokenizer, templates)
    tool = run_briefs(rows, "http://stub/v1", 8, chat=stub)
    print(f"tool only (no HTTP):          {tool.cpu_s / args.items * 1000:6.2f} ms CPU per brief "
          f"({tool.done} done)  target < 5 ms: {'met' if tool.cpu_s / args.items < 0.005 else 'NOT met'}")
    with Server(0.0) as server:
        run_briefs(rows, server.url, 8)  # warm-up: the server memoises its answers
        full = run_briefs(rows, server.url, 8)
    print(f"tool + openai SDK + HTTP:     {full.cpu_s / args.items * 1000:6.2f} ms CPU per brief ({full.done} done)")
    print(f"of which SDK + HTTP client:   {(full.cpu_s - tool.cpu_s) / args.items * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
