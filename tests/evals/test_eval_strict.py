"""The strict harness (issue 11): each rule with the failing example that made the old harness flatter."""

from __future__ import annotations

import pytest

from summariser.evals.dataset import Case, GoldStance
from summariser.evals.matching import (
    PredictedRow,
    actor_score,
    compare_targets,
    flip_stance,
    identity_score,
    match_rows,
    token_f1,
)
from summariser.evals.scorers import EMPTY_BRIEF, SCORERS, ScoreInput
from summariser.schema import StanceRow


def _gold(actor, aliases=(), target="The bloc should expand", stance="favor", role=""):
    return GoldStance(actor=actor, aliases=list(aliases), role=role, target=target, stance=stance)


# --- actor identity ----------------------------------------------------------------------------------


@pytest.mark.parametrize("predicted, gold, aliases", [
    ("AU", "Abdel Fattah el-Sisi", ["AU chair Abdel Fattah el-Sisi", "el-Sisi"]),  # an undeclared acronym
    ("Hong Kong", "Carrie Lam", ["Hong Kong leader Carrie Lam", "Lam"]),  # a place-name fragment of an alias
    ("Kong", "Man-kei Tam", ["Tam"]),  # a fragment of a place
    ("Man-kei", "Man-kei Tam", ["Tam"]),  # a one-word partial that is not the surname
    ("Without Nigeria", "Nigeria", []),  # a fragment starting with a function word
    ("Donald", "Donald Trump", ["President Trump"]),
    ("Forces", "Syrian Democratic Forces", ["SDF"]),  # organisations have no surname
    ("Turkish", "Recep Tayyip Erdoğan", ["Turkish President"]),  # a demonym left once the title is gone
    ("Donald Tusk", "Donald Trump", []),
])
def test_actor_identity_refuses_fragments_places_and_acronyms(predicted, gold, aliases):
    assert actor_score(predicted, [gold, *aliases]) == 0.0


@pytest.mark.parametrize("predicted, gold, aliases", [
    ("Sisi", "Abdel Fattah el-Sisi", []), ("el-Sisi", "Abdel Fattah el-Sisi", []),
    ("Fattah el-Sisi", "Abdel Fattah el-Sisi", []), ("Tam", "Man-kei Tam", []), ("Lam", "Carrie Lam", []),
    ("President Trump", "Donald Trump", []), ("US President Donald Trump's", "Donald Trump", []),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", []), ("SDF", "Syrian Democratic Forces", ["SDF"]),
    ("Kurdish-led Syrian Democratic Forces", "Syrian Democratic Forces", []),
    ("BBC's Jonathan Marcus", "Jonathan Marcus", []), ("Iran's Rouhani", "Hassan Rouhani", ["Rouhani"]),
    ("Nigeria", "Nigeria", []), ("MP Philip Hammond", "Philip Hammond", []),
])
def test_actor_identity_accepts_full_names_surnames_and_declared_aliases(predicted, gold, aliases):
    assert actor_score(predicted, [gold, *aliases]) > 0


def test_a_full_name_scores_higher_than_a_surname():
    assert identity_score("Carrie Lam", "Carrie Lam") == 1.0 and identity_score("Lam", "Carrie Lam") == 0.5


def test_hong_kong_does_not_match_carrie_lam_even_when_her_role_says_hong_kong():
    lam = _gold("Carrie Lam", ["Lam"], role="Chief Executive of Hong Kong")
    assert match_rows([PredictedRow("Hong Kong", lam.target, "favor")], [lam]) == []
    assert len(match_rows([PredictedRow("Lam", lam.target, "favor")], [lam])) == 1


# --- target polarity ---------------------------------------------------------------------------------


@pytest.mark.parametrize("predicted, gold", [
    ("Foreign forces should not leave the Gulf", "Foreign forces should leave the Gulf"),
    ("The deal is illegal", "The deal is legal"),
    ("Suspending Parliament is unconstitutional", "Suspending Parliament is constitutional"),
    ("The strike was unjustified", "The strike was justified"),
    ("Neutrality no longer protects Veskaria", "Neutrality protects Veskaria"),
    ("Parliament should reject the deal", "Parliament should accept the deal"),
    ("The council opposes the lease", "The council supports the lease"),
    ("Germany should ban Mahan Air", "Germany should allow Mahan Air"),
    ("The US can't win the trade war", "The US can win the trade war"),
])
def test_inverted_targets_match_with_opposite_polarity(predicted, gold):
    assert token_f1(predicted, gold) >= 0.5  # the old harness: a match, stance compared as is
    score, flipped = compare_targets(predicted, gold)
    assert score >= 0.5 and flipped


@pytest.mark.parametrize("predicted, gold", [
    ("The UK should leave the EU without a deal", "no-deal Brexit"),  # two negations of one thing agree
    ("Houthi attacks on Saudi Arabia", "Houthi retaliation against Saudi Arabia"),  # "against" as a preposition
    ("The UK should leave the EU", "The UK should leave the EU without a deal"),  # a different claim, not its negation
    ("Egyptian troops should leave Libya", "Egypt's troops should leave Libya"),
])
def test_same_polarity_is_not_flipped(predicted, gold):
    assert compare_targets(predicted, gold)[1] is False


def test_against_an_inverted_target_counts_as_favor_of_the_gold_target():
    gold = [_gold("Hassan Rouhani", ["Rouhani"], target="Foreign forces should leave the Gulf", stance="favor")]
    [match] = match_rows([PredictedRow("Rouhani", "Foreign forces should not leave the Gulf", "against")], gold)
    assert match.flipped and flip_stance("against") == "favor" and flip_stance("mixed") == "mixed"
    case = Case(id="gulf", text="Rouhani said foreign forces should leave.", gold_stances=gold)
    row = StanceRow(actor="Rouhani", role="", target="Foreign forces should not leave the Gulf", stance="against", evidence=[])
    scores = SCORERS["stance"](ScoreInput(case, EMPTY_BRIEF.model_copy(update={"stance_table": [row]})))
    assert scores["stance_f1"] == 1.0 and scores["stance_accuracy"] == 1.0
    favor = row.model_copy(update={"stance": "favor"})  # favor "should not leave" is against the gold claim
    assert SCORERS["stance"](ScoreInput(case, EMPTY_BRIEF.model_copy(update={"stance_table": [favor]})))["stance_accuracy"] == 0.0
