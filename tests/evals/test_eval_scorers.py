"""Scorers, each on its own: validity, grounding, stance, kappa, key facts, ROUGE, length, usage."""

from __future__ import annotations

import pytest
from rouge_score import rouge_scorer

from summariser.evals.predictions import gold_brief
from summariser.evals.scorers import (
    EMPTY_BRIEF, SCORERS, ScoreInput, case_details, cohen_kappa, locate_in_sources, reference_for_rouge,
    score_case, summary_for_rouge,
)
from summariser.core.schema import Evidence, StanceRow, SummaryPoint, Usage

from evalfix import gold_briefs, mini, story  # noqa: F401  (fixtures)


def _inp(mini, gold_briefs, case_id="harbour", **changes):
    case = mini.by_id()[case_id]
    brief = gold_briefs[case_id].model_copy(update=changes) if changes else gold_briefs[case_id]
    return ScoreInput(case, brief)


def _invented(quote: str) -> Evidence:
    # A prediction made elsewhere may claim verified=True: the scorer must not trust it.
    return Evidence(quote=quote, start=0, end=len(quote), verified=True, match="exact")


def test_every_scorer_returns_exactly_its_declared_metrics(mini, gold_briefs):
    for scorer in SCORERS.values():
        values = scorer(_inp(mini, gold_briefs))
        assert set(values) == {m.name for m in scorer.metrics}


def test_validity(mini, gold_briefs):
    assert SCORERS["validity"](_inp(mini, gold_briefs)) == {"schema_valid": 1.0, "attempts": 1}
    failed = ScoreInput(mini.cases[0], None, attempts=3)
    assert SCORERS["validity"](failed) == {"schema_valid": 0.0, "attempts": 3}


def test_gold_as_prediction_scores_full_grounding_and_stance(mini, gold_briefs):
    for case in mini.cases:
        scores = score_case(ScoreInput(case, gold_briefs[case.id]))
        assert scores["quote_grounding"] == 1.0 and scores["quote_exact"] == 1.0
        assert scores["stance_f1"] == scores["stance_precision"] == scores["stance_recall"] == 1.0
        assert scores["stance_accuracy"] == 1.0 and scores["actor_recall"] == 1.0
        assert scores["key_fact_coverage"] == 1.0


def test_half_invented_quotes_give_grounding_half(mini, gold_briefs):
    brief = gold_briefs["library"]
    rows = [brief.stance_table[0], brief.stance_table[1].model_copy(update={"evidence": [_invented("Libraries are a luxury we cannot afford.")]})]
    scores = SCORERS["grounding"](_inp(mini, gold_briefs, "library", stance_table=rows))
    assert scores["quote_grounding"] == 0.5 and scores["quote_exact"] == 0.5


def test_normalised_quotes_count_as_grounded_but_not_exact(mini, gold_briefs):
    point = SummaryPoint(text="x", evidence=[_invented("THIS HARBOUR IS OUR FUTURE")])
    scores = SCORERS["grounding"](_inp(mini, gold_briefs, summary=[point], stance_table=[]))
    assert scores == {"quote_grounding": 1.0, "quote_exact": 0.0, "speaker_accuracy": None}


def test_speaker_accuracy_checks_the_actor_is_named_near_the_quote(mini, gold_briefs):
    row = gold_briefs["harbour"].stance_table[0]
    wrong = row.model_copy(update={"actor": "Gustav Olsen"})
    scores = SCORERS["grounding"](_inp(mini, gold_briefs, stance_table=[row, wrong]))
    assert scores["speaker_accuracy"] == 0.5


def test_stance_with_a_flipped_stance_and_a_missing_row(mini, gold_briefs):
    rows = gold_briefs["harbour"].stance_table
    flipped = rows[0].model_copy(update={"stance": "against"})
    scores = SCORERS["stance"](_inp(mini, gold_briefs, stance_table=[flipped, rows[1]]))
    assert scores["stance_precision"] == 1.0 and scores["stance_recall"] == pytest.approx(2 / 3)
    assert scores["stance_f1"] == pytest.approx(0.8)
    assert scores["stance_accuracy"] == 0.5 and scores["actor_recall"] == pytest.approx(2 / 3)


def test_stance_matches_paraphrased_targets_and_aliases(mini, gold_briefs):
    row = StanceRow(actor="Kovac", role="mayor", target="Expanding the harbour", stance="favor", evidence=[])
    scores = SCORERS["stance"](_inp(mini, gold_briefs, stance_table=[row]))
    assert scores["stance_precision"] == 1.0 and scores["stance_accuracy"] == 1.0


