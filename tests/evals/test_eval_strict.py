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
from summariser.evals.scorers import EMPTY_BRIEF, SCORERS, ScoreInput, case_details, score_case
from summariser.evals.speakers import find_attribution, speaker_ok
from summariser.evals.store import CaseRecord
from summariser.evals.summary import summarise
from summariser.grounding.quotes import locate
from summariser.core.schema import Evidence, StanceRow, SummaryPoint


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
    ("Children (unnamed)", "Save the Children", ["a spokesman with Save the Children"]),  # nor does a body named with "the"
    ("Safety", "Center for Food Safety", []),
    ("Project", "Lost 52 Project", ["The Lost 52 Project"]),  # a project's head word is no surname (dev wb155)
    ("Telecommunication", "Society for Worldwide Interbank Financial Telecommunication", []),  # no title: a body
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
    # a function word inside a title before the name, or a couple, still leaves a person (review of "Save the Children")
    ("Stephen Donnelly", "Minister for Health Stephen Donnelly", []), ("Sunak", "Chancellor of the Exchequer Rishi Sunak", []),
    ("Matt Hancock", "Secretary of State for Health Matt Hancock", []), ("Denise Richard", "Bill and Denise Richard", []),
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
    ("The jury was impartial", "The jury was partial"),  # in-, im-, il-, ir- before an adjective's ending
    ("The inquiry found the grants were improperly awarded", "The inquiry found the grants were properly awarded"),
    ("The claim is false", "The claim is true"),  # a target's first word may still be an antonym
    # dev wb209 and wb114: "lacked" and "nobody" negate what they govern
    ("Evers lacked authority to single-handedly reschedule Wisconsin's election",
     "Wisconsin's governor has the authority to reschedule the election on his own"),
    ("Nobody is conducting a formal impeachment inquiry", "The House Judiciary Committee is conducting an impeachment inquiry"),
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
    # a name is no antonym: "False Bay" is not "not true Bay" (dev wb032, matched as flipped)
    ("As great white shark disappears", "Sevengill sharks moved into False Bay when the great white sharks disappeared"),
    # "imprisoned" is not "not prisoned", nor "improve" "not prove" (dev wb124, matched as flipped)
    ("Mental health treatments and a prison near his family",
     "Smithers should receive mental health treatment and be imprisoned near his family"),
    ("Schools should improve", "Schools should prove"),
    ("Erdoğan backs the False Bay plan", "Erdogan backs the False Bay plan"),  # a diacritic does not shift the words
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


# --- speaker accuracy --------------------------------------------------------------------------------

ARTICLE = ('President Bola Tinubu told NPR on Monday: "Nigeria will not leave the bloc." '
           'Analyst Ada Obi said the bloc "cannot survive without Nigeria", the BBC reported. '
           'Hong Kong leader Carrie Lam said "the law is needed".')


def _at(quote: str) -> Evidence:
    return locate(quote, ARTICLE)


@pytest.mark.parametrize("actor, quote, ok", [
    ("Bola Tinubu", "Nigeria will not leave the bloc.", True),
    ("Tinubu", "Nigeria will not leave the bloc.", True),
    ("NPR", "Nigeria will not leave the bloc.", False),  # the outlet he spoke to
    ("Without Nigeria", "cannot survive without Nigeria", False),  # a fragment
    ("Nigeria", "cannot survive without Nigeria", False),  # named near, but Obi is the speaker
    ("Ada Obi", "Nigeria will not leave the bloc.", False),  # a different named person
    ("Ada Obi", "cannot survive without Nigeria", True),
    ("BBC", "cannot survive without Nigeria", False),  # the outlet only reports it
    ("Carrie Lam", "the law is needed", True),
    ("Hong Kong", "the law is needed", False),
    ("Kong", "the law is needed", False),
])
def test_speaker_is_the_attributed_person_not_an_outlet_fragment_or_neighbour(actor, quote, ok):
    assert speaker_ok(actor, _at(quote), ARTICLE) is ok


