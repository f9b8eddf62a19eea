"""Who said what, rule by rule, on small handwritten sentences (offline attribution rules)."""

from __future__ import annotations

import pytest

from summariser.engines.extractive.attribution import Attribution, attribute, shows_position
from summariser.engines.extractive.quotes import find_direct_quotes
from summariser.engines.extractive.rules import ExtractiveEngine


def found(text: str) -> list[Attribution]:
    out = attribute(text)
    for a in out:
        assert text[a.quote.start:a.quote.end] == a.quote.text, "span offsets must be exact"
    return out


def speaker_of(text: str, words: str) -> str:
    """The speaker of the attribution whose quote holds ``words``."""
    return next(a.speaker for a in found(text) if words in a.quote.text)


def test_speaker_after_the_quote_with_a_lower_case_title():
    text = "\u201cWe will not back down on the night shifts,\u201d said union leader Mara Quint.\n"
    [a] = found(text)
    assert (a.speaker, a.role, a.direct) == ("Mara Quint", "union leader", True)


def test_title_before_the_name_with_a_possessive():
    text = "Chile's finance minister Rosa Vidal told reporters that the copper levy would rise next year.\n"
    [a] = found(text)
    assert a.speaker == "Rosa Vidal" and "finance minister" in a.role
    assert a.quote.text.startswith("the copper levy would rise")


def test_organisations_speak_and_a_bare_the_campaign_is_the_one_named_before():
    text = (
        "The Kremlin said the naval drills were routine and posed no threat to shipping.\n\n"
        "\u201cThe ads are misleading and will be pulled,\u201d the Ortega campaign said on Monday.\n\n"
        "The campaign said it would publish its donors by the end of the month.\n"
    )
    assert [a.speaker for a in found(text)] == ["Kremlin", "Ortega campaign", "Ortega campaign"]


def test_unnamed_spokesman_for_an_organisation():
    text = "A spokeswoman for the Harbour Authority said the cranes would be back in service by Friday.\n"
    assert speaker_of(text, "cranes") == "spokeswoman for the Harbour Authority (unnamed)"


def test_nominal_followed_by_a_name_in_apposition_is_that_person():
    text = "The union's chief negotiator, Piet Aalders, said the offer was an insult to members.\n"
    [a] = found(text)
    assert a.speaker == "Piet Aalders" and a.quote.text == "the offer was an insult to members"


def test_according_to_after_and_before_the_claim():
    text = (
        "Turnout fell to its lowest level in four decades, according to the electoral commission.\n\n"
        "According to Elena Ruiz, the count was delayed twice in the northern districts.\n"
    )
    out = found(text)
    assert [(a.speaker, a.cue) for a in out] == [("electoral commission", "according to"), ("Elena Ruiz", "according to")]
    assert out[0].quote.text == "Turnout fell to its lowest level in four decades"


def test_sourced_facts_are_not_stance_rows():
    text = "Turnout fell to its lowest level in four decades, according to the electoral commission.\n"
    assert ExtractiveEngine().draft(text, title="Turnout").stance_table == []


def test_speaker_at_the_end_of_reported_speech():
    text = "The talks collapsed shortly after midnight over fishing quotas, a senior diplomat said.\n"
    [a] = found(text)
    assert a.speaker == "senior diplomat (unnamed)" and not a.direct
    assert a.quote.text == "The talks collapsed shortly after midnight over fishing quotas"


def test_speaker_in_a_parenthesis_inside_reported_speech():
    text = "Rosa Vidal spoke first.\n\nThe reform, Vidal said, would take at least two years to finish.\n"
    [a] = found(text)
    assert a.speaker == "Rosa Vidal" and a.quote.text == "would take at least two years to finish"


def test_circumstances_after_said_are_not_a_reported_claim():
    text = "\u201cWe will win this seat back,\u201d Tom Ferris said in an interview on Tuesday.\n"
    [a] = found(text)
    assert a.direct and a.quote.text == "We will win this seat back"


def test_quote_that_closes_its_sentence_then_name_said():
    text = "\u201cHow long must the harbour wait for this?\u201d Mara Quint said. \u201cWe asked in May.\u201d\n"
    assert speaker_of(text, "How long") == "Mara Quint"


def test_said_before_the_next_quote_does_not_take_the_closed_one():
    text = "The union walked out. \u201cThat was always the plan.\u201d Kino Ramos said, \u201cWe are done with this.\u201d\n"
    out = {a.quote.text: a.speaker for a in found(text)}
    assert out.get("We are done with this.") == "Kino Ramos"
    assert out.get("That was always the plan.") != "Kino Ramos"


def test_quote_running_over_two_paragraphs_has_one_speaker():
    text = (
        "Ana Lobo addressed the growers.\n\n"
        "\u201cThe price of seed has doubled in two years. Nobody in the capital has noticed.\n\n"
        "\u201cWe will not plant next spring unless that changes,\u201d said Ana Lobo.\n"
    )
    quotes = find_direct_quotes(text)
    assert quotes[0].text == "The price of seed has doubled in two years. Nobody in the capital has noticed."
    assert [a.speaker for a in found(text)] == ["Ana Lobo", "Ana Lobo"]


def test_quote_inside_reported_speech():
    text = "Ana Lobo said the deal was \u201ca bad bargain for farmers\u201d and would be challenged in court.\n"
    assert speaker_of(text, "a bad bargain") == "Ana Lobo"


def test_dash_and_name_after_a_quote():
    text = "\u201cNobody asked us what we wanted for the square.\u201d \u2015 Lena Ortiz\n"
    assert speaker_of(text, "Nobody asked") == "Lena Ortiz"


def test_doubled_single_quotes_and_mr_surname():
    text = "Ola Brekke runs the port.\n\n''We will appeal the ruling this week,'' Mr. Brekke said.\n"
    [a] = found(text)
    assert (a.speaker, a.quote.text) == ("Ola Brekke", "We will appeal the ruling this week")


def test_block_quote_after_a_paragraph_ending_in_a_colon():
    text = "Mara Quint spoke to the crowd. Quint continued:\n\n\u201cThe harbour has waited long enough for this.\u201d\n"
    assert speaker_of(text, "The harbour has waited") == "Mara Quint"


def test_she_is_the_last_person_not_the_last_organisation():
    text = (
        "Mara Quint met the port board on Monday.\n\n"
        "The ministry said the talks would go on through the week.\n\n"
        "\u201cWe are not finished with them yet,\u201d she said.\n"
    )
    assert speaker_of(text, "not finished") == "Mara Quint"


def test_party_label_after_the_name():
    text = "Sen. Ruth Hale (D-Ore.) said the bill was dead on arrival in the Senate.\n"
    [a] = found(text)
    assert a.speaker == "Ruth Hale"


def test_names_do_not_run_across_a_full_stop():
    text = "The crown went to the winner of Miss Universe. She said the contest had been fair to everyone.\n"
    assert all(". " not in a.speaker for a in found(text))


def test_a_quote_opening_the_sentence_after_a_judging_verb_is_the_subjects():
    text = (
        "Ana Ruiz, who was the city's transport chief until March, also criticized the fare rise on Monday. "
        "\u201cThis will push the poorest riders off the buses,\u201d the post read.\n"
    )
    [a] = [x for x in found(text) if x.direct]
    assert (a.speaker, a.role) == ("Ana Ruiz", "the city's transport chief")
    assert "criticized" in a.cue
    [row] = ExtractiveEngine().draft(text, title="Fares rise").stance_table
    assert row.stance == "against"


def test_spoke_introduces_a_quote_and_the_title_is_the_role():
    text = "Senator Tom Hale spoke on the radio, \u201cThe bridge has to be rebuilt before winter comes.\u201d\n"
    [a] = found(text)
    assert (a.speaker, a.role) == ("Tom Hale", "Senator")


def test_circumstances_in_apposition_are_not_a_role_and_defending_is_favour():
    text = ("The mayor closed the market on Friday.\n\n"
            "Mayor Lena Ortiz, also on the radio, defended her decision, \u201cThe stalls were a fire hazard for years.\u201d\n")
    a = next(a for a in found(text) if a.direct)
    assert a.speaker == "Lena Ortiz" and a.role != "also on the radio"
    row = next(r for r in ExtractiveEngine().draft(text, title="Market closed").stance_table if r.actor == "Lena Ortiz")
    assert row.stance == "favor"


def test_she_skips_a_man_the_article_calls_mr_for_the_latest_woman():
    text = (
        "Ms. Lena Ortiz toured the museum last week with her grandson.\n\n"
        "\u201cIt is the first place that tells our story,\u201d said Mr. Tom Hale, the director.\n\n"
        "\u201cI had to step back and think about my own parents,\u201d she said.\n"
    )
    assert speaker_of(text, "step back") == "Lena Ortiz"


def test_a_headline_in_title_case_is_not_a_person_a_pronoun_can_refer_to():
    text = (
        "Ruiz Says Harbour Museum Will Tell Our Story\n\n"
        "The museum opened on Saturday after ten years of work.\n\n"
        "\u201cIt tells the story of every family on this coast,\u201d she said.\n"
    )
    assert "Museum" not in speaker_of(text, "every family")


def test_a_quotation_inside_a_quotation_does_not_cut_the_quote():
    text = ("\u201cWe will not accept what they call \u201ca temporary pause\u201d on the ground. The talks are over,"
            "\u201d said Maria Lopez, a spokeswoman.\n")
    [a] = found(text)
    assert a.speaker == "Maria Lopez"
    assert a.quote.text.endswith("The talks are over") and "\u201ca temporary pause\u201d" in a.quote.text


def test_straight_quotes_nested_inside_straight_quotes_pair_up_by_direction():
    text = 'Rosa Vidal said "the so-called "peace plan" is a trap for the whole region" and left the hall.\n'
    [a] = found(text)
    assert a.quote.text == 'the so-called "peace plan" is a trap for the whole region'


def test_progressive_and_perfect_speech_forms_are_reported_speech():
    text = ("Senator Dana Whitlock is demanding that the ministry publish the audit before the vote.\n\n"
            "Karl Brenner has long argued that the tariffs hurt farmers more than anyone else.\n\n"
            "Ilse Moor now says she opposes the deal because it gives away the fishing rights.\n")
    assert [a.speaker for a in found(text)] == ["Dana Whitlock", "Karl Brenner", "Ilse Moor"]


def test_an_unnamed_speaker_may_carry_lower_case_adjectives():
    text = "The Republican presidential nominee complained that the debate microphone had been sabotaged.\n"
    [a] = found(text)
    assert a.speaker == "Republican presidential nominee (unnamed)"


def test_an_interview_transcript_turn_is_its_speaker_s():
    text = ("Chris Wallace spoke to Mike Pence on Sunday.\n\n"
            "WALLACE: Will the senator attend the debate tomorrow night?\n\n"
            "PENCE: She will not be attending the debate, and that is the end of the matter.\n")
    assert [(a.speaker, a.quote.text[:8]) for a in found(text)] == [("Chris Wallace", "Will the"), ("Mike Pence", "She will")]


def test_a_wikinews_interview_answer_is_the_interviewee_s_and_a_question_no_one_s():
    # "((Akram Pasha))  Regarding Ashodaya?" had made "Regarding Ashodaya" the speaker of the sex worker's
    # story ("he said", "they told me" in her answers), and the interviewer's questions rows of their own
    text = ("Wikinews spoke to the ferry captain Mara Quint about the strike.\n\n"
            "((WN))  Why did the crews walk out? ((hi))Hindi language: \u0915\u094d\u092f\u094b\u0902?\n\n"
            "((Mara Quint))  Um yeah.  The night shifts are unsafe and the company will not listen.  We have "
            "asked for two more crew on every boat. ((hi))Hindi language: \u0930\u093e\u0924\u0964\n\n"
            "Then the manager said he would think about it, and they told us to go back to work.\n\n"
            "((RS))  Will the strike go on through the winter?\n\n"
            "((Wikinews reporter))  And after the winter?\n\n"
            "((Mara Quint))  It will go on until the company puts two more crew on every boat.\n\n"
            "((Update)) The ministry later said the talks would resume on Monday.\n\n"
            "Meanwhile, the harbour master Tom Hale said the ferries would run on Sunday.\n")
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Mara Quint", "The night shifts are unsafe and the company will not listen.  We have asked for two more "
                       "crew on every boat"),
        ("Mara Quint", "Then the manager said he would think about it, and they told us to go back to work"),
        ("Mara Quint", "It will go on until the company puts two more crew on every boat"),
        ("ministry", "the talks would resume on Monday"),
        ("Tom Hale", "the ferries would run on Sunday"),
    ]


def test_a_long_interview_answer_is_quoted_by_its_opening_sentences():
    from summariser.engines.extractive.attribution import ANSWER_WORDS

    answer = " ".join(f"The crews have asked for more pay in round {n} of the talks." for n in range(20))
    [a] = found(f"((Mara Quint))  Hi.  {answer}\n")
    assert a.quote.text.startswith("The crews have asked") and ANSWER_WORDS <= len(a.quote.text.split()) < ANSWER_WORDS + 12


@pytest.mark.parametrize(("sentence", "words"), [
    # a thing taken a side on, then the words (bulk: "Carroll agreed with La Riva, saying that jobs are more important
    # than UBI" had the claim "La Riva, saying that ..."; "Trump dismissed the claim, arguing it was not ...")
    ("Tom Hale agreed with Ana Ruiz, saying that ferries are more important than bridges.",
     "ferries are more important than bridges"),
    ("Tom Hale dismissed the claim, arguing it was not in the town's interest to cut the ferry.",
     "it was not in the town's interest to cut the ferry"),
    # not a clause of its own before the participle
    ("Tom Hale said the ferry was late, adding that the crew was tired.", "the ferry was late, adding that the crew was tired"),
    ("Tom Hale said he feared delays, adding that the crew was tired.", "he feared delays, adding that the crew was tired"),
    ("Tom Hale praised the harbour board, saying the crews needed fresh legs.", "the crews needed fresh legs"),
    # (a third review) no clause after the participle ("adding weight to calls", "insisting on a pay rise"), or a verb
    # whose object is itself the demand ("urged residents to stay indoors, saying ...")
    ("Tom Hale backed the plan, adding weight to calls for a second ferry.",
     "the plan, adding weight to calls for a second ferry"),
    ("Tom Hale rejected the deal, insisting on a bigger pay rise for the crews.",
     "the deal, insisting on a bigger pay rise for the crews"),
    ("Tom Hale urged residents to stay indoors, saying the storm would peak overnight.",
     "residents to stay indoors, saying the storm would peak overnight"),
])
def test_the_words_said_while_taking_a_side_are_the_claim(sentence, words):
    assert [a.quote.text for a in found("Ferry row\n\n" + sentence + "\n")] == [words]


def test_a_description_with_a_name_in_apposition_is_a_subject_not_a_claim():
    # "The governor of Puerto Rico, Wanda Vázquez Garced, declared a state of emergency." had given "a state" the
    # claim "The governor of Puerto Rico, Wanda Vázquez Garced" (bulk wb176)
    text = "The governor of Norland, Ana Ruiz Garced, declared a state of emergency.\n"
    assert [(a.speaker, a.role) for a in found(text)] == [("Ana Ruiz Garced", "The governor of Norland")]


@pytest.mark.parametrize("sentence", [
    # a participle right before the quote, with no colon ('Townsend hit back at Merson ..., saying "Not bad for a
    # player ..."' had been reported words with the marks in them; 'Trump ..., stating "stand back and stand by"')
    'Mara Quint hit back at the harbour board after the vote, saying \u201cNot bad for a ferry nobody wanted.\u201d',
    "Mara Quint posted a photo of the new ferry, writing; \u2018I want to thank the crew for their work.\u2019",
])
def test_a_quote_after_saying_is_the_subjects(sentence):
    [a] = found("Ferry row\n\n" + sentence + "\n")
    assert (a.speaker, a.direct) == ("Mara Quint", True) and not a.quote.text.startswith(("\u201c", "\u2018"))


@pytest.mark.parametrize("sentence", [
    # (a third review) the words of another's document, not the subject's
    'Mara Quint showed reporters a letter from the harbour board, stating \u201cYour licence will end on 1 May.\u201d',
    # (a fourth review) nor a description's word: "The Liverpool striker ... writing 'We go again'" had given Liverpool
    "Fans booed Tom Hale after the final whistle. The Velden striker later posted a message on Instagram, writing "
    "\u2018We go again\u2019.",
])
def test_a_quote_after_a_participle_is_no_documents_nor_a_descriptions_word(sentence):
    assert not {"Mara Quint", "Velden"} & {a.speaker for a in found("Ferry row\n\n" + sentence + "\n")}


def test_rather_is_still_a_surname():
    # (a third review) "Rather" among the words that are no names had taken Dan Rather's quotes
    text = "Ferry row\n\nVeteran anchor Dan Rather spoke.\n\nRather told the audience: \u201cCourage is what a reporter needs.\u201d\n"
    assert [a.speaker for a in found(text)] == ["Dan Rather"]


@pytest.mark.parametrize("sentence", [
    # (a third review) not a relation of someone or a document by them ("the family of Sarah Everard", "an email from")
    "According to the family of Mara Quint, \u201cshe was a kind and loving daughter.\u201d",
    "According to an email from Mara Quint, \u201cthe contract must be signed by Friday.\u201d",
    "According to a teammate of Mara Quint, \u201cshe is the best skipper the harbour has had.\u201d",
])
def test_according_to_someone_related_to_a_name_is_not_that_name(sentence):
    assert "Mara Quint" not in [a.speaker for a in found("Ferry row\n\n" + sentence + "\n")]


def test_a_quote_after_according_to_a_calling_and_a_name_is_that_persons():
    # 'According to eyewitness Vinnie DeVita, "within probably 15 to 20 seconds of it all, it exploded."' had no
    # speaker (bulk wb003): the reported form had one, the quoted form none
    [a] = found("Ferry row\n\nAccording to eyewitness Mara Quint, \u201cthe ferry hit the quay at full speed.\u201d\n")
    assert (a.speaker, a.role, a.direct) == ("Mara Quint", "eyewitness", True)


@pytest.mark.parametrize(("sentence", "quote"), [
    # a second quote after the first one's fragment and "and said" ('David Clay ... called it "a retrograde step" and
    # said "[a]n area like this cannot afford ..."', wb229; 'Duda ... characterised the deaths as "crushing" and
    # wrote "May God ..."', wb002): the subject's too
    ('Mara Quint, the harbour master, called it \u201ca retrograde step\u201d and said \u201cthe town cannot afford to '
     'lose its ferry.\u201d', "the town cannot afford to lose its ferry."),
    # an adverb before the deed ("He then approached a director and said, ..." wb078)
    ('Mara Quint then approached the harbour board and said, \u201cThe town cannot afford to lose its ferry.\u201d',
     "The town cannot afford to lose its ferry."),
])
def test_a_quote_after_a_deed_and_said_is_the_subjects(sentence, quote):
    last = found("Ferry row\n\n" + sentence + "\n")[-1]
    assert (last.speaker, last.quote.text) == ("Mara Quint", quote)


def test_a_sentence_opening_adverb_is_no_speaker():
    # "Rather than get upset however, she simply took to Facebook ..., writing; '...'" had given "Rather" the quote
    text = ("Ferry row\n\nMara Quint saw the damage.\n\nRather than get upset however, she simply took to Facebook and "
            "posted a photo of the ferry, writing; \u2018I want to thank the crew for their work.\u2019\n")
    assert "Rather" not in [a.speaker for a in found(text)]