def test_stance_on_a_case_without_gold_is_not_applicable(mini, gold_briefs):
    case = mini.by_id()["library"].model_copy(update={"gold_stances": []})
    assert set(SCORERS["stance"](ScoreInput(case, gold_briefs["library"])).values()) == {None}


def test_cohen_kappa_known_values():
    # 2x2 table: 20 agree-yes, 15 agree-no, 5 + 10 disagreements: po = 0.7, pe = 0.5, kappa = 0.4.
    pairs = [("favor", "favor")] * 20 + [("against", "against")] * 15 + [("favor", "against")] * 5 + [("against", "favor")] * 10
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert cohen_kappa([("favor", "favor"), ("against", "against")]) == 1.0
    assert cohen_kappa([("favor", "favor")] * 3) is None
    assert cohen_kappa([]) is None


def _bullets(*texts):
    return EMPTY_BRIEF.model_copy(update={"summary": [SummaryPoint(text=t, evidence=[]) for t in texts]})


def test_key_fact_coverage_threshold(mini):
    case = mini.by_id()["harbour"]  # fact 2 has 7 content words: first phase expect cost 40 million euro
    def scores(bullet):
        return SCORERS["key_facts"](ScoreInput(case, _bullets(bullet)))
    lowmere = scores("Lowmere council approves plan to expand its harbour.")
    assert lowmere["key_fact_coverage"] == 0.5 and lowmere["key_fact_recall"] == pytest.approx((1 + 0) / 2)
    below = scores("The first phase is expected to cost a lot")  # 4/7 < 0.6
    assert below["key_fact_coverage"] == 0.0 and below["key_fact_recall"] == pytest.approx(2 / 7)
    at = scores("The first phase is expected to cost 40 euros")  # 6/7 >= 0.6, and the number is there
    assert at["key_fact_coverage"] == 0.5 and at["key_fact_recall"] == pytest.approx(3 / 7)
    assert scores("The first phase is expected to cost 50 million euros")["key_fact_coverage"] == 0.0  # wrong number


def test_rouge_equals_rouge_score_on_the_same_pairs(mini, gold_briefs):
    inp = _inp(mini, gold_briefs)
    scores = SCORERS["rouge"](inp)
    reference = reference_for_rouge(inp.case.references[0])
    assert "\n" in reference
    direct = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True).score(
        reference, summary_for_rouge(inp.brief))
    assert scores == {name: direct[name].fmeasure for name in ("rouge1", "rouge2", "rougeLsum")}
    assert 0 < scores["rouge2"] < scores["rouge1"] < 1


def test_rouge_takes_the_best_of_several_references(mini, gold_briefs):
    case = mini.by_id()["harbour"]
    brief = gold_briefs["harbour"]
    two = case.model_copy(update={"references": ["Unrelated words entirely.", case.references[0]]})
    assert SCORERS["rouge"](ScoreInput(two, brief)) == SCORERS["rouge"](ScoreInput(case, brief))


def test_length_compliance_uses_the_style_target(mini, gold_briefs):
    meta = gold_briefs["harbour"].meta.model_copy(update={"style": {"words": 20}})
    ten_words = [SummaryPoint(text="one two three four five six seven eight nine", evidence=[])]
    scores = SCORERS["length"](_inp(mini, gold_briefs, headline="Harbour", summary=ten_words, meta=meta))
    assert scores == {"summary_words": 10, "length_ok": 0.0}
    inp = _inp(mini, gold_briefs, headline="Harbour", summary=ten_words)
    inp.words_target = 12
    assert SCORERS["length"](inp)["length_ok"] == 1.0


def test_usage_reports_tokens_cost_latency(mini, gold_briefs):
    meta = gold_briefs["harbour"].meta.model_copy(update={
        "usage": Usage(requests=2, prompt_tokens=900, completion_tokens=300), "cost_usd": 0.0012, "latency_s": 1.5})
    assert SCORERS["usage"](_inp(mini, gold_briefs, meta=meta)) == {
        "prompt_tokens": 900, "completion_tokens": 300, "cost_usd": 0.0012, "latency_s": 1.5}


def test_a_failed_case_counts_as_an_empty_brief(mini):
    scores = score_case(ScoreInput(mini.by_id()["harbour"], None, attempts=3))
    assert scores["schema_valid"] == 0.0 and scores["stance_recall"] == 0.0 and scores["stance_f1"] == 0.0
    assert scores["key_fact_coverage"] == 0.0 and scores["rouge1"] == 0.0
    assert scores["quote_grounding"] is None and scores["latency_s"] is None


