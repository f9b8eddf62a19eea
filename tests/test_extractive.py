"""The offline extractive engine on real articles: who said what, and a summary."""

from __future__ import annotations

import asyncio
import json

import pytest

from summariser import document_from_text, load_settings
from summariser.engines.extractive.attribution import attribute
from summariser.engines.extractive.rules import ExtractiveEngine
from summariser.service.pipeline import brief_document

from testkit import ROOT, shared_path

DEV = ROOT / "evals" / "datasets" / "dev"


def brief_of(text: str, **settings):
    return asyncio.run(brief_document(document_from_text(text), load_settings(**settings)))


def test_sample_brief_names_the_people_quoted_with_verified_quotes(sample_text):
    brief = brief_of(sample_text)
    assert brief.meta.backend == "extractive" and brief.meta.usage.requests == 0
    actors = {row.actor for row in brief.stance_table}
    assert {"Kino Gabriel", "Brett McGurk", "Lindsey Graham", "Nikki Haley"} <= actors
    assert all(e.verified for e in brief.evidence())
    assert all(row.speaker_check == "ok" for row in brief.stance_table)
    assert 3 <= len(brief.summary) <= 8
    assert brief.headline == "US President Trump announces troop withdrawal from Syria"


def test_reported_speech_with_should_becomes_a_favor_row():
    text = (
        "Talks in Tokyo\n\nElbridge Colby, Trump's nominee for under-secretary of defence, said Japan should boost "
        "defence spending beyond the current target of 2 per cent of GDP by 2027. Officials were cautious.\n"
    )
    rows = ExtractiveEngine().draft(text, title="Talks in Tokyo").stance_table
    assert len(rows) == 1
    row = rows[0]
    assert (row.actor, row.stance) == ("Elbridge Colby", "favor")
    assert row.target.startswith("Japan should boost defence spending")
    assert row.role == "Trump's nominee for under-secretary of defence"


def test_pronoun_and_unnamed_official_are_resolved():
    text = (
        "One Japanese official said the alliance was in trouble.\n\n"
        "\u201cIt is very hard to say that you can definitely rely on the US now,\u201d the official said.\n\n"
        "Ken Weinstein, a Japan expert at the Hudson Institute, spoke next.\n\n"
        "\u201cTrump is asking Japan to step up on a number of issues,\u201d he said.\n"
    )
    found = {(a.speaker, a.quote.text[:20]) for a in attribute(text) if a.direct}
    assert ("Japanese official (unnamed)", "It is very hard to s") in found
    assert ("Ken Weinstein", "Trump is asking Japa") in found


def test_opposition_verbs_give_against():
    text = "The SDF said the move was \u201ca stab in the back for the SDF and for peace\u201d and opposed the withdrawal.\n"
    rows = ExtractiveEngine().draft(text, title="US announces troop withdrawal").stance_table
    assert rows and (rows[0].target, rows[0].stance) == ("Troop withdrawal", "against")


def test_lead3_mode_takes_the_first_three_content_sentences(sample_text):
    brief = brief_of(sample_text, extractive_mode="lead3")
    assert len(brief.summary) == 3
    assert brief.summary[0].text.startswith("Late on Sunday, the United States President Donald Trump")


def test_word_target_bounds_the_summary(sample_text):
    short = brief_of(sample_text, words=40)
    long = brief_of(sample_text, words=250)
    assert len(short.summary) < len(long.summary)


@pytest.mark.parametrize("case_id", ["wn02", "wn07", "wn18", "orig01"])
def test_dev_articles_get_quoted_speakers_and_exact_offsets(case_id):
    path = DEV / "articles" / f"{case_id}.txt"
    if not path.exists():
        pytest.skip("dev set not present")
    text = path.read_text(encoding="utf-8")
    brief = brief_of(text)
    assert brief.stance_table, "no speaker found"
    for evidence in brief.evidence():
        assert evidence.verified and text[evidence.start:evidence.end] == evidence.quote
    gold = next(json.loads(line) for line in (DEV / "cases.jsonl").open() if json.loads(line)["id"] == case_id)
    gold_surnames = {g["actor"].split()[-1].lower() for g in gold["gold_stances"]}
    found = {row.actor.split()[-1].lower() for row in brief.stance_table}
    assert gold_surnames & found, f"none of the gold actors {gold_surnames} found in {found}"


def test_seed_article_if_available():
    text = shared_path("seed", "us-japan-alliance.txt").read_text(encoding="utf-8")
    brief = brief_of(text)
    actors = {row.actor for row in brief.stance_table}
    assert {"Christopher Johnstone", "Katsunobu Kato", "Elbridge Colby", "Japanese official (unnamed)"} <= actors
    colby = next(r for r in brief.stance_table if r.actor == "Elbridge Colby")
    assert colby.stance == "favor" and "defence spending" in colby.target