def test_a_spaced_en_dash_is_a_dash():
    # (a third review) "The minister said – speaking in Brussels – that ..." and the Daily Mail's "... joined them – one
    # a senior member of staff, he said": British copy sets its dashes as spaced en dashes
    text = "Ferry row\n\nThe ferry was late again \u2013 the third time this week, Mara Quint said.\n"
    assert [a.quote.text for a in found(text)] == ["The ferry was late again"]


def test_a_lists_dash_opens_no_aside():
    # (a third review) "— Three people were killed in the blast, police said." (a list's item) had lost its words
    text = "Ferry row\n\nWhat we know:\n\n\u2014 The ferry was two hours late, harbour officials said.\n"
    assert [(a.speaker, a.quote.text) for a in found(text)] == [("harbour officials (unnamed)", "The ferry was two hours late")]


@pytest.mark.parametrize(("sentence", "words"), [
    # (a third review) an aside between dashes right after the verb, then the words: the words
    ("The minister said \u2014 without offering any evidence \u2014 that the ferry had been sabotaged.",
     ["the ferry had been sabotaged"]),
    ("The minister said \u2013 speaking in Velden \u2013 the ferry would not sail again.",
     ["the ferry would not sail again"]),
    # but not a quote's second half after the aside
    ("\u201cIt was a total disaster,\u201d the minister said \u2014 pointing at the wreck \u2014 \u201cand nobody "
     "has come to help.\u201d", ["It was a total disaster"]),
])
def test_the_words_after_an_aside_after_the_verb_are_the_claim(sentence, words):
    assert [a.quote.text for a in found("Ferry row\n\n" + sentence + "\n")] == words


def test_an_aside_between_dashes_before_a_quote_is_no_reported_claim():
    # 'Erdogan said — as reported by Hurriyet Daily News — "Ayasofya ... will no longer be called a museum."' had
    # given him a second row whose claim was "— as reported by Hurriyet Daily News" (bulk)
    text = "Mara Quint said \u2014 as reported by the Velden Post \u2014 \u201cThe ferry will not sail again.\u201d\n"
    assert [(a.speaker, a.quote.text, a.direct) for a in found(text)] == [("Mara Quint", "The ferry will not sail again.", True)]


def test_an_interview_answer_runs_on_past_its_own_dashes():
    # "((Christian Keysers))  Yeah, it's a good — if we knew that, we would be very happy." had been quoted as
    # "Yeah, it's a good" (the reported claim's cut at a dash; thirteen interview answers in the bulk articles)
    [a] = found("((Mara Quint))  Yeah, it is a good question \u2014 if we knew that, we would be very happy.\n")
    assert a.quote.text == "Yeah, it is a good question \u2014 if we knew that, we would be very happy"


@pytest.mark.parametrize("text", [
    # bulk articles' sentence openings that had become speakers: "Had I", "Let", "Well I", "Nearly", "Citing"
    'Had I said "the mayor is wrong", nobody would have minded.\n',
    "Let's say I bought it on a DVD and I would give that DVD to someone else.\n",
    "Let say this has a productivity factor of four.\n",
    "Well I mentioned the ferry timetables before.\n",
    "Nearly all legal experts consider the claim incorrect, arguing there is no question about the ferry.\n",
])
def test_sentence_openers_are_no_speakers(text):
    assert all(a.speaker.split()[0] not in {"Had", "Let", "Well", "Nearly"} for a in found(text))


def test_citing_before_a_speaker_is_no_part_of_the_name():
    text = ("Citing alleged violation of the ferry code, the Harbour Board's notice had alleged the timetable "
            "was intended to mislead passengers.\n")
    assert all(not a.speaker.startswith("Citing") for a in found(text))


def test_wrote_on_twitter_and_said_in_a_statement_are_speech_cues():
    text = ("The mayor Lena Ortiz wrote on Twitter that the port plan would cost the city thousands of jobs.\n\n"
            "\u201cThe bridge will reopen in March next year,\u201d the ministry said in a statement.\n\n"
            "The Ministry of Transport said in a statement that the ferry would run every hour until then.\n")
    assert [a.speaker for a in found(text)] == ["Lena Ortiz", "ministry", "Ministry of Transport"]


def test_a_protester_using_a_pseudonym_is_an_unnamed_speaker():
    text = ("\u201cWe are being watched every day by the police,\u201d said a protester using the pseudonym Ali, "
            "who asked not to be named.\n")
    assert speaker_of(text, "watched every day") == "protester (unnamed)"


def test_he_said_after_an_apposition_is_the_person_described():
    text = ("Karl Brenner, the head of the dockers union, has been on strike for a week. "
            "\u201cWe will not go back until the plan is withdrawn,\u201d he said.\n")
    assert speaker_of(text, "will not go back") == "Karl Brenner"


def test_calling_it_and_characterized_as_report_a_position():
    text = ("Tom Hale criticised the decision, calling it a betrayal of the workers who built the port.\n\n"
            "Ana Ruiz characterized the proposal as a reckless gamble with public money.\n")
    assert [a.speaker for a in found(text)] == ["Tom Hale", "Ana Ruiz"]


def test_a_sentence_opening_preposition_is_not_part_of_a_name():
    text = "Without Nigeria, the regional force would lack the troops it needs, said Ana Ruiz, the commander.\n"
    assert {a.speaker for a in found(text)} == {"Ana Ruiz"}


def test_a_named_person_in_the_same_sentence_beats_unnamed():
    text = ("The dam talks had failed and would not resume, according to the foreign minister, Sameh Shoukry.\n\n"
            "The foreign minister, Rosa Vidal, said the treaty would be signed in Geneva next spring.\n")
    assert [(a.speaker, a.role) for a in found(text)] == [
        ("Sameh Shoukry", "foreign minister"), ("Rosa Vidal", "The foreign minister")]


@pytest.mark.parametrize("text, speaker, role", [
    # a name with its country is the person, not the country
    ("Foreign Minister Rosa Vidal of Estrelia said the dam would not be built without a new treaty.\n",
     "Rosa Vidal", "Foreign Minister"),
    # wb026 (dev): "Assemblywoman Selena Torres" was taken whole for a name
    ('Newly elected Assemblywoman Selena Torres said, "It\'s really exciting to be part of this majority."\n',
     "Selena Torres", "Assemblywoman"),
    # cdd26 (CNN/DM dev): "Mr Katter said" had given him the role "Mr"
    ("Bob Katter spoke on Monday. 'I can identify with the attitudes that these people have,' Mr Katter said.\n",
     "Bob Katter", ""),
    # wb141 (dev): ", noting it was the worst their economy had performed since 2009," had become a role
    ("Carrie Lam, noting it was the worst their economy had performed since 2009, said \"The Hong Kong "
     "economy has already slipped into a technical recession.\"\n", "Carrie Lam", ""),
    # a title with "of" or "to" before an organisation's name is kept whole
    ("Former US Ambassador to the United Nations Ines Park wrote on Twitter, "
     "\u201cLeaving our partners now would be a grave error.\u201d\n", "Ines Park", "Former US Ambassador to the United Nations"),
])
def test_the_speaker_and_the_role_a_title_gives(text, speaker, role):
    [a] = found(text)
    assert (a.speaker, a.role) == (speaker, role)


def test_a_surname_without_diacritics_is_the_person_named_with_them():
    text = ("President Recep Tayyip Erdo\u011fan spoke at a rally in Istanbul on Friday.\n\n"
            "Ana Ruiz, the Greek foreign minister, criticised the plan on Thursday.\n\n"
            "Erdogan also said the monument would be renamed. \u201cThe name of this place will change,\u201d he said.\n")
    assert speaker_of(text, "name of this place") == "Recep Tayyip Erdo\u011fan"


def test_straight_quotes_around_a_speech_tag_pair_up_by_direction():
    text = 'Mr. Varga spoke at the plant on Monday.\n\n"That," he added, "will make the winter a lot harder for every family."\n'
    assert speaker_of(text, "will make the winter") == "Varga"


def test_doubled_single_quotes_after_a_one_word_quote_keep_their_speaker():
    text = "''Frankly,'' the mayor said, ''the harbour wall will not survive another storm like that one.''\n"
    assert speaker_of(text, "harbour wall") == "mayor (unnamed)"


def test_a_surname_after_a_personal_title_is_a_person_a_pronoun_refers_to():
    text = (
        "Mr. Okafor said the depot would close in May.\n\n"
        "The ministry said the land would be sold.\n\n"
        "\u201cWe kept it open as long as we could,\u201d he said.\n"
    )
    assert speaker_of(text, "kept it open") == "Okafor"


def test_a_title_case_headline_with_a_full_stop_is_no_person():
    text = (
        "Lindqvist Says Harbour Plan Will Cost Jobs.\n\n"
        "\u201cThe harbour plan will cost a thousand jobs,\u201d he said.\n"
    )
    assert all("Says" not in a.speaker for a in found(text))


def test_a_dash_and_name_ending_a_line_inside_a_multi_line_block():
    text = (
        "\u201cThe river is too dirty to swim in and nobody seems to care.\u201d \u2015 Ana Ruiz\n"
        "\u201dThe buses never come on time and the fares keep going up.\u201d \u2015 Tom Hale.\n"
    )
    assert speaker_of(text, "river is too dirty") == "Ana Ruiz"
    assert speaker_of(text, "buses never come") == "Tom Hale"


def test_a_quote_opening_the_next_sentence_of_the_paragraph_keeps_its_speaker():
    text = "\u201cThe dam will hold this winter,\u201d Ines Moreau said. \u201cWe checked every gate twice last month.\u201d\n"
    assert speaker_of(text, "checked every gate") == "Ines Moreau"


def test_said_adding_that_before_a_quote():
    text = "\u201cWe are ready,\u201d the mayor said, adding that the city would need \u201cat least three more weeks of dry weather.\u201d\n"
    assert speaker_of(text, "three more weeks") == "mayor (unnamed)"


def test_possessive_and_plural_unnamed_speakers():
    text = (
        "Estrelia's tax commissioner says an internal review found no leak of the files.\n\n"
        "Several cast members said the producer had shouted at the crew for hours.\n\n"
        "Civil rights activists say the officers have been too aggressive for years.\n"
    )
    speakers = [a.speaker for a in found(text)]
    assert speakers == ["Estrelia's tax commissioner (unnamed)", "Several cast members (unnamed)", "Civil rights activists (unnamed)"]


def test_vowed_to_and_a_circumstance_with_commas_before_that():
    text = (
        "The senator has vowed to bring back the lost mining jobs within two years.\n\n"
        "Ana Ruiz says at a campaign stop in Toledo, Ohio, that the plan would cut taxes for nurses.\n"
    )
    [vowed, says] = found(text)
    assert vowed.quote.text.startswith("to bring back") and vowed.speaker == "senator (unnamed)"
    assert says.speaker == "Ana Ruiz" and says.quote.text.startswith("the plan would cut")


def test_called_spoke_of_and_asked_whether_report_a_position():
    text = (
        "Ana Ruiz called the new charges unsubstantiated and politically motivated.\n\n"
        "Tomas Berg spoke emotionally of the miners who had lost their jobs in the spring.\n"
    )
    assert [a.speaker for a in found(text)] == ["Ana Ruiz", "Tomas Berg"]


def test_a_party_label_between_the_name_and_said_after_a_quote():
    text = "Ana Ruiz spoke first.\n\n\u201cThis is a dog whistle and everyone hears it,\u201d Rep. Gwen Moore (D-Wis.) said Friday.\n"
    assert speaker_of(text, "dog whistle") == "Gwen Moore"


def test_a_long_military_title_does_not_cut_the_name():
    text = (
        "Retired U.S. Air Force Gen. Norman Hale is speaking out about the budget.\n\n"
        "\u201cThe cuts left our hands tied for years,\u201d he said.\n"
    )
    assert speaker_of(text, "cuts left") == "Norman Hale"


def test_a_subject_after_an_opening_phrase_is_what_she_refers_to():
    text = (
        "Senator Tom Berg said the bank should be fined.\n\n"
        "In a statement issued Tuesday, presidential nominee Hillary Ruiz was more careful than him.\n\n"
        "\u201cThe bank must pay back every cent,\u201d she said.\n"
    )
    assert speaker_of(text, "pay back") == "Hillary Ruiz"


def test_a_participle_clause_after_the_subject_s_action_is_what_they_said():
    text = "Ana Ruiz mocked the minister for hiding his tax returns, claiming that he had paid nothing for a decade.\n"
    [a] = found(text)
    assert a.speaker == "Ana Ruiz" and a.quote.text.startswith("he had paid nothing")


def test_as_someone_pointed_out_opens_or_closes_the_claim():
    text = "As one analyst pointed out with a chart, the gap between the two plans is very large indeed.\n"
    [a] = found(text)
    assert a.speaker == "analyst (unnamed)" and a.quote.text.startswith("the gap between")


def test_after_the_words_the_named_body_a_listener_and_a_clause_about_the_speaker():
    text = (
        "Growth in rich nations is being offset by faster growth elsewhere, the IMF said.\n\n"
        "The plan could embrace clean energy if it pays, Sen. Lindsey Graham (R-S.C.) told The Huffington Post on Thursday.\n\n"
        "The plan is an insult to all voters, top black lawmakers said Friday, as they bristled at the questions.\n\n"
        "The family watched the video on Thursday, attorneys for the family said.\n"
    )
    assert [(a.speaker, a.role) for a in found(text)] == [
        ("IMF", ""), ("Lindsey Graham", "Sen."), ("top black lawmakers (unnamed)", ""),
        ("attorneys for the family (unnamed)", ""),
    ]


def test_the_reported_clause_before_a_quoted_fragment_makes_the_claim_whole():
    from summariser.engines.extractive.rules import own_claim

    text = (
        "In an interview, Chile's finance minister Rosa Vidal said Santiago would "
        "\u201cpatiently look into ways to raise the copper levy at its own pace\u201d.\n\n"
        "Tomas Berg will open the port in a ceremony that Berg said would have "
        "\u201cgreat meaning\u201d for the northern towns.\n"
    )
    [vidal, berg] = found(text)
    assert own_claim(vidal).startswith("Santiago would patiently look into ways")
    assert own_claim(berg).startswith("The ceremony would have")


def test_a_dash_aside_after_a_reported_claim_is_not_part_of_it():
    text = "While the port waits, the minister has vowed to raise levies on all imports \u2014 traders are also nervous about it.\n"
    [a] = found(text)
    assert a.quote.text == "to raise levies on all imports"


def test_hyphenated_arabic_particles_are_part_of_the_name():
    text = "In a statement, Omar al-Rashidi, a spokesman for the rail union, blamed the ministry for the delays on the line.\n"
    [a] = found(text)
    assert (a.speaker, a.role) == ("Omar al-Rashidi", "a spokesman for the rail union")
    assert a.quote.text == "the ministry for the delays on the line"


def test_more_cue_verbs_hailed_underlined_seconded_likened():
    text = (
        "The Green League hailed the new tariff as a victory for rural families.\n\n"
        "Port director Lena Brandt underlined that the deal is only a first step toward a wider agreement.\n\n"
        "Mayor Ines Roth seconded the governor's call for a second bridge over the river.\n\n"
        "Senator Paul Okafor likened the new budget rules to a slow tax on pensioners.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Green League", "the new tariff as a victory for rural families"),
        ("Lena Brandt", "the deal is only a first step toward a wider agreement"),
        ("Ines Roth", "the governor's call for a second bridge over the river"),
        ("Paul Okafor", "the new budget rules to a slow tax on pensioners"),
    ]


def test_responsibility_declined_requests_and_letters_asking_for_something():
    text = (
        "The Sahel Liberation Front claimed responsibility for the bombing of the pipeline near the border.\n\n"
        "The consulate declined the request and said the matter was closed.\n\n"
        "Mayor Tomas Ek wrote to the ministry in Oslo asking to reopen the northern rail line.\n"
    )
    assert [(a.speaker, a.role, a.quote.text) for a in found(text)] == [
        ("Sahel Liberation Front", "", "responsibility for the bombing of the pipeline near the border"),
        ("consulate", "", "the request and said the matter was closed"),
        ("Tomas Ek", "Mayor", "to reopen the northern rail line"),
    ]


def test_a_place_after_in_is_not_the_speaker():
    text = (
        "Tomas Ek of Northern Estrelia spoke first.\n\n"
        "In the capital, the ruling party in Estrelia hailed the pipeline as a step toward energy independence.\n"
    )
    speakers = [a.speaker for a in found(text) if "pipeline" in a.quote.text]
    assert speakers == ["ruling party in Estrelia (unnamed)"]  # the party, not "Estrelia" or "Northern Estrelia"


def test_passive_judging_verbs_give_the_agent_as_speaker():
    text = (
        "The blockade was condemned by members of the African Union.\n\n"
        "In a statement, the ministry defended the raid, which was approved by the interior minister Rosa Vidal on Monday.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("members of the African Union (unnamed)", "The blockade was condemned by members of the African Union"),
        ("Rosa Vidal", "which was approved by the interior minister Rosa Vidal"),
    ]


def test_acts_framed_as_positions_and_a_passive_clause_in_the_same_sentence():
    text = (
        "Back in 2015, the Estrelian congress approved a bill raising the minimum wage, but it was rejected by the senate.\n\n"
        "The parliament of Estrelia voted to extend the curfew by ten days; the vote passed easily.\n\n"
        "On Friday, Rosa Vidal, the mayor of Santa Clara, extended the city lockdown to the end of May.\n\n"
        "Last year President Tomas Berg withdrew Estrelia from a fishing treaty with its neighbours, which had been signed in 1990.\n\n"
        "The broadcaster withdrew its reporters from the field after one of them was injured.\n"
    )
    assert [(a.speaker, a.role, a.quote.text) for a in found(text)] == [
        ("Estrelian congress", "", "approved a bill raising the minimum wage"),
        ("senate", "", "it was rejected by the senate"),
        ("parliament of Estrelia", "", "voted to extend the curfew by ten days"),
        ("Rosa Vidal", "the mayor of Santa Clara", "extended the city lockdown to the end of May"),
        ("Tomas Berg", "President", "withdrew Estrelia from a fishing treaty with its neighbours"),
    ]


def test_each_name_a_plural_office_lists_after_by_shares_the_act():
    # "co-sponsored by Senators Marco Rubio of Florida, Mike Lee of Utah, and David Perdue of Georgia" (wb004) had
    # given Rubio alone; a list stops at the first name that is no person's
    text = ("Ferry row\n\nThe fee bill was co-sponsored by Senators Lena Holm of Velden, Karl Brenner of Norland, and "
            "Ana Ruiz of Ostby, all Liberals.\n\nThe ferry plan was condemned by Senators Ivo Kral, the Red Cross and Tom Hale.\n")
    assert [a.speaker for a in found(text)] == ["Lena Holm", "Karl Brenner", "Ana Ruiz", "Ivo Kral"]


def test_a_courts_and_a_lawmakers_acts_are_positions():
    # dev misses: "Judge Michael Urbanski sentenced ... James Alex Fields ... to life" (wb067), "William Conley ...
    # ordered last week that absentee ballots be accepted" (wb209), "Avenatti pled not guilty" (wb185), "Senator Ted
    # Cruz and ... Francis Rooney proposed to set lifetime limits" and "co-sponsored by Senators Marco Rubio" (wb004)
    text = (
        "On Friday, Judge Rosa Vidal sentenced Tomas Berg, the harbour master, to ten years in prison.\n\n"
        "Berg pled not guilty to the charges.\n\n"
        "Judge Ivo Kral ordered last week that the ferry logs be handed to the court.\n\n"
        "Senator Ana Ruiz proposed to set a limit on harbour fees.\n\n"
        "The fee bill was co-sponsored by Senators Lena Holm of Velden and Karl Brenner of Norland.\n\n"
        "Ruiz apologised for the delays to the ferry service.\n"
    )
    assert [(a.speaker, a.role, a.quote.text) for a in found(text)] == [
        ("Rosa Vidal", "Judge", "sentenced Tomas Berg"),
        ("Tomas Berg", "", "pled not guilty to the charges"),
        ("Ivo Kral", "Judge", "ordered last week that the ferry logs be handed to the court"),
        ("Ana Ruiz", "Senator", "proposed to set a limit on harbour fees"),
        ("Lena Holm", "Senator", "The fee bill was co-sponsored by Senators Lena Holm of Velden and Karl Brenner of Norland"),
        ("Karl Brenner", "Senator", "The fee bill was co-sponsored by Senators Lena Holm of Velden and Karl Brenner of Norland"),
        ("Ana Ruiz", "Senator", "apologised for the delays to the ferry service"),
    ]