SECOND = ('"At first I thought it was a prank: who would steal a toilet?" wrote Cattelan, the artist, in an e-mail. '
          'Dominic Hare said the toilet was a comment. '
          'The militant organisation, the Islamic State of Iraq and the Levant, claimed responsibility for the attacks. '
          'Bruce McArthur, from Toronto, Canada, on Tuesday admitted his guilt in eight murders. '
          'Some scientists had previously suggested smaller frogs would develop spiky skulls. '
          'Princess Ubolratana pointed out she had "relinquished my royal titles[.]" Ana Ruiz said she is royal. '
          'Reuters reported on Monday a German government source, whom they did not name, said the ban was narrow.')


@pytest.mark.parametrize("actor, quote, ok", [
    # dev cases the check got wrong: wb106 ('?" wrote Cattelan' was read as a closed sentence) ...
    ("Maurizio Cattelan", "At first I thought it was a prank", True),
    ("Dominic Hare", "At first I thought it was a prank", False),
    # ... wb068 (a body's name holding "and"), wb021 (the subject before place and time adjuncts) ...
    ("Islamic State of Iraq and the Levant", "responsibility for the attacks", True),
    ("Bruce McArthur", "his guilt in eight murders", True),
    ("Toronto", "his guilt in eight murders", False),  # where he is from, not who admitted it
    # ... wb207 (an adverb after the auxiliary), wb029 (an editor's "[.]" closes the quote's sentence)
    ("Some scientists (unnamed)", "smaller frogs would develop spiky skulls", True),
    ("Ubolratana", "relinquished my royal titles[.]", True),
    ("German government source (unnamed)", "the ban was narrow", True),
])
def test_speakers_the_check_once_misread(actor, quote, ok):
    assert speaker_ok(actor, locate(quote, SECOND), SECOND) is ok


def test_the_second_half_of_a_split_quote_is_the_speakers_named_between_and_a_new_sentence_is_not_the_last_ones():
    # dev (wb181, wb137 ...): '"...," said Khan, "here in London ..."' read the first half's words as the
    # speaker phrase and failed Khan; a quote opening its own sentence took the sentence before's speaker
    text = ('"Terrorists seek to divide us," said Khan, "here in London we will never let them succeed." '
            'Boris Johnson tweeted his thanks.')
    assert speaker_ok("Sadiq Khan", locate("here in London we will never let them succeed.", text), text)
    assert not speaker_ok("Boris Johnson", locate("here in London we will never let them succeed.", text), text)
    text = 'Ada Obi said the plan was sound. "We will vote no." Tom Hale walked out.'
    quote = locate("We will vote no.", text)
    assert find_attribution(text, quote.start, quote.end) is None


@pytest.mark.parametrize(("text", "quote", "passes", "fails"), [
    # "Health Minister Łukasz Szumowski said" (a bulk article): "Łukasz" was no capitalised word, so any other given
    # name before "Szumowski" passed the check
    ("Ferry row\n\nHealth Minister Łukasz Szumowski said: \u201cWe could not win this fight.\u201d\n",
     "We could not win this fight.", ["Łukasz Szumowski", "Szumowski"], ["Karl Szumowski"]),
    # "According to Agence France-Presse, which cited sources close to the investigation, the man had ..." (wb125) had
    # failed the sources: the check stopped at the outlet, which still fails
    ("Ferry row\n\nAccording to Agence France-Presse, which cited sources close to the inquiry, the captain had left "
     "the ship early.\n", "the captain had left the ship early", ["sources close to the inquiry (unnamed)"],
     ["Agence France-Presse", "Tom Hale"]),
])
def test_the_speaker_check_reads_non_latin_1_given_names_and_an_outlets_cited_source(text, quote, passes, fails):
    located = locate(quote, text)
    assert [actor for actor in passes if speaker_ok(actor, located, text)] == passes
    assert [actor for actor in fails if speaker_ok(actor, located, text)] == []


