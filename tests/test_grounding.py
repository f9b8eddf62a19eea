"""Quote alignment: exact, normalised, fuzzy, none; offsets are character offsets."""

from __future__ import annotations

import pytest

from summariser.grounding.quotes import actor_tokens, locate, normalize, speaker_near

SOURCE = (
    "Kino Gabriel said, \u201cThe statement was a surprise and we can say that it is a stab in the back for the SDF.\u201d\n\n"
    "Graham added:  \u201cISIS is not defeated \u2014 the caliphate\u2019s destroyed,\n but there\u2019s thousands of fighters.\u201d"
)


def assert_verified_span(evidence, source):
    assert evidence.verified
    assert source[evidence.start:evidence.end] == evidence.quote


def test_exact_match_gives_offsets():
    quote = "a stab in the back for the SDF"
    e = locate(quote, SOURCE)
    assert e.match == "exact"
    assert_verified_span(e, SOURCE)
    assert e.quote == quote and e.model_quote is None


def test_straight_quotes_and_hyphen_match_curly_and_dash_after_normalising():
    e = locate("ISIS is not defeated - the caliphate's destroyed, but there's thousands of fighters", SOURCE)
    assert e.match == "normalized"
    assert_verified_span(e, SOURCE)
    assert "\u2014" in e.quote and "\u2019" in e.quote
    assert e.model_quote is not None


def test_whitespace_and_case_differences_are_normalised():
    e = locate("THE STATEMENT WAS A SURPRISE   and we can say", SOURCE)
    assert e.match == "normalized"
    assert_verified_span(e, SOURCE)
    assert e.quote.startswith("The statement was a surprise")


def test_surrounding_quote_marks_from_the_model_are_ignored():
    e = locate("\u201cThe statement was a surprise\u201d", SOURCE)
    assert e.match == "exact"
    assert e.quote == "The statement was a surprise"


@pytest.mark.parametrize("elision", ["...", "\u2026", " [...] "])
def test_elided_quote_matches_fragments_in_order_and_returns_the_full_span(elision):
    e = locate(f"The statement was a surprise{elision}a stab in the back", SOURCE)
    assert e.match == "normalized"
    assert_verified_span(e, SOURCE)
    assert e.quote == "The statement was a surprise and we can say that it is a stab in the back"


def test_elided_fragments_out_of_order_do_not_verify():
    e = locate("a stab in the back ... The statement was a surprise", SOURCE)
    assert not e.verified


def test_paraphrase_is_fuzzy_and_never_verified():
    e = locate("The statement was a big surprise and we can say it is a stab in the back for SDF", SOURCE)
    assert e.match == "fuzzy"
    assert not e.verified
    assert e.start is not None and e.end is not None


def test_invented_quote_is_not_found():
    e = locate("We will hold elections in November under international supervision", SOURCE)
    assert e.match == "none"
    assert not e.verified and e.start is None and e.end is None


def test_empty_quote_is_not_verified():
    assert not locate("  \u201c\u201d ", SOURCE).verified


def test_cjk_offsets_are_character_offsets():
    source = "東京で会談。防衛相は「日米同盟の抑止力を強化する」と述べた。"
    e = locate("日米同盟の抑止力を強化する", source)
    assert e.match == "exact"
    assert (e.start, e.end) == (source.index("日米"), source.index("」"))
    assert_verified_span(e, source)


def test_non_ascii_offsets_after_normalisation():
    source = "Erdoğan said: \u201cWe will neutralise the threat\u201d \u2014 and then left."
    e = locate('"we will neutralise the threat"', source)
    assert_verified_span(e, source)
    assert e.start == source.index("We will")


def test_repeated_quote_prefers_occurrence_nearest_to_hint():
    source = "A said \u201cno deal\u201d. Later, in Paris, B said \u201cno deal\u201d."
    e = locate("no deal", source, near=source.index("B said"))
    assert e.start == source.rindex("no deal")


def test_normalize_keeps_an_index_into_the_original():
    norm = normalize("A\u00a0\u00a0\u201cB\u201d \u2026")
    assert norm.text == 'a "b" ...'
    assert len(norm.index) == len(norm.text)


def test_speaker_near_finds_surname_and_reports_absence():
    e = locate("a stab in the back for the SDF", SOURCE)
    assert speaker_near(e, SOURCE, "Kino Gabriel") is True
    assert speaker_near(e, SOURCE, "Recep Tayyip Erdo\u011fan") is False
    assert speaker_near(locate("not there at all, nothing like it", SOURCE), SOURCE, "Kino Gabriel") is None


def test_actor_tokens_drop_titles_and_possessives():
    assert actor_tokens("President Erdo\u011fan's office") == {"erdo\u011fan", "office"}


def test_speaker_check_finds_a_name_that_starts_with_a_dotted_capital_i():
    from summariser.grounding.quotes import speaker_near
    from summariser.core.schema import Evidence

    text = "\u201cWe will not give up,\u201d \u0130mamo\u011flu told reporters on Monday."
    quote = "We will not give up"
    evidence = Evidence(quote=quote, start=1, end=1 + len(quote), verified=True, match="exact")
    assert speaker_near(evidence, text, "Ekrem \u0130mamo\u011flu") is True