def test_what_to_watch_is_narrative_first_then_attributed_forecasts():
    text = (
        "Port talks\n\n"
        "Dock workers walked out on Monday over a plan to automate the terminal at the harbour.\n\n"
        "\u201cWe are not moving. The strike will go on until the plan is withdrawn,\u201d said union leader Mara Quint.\n\n"
        "Talks with the port director will resume on Thursday in the city hall.\n"
    )
    watch = ExtractiveEngine().draft(text, title="Port talks", words_target=20).what_to_watch
    assert watch == [
        "Talks with the port director will resume on Thursday in the city hall.",
        "Mara Quint: \u201cThe strike will go on until the plan is withdrawn\u201d",
    ]


def test_a_past_event_with_a_date_is_not_something_to_watch():
    text = ("Crash inquiry\n\nThe crash happened around 8:30 p.m. on August 27 near the base.\n\n"
            "The minister met the family on Thursday in London.\n")
    assert ExtractiveEngine().draft(text, title="Crash inquiry").what_to_watch == []


@pytest.mark.parametrize(
    ("quote", "stance"),
    [
        ("Leaving our allies to die is a big mistake for this country", "against"),
        ("We welcome the withdrawal as a historic step for the region", "favor"),
        ("We welcome the talks but the blockade is a disaster for farmers", "mixed"),
    ],
)
def test_evaluative_words_inside_a_quote_give_its_stance_on_the_claim_the_headline_reports(quote, stance):
    text = f"Talks\n\n\u201c{quote},\u201d said Ana Ruiz, a senator.\n"
    rows = ExtractiveEngine().draft(text, title="Government announces troop withdrawal").stance_table
    assert [(r.actor, r.target, r.stance) for r in rows] == [("Ana Ruiz", "Troop withdrawal", stance)]


def test_a_speaker_asserting_a_claim_of_their_own_favours_it():
    text = "Talks\n\n\u201cThis is not a mistake and it was never a disaster for us,\u201d said Ana Ruiz, a senator.\n"
    [row] = ExtractiveEngine().draft(text, title="Talks").stance_table
    assert (row.target, row.stance) == ("This is not a mistake and it was never a disaster for us", "favor")


@pytest.mark.parametrize(("text", "actor", "second"), [
    # dev: an actor's further claims were dropped unless someone else took a side on them, so a speaker
    # quoted three times showed one position; now a quote the text gives them by name again is a row too
    ("Storm\n\n\u201cParts of the island are decimated and the flooding is severe,\u201d said Hubert Minnis.\n\n"
     "\u201cThe southern coast has suffered far less damage than the north,\u201d Minnis added later.\n\n"
     "\u201cWe will rebuild every school before the next season begins,\u201d he said.\n", "Hubert Minnis", "The southern coast"),
    # dev-cnndm cdd56: "Arsenal manager Arsene Wenger ... 'He has done very well ...,' the Arsenal manager said" had
    # given the quote to "Arsenal manager (unnamed)"; given to Wenger, it is a row as "said Wenger" would be
    ("Storm\n\nVelden manager Karl Brenner watched from the stand.\n\n"
     "\u201cThe referee made the wrong call and the replay shows it,\u201d said Brenner.\n\n"
     "\u201cOur young players have grown into a team that can win the league,\u201d the Velden manager added.\n",
     "Karl Brenner", "Our young players"),
])
def test_a_speaker_named_again_or_described_gets_a_row_for_each_claim_but_he_said_does_not(text, actor, second):
    rows = ExtractiveEngine().draft(text, title="Storm").stance_table
    assert [r.actor for r in rows] == [actor, actor]
    assert rows[1].quote.startswith(second)


def test_a_prayer_alone_is_no_position():
    # "Duda ... wrote 'May God protect their parents and loved ones.'" (wb002) and Modi's "condolences to the families
    # ... May the injured recover soon." (wb031) are grief and wishes, the guidelines' condolences: no row
    text = ("Ferry sinks\n\nThe ferry sank on Monday.\n\n"
            "Mara Quint wrote: \u201cMay God protect the families of the crew.\u201d\n\n"
            "Tom Hale offered his condolences to the families. \u201cMay the injured recover soon,\u201d he said.\n")
    assert ExtractiveEngine().draft(text, title="Ferry sinks").stance_table == []


@pytest.mark.parametrize("wish", [
    # (a third review) "May the government give the families the truth they deserve," said campaigner Helen Boyd
    "May the harbour board give the families the truth they deserve",
    # (a fourth review) "May the families finally get the truth – that is all we have ever asked for"
    "May the families finally get the truth about the ferry",
])
def test_a_demand_made_as_a_wish_is_a_position(wish):
    text = f"Ferry sinks\n\nThe ferry sank on Monday.\n\n\u201c{wish},\u201d said campaigner Mara Quint.\n"
    assert [r.actor for r in ExtractiveEngine().draft(text, title="Ferry sinks").stance_table] == ["Mara Quint"]


def test_a_normative_claim_is_the_target_and_a_row_that_takes_a_side_shares_it():
    text = ("Port plan\n\nThe council approved the port plan on Monday.\n\n"
            "\u201cThe city should build a second terminal before it automates this one,\u201d said Ana Ruiz.\n\n"
            "\u201cThe city must listen to the dockers; a second terminal is a big mistake,\u201d said Tom Hale.\n")
    rows = {r.actor: r for r in ExtractiveEngine().draft(text, title="Port plan").stance_table}
    claim = "The city should build a second terminal before it automates this one"
    assert (rows["Ana Ruiz"].target, rows["Ana Ruiz"].stance) == (claim, "favor")
    assert (rows["Tom Hale"].target, rows["Tom Hale"].stance) == (claim, "against")