def test_a_reason_an_outlet_cites_is_no_speaker_and_the_sentences_own_speaker_comes_first():
    # (a review) "Speaking after the firm cut 500 jobs citing Brexit, chief executive Jane Roe said: '...', Reuters
    # reported." had made "Brexit" the speaker and failed Roe; "citing ill health" is a reason, not a source
    text = ('Speaking after the ferry firm cut 500 jobs citing Brexit, chief executive Mara Quint said: "It was '
            'inevitable," Reuters reported.')
    quote = locate("It was inevitable", text)
    assert speaker_ok("Mara Quint", quote, text)
    text = 'The minister, citing ill health, said he was "stepping aside", the BBC reported.'
    assert find_attribution(text, text.index("stepping"), text.index(" aside") + 6) is None


def test_a_day_after_the_subject_is_not_part_of_its_name():
    # wb013 (dev): "The National Transportation Safety Committee of Indonesia on Monday announced" only
    # passed an actor that kept "on Monday"
    text = ('The National Transportation Safety Committee of Indonesia on Monday announced the recorder had '
            'been recovered.')
    committee = "National Transportation Safety Committee of Indonesia"
    assert speaker_ok(committee, locate("the recorder had been recovered", text), text)


def test_an_outlet_that_judges_is_a_speaker():
    text = 'The daily Népszava noted the purchase appeared to circumvent the Ministry of Defence.'
    assert speaker_ok("Népszava", locate("the purchase appeared to circumvent the Ministry of Defence", text), text)


def test_speaker_accuracy_scorer_counts_rows_with_found_quotes():
    case = Case(id="ng", text=ARTICLE)
    rows = [StanceRow(actor=a, role="", target="t", stance="favor", evidence=[_at(q)]) for a, q in
            [("Tinubu", "Nigeria will not leave the bloc."), ("NPR", "Nigeria will not leave the bloc."),
             ("Without Nigeria", "cannot survive without Nigeria"), ("Ada Obi", "cannot survive without Nigeria")]]
    scores = SCORERS["grounding"](ScoreInput(case, EMPTY_BRIEF.model_copy(update={"stance_table": rows})))
    assert scores["speaker_accuracy"] == 0.5


# --- key facts ---------------------------------------------------------------------------------------

FACTS = ["Egyptian troops crossed the Libyan border on Sunday.", "The loan is worth 40 million euros."]


def _facts(summary=(), watch=(), rows=()):
    brief = EMPTY_BRIEF.model_copy(update={"summary": [SummaryPoint(text=t, evidence=[]) for t in summary],
                                           "what_to_watch": list(watch), "stance_table": list(rows)})
    return SCORERS["key_facts"](ScoreInput(Case(id="k", text="x", key_facts=FACTS), brief))


def test_key_facts_fold_demonyms():
    assert _facts(["Egypt's troops crossed the border into Libya on Sunday."])["key_fact_coverage"] == 0.5


def test_key_facts_are_not_credited_from_stance_quotes_or_targets():
    quote = Evidence(quote="Egyptian troops crossed the Libyan border on Sunday", start=None, end=None,
                     verified=False, match="none")
    row = StanceRow(actor="Cairo", role="", target="The loan is worth 40 million euros", stance="favor", evidence=[quote])
    assert _facts(rows=[row])["key_fact_coverage"] == 0.0


def test_one_shared_common_word_does_not_cover_a_fact():
    # the old harness pooled every word of the brief; here one word in common ("troops", "border") is not the fact
    assert _facts(["Russian troops left the region.", "The border stayed open."])["key_fact_coverage"] == 0.0
    short = ["Brazil is not a G7 member."]  # three content words: all are needed
    brief = EMPTY_BRIEF.model_copy(update={"summary": [SummaryPoint(text="Macron called for G7 action on fires in Brazil.",
                                                                    evidence=[])]})
    assert SCORERS["key_facts"](ScoreInput(Case(id="g7", text="x", key_facts=short), brief))["key_fact_coverage"] == 0.0


def test_key_facts_count_what_to_watch():
    assert _facts(watch=["Whether the loan, worth 40 million euros, is repaid."])["key_fact_coverage"] == 0.5


