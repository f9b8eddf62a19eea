"""Long articles (map-reduce over chunks) and several articles merged into one brief."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from summariser import document_from_text, load_settings
from summariser.engines.llm.chunking import split_document
from summariser.ingest.documents import load_source
from summariser.service.pipeline import aclose, make_engine, make_story_brief
from summariser.core.schema import Brief
from fakes.fake_openai import FakeOpenAIServer, Reply, extractive_responder
from summariser.engines.llm.tokens import counter_for

from testkit import ROOT

STORY = ROOT / "tests" / "data" / "story"
DEV_ARTICLES = ROOT / "evals" / "datasets" / "dev" / "articles"


def long_article(min_tokens: int) -> str:
    """Real article text (the committed dev set) repeated until it is at least ``min_tokens`` long."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV_ARTICLES.glob("*.txt"))]
    if not texts:
        pytest.skip("dev articles not present")
    counter = counter_for("gpt-4")
    parts, total, i = [], 0, 0
    while total < min_tokens:
        text = texts[i % len(texts)]
        parts.append(f"Part {i + 1}\n\n{text}")
        total += counter.count(text)
        i += 1
    return "\n\n".join(parts)


def brief_story(docs, settings, story=""):
    async def run():
        engine = make_engine(settings)
        try:
            return await make_story_brief(docs, engine, settings, story)
        finally:
            await aclose(engine)

    return asyncio.run(run())


def test_chunks_cover_the_text_within_budget():
    doc = document_from_text(long_article(6000))
    counter = counter_for("gpt-4")
    chunks = split_document(doc, counter, 700)
    assert len(chunks) > 5
    for chunk in chunks:
        assert doc.text[chunk.start:chunk.end] == chunk.text
        assert counter.count(chunk.text) <= 700
    covered = "".join(doc.text[a.end:b.start] for a, b in zip(chunks, chunks[1:]))
    assert covered.strip() == "", "only whitespace may fall between chunks"
    assert chunks[0].start == len(doc.text) - len(doc.text.lstrip())
    assert chunks[-1].end == len(doc.text.rstrip())


def test_oversized_paragraph_is_split_not_truncated():
    text = ("word " * 3000).strip() + "."
    chunks = split_document(document_from_text(text), counter_for("gpt-4"), 300)
    assert len(chunks) > 5
    assert " ".join(c.text for c in chunks) == text


def test_100k_token_article_map_reduce_keeps_exact_offsets():
    text = long_article(100_000)
    doc = document_from_text(text, doc_id="long")
    with FakeOpenAIServer(extractive_responder) as server:
        settings = load_settings(base_url=server.base_url, model="gpt-4", context_window=16_000, max_output_tokens=2_000)
        brief = brief_story([doc], settings)
        names = [r["response_format"]["json_schema"]["name"] for r in server.requests]
    meta = brief.meta.processing
    assert meta.mode == "map_reduce" and meta.chunks >= 7
    assert names.count("DraftBrief") == meta.chunks and names.count("MergeDraft") >= 1
    assert meta.calls == len(names) == brief.meta.usage.requests
    assert brief.stance_table
    verified = [e for e in brief.evidence() if e.verified]
    assert verified
    for evidence in verified:
        assert evidence.source_id == "long"
        assert text[evidence.start:evidence.end] == evidence.quote


def test_reduce_is_hierarchical_when_extracts_do_not_fit_one_call():
    text = long_article(20_000)
    with FakeOpenAIServer(extractive_responder) as server:
        settings = load_settings(base_url=server.base_url, model="gpt-4", context_window=4_000, max_output_tokens=800)
        brief = brief_story([document_from_text(text)], settings)
        names = [r["response_format"]["json_schema"]["name"] for r in server.requests]
    assert names.count("MergeDraft") > 1
    assert brief.meta.processing.calls == len(names)


def test_calls_grow_linearly_with_input():
    settings = load_settings(base_url="http://127.0.0.1:9/v1", model="gpt-4", context_window=8_000)
    engine = make_engine(settings)
    small = engine.plan([document_from_text(long_article(20_000))], settings)
    large = engine.plan([document_from_text(long_article(80_000))], settings)
    assert 3.0 <= large.calls / small.calls <= 5.0
    assert 3.0 <= large.prompt_tokens / small.prompt_tokens <= 5.0