@pytest.mark.parametrize(("sentence", "expected"), [
    # "Acting via his lawyers, Volodoymyr Zhukovskyy, 23, pleaded not guilty on Tuesday to ..." (wb066) had given
    # "his lawyers (unnamed)", and no row before the act took a day between "guilty" and "to"
    ("Acting via his lawyers, Tom Hale, 23, pleaded not guilty on Tuesday to seven counts of fraud.",
     ("Tom Hale", "", "pleaded not guilty on Tuesday to seven counts of fraud")),
    # a jury is an unnamed body ("a United States federal jury convicted Michael Avenatti", wb185)
    ("Yesterday, a federal jury convicted Tom Hale of trying to extort the ferry company.",
     ("federal jury (unnamed)", "", "convicted Tom Hale of trying to extort the ferry company")),
    # a judgment ("Benjamin Netanyahu found the air strike justified", wn15) and a study's finding (wb187, wb102)
    ("In his statement, Prime Minister Karl Brenner found the air strike justified and called the order swift.",
     ("Karl Brenner", "Prime Minister", "found the air strike justified and called the order swift")),
    ("The researchers found that the virus behaved like influenza in every patient.",
     ("researchers (unnamed)", "", "the virus behaved like influenza in every patient")),
    # a name with an age in apposition to an unnamed speaker had stayed unnamed ("driver (unnamed)")
    ("The driver, Tom Hale, 23, said the ferry had left the harbour late.",
     ("Tom Hale", "The driver", "the ferry had left the harbour late")),
])
def test_pleas_juries_judgments_findings_and_a_named_apposition_with_an_age(sentence, expected):
    assert [(a.speaker, a.role, a.quote.text) for a in found("Ferry row\n\n" + sentence + "\n")] == [expected]


def test_signing_a_letter_that_urges_and_agreeing_to_act_are_positions():
    # "Over 100 Republican national security experts signed an open letter urging ..." (wb280), "Manafort ... agreed
    # to help with Robert Mueller's investigation" (bulk); people named in a list are no one's role ("John Brennan,
    # Leon Panetta, and Michael Hayden, signed a letter saying ...": Brennan's role had been the other two names)
    text = ("Ferry row\n\nFormer harbour masters Rosa Lind, Karl Brenner, and Ana Ruiz, signed a letter urging the "
            "council to keep the ferry.\n\nThe Velden Ferry Company agreed to extend the timetable to Sundays.\n\n"
            "Four former captains signed a letter addressed to the mayor.\n\n"
            "Most candidates agreed to the need of a second terminal.\n")
    assert [(a.speaker, a.role, a.quote.text) for a in found(text)] == [
        ("Rosa Lind", "", "signed a letter urging the council to keep the ferry"),
        ("Karl Brenner", "", "signed a letter urging the council to keep the ferry"),
        ("Ana Ruiz", "", "signed a letter urging the council to keep the ferry"),
        ("Velden Ferry Company", "", "agreed to extend the timetable to Sundays"),
    ]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a court named with an article or none ("sentenced ... to life in prison by a court in Multan", wb118; the
    # review: "by the Lahore High Court", "A Moscow court sentenced"), and an indefinite one that is no court named
    # before ("A court sentenced him")
    ("Tom Hale was sentenced for the fraud to ten years in prison by a court in Velden.",
     [("court in Velden (unnamed)", "Tom Hale was sentenced for the fraud to ten years in prison by a court in Velden")]),
    ("Tom Hale was sentenced by the Velden High Court to ten years.",
     [("Velden High Court", "Tom Hale was sentenced by the Velden High Court")]),
    ("A Velden court sentenced Tom Hale to ten years. A court sentenced him to ten more years last year.",
     [("Velden court", "sentenced Tom Hale to ten years"), ("court (unnamed)", "sentenced him to ten more years last year")]),
    # "According to a court clerk" keeps the clerk (a court's person, not the court)
    ("According to a court clerk, arguments in the ferry case would be heard next week.",
     [("court clerk (unnamed)", "arguments in the ferry case would be heard next week")]),
])
def test_courts_with_an_article_or_none(sentence, expected):
    assert [(a.speaker, a.quote.text) for a in found("Ferry row\n\n" + sentence + "\n")] == expected


@pytest.mark.parametrize("sentence", [
    # a review's cases: a weekday or a month after a participle, goods ordered, a sponsor of a tournament, a
    # marriage proposal, an organisation named with a plural ("Authors Guild") and names after "for"
    "A man sentenced Monday to 20 years in prison said he would appeal.",
    "The two men convicted Friday of the murder will be sentenced next month.",
    "Velden Airways ordered Airbus A350s to replace its Boeing 747s.",
    "The Ministry of Defence ordered 14 Chinook helicopters to replace its fleet.",
    "The jets were ordered by Ryanair in 2022 for the summer season.",
    "Nike sponsored the World Cup in Qatar for the third time.",
    "The tournament was sponsored by Barclays for the third year running.",
    "Harry Styles proposed to his girlfriend on a beach in Italy.",
])
def test_acts_that_are_no_positions(sentence):
    assert found("Ferry row\n\n" + sentence + "\n") == []


@pytest.mark.parametrize(("sentence", "speakers"), [
    ("The Authors Guild sued the ferry company over its timetable.", ["Authors Guild"]),
    ("Queens Park Rangers said the ferry would carry their fans to the match.", ["Queens Park Rangers"]),
    ("Democrats Chuck Schumer and Nancy Pelosi said the ferry tax was unfair.", ["Chuck Schumer", "Nancy Pelosi"]),
    # the names are not the subject: the lawyer's words give no row to Mara Quint
    ("A lawyer for Mara Quint and Tom Hale said the ferry was late.", ["Tom Hale"]),
])
def test_plural_words_before_a_name_and_names_after_for(sentence, speakers):
    assert sorted(a.speaker for a in found("Ferry row\n\n" + sentence + "\n")) == speakers


@pytest.mark.parametrize(("sentence", "expected"), [
    # dev-cnndm misses: "the group fears 400 migrants could be missing" (cdd42, Save the Children, which had been
    # "Children (unnamed)"), "branded the sentence a 'total joke'" (cdd20), "has so far rejected a new contract
    # offer" (cdd56)
    ("Save the Children fears that 400 migrants could be missing after the ferry sank.",
     ("Save the Children", "400 migrants could be missing after the ferry sank")),
    ("\u201cThe ferry is unsafe,\u201d said Save the Children.", ("Save the Children", "The ferry is unsafe")),
    ("Former captain Tom Hale branded the sentence a total joke.", ("Tom Hale", "the sentence a total joke")),
    ("The union labelled the decision a disgrace.", ("union", "the decision a disgrace")),
    ("Rosa Lind has so far rejected a new contract offer from the ferry company.",
     ("Rosa Lind", "a new contract offer from the ferry company")),
])
def test_fears_brands_and_labels(sentence, expected):
    assert [(a.speaker, a.quote.text) for a in found("Ferry row\n\n" + sentence + "\n")] == [expected]


@pytest.mark.parametrize("sentence", [
    # a second review's cases: a fear as a noun, a brand or a label stuck on, a participle, a name given by others,
    # personal decisions and confessions (rows for "decided to" and "confessed to" were withdrawn)
    "Security fears the summit could be targeted have led to road closures across the city.",
    "Tesco branded the products with a new green logo last year.",
    "Researchers labelled the samples with coloured dye before freezing them.",
    "Sainsbury's labelled the sandwiches incorrectly in three of its stores.",
    "The woman branded \u201cBritain's worst mother\u201d by tabloids has spoken out.",
    "Sarah decided to take the bus home because it was raining.",
    "Beckham confessed to being nervous before the penalty.",
])
def test_fears_brands_labels_and_decisions_that_are_no_positions(sentence):
    assert found("Ferry row\n\n" + sentence + "\n") == []


def test_a_named_bodys_official_and_a_tribunal_named_before():
    text = ("Ferry row\n\n\u201cIt's a tragedy,\u201d said Stop the War Coalition convenor Lindsey German.\n\n"
            "\u201cWe have to act,\u201d said Save the Children's director, Gwen Hines.\n\n"
            "The Employment Appeal Tribunal overturned the decision. The tribunal said the judge had erred.\n")
    speakers = [a.speaker for a in found(text)]
    assert speakers[0] == "Lindsey German" and "Save the Children" not in speakers[1]
    assert speakers[-1] == "Employment Appeal Tribunal"


@pytest.mark.parametrize(("text", "expected"), [
    # "The Montreal team, led by Björn Benneke, used data ... They found that ..." (wb102), "The researchers used
    # satellite imagery ... From this, they concluded that ..." (wb137: had been the Wooster professor quoted before)
    ("The Velden team, led by Rosa Lind, used data from the harbour radar. They found that the ferries were late on "
     "most Sundays.", ("Velden team", "the ferries were late on most Sundays")),
    ("Researchers used swab samples from eighteen passengers. They found that the virus was spreading on the ferries.",
     ("Researchers (unnamed)", "the virus was spreading on the ferries")),
    # not a group that is acted on, one that another group meets, or one in a sentence someone else reports (a
    # third review: "Many of the victims were children, officials said. They said ...")
    ("Many of the victims were children, officials said. They said the death toll was likely to rise.",
     ("officials (unnamed)", "the death toll was likely to rise")),
    # "it" is no group of people: "Twenty-seven states sued. ... the target it pledged to reach" (PolNeAR)
    ("Twenty-seven states sued the ferry company. It said the ferry would sail again on Sunday.",
     ("Twenty-seven states (unnamed)", "sued the ferry company")),
    # but a body whose name ends in "s" is an "it" ("A spokesman for Barclays said ... It said ...")
    ("A spokesman for Velden Ferries said the firm would appeal. It said the fine was disproportionate.",
     ("spokesman for Velden Ferries (unnamed)", "the fine was disproportionate")),
    # one tribunal named twice ("An employment tribunal ruled ... The tribunal said ...")
    ("An employment tribunal ruled that the ferry firm had erred. The tribunal said the captain had been wronged.",
     ("employment tribunal (unnamed)", "the captain had been wronged")),
    # researchers at a body are plural though the body's name is not ("Researchers at Oxford University ... They
    # found that ..." had given no speaker: the group needed a plural last word)
    ("Researchers at Velden University tested the ferry engines for two years. They found that the engines wore out "
     "on most routes.", ("Researchers at Velden University", "the engines wore out on most routes")),
])
def test_they_is_the_group_the_sentence_before_opened_with(text, expected):
    assert [(a.speaker, a.quote.text) for a in found("Ferry row\n\n" + text + "\n")][-1] == expected


def test_they_after_researchers_who_asked_others_is_not_the_researchers():
    # (a third review) "Researchers at Oxford interviewed 300 teachers. They said workloads had become unbearable."
    text = ("Ferry row\n\nResearchers at Velden University interviewed 300 ferry workers. They said the shifts had "
            "become unbearable.\n")
    assert [a.speaker for a in found(text)] != ["Researchers at Velden University"]


@pytest.mark.parametrize("sentence", [
    "Police found the body of the ferry captain in the river on Sunday.",
    "Police found the body was lying in a field near the harbour.",  # (a third review: a discovery is no finding)
])
def test_finding_a_thing_is_no_finding(sentence):
    assert found("Ferry row\n\n" + sentence + "\n") == []


@pytest.mark.parametrize("sentence", [
    # a participle or an adjective is no act: "the man convicted in the case", "convicted burglar Jamie" (SummEval)
    "The parents asked the court to spare the man convicted in the case.",
    "The mother, named Dawn, appeared on the show and accused long-term friend, convicted burglar Jamie, of theft.",
    # an order of goods is no order that someone do something ("she ordered a chicken dish", SummEval)
    "Rosa Vidal was seen in a cafe where she ordered a fish dish with chips, a salad and a tea.",
    # nor is a proposal without what is proposed ("proposed during his campaign")
    "The idea that Tomas Berg proposed during his campaign was a harbour tax.",
])
def test_what_looks_like_a_courts_or_a_lawmakers_act_but_is_not(sentence):
    acts = ("convicted", "ordered", "proposed")
    assert [a.quote.text for a in found("Ferry row\n\n" + sentence + "\n") if a.quote.text.startswith(acts)] == []


def test_an_apposition_does_not_run_into_the_next_sentence():
    text = (
        "The reaction from Halvia, the port's main rival, was swift. A spokesman for the Halvian trade ministry, "
        "Ivo Kral, said the new quay would \u201cturn a quiet harbour into a battleground\u201d on Monday.\n"
    )
    assert speaker_of(text, "quiet harbour") == "Ivo Kral"


def test_a_title_with_the_name_in_apposition_is_that_person():
    text = 'The Senate Majority Leader, Tomas Ek, said on Friday "We asked the governor once again to open the bridge" and left.\n'
    [a] = found(text)
    assert (a.speaker, a.role) == ("Tomas Ek", "The Senate Majority Leader")


def test_more_unnamed_speakers_and_a_description_before_the_name_after_the_verb():
    text = (
        "\u201cThe new levy will not hold up in court. It is plainly unfair,\u201d said harbour pilot Anna Berg.\n\n"
        "\u201cWe need a new bridge,\u201d the Oslo businessman said.\n\n"
        "Then the narrator says, \u201cYou pay your taxes. Why did the port not pay its share?\u201d\n\n"
        "\u201cThe port will never be the same,\u201d said one union source at the quay.\n"
    )
    assert [(a.speaker, a.role) for a in found(text)] == [
        ("Anna Berg", "harbour pilot"), ("Oslo businessman (unnamed)", ""), ("narrator (unnamed)", ""),
        ("union source at the quay (unnamed)", ""),
    ]


def test_shares_of_a_poll_speak():
    text = "Another 21 percent said they would not vote for either of the two mayoral candidates.\n"
    [a] = found(text)
    assert (a.speaker, a.quote.text) == ("21 percent (unnamed)", "they would not vote for either of the two mayoral candidates")


def test_a_day_a_one_letter_party_and_an_adjunct_before_the_reported_clause():
    text = (
        "Berg on Tuesday said he wants to close three loopholes in the harbour tax code.\n\n"
        "Gov. Ana Ruiz (D) said it would be improper for her to speak while the inquiry is ongoing.\n\n"
        "Kral said after the vote he would not accept the union's offer if it were renewed.\n\n"
        "\"It was the least bad outcome,\" Mr. Holm of the Fjord Trust said.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Berg", "he wants to close three loopholes in the harbour tax code"),
        ("Ana Ruiz", "it would be improper for her to speak while the inquiry is ongoing"),
        ("Kral", "he would not accept the union's offer if it were renewed"),
        ("Holm", "It was the least bad outcome"),
    ]


def test_she_is_the_last_woman_named_when_the_text_shows_her_gender_by_its_pronouns():
    text = (
        "Judge Karl Otto Lind Jr. opened the hearing on Monday. His ruling is due in May.\n\n"
        "Marta Sol, 61, of Varde, Jutland, who watched the hearing from the gallery, said the ruling would change her town. "
        "Her husband had worked at the mill, she said.\n\n"
        "To understand the case, Judge Lind said, one should visit the mill. He added that his clerks would go there.\n\n"
        "\u201cThe mill was our whole life,\u201d she said.\n"
    )
    out = found(text)
    assert next(a.speaker for a in out if "change her town" in a.quote.text) == "Marta Sol"
    assert next(a.speaker for a in out if "visit the mill" in a.quote.text) == "Karl Otto Lind Jr."
    assert next(a.speaker for a in out if "whole life" in a.quote.text) == "Marta Sol"


def test_a_name_and_a_colon_open_what_they_say_but_labels_do_not():
    text = (
        "Pat Ruiz: Harbour Voters Worried About the New Levy\n\n"
        "Update: the vote was moved to Friday afternoon.\n\n"
        "The levy would make the tax code more complicated. Said Holm: \u201cI don\u2019t think she is interested in reform.\u201d\n\n"
        "Added the mayor, \"We will fight this in every court we can find.\"\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Pat Ruiz", "Harbour Voters Worried About the New Levy"),
        ("Holm", "I don\u2019t think she is interested in reform."),
        ("mayor (unnamed)", "We will fight this in every court we can find."),
    ]


def test_the_second_half_of_a_quote_split_by_verb_first_attribution_is_the_same_speakers():
    # wb071 (dev): the words after 'wrote Chief Justice John G. Roberts,' had no speaker, and the first
    # half alone ("On behalf of the Court") was no position, so the article had no row at all
    text = (
        "Court Mourns Its Longest-Serving Justice\n\n"
        "\"On behalf of the Court,\" wrote Chief Justice Ada Ruiz, \"I am saddened to report that our colleague "
        "has passed away. His commitment to justice has left us a better nation.\"\n\n"
        "\"We will fight on,\" said the minister, \"and we will win this case in the end.\"\n"
    )
    assert [(a.speaker, a.quote.text[:20]) for a in found(text)] == [
        ("Ada Ruiz", "On behalf of the Cou"),
        ("Ada Ruiz", "I am saddened to rep"),
        ("minister (unnamed)", "We will fight on"),
        ("minister (unnamed)", "and we will win this"),
    ]


def test_a_relation_then_the_name_in_apposition_after_the_verb():
    # wb030 (dev): 'said his father, Abdullah Kurdi, following the ceremony' had no speaker, and
    # "following the ceremony" is no role
    text = "Boat Renamed\n\n\"This day is very hard for me,\" said his father, Omar Daher, following the ceremony.\n"
    assert [(a.speaker, a.role) for a in found(text)] == [("Omar Daher", "father")]


def test_the_outlet_someone_speaks_to_is_not_the_speaker():
    # wb068 (dev): 'Speaking to Agence France-Presse, the president of the ... League ..., Jamel Msallem,
    # said' gave the agency as the speaker
    text = (
        "Veil Ban Debated\n\n"
        "Speaking to Agence France-Presse, the president of the League for Civil Rights, Lina Haddad, said, "
        "\"We are for the freedom to dress.\"\n\n"
        "Talking to the BBC, Ana Ruiz said that the ban would hurt the poorest families first.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Lina Haddad", "We are for the freedom to dress."),
        ("Ana Ruiz", "the ban would hurt the poorest families first"),
    ]


def test_quoted_as_saying_and_a_gerund_adjunct_before_said():
    # wb204 (dev): 'Politico quoted Tim Manning, formerly ..., as saying "..."'; wb115 (dev): 'Assembly
    # president Richard Ferrand in relaying the news to parliament said, "..."'
    text = (
        "Agency Sidelined\n\n"
        "Politico quoted Tom Marsh, formerly a deputy administrator at the agency, as saying \"The agency has an "
        "important role in coordinating the response.\"\n\n"
        "Assembly president Rita Ferrand in relaying the news to parliament said, \"He is part of the history of France.\"\n"
    )
    assert [a.speaker for a in found(text)] == ["Tom Marsh", "Rita Ferrand"]