def test_key_facts_must_be_stated_together_not_scattered():
    # every word of the fact is in the brief (the old harness: covered), but no two adjacent sentences hold 60%
    scattered = ["Egyptian officials spoke on Sunday.", "The weather was mild.", "Troops crossed a river.",
                 "The markets were calm.", "Nothing happened on the Libyan border."]
    assert _facts(scattered)["key_fact_coverage"] == 0.0
    assert _facts(["Egyptian troops moved on Sunday.", "They crossed the Libyan border."])["key_fact_coverage"] == 0.5


def test_key_facts_need_their_numbers():
    assert _facts(["The loan is worth 50 million euros."])["key_fact_coverage"] == 0.0


def test_a_number_written_in_words_states_the_fact():
    # the old judge failed "Sixty-six" for 66 and "eighteen-year-old" for 18: the fact is stated, in words
    facts = ["66 people died in the fire.", "The suspect is 18 years old.", "The talks lasted 24 hours."]
    brief = EMPTY_BRIEF.model_copy(update={"summary": [
        SummaryPoint(text=t, evidence=[]) for t in
        ["Sixty-six people died in the fire.", "The eighteen-year-old suspect was held.", "The talks lasted twenty four hours."]]})
    assert SCORERS["key_facts"](ScoreInput(Case(id="n", text="x", key_facts=facts), brief))["key_fact_coverage"] == 1.0
    wrong = EMPTY_BRIEF.model_copy(update={"summary": [SummaryPoint(text="Sixty people died in the fire.", evidence=[])]})
    assert SCORERS["key_facts"](ScoreInput(Case(id="n", text="x", key_facts=facts[:1]), wrong))["key_fact_coverage"] == 0.0
    # the fact itself in words, copied word for word, and "no one" (not a count)
    same = EMPTY_BRIEF.model_copy(update={"summary": [
        SummaryPoint(text=t, evidence=[]) for t in ["Six people were killed in the blast.", "No one was hurt at the port."]]})
    words = ["Six people were killed in the blast.", "No one was hurt at the port."]
    assert SCORERS["key_facts"](ScoreInput(Case(id="w", text="x", key_facts=words), same))["key_fact_coverage"] == 1.0


def test_key_facts_fold_latin_american_demonyms():
    brief = EMPTY_BRIEF.model_copy(update={"summary": [SummaryPoint(text="The Argentinian senate rejected the bill.",
                                                                    evidence=[])]})
    case = Case(id="a", text="x", key_facts=["Argentina's senate rejected the bill."])
    assert SCORERS["key_facts"](ScoreInput(case, brief))["key_fact_coverage"] == 1.0


def test_length_aware_coverage_does_not_reward_padding():
    padding = ["Officials met again to talk about many other things in the region today."] * 10  # 130 words
    scores = _facts([*padding, "The loan is worth 40 million euros."])
    assert scores["key_fact_coverage"] == 0.5 and scores["key_fact_coverage_100w"] == 0.0
    assert _facts(["The loan is worth 40 million euros."])["key_fact_coverage_100w"] == 0.5


# --- pooled (micro) and per-case (macro) stance figures, units ---------------------------------------


def _record(case_id, predicted, matched, gold):
    precision = matched / predicted
    recall = matched / gold
    f1 = 2 * matched / (predicted + gold)
    scores = {"stance_precision": precision, "stance_recall": recall, "stance_f1": f1,
              "stance_precision_macro": precision, "stance_recall_macro": recall, "stance_f1_macro": f1,
              "schema_valid": 1.0}
    counts = {"rows_predicted": predicted, "rows_gold": gold, "rows_matched": matched, "rows_f1_num": 2 * matched,
              "rows_f1_den": predicted + gold, "rows_agree": 0}
    return CaseRecord(id=case_id, status="ok", scores=scores, details={"counts": counts, "stance_pairs": []})