def test_dry_run_prints_the_plan_and_sends_nothing(fake_openai):
    result = subprocess.run(
        [sys.executable, "-m", "summariser", "brief", "--story", str(STORY / "story.yaml"), "--dry-run",
         "--base-url", fake_openai.base_url, "--model", "gpt-4o-mini"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("plan: merge, 3 document(s), 3 chunk(s), 4 call(s) (3 map + 1 reduce)")
    assert "estimated cost: ~$" in result.stdout
    assert fake_openai.requests == []


def story_docs():
    return [load_source(str(STORY / name)) for name in ("harbour-daily.txt", "coastal-times.txt", "business-wire.txt")]


def test_offline_merge_names_sources_groups_actor_and_reports_contradiction():
    docs = story_docs()
    brief = brief_story(docs, load_settings(), "Velmora dock strike")
    by_id = {d.id: d.text for d in docs}
    for evidence in brief.evidence():
        assert evidence.source_id in by_id
        assert evidence.verified and by_id[evidence.source_id][evidence.start:evidence.end] == evidence.quote
    # one actor across sources: one name, one row per claim she makes (the cost of jobs; the strike goes on)
    quint = [r for r in brief.stance_table if "Quint" in r.actor]
    assert {r.actor for r in quint} == {"Mara Quint"} and len(quint) == len({r.target for r in quint})
    assert {e.source_id for r in quint for e in r.evidence} == {"harbour-daily", "coastal-times"}
    facts = [d for d in brief.disagreements if d.kind == "fact"]
    assert len(facts) == 1 and "40" in facts[0].summary and "14" in facts[0].summary
    assert {e.source_id for e in facts[0].evidence} == {"harbour-daily", "coastal-times"}
    assert [s.id for s in brief.meta.sources] == ["harbour-daily", "coastal-times", "business-wire"]


def test_model_merge_sends_map_then_reduce_and_reports_stance_disagreement(fake_openai):
    docs = story_docs()
    reduce_answer = {
        "headline": "Velmora dock strike drags on",
        "summary": [{"text": "Dockers struck over automation.", "quotes": ["Dock workers in Velmora walked out on Monday"]}],
        "stance_table": [
            {"actor": "Mara Quint", "role": "union head", "target": "The automation plan should be withdrawn",
             "stance": "favor", "quote": "This strike goes on until the automation plan is withdrawn"},
            {"actor": "Quint", "role": "head of the dockers' union", "target": "The automation plan should be withdrawn",
             "stance": "favor", "quote": "We will not let machines take the bread from our families"},
            {"actor": "Anselm Roth", "role": "port director", "target": "The automation plan should be withdrawn",
             "stance": "against", "quote": "Automation is the only way Velmora stays competitive"},
            {"actor": "Roth", "role": "port director", "target": "The automation plan should be withdrawn",
             "stance": "mixed", "quote": "We are ready to phase the plan in over three years"},
        ],
        "what_to_watch": ["Talks on Thursday."],
        "disagreements": [{"kind": "fact", "summary": "harbour-daily says 40 ships wait, coastal-times says 14",
                           "quotes": ["kept 40 ships waiting", "kept 14 ships waiting"]}],
    }

    def answer(body: dict) -> Reply:  # map requests run concurrently: answer by content, not by order
        if body["response_format"]["json_schema"]["name"] == "MergeDraft":
            return Reply.json(reduce_answer)
        return extractive_responder(body)

    fake_openai.responder = answer
    settings = load_settings(base_url=fake_openai.base_url, model="gpt-4o-mini")
    brief = brief_story(docs, settings, "Velmora dock strike")
    names = [r["response_format"]["json_schema"]["name"] for r in fake_openai.requests]
    assert names == ["DraftBrief", "DraftBrief", "DraftBrief", "MergeDraft"]
    reduce_request = fake_openai.requests[-1]["messages"][-1]["content"]
    assert all(f"- {d.id}" in reduce_request for d in docs) and "<extracts>" in reduce_request
    quint = [r for r in brief.stance_table if r.actor == "Mara Quint"]
    assert len(quint) == 1 and {e.source_id for e in quint[0].evidence} == {"coastal-times", "harbour-daily"}
    stance = [d for d in brief.disagreements if d.kind == "stance"]
    assert len(stance) == 1 and "Anselm Roth" in stance[0].summary
    fact = [d for d in brief.disagreements if d.kind == "fact"]
    assert fact[0].summary.startswith("harbour-daily says 40")
    assert [e.source_id for e in fact[0].evidence] == ["harbour-daily", "coastal-times"]
    assert all(e.verified for e in fact[0].evidence)
    assert len(fact) == 1, "the rule-found twin of a reported contradiction is not repeated"
    assert brief.meta.processing.mode == "merge" and brief.meta.processing.calls == 4


def test_merge_cli_writes_one_brief_with_sources(tmp_path):
    out = tmp_path / "story.json"
    result = subprocess.run(
        [sys.executable, "-m", "summariser", "brief", "--merge", *(str(STORY / n) for n in ("harbour-daily.txt", "coastal-times.txt")),
         "--format", "json", "-o", str(out)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    brief = Brief.model_validate_json(out.read_text())
    assert len(brief.meta.sources) == 2 and brief.meta.processing.mode == "merge"
    markdown = subprocess.run(
        [sys.executable, "-m", "summariser", "brief", "--story", str(STORY / "story.yaml")],
        capture_output=True, text=True, timeout=60,
    ).stdout
    assert "## Where sources disagree" in markdown and "harbour-daily chars" in markdown
    html = subprocess.run(
        [sys.executable, "-m", "summariser", "brief", "--story", str(STORY / "story.yaml"), "--format", "html"],
        capture_output=True, text=True, timeout=60,
    ).stdout
    assert "Where sources disagree" in html
    assert html.count("<article ") == 3 and 'data-doc="business-wire"' in html
    assert "\u2713 coastal-times" in html


def test_bad_story_file(tmp_path):
    story = tmp_path / "story.yaml"
    story.write_text("title: x\n")
    result = subprocess.run([sys.executable, "-m", "summariser", "brief", "--story", str(story)], capture_output=True, text=True)
    assert result.returncode == 2 and "'sources' list" in result.stderr and "Traceback" not in result.stderr


def test_combined_drafts_keep_the_row_limit_and_every_source():
    from summariser.grounding.merge import combine_drafts
    from summariser.core.schema import MAX_STANCE_ROWS, DraftBrief

    def draft(name: str, rows: int) -> DraftBrief:
        table = [{"actor": f"{name}{i}", "role": "", "target": "t", "stance": "favor", "quote": "q"} for i in range(rows)]
        return DraftBrief.model_validate({"headline": name, "summary": [], "stance_table": table, "what_to_watch": []})

    merged = combine_drafts([draft("a", 9), draft("b", 7)], headline="story")
    actors = [row.actor for row in merged.stance_table]
    assert len(actors) == MAX_STANCE_ROWS and actors[:4] == ["a0", "b0", "a1", "b1"]
    assert actors[-2:] == ["a5", "b5"] and "a6" not in actors  # 6 from each, not the first 12 of a
