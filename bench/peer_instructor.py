"""Peer: the same briefs through ``instructor`` (async, same pydantic model, same server), side by side.

    pip install -e '.[bench]'        # instructor is a bench-only extra
    python bench/peer_instructor.py [--items 200] [--latency 0.25] [--concurrency 32]

Both clients run the same articles and the same prompt messages against the same fake server
(separate process, memoised answers, fixed latency) at the same concurrency:

* summariser: the full batch path (validation, quote grounding, JSONL written and fsynced);
* instructor: ``create(response_model=DraftBrief)`` in JSON_SCHEMA mode under an
  asyncio.Semaphore, nothing written (so it does strictly less work).

Prints wall time, CPU per brief and the ratios.
"""

from __future__ import annotations

import asyncio
import time

from _common import Server, articles, bench_args, machine, quiet, run_briefs

from summariser import load_settings
from summariser.ingest.documents import document_from_text
from summariser.engines.llm.prompts import load_template
from summariser.core.schema import DraftBrief


def prompts(rows: list[dict]) -> list[list[dict[str, str]]]:
    """The exact messages summariser sends for each article."""
    settings, template = load_settings(), load_template("brief")
    docs = [document_from_text(r["text"], doc_id=r["id"]) for r in rows]
    for doc, row in zip(docs, rows):
        doc.title = row["title"]
    return [template.messages(article=d.text, title=d.title, **settings.style) for d in docs]


async def instructor_run(all_messages, url: str, concurrency: int) -> int:
    import instructor
    import openai

    raw = openai.AsyncOpenAI(base_url=url, api_key="bench", max_retries=0)
    client = instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)
    gate = asyncio.Semaphore(concurrency)

    async def one(messages) -> DraftBrief:
        async with gate:
            return await client.chat.completions.create(
                model="gpt-4o-mini", messages=messages, response_model=DraftBrief, max_retries=1, temperature=0.0,
            )

    try:
        results = await asyncio.gather(*(one(m) for m in all_messages), return_exceptions=True)
    finally:
        await raw.close()
    return sum(isinstance(r, DraftBrief) for r in results)


def timed_instructor(all_messages, url: str, concurrency: int) -> tuple[float, float, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    done = asyncio.run(instructor_run(all_messages, url, concurrency))
    return time.perf_counter() - wall, time.process_time() - cpu, done


def main() -> None:
    args = bench_args()
    quiet()
    rows, where = articles(args.items)
    all_messages = prompts(rows)
    print(f"peer: {args.items} briefs of {where}, latency {args.latency * 1000:.0f} ms, "
          f"concurrency {args.concurrency}; {machine()}")
    with Server(args.latency) as server:
        run_briefs(rows, server.url, 64)  # warm-up: the server memoises its answers
        timed_instructor(all_messages[:8], server.url, 8)  # warm-up imports
        ours = run_briefs(rows, server.url, args.concurrency)
        wall, cpu, done = timed_instructor(all_messages, server.url, args.concurrency)
    ideal = args.items * args.latency / args.concurrency
    print(f"{'client':<12} {'wall s':>7} {'/ideal':>7} {'CPU ms/brief':>13} {'done':>5}")
    print(f"{'summariser':<12} {ours.wall_s:>7.3f} {ours.wall_s / ideal:>7.3f} {ours.cpu_s / args.items * 1000:>13.2f} {ours.done:>5}")
    print(f"{'instructor':<12} {wall:>7.3f} {wall / ideal:>7.3f} {cpu / args.items * 1000:>13.2f} {done:>5}")
    print(f"ratio summariser / instructor: wall {ours.wall_s / wall:.3f}, CPU {ours.cpu_s / cpu:.3f}")


if __name__ == "__main__":
    main()