def test_one_good_case_does_not_hide_many_bad_rows():
    # case a: 1 row, right; case b: 9 rows, 1 right. Per case 1.0 and 0.11 (mean 0.56); pooled 2 of 10.
    summary = summarise([_record("a", 1, 1, 1), _record("b", 9, 1, 5)])
    metrics, counts, units = summary["metrics"], summary["counts"], summary["units"]
    assert metrics["stance_precision"] == pytest.approx(0.2) and counts["stance_precision"] == 10
    assert metrics["stance_precision_macro"] == pytest.approx((1 + 1 / 9) / 2) and counts["stance_precision_macro"] == 2
    assert metrics["stance_recall"] == pytest.approx(2 / 6) and metrics["stance_f1"] == pytest.approx(4 / 16)
    assert units["stance_precision"] == "rows" and units["stance_f1_macro"] == "cases" and units["schema_valid"] == "cases"


def _scored(case_id, gold, predicted):
    """A case scored as the runner scores it: scores and details (with the counts) in a record."""
    case = Case(id=case_id, text="x", gold_stances=[_gold(a, target=t) for a, t in gold])
    rows = [StanceRow(actor=a, role="", target=t, stance="favor", evidence=[]) for a, t in predicted]
    inp = ScoreInput(case, EMPTY_BRIEF.model_copy(update={"stance_table": rows}))
    return CaseRecord(id=case_id, status="ok", scores=score_case(inp, ("stance",)), details=case_details(inp))


def test_micro_and_macro_stance_figures_from_scored_cases_by_hand():
    good = _scored("good", [("Carrie Lam", "The law is needed")], [("Lam", "The law is needed")])
    bad = _scored("bad", [("Ada Obi", "The bloc should expand"), ("Bola Tinubu", "Nigeria should stay")],
                  [("Obi", "The bloc should expand"), ("NPR", "Nigeria should stay"), ("Hong Kong", "The law is needed"),
                   ("Kong", "The bloc should expand")])
    metrics = summarise([good, bad])["metrics"]
    # per case: precision 1/1 and 1/4, recall 1/1 and 1/2, F1 1 and 2*1/(4+2)
    assert metrics["stance_precision_macro"] == pytest.approx((1 + 1 / 4) / 2)
    assert metrics["stance_recall_macro"] == pytest.approx((1 + 1 / 2) / 2)
    assert metrics["stance_f1_macro"] == pytest.approx((1 + 1 / 3) / 2)
    # pooled: 2 matched of 5 predicted and 3 gold rows
    assert metrics["stance_precision"] == pytest.approx(2 / 5) and metrics["stance_recall"] == pytest.approx(2 / 3)
    assert metrics["stance_f1"] == pytest.approx(2 * 2 / (5 + 3))


@pytest.mark.parametrize("text, first, first_speaker, second, second_speaker", [
    # cdd20 (CNN/DM dev): "while fly-half Andy Goode added:" was read as the attribution of Haskell's words
    ("Captain James Haskell said: \u2018Astounded would be an under-statement\u2019, while fly-half Andy Goode "
     "added: \u2018Really can\u2019t believe or understand the ban for Nathan Hughes.\u2019",
     "Astounded would be an under-statement", "James Haskell", "Really can\u2019t believe or understand the ban",
     "Andy Goode"),
    # wb143 (dev): with no colon, "while Republican President Trump noted his" had passed Trump on Schumer's words
    ("Democrat Chuck Schumer, the Senate minority leader, told MSNBC Cummings \u201cwas a great man,\u201d "
     "while Republican President Trump noted his \u201cstrength, passion and wisdom\u201d on Twitter.",
     "was a great man", "Chuck Schumer", "strength, passion and wisdom", "Trump"),
])
def test_a_new_clause_that_runs_into_another_quote_introduces_that_quote_not_the_one_before(
        text, first, first_speaker, second, second_speaker):
    quote = locate(first, text)
    assert speaker_ok(first_speaker, quote, text)
    assert not speaker_ok(second_speaker, quote, text)
    assert speaker_ok(second_speaker, locate(second, text), text)


