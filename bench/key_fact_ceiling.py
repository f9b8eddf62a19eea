"""Key-fact ceiling: how many gold key facts a brief of the extractive engine's length could state at most.

    python bench/key_fact_ceiling.py [--split test|dev|PATH] [--words 150]

For each single-article case, every choice of the engine's candidate sentences (kept in article order)
that fits the summary's word ceiling (``--words`` plus the engine's length slack) is judged by the
harness's own key-fact judge on the brief's windows: each sentence, and each two sentences adjacent in
the brief. The best choice is found exactly (a depth-first search pruned by the facts still reachable).
It knows the gold facts, so it is a bound to read a ``key_fact_coverage`` target against, not a method.
Printed beside it: the engine's own bullets judged the same way (What to watch left out on both sides).
The test split takes seconds, the dev split about ten minutes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from functools import reduce
from pathlib import Path

from summariser.core.text import Layout, Span
from summariser.engines.extractive.rules import LENGTH_SLACK, ExtractiveEngine, content_sentences
from summariser.evals.facts import judge_fact, section_windows, with_digits

ROOT = Path(__file__).resolve().parent.parent


def covered_by(facts: list[str], window: str) -> int:
    """The facts (a bit each) that one window states."""
    return sum(1 << j for j, fact in enumerate(facts) if judge_fact(fact, [window]).covered)


def ceiling(facts: list[str], sentences: list[Span], budget: int) -> int:
    """The most facts any choice of ``sentences`` within ``budget`` words states."""
    texts, words, n = [with_digits(s.text) for s in sentences], [s.words for s in sentences], len(sentences)
    single = [covered_by(facts, t) for t in texts]
    pair = [[covered_by(facts, f"{texts[i]} {texts[j]}") if i < j and words[i] + words[j] <= budget else 0
             for j in range(n)] for i in range(n)]
    reachable = [0] * (n + 1)  # facts that sentences from k on can still add
    for k in range(n - 1, -1, -1):
        reachable[k] = reachable[k + 1] | single[k] | reduce(int.__or__, (pair[x][k] for x in range(k)), 0)
    best = 0

    def search(start: int, previous: int, left: int, have: int) -> None:
        nonlocal best
        best = max(best, have.bit_count())
        if (have | reachable[start]).bit_count() <= best:
            return
        for i in range(start, n):
            if words[i] <= left:
                search(i + 1, i, left - words[i], have | single[i] | (pair[previous][i] if previous >= 0 else 0))

    search(0, -1, budget, 0)
    return best


def engine_bullets(facts: list[str], text: str, title: str, words: int) -> int:
    """The facts the engine's own bullets state, judged on the same windows."""
    bullets = [with_digits(p.text) for p in ExtractiveEngine().draft(text, title=title, words_target=words).summary]
    return sum(judge_fact(fact, section_windows(bullets)).covered for fact in facts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", help="test, dev or a folder with cases.jsonl (default: test)")
    parser.add_argument("--words", type=int, default=150, help="the summary's --words (default: 150)")
    args = parser.parse_args()
    folder = ROOT / "evals" / "datasets" / args.split if args.split in {"dev", "test"} else Path(args.split)
    if not (folder / "cases.jsonl").is_file():
        sys.exit(f"key_fact_ceiling: no cases.jsonl in {folder}: pass --split test, dev or a dataset folder")
    budget = int(args.words * (1 + LENGTH_SLACK))
    started, facts_total, best_total, engine_total, cases = time.perf_counter(), 0, 0, 0, 0
    for line in (folder / "cases.jsonl").open(encoding="utf-8"):
        case = json.loads(line)
        if "article" not in case:
            continue  # a multi-article story: its facts come from several articles
        text, title = (folder / case["article"]).read_text(encoding="utf-8"), case["metadata"]["title"]
        facts = case["key_facts"]
        best_total += ceiling(facts, content_sentences(Layout(text), title), budget)
        engine_total += engine_bullets(facts, text, title, args.words)
        facts_total, cases = facts_total + len(facts), cases + 1
    print(f"{folder.name}: {cases} articles, {facts_total} key facts, summary within {budget} words")
    print(f"ceiling (best choice of sentences, knowing the facts): {best_total}/{facts_total} = {best_total / facts_total:.3f}")
    print(f"engine's bullets:                                        {engine_total}/{facts_total} = {engine_total / facts_total:.3f}")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