def test_a_document_speaks_for_its_owner_and_a_possessive_body_before_a_title_noun():
    # wb205 (dev): 'The WHO's website said:' gave "WHO's website" as the actor; wb112 (dev): "the
    # government's lawyer said" had no speaker at all
    text = (
        "Remedies Questioned\n\n"
        "The WHO's website said: \"There is no evidence that current medicine can prevent the disease.\"\n\n"
        "The Kremlin's statement said the talks would continue next week in Geneva.\n\n"
        "The ministry's spokesman said, \"The talks will continue next week in Geneva.\"\n"
    )
    assert [a.speaker for a in found(text)] == ["WHO", "Kremlin", "ministry spokesman (unnamed)"]


def test_a_name_after_lower_case_descriptors_in_apposition_is_the_speaker():
    # wb158 (batch 8, found when the batch was measured): "The study's lead author, doctoral candidate
    # Maninder Thind, said" had become "study lead author (unnamed)"
    text = "Pollution Deaths Counted\n\nThe study's lead author, doctoral candidate Mina Thorne, said, \"We looked at emissions.\"\n"
    assert [(a.speaker, a.role) for a in found(text)] == [("Mina Thorne", "The study's lead author")]


def test_no_speaker_inside_a_name_after_in_nor_a_groups_example_or_place_in_apposition():
    # wb126 (dev): "In findings published ... in Science Advances, researchers from X and Y, both in the
    # United States, reported" gave "Science Advances" (its last word was resolved to the full name), then
    # "United States"; PolNeAR: "As many tax experts, including Mr. Goldberg, have pointed out" is the group's
    text = (
        "Reef Study\n\n"
        "Fred Goldberg is a former commissioner.\n\n"
        "In findings published on Wednesday in Science Advances, researchers from the Georgia Institute of "
        "Technology and University of South Carolina Beaufort, both in the United States, reported warming "
        "seas appear to weaken corals.\n\n"
        "Many tax experts, including Mr. Goldberg, said the returns could be released during an audit.\n"
    )
    speakers = [a.speaker for a in found(text)]
    assert "Science Advances" not in speakers and "United States" not in speakers
    assert "Fred Goldberg" not in speakers


def test_the_name_in_apposition_to_a_subject_before_the_colon_or_verb_is_the_speaker():
    # wb207 (batch 8): "One of the study's authors, herpetologist David Blackburn, told Discover Magazine
    # ...: "..."" gave "One"; orig01 (dev): "Estrelia's foreign minister, Nadia Ferrandel, said ... would
    # be "a unilateral act ..."" gave an unnamed foreign minister
    text = (
        "Frog Skulls\n\n"
        "One of the study's authors, herpetologist Dana Black, told Discover Magazine the pattern was deep: "
        "\"Somehow, these frogs are turning on some ancient machinery.\"\n\n"
        "Estrelia\u2019s foreign minister, Nadia Ferrandel, said on Monday that filling the reservoir would be "
        "\u201ca unilateral act with consequences for millions\u201d.\n"
    )
    assert [(a.speaker, a.role) for a in found(text)][:2] == [
        ("Dana Black", "One of the study's authors"), ("Nadia Ferrandel", "Estrelia\u2019s foreign minister"),
    ]


def test_a_contraction_is_no_name():
    # wb282 (batch 8): the interviewer's "You've said that you want to act on climate change" gave "You've"
    # as an actor; PolNeAR: "It\u2019s become a major issue, with Hillary Clinton ... lambasting" hid Clinton
    # from the "she" two sentences on
    text = (
        "Interview\n\n"
        "((WN)) : You've said that you want to act on climate change.\n\n"
        "Lily Batchelder said the plan would raise taxes.\n\n"
        "It\u2019s become a major issue in the campaign, with Hillary Clinton lambasting the plan.\n\n"
        "\u201cThe plan would be trickle-down economics all over again,\u201d she said in the first debate.\n"
    )
    speakers = [a.speaker for a in found(text)]
    assert "You've" not in speakers and speakers[-1] == "Hillary Clinton"


def test_a_platform_after_on_is_no_speaker_and_the_day_is_not_part_of_the_name():
    # wb231 (batch 8): "The government statement, which was posted on Twitter, announced ..." gave "Twitter";
    # "The government of Burundi on Tuesday announced" gave "government of Burundi on Tuesday"
    text = (
        "Burundi\n\n"
        "The government of Burundi on Tuesday announced his death and gave the cause as a cardiac arrest.\n\n"
        "The government statement, which was posted on Twitter, announced the death "
        "\"with great sorrow to Burundians and the international community.\"\n"
    )
    speakers = [a.speaker for a in found(text)]
    assert speakers[0] == "government of Burundi" and "Twitter" not in speakers
    # PolNeAR: a possessive name after "on" still holds the claim
    text = "Chicago\n\nFact-checkers weighed in on Donald Trump\u2019s claim that there have been thousands of shootings.\n"
    assert [a.speaker for a in found(text)] == ["Donald Trump"]


def test_responded_groups_and_a_hyphenated_audience_after_told():
    text = (
        "Port director Ines Roth responded that the survey counts far more ships than the port has.\n\n"
        "Several fishing groups warned that the new quotas would empty the northern harbours.\n\n"
        "The governor told Swedish-speaking voters on Sunday that he would keep the ferry running.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Ines Roth", "the survey counts far more ships than the port has"),
        ("Several fishing groups (unnamed)", "the new quotas would empty the northern harbours"),
        ("governor (unnamed)", "he would keep the ferry running"),
    ]


def test_told_whom_then_that_or_to_gives_the_claim_after_the_audience():
    text = (
        "Ruiz told the union's \"Harbour Hour\" show that nobody would question the pilots' training.\n\n"
        "Mayor Holm told his aides to find a way to cut the ferry fares without the council.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Ruiz", "nobody would question the pilots' training"),
        ("Holm", "find a way to cut the ferry fares without the council"),
    ]


@pytest.mark.parametrize("sentence, claim", [
    # a review's cases: "for" had been made an adjunct that could not be skipped, and these lost their speaker
    ("Mara Quint said for many families the ferry cuts would be devastating.", "the ferry cuts would be devastating"),
    ("Mara Quint said for the first time in a decade the ferry line had turned a profit.", "the ferry line had turned a profit"),
    ("Mara Quint said for security reasons the names of the crew would not be released.",
     "the names of the crew would not be released"),
    ("Mara Quint said for the moment there was no threat to the harbour.", "there was no threat to the harbour"),
])
def test_a_for_phrase_before_the_reported_clause_is_skipped(sentence, claim):
    assert [(a.speaker, a.quote.text) for a in found("Ferry row\n\n" + sentence + "\n")] == [("Mara Quint", claim)]


@pytest.mark.parametrize("sentence", [
    "Ms Clarke told CNN the story of her escape, which was later made into a film.",
    "Mr Ruiz told Reuters the names of the companies that had been fined.",
    "Ms Clarke told Kubiak the location where the bodies had been found.",
    "Mary Holm told the court the story of her long life in the harbour village.",
])
def test_told_a_listener_an_object_with_a_relative_clause_is_no_claim(sentence):
    assert found("Ferry row\n\n" + sentence + "\n") == []


@pytest.mark.parametrize("sentence, speaker, claim", [
    # PolNeAR dev (AP style): present-tense "tells", an adverb inside the progressive, the contracted "'s"
    ("Mara Quint tells MSNBC on Friday that the attack remains under investigation.", "Mara Quint",
     "the attack remains under investigation"),
    ("Mara Quint is once again questioning the integrity of the harbour vote count.", "Mara Quint",
     "the integrity of the harbour vote count"),
    ("Mara Quint spoke first. She\u2019s claiming that the ferry fares are a big problem for the town.", "Mara Quint",
     "the ferry fares are a big problem for the town"),
    # Koszalin escape-room fire (bulk): "told Agence France-Presse the male victim is ..." had no speaker
    ("Tomasz Kubiak, a fire service spokesman, told Agence France-Presse the male victim is in intensive care.",
     "Tomasz Kubiak", "the male victim is in intensive care"),
    ("Jasim Uddin told the Associated Press four victims were from a single family.", "Jasim Uddin",
     "four victims were from a single family"),
    # dev wb230: "Initial reports stated ..." had made "Initial" the speaker of "stated the ..."
    ("Initial reports stated the ferry had run aground near the harbour wall.", "Initial reports (unnamed)",
     "the ferry had run aground near the harbour wall"),
    ("Several witnesses said the gunman had fled on foot toward the river.", "Several witnesses (unnamed)",
     "the gunman had fled on foot toward the river"),
    # bulk: "According to the reports by Johns Hopkins Center ..." is the centre's, as a report by it is
    ("According to the reports by Velden Harbour Board, the ferry fares rose by a third last year.", "Velden Harbour Board",
     "the ferry fares rose by a third last year"),
])
def test_told_tells_progressives_and_unnamed_groups_give_speaker_and_claim(sentence, speaker, claim):
    assert [(a.speaker, a.quote.text) for a in found("Ferry row\n\n" + sentence + "\n")] == [(speaker, claim)]


@pytest.mark.parametrize("sentence", [
    # a review's cases: a possessive is no contraction, and a bare "is calling" is an idiom or a summons
    "Velden\u2019s warning system failed to alert residents before the wave hit the coast.",
    "Mr Smith is calling it a day after thirty years at the harbour office.",
    "The school is calling parents to a meeting about the ferry timetable on Friday.",
    # dev-cnndm cdd27: "as he tells her that she makes him a better man" (a drama's character), not reported speech
    "Ross Poldark spoke last. As he tells her that she makes him a better man, the audience sighs.",
])
def test_a_possessive_an_idiom_or_a_storys_tells_is_no_report_verb(sentence):
    assert found("Ferry row\n\n" + sentence + "\n") == []


def test_what_follows_for_after_a_verb_is_no_claim_but_argued_for_is_a_position():
    """dev wb113: "He also wrote for other artists, including co-writing ..." had made Robert Hunter's
    claim "for other artists"; "contended for the nomination" is a race, not words. "argued for X" is a
    position, as "called for X" is."""
    text = (
        "Mara Quint continued as a solo singer. She also wrote for other artists, including several folk songs.\n\n"
        "Congressman Tom Hale contended for the party's presidential nomination, but dropped out in May.\n\n"
        "Ana Ruiz argued for checks and balances on the harbour board and a new ferry regulator.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Ana Ruiz", "checks and balances on the harbour board and a new ferry regulator"),
    ]


def test_a_bare_name_before_the_speaker_is_no_claim():
    """dev wb192: "Seyed Mohammad Mir-Mohammadi, a council member of ..., died of COVID-19, the government
    announced" had read the name as the claim of "a council member" (the apposition ran on to the verb)."""
    text = ("Tomas Vell Ardan, a council member of the Norland Harbour Board, died of pneumonia, the government "
            "announced yesterday.\n")
    assert found(text) == []  # a death the government announced: a fact, no one's position


def test_an_act_is_found_beside_reported_speech_in_the_same_sentence():
    text = (
        "Estrelia extended its curfew to the whole day, and the mayor of Santa Clara, Rosa Vidal, "
        "said the city would reopen its schools in May.\n\n"
        "Last year President Tomas Berg withdrew Estrelia from a fishing treaty with Halvia, which had been signed in 1990.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Estrelia", "extended its curfew to the whole day"),
        ("Rosa Vidal", "the city would reopen its schools in May"),
        ("Tomas Berg", "withdrew Estrelia from a fishing treaty with Halvia"),
    ]


def test_clergy_titles_a_parenthesis_after_the_verb_and_clauses_after_a_semicolon():
    text = (
        "Calling it a \"den of thieves\" the archbishop said \"We need to pray so that the city is stronger than its fear.\"\n\n"
        "Halvia claimed, as of Friday, it was one of the few ports still free of the disease.\n\n"
        "Paying back the loan seems realistic, Holm said; several shipping experts called this dubious, as the market is saturated.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("archbishop (unnamed)", "den of thieves"),
        ("archbishop (unnamed)", "We need to pray so that the city is stronger than its fear."),
        ("Halvia", "it was one of the few ports still free of the disease"),
        ("Holm", "Paying back the loan seems realistic"),
        ("several shipping experts (unnamed)", "this dubious, as the market is saturated"),
    ]


def test_organisation_names_keep_of_for_on_and_a_leading_national():
    text = (
        "The Estrelian Commission on Coastal Fisheries said the cod quota should be halved next spring.\n\n"
        "The National Institute for Marine Studies reported that water temperatures had risen sharply.\n\n"
        "The National Weather Center said the storm would reach the coast by Thursday night.\n\n"
        "Partido Verde y Social said the ferry fares must fall before the summer season.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Estrelian Commission on Coastal Fisheries", "the cod quota should be halved next spring"),
        ("National Institute for Marine Studies", "water temperatures had risen sharply"),
        ("National Weather Center", "the storm would reach the coast by Thursday night"),
        ("Partido Verde y Social", "the ferry fares must fall before the summer season"),
    ]


def test_a_name_after_on_monday_is_no_part_of_the_speaker():
    text = "Rosa Vidal on Tuesday said the harbour levy would be scrapped by the end of the year.\n"
    [a] = found(text)
    assert (a.speaker, a.quote.text) == ("Rosa Vidal", "the harbour levy would be scrapped by the end of the year")


def test_the_person_who_said_it_not_the_outlet_after_according_to():
    text = (
        "According to the state broadcaster KTV, the mayor of Santa Clara, Rosa Vidal, said the port "
        "must stay \"closed to all foreign trawlers\" until May.\n"
    )
    [a] = found(text)
    assert (a.speaker, a.quote.text) == ("Rosa Vidal", "closed to all foreign trawlers")


def test_a_ministry_keeps_its_title_word_and_a_source_within_it_is_unnamed():
    text = (
        "The Defence Ministry said the bridge would reopen in May after the repairs.\n\n"
        "A source within the regional Defence Ministry reportedly said \"We were told to keep the costs quiet.\"\n\n"
        "A senior Estrelian official involved in the talks said the government had accepted the lease terms.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Defence Ministry", "the bridge would reopen in May after the repairs"),
        ("source within the regional Defence Ministry (unnamed)", "We were told to keep the costs quiet."),
        ("senior Estrelian official (unnamed)", "the government had accepted the lease terms"),
    ]


def test_a_demonym_before_an_organisation_noun_stays_with_it():
    text = (
        "Twelve shells fell near the harbour overnight, according to Estrelian police.\n\n"
        "The Halvian statement called for the fishing treaty to be renewed without changes.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Estrelian police", "Twelve shells fell near the harbour overnight"),
        ("Halvian statement", "the fishing treaty to be renewed without changes"),
    ]
    assert not shows_position(found(text)[1])  # whose statement it is the article does not say


def test_a_speaker_in_a_parenthesis_does_not_take_the_clause_after_a_semicolon():
    text = (
        "Ferry fares will not rise before the winter, Holm said, and the new routes look affordable; "
        "several harbour workers called this naive, as fuel prices keep climbing.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Holm", "Ferry fares will not rise before the winter"),
        ("several harbour workers (unnamed)", "this naive, as fuel prices keep climbing"),
    ]


def test_an_investigation_by_a_body_found_something():
    text = "A review by the Coastal Audit Office found no sign of fraud in the harbour contracts.\n"
    [a] = found(text)
    assert (a.speaker, a.quote.text) == ("Coastal Audit Office", "no sign of fraud in the harbour contracts")


def test_a_plan_or_a_want_is_a_position():
    text = (
        "Estrelia planned to close its fishing ports to foreign trawlers until the end of May.\n\n"
        "The harbour union wants the ferry fares frozen and the night shifts cut.\n"
    )
    assert [(a.speaker, a.quote.text) for a in found(text)] == [
        ("Estrelia", "planned to close its fishing ports to foreign trawlers until the end of May"),
        ("harbour union (unnamed)", "wants the ferry fares frozen and the night shifts cut"),
    ]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("Valmora: The government said on Monday it would raise the port fees.", ["government"]),
        ("Valmora: \u201cWe will raise the port fees next month,\u201d port director Ana Ruiz said.", ["Ana Ruiz"]),
        ("Valmora: Port fees will rise by a tenth next month.", []),  # a dateline, not a speaker
        ("Background: The talks began in March and went on for weeks.", []),
        ("Analysis: The vote is a blow to the government of the day.", []),
        ("Ruizcorp: Port Fees Will Rise Next Month", ["Ruizcorp"]),  # a headline line keeps its one-word name
    ],
)
def test_a_name_and_a_colon_is_not_a_dateline_or_a_label(text, speakers):
    assert [a.speaker for a in attribute(text)] == speakers


def test_each_clause_after_a_semicolon_is_reported_on_its_own():
    text = "Ana Ruiz said the port fees were too high; Tom Hale said the ferry fares were fair; Eva Lind said the tolls were low.\n"
    assert [(a.speaker, a.quote.text) for a in attribute(text)] == [
        ("Ana Ruiz", "the port fees were too high"), ("Tom Hale", "the ferry fares were fair"),
        ("Eva Lind", "the tolls were low")]


@pytest.mark.parametrize("sentence, speaker, role", [
    # "Suman Haripriya of the Hajo assembly said": the assembly had been taken for the speaker
    ('Rosa Lind of the Halvern assembly said "The new ferry timetable will cut the island off from the mainland."',
     "Rosa Lind", ""),
    # "George Kimbrell of the Center for Food Safety said": the centre had been the speaker
    ('Tomas Berg of the Institute for Coastal Research said "The sea wall will not hold back a storm of that size."',
     "Tomas Berg", ""),
    # "Steve Peers of the University of Essex, speaking to BBC, said,": the university had been the speaker
    ('Piet Olsen of the Centre for Peace Studies, speaking to the radio station, said, "The ceasefire will not '
     'survive the winter."', "Piet Olsen", ""),
    # "Ecologist Ryan Norris of the University of Guelph in Ontario also said ...": no speaker had been found
    ("Ecologist Ines Varga of the University of Norland in Velden also said the drought had little to do with the "
     "decline of the herds.", "Ines Varga", "Ecologist"),
    # 'Remarked Center for Biological Diversity scientist Tierra Curry, "...': no speaker had been found
    ('Remarked Fund for Wild Rivers scientist Lena Moss, "This year is a reprieve, but more protections are needed '
     'for the river."', "Lena Moss", "Fund for Wild Rivers scientist"),
    # 'Mick Jagger of The Rolling Stones also reacted on Twitter, "...': no speaker had been found
    ('Kai Brenner of The Lowland Drifters also reacted on Twitter, "Sad news. He was a fiery and talented drummer, '
     'and a good friend."', "Kai Brenner", ""),
])
def test_a_person_of_a_body_is_the_speaker_not_the_body(sentence, speaker, role):
    [a] = found("Ferry row\n\n" + sentence + "\n")
    assert (a.speaker, a.role) == (speaker, role)


def test_a_member_of_a_panel_is_an_unnamed_source_not_a_person_called_member():
    # PolNeAR: "Member of House panel says U.S. has to keep Moscow out of elections." had given "Member"
    text = "Member of House panel says the port has to keep the trawlers out of the bay.\n\nThe vote is on Friday.\n"
    assert speaker_of(text, "trawlers") == "member of House panel (unnamed)"


def test_a_quote_after_a_colon_is_the_sentence_subjects():
    # 'Bolton gave a different account of events, also speaking via Twitter: "I offered to resign ..."'
    text = ("Ferry row\n\nMara Lind is the harbour master. Lind gave a different account of the meeting, also "
            "speaking via Twitter: \u201cI offered to stay on and the mayor said no.\u201d\n")
    assert speaker_of(text, "offered to stay on") == "Mara Lind"