def test_words_inside_the_quote_are_not_read_as_the_cue_around_it():
    text = ("Port plan\n\nMayor Lena Ortiz wrote on Twitter, \"We must always have the backs of our dockers. "
            "Automating the port now is a big mistake.\"\n")
    [row] = ExtractiveEngine().draft(text, title="Mayor opposes port automation").stance_table
    assert (row.target, row.stance) == ("Port automation", "against")


def test_the_headline_is_never_the_claim_down_the_column():
    text = ("Port plan\n\nThe council approved the port plan on Monday.\n\n"
            "Mara Quint said the strike would go on until the plan is withdrawn.\n\n"
            "\u201cAutomation will cost this city a thousand jobs,\u201d said union leader Karl Brenner.\n\n"
            "Mayor Lena Ortiz welcomed the plan as a step forward for the harbour.\n")
    rows = ExtractiveEngine().draft(text, title="Port plan").stance_table
    assert rows and all(r.target != "Port plan" for r in rows)
    assert ("Mara Quint", "The strike would go on until the plan is withdrawn", "favor") in [
        (r.actor, r.target, r.stance) for r in rows]


def test_opposition_verbs_give_against_the_thing_they_judge():
    text = "Harbour\n\nUnion leader Mara Quint said on Monday that the dockers opposed the automation of the port.\n"
    rows = ExtractiveEngine().draft(text, title="Harbour").stance_table
    assert [(r.actor, r.target, r.stance) for r in rows] == [("Mara Quint", "The automation of the port", "against")]


def test_a_newsletter_line_is_not_the_headline():
    from summariser.ingest.documents import document_from_text

    text = ("Unlock the Harbour Watch newsletter for free\n\nFriday, January 4, 2019\n\n"
            "Dock workers walked out on Monday over a plan to automate the terminal at the harbour.\n\n"
            "\u201cThe strike will go on until the plan is withdrawn,\u201d said union leader Mara Quint.\n")
    doc = document_from_text(text)
    assert doc.title == ""
    draft = ExtractiveEngine().draft(doc.text, title=doc.title)
    assert draft.headline.startswith("Dock workers walked out on Monday")
    assert all(r.target != draft.headline for r in draft.stance_table)


@pytest.mark.parametrize("line", [
    "Sign up to our morning newsletter", "Advertisement", "By Mara Quint", "Photo: Reuters / Ana Ruiz",
    "\u2588\u2588 Syrian Arab Republic", "We use cookies to improve your experience", "Friday, January 4, 2019",
    # a Wikinews draft's review notice (two bulk articles: it had opened their summaries)
    "This article requires pre-publication review by an uninvolved reviewer.",
    "-Article last amended: Mar 5 at 12:05:19 UTC (history)Please check the talk page history before reviewing.",
])
def test_page_furniture_lines_are_skipped_for_the_title(line):
    from summariser.ingest.documents import guess_title

    assert guess_title(f"{line}\n\nPort strike enters second week\n\nDock workers walked out.\n") == (
        "Port strike enters second week")


def test_a_news_outlet_reporting_is_not_a_stance_holder_but_its_editorial_is():
    text = ("Port plan\n\nNPR reported that the ministry had cancelled the port contract after the audit.\n\n"
            "\u201cThe talks are over and we are leaving the table now,\u201d Ana Ruiz told the Harbour Mail.\n\n"
            "The Harbour Times said in an editorial that the port plan is a reckless gamble with public money.\n")
    actors = [r.actor for r in ExtractiveEngine().draft(text, title="Port plan").stance_table]
    assert "NPR" not in actors and "Harbour Mail" not in actors
    assert "Ana Ruiz" in actors and "Harbour Times" in actors


def test_the_summary_stays_within_fifteen_percent_of_the_word_target():
    words = "council budget vote transport schools unions mayors leaders warned cuts".split()
    sentences = [" ".join(words[(i + j) % len(words)] for j in range(40)).capitalize() + "." for i in range(12)]
    text = "Budget talks\n\n" + "\n\n".join(sentences) + "\n"
    for target in (60, 100, 150):
        summary = ExtractiveEngine().draft(text, title="Budget talks", words_target=target).summary
        assert sum(len(p.text.split()) for p in summary) <= target * 1.15


def test_the_offline_engine_says_it_ignores_language_and_audience():
    import asyncio

    from summariser import document_from_text, load_settings

    doc = document_from_text("Port talks\n\nDock workers walked out on Monday over a plan to automate the terminal.\n")
    plain = asyncio.run(brief_document(doc, load_settings(backend="extractive")))
    french = asyncio.run(brief_document(doc, load_settings(backend="extractive", language="French")))
    assert not any("ignores" in w for w in plain.meta.warnings)
    assert any("ignores language 'French'" in w for w in french.meta.warnings)