def test_a_speaker_who_goes_on_after_a_colon_said_both_halves():
    text = ('Coach John Smith said the club would appeal. "We are done with this season and with this club," '
            'Haskell said: "It is over now for this team."')
    quote = locate("We are done with this season", text)
    assert speaker_ok("Haskell", quote, text) and not speaker_ok("John Smith", quote, text)


def test_a_relative_clause_before_the_verb_is_no_pronoun_subject():
    # cdd62 (CNN/DM dev): "X, the deputy governor ..., who said" was read as a pronoun ("who"), so any
    # name in the window passed, the militant group among them
    text = ("A militant group called Jaish al Adal claimed responsibility. The news agency cited Ali Asghar "
            "Mirshekari, the deputy governor of the province, who said the militants crossed into the country "
            "from Pakistan.")
    quote = locate("the militants crossed into the country from Pakistan", text)
    assert speaker_ok("Ali Asghar Mirshekari", quote, text)
    assert not speaker_ok("Jaish al Adal", quote, text)


def test_one_of_a_group_is_a_speaker_not_a_fragment():
    # wb049 (dev): "One of the children (unnamed)" lost its "One" and failed as a fragment ("of the children")
    text = 'The mother said "I really look forward to the day." One of the children said, "Sometimes I still have nightmares."'
    assert speaker_ok("One of the children (unnamed)", locate("Sometimes I still have nightmares", text), text)
    assert not speaker_ok("Without Nigeria", locate("Sometimes I still have nightmares", text), text)


def test_a_name_written_over_two_spaces_is_still_named_in_the_window():
    # cdd41 (dev-cnndm): "According to the  photographer's website the images ..." (two spaces) did not name the
    # declared alias "the photographer's website", so the photographer failed as the speaker
    text = ("The images are from the 37-year-old's latest book. According to the  photographer's website the images "
            "show a father being 'a hero jumping the sky, with strong excitement and hope.'")
    quote = locate("a hero jumping the sky, with strong excitement and hope.", text)
    assert speaker_ok("Mara Quint", quote, text, ("Mara Quint", "the photographer's website"))
    assert not speaker_ok("Mara Quint", quote, text, ("Mara Quint", "the painter's website"))


def test_reports_before_a_speech_verb_is_the_noun_of_the_speaker_phrase():
    # wb230 (dev): "Initial reports stated ..." had read "reports" as the verb and "Initial" as its subject
    text = "The elephant died. Initial reports stated the firecracker-laden fruit was a pineapple. Later it rained."
    quote = locate("the firecracker-laden fruit was a pineapple", text)
    assert speaker_ok("Initial reports (unnamed)", quote, text)
    text = "The storm passed. Media reports said the ferry had sunk off the coast. Later it rained."
    assert speaker_ok("Media reports (unnamed)", locate("the ferry had sunk off the coast", text), text)


def test_a_quote_with_no_attribution_passes_a_person_the_window_names_by_surname():
    # wb139 (dev): the window named her "Kosgei" only, and the full name "Brigid Kosgei" had failed
    text = ('"I was not expecting this", said Kosgei after the race. "But I felt my body was moving, moving, so I '
            'went for it." The time stood.')
    quote = locate("But I felt my body was moving", text)
    assert speaker_ok("Brigid Kosgei", quote, text)
    assert not speaker_ok("Lena Kosgeiova", quote, text)
    # nor a relative whom another given name introduces ("President Donald Trump" is not Ivanka Trump)
    text = ('President Donald Trump spoke to reporters at length. "We will win this, and we will win it big," the '
            'crowd heard. Later the rally ended.')
    quote = locate("We will win this", text)
    assert speaker_ok("Donald Trump", quote, text) and not speaker_ok("Ivanka Trump", quote, text)
    # an unnamed source's last word is no surname
    text = 'A young woman was there. "But I felt my body was moving, moving, so I went for it." The woman left.'
    assert not speaker_ok("old woman (unnamed)", locate("But I felt my body", text), text)