@pytest.mark.parametrize("sentence, speaker", [
    # "The court determined Zhukovskyy's driving history rendered him a danger ...": no speaker had been found
    ("The court determined the ferry operator had broken its licence by cutting the winter service.", "court"),
    ("The appeals court ruled that the harbour levy was unlawful and must be repaid to the fishing crews.",
     "appeals court"),
])
def test_a_court_rules_and_determines(sentence, speaker):
    [a] = found("Ferry row\n\n" + sentence + "\n")
    assert a.speaker == speaker


def test_rules_as_a_noun_report_nothing():
    # PolNeAR: "Though typically DNC rules permit members to appoint proxies ..." had been the DNC's words
    text = "Ferry row\n\nThough typically the Velden club rules permit members to appoint proxies to vote for them.\n"
    assert found(text) == []


@pytest.mark.parametrize("body", ["College of Norland", "Academy of Velden", "Society for Harbour History"])
def test_a_college_or_society_of_somewhere_is_one_body(body):
    # "the College of Wooster in Ohio reported ..." had given the speaker "College"
    text = f"Ferry row\n\nThe {body} said on Monday that the ferry fares were too high for its students.\n"
    [a] = found(text)
    assert a.speaker == body


def test_a_sentence_adverb_is_no_speaker():
    # "Further charges may be laid in the future, police said." had given the speaker "Further"
    text = "Ferry row\n\nFurther charges may be laid against the ferry operators in the coming weeks, police said.\n"
    assert "Further" not in [a.speaker for a in found(text)]


def test_a_plural_possessive_loses_its_apostrophe():
    # "Protesters' demands include ..." had given the speaker "Protesters'"
    text = "Ferry row\n\nDockers' demands include a new timetable and an inquiry into the port closures.\n"
    assert [a.speaker for a in found(text)] == ["Dockers"]


@pytest.mark.parametrize("name, surname", [("Karl Lind Jr.", "Lind"), ("Karl Lind III", "Lind"), ("Karl Lind Jr. III", "Lind")])
def test_a_surname_after_a_name_with_a_suffix_is_that_person(name, surname):
    # one helper for "Jr.", "Sr.", "III" (they had been dropped three slightly different ways)
    text = (f"Ferry row\n\nJudge {name} opened the hearing on Monday.\n\n"
            f"\u201cThe ferry timetable breaks the harbour charter,\u201d {surname} said.\n")
    assert speaker_of(text, "harbour charter") == name


@pytest.mark.parametrize("name, expected", [
    ("Judge Karl Lind Jr.", ("Karl Lind Jr.", "Judge")), ("Karl Lind", ("Karl Lind", "")), ("Jr.", ("Jr.", "")),
])
def test_split_title_keeps_a_suffix_with_the_name(name, expected):
    from summariser.engines.extractive.speakers import _surname, split_title

    assert split_title(name) == expected
    assert _surname(name) == ("" if name == "Jr." else "Lind")


@pytest.mark.parametrize("sentence, speaker", [
    # "The United States Supreme Court later ruled against ..." (wb209, three bulk articles) had given "Supreme
    # Court" with the role "United States": a body's whole name has no office to cut
    ("The United States Supreme Court later ruled against the ferry tax.", ("United States Supreme Court", "")),
    ("The United States National Ferry Center said the storm could close the harbour.",
     ("United States National Ferry Center", "")),
    # an office before a person's name is still cut, a body's name in it too
    ("Labour Party leader Karl Brenner said the ferry tax was unfair.", ("Karl Brenner", "Labour Party leader")),
])
def test_a_bodys_whole_name_is_no_office_before_a_name(sentence, speaker):
    assert [(a.speaker, a.role) for a in found("Ferry row\n\n" + sentence + "\n")] == [speaker]


@pytest.mark.parametrize("sentence, speaker", [
    # capitals outside Latin-1 open names too: "Health Minister Łukasz Szumowski said" had given "Szumowski"
    ("Health Minister Łukasz Szumowski said the ferries would stop on Sunday.", ("Łukasz Szumowski", "Health Minister")),
    ("Police spokesman Šimon Štefl said the ferries would stop on Sunday.", ("Šimon Štefl", "Police spokesman")),
])
def test_a_name_may_open_with_any_latin_capital(sentence, speaker):
    assert [(a.speaker, a.role) for a in found("Ferry row\n\n" + sentence + "\n")] == [speaker]


@pytest.mark.parametrize("sentence, quote", [
    # an aside between two dashes is inside the claim: "declared the ongoing outbreak of COVID-19 — the disease caused
    # by coronavirus SARS-CoV-2 — to be a pandemic" had stopped at "COVID-19" (two audits of bulk articles)
    ("The Harbour Board declared the outbreak of ferry flu \u2014 the illness the gulls carry \u2014 to be an epidemic.",
     "the outbreak of ferry flu \u2014 the illness the gulls carry \u2014 to be an epidemic"),
    # one dash still ends it, and so does a pair after which a new clause opens or with a sentence's end inside
    ("Mara Quint said the plan would raise new levies on fuel \u2014 officials are also nervous about the vote.",
     "the plan would raise new levies on fuel"),
    ("Mara Quint said the ferry had not paid its harbour fees \u2014 as was true for years \u2014 Hale boasted of it.",
     "the ferry had not paid its harbour fees"),
    # (a review) nor the writer's comment on the claim, nor a pair after which the speaker does something else
    ("Mara Quint said the ferry would be faster \u2014 a claim engineers dispute \u2014 and promised lower fares.",
     "the ferry would be faster"),
    ("Mara Quint said the ferry deal was good for Velden \u2014 it was not, critics said \u2014 and urged a vote.",
     "the ferry deal was good for Velden"),
    ("Mara Quint claimed the ferry vote was rigged \u2014 an assertion the harbour court rejected \u2014 and refused to "
     "concede.", "the ferry vote was rigged"),
    # (a second review) but the claim's own verb after a comment, and a noun after "and", stay in it
    ("Mara Quint said the ferry bill \u2014 which critics said was rushed \u2014 would pass easily next week.",
     "the ferry bill \u2014 which critics said was rushed \u2014 would pass easily next week"),
    ("Mara Quint said the new ferry terminal \u2014 the first in the region \u2014 and expanded docks would open soon.",
     "the new ferry terminal \u2014 the first in the region \u2014 and expanded docks would open soon"),
    # (a third review) a claim with its verb before the dashes is whole: what they hold is the writer's
    ("The council said the ferry would be laid up \u2014 a decision residents have criticised \u2014 from April.",
     "the ferry would be laid up"),
    ("Mara Quint said the ferry was growing \u2014 it shrank by a third last year \u2014 and that the worst was over.",
     "the ferry was growing"),
    # (a fourth review) the verb that counts is the last clause's: "..., arguing that the cost – expected to run to tens
    # of thousands of pounds a year – could put it out of reach of the NHS" had stopped at "the cost"
    ("Mara Quint said the fare was fair, arguing that the cost \u2013 expected to double by May \u2013 could sink the ferry.",
     "the fare was fair, arguing that the cost \u2013 expected to double by May \u2013 could sink the ferry"),
])
def test_an_aside_between_dashes_stays_in_the_claim(sentence, quote):
    assert [a.quote.text for a in found("Ferry row\n\n" + sentence + "\n")][0] == quote


def test_an_aside_between_dashes_is_left_out_of_the_claims_wording():
    from summariser.engines.extractive.rules import own_claim

    text = "Ferry row\n\nGovernor Ann Lee said the ferry bill \u2014 which the council drafted \u2014 would pass next week.\n"
    assert own_claim(found(text)[0]) == "The ferry bill would pass next week"


def test_a_company_named_boss_is_no_office():
    # (a review) "Hugo Boss said on Tuesday that sales had fallen" had become "hugo boss (unnamed)"
    assert [a.speaker for a in found("Ferry row\n\nHugo Boss said on Tuesday that ferry sales had fallen by 10%.\n")] == [
        "Hugo Boss"]


def test_a_clubs_boss_named_before_the_words_is_whom_he_means():
    # "Old Trafford boss Louis van Gaal saw his side go four points clear. '...,' he said." had given the words to
    # "Old Trafford" (the sentence's subject read as the ground's name), and "Boss Nigel Pearson" was a name
    text = ("Ferry row\n\nVelden Park boss Karl Brenner saw his side go four points clear. \u2018I have no doubt that "
            "players are coming to Velden,\u2019 he said.\n\nBoss Ann Lee wants her side to remain focused on the cup.\n")
    assert [(a.speaker, a.role) for a in found(text)] == [("Karl Brenner", ""), ("Ann Lee", "Boss")]


def test_a_caption_run_into_its_image_credit_is_no_speaker():
    # "Jo JorgensenImage: Jo Jorgensen for President." (a Wikinews caption and its credit) had made "Jo
    # JorgensenImage" a speaker (two audits of bulk articles)
    assert found("Ferry row\n\nMara QuintImage: Mara Quint for Harbour Mayor.\n") == []


@pytest.mark.parametrize("sentence, expected", [
    # the source an outlet cites holds the words: "The Daily Telegraph cited a security source that mental health may
    # be a factor" (wb235: gold "Security source (unnamed)") had given the outlet, which makes no row
    ("The Velden Post cited a security source that the captain may have been drunk.",
     ("security source (unnamed)", "the captain may have been drunk")),
    ("Reuters, citing two harbour officials, reported that the ferry talks had collapsed.",
     ("two harbour officials (unnamed)", "the ferry talks had collapsed")),
    ("According to Agence France-Presse, which cited sources close to the inquiry, the captain had left the ship early.",
     ("sources close to the inquiry (unnamed)", "the captain had left the ship early")),
    # not a document an outlet cites
    ("The Velden Post, citing a police report, said the ferry had been late for weeks.",
     ("Velden Post", "the ferry had been late for weeks")),
    # (a review) nor a name before what it cites ("citing Johns Hopkins University data"), nor the reported words' own
    # "citing" ("... cut 500 jobs, citing Brexit uncertainty") or "cited" ("police had cited the driver")
    ("Reuters, citing Velden University data, reported that the ferry had carried 500,000 people.",
     ("Reuters", "the ferry had carried 500,000 people")),
    ("The Guardian reported that the ferry firm had cut 500 jobs, citing Brexit uncertainty.",
     ("Guardian", "the ferry firm had cut 500 jobs, citing Brexit uncertainty")),
    ("The Velden Post reported that police had cited the ferry captain for speeding.",
     ("Velden Post", "police had cited the ferry captain for speeding")),
    # (a second review) but a source that speaks, cited last, and a nation's body
    ("Reuters reported that the ferry strike had been called off, citing a senior union official.",
     ("senior union official (unnamed)", "the ferry strike had been called off")),
    ("Interfax, citing Norland's defence ministry, said the ferry had been stopped at sea.",
     ("Norland's defence ministry", "the ferry had been stopped at sea")),
    # the source's title between commas before "as saying" is no part of the words (a test-split run of the thirteenth
    # session: "... cited X, chief of the agency, as saying ..." had given a quote and claim that began with X's name)
    ("The Velden Post cited Mara Quint, head of the harbour authority, as saying the ferry would not sail.",
     ("Mara Quint", "the ferry would not sail")),
    # (a review) whoever cites X "as saying" gives X's words, an outlet the engine knows or not
    ("Le Velden cited Mara Quint, the mayor of Norland, as saying the ferry would not sail.",
     ("Mara Quint", "the ferry would not sail")),
    ("The paper cited Mara Quint, 54, as saying the ferry would not sail.", ("Mara Quint", "the ferry would not sail")),
])
def test_the_source_an_outlet_cites_holds_the_words(sentence, expected):
    assert [(a.speaker, a.quote.text) for a in found("Ferry row\n\n" + sentence + "\n")] == [expected]


@pytest.mark.parametrize(("sentence", "expected"), [
    # (a second review) a source cited inside the words another reports is not the speaker: the reporter is
    ("The minister said the report, which cited officials as saying the quay was unsafe, was flawed.",
     ("minister (unnamed)", "the report, which cited officials as saying the quay was unsafe, was flawed")),
    ("Mara Quint said police had cited neighbours as saying her son was violent.",
     ("Mara Quint", "police had cited neighbours as saying her son was violent")),
])
def test_a_source_cited_inside_someone_elses_words_is_not_the_speaker(sentence, expected):
    assert [(a.speaker, a.quote.text) for a in found("Ferry row\n\n" + sentence + "\n")] == [expected]


@pytest.mark.parametrize(("sentence", "speaker", "role"), [
    # the title between commas is the role, the name in apposition to a description the speaker (a review)
    ("The Velden Post cited Mara Quint, head of the harbour authority, as saying the ferry would not sail.",
     "Mara Quint", "head of the harbour authority"),
    ("Reuters cited the head of the harbour authority, Mara Quint, as saying the ferry would not sail.",
     "Mara Quint", "the head of the harbour authority"),
    # an aside, an age or a list is no title
    ("Reuters cited Mara Quint, speaking at a news conference in Velden, as saying the ferry would not sail.",
     "Mara Quint", ""),
    ("Reuters cited Mara Quint, in an interview, as saying the ferry would not sail.", "Mara Quint", ""),
    ("Reuters cited Mara Quint, 54, as saying the ferry would not sail.", "Mara Quint", ""),
    ("The paper cited witnesses, including a taxi driver, as saying the ferry would not sail.", "witnesses (unnamed)", ""),
    ("The paper cited Mara Quint, aged 47, as saying the ferry would not sail.", "Mara Quint", ""),
    ("The paper cited Mara Quint, once again, as saying the ferry would not sail.", "Mara Quint", ""),
])
def test_a_cited_sources_title_is_its_role(sentence, speaker, role):
    assert [(a.speaker, a.role) for a in found("Ferry row\n\n" + sentence + "\n")] == [(speaker, role)]


def test_a_next_sentence_that_is_the_quotes_own_source_still_sources_it():
    # (a review) "'The results speak for themselves.' That's according to the firm's chief executive, John Ma."
    text = "Ferry row\n\n\u201cThe ferry runs on time.\u201d That is according to Mara Quint, the harbour master.\n"
    assert [a.speaker for a in found(text)] == ["Mara Quint"]


def test_according_to_in_the_next_sentence_does_not_source_a_quote_that_ended_its_own():
    # "'I was just shocked,' he said. 'I didn't understand how the parents let the kid go over the thing.' The cheetahs
    # did not approach the boy ..., according to zoo officials." had given the second quote to the officials (an audit)
    text = ("Ferry row\n\nMara Quint was on the quay. \u2018I was just shocked,\u2019 she said. \u2018I did not understand "
            "how the ferry could leave so late.\u2019 The ferry did not stop at Velden, according to harbour officials.\n")
    assert [(a.speaker, a.direct) for a in found(text)] == [
        ("Mara Quint", True), ("Mara Quint", True), ("harbour officials (unnamed)", False)]


@pytest.mark.parametrize("role, phrase", [("one of the lawyers for the families", "The lawyer"),
                                           ("chairwoman of the residents' association", "The chair"),
                                           ("headteacher at Velden Primary", "The head")])
def test_an_office_in_the_plural_or_as_a_persons_word_is_still_the_role(role, phrase):
    # (a review) "Jane Smith, chairwoman of ..., said ... The chair said ..." had become "chair (unnamed)"
    text = f"Ferry row\n\nMara Quint, {role}, said the ferry was late.\n\n{phrase} said the harbour would close.\n"
    assert [a.speaker for a in found(text)] == ["Mara Quint", "Mara Quint"]


def test_an_office_a_calling_ends_with_is_still_the_role():
    # (a third review) "Dr Henry Marsh, a leading neurosurgeon, said ... The surgeon said ..." had become "surgeon
    # (unnamed)"; a short word inside another is still no office ("firefighter")
    text = ("Ferry row\n\nDr Mara Quint, a leading neurosurgeon, said the ferry crash had left ten injured.\n\n"
            "The surgeon said all ten would recover.\n")
    assert [a.speaker for a in found(text)] == ["Mara Quint", "Mara Quint"]


def test_an_office_is_a_word_of_a_speakers_role_not_part_of_one():
    # "the president" had meant the last speaker whose role merely held "president" ("the Democratic presidential
    # candidate"), before the one President the text names
    text = ("Ferry row\n\nPresident Karl Brenner spoke in Velden on Monday.\n\nMara Quint, the Green presidential "
            "candidate, said the ferry tax was unfair.\n\nThe president said the tax would stay.\n")
    assert [a.speaker for a in found(text)] == ["Mara Quint", "Karl Brenner"]


def test_what_a_quote_reports_others_said_is_not_attributed_to_them():
    # Sturgeon's tweet '"... Court says prorogation unlawful. ..."' had made "Court" a speaker
    text = ("Ferry row\n\nRosa Lind wrote on Twitter, \u201cToday's ruling matters. The court says the ferry timetable "
            "is unlawful. The council must meet at once.\u201d\n")
    assert [a.speaker for a in found(text)] == ["Rosa Lind"]


@pytest.mark.parametrize("sentence, speaker", [
    # "Kerri Kupec, spokeswoman for ..., sharply criticized the House's decision" had given no speaker
    ("Rosa Lind, spokeswoman for the port authority, sharply criticized the council's decision.", "Rosa Lind"),
    ("Karl Brenner strongly denied that the ferry timetable had been changed without notice.", "Karl Brenner"),
])
def test_a_manner_adverb_before_the_verb(sentence, speaker):
    assert [a.speaker for a in found("Ferry row\n\n" + sentence + "\n")] == [speaker]


def test_a_family_or_an_ally_is_no_adverb():
    # the -ly words that are nouns stay out of the adverb slot ("the US ally said" is not "the US" speaking)
    text = "Ferry row\n\nThe family said the ferry timetable had been changed without notice.\n"
    assert "The" not in [a.speaker for a in found(text)]


@pytest.mark.parametrize("sentence, speaker", [
    # "Legal and religious groups have also called for the bill to be dropped." had given no speaker
    ("Legal and religious groups have also called for the ferry bill to be dropped.",
     "Legal and religious groups (unnamed)"),
    # "New Orleans and Jefferson Parish officials have said ..." had lost New Orleans
    ("Velden and Norland county officials have said they are not concerned about the harbour walls.",
     "Velden and Norland county officials (unnamed)"),
])
def test_a_coordinated_group_speaks_as_one(sentence, speaker):
    assert [a.speaker for a in found("Ferry row\n\n" + sentence + "\n")] == [speaker]


def test_she_is_not_a_group_named_before():
    # PolNeAR: "The family, protesters and civic leaders have been demanding ..." then '"Don't shoot him," she
    # said' must not make the group the speaker of her words
    text = ("Ferry row\n\nDockers and civic leaders have been demanding that the council release the harbour report.\n\n"
            "\u201cDon't close the pier,\u201d she said.\n")
    assert speaker_of(text, "close the pier") != "Dockers and civic leaders (unnamed)"


@pytest.mark.parametrize("sentence, speaker", [
    # "Reuters reported on Monday a German government source, whom they did not name, said ..." had given Reuters
    ("Reuters reported on Monday a port official, whom they did not name, said the ferry ban is not part of any "
     "broader plan.", "port official (unnamed)"),
    # "In December, a Turkish official said that ..., Cyprus Mail reported." had given Cyprus Mail
    ("In December, a Norlandic official said that the old pipeline renders the new ferry terminal unnecessary, "
     "Velden Mail reported.", "Norlandic official (unnamed)"),
])
def test_an_outlet_reporting_that_someone_said_it_gives_that_someone(sentence, speaker):
    assert [a.speaker for a in found("Ferry row\n\n" + sentence + "\n")] == [speaker]


def test_an_outlet_reporting_a_fact_stays_the_source():
    text = "Ferry row\n\nReuters reported that the ministry had banned the ferry from landing in Velden for a year.\n"
    assert [a.speaker for a in found(text)] == ["Reuters"]