def test_a_leading_no_stays_in_the_claim():
    text = "Jobs\n\nThe chief executive Anselm Roth said no jobs would be cut before 2027 at the harbour.\n"
    [row] = ExtractiveEngine().draft(text, title="Jobs").stance_table
    assert row.target.lower().startswith("no jobs would be cut") and row.stance == "favor"


def test_quote_overlap_and_nearby_claims_use_binary_search_with_the_same_answers():
    """Book-length inputs stay linear: the searches give what a scan of every quote or claim gives."""
    import random

    from summariser.engines.extractive.rules import NEARBY_CLAIMS, _inside_quote, _nearby
    from summariser.core.text import Span

    rng = random.Random(3)
    quotes, at = [], 0
    for _ in range(300):
        at += rng.randint(1, 40)
        length = rng.randint(1, 60)
        quotes.append(Span(at, at + length, "q" * length))
        at += length
    for _ in range(500):
        start = rng.randint(0, at)
        span = Span(start, start + rng.randint(1, 120), "")
        scanned = sum(max(0, min(span.end, q.end) - max(span.start, q.start)) for q in quotes) > 0.5 * (span.end - span.start)
        assert _inside_quote(span, quotes) == scanned
    claims = [(i * 10, f"s{i}", f"claim {i}", {str(i)}) for i in range(200)]
    near = _nearby(claims, 1000)
    assert len(near) == 2 * NEARBY_CLAIMS and claims[100] in near and claims[100 - NEARBY_CLAIMS] in near
    assert _nearby(claims[:30], 150) == claims[:30]  # an ordinary article: every claim


def test_headline_is_a_line_of_the_article_not_a_dateline_run_into_the_lede():
    from summariser.engines.extractive.rules import ExtractiveEngine

    text = ("Monday, Febuary 4, 2019\nThe harbour authority said on Monday that the old pier would close for "
            "repairs until the end of the summer season.\n\nWork will start next week.\n")
    headline = ExtractiveEngine().draft(text).headline
    assert any(line.startswith(headline.rstrip("\u2026")) for line in text.splitlines()[1:])


@pytest.mark.parametrize(
    ("title", "issue"),
    [
        ("Harbour lease divides Norland as election nears", "Harbour lease"),  # the subject is the thing at issue
        ("Tunnel toll row tests city's ties with the port", "Tunnel toll row"),
        ("Regional council approves harbour lease", "Approves harbour lease"),  # someone acts: the predicate
        ("Norland minister urges council to drop the lease", "Council should drop the lease"),
        ("City bans diesel buses, citing air quality", "Bans diesel buses"),  # a secondary clause left out
        # what a finding, proposal or order reports, not the verb: "Report indicates Mexican monarch butterfly
        # population at ten-year high" had given "Indicates Mexican monarch ...", "U.S. judge orders release of
        # President Trump's tax records" "Orders release of ..."
        ("Survey indicates harbour seal numbers at ten-year high", "Harbour seal numbers at ten-year high"),
        ("Study finds ferry fares rose faster than wages", "Ferry fares rose faster than wages"),
        ("Judge orders release of the mayor's diaries", "Release of the mayor's diaries"),
        # "US Federal judge rules American Samoans are citizens, then delays implementation"
        ("Judge rules island ferry workers are port employees, then delays ruling", "Island ferry workers are port employees"),
        ("Norland minister proposes converting the old fort to a museum", "Converting the old fort to a museum"),
        # a figure's thousands comma is no clause boundary; a pronoun subject is the headline's own subject
        # ("President Trump says he 'can' and 'may' put US into state of emergency ...", dev wn20)
        ("Velden ferry line says it will cut 3,000 jobs", "Velden ferry line will cut 3,000 jobs"),
        ("Mayor Holm says he wants to keep the ferry running", "Mayor Holm wants to keep the ferry running"),
        # not an empty "it", nor "he" after a body (a review's cases)
        ("Holm says it would be wrong to close the ferry", "It would be wrong to close the ferry"),
        ("Police say he was known to harbour officers", "He was known to harbour officers"),
        # the outlet a speaker told is no part of the claim ("tells CNN troops will leave" had given "CNN troops ...")
        ("Holm tells Harbour Mail ferry fares will rise", "Ferry fares will rise"),
        ("Mayor Holm tells BBC he will not resign", "Mayor Holm will not resign"),
        # the newsroom's own interviews claim nothing: "Wikinews interviews Jo Jorgensen, ..." had given
        # "Interviews Jo Jorgensen" and "Zara Kay tells Wikinews about her non-profit organisation ..."
        # "Wikinews about her non-profit organisation ..." as the claim of every row
        ("Wikinews interviews Mara Quint, Harbour Party candidate", ""),
        ("Ferry captain Mara Quint discusses her career with Wikinews", ""),
        ("Astronomer tells Wikinews about discovery of a comet", ""),
        ("Living with the strike: Wikinews talks to dock workers about their pay", ""),
        ("Holm talks to Harbour Mail about the ferry strike", ""),
        ("Harbour pilot Tom Hale discusses plans for the new ferry with Wikinews", ""),
        ("Ferry crews tell Wikinews about the night shifts", ""),
        # a review's cases: an outlet, or a body named like one, in the news itself keeps the claim
        ("International Ferry Agency says fares will rise by 2030", "Fares will rise by 2030"),
        ("Velden Mail sues the harbour board over its records", "Sues the harbour board over its records"),
        ("Holm sues Velden Times", "Sues Velden Times"),
        ("Holm says Velden Times is not treating him fairly", "Velden Times is not treating him fairly"),
        ("Court rules Velden Mail invaded the captain's privacy", "Velden Mail invaded the captain's privacy"),
        ("Judge tells Velden Times to hand over documents", "Velden Times should hand over documents"),
        ("Estrelia says it will cooperate with the International Ferry Agency",
         "Estrelia will cooperate with the International Ferry Agency"),
        ("Holm tells CBS News Estrelia must pay", "Estrelia must pay"),
        ("Holm tells The Times he will stay", "Holm will stay"),
        ("Velden state media says Estrelia is to blame", "Estrelia is to blame"),
    ],
)
def test_the_claim_a_headline_reports(title, issue):
    from summariser.engines.extractive.rules import issue_of

    assert issue_of(title) == issue


