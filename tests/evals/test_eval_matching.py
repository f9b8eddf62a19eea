"""Matching stance rows: actor aliases, target paraphrases, one-to-one assignment."""

from __future__ import annotations

import itertools
import random

import pytest

from summariser.evals.dataset import GoldStance
from summariser.evals.matching import (
    TARGET_THRESHOLD, PredictedRow, actor_recall, actor_score, american, assign, fold, match_rows, target_score,
    token_f1,
)

TRUMP = GoldStance(actor="Donald Trump", aliases=["President Trump"], target="The US should withdraw its troops from Syria",
                   target_paraphrases=["US troop withdrawal from Syria"], stance="favor")
SDF = GoldStance(actor="Syrian Democratic Forces", aliases=["SDF"], target=TRUMP.target,
                 target_paraphrases=TRUMP.target_paraphrases, stance="against")


def test_fold_removes_case_and_diacritics():
    assert fold("Erdoğan Kovač ÉLYSÉE") == "erdogan kovac elysee"


@pytest.mark.parametrize("predicted, names, matches", [
    ("Trump", TRUMP.names, True),
    ("US President Donald Trump's", TRUMP.names, True),
    ("sdf", SDF.names, True),
    ("Recep Tayyip Erdogan", ["Recep Tayyip Erdoğan"], True),
    ("Donald Tusk", TRUMP.names, False),
    ("President", TRUMP.names, False),
])
def test_actor_score(predicted, names, matches):
    assert (actor_score(predicted, names) > 0) is matches


def test_exact_actor_scores_higher_than_a_partial_one():
    assert actor_score("Donald Trump", TRUMP.names) == 1.0
    assert 0 < actor_score("Trump", ["Donald Trump"]) < 1.0


def test_token_f1_uses_stemmed_content_words():
    assert token_f1("the troops withdraw", "troop withdrawal") == 1.0
    assert token_f1("US troop withdrawal from Syria", "The US should withdraw its troops from northern Syria") == pytest.approx(8 / 9)
    assert token_f1("", "anything") == 0.0


def test_british_and_american_spellings_are_one_word():
    # wb116 (dev): "Decriminalizes abortion" against "Abortion should be decriminalised in New South Wales"
    # scored 0.40 because "decriminalizes" and "decriminalised" stemmed apart
    gold = ["Abortion should be decriminalised in New South Wales", "decriminalising abortion in NSW"]
    assert target_score("Decriminalizes abortion", gold) == pytest.approx(0.8)
    for british, us in [("defence", "defense"), ("organisation", "organization"), ("labour", "labor"),
                              ("centre", "center"), ("criticised", "criticized"), ("travelled", "traveled")]:
        assert token_f1(british, us) == 1.0
    assert [american(w) for w in ("four", "hour", "tour", "rise")] == ["four", "hour", "tour", "rise"]  # too short to fold


def test_target_score_takes_the_best_paraphrase():
    assert target_score("Pulling US troops out of Syria", TRUMP.targets) >= TARGET_THRESHOLD
    assert target_score("Turkey's offensive is justified", TRUMP.targets) < TARGET_THRESHOLD


def test_rows_need_actor_and_target_to_match():
    rows = [PredictedRow("Trump", "US troop withdrawal from Syria", "favor"),
            PredictedRow("SDF", "Turkey should pay reparations", "against")]
    matches = match_rows(rows, [TRUMP, SDF])
    assert [(m.pred, m.gold) for m in matches] == [(0, 0)]


def test_assignment_is_one_to_one_and_maximises_the_number_of_pairs():
    # Row 0 could match gold 0 or 1; row 1 only gold 0: both must be matched.
    rows = [PredictedRow("Donald Trump", "US troop withdrawal from Syria", "favor"),
            PredictedRow("Trump", "US troop withdrawal from Syria", "favor")]
    trump2 = TRUMP.model_copy(update={"actor": "Donald Trump", "aliases": []})
    weights_pairs = match_rows(rows, [TRUMP, trump2])
    assert sorted((m.pred, m.gold) for m in weights_pairs) in ([(0, 0), (1, 1)], [(0, 1), (1, 0)])
    duplicate = match_rows([rows[0], rows[0]], [TRUMP])
    assert len(duplicate) == 1


def _brute(weights):
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(sum(weights[i][p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
    return max(sum(weights[p[j]][j] for j in range(m)) for p in itertools.permutations(range(n), m))


def test_assign_is_optimal_on_random_matrices():
    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0.0, 0.0, 10 + rng.random()]) for _ in range(m)] for _ in range(n)]
        pairs = assign(weights)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        assert sum(weights[i][j] for i, j in pairs) == pytest.approx(_brute(weights))
    assert assign([]) == []


def test_actor_recall_counts_distinct_gold_actors():
    trump_again = TRUMP.model_copy(update={"target": "ISIS is defeated"})
    assert actor_recall(["President Trump"], [TRUMP, trump_again, SDF]) == 0.5
    assert actor_recall([], [TRUMP]) == 0.0
    assert actor_recall(["x"], []) is None