@pytest.mark.parametrize("sentence, speaker", [
    # '"...," according to a tweet on Monday by US Secretary of State Mike Pompeo.' had given no speaker
    ("\u201cThe ferry carries weapons across the bay,\u201d according to a tweet on Monday by Port Secretary Rosa Lind.",
     "Rosa Lind"),
    # 'According to a statement released by Erdogan's office, "..."' had given no speaker
    ("According to a statement released by Lind's office, \u201cthe ferry threat\u201d is the aim of the operation.",
     "Lind's office"),
])
def test_according_to_a_document_by_someone_is_theirs(sentence, speaker):
    assert [a.speaker for a in found("Ferry row\n\n" + sentence + "\n")] == [speaker]


def test_a_bare_head_word_is_the_body_the_text_named_with_it():
    """dev wb092: "The Department said ..." after "The California Department of Corrections and
    Rehabilitation" had made "Department" the speaker; wb155: "The Lost 52 Project announced" gave "Project";
    "the ministry added" after the Ministry of Health spoke was a bare "ministry"."""
    text = (
        "Ferry row\n\nThe Velden Department of Harbours and Ferries (VDHF) did not name the captain.\n\n"
        "The Department said a ferry had run aground on Friday night near the quay.\n\n"
        "The Lost 52 Project announced on Sunday that the wreck was the old ferry Grayback.\n\n"
        "The Ministry of Health said on Monday that the clinics would reopen soon.\n\n"
        "The ministry added that vaccines would arrive next week from Norland.\n"
    )
    assert [a.speaker for a in found(text)] == [
        "Velden Department of Harbours and Ferries", "Lost 52 Project", "Ministry of Health", "Ministry of Health",
    ]


@pytest.mark.parametrize("text, speaker", [
    # a review's cases: a name does not run back over a full stop; a body named only later, or a court or an
    # office (which articles share among bodies), is not what a bare head word means
    ("Rain flooded York. The Velden Agency issued 40 warnings. The agency said rivers would peak on Friday night.",
     "Velden Agency"),
    ("Rain fell all week. The agency said the rivers would peak on Friday. The Norland Medicines Agency agreed.",
     "agency"),
    ("A federal appeals court blocked the rule. The court said the rule was unlawful and must go. "
     "The case could reach the Supreme Court.", "court"),
    ("The mayor spoke from the Oval Office on Tuesday. The office said the speech would be repeated on radio.", "office"),
])
def test_a_bare_head_word_means_only_a_body_named_before_and_not_a_shared_one(text, speaker):
    assert found("Ferry row\n\n" + text + "\n")[0].speaker == speaker


@pytest.mark.parametrize("text, speakers", [
    # a third review's cases: no name across "and", a "St." inside a name, a body named as a place, a pair
    ("The Pentagon and State Department declined to comment. The department said the talks would go on.",
     ["State Department"]),
    ("The St. Louis County Department of Health opened a clinic. The department said vaccines would arrive soon.",
     ["St. Louis County Department of Health"]),
    ("Police arrested two men near the Department of Motor Vehicles on Friday. The department said the men had "
     "been armed.", ["department"]),
    ("The Ministry of Health and the Ministry of Finance said taxes would rise. The ministry said the clinics would "
     "close.", ["Ministry of Health", "Ministry of Finance", "ministry"]),
    ("The Alliance for Peace and Freedom Party said the vote was rigged by the state.", ["Alliance for Peace and Freedom Party"]),
    ("VELDEN Harbour Protection Agency officials met on Monday. The agency said new rules would follow.",
     ["Harbour Protection Agency"]),
    # two such bodies named: the bare word stays bare
    ("The Department of Harbours and the Department of Ferries met on Monday. The Department said a ferry had run "
     "aground on Friday night near the quay.", ["Department"]),
])
def test_which_body_a_bare_head_word_means_and_when_two_bodies_split(text, speakers):
    assert [a.speaker for a in found("Ferry row\n\n" + text + "\n")] == speakers


def test_according_to_reports_from_a_place_is_no_owner():
    text = "Ferry row\n\nAccording to reports from the scene, the roof of the ferry station had collapsed in the storm.\n"
    assert [a.speaker for a in found(text)] == ["reports (unnamed)"]


def test_two_bodies_named_together_each_hold_the_words_but_one_name_with_and_stays_whole():
    """dev wb203, wb023: "the American Civil Liberties Union of Montana and Native American Rights Fund filed a
    lawsuit" is two plaintiffs, a row each, as the guidelines give co-signers."""
    text = ("Ferry row\n\nThe Velden Union of Dockers and the Harbour Rights Fund filed a lawsuit against the ferry "
            "line over the new timetable.\n\nThe Department of Health and Human Services said the clinics would "
            "reopen soon.\n\nThe Islamic State of Iraq and the Levant claimed responsibility for the harbour attack.\n")
    assert [a.speaker for a in found(text)] == [
        "Velden Union of Dockers", "Harbour Rights Fund", "Department of Health and Human Services",
        "Islamic State of Iraq and the Levant",
    ]


def test_a_clause_after_according_to_is_no_apposition():
    text = ("Ferry row\n\nAccording to Velmor, the government has failed to act, and the harbour is now closed.\n\n"
            "According to Velmor, a host, such as the ferry line, must repair the quay.\n")
    assert [a.quote.text for a in found(text)] == [
        "the government has failed to act, and the harbour is now closed",
        "a host, such as the ferry line, must repair the quay",
    ]


@pytest.mark.parametrize("sentence", [
    # "said US Secretary of State Mike Pompeo" had given "Secretary"; "President of Argentina Alberto Fernandez
    # said" had kept the title in the name
    "\u201cThe ferry carries weapons,\u201d said Velden Secretary of State Rosa Lind.",
    "Secretary of State Rosa Lind said the ferry carries weapons across the bay.",
    "President of Norland Rosa Lind said the ferry carries weapons across the bay.",
])
def test_a_title_with_of_before_a_name_is_the_persons_title(sentence):
    text = "Ferry row\n\n" + sentence + "\n\nRosa Lind spoke for an hour.\n"
    assert [a.speaker for a in found(text)] == ["Rosa Lind"]


def test_a_body_of_something_stays_a_body():
    text = "Ferry row\n\nThe Ministry of Foreign Affairs said the ferry carries weapons across the bay.\n"
    assert [a.speaker for a in found(text)] == ["Ministry of Foreign Affairs"]


@pytest.mark.parametrize("sentence, speaker", [
    # "In the analysis of the German Institute for Economic Research, the high costs ... render the project
    # unrealistic." had given no speaker
    ("In the analysis of the Velden Institute for Harbour Research, the high costs render the ferry project "
     "unrealistic.", "Velden Institute for Harbour Research"),
    ("In the view of Rosa Lind, the ferry timetable is a disaster for the harbour.", "Rosa Lind"),
    # "The State Department gave its condolences and said immunity cases were ..." had given no speaker
    ("The Harbour Board gave its condolences and said ferry cases were afforded intense attention.", "Harbour Board"),
    # "The mayor of New Orleans, LaToya Cantrell, advised residents ... to make plans" had given no speaker
    ("The mayor of Velden, Rosa Lind, advised residents of her city to stay off the ferry.", "Rosa Lind"),
    # "US Ambassador to Germany Richard Grenell alleged, by way of example, Mahan had ..." had given no speaker
    ("Norland's Ambassador to Velden Karl Brenner alleged, by way of example, the ferry had carried weapons.",
     "Karl Brenner"),
])
def test_views_advice_and_a_second_verb_are_reported_speech(sentence, speaker):
    text = "Ferry row\n\n" + sentence + "\n\nKarl Brenner and Rosa Lind spoke later.\n"
    assert [a.speaker for a in found(text)][:1] == [speaker]


def test_in_a_place_is_no_view():
    text = "Ferry row\n\nIn Velden, the ferry timetable is a disaster for the harbour, residents say.\n"
    assert [a.speaker for a in found(text)] == ["residents (unnamed)"]


@pytest.mark.parametrize("sentence, speaker, role", [
    # "Broadcaster Piers Morgan", "Immunologist Kristian Andersen" had kept the calling in the name
    ("\u201cI am in awe of them,\u201d tweeted Broadcaster Karl Brenner.", "Karl Brenner", "Broadcaster"),
    ("Immunologist Rosa Lind said the virus spreads like the flu in winter.", "Rosa Lind", "Immunologist"),
    # "Native American Rights Fund's Jacqueline De León" had been one name
    ("\u201cThe ferry law is a disgrace,\u201d said Velden Harbour Rights Fund's Rosa De Lind.", "Rosa De Lind",
     "Velden Harbour Rights Fund's"),
])
def test_a_calling_or_a_fund_before_a_name_is_the_role(sentence, speaker, role):
    [a] = found("Ferry row\n\n" + sentence + "\n")
    assert (a.speaker, a.role) == (speaker, role)


def test_a_party_named_rally_or_front_keeps_its_adjective():
    # "The ruling Democratic Rally hailed the pipeline ..." had given the speaker "Rally"
    text = "Ferry row\n\nThe ruling Democratic Rally hailed the ferry as an advancement for the harbour.\n"
    assert [a.speaker for a in found(text)] == ["Democratic Rally"]


@pytest.mark.parametrize("sentence, speaker, said", [
    # "Pale Tuli ... sued to be allowed to vote", "the ACLU ... filed a lawsuit against the state of Montana",
    # "Youssef Chahed signed a government decree banning ...", "Center for Food Safety requested ..." had given
    # no speaker: acts the article frames as a position
    ("Rosa Lind sued to be allowed to run the ferry on Sundays.", "Rosa Lind", "sued to be allowed to run the ferry on Sundays"),
    ("The Velden Harbour Union filed a lawsuit against the ferry company over its Sunday timetable.",
     "Velden Harbour Union", "filed a lawsuit against the ferry company over its Sunday timetable"),
    ("Mayor Karl Brenner signed a decree banning cars from the ferry deck.", "Karl Brenner",
     "signed a decree banning cars from the ferry deck"),
    ("The Center for Harbour Safety requested that the ferry be given a second lifeboat.", "Center for Harbour Safety",
     "requested that the ferry be given a second lifeboat"),
])
def test_suing_filing_signing_and_requesting_are_positions(sentence, speaker, said):
    [a] = found("Ferry row\n\n" + sentence + "\n")
    assert (a.speaker, a.quote.text) == (speaker, said)


def test_signing_a_letter_of_intent_is_no_position():
    # "Energean signed a letter of intent on selling two billion cubic meters of gas" had become a row
    assert found("Ferry row\n\nThe Velden Ferry Company signed a letter of intent on selling two ferries to Norland.\n") == []


def test_the_calling_of_one_named_person_is_that_person():
    # "Actress Denise Crosby is set to appear ... The actress recalled ... the 'scrappy little ... lot.'"
    # had given "actress (unnamed)"
    text = ("Ferry row\n\nActress Rosa Lind is set to appear in a ferry drama. The actress recalled her first season, "
            "when they were the \u201cscrappy little crew of the harbour.\u201d\n")
    assert [a.speaker for a in found(text)] == ["Rosa Lind"]


@pytest.mark.parametrize(("text", "speaker"), [
    # "the Prime Minister apologised" (bulk, Slovakia) had given the actor "Minister" with the role "Prime"
    ("Prime Minister Karl Brenner visited the harbour. Later, the Prime Minister said the ferry would sail again.",
     "Karl Brenner"),
    ("Foreign Minister Rosa Lind visited. The Foreign Minister said the ferry would sail again.", "Rosa Lind"),
    # "the judge" whom the text names once ("Judge James Parker Jones", wb124)
    ("Judge Rosa Lind heard the case. The judge said the ferry company had acted lawfully.", "Rosa Lind"),
    # a second in line does not hold the office, nor does one of two holders, nor a surname two people share
    ("Vice President Ana Ruiz spoke. The President said the ferry would sail again.", "president (unnamed)"),
    ("President Ana Ruiz met President Karl Brenner. The President said the ferry would sail again.",
     "president (unnamed)"),
    ("Mara Brenner spoke first. President Brenner spoke next. The President said the ferry would sail again.",
     "president (unnamed)"),
    # a review's cases: the office given to someone else in apposition or before a name that is not the holder's,
    # a former or late holder, a compound title ("Attorney General"), another judge named after "the judge"
    ("Ukraine's president, Volodymyr Zelensky, said the war would go on, days after President Joe Biden approved aid. "
     "The president said the ferry would sail again.", "Volodymyr Zelensky"),
    ("Union president Mary Walsh said the ferry was late, after President Donald Trump criticised the union. "
     "The president said the ferry would sail again.", "Mary Walsh"),
    ("Union president Mary Walsh met President Donald Trump. The president said the ferry would sail again.",
     "president (unnamed)"),
    ("London's mayor, Sadiq Khan, met Mayor Eric Adams. The mayor said the ferry would sail again.", "mayor (unnamed)"),
    ("Former President Barack Obama opened the harbour. The president said the ferry would sail again.",
     "president (unnamed)"),
    ("Attorney General Merrick Garland spoke. The general said the ferry would sail again.", "general (unnamed)"),
    ("Judge Anne Porter's clerk filed the papers. Later the judge, Marcus Reid, adjourned. "
     "The judge said the ferry case would resume.", "judge (unnamed)"),
    # an unnamed first mention may be the holder ("a United States federal judge sentenced ... Judge James Parker
    # Jones", wb124); another office that holds the words is not the holder's ("Deputy Prime Minister for Finance")
    ("A federal judge sentenced the captain. Judge Rosa Lind heard the case. The judge said the captain had lied.",
     "Rosa Lind"),
    ("Prime Minister Igor Brenner spoke. Deputy Prime Minister for Finance Tom Hale failed to buy tests, and the "
     "Prime Minister apologised to the people for the delays.", "Igor Brenner"),
    # a portfolio before the title noun, and an abbreviated title (the review: "the Health Secretary said" had given
    # the actor "Health Secretary" with the role "the"; "Sen. Ted Cruz ... the senator said" no name)
    ("Health Secretary Rosa Lind visited. The Health Secretary said the ferry would sail.", "Rosa Lind"),
    ("The Transport Minister said the ferry would sail on Sundays again.", "transport minister (unnamed)"),
    ("Sen. Rosa Lind spoke. The senator said the ferry tax was wrong.", "Rosa Lind"),
    # someone else's holder, unnamed ("Google's chief executive", "Scotland's Health Secretary"; a second review)
    ("Chief Executive Rosa Lind spoke. Velden's chief executive said the ferry was late. "
     "The chief executive said the ferry would sail again.", "Velden's chief executive (unnamed)"),
    ("Health Secretary Rosa Lind spoke. Scotland's Health Secretary welcomed it. "
     "The Health Secretary said the ferry would sail again.", "health secretary (unnamed)"),
    # a third review: an indefinite description of the holder blocks nothing ("Abbott, a Republican governor"),
    # and a former holder who spoke is not "the prime minister"
    ("Governor Rosa Lind spoke. Lind, a Republican governor in her third term, visited the harbour. "
     "The governor said the ferry would sail again.", "Rosa Lind"),
    ("Prime Minister Rosa Lind visited. Former prime minister Tom Hale said the ferry was late. "
     "The prime minister said the ferry would sail again.", "Rosa Lind"),
])
def test_an_office_alone_is_the_one_person_the_text_names_with_it(text, speaker):
    assert [a.speaker for a in found("Ferry row\n\n" + text + "\n")][-1] == speaker  # the last sentence's


def test_an_office_is_not_resolved_to_a_name_it_titles():
    # "Vice President Joseph R. Biden Jr." is not "the president" who said it (PolNeAR, nyt)
    text = ("Ferry row\n\nVice President Karl Brenner opened the ferry museum. \u201cIt is a stone of sorrow,\u201d "
            "the president said.\n")
    assert [a.speaker for a in found(text)] != ["Karl Brenner"]


def test_people_named_together_share_the_words_they_reported():
    # "Barr and Ross, however, refused to hand over the documents." had given Ross alone
    text = ("Ferry row\n\nMayor Rosa Lind and Senator Karl Brenner were asked for the ferry logs. "
            "Lind and Brenner, however, refused to hand over the logs.\n")
    assert sorted(a.speaker for a in found(text)) == ["Karl Brenner", "Rosa Lind"]


@pytest.mark.parametrize(("sentence", "speakers"), [
    # named once each: "Mara Quint and Tom Hale said" had given Hale alone
    ("Mara Quint and Tom Hale said the ferry timetable was a disaster for the harbour.", ["Mara Quint", "Tom Hale"]),
    # a titled name after a word that opens no name: "Collin Peterson and Jeff Van Drew, opposed" (wb165) and
    # "fellow Republican Representative Francis Rooney" had given one of the two
    ("Senator Rosa Lind and fellow Republican Representative Karl Brenner argued the harbour should close.",
     ["Karl Brenner", "Rosa Lind"]),
    # the verb right after the names, however far the claim ("said in a joint statement that", the review)
    ("Mara Quint, Tom Hale and Ann Lee said in a joint statement that the ferry tax was unfair.",
     ["Ann Lee", "Mara Quint", "Tom Hale"]),
    # one named "along with" the subject ("Klobuchar, along with Senator Ron Wyden of Oregon, introduced a bill", wb206)
    ("Mara Quint, along with Senator Tom Hale of Velden, introduced a bill to cap the ferry fees.", ["Mara Quint", "Tom Hale"]),
    ("Mara Quint, together with Tom Hale, said in a joint statement that the ferry tax was unfair.", ["Mara Quint", "Tom Hale"]),
    # not one the subject went along with, nor a group ("along with the rest of the council")
    ("Mara Quint, who sailed along with Tom Hale, said the ferry tax was unfair to the islands.", ["Mara Quint"]),
    ("Mara Quint, along with the rest of the harbour council, said the ferry tax was unfair.", ["Mara Quint"]),
    # (a review) not one named with an object or inside another phrase, and the subject's own co-speakers stay
    ("Mara Quint thanked Tom Hale, along with Senator Ann Lee, saying the ferry vote had been a great success.",
     ["Mara Quint"]),
    ("A lawyer for Mara Quint, along with Tom Hale, said the ferry tax was unfair.", ["lawyer for Mara Quint (unnamed)"]),
    ("Mara Quint and Tom Hale, along with Senator Ann Lee, said the ferry tax was unfair.",
     ["Ann Lee", "Mara Quint", "Tom Hale"]),
    # (a second review) a subject with the place it is "of" or an apposition
    ("Senator Mara Quint of Velden, along with Senator Tom Hale of Norland, said the ferry tax was unfair.",
     ["Mara Quint", "Tom Hale"]),
    ("Dr. Mara Quint, the harbour's chief engineer, along with Dr. Tom Hale, said the ferry was unsafe.",
     ["Mara Quint", "Tom Hale"]),
    # a title cut at its "and" is no person ("Road Transport and Bridges Minister Obaidul Quader")
    ("Road Transport and Harbours Minister Karl Brenner said the ferry would sail on Sundays again.", ["Karl Brenner"]),
])
def test_people_named_once_together_share_the_words_they_reported(sentence, speakers):
    assert sorted(a.speaker for a in found("Ferry row\n\n" + sentence + "\n")) == speakers


def test_an_and_inside_a_title_names_no_second_speaker():
    # "PG&E President and CEO Andy Vesey said ..." had given a second speaker "E President"
    text = "Ferry row\n\nVelden Ferry President and CEO Karl Brenner said the ferry would sail on Sundays again.\n"
    assert [a.speaker for a in found(text)] == ["Karl Brenner"]