def test_a_speaker_whose_words_are_about_the_headline_claim_is_given_that_claim():
    """A quote that asserts something of its own but talks about the reported claim (two shared
    content words) is a row on that claim, so speakers on one issue share one target."""
    text = ("Lease\n\n\u201cThe harbour lease is the best deal this port has been offered in years,\u201d said Ana Ruiz.\n\n"
            "\u201cThe town will need more buses for the new school term,\u201d said Tom Hale.\n")
    rows = {r.actor: r for r in ExtractiveEngine().draft(text, title="Council approves harbour lease").stance_table}
    assert (rows["Ana Ruiz"].target, rows["Ana Ruiz"].stance) == ("Approves harbour lease", "favor")
    assert rows["Tom Hale"].target == "The town will need more buses for the new school term"


def test_a_direct_quote_sharing_one_word_with_the_headline_claim_is_on_that_claim():
    """A direct quote's first sentence is the speaker's phrasing ("It is a license for sex-selection
    abortions", on "Decriminalizes abortion"): one shared word puts it on the headline's claim. A reported
    clause is already a proposition of its own and needs two shared words."""
    text = ("Lease\n\n\u201cThis lease will bring two hundred jobs to our town,\u201d said Ana Ruiz.\n\n"
            "Tom Hale said the lease money would pay for new buses next year.\n\n"
            "\u201cStaff are at breaking point after months of night shifts,\u201d said Mara Quint, head of the harbour union.\n")
    rows = {r.actor: r for r in ExtractiveEngine().draft(text, title="Council approves harbour lease").stance_table}
    assert (rows["Ana Ruiz"].target, rows["Ana Ruiz"].stance) == ("Approves harbour lease", "favor")
    assert rows["Tom Hale"].target == "The lease money would pay for new buses next year"
    # the one word must be the speaker's own, not their title's (a review's "chief executive of the NHS Confederation")
    assert rows["Mara Quint"].target == "Staff are at breaking point after months of night shifts"


def test_a_first_quote_whose_claim_opens_with_a_pronoun_is_on_the_headline_claim():
    """"This was a very tough race" (Warholm on his world title, dev wb120) is no proposition on its own:
    the row goes on the claim the headline reports. A claim with its own subject stays the speaker's."""
    text = ("Doha\n\n\u201cThis was a very tough race from the first bend to the line,\u201d said Karsten Warholm.\n\n"
            "\u201cThe track in Doha was fast and the crowd was loud all night,\u201d said Rai Benjamin.\n")
    rows = {r.actor: r for r in ExtractiveEngine().draft(text, title="Norway's Warholm wins gold in 400 m hurdles").stance_table}
    assert rows["Karsten Warholm"].target == "Wins gold in 400 m hurdles"
    assert rows["Rai Benjamin"].target == "The track in Doha was fast and the crowd was loud all night"


def test_on_behalf_of_is_a_condolence_formula_only_where_the_words_open_with_it():
    """dev wb081: "Rivera Schatz filed the lawsuit against Pierluisi on behalf of the Senate" had been read as
    words of sympathy (no row); "On behalf of the Court and retired Justices, ..." opening a condolence still is."""
    text = ("Lawsuit\n\nSenate President Tomas Rivera filed the lawsuit against the governor on behalf of the Senate "
            "late Sunday night.\n\n\u201cOn behalf of the Court and retired Justices,\u201d said Chief Justice Ana "
            "Ruiz.\n")
    assert [r.actor for r in ExtractiveEngine().draft(text, title="Senate sues governor").stance_table] == ["Tomas Rivera"]
    text = ("Storm\n\n\u201cWe extend, on behalf of the whole council, our deepest sympathy to the families,\u201d "
            "said Mayor Ana Ruiz.\n")
    assert ExtractiveEngine().draft(text, title="Storm kills three in Velden").stance_table == []


