"""Lead-3 baseline check: normalisation, agreement with M0, ROUGE, and a smoke test on SummEval."""

from __future__ import annotations

import pytest
from rouge_score import rouge_scorer

from summariser.core.errors import InputError
from summariser.evals import lead3
from summariser.engines.extractive.rules import ExtractiveEngine, lead_sentences

from testkit import shared_path


def test_raw_text_and_ptb_output_normalise_to_the_same_tokens():
    raw = "(CNN)Sterling's team cannot pay \u00a3299 at 12:15am \u2014 \"he said\"."
    ptb = "( cnn ) sterling 's team can not pay # 299 at 12:15 am -- `` he said '' ."
    assert lead3.normalise_tokens(raw) == lead3.normalise_tokens(ptb)
    assert lead3.normalise_tokens("hasn't") == lead3.normalise_tokens("has n't") == ["has", "n", "t"]


def test_token_f1():
    assert lead3.token_f1(["a", "b"], ["a", "b"]) == 1.0
    assert lead3.token_f1(["a", "b"], ["c"]) == 0.0
    assert lead3.token_f1(["a", "b", "c", "d"], ["a", "b"]) == pytest.approx(2 * 0.5 * 1 / 1.5)
    assert lead3.token_f1([], []) == 1.0


def test_compare_with_m0_counts_exact_matches_after_normalising():
    same = lead3.Lead3Case("a", ["(CNN)It's here.", "Next one."], "( cnn ) it 's here . Next one .", "")
    other = lead3.Lead3Case("b", ["Completely different words."], "( cnn ) it 's here .", "")
    exact, rouge_l, f1, mismatches = lead3.compare_with_m0([same, other])
    assert exact == 0.5 and mismatches == ["b"]
    assert rouge_l == pytest.approx(0.5) and f1 == pytest.approx(0.5)


def test_mean_rouge_equals_rouge_score_on_the_same_pairs():
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    summary, reference = "The cats sat. They were warm.", "The cat sat on the mat. It was warm."
    expected = scorer.score("The cat sat on the mat.\nIt was warm.", "The cats sat.\nThey were warm.")
    ours = lead3.mean_rouge([summary], [reference])
    for name, value in ours.items():
        assert value == pytest.approx(100 * expected[name].fmeasure)


def test_cnndm_quirks_in_lead_sentences():
    text = (
        "(CNN)The whale swam 14,000 miles. 'Did you miss the coach? #RubberDub,' he wrote on Twitter. "
        "A look at all of the charges The sentencing phase begins Tuesday. Mr. Smith said no."
    )
    assert [s.text for s in lead_sentences(text)] == [
        "(CNN)The whale swam 14,000 miles.", "'Did you miss the coach?", "#RubberDub,' he wrote on Twitter.",
        "A look at all of the charges", "The sentencing phase begins Tuesday.", "Mr. Smith said no.",
    ]


@pytest.mark.parametrize(("text", "first_two"), [
    ("A hiker's tent (similar to the one pictured) was blown off a ridge near the summit An American hiker "
     "was rescued on Sunday after a storm. Crews reached him at noon.",
     ["A hiker's tent (similar to the one pictured) was blown off a ridge near the summit",
      "An American hiker was rescued on Sunday after a storm."]),
    ("Maria Lopez, 31, was charged on Friday over the theft of a rare violin in March A Spanish musician has been "
     "charged with stealing a violin. She denies it.",
     ["Maria Lopez, 31, was charged on Friday over the theft of a rare violin in March",
      "A Spanish musician has been charged with stealing a violin."]),
])
def test_a_caption_run_into_the_lede_is_its_own_sentence(text, first_two):
    assert [s.text for s in lead_sentences(text)][:2] == first_two
    assert all(text[s.start:s.end] == s.text for s in lead_sentences(text))


@pytest.mark.parametrize("text", [
    "Roma ended their four-month winless streak at home with a victory over Napoli in Serie A on Saturday in a key match.",
    "It may have been her impressive vocals that propelled her to fame in the series of The X Factor, but it turns out otherwise.",
    "Officials said the old bridge near the town will be replaced An Oxford engineer said so.",  # lede under six words
])
def test_names_with_a_and_the_are_not_caption_boundaries(text):
    assert [s.text for s in lead_sentences(text)] == [text]


def test_lead3_mode_keeps_normal_news_behaviour():
    text = "Headline here\n\nMonday, March 3, 2025\n\nHe starred in The Godfather. The U.S. Army agreed. It rained. Then it stopped."
    summary = [p.text for p in ExtractiveEngine(mode="lead3").draft(text, title="Headline here").summary]
    assert summary == ["He starred in The Godfather.", "The U.S. Army agreed.", "It rained."]


def test_missing_data_is_a_one_line_input_error(tmp_path):
    with pytest.raises(InputError, match="--summeval-dir"):
        lead3.load_cases(tmp_path)


def test_smoke_on_real_summeval_articles():
    rows = lead3.load_cases(shared_path("data", "summeval"))[:10]
    cases = lead3.build_cases(rows)
    exact, rouge_l, _, _ = lead3.compare_with_m0(cases)
    assert exact >= 0.8 and rouge_l > 0.9
    assert all(len(c.ours) == 3 for c in cases)


def test_same_three_sentences_as_summeval_m0_where_m0_is_from_the_article():
    """99 of 100: on the one left (dm-test-2c37d44...) M0's sentences are not in the article text at all."""
    report = lead3.lead3_report(shared_path("data", "summeval"))
    assert report.n == 100 and round(report.exact_share, 2) == 0.99
    assert [m.split("-")[2][:7] for m in report.mismatches] == ["2c37d44"]