@pytest.mark.parametrize("sentence, speaker", [
    # "X in Place said" had given no speaker (noted as unhandled at the end of the last session)
    ("Rosa Lind in Velden said the ferry timetable was a disaster for the harbour.", "Rosa Lind"),
    ("Karl Brenner at Velden University said the ferry would sail on Sundays again.", "Karl Brenner"),
])
def test_where_a_person_spoke_is_not_who_spoke(sentence, speaker):
    assert [a.speaker for a in found("Ferry row\n\n" + sentence + "\n")] == [speaker]


def test_a_country_after_a_bodys_abbreviation_is_not_the_actor():
    # "the Parliament of New South Wales (NSW), Australia voted to pass ..." had given "South Australia"
    text = "Ferry row\n\nYesterday, the Parliament of Velden (VP), Norland voted to pass the ferry bill.\n"
    assert [a.speaker for a in found(text)] == ["Parliament of Velden"]


def test_a_name_after_a_comma_is_not_a_country():
    # a first try took ", Supreme Court Justice Elena Kagan" for a country after "Writing for the Court"
    text = ("Ferry row\n\nWriting for the Court, Supreme Court Justice Rosa Lind declared in the majority opinion, "
            "\u201cnot every late ferry is a crime.\u201d\n")
    assert [a.speaker for a in found(text)] == ["Rosa Lind"]


def test_a_partnership_after_a_title_with_of_is_no_person():
    # "Director of Mid Wales Tourism Partnership, David Clay, called it ..." had given "Wales Tourism Partnership"
    text = ("Ferry row\n\nThe manager of Velden Publicity and Director of Mid Norland Tourism Partnership, Karl Brenner, "
            "called it \u201ca retrograde step\u201d for the harbour.\n")
    assert [a.speaker for a in found(text)] == ["Karl Brenner"]


@pytest.mark.parametrize(("text", "quote", "speaker"), [
    # 'he' in a sentence that opens with a named man is that man, not the last man named
    ("Mohammed Waseem was sentenced on Friday. His lawyer, Ali Rahman, said the court had erred. "
     "While Waseem confessed to acting alone, the cleric Abdul Qawi was also tried. "
     "Waseem appeared at a news conference in which he expressed no regret for the killing.",
     "no regret for the killing", "Mohammed Waseem"),
    # 'she' skips the sentence's own subject when he is a man
    ("Mr. Tom Barnes spoke first. Ms. Ana Ruiz spoke next. "
     "Mr. Barnes left the hall before she said the plan was sound.",
     "the plan was sound", "Ana Ruiz"),
])
def test_a_pronoun_goes_to_its_sentence_s_subject_of_the_same_gender(text, quote, speaker):
    speakers = {a.quote.text: a.speaker for a in attribute(text)}
    assert speakers[quote] == speaker


def test_a_report_verb_with_a_place_or_time_before_the_participle_still_attributes():
    text = "Joel Smithers was found guilty in May. Smithers testified in his own defense, claiming some patients deceived him."
    assert [(a.speaker, a.quote.text) for a in attribute(text)] == [("Joel Smithers", "some patients deceived him")]


def test_the_participle_s_subject_is_the_whole_name_not_its_first_word():
    text = "Joel Smithers testified in his own defense, claiming some patients deceived him."
    assert [a.speaker for a in attribute(text)] == ["Joel Smithers"]


def test_a_stance_verb_s_object_stops_before_a_relative_clause_that_reports_someone_else():
    text = ("In a statement, the ministry defended the new security policy, which was approved by the interior "
            "minister Rosa Vidal on Monday.\n")
    assert [(a.speaker, a.quote.text) for a in attribute(text)] == [
        ("ministry", "the new security policy"),
        ("Rosa Vidal", "which was approved by the interior minister Rosa Vidal"),
    ]


def test_agreed_that_reports_what_was_agreed():
    text = "Senator Ana Ruiz agreed that time off was rare for freelancers in the city.\n"
    assert [(a.speaker, a.quote.text) for a in attribute(text)] == [
        ("Ana Ruiz", "time off was rare for freelancers in the city"),
    ]


@pytest.mark.parametrize("sentence", [
    "The assembly voted 66 to 27 to legalize same-sex marriage on Friday.",
    "The assembly voted 12-3 against the new zoning plan for the harbour.",
])
def test_a_vote_with_its_count_is_the_body_s_position(sentence):
    [found] = attribute(sentence)
    assert found.speaker == "assembly" and found.quote.text.startswith("voted ")


def test_filing_the_lawsuit_is_a_position_like_filing_a_lawsuit():
    text = "Senate President Thomas Rivera Schatz filed the lawsuit against Pierluisi on behalf of the Senate.\n"
    assert [a.speaker for a in attribute(text)] == ["Thomas Rivera Schatz"]


def test_single_quotation_marks_are_quotes_where_they_cannot_be_apostrophes():
    text = ("He recalled the 'Galactico' era at Real. 'We won it all, every single time,' he said. The players' "
            "wives don't agree: 'it was fake' is their view. 'The players' wives were all there, they said.' "
            'Rock \'n\' roll fans said "we love it, truly," and left. He said "they told me \'go home now,\' and I left."\n')
    assert [q.text for q in find_direct_quotes(text)] == [
        "We won it all, every single time",
        "The players' wives were all there, they said.",
        "we love it, truly",
        "they told me 'go home now,' and I left.",
    ]


@pytest.mark.parametrize("text, speakers", [
    # single-quoted quotes, with the speaker after one and before the other
    ("Usain Bolt will run in the Bahamas. 'I am fit, healthy and ready to run,' said Bolt. "
     "JAAA General Secretary Garth Gayle commented, 'We were extremely pleased that Usain was available.'\n",
     {"ready to run": "Usain Bolt", "extremely pleased": "Garth Gayle"}),
    # cdd20 (CNN/DM dev): a cue that ends in a colon introduces the next quote, not the one before; Haskell's
    # words had gone to Goode, whose "added:" introduces his own
    ("Captain James Haskell said: \u2018Astounded would be an under-statement\u2019, while fly-half Andy "
     "Goode added: \u2018Really can\u2019t believe or understand the ban for Nathan Hughes.\u2019\n",
     {"Astounded": "James Haskell", "Really can\u2019t believe": "Andy Goode"}),
    ("Captain James Haskell said: \u2018Astounded would be an under-statement\u2019, while fly-half Andy "
     "Goode added on Twitter: \u2018Really can\u2019t believe or understand the ban for Nathan Hughes.\u2019\n",
     {"Astounded": "James Haskell", "Really can\u2019t believe": "Andy Goode"}),
    # a speaker who goes on after the colon said both halves
    ("Coach John Smith said the club would appeal. \u2018We are done with this season and with this club,\u2019 "
     "Haskell said: \u2018It is over now for this team.\u2019\n",
     {"We are done": "Haskell", "It is over now": "Haskell"}),
])
def test_single_quoted_quotes_and_their_speakers(text, speakers):
    assert {quote: speaker_of(text, quote) for quote in speakers} == speakers


def test_according_to_in_an_earlier_sentence_does_not_source_the_next_quote():
    text = ("'I am scared for my future relationships,' the young woman said, according to the Herald Sun. "
            "'He has stolen my right to choose for myself.' The man sat calmly in the dock.\n")
    assert speaker_of(text, "scared for my future") == "young woman (unnamed)"
    # her next words are not the paper's (it sources the sentence before them)
    assert not any("Sun" in a.speaker for a in found(text) if "He has stolen" in a.quote.text)


def test_he_after_an_according_to_opening_is_that_source():
    text = ("The WHO chief spoke first. \u201cWe are deeply concerned by the alarming levels of spread,\u201d said "
            "Tedros Adhanom Ghebreyesus.\n\nAccording to Dr. Tom Frieden, formerly the director of the CDC, the "
            "pandemic is \u201cunprecedented.\u201d He said, in remarks published by CNN in February, \u201cno other "
            "respiratory virus has been tracked from emergence to continuous global spread.\u201d\n")
    assert speaker_of(text, "no other respiratory virus") == "Tom Frieden"


def test_british_quotes_closed_before_the_punctuation_and_quotes_within_them():
    text = ("'An aerial survey indicates that the land swell happened', local researcher Yoshinori Yajima told "
            "the paper. Captain James Haskell said: \u2018Astounded would be an under-statement\u2019, while Andy "
            "Goode added: \u2018Really can\u2019t believe the ban.\u2019 Townsend said 'Not bad for a player that "
            "should be 'nowhere near the squad' ay?'\n")
    assert [q.text for q in find_direct_quotes(text)] == [
        "An aerial survey indicates that the land swell happened",
        "Astounded would be an under-statement",
        "Really can\u2019t believe the ban.",
        "Not bad for a player that should be 'nowhere near the squad' ay?",
    ]
    assert speaker_of(text, "aerial survey") == "Yoshinori Yajima"


def test_mp_is_a_title_not_part_of_the_name():
    text = "\u201cI can identify with the attitudes of these people,\u201d said MP Billy Gordon.\n"
    [a] = found(text)
    assert (a.speaker, a.role) == ("Billy Gordon", "MP")


def test_a_speaker_without_a_role_in_the_cue_gets_the_office_the_text_gives_them_elsewhere():
    # the seed article: "Prime Minister Shigeru Ishiba" early on, his words attributed by name alone later
    text = ("Hegseth's trip comes a month after Prime Minister Shigeru Ishiba met the US president. "
            "Defence minister Gen Nakatani will host the talks.\n\n"
            "\u201cWe will pursue a new golden age for our relations,\u201d Ishiba said.\n\n"
            "\u201cThe meeting will have great significance for our security,\u201d Nakatani said.\n")
    roles = {a.speaker: a.role for a in found(text)}
    assert roles["Shigeru Ishiba"] == "Prime Minister"
    assert roles["Nakatani"] == ""  # "Gen" may be his first name, not a general's rank


def test_he_in_a_sentence_about_a_thing_is_the_last_person_it_names_but_not_one_whose_deputy_is_meant():
    # cdd43 (CNN/DM dev): "he" went to Knight, the man shot, not the prosecutor who ruled
    text = ("Terry Knight was shot by police. The investigation into the shooting of Knight was turned over to "
            "District Attorney Robert Zapf's office on March 20, and he determined this month that the shooting "
            "was justified. The inquiry continues.\n")
    assert speaker_of(text, "the shooting was justified") == "Robert Zapf"
    # wn06 (dev): "President Barack Obama's vice president" is Biden, whom the sentence named before
    text = ("Donald Trump asked Ukraine to look into it. The accusation against Joe Biden is that, during his time "
            "as President Barack Obama's vice president, he called for the government of Ukraine to reduce "
            "corruption. It was denied.\n")
    assert speaker_of(text, "reduce corruption") == "Joe Biden"
    # words that only qualify an office make none ("Zapf's general election campaign" is his own)
    text = ("Mary Hill spoke first. The report on Robert Zapf's general election campaign was released on Monday, "
            "and he said that it was unfair to his staff. The inquiry continues.\n")
    assert speaker_of(text, "it was unfair") == "Robert Zapf"
    # a sentence whose subject is a person keeps the usual reading (the review's case: not the man shot)
    text = ("Officer Jim Lane was on duty. The officer who shot Terry Knight was cleared on Friday, and he said "
            "that he had acted in self-defence.\n")
    assert speaker_of(text, "acted in self-defence") != "Terry Knight"


def test_a_cue_in_the_quotes_own_sentence_beats_one_that_runs_on_from_the_sentence_before():
    # cdd52 (CNN/DM dev): "they believed the incident was an accident. Police spokesman Bo Chiang said:" was
    # read as one cue, whose subject "they" (the authorities) took the spokesman's words
    text = ("Authorities said they believed the incident was an accident. Police spokesman Bo Chiang said: 'In any "
            "case, we would like to remind people that these toilets are for sitting on.'\n")
    assert speaker_of(text, "In any case") == "Bo Chiang"
    # a quote opening its own sentence still takes the cue of the sentence before (wb160)
    text = ('"In the US there is a phenomenon", professor David Wilson told the press. "Increasingly what we are '
            'seeing is some attackers wear pretend suicide vests."\n')
    assert speaker_of(text, "Increasingly what we are seeing") == "David Wilson"
    # but a sentence of its own without a cue takes none from the sentence before (wb050's statement, the review)
    text = ("Authorities said they believed it was an accident. Its advice to the public was simple: 'In any "
            "case, these toilets are for sitting on.'\n")
    assert not any(a.speaker == "Authorities" for a in found(text) if "In any case" in a.quote.text)
    # and "Ph.D." ends no sentence (wb207)
    text = ('Lead author Daniel Paluh, a Ph.D. candidate at the University of Florida, said, "Superficially, frogs '
            'may look similar."\n')
    assert speaker_of(text, "Superficially") == "Daniel Paluh"


@pytest.mark.parametrize("text, words, speaker", [
    # wb206 (dev): an opening phrase with a relative clause hid the subject, so "he wrote" went to Sanders
    ("Senator Bernie Sanders trailed him with a total of 815. He lost.\n\nIn Ohio, which was planning to hold "
     "its primary election on Tuesday, Governor Mike DeWine postponed it. In a statement on Twitter, he wrote, "
     "\u201cTo conduct an election tomorrow would force poll workers to take an unacceptable risk.\u201d\n",
     "unacceptable risk", "Mike DeWine"),
    # wb227 (dev): the commas inside a parenthesis ended the apposition, and the union took Mick Cash's words
    ("The general secretary of the RMT union (National Union of Rail, Maritime and Transport Workers), Mick Cash, "
     "said the measure was \"nowhere near enough.\"\n", "nowhere near enough", "Mick Cash"),
    # wb108 (dev): a deed, then ", adding," before the quote
    ("The mayor of London, Sadiq Khan, gave his condolences via Twitter, adding, \"An urgent enquiry into what "
     "happened is underway.\"\n", "An urgent enquiry", "Sadiq Khan"),
    # wb143 (dev): "while ... Trump noted his" introduces the next quote, not the one before it
    ("Democrat Chuck Schumer, the Senate minority leader, told MSNBC Cummings \u201cwas a great man,\u201d while "
     "Republican President Trump noted his \u201cstrength, passion and wisdom\u201d on Twitter.\n",
     "was a great man", "Chuck Schumer"),
])
def test_cues_that_a_clause_or_a_parenthesis_had_hidden(text, words, speaker):
    assert speaker_of(text, words) == speaker


def test_along_with_someone_is_no_role():
    # wb206 (dev): Klobuchar's role had been "along with Senator Ron Wyden of Oregon"
    text = ("Support came from Senator Amy Klobuchar. On Monday, Klobuchar, along with Senator Ron Wyden of Oregon, "
            "introduced a bill to require voting by mail in all states.\n")
    [a] = [a for a in found(text) if a.speaker == "Amy Klobuchar"]
    assert "along" not in a.role


def test_a_sentence_opening_with_and_still_names_its_subject_for_a_following_he():
    # cdd39 (CNN/DM dev): "And Dirar has revealed that ..." hid Dirar, so his "he told Le Parisien" went to
    # Falcao, whom the quote itself names
    text = ("Radamel Falcao's former Monaco team-mate Nabil Dirar believes the Colombian must be regretting his "
            "move. Falcao has struggled to reach the heights he achieved before. And Dirar has revealed that Falcao "
            "was not happy in France but thinks he would have been better off staying at Monaco. 'I think Falcao "
            "must be biting his fingers,' he told Le Parisien.\n")
    assert speaker_of(text, "biting his fingers") == "Nabil Dirar"
    assert speaker_of(text, "was not happy in France") == "Nabil Dirar"


def test_an_apposition_that_describes_the_speaker_is_the_role():
    # cdd68 (CNN/DM dev): the apposition between the name and the verb gives the role ...
    text = ("Talks are not expected to resume but Ian Ayre, Liverpool's Chief Executive, on Monday said he expected "
            "the England forward to be at Anfield for 'a long time'.\n")
    [a] = found(text)
    assert (a.speaker, a.role) == ("Ian Ayre", "Liverpool's Chief Executive")
    # ... but not one that tells the circumstances (the review: "while campaigning in Michigan" on 12 rows)
    [a] = found('Biden, while campaigning in Michigan, said: "Trump has failed the country."\n')
    assert (a.speaker, a.role) == ("Biden", "")


def test_he_before_a_reported_claim_is_the_person_his_own_sentence_opens_with():
    # wb044 (dev): "John Rhys-Davies broke news when he revealed that ..." went to the reporter named before
    text = ("Wikinews' Nicholas Moreau attended the event, taking photos.\n\nJohn Rhys-Davies broke news when he "
            "revealed that a Sliders reboot is being considered.\n")
    assert speaker_of(text, "Sliders reboot") == "John Rhys-Davies"
    # not a heading run into the sentence (PolNeAR: "THE BORROWING Back when he wrote his book, Mr. McKinley")
    text = ("Mr. McKinley is an economist.\n\nTHE BORROWING Back when he wrote his book, Mr. McKinley said that he "
            "considered debt a last resort.\n")
    assert speaker_of(text, "considered debt") == "McKinley"


def test_a_name_then_who_said_reports_that_persons_words():
    # cdd62 (CNN/DM dev): "The news agency cited X, the deputy governor ..., who said ..."
    text = ("The news agency cited Ali Asghar Mirshekari, the deputy governor of Iran's Sistan-Baluchestan province, "
            "who said the militants crossed into the country from Pakistan.\n")
    [a] = found(text)
    assert (a.speaker, a.role) == ("Ali Asghar Mirshekari", "the deputy governor of Iran's Sistan-Baluchestan province")
    assert a.quote.text.startswith("the militants crossed")
    # wb160 (dev): a relative clause that ends in a colon introduces the quote (it had gone to "Another")
    text = ("One of the men was James Ford. Another was tour manager Thomas Gray, 24, who cited only his experience "
            "with the sport of rugby: \"I did what any Londoner would do and tried to put a stop to it.\"\n")
    assert speaker_of(text, "any Londoner") == "Thomas Gray"


@pytest.mark.parametrize("text", [
    # the main clause goes on after the relative clause: no claim of hers
    "A woman, who said she was visiting London from Miami, was pronounced dead at the scene last month.\n",
    # wb067 (dev): a list before "who", so the lawyers argued, not Fields
    "The hearing included an apology from Fields, and requests for leniency from Fields' lawyers, who argued his "
    "history of mental illness.\n",
])
def test_who_said_is_not_read_where_the_relative_clause_belongs_elsewhere(text):
    assert not any(a.speaker in {"woman (unnamed)", "Fields"} for a in found(text))


@pytest.mark.parametrize("text, words, speaker", [
    # wb049 (dev): family members speak ("The father said"), and "One of the children" keeps its "One of"
    ('The father said "I love my children and I believe my children love me."\n', "I love my children",
     "father (unnamed)"),
    ('One of the children said, "Sometimes I still have nightmares about it all."\n', "nightmares",
     "One of the children (unnamed)"),
    # cdd50 (CNN/DM dev): whose grandmother she is stays in the name
    ("The passengers were not hurt. The man's grandmother said the fire was lit after the suspects attempted to "
     "carjack her grandson.\n", "the fire was lit", "man's grandmother (unnamed)"),
    # wb116 (dev): "who said" without a comma before a quote
    ('The bill was drafted by Alex Greenwich who said on the parliament floor, "It follows decades of work from '
     'campaigners."\n', "decades of work", "Alex Greenwich"),
    # wn24 (dev): the second half of a quote split by "wrote Trump on Twitter,"
    ('"I disagreed strongly with many of his suggestions, as did others," wrote Trump on Twitter, "and therefore '
     'I asked John for his resignation."\n', "and therefore", "Trump"),
    # wb026 (dev): '"...," further remarking, "..."': the speaker of the quote before goes on
    ('State Senator Patricia Ann Spearman remarked, "It\'s been a long, hard fight, and I know it," further '
     'remarking, "Women in Nevada have said it is time."\n', "Women in Nevada", "Patricia Ann Spearman"),
])
def test_speakers_that_a_noun_or_a_cue_had_hidden(text, words, speaker):
    assert speaker_of(text, words) == speaker