def test_a_speaker_who_only_reports_a_fact_takes_no_position():
    """"X reported/confirmed <fact>" is sourcing, not a stance (the annotation guidelines leave pure
    factual reporting out); a judging word in what they report still makes it a position."""
    text = ("Outbreak\n\nThe Northland Health Agency reported 512 new cases across the region on Monday.\n\n"
            "Valoria confirmed its first two infections the same day.\n\n"
            # an estimate is a figure too ("World Population Review estimated the total 2020 population", bulk)
            "The Velden Census Office estimated the population of the valley at 120,000 people.\n\n"
            "Mayor Lena Ortiz said the closures were a mistake that would ruin the harbour businesses.\n\n"
            "The Farmers Union reported that the export ban was a disaster for the valley.\n")
    rows = ExtractiveEngine().draft(text, title="Outbreak").stance_table
    assert {r.actor for r in rows} == {"Lena Ortiz", "Farmers Union"}


def test_taking_a_side_on_another_speakers_claim_needs_more_than_a_shared_name_and_place():
    """Two shared words are often only a name and a place every paragraph mentions: a row that
    judges ("a disaster") takes the headline's claim then, not another speaker's unrelated one."""
    text = ("Harbour\n\n\u201cThe Norland harbour must get a second ferry terminal by next summer,\u201d said Ana Ruiz.\n\n"
            "\u201cThe Norland harbour deal is a disaster,\u201d said Tom Hale.\n")
    rows = {r.actor: r for r in ExtractiveEngine().draft(text, title="Council approves harbour lease").stance_table}
    assert (rows["Tom Hale"].target, rows["Tom Hale"].stance) == ("Approves harbour lease", "against")


def test_a_story_named_by_a_phrase_without_a_verb_is_the_claim_its_speakers_discuss():
    """An editor's story name ("Harbour lease and the ferry strike") names the issue; a single
    article's verbless headline is not turned into everyone's claim."""
    text = "Lease\n\n\u201cThe harbour lease is the best deal this port has been offered in years,\u201d said Ana Ruiz.\n"
    topic = "Harbour lease and the ferry strike"
    [row] = ExtractiveEngine().draft(text, title="Lease", topic=topic, named=True).stance_table
    assert (row.target, row.stance) == (topic, "favor")
    [row] = ExtractiveEngine().draft(text, title="Lease", topic=topic).stance_table  # another article's headline
    assert row.target == "The harbour lease is the best deal this port has been offered in years"
    [row] = ExtractiveEngine().draft(text, title=topic).stance_table
    assert row.target == "The harbour lease is the best deal this port has been offered in years"


@pytest.mark.parametrize("judged", ["his decision", "the move", "this plan", "the decision via Twitter"])
def test_a_judged_object_that_only_points_back_is_the_headline_claim(judged):
    text = f"Lease\n\nUnion leader Mara Quint said on Monday that the dockers opposed {judged}.\n"
    [row] = ExtractiveEngine().draft(text, title="Council approves harbour lease").stance_table
    assert (row.target, row.stance) == ("Approves harbour lease", "against")


HARBOUR = (
    "Harbour strike\n\n"
    "Dock workers at the Port of Velm walked out on Monday over a plan to automate the container terminal.\n\n"
    "\u201cThe plan to automate the terminal is wrong. Automation of the container terminal at Velm will cost the "
    "port workers their jobs. We will not accept it,\u201d said union leader Mara Quint.\n\n"
    "The port authority said 340 of the 1,200 dock jobs would go by 2027 under the automation plan.\n\n"
    "Ships were diverted to the port of Asker on Tuesday.\n"
)


def test_summary_prefers_the_reporters_sentences_to_those_inside_a_long_quote():
    summary = [p.text for p in ExtractiveEngine().draft(HARBOUR, title="Harbour strike", words_target=35).summary]
    assert not any(s.startswith("Automation of the container terminal") for s in summary)
    assert any(s.startswith("The port authority said 340") for s in summary)


def test_summary_prefers_a_sentence_that_repeats_the_headline():
    text = (
        "Velm council approves tram line\n\n"
        "The city council of Velm met on Tuesday evening in the old town hall.\n\n"
        "Members spoke for three hours about buses, parking and the budget of the city.\n\n"
        "In the end the council approves the tram line to the airport by a large majority.\n\n"
        "The mayor thanked members of the council for a long evening of debate.\n"
    )
    summary = ExtractiveEngine().draft(text, title="Velm council approves tram line", words_target=30).summary
    assert [p.text[:20] for p in summary] == ["The city council of ", "In the end the counc"]


def test_summary_prefers_a_sentence_stating_a_figure():
    text = (
        "Flooding in Asker\n\n"
        "Heavy rain flooded the river town of Asker on Sunday night.\n\n"
        "Residents of the town said the water rose quickly in the streets near the river.\n\n"
        "Rescue teams moved 240 people from homes near the river to a school.\n\n"
        "The town said the roads near the river would stay closed.\n"
    )
    summary = ExtractiveEngine().draft(text, title="Flooding in Asker", words_target=25).summary
    assert [p.text[:20] for p in summary] == ["Heavy rain flooded t", "Rescue teams moved 2"]