def test_case_details_explain_the_scores(mini, gold_briefs):
    details = case_details(_inp(mini, gold_briefs))
    assert [(m["pred"], m["gold"]) for m in details["matches"]] == [(0, 0), (1, 1), (2, 2)]
    assert details["stance_pairs"] == [["favor", "favor"], ["against", "against"], ["against", "against"]]
    assert details["fact_recall"] == [1.0, 1.0] and details["fact_covered"] == [True, True] and all(details["quote_found"])
    assert details["counts"] == {"rows_predicted": 3, "rows_gold": 3, "rows_matched": 3, "rows_f1_num": 6,
                                 "rows_f1_den": 6, "rows_agree": 3}


# --- multi-article cases: each quote against its own source ------------------------------------------

COURT_QUOTE = "We will take this to the regional court"  # only in the "court" article


def _claimed(quote: str, source_id: str) -> Evidence:
    return Evidence(quote=quote, start=0, end=len(quote), verified=True, match="exact", source_id=source_id)


def _story_inp(story, rows):
    case = story.cases[0]
    return ScoreInput(case, gold_brief(case).model_copy(update={"stance_table": rows}))


def test_gold_of_a_story_case_scores_full_marks_including_sources(story):
    case = story.cases[0]
    scores = score_case(ScoreInput(case, gold_brief(case)))
    assert scores["quote_grounding"] == scores["quote_exact"] == scores["stance_f1"] == 1.0
    assert scores["source_accuracy"] == 1.0 and scores["speaker_accuracy"] == 1.0
    assert [e.source_id for e in gold_brief(case).evidence()] == ["vote", "vote", "court"]


def test_story_quote_is_grounded_only_in_its_own_source_or_any_when_unnamed(story):
    row = gold_brief(story.cases[0]).stance_table[2]
    def grounding(source_id):
        return SCORERS["grounding"](_story_inp(story, [row.model_copy(update={"evidence": [_claimed(COURT_QUOTE, source_id)]})]))
    assert grounding("court")["quote_grounding"] == 1.0 and grounding("court")["quote_exact"] == 1.0
    assert grounding("vote") == {"quote_grounding": 0.0, "quote_exact": 0.0, "speaker_accuracy": None}
    assert grounding("")["quote_grounding"] == grounding("elsewhere")["quote_grounding"] == 1.0


def test_story_speaker_accuracy_reads_the_quote_s_own_article(story):
    row = gold_brief(story.cases[0]).stance_table[2]  # Blue Coast / Lena Ortiz, in "court"
    wrong = row.model_copy(update={"actor": "Tomas Reed"})  # named in "vote" only
    assert SCORERS["grounding"](_story_inp(story, [row, wrong]))["speaker_accuracy"] == 0.5


def test_source_accuracy_counts_matched_rows_quoting_the_gold_source(story):
    rows = gold_brief(story.cases[0]).stance_table
    jobs = _claimed("the plan would create 300 jobs", "court")  # Kovač, but from the other article
    moved = [rows[0].model_copy(update={"evidence": [jobs]}), rows[1], rows[2]]
    scores = SCORERS["stance"](_story_inp(story, moved))
    assert scores["stance_f1"] == 1.0 and scores["source_accuracy"] == pytest.approx(2 / 3)
    both = [rows[0].model_copy(update={"evidence": [jobs, *rows[0].evidence]}), rows[1], rows[2]]
    assert SCORERS["stance"](_story_inp(story, both))["source_accuracy"] == 1.0
    misattributed = [rows[0], rows[1], rows[2].model_copy(update={"evidence": [_claimed(COURT_QUOTE, "vote")]})]
    assert SCORERS["stance"](_story_inp(story, misattributed))["source_accuracy"] == pytest.approx(2 / 3)


def test_source_accuracy_is_not_applicable_without_gold_sources(mini, gold_briefs, story):
    assert SCORERS["stance"](_inp(mini, gold_briefs))["source_accuracy"] is None
    assert SCORERS["stance"](_story_inp(story, []))["source_accuracy"] is None  # no matched row


def test_locate_in_sources_names_the_document_it_found_the_quote_in(story):
    sources = {d.id: d.text for d in story.cases[0].documents()}
    found = locate_in_sources(COURT_QUOTE, "", sources)
    assert found.verified and found.source_id == "court" and sources["court"][found.start:found.end] == COURT_QUOTE
    assert not locate_in_sources(COURT_QUOTE, "vote", sources).verified