def test_a_single_quoted_quote_that_opens_its_sentence_goes_on_with_the_speaker_before():
    # cdd46, cdd56 (CNN/DM dev): the opening single mark was not taken for a sentence's start, so the
    # speaker's next quote, its paragraph break lost, had no speaker at all
    text = ("Rodgers spoke on Friday. 'When you get so close, whether it was in the title race or the cup, it "
            "hurts,' said Rodgers. 'Trace back the winners in sport. If you look at everything that has happened.' "
            "Rodgers has not revealed more.\n")
    assert speaker_of(text, "Trace back the winners") == "Rodgers"


@pytest.mark.parametrize("text, speaker", [
    # wb206, wb211 (dev): the state the title holds was read into the name
    ("On Wednesday, United States Senator from Vermont Bernie Sanders ended his bid. \"The path toward victory is "
     "virtually impossible,\" Sanders said.\n", "Bernie Sanders"),
    # wb141 (dev): the place the text also writes on its own is cut, not a fixed number of words
    ("Today, Chief Executive of Hong Kong Carrie Lam spoke. Hong Kong is calm. \"So long as Hong Kong remains "
     "impeded by disputes, it cannot go forward,\" Lam said.\n", "Carrie Lam"),
    # a title that ends in a title word leaves the name whole (wb077)
    ("Secretary of Justice Wanda V\u00e1zquez Garced was sworn in. \"Puerto Rico needs certainty and stability,\" "
     "Garced said.\n", "Wanda V\u00e1zquez Garced"),
])
def test_the_place_a_title_holds_is_no_part_of_the_name_after_it(text, speaker):
    assert [a.speaker for a in found(text)] == [speaker]


def test_a_surname_with_a_particle_resolves_to_the_full_name():
    # wb109 (dev): "de Blasio said" stayed "de Blasio", though the text names Bill de Blasio
    text = ("New York City Mayor Bill de Blasio ended his campaign. Mayor de Blasio, a member of the Democratic "
            "Party, spoke on MSNBC when he made the announcement: \"I feel like I have contributed all I can to this "
            "primary election.\"\n")
    assert [a.speaker for a in found(text)] == ["Bill de Blasio"]
    # a two-word name without a particle is left as it is ("Nigel Pearson", not a caption's "Boss Nigel Pearson")
    text = ("Boss Nigel Pearson spoke on Friday. \"I'm very wary of people flipping the emphasis,\" Nigel Pearson "
            "said.\n")
    assert [a.speaker for a in found(text)] == ["Nigel Pearson"]


@pytest.mark.parametrize("text, words, speaker", [
    # a deed, then ", adding," is the subject's, not a name inside its object or a relative clause
    ("Police said the victim, Sarah Jones, died at the scene, adding: 'Our thoughts are with her family.'\n",
     "Our thoughts", "Police"),
    ('Trump said Qasem Soleimani, the Iranian general, plotted attacks on Americans, adding, "He should have been '
     'taken out many years ago."\n', "taken out", "Trump"),
    # "Labour's" is no subject; the opening phrase's name is
    ('Boris Johnson spoke first. But Labour\'s deputy leader, Angela Rayner, attacked the plan. "It is a shambles," '
     'she said.\n', "shambles", "Angela Rayner"),
    # a relative clause that ends in a colon after a comma belongs to the object, not to the quote
    ('Trump attacked Adam Schiff, who led the impeachment inquiry, in a series of tweets on Sunday night: "Shifty '
     'Schiff is a corrupt politician."\n', "corrupt politician", "Trump"),
])
def test_the_reviews_cases_keep_their_speakers(text, words, speaker):
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize("text", [
    # "he" after an object who may be meant as well: the sentence does not say
    "Boris Johnson sacked Dominic Cummings after he admitted that he had broken the lockdown rules.\n",
    # "thinks" with no clause after it reports nothing
    "Whoever Klopp thinks is the best striker will start on Sunday against City.\n",
    # a relative clause whose claim the main clause runs on from
    "John Smith, 45, of Leeds, who claimed he had been attacked, denies murder.\n",
])
def test_the_reviews_cases_give_no_speaker(text):
    assert found(text) == []


def test_a_noun_in_ing_after_a_name_is_still_a_role():
    [a] = found("John Smith, king of Jordan, said it was a dark day for the region.\n")
    assert (a.speaker, a.role) == ("John Smith", "king of Jordan")


def test_a_relative_who_on_the_object_is_no_cue():
    # PolNeAR (the session's last check): "told a young woman who suggested that ... that '...'" had given
    # Marc Morial's words to the young woman
    text = ("In a panel discussion this weekend, Marc H. Morial, the chief executive of the National Urban League, "
            "forcefully told a young woman who suggested that some people may not vote because of frustration that "
            "\"this is not the first generation to be frustrated.\"\n")
    assert speaker_of(text, "first generation") == "Marc H. Morial"
    # a title in doubled single marks (NYT style) is no name between a subject and its "she"
    text = ("Patti LaBelle sang. Oprah Winfrey spoke. Ms. LaBelle got a huge roar when, at the end of her rendition "
            "of the anthem ''A Change Is Gonna Come,'' she added that the election would be won.\n")
    assert speaker_of(text, "the election would be won") == "Patti LaBelle"


@pytest.mark.parametrize("text, speaker", [
    # bulk articles' bodies that had lost part of their names: "Disaster Response Force", "Conference",
    # "Geological Survey" (with "US" as a role), "Protect Journalists", "General" (role "Directorate")
    ("According to the National Disaster Response Force, the runway ends in a gorge at the harbour.\n",
     "National Disaster Response Force"),
    ("According to the National Conference of Harbour Pilots, sixteen ports allow night crossings.\n",
     "National Conference of Harbour Pilots"),
    ("The US Geological Survey reported it was a magnitude 7.0 earthquake near the coast.\n",
     "US Geological Survey"),
    ("The Committee to Protect Ferry Crews said the arrests were an attack on the union.\n",
     "Committee to Protect Ferry Crews"),
    ("The ferry did not catch fire, according to the Directorate General of Civil Aviation.\n",
     "Directorate General of Civil Aviation"),
    ("The Federal Security Service said the bomb on the ferry was defused.\n", "Federal Security Service"),
    # "according to Syrian state media" had given "Syrian state"
    ("According to Estrelian state media, government troops entered the harbour town on Sunday.\n",
     "Estrelian state media"),
])
def test_a_body_keeps_its_whole_name(text, speaker):
    [a] = found(text)
    assert a.speaker == speaker and not a.role


def test_a_surname_that_is_a_body_word_stays_a_person_s():
    [a] = found("Tom Guard, a local farmer, said the river had flooded the harbour road.\n")
    assert (a.speaker, a.role) == ("Tom Guard", "a local farmer")


def test_a_country_before_a_title_is_still_no_body():
    [a] = found("US President Mara Quint said the strike was lawful.\n")
    assert a.speaker == "Mara Quint" and a.role.endswith("President")


def test_a_statement_on_someone_s_own_account_is_theirs():
    # "according to a statement posted to his official Twitter account" had made "statement posted to his
    # official (unnamed)" the speaker (dev wb254), then "Twitter"
    text = ("Mara Quint captained the Velden ferry for thirty years.\n\n"
            "Quint retired on Monday, according to a statement posted to her official Twitter account.\n")
    [a] = found(text)
    assert a.speaker == "Mara Quint"


def test_a_legal_team_speaks():
    # "His legal team argued he simply represented his client" (dev wb185) had no speaker
    text = ("Tom Hale, a ferry captain, was convicted on Friday.\n\n"
            "His legal team argued he had simply followed the harbour rules.\n\n"
            "The defence team said the verdict would be appealed.\n")
    assert [a.speaker for a in found(text)] == ["His legal team (unnamed)", "defence team"]


def test_a_bare_the_police_after_a_nation_s_police_is_them():
    text = "Estrelian police said the attack killed five people. The police said the bomber was young.\n"
    assert [a.speaker for a in found(text)] == ["Estrelian police", "Estrelian police"]


@pytest.mark.parametrize("text, speaker", [
    # "issued a statement saying ..." had given no attribution
    ("The Quint campaign issued a statement saying the captain was feeling well.\n", "Quint campaign"),
    ("The Velden Department of Harbours issued a statement that the ferry was stable.\n",
     "Velden Department of Harbours"),
    ("The ministry released a statement saying the talks had failed.\n", "ministry"),
])
def test_issuing_a_statement_saying_reports(text, speaker):
    [a] = found(text)
    assert a.speaker == speaker and not a.quote.text.startswith(("saying", "that"))


@pytest.mark.parametrize("text, words", [
    # cues a battery of wire-style sentences found missing
    ("Mara Quint was quoted as saying the ferry fares were too high.\n", "the ferry fares were too high"),
    ("Mara Quint hinted that the ferry fares would rise next spring.\n", "the ferry fares would rise next spring"),
    ("Mara Quint warned of higher ferry fares next year.\n", "higher ferry fares next year"),
])
def test_quoted_as_saying_hinted_and_warned_of_are_cues(text, words):
    [a] = found(text)
    assert (a.speaker, a.quote.text) == ("Mara Quint", words)


@pytest.mark.parametrize("text, expected", [
    # a third review's cases
    ("The ministry said the talks had failed, but Mara Quint said they would resume.\n",
     [("ministry", "the talks had failed"), ("Mara Quint", "they would resume")]),
    ("The ministry issued a statement saying the talks had failed, while Mara Quint said they would resume.\n",
     [("ministry", "the talks had failed"), ("Mara Quint", "they would resume")]),
    ("A spokesman for the company later said the deal on the ferries was off.\n",
     [("spokesman for the company (unnamed)", "the deal on the ferries was off")]),
    ("The ministry released a statement that was later withdrawn by the cabinet.\n", []),
    ("According to the company's website, the ferry fares were cut.\n", [("company", "the ferry fares were cut")]),
    ("Mara Quint's hints that she would retire upset many fans.\n", []),
    ("The lawyer who asked the judge to seal the record said the case was closed.\n",
     [("lawyer (unnamed)", "the case was closed")]),
])
def test_a_second_speaker_a_document_s_owner_and_noun_phrases_that_end(text, expected):
    assert [(a.speaker, a.quote.text) for a in found(text)] == expected


def test_the_photographer_is_the_one_the_text_names_in_lower_case_before_the_name():
    # cdd41 (dev-cnndm): "According to the photographer's website" for "photographer Yuki Aoyama"
    text = ("A series of images by photographer Mara Quint shows fathers leaping into the air.\n\n"
            "According to the photographer's website the images allow the father to be 'a hero jumping the sky.'\n")
    assert [a.speaker for a in found(text)] == ["Mara Quint"]


@pytest.mark.parametrize("text, speaker", [
    # a noun phrase's words before its head are no prepositions or verbs
    ("The company's chief executive said the ferry would run.\n", "company chief executive (unnamed)"),
    ("A senior Estrelian official said the ferry would run.\n", "senior Estrelian official (unnamed)"),
    # "a recent Reuters survey of voter lists" (PolNeAR) had given "recent Reuters survey of voter (unnamed)"
    ("The policy is helping the port, according to a recent Reuters survey of voter lists.\n", "Reuters"),
    # a body named with lower-case words (wire style) had given no attribution at all
    ("\u201cWe reject the claims entirely,\u201d the foreign ministry said in a statement.\n", "foreign ministry"),
    ("The defence ministry said on Monday that the drills were routine.\n", "defence ministry"),
    ("Estrelia's foreign ministry said the talks on the dam had failed.\n", "Estrelia's foreign ministry"),
    ("North Velden's state media said the missile test had succeeded.\n", "North Velden's state media"),
    ("Senator Quint's campaign said she was ending her bid.\n", "Quint's campaign"),
    # a nation's body with no article had given no attribution ("Italian coast guard said", dev-cnndm cdd42;
    # "Iranian authorities said", cdd62)
    ("Estrelian police said the attack killed five people.\n", "Estrelian police"),
    ("US authorities claimed the strike on the harbour was defensive.\n", "US authorities"),
    ("Halvornian state media reported that the missiles hit the harbour.\n", "Halvornian state media"),
    ("The Estrelian coast guard said it cannot confirm such an incident.\n", "Estrelian coast guard"),
    ("Halvornian military authorities reported that the fire was under control.\n", "Halvornian military authorities"),
    # a review's cases: a sentence's opening word, a title or half a country's name had joined the body
    ("But Quint's campaign said the advert was false.\n", "Quint's campaign"),
    ("Earlier Estrelia's military said the raid was over.\n", "Estrelia's military"),
    ("Sheriff Hale's office said the harbour road was closed.\n", "Hale's office"),
    ("North Estrelian state media said the missile test had succeeded.\n", "North Estrelian state media"),
    # a second battery of wire-style speakers: a body of two words after "for the", anonymity, "the minister's office"
    ("A spokesperson for the harbour board said the ferry fares were too high.\n",
     "spokesperson for the harbour board (unnamed)"),
    ("An official who asked not to be named said the ferry fares were too high.\n", "official (unnamed)"),
    ("A diplomat, who spoke on condition of anonymity, said the talks had failed.\n", "diplomat (unnamed)"),
    ("Two officials who were not authorized to speak publicly said the talks had failed.\n", "Two officials (unnamed)"),
    ("The minister's office said the ferry fares were too high.\n", "minister's office"),
    # researchers "from" a body are the researchers, not the body: "researchers from the University of Washington
    # and Stanford University reported" had made the second body ("College of Wooster in Ohio") or both the speaker
    ("In a study published on Wednesday, researchers from the University of Halden and Varro State University "
     "reported that glacier melt had doubled.\n",
     "Researchers from the University of Halden and Varro State University"),
    ("Scientists from the Marsh Institute of Technology (MIT) and University of Orlan say zebras may have gotten "
     "their stripes to confuse flies.\n",
     "Scientists from the Marsh Institute of Technology and University of Orlan"),
    ("In findings published Wednesday, researchers from the University of Tarn at Velden (UT Velden) in Tarn and "
     "the College of Orlan reported that warm currents erode the ice shelves.\n",
     "Researchers from the University of Tarn at Velden in Tarn and the College of Orlan"),
    ("This week scientists from Estrelia's Halden University and the Marsh Academy of Sciences reported that "
     "flight may have evolved in running dinosaurs.\n",
     "Scientists from Estrelia's Halden University and the Marsh Academy of Sciences"),
    ("A team of astronomers from the Oster Observatory said the comet was older than the Sun.\n",
     "A team of astronomers from the Oster Observatory"),
    ("Researchers said the finding was important.\n", "Researchers (unnamed)"),
    # a review's cases: "at" a body with no "the", after "according to", and a person named after "and"
    ("Researchers at Halden University also said the drug worked.\n", "Researchers at Halden University"),
    ("The death rate is low, according to researchers at the University of Tarn.\n",
     "Researchers at the University of Tarn"),
    ("Researchers at Halden University and Professor Mara Quint said the figures were wrong.\n", "Mara Quint"),
    ("A team from Velden said the striker was fit.\n", "Velden"),
])
def test_the_speaker_of_a_wire_style_sentence(text, speaker):
    [a] = found(text)
    assert a.speaker == speaker


@pytest.mark.parametrize("text, expected", [
    # a fourth review's cases: a body "the country's army", no cut where the first clause has no speaker of
    # its own, no cut inside a relative clause
    ("The country's army said the border was closed.\n", [("country's army", "the border was closed")]),
    ("The plant will close next spring, but the union said it would fight the decision, the company said.\n",
     [("company", "The plant will close next spring, but the union said it would fight the decision")]),
])
def test_a_clause_is_cut_off_only_after_a_speaker_of_its_own(text, expected):
    assert [(a.speaker, a.quote.text) for a in found(text)] == expected


@pytest.mark.parametrize(("text", "speaker"), [
    # the description a name was given before it, with its qualifier ("Arsenal manager Arsene Wenger ... the Arsenal
    # manager said", cdd56; "Everton manager Roberto Martinez", cdd10; "Lord Mayor candidate Wayne Tseng", bulk)
    ("Velden manager Karl Brenner was calm. \u201cWe were the better side,\u201d the Velden manager said.\n", "Karl Brenner"),
    ("Norland Ferries chief executive Tom Hale was there. \u201cThe ferry will not sail,\u201d said the Norland Ferries "
     "chief executive.\n", "Tom Hale"),
    # not a former holder, nor one of two, nor another club's
    ("Former Velden manager Karl Brenner was calm. \u201cWe were the better side,\u201d the Velden manager said.\n",
     "Velden manager (unnamed)"),
    ("Velden manager Karl Brenner met Velden manager Ana Ruiz. \u201cWe were the better side,\u201d the Velden manager "
     "said.\n", "Velden manager (unnamed)"),
    ("Norland manager Karl Brenner was calm. \u201cWe were the better side,\u201d the Velden manager said.\n",
     "Velden manager (unnamed)"),
    # the description in apposition names its holder too ("The Barcelona president, Joan Laporta,")
    ("The Velden president, Karl Brenner, was calm. \u201cWe were the better side,\u201d the Velden president said.\n",
     "Karl Brenner"),
    # (a review) one who spoke with that description is not overridden by another named with it ("Jane Doe, the
    # Labour leader on Velden council" after "Labour leader Keir Starmer"), nor is a predecessor or a longer
    # description's holder the one ("replaced Arsenal manager Unai Emery", "Scottish Labour leader Anas Sarwar")
    ("Norland manager Karl Brenner visited. Ana Ruiz, the Norland manager at Velden, said the pitch was poor.\n\n"
     "\u201cThis visit matters to our club,\u201d the Norland manager said.\n", "Ana Ruiz"),
    ("Ana Ruiz, the Velden manager, said the title was possible. Ruiz replaced Velden manager Karl Brenner in 2019.\n\n"
     "\u201cWe are ready,\u201d the Velden manager said.\n", "Ana Ruiz"),
    ("Ana Ruiz, who took over from Velden manager Karl Brenner, spoke. \u201cWe are ready,\u201d the Velden manager said.\n",
     "Velden manager (unnamed)"),
    ("North Velden manager Karl Brenner was calm. \u201cWe were the better side,\u201d the Velden manager said.\n",
     "Velden manager (unnamed)"),
    # (a second review) nor one the text says has left it, or held it once; but a date before it is no longer title
    ("Velden manager Karl Brenner was sacked on Sunday and replaced by Ana Ruiz.\n\n\u201cI am honoured,\u201d the Velden "
     "manager said.\n", "Velden manager (unnamed)"),
    ("Karl Brenner, Velden manager for 22 years, was in the crowd.\n\n\u201cIt was emotional,\u201d the Velden manager "
     "said.\n", "Velden manager (unnamed)"),
    ("On Saturday, Velden manager Karl Brenner criticised the referee.\n\n\u201cI stand by every word,\u201d the Velden "
     "manager said.\n", "Karl Brenner"),
])
def test_a_description_is_the_one_person_the_text_names_after_it(text, speaker):
    assert found("Ferry row\n\n" + text)[-1].speaker == speaker  # the quote the description attributes


def test_a_second_in_line_calling_before_a_name_titles_no_one():
    # "assistant coach Karl Brenner" made "The coach said" Brenner's
    text = "The club sacked assistant coach Tom Hale on Monday. The coach said the team was tired.\n"
    assert [a.speaker for a in found(text)] == ["coach (unnamed)"]