def test_a_year_alone_is_a_weaker_figure_than_a_count():
    text = (
        "Flooding in Asker\n\n"
        "Heavy rain flooded the river town of Asker on Sunday night.\n\n"
        "In 1998 the river town of Asker also flooded after a week of rain.\n\n"
        "Rescue teams moved 240 people from homes near the river to a school.\n\n"
        "The town said the roads near the river would stay closed.\n"
    )
    summary = ExtractiveEngine().draft(text, title="Flooding in Asker", words_target=25).summary
    assert [p.text[:20] for p in summary] == ["Heavy rain flooded t", "Rescue teams moved 2"]


def test_centrality_is_measured_against_the_narrative_not_a_long_quote():
    text = (
        "Bridge vote\n\n"
        "The regional assembly voted on Friday to close the old Tarn bridge to lorries.\n\n"
        "\u201cTaxes on families are too high already. Families pay taxes on fuel, taxes on homes and taxes on food. "
        "Taxes must come down before anything else,\u201d said councillor Ivo Brandt.\n\n"
        "Brandt also spoke about taxes on families and fuel at a later meeting.\n\n"
        "Engineers found cracks in the old Tarn bridge, and lorries will use the ring road.\n"
    )
    summary = ExtractiveEngine().draft(text, title="Bridge vote", words_target=30).summary
    assert [p.text[:20] for p in summary] == ["The regional assembl", "Engineers found crac"]


@pytest.mark.parametrize(
    ("title", "issue"),
    [
        ("Thousands of nurses protest new pay deal", "Nurses protest new pay deal"),  # "Thousands of" is no thing
        ("Germany bans imports such as coal from Russia", "Bans imports such as coal from Russia"),  # no clause after "as"
        ("Council raises ferry fares as the strike enters its third week", "Raises ferry fares"),
        ("The council says this week's fares are too high", "This week's fares are too high"),
    ],
)
def test_the_claim_a_headline_reports_keeps_its_phrases_whole(title, issue):
    from summariser.engines.extractive.rules import issue_of

    assert issue_of(title) == issue


def test_a_speaker_against_the_headline_claim_in_their_own_words_is_against_it():
    text = "Lease\n\n\u201cThe harbour lease should be scrapped before it ruins this port,\u201d said Ana Ruiz.\n"
    [row] = ExtractiveEngine().draft(text, title="Council approves harbour lease").stance_table
    assert (row.target, row.stance) == ("Approves harbour lease", "against")


@pytest.mark.parametrize("words", ["Witch Hunt garbage", "a hoax", "a sham", "a disgrace", "a smash and grab on our port"])
def test_scorn_is_against_the_claim(words):
    # Trump "attacked the impeachment investigation as \"Witch Hunt garbage.\"" had been unclear
    text = f"Lease\n\nThe mayor called the harbour lease inquiry \u201c{words}.\u201d\n"
    [row] = ExtractiveEngine().draft(text, title="Council opens harbour lease inquiry").stance_table
    assert row.stance == "against"


def test_words_after_a_reported_act_do_not_set_its_side():
    # "The House voted to hold two current Cabinet officers, ..., in contempt ... for refusing to hand over ..."
    # had been against: "refusing" is the officers', not the House's
    text = ("Ferry fines\n\nThe Velden Harbour Board voted to fine the two ferry operators, which had refused to "
            "hand over their safety logs.\n")
    [row] = ExtractiveEngine().draft(text, title="Velden Harbour Board fines two ferry operators").stance_table
    assert (row.actor, row.stance) == ("Velden Harbour Board", "favor")


def test_condolences_alone_are_no_position():
    # Modi's "Deeply saddened by the loss of lives" had been a favor row on the headline
    text = ("Ferry sinks off Velden\n\nThe ferry sank on Monday. \u201cDeeply saddened by the loss of lives in "
            "Velden. My condolences to the bereaved families,\u201d said mayor Rosa Lind.\n")
    assert ExtractiveEngine().draft(text).stance_table == []


def test_a_claim_after_words_of_grief_is_the_speakers_claim():
    # Jagger's "Sad news hearing that Ginger Baker has died, ... He was a fiery but extremely talented and
    # innovative drummer." had given the sad news as his claim
    text = ("Drummer dies\n\nRosa Lind of The Lowland Drifters said: \u201cA very sad loss, and my condolences to "
            "his family. He was the finest drummer this port ever produced.\u201d\n")
    [row] = ExtractiveEngine().draft(text).stance_table
    assert (row.target, row.stance) == ("He was the finest drummer this port ever produced", "favor")


def test_a_judged_thing_named_with_the_is_itself_the_claim():
    text = "Lease\n\nUnion leader Mara Quint said on Monday that the dockers opposed the ferry timetable.\n"
    [row] = ExtractiveEngine().draft(text, title="Council approves harbour lease").stance_table
    assert (row.target, row.stance) == ("The ferry timetable", "against")


def test_a_named_story_without_a_name_falls_back_to_the_headline_claim():
    text = "Lease\n\n\u201cThe harbour lease is the best deal this port has been offered in years,\u201d said Ana Ruiz.\n"
    [row] = ExtractiveEngine().draft(text, named=True).stance_table
    assert not row.target.startswith("\u201c")


@pytest.mark.parametrize(("verb", "stance"), [
    ("opposed", "against"), ("objected to", "against"), ("slammed", "against"), ("campaigned against", "against"),
    ("supported", "favor"), ("backed", "favor"), ("defended", "favor"), ("championed", "favor"),
    ("favoured", "favor"), ("pushed for", "favor"),
    ("has been critical of", "against"), ("was opposed to", "against"), ("came out against", "against"),
    ("took issue with", "against"), ("was in favour of", "favor"), ("was supportive of", "favor"),
    ("sided with", "favor"), ("threw her support behind", "favor"), ("expressed support for", "favor"),
    ("ruled against", "against"), ("ruled in favour of", "favor"), ("disagreed with", "against"),
    ("agreed with", "favor"),
])
def test_a_stance_verb_with_its_object_is_a_row_on_that_object(verb, stance):
    text = f"Harbour\n\nSenator Mara Quint {verb} the automation of the port on Monday.\n"
    rows = ExtractiveEngine().draft(text, title="Harbour").stance_table
    assert [(r.actor, r.target, r.stance) for r in rows] == [("Mara Quint", "The automation of the port", stance)]


def test_backing_away_from_something_is_no_position():
    text = "Harbour\n\nSenator Mara Quint backed away from the automation of the port on Monday.\n"
    assert ExtractiveEngine().draft(text, title="Harbour").stance_table == []


def test_push_for_inside_a_quote_is_the_speaker_s_own_claim_not_a_side_taken():
    text = ("Harbour\n\nMara Quint wrote, \u201cThe port must push for bold solutions on pay and hours for everyone.\u201d\n")
    rows = ExtractiveEngine().draft(text, title="Harbour").stance_table
    assert [(r.target, r.stance) for r in rows] == [("The port must push for bold solutions on pay and hours for everyone", "favor")]


def test_a_possessive_name_opens_the_judged_object():
    text = "Court\n\nThe Supreme Court later ruled against Conley's extension of absentee voting.\n"
    rows = ExtractiveEngine().draft(text, title="Court").stance_table
    assert [(r.actor, r.target, r.stance) for r in rows] == [("Supreme Court", "Conley's extension of absentee voting", "against")]


def test_a_vote_against_with_its_count_is_against():
    text = "Harbour\n\nThe assembly voted 12-3 against the automation of the port on Monday.\n"
    rows = ExtractiveEngine().draft(text, title="Harbour").stance_table
    assert [r.stance for r in rows] == ["against"]


def test_what_a_speaker_supported_keeps_two_years_joined_by_and_and_ends_on_a_content_word():
    # "Kokesh supported the 2008 and 2012 presidential campaigns of Ron Paul" (dev wb095) had given "The 2008"
    from summariser.engines.extractive.rules import ExtractiveEngine

    text = "Politically, Holm supported the 2008 and 2012 campaigns of Mara Quint for the harbour board.\n"
    draft = ExtractiveEngine().draft(text, title="Wikinews interviews ferry captain Holm")
    assert [(r.actor, r.target, r.stance) for r in draft.stance_table] == [
        ("Holm", "The 2008 and 2012 campaigns of Mara Quint", "favor")]


@pytest.mark.parametrize("text, target", [
    # a review's cases: no trimming of an object the ten-word cap did not cut, no "and" before other figures
    ("Holm opposed the decision to shut it down.\n", "The decision to shut it down"),
    ("Holm opposed the bill and 12 senators signed a letter.\n", "The bill"),
    ("Holm opposed the plan to cut the ferry crews from six hands to four on every boat at night.\n",
     "The plan to cut the ferry crews from six hands"),
])
def test_what_a_speaker_opposed_is_cut_at_a_clause_or_ten_words(text, target):
    from summariser.engines.extractive.rules import ExtractiveEngine

    draft = ExtractiveEngine().draft(text, title="Wikinews interviews ferry captain Holm")
    assert [r.target for r in draft.stance_table] == [target]


@pytest.mark.parametrize("first_line, headline", [
    # CNN/DM stories open with the wire's dateline: "(CNN)Eight Iranian border guards ..." had been the
    # headline and "(CNN)Eight Iranian border" a row's claim
    ("(CNN)Eight ferry crews have walked out in Velden.", "Eight ferry crews have walked out in Velden."),
    ("Rome (CNN)Italy is coping with a rising wave of ferry strikes.", "Italy is coping with a rising wave of ferry strikes."),
    ("LONDON (Reuters) - Ferry shares fell on Monday.", "Ferry shares fell on Monday."),
    ("Ferry shares fell on Monday (AP) as crews walked out.", "Ferry shares fell on Monday (AP) as crews walked out."),
])
def test_a_wire_dateline_is_no_part_of_the_headline(first_line, headline):
    from summariser.engines.extractive.rules import ExtractiveEngine

    draft = ExtractiveEngine().draft(f"{first_line}\n\nThe crews want two more hands on every boat.\n")
    assert draft.headline == headline
