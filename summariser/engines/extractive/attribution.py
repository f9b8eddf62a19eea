"""Who said what: direct quotes and reported speech with their speakers, by rule.

Used by the offline extractive engine. It takes the quoted passages (:mod:`.quotes`: curly, straight
or doubled single quotes; a quote left open at a paragraph's end and taken up again by the next
paragraph counts as one speaker's) and finds reported speech: "X said Japan should ...", "..., the source said.",
"Too often, Mr. Clarke said, the debate ...", "..., according to the poll." Each is attributed
to a speaker from the speech verb next to it ("said Christopher Johnstone, a former ...",
"said union leader Mara Quint", "Kato told", "according to ..."). Speakers are people, titled
people ("Japan's finance minister Katsunobu Kato"), organisations ("the Kremlin", "the Trump
campaign") and unnamed sources ("a spokesman for the ministry", "officials"); "he" and "she"
resolve to the last person named, surnames and "Mr. X" to the full name, and the speaker's role
comes from the title before the name or the apposition after it (:mod:`.speakers`). The verbs and
speaker patterns the cue rules are built from are in :mod:`.lexicon`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial

from ...core.patterns import grouped_alternation
from ...core.text import MONTHS, WEEKDAYS, Layout, Span, is_abbreviation
from .lexicon import (
    CLAUSE_AHEAD,
    DASH,
    IMPERATIVE_BODY,
    IMPERATIVE_BODY_NAME,
    ORG_NOUN,
    ORG_NOUN_CAP,
    SUBJECT_WORD,
    ADV,
    BARE_ORG,
    BARE_ORG_RE,
    JUDGING_VERBS,
    LB,
    NAME,
    NAME_RE,
    NOMINAL,
    NOMINAL_RE,
    NOT_NAMES,
    OF,
    OFFICE_QUALIFIERS,
    ORG,
    PEOPLE,
    PEOPLE_AFTER_DETERMINER,
    PRONOUN_RE,
    RESEARCH_GROUP,
    RESEARCH_GROUP_RE,
    PRONOUNS,
    POSITION_VERBS,
    REPORT_VERBS,
    SPEECH_VERBS,
    THE_NAMED,
    VOTE_COUNT,
    TITLE_NOUN,
    TITLE_WORDS,
    TITLED,
    UPPER,
    WHO,
)
from .quotes import MARKS, quoted_passages
from .speakers import PLURAL_OFFICES, SpeakerTracker, appositive_role, role_after, role_before

# "the Turkish statement", "the US statement": a government's document (the article does not name who holds it)
_STATE_DOCUMENT = re.compile(r"(?P<state>[A-Z][a-z]+(?:ian|ese|ish|an|i)|[A-Z]{2,3}) (?:statement|communiqu[eé]|note)")
_AGE = r"(?:,\s\d{1,3}(?=,))?"  # "Donna Ruiz, 59, of Ashton, said"
_AGE_AFTER = re.compile(r",\s\d{1,3}$")
_THEIR_PEOPLE = re.compile(r"(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z]+\s+)?[a-z]+s")
_PHRASE_WHO = re.compile(rf"{RESEARCH_GROUP}|{NOMINAL}|{ORG}|{TITLED}")
_SUBJECT_NAME = re.compile(rf"{TITLED}|{NAME}")
_TAIL = (
    r"(?:\s+(?:on|in|at|to|during|after|before|last|this|earlier|later|late|from|via|of|recently|yesterday|today|"
    rf"{WEEKDAYS})\b[^.,;:!?\u201c\"]{{0,60}})?"
)
# what may follow "Clinton said" after a quote that closed its sentence ("said," before a quote opens the next one)
_TAIL_END = re.compile(rf"{_TAIL}\s*(?:[.;!?\u2014]|[,:](?!\s*(?:''|[\u201c\"\u2018'])))|{_TAIL}\s*$")

_PARTY_AFTER = r"\s\([A-Z][\w.]{0,5}-[A-Z][\w.]{0,5}\)|,\s[A-Z]-[A-Z][\w.]{0,5},"  # "(D-Wis.)", ", R-Tenn.,"
# words that are no description of the speaker: "said on Monday", "said in a statement"
_NOT_DESC = (
    r"(?:on|in|at|to|of|by|for|with|from|that|the|a|an|this|last|and|but|as|when|while|after|before|during|via|"
    r"one|two|three|another|some|several|many|most|his|her|their|its)"
)
_AFTER_VERB_NAME = re.compile(
    # ("said Stop the War Coalition convenor Lindsey German": the body's name is part of her title)
    rf"^\s*[,\u2014\u2013-]*\s*(?:{SPEECH_VERBS})\s+(?P<desc>(?:{IMPERATIVE_BODY_NAME}\s+)?"
    rf"(?:(?!{_NOT_DESC}\s)[a-z\d][\w/'\u2019-]*\s+){{1,3}}(?={UPPER}))?"
    # 'said his father, Abdullah Kurdi,': a relation, then the name in apposition
    rf"(?:(?:his|her|their)\s+(?P<rel>[a-z][\w-]*(?:\s[a-z][\w-]*)?),\s+(?={UPPER}))?"
    rf"(?P<who>{IMPERATIVE_BODY}|(?:{TITLED}|{NAME}){OF}|{NOMINAL}|{ORG})"
)
_AFTER_NAME_VERB = re.compile(
    rf"^\s*[,\u2014\u2013-]*\s*(?:(?P<desc>[a-z][\w'\u2019-]*(?:\s[a-z][\w'\u2019-]*){{0,3}})\s(?={UPPER}))?"
    rf"(?P<who>{LB}(?:{IMPERATIVE_BODY}|(?:{TITLED}|{NAME}){OF}|{NOMINAL}|{ORG}|{THE_NAMED}|{PRONOUN_RE}))(?:{_PARTY_AFTER})?(?:,\s[^,\u201c\"]{{3,120}},)?"
    rf"\s+{ADV}(?:{SPEECH_VERBS})\b"
)
# "... ― Pamela Padilla" closing a paragraph: a dash and a name, no verb
_AFTER_DASH = re.compile(
    rf"^[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*(?P<who>{TITLED}|{NAME})(?=[ \t\u00a0]*(?:,|\.?[ \t\u00a0]*(?:\n|$)))"
)
# "He said, in remarks published by CNN in February, ...": where or when, set off by commas after the verb
_SET_OFF = r"(?:,\s+(?:in|on|at|during|after|before|via|from|through|speaking|writing)\b[^,;:\u201c\"]{2,80}?(?=,))"
# "..., adding later that", "..., going on to say": the speaker goes on
_GOING_ON = (
    r"(?:,\s+(?:and\s+)?(?:adding|saying|noting|arguing|insisting|warning|explaining|writing|asking|continuing|"
    r"suggesting|stressing|declaring|concluding|going on to (?:say|add|note|ask|argue)|before (?:adding|saying|asking))"
    r"(?:\s+(?:later|also|then))?(?:\s+(?:that|of|to)\b[\w\u00c0-\u024f' .-]{0,60}?)?)"
)
# verbs of a deed in the past tense, for a cue whose speaker first does something
_PAST_DEEDS = r"[a-z]+ed|gave|took|made|held|met|sent|led|won|lost|began|left"
# "X gave his condolences via Twitter, adding, ...": a deed, then the words that go with it
_DID_THEN = rf"(?:(?!(?:{SPEECH_VERBS})\b)(?:{_PAST_DEEDS}|paid|posted)\b[^.!?,;:\u201c\"]{{0,60}}?{_GOING_ON})"
_BEFORE = re.compile(
    rf"(?P<who>{WHO}){_AGE}(?P<appos>(?:,\s[^,\u201c\"]{{2,120}}){{1,3}},)?"
    r"(?:\s+(?:in|while|when|after|before)\s+[a-z]+ing\b[^,.;:\u201c\"]{0,60}?)?"  # 'Ferrand in relaying the news said'
    r"(?:,?\s+(?P<who_relative>who)(?=\s))?"  # "drafted by Alex Greenwich who said on the parliament floor,"
    rf",?\s+{ADV}(?:(?:{SPEECH_VERBS})(?:\s+(?:(?:the|a|an)\s+)?[\w\u00c0-\u024f' .-]{{0,60}}?)?{_GOING_ON}?|(?P<deed>{_DID_THEN}))"
    rf"{_SET_OFF}?(?:\s+that)?\s*[:,]?\s*$"
)
# "according to a tweet on Monday by Mike Pompeo", "according to a statement released by Erdogan's office"
_DOCUMENT_BY = (
    r"(?:(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|tweet|post|letter|report|message|"
    r"interview|video|release|speech|filing|memo|note)s?\s+(?:[^,.;\u201c\"]{0,40}?\s+)?(?:by|from)\s+(?:the\s+)?"
    rf"|reports\s+(?:by|from)\s+(?:the\s+(?=[A-Z])|(?=[A-Z]|the\s+(?:[a-z]+\s+)?{ORG_NOUN}\b)))"  # not "from the scene"
)
_DOCUMENT_BY_RE = re.compile(_DOCUMENT_BY)
_ACCORDING = re.compile(rf"[Aa]ccording to {_DOCUMENT_BY}?(?P<who>{BARE_ORG}|(?:{TITLED}|{NAME}){OF}|{NOMINAL}|{ORG})")
# "said in an interview", "reported from Hawaii": circumstances, not what was said
_ADJUNCT = (
    r"(?:(?:in|at|on|during|after|before|to|from|of|for|last|as|when|while|then|with|about|via|through|"
    rf"{WEEKDAYS}|yesterday|today|recently|earlier|later)\b|"
    r"this(?= (?:week|weekend|month|year|morning|afternoon|evening|spring|summer|fall|autumn|winter|time)\b))"
)
_WHEN = (
    rf"(?:on\s+)?(?:{WEEKDAYS}|yesterday|today|recently|earlier|later|"
    r"(?:last|this|earlier this|late last)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter))"
)
# "said for many families the cuts would be devastating", "said for now the plan remained on hold": a "for"
# phrase before the clause (what follows "for" is never the claim itself: "wrote for other artists")
_FOR_ADJUNCT = (
    rf"for\s(?:[\w'\u2019-]+\s){{1,6}}?(?={CLAUSE_AHEAD}|(?:the|a|an|his|her|its|their|there|it|he|she|they|we|I|"
    rf"[A-Z][\w'\u2019-]*)\s{SUBJECT_WORD}{{0,4}}?"
    r"(?:is|was|were|are|had|has|have|would|will|could|should|must|can|may|might|did|does|[a-z]+ed)\b)"
)
# "vowed to ...", "promised to ...": here "to" opens what was said
_TO_CONTENT = "|".join(
    rf"(?<={verb}\s)" for verb in ("vowed", "vows", "pledged", "pledges", "promised", "promises", "promising",
                                   "vowing", "pledging", "threatened", "threatens", "urged", "urges", "refused",
                                   "asking", "urging", "requesting")
)
# "The State Department gave its condolences and said ...": a first verb before the speech verb
_FIRST_VERB = rf"(?:\s+(?!(?:{REPORT_VERBS})\b)(?:{_PAST_DEEDS})\b[^.!?,;\u201c\"]{{0,60}}?\s+and)"
# "Ali Asghar Mirshekari, the deputy governor of the province, who said the militants crossed ...": a name and
# the relative clause after it
_WHO_RELATIVE = (
    r"(?:(?:,|(?<=,))\s+(?P<relative>who)(?=\s+(?:said|says|told|added|argued|claimed|warned|stated|explained|insisted|"
    r"noted|maintained)\b)|,)"
)
# what follows a relative clause in the main clause: "a woman, who said she was from Miami, was pronounced dead"
_MAIN_CLAUSE_GOES_ON = re.compile(r",\s+(?:was|were|is|are|has|had|have|will|would|later|then|also)\s")
# "an apology from Fields, and requests from Fields' lawyers, who argued": a list, not an apposition
_LIST_ITEM = re.compile(r",\s+(?:and|or|but|as well as)\s")


def _relative_misread(match: re.Match) -> bool:
    """Whether a "..., who said ..." reading of reported speech is wrong: the main clause may go on after
    the relative clause ("..., who claimed he had been attacked, denies murder": a comma in the claim), or
    what stands between the name and "who" is the next item of a list."""
    if not match.groupdict().get("relative"):
        return False
    claim = match.group("claim")
    return bool(_MAIN_CLAUSE_GOES_ON.search(claim) or ", " in claim or _LIST_ITEM.match(match.group("appos") or ""))
_REPORTED = re.compile(
    rf"(?P<who>{WHO}){_AGE}(?P<appos>(?:,\s[^,;\u201c\"]{{2,140}}){{1,3}},)?{_FIRST_VERB}?{_WHO_RELATIVE}?(?:\s+|(?=['\u2019]s\s)){ADV}(?:{REPORT_VERBS})"
    rf"(?:,\s(?:as of|in|on|at|during|according to|by way of|for)\s[^,;\u201c\"]{{2,50}},)?\s+"
    rf"(?:{_WHEN}\s+)?(?:{_ADJUNCT}[^;\u201c\"]{{0,80}}?,?\s+that\s+|that\s+|"
    rf"{_ADJUNCT}[^;,\u201c\"]{{0,60}}?\s+(?=(?:he|she|they|we|I)\s)|{_FOR_ADJUNCT})?"
    rf"(?:{_TO_CONTENT}|(?!{_ADJUNCT}))(?P<claim>[^;]{{15,}})"
)
_REPORT_HINT = re.compile(rf"(?:\s|(?=['\u2019]s\s))(?:{REPORT_VERBS})(?=[\s,])")  # ("said said" gives two; "He's claiming")
_WORD_START = re.compile(r"(?<![\w'\u2019.-])[\w\u00c0-\u024f]")
# words a speaker can start with: a capital, a determiner, a pronoun, a title or an unnamed source
_STARTER = re.compile(
    rf"{UPPER}|\d|(?:" + grouped_alternation(
        r"the|a|an|one|another|two|three|several|some|many|most|other|he|she|they|it|we|senior|top|former|his|her|"
        rf"their|{TITLE_NOUN}|{PEOPLE}s?"
    ) + r")\b"
)
# "..., the source said." / "..., said Mr. Burman." (content first, speaker last)
# what may stand between "said" and the end of the sentence: whom it was told to, when and where, and a
# clause about the speaker ("..., top lawmakers said Friday, as they bristled at ...")
_TOLD_WHOM = rf"(?:\s+(?:reporters|journalists|me|us|him|her|them|(?:the\s+)?{NAME}(?:['\u2019]s\s+(?:[\w\u201c\u201d\"-]+\s?){{1,4}})?))?"
_AS_CLAUSE = r"(?:,\s+(?:as|while|when|after|before|because|although|though|adding|noting|citing|but)\b[^\u201c\"]*)?"
_REPORTED_AFTER = re.compile(
    rf"^(?P<claim>[^\u201c\"]{{15,}}?),\s+(?:(?P<who>{WHO}|{THE_NAMED})(?P<appos>(?:,\s[^,]{{2,140}}){{1,2}},?)?\s+{ADV}"
    rf"(?:{SPEECH_VERBS})|(?:{SPEECH_VERBS})\s+(?P<who2>{TITLED}|{NAME}|{NOMINAL}|{ORG})(?:,\s[^,]{{2,140}})?)"
    rf"{_TOLD_WHOM}{_TAIL}{_AS_CLAUSE}\s*[.!?]?$"
)
# "As Ana Ruiz pointed out, ...", "..., as a ministry memo put it."
_AS_SAID = (
    r"(?:said|says|noted|notes|pointed out|points out|put it|puts it|has said|have said|has noted|have noted|"
    r"has pointed out|have pointed out|wrote|writes|argued|argues|observed|explained|reported|reports|warned)"
)
_AS_BEFORE = re.compile(
    rf"^(?:But |And |Yet )?[Aa]s\s+(?P<who>{WHO})(?P<appos>,\s[^,\u201c\"]{{3,80}},)?\s+{_AS_SAID}"
    rf"(?:\s+[^,\u201c\"]{{0,60}})?,\s+(?P<claim>[^\u201c\"]{{15,}})$"
)
_AS_AFTER = re.compile(rf"^(?P<claim>[^\u201c\"]{{15,}}?),\s+as\s+(?P<who>{WHO})\s+{_AS_SAID}\b[^,]{{0,60}}[.!?]?$")
# "Too often, Mr. Clarke said, the debate ..." (speaker in a parenthesis)
_REPORTED_INSIDE = re.compile(
    rf"^(?P<pre>[^\u201c\"]{{2,}}?),\s+(?:(?:as\s+)?(?P<who>{WHO})\s+{ADV}(?:said|says|added|argued|argues|noted|"
    rf"notes|explained|insisted|warned|wrote|writes|pointed out|points out|acknowledged|acknowledges|predicted)|"
    rf"(?:said|says)\s+(?P<who2>{TITLED}|{NAME}|{NOMINAL}))\s*,\s+"
    rf"(?P<claim>[^\u201c\";]{{15,}})(?:;\s[^\u201c\"]*)?$"
)
_INSIDE_VERB = re.compile(
    r"\s(?:said|says|added|argued|argues|noted|notes|explained|insisted|warned|wrote|writes|pointed out|points out|"
    r"acknowledged|acknowledges|predicted)\b[^,]*,"
)


def _may_be_inside(text: str) -> bool:
    """Whether _REPORTED_INSIDE can match: no quotation marks, a verb and then a comma ("Mr. Ruiz said, ...")."""
    return "\u201c" not in text and '"' not in text and bool(_INSIDE_VERB.search(text))


_ACCORDING_AFTER = re.compile(r"^(?P<claim>[^\u201c\"]{15,}?),?\s+according to (?P<who>[^,.;]{2,90}?)(?:,[^\u201c\"]*)?[.!?]?$")
_ACCORDING_BEFORE = re.compile(r"^(?:But |And |Yet )?[Aa]ccording to (?P<who>[^,;]{2,90}),\s+(?P<claim>[^\u201c\"]{15,})$")
_SUBJECT_VERB = re.compile(
    rf"(?:^|[.!?]\s+|,\s+)(?:the\s+)?(?P<who>{WHO})(?P<appos>,\s[^,]{{3,140}},)?"
    rf"(?:,?\s+{ADV}[a-z]+ed\b[^.!?,\u201c\"]{{0,60}}?\s+and)?\s+{ADV}(?:{SPEECH_VERBS}|{JUDGING_VERBS})\b[^.!?\u201c\"]*"
    r"(?:[.!?]\s*)?$"
)
_MODAL_CLAIM = re.compile(
    r"(?:^|(?<=that )|(?<=, )|(?<=; )|(?<=admit )|(?<=said ))(?P<claim>(?:[A-Z][\w\u00c0-\u024f-]*(?:\s[A-Z][\w\u00c0-\u024f-]*)*|[Tt]he [a-z]+(?: [a-z]+)?)"
    r"(?:\s(?:also|now|still|really|urgently))?\s(?:should|must|needs? to|ought to)\s(?:not\s)?[^.,;:!?\u201d\"]{5,120})"
)
_MODAL = re.compile(r"\s(?:should|must|needs? to|ought to)\s")  # what a modal claim holds: a quick test first


@dataclass
class Attribution:
    """One quote or reported statement and who said it."""

    speaker: str
    role: str
    quote: Span
    direct: bool
    cue: str = ""
    context: str = ""
    lead: str = ""  # the reported clause's words before a quoted fragment: "Tokyo would" in 'said Tokyo would "..."'


def _theirs_too(said: Attribution, actor: str, role: str) -> Attribution:
    """The same reported words for another speaker named with ``said``'s (co-speakers, a list, "along with")."""
    return Attribution(actor, role, said.quote, False, said.cue, said.context)


def _cue_from(clause: str) -> str:
    """The attributing clause without its leading punctuation ('. McGurk also criticized ...' -> 'McGurk ...')."""
    return clause.lstrip(".!?, ").strip() or "said"


# "'...', while Goode added (on Twitter): '...'", "'...,' while Trump noted his '...'": a new clause whose cue
# runs into another quote introduces that one, not this one ("'...,' Haskell said: '...'" is one speaker's
# on both sides)
_NEW_CLAUSE = re.compile(r"[\s,\u2014\u2013-]*(?:while|and|but|whereas)\s")
_INTRODUCES = re.compile(r"[^.!?:\"'\u201c\u201d\u2018\u2019\n]{0,40}:?\s*[\u201c\"\u2018']")


def _introduces_next(after: str, match: re.Match) -> bool:
    return _NEW_CLAUSE.match(after) is not None and _INTRODUCES.match(after, match.end()) is not None


def _speaker_after(text: str, quote: Span, para: Span, tracker: SpeakerTracker) -> tuple[str, str, str] | None:
    after = re.sub(r"^[,.!?]?(?:''|[\"\u201d\u2019'])", "", text[quote.end: para.end][:201])
    closed = re.search(r"[.!?]$", quote.text) and re.match(r"\s*[A-Z\u201c\"'\u2018]", after)
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB, _AFTER_DASH):
        match = pattern.match(after)
        rest = after[match.end():].split("\n", 1)[0] if match else ""
        if match and pattern is _AFTER_DASH and rest.strip(" ,.\u00a0") and not role_after(rest):
            continue
        # a quote that closed its sentence: only "Clinton said." belongs to it, not the next sentence
        if not match or (closed and not _TAIL_END.match(after[match.end():])) or _introduces_next(after, match):
            continue
        actor, is_person, title = tracker.resolve(match.group("who"))
        if actor:
            desc = match.groupdict().get("desc") or match.groupdict().get("rel") or ""
            title = " ".join(filter(None, [desc.strip(), title]))
            role = (role_after(after[match.end():]) or title) if is_person else ""
            return actor, role or tracker.roles.get(actor, ""), after[: match.end()].strip(" ,")
    return None


# 'Said Ellis: "..."', 'Added the mayor, "..."': the verb first, then the speaker; also the second half of a
# quote split by its attribution ('"We will fight on," said Jane Smith, "and ...')
_SAID_FIRST = re.compile(
    r"(?:(?:^|[.!?]\s+)(?:Said|Says|Added|Adds|Asked|Wrote|Writes|Explained|Warned|Remarked|Commented|Noted)"
    r"|[,!?](?:''|[\"\u201d\u2019'])\s+(?:said|says|added|adds|asked|wrote|writes|explained|warned|remarked|commented|"
    r"noted|continued|told\s+(?:reporters|journalists))\b)\s+"
    rf"(?P<who>{TITLED}|{NAME}|{NOMINAL}|{ORG}|the\s+{NAME})"
    r"(?:\s+(?:on|in|via|at|to)\s+[^,.;:\"\u201c\u201d]{1,30})?\s*[:,]\s*$"  # "wrote Trump on Twitter,"
)
# "..., saying", "..., writing;" right before the quote (no colon): "Townsend hit back at Merson, saying 'Not bad ...'"
_SAYING_LAST = r"[,;]\s+(?:and\s+)?(?:saying|writing|adding|stating|tweeting|declaring)[,;:]?"
_ENDS_SAYING = re.compile(_SAYING_LAST + r"\s*$")
_RATHER_THAN = re.compile(r"Rather\s+than\b")
_DOCUMENT_NOUN = re.compile(
    r"\b(?:letters?|e-?mails?|statements?|messages?|notes?|texts?|screenshots?|posts?|tweets?|signs?|banners?|posters?|"
    r"notices?|documents?|reports?|placards?|headlines?)\s+(?:from|by|of)\b"  # another's ("a letter from the council")
)
# 'Bolton gave a different account, also speaking via Twitter: "...': the subject of the sentence the colon ends
_SUBJECT_COLON = re.compile(
    rf"(?:^|[.!?]\s+)(?!(?:One|Two|Three|Some|Many|Several|Most|Each|Both|All|None)\s+of\s)"  # "One of the authors, X,"
    rf"(?P<who>{TITLED}|{NAME})(?P<appos>,\s[^,\u201c\"]{{3,80}},)?\s+(?:also\s+|then\s+|later\s+)?"
    rf"[a-z]+\b(?:[^.!?\u201c\"]*:|[^.!?:\u201c\"]*{_SAYING_LAST})\s*$"  # (no colon before "saying": "Racer: She ...")
)
# 'Another was tour manager Thomas Gray, 24, who cited his experience: "...': the name a relative clause
# that ends in the colon follows
_WHO_COLON = re.compile(
    r"(?:^|[.!?]\s+|\b(?:was|is|were|are)\s+(?:(?:the|a|an)\s+)?(?:[a-z]+\s+){0,3})"  # the subject, or after a copula
    rf"(?P<who>{TITLED}|{NAME}){_AGE},\s+who\s+(?:also\s+|then\s+|later\s+)?[a-z]+\b[^.!?,\u201c\"]*:\s*$"
)
# an apposition that runs into the next sentence ("Halvorn, its rival, was swift. A spokesman ..., said")
_CROSSES_SENTENCE = re.compile(r"[a-z\d)][.!?]\s+[A-Z]")


_PARENTHESIS = re.compile(r"\([^()\u201c\u201d\"]{3,120}\)")


def _commas_in_parentheses_blanked(text: str) -> str:
    """'The general secretary of the RMT union (National Union of Rail, Maritime and Transport Workers), Mick
    Cash, said': the commas inside a parenthesis end no apposition (blanked, so that offsets still hold)."""
    return _PARENTHESIS.sub(lambda m: m.group(0).replace(",", " "), text) if "(" in text else text


def _cue_before(text: str) -> re.Match | None:
    """The first speaker-and-verb cue that runs to the end of ``text`` (its apposition within one sentence)."""
    text = _commas_in_parentheses_blanked(text)
    return next((m for m in _matches_at_words(_BEFORE, text)
                 if not _CROSSES_SENTENCE.search(m.group("appos") or "") and not _deed_of_another(m)
                 and not _relative_of_another(m)), None)


def _relative_of_another(match: re.Match) -> bool:
    """"Alex Greenwich who said on the parliament floor," is his cue; "Marc Morial forcefully told a young
    woman who suggested that some people may not vote ... that '...'" is not hers: a relative "who" only
    after a name, and with no clause of its own after the verb."""
    if not match.group("who_relative"):
        return False
    return not match.group("who")[:1].isupper() or " that " in match.group(0)[match.end("who_relative"):]


_DESCRIBES = re.compile(rf"(?:the|a|an|his|her|their|its|{UPPER}[\w.-]*['\u2019]s)\s")


def _describing(role: str) -> str:
    """An apposition that describes the speaker ("Liverpool's Chief Executive", "a former minister"), not
    the circumstances ("while campaigning in Michigan", "visibly emotional"); '' for those."""
    words = role.lower().split()
    return role if _DESCRIBES.match(role) or any(w in TITLE_WORDS for w in words) else ""


def _deed_of_another(match: re.Match) -> bool:
    """A deed, then ", adding," is the sentence's own subject's: not a name inside its object ("Police said
    the victim, Sarah Jones, died at the scene, adding: ...") nor one a relative clause describes."""
    if not match.group("deed"):
        return False
    before = match.string[: match.start()].strip()
    return bool(before and not _ADVERBIAL_OPENING.fullmatch(before)) or " who " in match.group(0)


# what may stand before a sentence's subject: a phrase of time, place or manner ("In the filing itself",
# "In a statement ..., then-"), or a conjunction
_ADVERBIAL_OPENING = re.compile(
    r"(?:(?:In|On|At|After|During|Before|Later|Earlier|Meanwhile|However|Speaking|Writing)\b[^.;:!?\u201c\"]{0,80}"
    r"|And|But|Yet|So|Still)(?:,?\s*[a-z]+-)?"
)


def _speaker_for_quote(text: str, quote: Span, para: Span, tracker: SpeakerTracker) -> tuple[str, str, str]:
    """(actor, role, cue) for a direct quote, or ('', '', '') when no speaker is found."""
    found = _speaker_after(text, quote, para, tracker)
    if found:
        return found
    before = re.sub(r"(?:''|[\"\u201c\u2018'])$", "", text[para.start: quote.start])[-250:]
    # the quote's own sentence first ('Authorities said they believed it was an accident. Police spokesman X
    # said:'), then, for a quote that opens its sentence, the one before ('"...", Wilson told the press.
    # "[I]ncreasingly ...')
    own = _own_sentence(before)
    match = _cue_before(own)
    if match is None and len(own) < len(before) and not own.strip(" \u00a0"):
        own = before
        match = _cue_before(own)
    if match:
        actor, is_person, title = _resolve_appositive(tracker, match.group("who"), match.group("appos"))
        if actor:
            # "Ian Ayre, Liverpool's Chief Executive, last week said": the apposition that names no one
            role = (role_before(own[: match.start()], title) or title or _describing(appositive_role(match.group("appos")))
                    if is_person else "")
            return actor, role or tracker.roles.get(actor, ""), own[match.start():].strip()
    match = _SAID_FIRST.search(before) if before.rstrip().endswith((":", ",")) else None
    if match:
        actor, _, title = tracker.resolve(match.group("who"))
        if actor:
            return actor, tracker.roles.get(actor, "") or title, before[match.start():].strip(" .!?")
    match = _WHO_COLON.search(before) if before.rstrip().endswith(":") else None
    if match:
        actor, is_person, title = tracker.resolve(match.group("who"))
        if actor:
            return actor, title if is_person else "", _cue_from(match.group(0))
    colon = before.rstrip().endswith(":")
    match = _SUBJECT_COLON.search(before) if colon or _ENDS_SAYING.search(before) else None
    if match and (_RATHER_THAN.match(before, match.start("who")) or (not colon and (
            _DOCUMENT_NOUN.search(before, match.end("who")) or match.group("who").startswith("The ")))):
        # ("Rather than get upset, she ...", 'Jones showed a letter from the council, stating "..."', "The Liverpool
        # striker posted a message, writing '...'": a description, not a name, before the verb)
        match = None
    if match:
        actor, is_person, title = tracker.resolve(match.group("who"))
        if actor:
            return actor, appositive_role(match.group("appos")) if is_person else "", _cue_from(match.group(0))
    match = _SUBJECT_VERB.search(before) or _subject_past_a_quote(before)
    if match:
        actor, is_person, title = _resolve_appositive(tracker, match.group("who"), match.group("appos"))
        if actor:
            role = appositive_role(match.group("appos")) if is_person else ""
            role = "" if role and role.split()[-1] in actor else role  # the apposition was the name itself
            return actor, role or title or tracker.roles.get(actor, ""), _cue_from(match.group(0))
    match = _ACCORDING.search(_own_sentence(before) + " " + _rest_of_sentence(text[quote.end: para.end][:200], quote))
    if match:
        actor, _, title = tracker.resolve(match.group("who"))
        return actor, tracker.roles.get(actor, "") or title, "according to"
    return _according_to_a_name(_own_sentence(before), tracker)


# 'X called it "a retrograde step" and said "...': the fragment quoted before "and said" (it holds no cue)
_QUOTED_BEFORE_AND = re.compile(r"[\u201c\"][^\u201c\u201d\"]{1,120}[\u201d\"](?=\s+and\s+[a-z]+\s*[,:]?\s*$)")


def _subject_past_a_quote(before: str) -> re.Match | None:
    """The subject and verb before a quote that follows another one with "and said" ('David Clay called it "a
    retrograde step" and said "..."'), the earlier fragment read as a plain word."""
    blanked = _QUOTED_BEFORE_AND.sub("it", before)  # (not its words: a judging word there would judge the next quote)
    return _SUBJECT_VERB.search(blanked) if blanked != before else None


# 'According to eyewitness Vinnie DeVita, "..."': the name a calling in lower case comes before
_ACCORDING_LEAD = re.compile(
    r"(?:^|[.!?]\s+)(?:But |And |Yet )?[Aa]ccording to "
    r"(?P<calling>(?:(?!(?:the|a|an|of|by|from|with|for|to|in|on|at|his|her|their|its|our|my|seen|filed)\b)[a-z]+\s){1,3})"
    rf"(?P<who>{NAME}),\s*$"
)  # (a calling: not "the family of X", "documents seen by the BBC", "an email from X", "data from X")


def _according_to_a_name(own: str, tracker: SpeakerTracker) -> tuple[str, str, str]:
    """(actor, role, cue) for a quote its sentence opens with "According to <calling> <name>," ('', '', '' else)."""
    match = _ACCORDING_LEAD.search(own) if "ccording to" in own else None
    if not match or match.group("who").split()[0] in NOT_NAMES:
        return "", "", ""
    actor, _, title = tracker.resolve(match.group("who"))
    return actor, tracker.roles.get(actor, "") or title or match.group("calling").strip(), "according to"


_NEXT_SENTENCE = re.compile(r"^(?:''|[\"\u201d\u2019'])?\s+[A-Z\u201c\"'\u2018]")


def _rest_of_sentence(after: str, quote: Span) -> str:
    """What follows a quote in its own sentence: nothing when the quote ended it ("'... the thing.' The cheetahs
    did not approach the boy, according to zoo officials": the officials source the next sentence, not the quote)."""
    if _THAT_IS_ACCORDING.match(after):
        return after  # ("'...' That's according to the firm's chief executive": the quote's own source)
    return "" if quote.text.endswith((".", "!", "?")) and _NEXT_SENTENCE.match(after) else after


_THAT_IS_ACCORDING = re.compile(r"^(?:''|[\"\u201d\u2019'])?\s+(?:That|This)(?:['\u2019]s|\s+is|\s+was)\s+according\s+to\s")


_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*(?:\s+|$)")


def _own_sentence(before: str) -> str:
    """The part of the text before a quote that is in the quote's own sentence: "according to X" in an
    earlier sentence sources that sentence, not the quote ("..., the woman said, according to the Herald
    Sun. 'He has stolen ...'"). A full stop after an abbreviation or an initial ("Dr.") ends no sentence."""
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(before) if not is_abbreviation(before, m.start())]
    return before[ends[-1]:] if ends else before


_DASH = re.compile(DASH)
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]|''")
_STOP_INSIDE = re.compile(r"[.!?]\s")


# a finite verb: a claim that has one before a dash is whole, and what the dashes hold is the writer's ("the bins
# would be collected fortnightly — a decision residents have criticised — from April")
_AUXILIARIES = r"am|is|are|was|were|be|been|has|have|had|do|does|did|will|would|shall|should|can|could|may|might|must"
_FINITE = re.compile(rf"\b(?:{_AUXILIARIES})\b")


def _closed_aside(text: str, claim: int, start: int, end: int) -> bool:
    """Whether a dash (ending at ``start``; the claim opens at ``claim``) opens an aside that one more dash closes
    before the claim's verb ("declared the outbreak — the disease caused by the virus — to be a pandemic", "the
    bill — which critics said was rushed — would pass"): the claim runs through it."""
    clause = text.rfind(" that ", claim, start)  # (the claim's last clause: "arguing that the cost — ... — could")
    if _FINITE.search(text, claim if clause < 0 else clause, start):
        return False
    closing = _DASH.search(text, start, end)
    if not closing or not text[closing.end():closing.end() + 1].islower():
        return False  # (not "... ― Trump boasted, ..." after it)
    if _QUOTE_MARKS.search(text, start, closing.start()) or _STOP_INSIDE.search(text, start, closing.start()):
        return False  # (nor a quotation or a sentence's end inside it)
    return _DASH.search(text, closing.end(), end) is None


def _claim_span(sentence: Span, start: int, end: int) -> Span | None:
    opening = _DASH.match(" " + sentence.text[start:start + 3].lstrip())
    if opening and not sentence.text[:start].strip():  # a list's dash ("— Three people were killed, police said")
        start = len(sentence.text) - len(sentence.text[start:].lstrip()) + 1
    elif opening:  # an aside first, then the words ("said — speaking in Brussels — that Britain would not ...")
        closing = _DASH.search(sentence.text, start + 1, end)
        if not closing or _QUOTE_MARKS.match(sentence.text, closing.end()):
            return None  # (nor a quote's second half: 'the farmer said — pointing at his barley — "and nobody ..."')
        start = closing.end() + (5 if sentence.text.startswith("that ", closing.end()) else 0)
    aside = _DASH.search(sentence.text, start, end)
    if aside and aside.start() - start >= 15 and not _closed_aside(sentence.text, start, aside.end(), end):
        end = aside.start()  # "to unveil levies — officials are also nervous ...": what follows is not the claim
    return _words_span(sentence, start, end)


def _words_span(sentence: Span, start: int, end: int) -> Span | None:
    """``sentence.text[start:end]`` without the space and end punctuation around it; None under 15 characters."""
    raw = sentence.text[start:end]
    claim = raw.strip().rstrip(" .!?,\u2013\u2014\u2015")  # (nor a dash the aside ends with: "2021 — and ..." cut at "and")
    if len(claim) < 15:
        return None
    offset = sentence.start + start + (len(raw) - len(raw.lstrip()))
    return Span(offset, offset + len(claim), claim)


# "An investigation by PolitiFact found no such action": the body that looked into it, and what it found
_FOUND_BY = re.compile(
    rf"(?:^|\s)(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir)\s+(?:[a-z]+\s+)?(?:investigation|inquiry|review|audit|study|analysis|"
    rf"probe|survey|report|examination)\s+by\s+(?P<who>(?:the\s+)?{NAME}|{NOMINAL}|{ORG})\s+"
    rf"(?:found|concluded|showed|revealed|determined)\s+(?:that\s+)?(?P<claim>[^;\u201c\"]{{15,}})"
)


def _found_by(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """'A review by the Audit Office found no sign of fraud': the reviewer holds the finding."""
    if " by " not in sentence.text:
        return None
    match = _FOUND_BY.search(sentence.text)
    if not match:
        return None
    span = _claim_span(sentence, match.start("claim"), match.end("claim"))
    return _reported_from(sentence, match.group("who"), "", span, tracker)


def _reported(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """Reported speech in a sentence without a quote: speaker last, in a parenthesis, or first. When
    an outlet reports that someone said it ("Reuters reported a source said ...", "..., a Turkish
    official said that ..., Cyprus Mail reported"), the one who said it."""
    found = _reported_by_anyone(sentence, tracker)
    if found is None:
        return None
    if not is_outlet(found.speaker):  # whoever cites X "as saying" gives X's words ("Le Monde cited X as saying")
        cited = _cited_source(sentence, found, tracker) if " as saying " in sentence.text else None
        return cited if cited and "as saying" in cited.cue and _own_citing(sentence.text, cited.cue) else found
    cited = _cited_source(sentence, found, tracker)
    if cited or _REPORT_HINT.search(found.quote.text) is None:
        return cited or found
    inner = _reported_by_anyone(found.quote, tracker)
    if inner is None or is_outlet(inner.speaker):
        return found
    return Attribution(inner.speaker, inner.role, inner.quote, False, inner.cue, sentence.text, inner.lead)


# the source an outlet cites: "Reuters, citing two officials, reported ...", "The Daily Telegraph cited a security
# source that ...", "According to AFP, which cited sources close to the investigation, ..."
# (with the source's title between commas before "as saying": "cited Maria Lopez, head of the water authority, as saying")
_CITED_THAT = r"(?P<that>(?:,\s+(?P<appos>(?!wh)[^,\u201c\"]{2,90}),(?=\s+as\s))?\s+(?:that|as saying(?:\s+that)?)\s+)?"
_CITED = re.compile(rf"\bcit(?:ing|ed)\s+(?P<who>{NOMINAL}|{TITLED}|{NAME}|{ORG}){_CITED_THAT}")
# a body with its nation before the head ("citing Russia's defence ministry"), which NOMINAL would cut at "defence"
_CITED_BODY = re.compile(rf"\bcit(?:ing|ed)\s+(?P<who>{ORG}){_CITED_THAT}")
# the cited source's name ends there: not "citing Johns Hopkins University data", "citing Donald Trump's tweets"
_CITED_END = re.compile(r"\s*(?:,|$)|\s+(?:reported|reports|said|says|wrote)\b")
# "AFP reported that 20 people had died, citing a hospital source.": a source that speaks, last in the sentence
_CITED_LAST = re.compile(r"\s*[.!?]?\s*$")
_SPEAKING_SOURCE = re.compile(
    r"\b(?:officials?|sources?|spokes(?:man|woman|person)|police|ministry|minister|officers?|diplomats?|executives?|"
    r"aides?|military|army|government|people)\b"
)


def _cited_source(sentence: Span, found: Attribution, tracker: SpeakerTracker) -> Attribution | None:
    """The source an outlet (the speaker ``found``) cites for what it reports, when it names one: the same words
    are the source's (its claim after "that" when the outlet "cited X that ...")."""
    match = next((m for m in (p.search(sentence.text, 0, found.quote.end - sentence.start) for p in (_CITED, _CITED_BODY))
                  if m and _source_ends(sentence.text, m)), None)
    if not match:
        return None  # (a document or a thing: "citing Johns Hopkins University data", "citing the company's report")
    inside = match.start() >= found.quote.start - sentence.start
    last = _cited_last(sentence.text, match)
    if inside and not match.group("that") and not sentence.text[:match.start()].endswith("which ") and not last:
        return None  # the reported words' own "citing" ("the firm cut jobs, citing Brexit", "police had cited the driver")
    # the name in apposition to a description ("cited the mayor, Tom Ruiz, as saying"), or the title after a name
    actor, _, title = _resolve_appositive(tracker, match.group("who"), match.group("appos"))
    title = title or _cited_title(match.group("appos"))
    if not actor or is_outlet(actor) or actor.lower() in _DOCUMENTS:
        return None  # ("citing a police report": a document, not a source that speaks)
    quote = found.quote
    if last and inside and not match.group("that"):  # ("AFP reported that ..., citing a hospital source."): before it
        quote = _claim_span(sentence, found.quote.start - sentence.start, match.start()) or quote
    elif match.group("that") or inside:  # (", which cited X, the man had ...")
        start = len(sentence.text) - len(sentence.text[match.end():].lstrip(" ,"))  # after "..., which cited X, "
        quote = _claim_span(sentence, start, found.quote.end - sentence.start) or quote
    return Attribution(actor, title, quote, False, match.group(0), sentence.text, found.lead)


def _own_citing(text: str, cue: str) -> bool:
    """Whether the sentence's subject does the citing ("Le Monde cited X as saying"), not someone inside the words
    another reports ("The minister said the report, which cited officials as saying ..., was flawed")."""
    before = text[:text.find(cue)]
    return "," not in before and _SPEECH_VERB.search(before) is None


_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b")


def _cited_title(appos: str | None) -> str:
    """The cited source's title between commas (", head of the water authority,", ", a resident of Kharkiv,"),
    not an aside or an age (", speaking in Kyiv,", ", in an interview,", ", including a taxi driver,", ", 54,",
    ", aged 47,", ", among others,", ", last week,")."""
    role = appositive_role(appos)
    return "" if _NOT_A_TITLE.match(role) else role


_NOT_A_TITLE = re.compile(r"\d|(?:including|such as|among|one of|both|once|as|like|aged|last|this|each)\b", re.IGNORECASE)


def _cited_last(text: str, match: re.Match) -> bool:
    """Whether a source that speaks is cited last in the sentence ("..., citing a hospital source.")."""
    return bool(_CITED_LAST.match(text, match.end()) and _SPEAKING_SOURCE.search(match.group("who")))


def _source_ends(text: str, match: re.Match) -> bool:
    """Whether the cited name ends where the match does: a "that" follows, or a comma, the sentence's end or a
    report verb, not a noun ("citing Johns Hopkins University data")."""
    return bool(match.group("that") or _cited_last(text, match) or _CITED_END.match(text, match.end()))


# "In the analysis of the Institute for X, ...", "In Lind's view, ...": the claim after the comma is theirs
_IN_THE_VIEW = (
    r"(?:view|opinion|analysis|assessment|estimation|words|judg(?:e)?ment|eyes|reading)"
)
_IN_VIEW_OF = re.compile(
    rf"^(?:But |And |Yet )?[Ii]n\s+(?:the\s+{_IN_THE_VIEW}\s+of\s+(?P<who>(?:the\s+)?(?:{TITLED}|{NAME}){OF}|{NOMINAL}|{ORG})"
    rf"|(?P<owner>{NAME}|{NOMINAL}|{ORG})['\u2019]s?\s+{_IN_THE_VIEW}),\s+(?P<claim>[^\u201c\"]{{15,}})$"
)


def _in_the_view_of(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    match = _IN_VIEW_OF.match(sentence.text) if sentence.text[:3].lower() in {"in ", "but", "and", "yet"} else None
    if not match:
        return None
    span = _claim_span(sentence, match.start("claim"), match.end("claim"))
    return _reported_from(sentence, match.group("who") or match.group("owner"), "", span, tracker)


_POSITION_BEFORE = re.compile(rf"\b(?:{POSITION_VERBS})\s+$")
_RELATIVE = re.compile(r",\s+(?:which|who|whom|whose)\s")


def _object_span(sentence: Span, start: int) -> Span | None:
    """What a stance verb takes a side on: its object, without a relative clause after it ("defended the
    raid, which was approved by X": X's approval is not the defender's words)."""
    relative = _RELATIVE.search(sentence.text, start)
    return _claim_span(sentence, start, relative.start() if relative else len(sentence.text))


# a name, or a description with a name in apposition ("The governor of Norland, Wanda Vazquez Garced, declared a
# state of emergency"): the subject of a verb, no claim of its own
_ONLY_A_SUBJECT = re.compile(rf"(?:[^,]{{3,80}},\s+)?{NAME}")
# what a speaker who took a side said while doing it ("Carroll agreed with La Riva, saying that jobs are ...")
# (verbs whose object is itself the words or the demand: "said the ferry was late", "urged residents to stay in")
_SAYS_A_CLAUSE = re.compile(
    r"\b(?:said|says|say|told|tells|wrote|writes|added|adds|stated|states|explained|explains|noted|notes|announced|"
    r"claimed|claims|insisted|insists|warned|warns|argued|argues|believes|believed|thinks|thought|suggested|suggests|"
    r"predicted|acknowledged|admitted|confirmed|reported|revealed|vowed|pledged|promised|urged|demanded|called|"
    r"accused|asked|threatened|ordered|proposed|requested)\b"
)
_SAYING_AFTER = re.compile(r",\s+(?:and\s+)?(?:saying|arguing|insisting|adding|noting|stressing)\s+(?:that\s+)?")
# a clause after the participle: "that", an auxiliary, a subject pronoun, or a subject and a past tense ("saying the
# squad needed fresh legs"); not "adding weight to calls", "insisting on a pay rise", "noting with concern"
_CLAUSE_FOLLOWS = re.compile(
    rf"(?<=that )|[^,;]{{0,50}}?\b(?:{_AUXILIARIES})\b|(?:it|he|she|they|we|I|you|there)\s"
    r"|(?:the|a|an|his|her|their|its|our)\s+(?:[\w-]+\s+){0,3}[a-z]+ed\b"
)


def _reported_by_anyone(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    text = sentence.text
    in_view = _in_the_view_of(sentence, tracker)
    if in_view:
        return in_view
    match = _REPORTED_AFTER.match(text) or (_REPORTED_INSIDE.match(text) if _may_be_inside(text) else None)
    if match and match.re is _REPORTED_AFTER and _ONLY_A_SUBJECT.fullmatch(match.group("claim")):
        match = None  # "X, a council member of Y, died of COVID-19, the government announced": X is no claim
    if match:
        who = match.group("who") or match.group("who2")
        if match.re is _REPORTED_INSIDE and len(match.group("pre")) > len(match.group("claim")):
            return _reported_from(sentence, who, "", _claim_span(sentence, 0, match.end("pre")), tracker)
        return _reported_from(sentence, who, "", _claim_span(sentence, match.start("claim"), match.end("claim")), tracker)
    match = (_ACCORDING_AFTER.match(text) or _ACCORDING_BEFORE.match(text)) if "ccording to" in text else None
    if match:
        return _according(sentence, match, tracker)
    match = _AS_BEFORE.match(text) or (_AS_AFTER.match(text) if " as " in text else None)
    if match:
        span = _claim_span(sentence, match.start("claim"), match.end("claim"))
        return _reported_from(sentence, match.group("who"), match.groupdict().get("appos") or "", span, tracker)
    match = _reported_speech(text)
    if match and _relative_misread(match):
        match = None
    if match:
        said = _SAYING_AFTER.search(text, match.start("claim"))
        said = said if said and _CLAUSE_FOLLOWS.match(text, said.end()) else None  # (not "adding weight to calls")
        if (said and not _FINITE.search(text, match.start("claim"), said.start())
                and not _SAYS_A_CLAUSE.search(text, match.start(), match.start("claim"))):
            # a thing taken a side on, then the words: "agreed with X, saying that jobs matter more", "dismissed the
            # claim, arguing it was ..." (not "said the ferry was late, adding that ...": a clause of its own first)
            span = _claim_span(sentence, said.end(), len(text))
        elif _POSITION_BEFORE.search(text, 0, match.start("claim")):
            span = _object_span(sentence, match.start("claim"))
        else:
            span = _claim_span(sentence, match.start("claim"), match.end("claim"))
        return _reported_from(sentence, match.group("who"), match.group("appos") or "", span, tracker)
    return _participle(sentence, tracker)


# "Reid mocked Romney for ..., claiming that he ...": the subject's words in a participle clause
_PARTICIPLE_VERBS = (
    r"saying|claiming|arguing|adding|suggesting|insisting|warning|noting|promising|vowing|pledging|accusing|urging|"
    r"calling for|calling on|citing|emphasi[sz]ing|asserting|complaining|contending|stressing|declaring|predicting|"
    r"questioning|explaining|writing|telling [\w\u00c0-\u024f'\u2019. ]{1,30}?"
)
_PARTICIPLE = re.compile(
    rf"(?:[^,;\u201c\"]{{2,60}},\s+)?(?P<who>{WHO})(?P<appos>,\s[^,;\u201c\"]{{3,140}},)?\s+"
    rf"(?![A-Z][a-z])(?!(?:{REPORT_VERBS})\b(?!\s+(?:in|on|at|before|during|after|for|to)\s))[^;\u201c\"]{{3,160}}?,\s+(?:and\s+)?(?:even\s+|also\s+|then\s+)?"
    rf"(?:{_PARTICIPLE_VERBS})\s+(?:that\s+)?(?P<claim>[^;]{{15,}})"
)
_PARTICIPLE_HINT = re.compile(rf",\s+(?:and\s+)?(?:even\s+|also\s+|then\s+)?(?:{_PARTICIPLE_VERBS})\s")


def _participle(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """A sentence whose subject does something, then says something: ', arguing that ...'."""
    if not _PARTICIPLE_HINT.search(sentence.text):
        return None
    match = _PARTICIPLE.match(sentence.text)
    if not match or match.group("who").lower() in {"it"}:
        return None
    span = _claim_span(sentence, match.start("claim"), match.end("claim"))
    return _reported_from(sentence, match.group("who"), match.group("appos") or "", span, tracker)


# what a court's or a lawmaker's act needs after it, so that a participle or an adjective is not taken for it
# ("the man convicted in the case", "accused convicted burglar Jamie", "proposed during his campaign"), nor an
# order of goods ("ordered a chicken dish"): someone sentenced, a proposal, an order that someone do something
_SOMEONE = (
    r"(?=\s(?:(?:the|an?|his|her|their|its|him|them|both|all|two|three|four|five|six|seven|eight|nine|ten)\s|"
    rf"(?!(?:{WEEKDAYS}|{MONTHS})\b)[A-Z\d]))"  # ("A man sentenced Monday to 20 years ... said")
)
_TO_DO = r"to\s(?!(?:his|her|their|the|an?|him|them|my|our|your|its)\b)[a-z]+"  # ("proposed to his girlfriend")
_A_PROPOSAL = rf"(?=\s(?:(?:the|an?|that|legislation)\s|{_TO_DO}|[A-Z]))"
_A_BILL = r"(?=\s(?:the|an?)\s(?:[\w-]+\s){0,3}(?:bill|legislation|resolution|amendment|measure|motion)\b)"  # (not a tournament)
# someone told to do something ("ordered residents to leave", "ordered the network to shut down"), not goods
# bought ("ordered Airbus A350s to replace its fleet", "ordered 14 helicopters")
_AN_ORDER = rf"(?=\s(?:(?:(?:last|this|on|earlier|late|early)\s[\w-]+\s)?that\s|(?:(?:the|his|her|its|their|all)\s[^,;.\u201c\"]{{0,50}}?|[a-z]+s\s)(?:{_TO_DO}|be\s)))"
# "the senate approved a bill ...", "Saudi Arabia extended curfews ...": an act the article frames as a position
_ACTS = (
    "approved", "passed", "adopted", "vetoed", "ratified", "imposed", "extended", "lifted", "banned", "suspended",
    "revoked", "overturned", "struck down", "endorsed", rf"voted (?:{VOTE_COUNT}\s+)?(?:to|for|against)", "(?:re)?introduced", "planned to",
    "plans to", "intends to", "wants", "sued", "requested", "petitioned", "refused to", "boycotted",
    "advocated", r"pleaded (?:not )?guilty\b", r"pled (?:not )?guilty\b",
    # a judgment: "found the air strike justified", "found him not guilty"
    r"found (?:[\w'\u2019-]+ ){1,5}?(?:not )?(?:(?:un)?(?:justified|acceptable|lawful|constitutional|reasonable)|(?:il)?legal|guilty)\b", rf"sentenced{_SOMEONE}", rf"convicted{_SOMEONE}",
    rf"acquitted{_SOMEONE}", rf"ordered{_AN_ORDER}", rf"proposed{_A_PROPOSAL}", rf"sponsored{_A_BILL}",
    rf"co-sponsored{_A_BILL}", "apologised (?:for|to)", "apologized (?:for|to)", r"signed (?:a|an|the) (?:[\w-]+ ){0,3}(?:decree|bill|order|law)",
    # a letter with what it says ("signed an open letter urging ..."), not "a letter of intent" or "a letter addressed to"
    r"signed (?:a|an|the) (?:[\w-]+ ){0,2}(?:letter|petition|declaration)(?=\s(?:saying|stating|urging|calling|warning|demanding|asking|that)\b)", r"agreed to(?=\s(?!(?:the|a|an|this|that|its|their|his|her|it|them)\s)[a-z]+\s)",
    r"filed (?:a|an|the) (?:[\w-]+ )?(?:lawsuit|motion|complaint|petition|appeal|suit)",
    r"withdrew (?:[\w\u00c0-\u024f.' -]{1,30} )?from (?:the |a |an |its |their )?[\w\u00c0-\u024f' -]{0,40}?"
    r"(?:treaty|deal|agreement|accord|pact|convention|alliance|talks|negotiations|organi[sz]ation|council|union)",
)
_ACTION = re.compile(
    rf"(?P<who>{WHO})(?P<appos>(?:,\s[^,;\u201c\"]{{2,140}}){{1,2}},)?\s+{ADV}"
    rf"(?P<claim>(?:{'|'.join(_ACTS)})\s[^;,\u201c\"]+)"
)
# each act's first word: a cheap test before the pattern ("introduced" is also in "reintroduced")
_ACT_HEADS = [re.match(r"(?:\(\?:re\)\?)?([a-z-]+)", act) for act in _ACTS]
_ACTION_WORDS = tuple(head.group(1) for head in _ACT_HEADS if head)
_ACTION_HINT = re.compile(rf"\s(?:{'|'.join(head.group(0) for head in _ACT_HEADS if head)})\s")


def _action(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """A sentence whose subject acts on an issue ('the senate approved a bill legalising ...'): the act,
    up to the first comma, is the subject's position."""
    if not any(word in sentence.text for word in _ACTION_WORDS):
        return None
    verbs = [m.start() for m in _ACTION_HINT.finditer(sentence.text)]
    if not verbs:
        return None
    for match in _matches_at_words(_ACTION, sentence.text, verbs[-1]):  # the subject stands before a verb
        if match.group("who").lower() in {"it", "they", "we"}:
            return None
        span = _claim_span(sentence, match.start("claim"), match.end("claim"))
        found = _reported_from(sentence, match.group("who"), match.group("appos") or "", span, tracker)
        if found:
            return found
    return None


# "The plan was condemned by members of the union", "..., but it was rejected by the senate": the agent's side
_PASSIVE = re.compile(
    r"\s(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?:condemned|criticised|criticized|praised|welcomed|rejected|dismissed|denounced|opposed|supported|backed|"
    r"endorsed|hailed|lauded|applauded|questioned|disputed|challenged|approved|vetoed|blocked|overturned|"
    r"struck down|slammed|blasted|"
    # a court's or a lawmaker's act, with its object between: "sentenced to life in prison by a court in Multan"
    rf"(?:sentenced|convicted|acquitted|proposed|co-sponsored)\b[^,;:\u201c\"]{{0,60}}?)\s+by\s+"
    rf"(?P<who>(?:the\s+)?(?:{TITLED}|{WHO}))"
)
_CLAUSE_START = re.compile(r"(?:^|[;:]\s+|,\s+(?:but|and|while|although|though|whereas|yet)\s+|,\s+(?=which\s|who\s))")


def _passive(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    """'X was condemned by Y': Y takes a side on X; the clause up to Y's name is the claim."""
    if " by " not in sentence.text:
        return None
    match = _PASSIVE.search(sentence.text)
    if not match:
        return None
    start = max(m.end() for m in _CLAUSE_START.finditer(sentence.text, 0, match.start() + 1))
    span = _claim_span(sentence, start, match.end("who"))
    return _reported_from(sentence, match.group("who"), "", span, tracker)


# "doctoral candidate X"; not a group's example ("including Mr. Goldberg", "such as X") or a place ("both in the US")
_DESCRIBED_NAME = re.compile(rf"(?:(?!{_NOT_DESC}\s|both\s|including\s|such\s|like\s|among\s)[a-z][\w-]*\s+){{1,3}}(?P<name>{NAME})")


def _resolve_appositive(tracker: SpeakerTracker, who: str, appos: str | None) -> tuple[str, bool, str]:
    """The speaker, or the name in apposition to an unnamed one ("the state's chairman, Phil Lovas,")."""
    actor, is_person, title = tracker.resolve(who)
    name = _AGE_AFTER.sub("", (appos or "").strip(" ,"))  # "the driver, Tom Hale, 23,"
    described = _DESCRIBED_NAME.fullmatch(name)  # "The study's lead author, doctoral candidate Maninder Thind,"
    if described:
        name = described.group("name")
    nominal = NOMINAL_RE.fullmatch(who.strip()) or NOMINAL_RE.fullmatch(who.strip()[:1].lower() + who.strip()[1:])
    titled = who.split()[-1].lower() in TITLE_WORDS  # "The Senate Minority Leader, Chuck Schumer,"
    if (not is_person or nominal or titled) and name and NAME_RE.fullmatch(name) and name.split()[0] not in NOT_NAMES:
        person, _, _ = tracker.resolve(name)
        many = _THEIR_PEOPLE.fullmatch(who.strip())  # "Acting via his lawyers, X, 23,": not X's title
        return person, True, "" if many else who.strip()
    return actor, is_person, title


# "the ruling party in Cyprus hailed ...": a place after "in" is not the subject, nor a word inside its name
# ("in Science Advances, researchers ... reported"); nor is an outlet after "according to" ("According to
# the broadcaster KTV, the mayor, Rosa Vidal, said ...": she said it), nor the audience or outlet after
# "Speaking to" ("Speaking to Agence France-Presse, the president ..., X, said")
_AFTER_ACCORDING = re.compile(r"[Aa]ccording to(?:\s[a-z-]+){0,3}\s$")
_AFTER_AUDIENCE = re.compile(
    r"(?:^|[^\w-])(?:[Ss]peaking|[Tt]alking|[Ww]riting|[Ii]n an interview)\s(?:to|with|for|in)\s[^,.;:!?\u201c\"]{0,60}$"
)
_AUDIENCE_HINTS = ("peaking ", "alking ", "riting ", "n an interview ")
NAME_WORDS_AFTER_IN = 4
_POSSESSIVE_NAME = re.compile(r"(?:[A-Z][\w.-]*\s){0,3}[A-Z][\w.-]*['\u2019]s\b")


def _after_preposition(text: str, at: int) -> bool:
    """Whether the word at ``at`` follows "in" (with up to four capitalised words between: inside the
    name), "according to" or "speaking to" (a place, a source or an audience, not a subject)."""
    if _after_in(text, at):
        return True
    window = text[max(0, at - 90):at]
    if any(hint in window for hint in _AUDIENCE_HINTS) and _AFTER_AUDIENCE.search(window):
        return True
    window = window[-40:]
    return "ccording to" in window and bool(_AFTER_ACCORDING.search(window))


def _after_in(text: str, at: int) -> bool:
    """'in Cyprus', 'in Science Advances', 'In the United States', 'on Twitter': the word at ``at`` is
    (inside) the place, publication or platform after "in" or "on"."""
    if not text[at - 1:at].isspace():
        return False
    words = text[max(0, at - 60):at].split()
    for _ in range(NAME_WORDS_AFTER_IN):
        if len(words) > 1 and words[-1][:1].isupper() and words[-1] != "In" and words[-1][-1:].isalnum():
            words.pop()
    if words and words[-1] == "the":
        words.pop()
    if words and words[-1] == "on":  # "posted on Twitter": the platform; not "weighed in on Trump's claim"
        return not _POSSESSIVE_NAME.match(text, at)
    return bool(words) and words[-1] in ("in", "In")


def _reported_speech(text: str) -> re.Match | None:
    """The first match of :data:`_REPORTED`: its speaker stands before a report verb, so only the words
    before the last one the text has are tried."""
    verbs = [m.start() for m in _REPORT_HINT.finditer(text)]
    return next(_matches_at_words(_REPORTED, text, verbs[-1]), None) if verbs else None


def _search_words(pattern: re.Pattern, text: str) -> re.Match | None:
    """``pattern.search`` tried at word starts only (faster, and no match from the middle of a word)."""
    return next(_matches_at_words(pattern, text), None)


def _matches_at_words(pattern: re.Pattern, text: str, stop: int | None = None) -> Iterator[re.Match]:
    """Matches of ``pattern`` starting at the words a speaker can start with, left to right (before ``stop``)."""
    for word in _WORD_START.finditer(text, 0, len(text) if stop is None else stop):
        if not _STARTER.match(text, word.start()):
            continue
        match = pattern.match(text, word.start())
        if match and not _after_preposition(text, word.start()):
            yield match


def _reported_from(sentence: Span, who: str, appos: str, claim: Span | None, tracker: SpeakerTracker) -> Attribution | None:
    if claim is None:
        return None
    if who.lower() in {"he", "she"}:
        who = _pronoun_in_sentence(sentence.text[: max(0, claim.start - sentence.start)], who.lower(), tracker) or who
    actor, is_person, title = _resolve_appositive(tracker, who, appos)
    if not actor or actor.lower() in {"unclear speaker"}:
        return None
    role = appositive_role(appos) if is_person else ""
    if role and _AGE_AFTER.sub("", role) in actor:  # "the foreign minister, Sameh Shoukry,": the name was the apposition
        role = title
    before = sentence.text[: max(0, claim.start - sentence.start)]
    role = role or (role_before(before) if is_person else "") or title
    lead = _lead_in(before) if _VERB_FIRST.match(claim.text) else ""  # 'a meeting that X said would ...'
    return Attribution(actor, role or tracker.roles.get(actor, ""), claim, False, "said", sentence.text, lead)


# a sentence's subject when it opens with a determiner: the words before a preposition, a relative or a verb
_DETERMINED_SUBJECT = re.compile(
    r"(?:The|A|An|This|That|Its|Their)(?:\s+[a-z][\w'\u2019-]*){1,4}?(?=\s+(?:of|on|in|into|over|about|against|"
    r"at|for|from|with|by|who|that|which|was|is|were|are|has|had|have|will|would|could)\b|,)"
)
# what follows a possessive name: "Obama's vice president" is someone else, "Zapf's office" and "Obama's
# foreign policy" are not (the words that only qualify an office do not make one)
_HOLDER_OF = re.compile(r"['\u2019]s\s+((?:[\w-]+\s+)?[\w-]+)")
_HOLDERS = frozenset(TITLE_WORDS) - OFFICE_QUALIFIERS - {"general", "chief", "executive", "senior", "national", "security"}
_PERSON_WORD = re.compile(PEOPLE_AFTER_DETERMINER)
_QUOTED_WORDS = re.compile(r"[\u201c\"][^\u201d\"]*[\u201d\"]|''.*?''")  # (doubled single marks: NYT style)


def _held_after(match: re.Match) -> list[str]:
    """The word or two a possessive name holds ("Obama's vice president" -> ['vice', 'president']), in lower
    case; [] when the name is not followed by "'s"."""
    end = match.end() - 2 if match.group(0).endswith(("'s", "\u2019s")) else match.end()
    holder = _HOLDER_OF.match(match.string, end)
    return holder.group(1).lower().split() if holder else []


def _about_a_thing(text: str) -> bool:
    """Whether a sentence's subject is a thing ("The investigation into ... was turned over to X, and he
    ..."), not a person ("The officer who shot X was cleared, and he said")."""
    subject = _DETERMINED_SUBJECT.match(text)
    return subject is not None and NOMINAL_RE.fullmatch(subject.group(0)) is None


def _named_before(before: str, pronoun: str, tracker: SpeakerTracker) -> str:
    """'The investigation was turned over to District Attorney Robert Zapf's office, and he determined that
    ...': in a sentence about a thing, the last person it names before its 'he' or 'she' (of a gender that
    fits) is whom the pronoun means; '' when it names none."""
    at = before.rfind(f" {pronoun} ")
    if at < 0:
        return ""
    text = _QUOTED_WORDS.sub(" ", before[:at])
    for match in reversed(list(NAME_RE.finditer(text))):
        name = tracker.full_names.get(match.group(0).replace("\u2019s", "").replace("'s", "").split()[-1], "")
        if any(w in _HOLDERS for w in _held_after(match)):
            continue  # "President Barack Obama's vice president": someone else
        if name and tracker.fits(name, pronoun):
            return name
    return ""


def _pronoun_in_sentence(before: str, pronoun: str, tracker: SpeakerTracker) -> str:
    """Whom a 'he' or 'she' before a reported claim means within its own sentence: the person the sentence
    opens with ("John Rhys-Davies broke news when he revealed that ..."), of a gender that fits, or in a
    sentence about a thing the last person it names (:func:`_named_before`); '' when the sentence does not say."""
    if _about_a_thing(before):
        return _named_before(before, pronoun, tracker)
    subject = _opening_subject(before)
    if not subject or subject.lower() in PRONOUNS or any(w.isupper() for w in subject.split()) or f" {pronoun} " not in before:
        return ""
    between = _QUOTED_WORDS.sub(" ", before[before.find(subject) + len(subject): before.rfind(f" {pronoun} ")])
    if NAME_RE.search(between):  # "Boris Johnson sacked Dominic Cummings after he admitted": either may be meant
        return ""
    name, is_person, _ = tracker.resolve(subject)
    known = is_person and tracker.full_names.get(name.split()[-1]) == name
    return name if known and tracker.fits(name, pronoun) else ""


_ON_OWN_ACCOUNT = re.compile(
    r"(?:a|an|the)\s+(?:statement|post|message|tweet|video|letter)\s+(?:posted\s+|published\s+|shared\s+)?(?:to|on)\s+"
    r"(his|her|their)\s+(?:official\s+|verified\s+)?(?:[A-Z]\w+\s+)?(?:account|page|feed|website|channel)$"
)
_NAME_OF = re.compile(rf"{NAME}{OF}")  # "the National Conference of State Legislatures"


def _according(sentence: Span, match: re.Match, tracker: SpeakerTracker) -> Attribution | None:
    """'..., according to X.': X's phrase gives the speaker (a name in it, or the phrase itself)."""
    phrase = match.group("who").strip()
    document = _DOCUMENT_BY_RE.match(phrase)  # "the reports by Johns Hopkins Center": the owner speaks
    if document and document.end() < len(phrase):
        phrase = phrase[document.end():]
    own_account = _ON_OWN_ACCOUNT.match(phrase)  # "a statement posted to his official Twitter account": his
    if own_account:
        phrase = {"his": "he", "her": "she"}.get(own_account.group(1).lower(), "they")
    after = sentence.text[match.end("who"):]
    named = re.match(rf",\s({NAME})\s*(?:[,.;!?]|$)", after) or re.search(rf",\s({NAME})\s*$", phrase)
    # "according to the foreign minister, Sameh Shoukry": the name wins over "(unnamed)"
    if named and named.group(1).split()[0] not in NOT_NAMES:
        actor, _, _ = tracker.resolve(named.group(1))
        start = match.start("claim")
        if named.string is not phrase and match.start("claim") > match.end("who"):
            start = max(start, match.end("who") + named.end())  # the claim follows the name
        claim = _claim_span(sentence, start, match.end("claim"))
        title = phrase[: named.start()].strip(" ,") if named.string is phrase else phrase
        if actor and claim is not None:
            return Attribution(actor, re.sub(r"^(?:the|a|an)\s+", "", title), claim, False, "according to", sentence.text)
    who = (_PHRASE_WHO.match(phrase) or BARE_ORG_RE.match(phrase) or _NAME_OF.search(phrase)  # of the body's whole name
           or re.fullmatch(PRONOUN_RE, phrase))
    if who is None:
        who_text = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
        if len(who_text.split()) > 4:
            return None
        actor, title = who_text, ""
    else:
        actor, _, title = tracker.resolve(who.group(0))
    claim = _claim_span(sentence, match.start("claim"), match.end("claim"))
    if not actor or claim is None:
        return None
    return Attribution(actor, tracker.roles.get(actor, "") or title, claim, False, "according to", sentence.text)


class _Chain:
    """Quotes that run over paragraphs: an open quote and the quote that continues it share a speaker."""

    def __init__(self) -> None:
        self.pending: list[Span] = []
        self.carry: tuple[str, str, str] | None = None
        self.in_para: tuple[int, tuple[str, str, str]] | None = None  # (paragraph start, its last quote's speaker)

    def same_paragraph(self, para: Span) -> tuple[str, str, str] | None:
        """The speaker of an earlier quote in this paragraph: '"...," she said. "More."' is all hers."""
        return self.in_para[1] if self.in_para and self.in_para[0] == para.start else None

    def settle(self, quote: Span, is_open: bool, continues: bool, who: tuple[str, str, str]) -> tuple[tuple[str, str, str], list[Span]]:
        """The speaker for ``quote`` and earlier open quotes that now get it."""
        if not who[0] and continues and self.carry:
            who = self.carry
        settled = self.pending if (who[0] and continues) else []
        if settled or not continues:
            self.pending = []
        self.carry = who if (is_open and who[0]) else None
        if is_open and not who[0]:
            self.pending.append(quote)
        return who, settled


def attribute(text: str, layout: Layout | None = None,
              passages: list[tuple[Span, bool]] | None = None) -> list[Attribution]:
    """Direct quotes and reported speech with their speakers, in order of appearance (``layout``:
    the text's paragraphs and sentences, ``passages``: its :func:`quoted_passages`, when another
    reader has found them already)."""
    if layout is None or layout.text is not text:
        layout, passages = Layout(text), None
    tracker = SpeakerTracker(text)
    quotes = list(passages) if passages is not None else quoted_passages(text, layout.paragraphs)  # consumed below
    quoted = [q[0] for q in quotes]  # sorted by start
    quoted_starts = [q.start for q in quoted]
    found: list[Attribution] = []
    chain = _Chain()
    lead = ""
    answering: tuple[str, str] | None = None  # the interviewee (and title) whose answer a paragraph may go on with
    turns = [_interview_turn(p.text) for p in layout.paragraphs]
    last_turn = max((p.start for p, turn in zip(layout.paragraphs, turns) if turn), default=-1)
    for para, interview in zip(layout.paragraphs, turns):
        # an answer goes on in the paragraphs before the next turn; after the last, the story goes on
        if interview or (answering and _SENTENCE_END.search(para.text) and last_turn > para.start):
            # an answer, and the paragraphs it goes on with, are the interviewee's; a question and what
            # either quotes are no one's row
            quotes = [q for q in quotes if not para.start <= q[0].start < para.end]
            answering = _interviewee(interview, tracker) if interview else answering
            start = interview.start("said") if interview else 0
            found += _interview_answer(para, layout.sentences_of(para), start, answering, tracker)
            continue
        answering = None
        turn = _TRANSCRIPT.match(para.text) or _labelled(para.text, tracker)
        if turn:
            transcript = turn.re is _TRANSCRIPT
            actor, _, title = tracker.resolve(turn.group("who").title() if transcript else turn.group("who"))
            content = _claim_span(para, turn.start("said"), len(para.text))
            if actor and content:
                quotes = [q for q in quotes if not para.start <= q[0].start < para.end]
                found.append(Attribution(actor, tracker.roles.get(actor, "") or title, content, transcript,
                                         "" if transcript else ":", para.text))
                tracker.remember(actor, tracker.roles.get(actor, ""))
                continue
        for sentence in layout.sentences_of(para):
            tracker.at = sentence.end
            inside = []
            while quotes and quotes[0][0].start < sentence.end:
                inside.append(quotes.pop(0)) if quotes[0][0].start >= sentence.start else quotes.pop(0)
            subject = _opening_subject(sentence.text)
            if not inside:  # "Waseem appeared ... in which he expressed": his own subject
                _note_subject(subject, tracker, gendered=True)
            direct = _direct(text, para, sentence, inside, tracker, chain, lead)
            found += direct
            if _within_a_quote(sentence, quoted, quoted_starts):  # someone's words: what they report others said is not a row
                continue
            clauses, before_another = _clauses(sentence)
            # the first clause's, when another speaker's clause follows and it has a speaker of its own
            reported = _reported(clauses[0], tracker) if before_another and ", " in sentence.text else None
            reported = reported or _reported(sentence, tracker)
            reported_here = _each_body(reported) if reported else []
            if reported and not any(_overlaps(reported.quote, a.quote) for a in direct):
                found += reported_here
                tracker.remember(reported.speaker, reported.role)
            elif not direct:
                _note_subject(subject, tracker)
            taken = [*direct, *reported_here[:1]]
            extras = [e for extra in _extras(sentence, clauses, tracker, taken) for e in _each_body(extra)]
            found += extras
            found += [co for a in [*reported_here, *extras] for co in _co_speakers(sentence, a, tracker)]
            found += [co for a in extras for co in _listed_after(sentence, a, tracker)]
            # whom the next sentence's "they" means: a group the sentence opens with, when no one else speaks in it
            tracker.group_from(partial(_group_alone, sentence.text, {a.speaker for a in [*direct, *reported_here, *extras]}, tracker))
        lead = para.text if para.text.endswith(":") else ""
    for attribution in found:
        if attribution.role.lower().rstrip(".") in _COURTESY_TITLES:  # "Mr Katter said": no role
            attribution.role = ""
        attribution.role = attribution.role or tracker.office_of(attribution.speaker)
    return sorted(found, key=lambda a: a.quote.start)


_COURTESY_TITLES = {"mr", "mrs", "ms", "miss", "mx"}
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019.,;:!?"


def _within_a_quote(sentence: Span, quoted: list[Span], starts: list[int]) -> bool:
    """Whether the sentence (its quote marks and punctuation aside) lies inside one quoted passage
    (``quoted`` sorted by start, ``starts`` their starts)."""
    core = sentence.text.strip(_EDGE)
    if not core:
        return False
    start = sentence.start + sentence.text.index(core)
    end = start + len(core)
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and quoted[index].start <= start and end <= quoted[index].end


# ", but Mara Quint said ...", ", while forecasters said ...": a clause reporting someone else (not ", and he
# determined ...", which goes on with the same speaker or needs the whole sentence to say who "he" is)
_ANOTHER_SPEAKER = re.compile(
    rf",\s+(?:and|but|while|whereas)\s+(?!(?:he|she|they|it|we|I)\s)"
    rf"(?=(?:{WHO})(?:(?!\s(?:that|who|which|whom|he|she|they|it|we|I)\s)[^,;:\u201c\"]){{0,40}}?\s(?:{REPORT_VERBS})\s)"
)


def _clauses(sentence: Span) -> tuple[list[Span], bool]:
    """The clauses of a sentence joined by '; ' ("..., Ruiz said; experts called this dubious ...") or by
    ", but/and/while" before another speaker's verb ("X said the talks had failed, but Quint said they would
    resume"), each of which may report someone else ([] when there is one clause); and whether a cut is
    before another speaker."""
    text = sentence.text
    # (another speaker's clause holds a report verb: the quick test first)
    speakers = [(m.start(), m.end()) for m in _ANOTHER_SPEAKER.finditer(text)] if _REPORT_HINT.search(text) else []
    if "; " not in text and not speakers:
        return [], False
    cuts = sorted([(m.start(), m.end()) for m in re.finditer(r";\s+", text)] + speakers)
    bounds = zip([0, *(end for _, end in cuts)], [*(start for start, _ in cuts), len(text)])
    return [Span(sentence.start + a, sentence.start + b, text[a:b]) for a, b in bounds], bool(speakers)


# a Wikinews interview's turn: "((Dorsa Derakhshani))  I started ..." is her answer, "((WN))" or "((WSS)) :" the
# interviewer's question; "((hi))Hindi language: ..." after an answer is its translation
_INTERVIEW_TURN = re.compile(r"^\(\((?P<who>[^()\n]{2,60})\)\)\s*:?\s*(?P<said>\S)")
_INTERVIEWERS = re.compile(r"[A-Z]{1,4}|.*\b(?:Wikinews|[Rr]eporter|[Ii]nterviewer|[Jj]ournalist|[Cc]orrespondent|[Hh]ost)\b.*|Q|Question")


def _interview_turn(text: str) -> re.Match | None:
    """The label of a Wikinews interview's turn ("((Mara Quint))  ..."), not a note ("((Update)) ...")."""
    turn = _INTERVIEW_TURN.match(text) if text.startswith("((") else None
    return turn if turn and turn.group("who").split()[0] not in _LABELS else None


_TRANSLATION = re.compile(r"\(\([a-z]{2,3}\)\)")


def _interviewee(turn: re.Match, tracker: SpeakerTracker) -> tuple[str, str] | None:
    """(actor, title) of an interview turn's speaker; None for the interviewer ("WN", or a reporter's
    initials: "RS")."""
    who = turn.group("who").strip()
    if _INTERVIEWERS.fullmatch(who):
        return None
    actor, _, title = tracker.resolve(who)
    return (actor, tracker.roles.get(actor, "") or title) if actor else None


ANSWER_WORDS = 60  # an answer's words a row quotes, in whole sentences: the opening of a long answer


def _interview_answer(para: Span, sentences: Sequence[Span], start: int, interviewee: tuple[str, str] | None,
                      tracker: SpeakerTracker) -> list[Attribution]:
    """The interviewee's words in a paragraph of their answer (from ``start`` in it, after the turn's
    label): its sentences from the first that says something (five words: not "Um yeah." or "Hi.") to
    about :data:`ANSWER_WORDS` words, without the translation after them ("((hi))Hindi language: ...");
    nothing for a question (``interviewee`` None)."""
    if interviewee is None:
        return []
    first = last = -1
    words = 0
    for sentence in sentences:
        begin = max(para.start + start, sentence.start)
        if sentence.end <= begin:
            continue
        text = sentence.text[begin - sentence.start:]
        translation = _TRANSLATION.search(text)
        text = text[:translation.start()] if translation else text
        if first < 0 and len(text.split()) >= 5:
            first = begin
        if first >= 0:
            last, words = begin + len(text.rstrip()), words + len(text.split())
        if translation or words >= ANSWER_WORDS:
            break
    # (the answer's own dashes stay in it: "Yeah, it's a good — if we knew that, we would be very happy")
    answer = _words_span(para, first - para.start, last - para.start) if first >= 0 else None
    if answer is None:
        return []
    tracker.remember(*interviewee)
    return [Attribution(*interviewee, answer, True, "", para.text)]


# "PENCE: Well, look, ..." (an interview transcript's turn: a name in capitals and a colon)
_TRANSCRIPT = re.compile(r"^(?:[\"\u201c]|'')?(?P<who>[A-Z][A-Z'\u2019.-]+(?: [A-Z][A-Z'\u2019.-]+){0,2}):\s+(?P<said>\S)")
# "Pat Ruiz: Voters Worried About the Levy" (a headline), "Ellis: “I don't ...”": a name, a colon, what they say
_LABELLED = re.compile(rf"^(?P<who>{NAME}):\s+(?P<said>\S)")
_LABELS = {"Update", "Note", "Editor", "Editors", "Photo", "Video", "Watch", "Related", "Read", "Source", "Correction",
           "Clarification", "Disclosure", "Warning", "Question", "Answer", "Q", "Breaking", "Live", "Listen",
           "Transcript", "Full", "Opinion", "Analysis", "Exclusive", "Credit", "Caption", "Image", "Subscribe", "More"}

_GLUED_LABEL = re.compile(r"[a-z](?:Image|Photo|Video|Credit|Caption)$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


def _labelled(text: str, tracker: SpeakerTracker) -> re.Match | None:
    """A paragraph opening with a name of up to three words and a colon, four words at least after it,
    that reports no speech of its own ("Islamabad: the minister said ..." is a dateline); in a body
    paragraph (one that ends a sentence) a one-word name only when it is the surname of someone the
    article names in full, not a place ("Islamabad: Fuel prices will rise."); a headline line keeps
    it ("Politifact: Trump Is Right ...")."""
    match = _LABELLED.match(text) if ":" in text[:40] else None
    if not match or len(match.group("who").split()) > 3 or len(text[match.start("said"):].split()) < 4:
        return None
    words = match.group("who").split()
    first = words[0].removesuffix("'s").removesuffix("\u2019s")
    if first in NOT_NAMES or first in _LABELS or _SPEECH_VERB.search(text, match.start("said")):
        return None
    if _GLUED_LABEL.search(words[-1]):
        return None  # a caption run into its credit ("Jo JorgensenImage: Jo Jorgensen for President.")
    line = text.split("\n", 1)[0]
    capitals = [w[:1].isupper() for w in line.split()]
    headline = not _SENTENCE_END.search(line) or sum(capitals) >= 0.6 * len(capitals)  # no full stop, or Title Case
    return match if len(words) > 1 or headline or words[0] in tracker.full_names else None


def _extras(sentence: Span, clauses: list[Span], tracker: SpeakerTracker, taken: list[Attribution]) -> list[Attribution]:
    """Positions a sentence shows besides its speech: a passive judgement, a finding, an act, and each of
    its ``clauses`` (:func:`_clauses`) reported on its own; none overlapping what is ``taken``."""
    out: list[Attribution] = []
    for extra in (_passive(sentence, tracker), _found_by(sentence, tracker), _action(sentence, tracker)):
        if extra and not any(_overlaps(extra.quote, a.quote) for a in [*taken, *out]):
            out.append(extra)
    if len(clauses) > 1:  # the clauses do not overlap one another: check each against the rest only
        others = [*taken, *out]
        for clause in clauses:
            extra = _reported(clause, tracker)
            if extra and not any(_overlaps(extra.quote, a.quote) for a in others):
                out.append(extra)
    return out


_ONE = rf"(?:{TITLED}|{NAME})"
# "Senator Ted Cruz and fellow Republican Representative Francis Rooney proposed ...", "Barr and Ross refused ..."
_COORDINATED = re.compile(
    rf"{LB}(?P<names>{_ONE}(?:,\s+{_ONE}){{0,4}},?\s+and\s+(?:(?:fellow|his|her|their)\s+)?(?:[a-z]+\s+)?{_ONE})"
)
_AND_OR_COMMA = re.compile(r",?\s+and\s+(?:(?:fellow|his|her|their)\s+)?(?:[a-z]+\s+)?|,\s+")
SUBJECT_TO_CLAIM_WORDS = 3  # words between the named subjects and the claim: the verb and an adverb or two


def _each_body(said: Attribution) -> list[Attribution]:
    """Two bodies named together as one speaker ('the Center for Biological Diversity and the Center for
    Food Safety requested ...') sign the same words each: a row each, as the annotation guidelines give
    the five signers of one letter. Anyone else: ``[said]``."""
    bodies = _TWO_BODIES.fullmatch(said.speaker)
    if not bodies:
        return [said]
    return [replace(said, speaker=bodies.group(1)), _theirs_too(said, bodies.group(2), "")]


def _co_speakers(sentence: Span, said: Attribution, tracker: SpeakerTracker) -> list[Attribution]:
    """The other people named with the speaker as the subject of reported words ('A and B refused to
    ...'): the same words are theirs too."""
    subject = sentence.text[: said.quote.start - sentence.start]
    out: list[Attribution] = []
    along = _ALONG_WITH.search(subject) if " with " in subject else None  # (the quick test first)
    if along and not _far(subject[along.end():]) and _ALONG_SUBJECT.fullmatch(subject[:along.start()]):
        out += _along_with(along.group("name"), said, tracker)
        subject = subject[:along.start()] + subject[along.end():]  # ("A and B, along with C, said": A and B as well)
    if " and " not in subject:
        return out
    for match in _COORDINATED.finditer(subject):
        if _far(subject[match.end():]) or _OBJECT_OF.search(subject, 0, match.start()):
            continue  # ("A lawyer for Mara Quint and Tom Hale said": the names are not the subject)
        names = [_without_opener(n) for n in _AND_OR_COMMA.split(match.group("names")) if n]
        names = [n for n in names if n]
        resolved = [tracker.resolve(n) for n in names]
        if said.speaker not in (actor for actor, _, _ in resolved) or not all(person for _, person, _ in resolved):
            continue  # people only: "the Institute of Epidemiology, Disease Control and Research" is one body
        for name, (actor, _, title) in zip(names, resolved):
            if actor and actor != said.speaker and actor not in (a.speaker for a in out) and (
                    tracker.named_again(actor) or _whole_person(name, names[-1])):
                out.append(_theirs_too(said, actor, tracker.roles.get(actor, "") or title))
    return out


# a list that a plural office opens after "by" ("co-sponsored by Senators Marco Rubio of Florida, Mike Lee of Utah,
# and David Perdue of Georgia"): each name, with the place it is "of"
_LISTED = re.compile(rf"(?P<name>{NAME})(?:\s+of\s+{NAME})?")
_LIST_REST = re.compile(rf"(?:,\s+(?:and\s+)?|\s+and\s+)(?P<name>{NAME})(?:\s+of\s+{NAME})?")


def _listed_after(sentence: Span, said: Attribution, tracker: SpeakerTracker) -> list[Attribution]:
    """The others a plural office names with the speaker of an act after "by": the same act is theirs too."""
    before = sentence.text[: said.quote.end - sentence.start]
    office = next((o for o in PLURAL_OFFICES if f"by {o} " in before), "")
    if not office:
        return []
    out: list[Attribution] = []
    match = _LISTED.match(sentence.text, before.index(f"by {office} ") + len(office) + 4)
    while match:
        actor, person, _ = tracker.resolve(match.group("name"))
        if not person:
            break
        if actor != said.speaker:
            out.append(_theirs_too(said, actor, said.role))
        match = _LIST_REST.match(sentence.text, match.end())
    return out


# the subject "along with" follows: a name or names, after an opening phrase ("On Monday, Klobuchar"); not an object
# ("Trump thanked Abe, along with ...", "A spokesman for Kim Kardashian, along with Kanye West, said")
_ALONG_SUBJECT = re.compile(  # (with the place a name is "of", an age or an apposition: "Dr. Anthony Fauci, the ...")
    rf"(?:[^,]*,\s+)?(?:[Tt]he\s+)?{_ONE}(?:(?:,\s+{_ONE})*,?\s+and\s+{_ONE})?"
    rf"(?:\s+of\s+{NAME})?(?:,\s+\d{{1,3}}|,\s+(?:the|a|an)\s+[^,]+)?"
)
# "Klobuchar, along with Senator Ron Wyden of Oregon, introduced a bill": the one named beside the subject
_ALONG_WITH = re.compile(rf",\s+(?:along|together)\s+with\s+(?P<name>{_ONE})(?:\s+of\s+{NAME})?,(?=\s)")


def _far(rest: str) -> bool:
    """Whether the words between named subjects and the claim are more than a verb and an adverb or two
    (but "said in a joint statement that" is near)."""
    return len(rest.split()) > SUBJECT_TO_CLAIM_WORDS and not _SAID_NEXT.match(rest)


def _along_with(name: str, said: Attribution, tracker: SpeakerTracker) -> list[Attribution]:
    """The person named "along with" the speaker, when the name is a person's and not the speaker again."""
    actor, person, title = tracker.resolve(name)
    if not person or not actor or actor == said.speaker:
        return []
    return [_theirs_too(said, actor, tracker.roles.get(actor, "") or title)]


_SAID_NEXT = re.compile(rf",?\s+{ADV}(?:{SPEECH_VERBS})\b")
_OBJECT_OF = re.compile(r"\b(?:for|of|to|with|from|by|against|about)\s+$")
_PARTY_PLURALS = {"Democrats", "Republicans", "Conservatives", "Liberals", "Socialists", "Greens"}


def _without_opener(name: str) -> str:
    """The name without a word that opens no name ("Republican Representative Francis Rooney", "But Ross",
    "Democrats Chuck Schumer")."""
    first, _, rest = name.partition(" ")
    return (rest if first in NOT_NAMES or (first in _PARTY_PLURALS and len(rest.split()) >= 2) else name).strip()


def _whole_person(name: str, last: str) -> bool:
    """Whether ``name``, named once, is a person of its own and not a piece of a title cut at an "and": a titled
    name ("Senator Ted Cruz"), or a name of two words or more beside a last name that holds no title to cut
    ("Mara Quint and Tom Hale"; not "Road Transport and Bridges Minister X")."""
    words = name.split()
    if words[0].lower().rstrip(".") in TITLE_WORDS:
        return True
    return len(words) >= 2 and not any(w.lower().rstrip(".") in TITLE_WORDS for w in last.split())


# two named bodies, each with a body's head word ("... Union of Montana and the Native American Rights Fund"),
# not one body's name that holds "and" ("Islamic State of Iraq and the Levant", "Department of Health and Human
# Services", "Center for Strategic and International Studies")
_BODY_WITH_HEAD = rf"(?:{UPPER}[\w'-]*\s)*?(?:{ORG_NOUN_CAP})(?:\s(?:of|for|on)\s(?:the\s)?{UPPER}[\w'-]*(?:\s{UPPER}[\w'-]*)*)?"
_TWO_BODIES = re.compile(rf"({_BODY_WITH_HEAD})\sand\s(?:the\s)?((?=(?:\S+\s){{2}}){_BODY_WITH_HEAD})")  # (the second: 3 words+)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


_OPENING_MARKS = {"", *MARKS, "'", "\u2018"}  # what may stand before a quote that opens its sentence
# '"...," further remarking, "...': the speaker of the quote before goes on
_GOES_ON_AFTER_QUOTE = re.compile(
    r"[\"\u201d\u2019'],?\s+(?:and\s+)?(?:further\s+|also\s+|then\s+|later\s+)?(?:adding|remarking|continuing|"
    r"noting|saying|going on to say|before adding)[,:]?\s*(?:''|[\"\u201c\u2018'])$"
)


def _direct(text: str, para: Span, sentence: Span, inside: list[tuple[Span, bool]], tracker: SpeakerTracker,
            chain: _Chain, lead: str) -> list[Attribution]:
    """Speakers for the quotes of one sentence; ``lead`` is a paragraph ending in a colon before this one."""
    out = []
    for quote, is_open in inside:
        continues = text[para.start: quote.start].strip() in MARKS
        who = _speaker_for_quote(text, quote, para, tracker)
        if not who[0] and continues and lead:
            who = _speaker_from_lead(lead, tracker)
        opens_sentence = text[sentence.start: quote.start].strip() in _OPENING_MARKS
        if not who[0] and (opens_sentence or _GOES_ON_AFTER_QUOTE.search(text, sentence.start, quote.start)):
            who = chain.same_paragraph(para) or who
        who, settled = chain.settle(quote, is_open, continues, who)
        actor, role, cue = who
        if actor:
            chain.in_para = (para.start, who)
            outside = sentence.text.replace(quote.text, " ")
            lead = _lead_in(text[sentence.start: quote.start]) if quote.text[:1].islower() else ""
            out += [Attribution(actor, role, q, True, cue, outside, lead if q is quote else "") for q in [*settled, quote]]
            tracker.remember(actor, role)
    return out


_LEAD_CUE = re.compile(rf"\b(?:{REPORT_VERBS})\s+(?:that\s+)?(?P<lead>[^\u201c\u201d\",;:]{{3,200}}?)\s*(?:''|[\"\u201c\u2018'])$")

_LEAD_RELATIVE = re.compile(
    rf"\b(?:a|an|the|this)\s+(?P<noun>[a-z]{{3,}})\s+(?:that|which)\s+[^\u201c\u201d\",;:]{{2,60}}?\s+(?:{SPEECH_VERBS})"
    r"\s*(?:''|[\"\u201c\u2018'])?$"
)

_VERB_FIRST = re.compile(r"(?:would|will|could|should|was|is|were|are|had|has|have|must|might|may|can)\s")


def _lead_in(before: str) -> str:
    """'Kato said Tokyo would "relentlessly ...': the words of the reported clause before a quoted fragment."""
    match = _LEAD_CUE.search(before[-240:])
    lead = match.group("lead").strip() if match else ""
    relative = _LEAD_RELATIVE.search(before[-240:]) if not lead else None
    if relative:  # 'a meeting that Nakatani said would "...' -> 'The meeting would ...'
        lead = f"The {relative.group('noun')}"
    return "" if not lead or lead.split()[-1] in {"to", "as", "of", "the", "a", "an"} else lead


def _speaker_from_lead(lead: str, tracker: SpeakerTracker) -> tuple[str, str, str]:
    """'Caddell continued:' or 'The New York Times reports:' alone in the paragraph before a block quote."""
    match = _search_words(_BEFORE, lead[-250:])
    if not match:
        return "", "", ""
    actor, is_person, title = _resolve_appositive(tracker, match.group("who"), match.group("appos"))
    return actor, (title if is_person else "") or tracker.roles.get(actor, ""), lead[match.start():].strip()


_ACCORDING_OPENING = re.compile(r"(?:(?:But|And|Yet)\s+)?[Aa]ccording\s+to\s+")
# "In Ohio, which was planning to hold its primary on Tuesday, Governor Mike DeWine postponed it": the
# phrase may hold a relative clause of its own
_OPENING_PHRASE = re.compile(
    r"(?:[A-Z][a-z]+|[Ii]n|[Oo]n|[Aa]t|[Aa]fter|[Dd]uring)\b[^,.;:\u201c\"]{0,60},\s+"
    r"(?:(?:which|where|when)\s[^,.;:\u201c\"]{3,80},\s+)?(?:(?:the\s+)?[a-z]+\s+){0,3}"
)


# "And Dirar has revealed that ...": a conjunction before the subject
_OPENING_CONJUNCTION = re.compile(r"(?:And|But|Yet|So|Still|Meanwhile|However),?\s+(?=[A-Z])")


def _opening_subject(text: str) -> str:
    """The name a sentence opens with, after an opening phrase ("In a statement, ...") or a conjunction,
    or the source it opens with ("According to Dr. Tom Frieden, ...": whom a following "He said" means), or ''."""
    conjunction = _OPENING_CONJUNCTION.match(text)
    text = text[conjunction.end():] if conjunction else text
    match = _SUBJECT_NAME.match(text)
    # not a possessive: "Labour's deputy leader, Angela Rayner, ..." is hers, after the opening phrase
    if match and match.group(0).split()[0] not in NOT_NAMES and not _possessive(match):
        return match.group(0)
    opening = _ACCORDING_OPENING.match(text) or _OPENING_PHRASE.match(text)
    match = _SUBJECT_NAME.match(text, opening.end()) if opening else None
    return match.group(0) if match and not _possessive(match) else ""


# a group a sentence opens with, whom a "They found ..." in the next sentence means: "Stamenkovic et al studied ...",
# "The Montreal team, led by X, used ...", "Researchers used swab samples ...", "Here, researchers evaluated ..."
_GROUP_OPENING = re.compile(
    rf"(?:(?:Here|Then|Later|Next|First|In \d{{4}}),\s+)?(?P<who>{NAME}\s+et\s+al\b\.?|{RESEARCH_GROUP}|{NOMINAL}|{ORG})"
    # the group acts: not "Many of the victims were children", "Two men were arrested"
    r"(?=[,\s])(?!\s+(?:were|was|are|is|(?:had|have|has)\s+been|remain(?:ed|s)?)\b)"
)
_DETERMINERS = {"The", "His", "Her", "Their", "Its", "Some", "Many", "Several", "Both", "Most", "Other", "Two", "Three"}
_NOT_GROUP_OPENERS = NOT_NAMES - _DETERMINERS  # "Now officers believe ...": an adverb, not the group's name
_ANOTHER_GROUP = re.compile(rf"\b(?:police|officers|officials|authorities|troops|{ORG})\b")
_PLURAL_HEAD = re.compile(r"(?:(?<!s)s|\bet al\.?|\b(?:team|group|panel|people|children|men|women))$", re.IGNORECASE)


def _group_alone(text: str, speakers: set[str], tracker: SpeakerTracker) -> str:
    """The group ``text`` opens with (:func:`_group_subject`), when none of its ``speakers`` is anyone else."""
    group = _group_subject(text, tracker)
    return "" if speakers - {group} else group


def _group_subject(text: str, tracker: SpeakerTracker) -> str:
    """The group ``text`` opens with (:data:`_GROUP_OPENING`), resolved, or ''."""
    conjunction = _OPENING_CONJUNCTION.match(text)
    start = conjunction.end() if conjunction else 0
    lowered = text[:start] + text[start:start + 1].lower() + text[start + 1:]  # "Researchers used ...": a plural noun
    match = _GROUP_OPENING.match(text, start) or _GROUP_OPENING.match(lowered, start)
    if not match or not _plural(match.group("who"), text) or match.group("who").split()[0] in _NOT_GROUP_OPENERS:
        return ""
    who = match.group("who")
    if _ANOTHER_GROUP.search(text, match.end()):
        return ""  # "Protesters clashed with police. They said ...": either
    first, _, rest = who.partition(" ")
    actor, _, _ = tracker.resolve(f"{first.lower()} {rest}" if first in _DETERMINERS else who)  # "His lawyers said"
    return actor


def _plural(group: str, text: str) -> bool:
    """Whether a group's name has a plural head: its last word ("Two men", "The Montreal team"), or its first
    for researchers at a body ("Researchers at Oxford University"), unless they asked others (``text``, the
    sentence: "Researchers at Oxford interviewed 300 teachers. They said ...": the teachers)."""
    if RESEARCH_GROUP_RE.fullmatch(group):
        return not _ASKED_OTHERS.search(text)
    return bool(_PLURAL_HEAD.search(group))


_ASKED_OTHERS = re.compile(r"\b(?:interview|survey|ask|poll|question|consult)(?:ed|s)?\b")


def _possessive(match: re.Match) -> bool:
    """Whether a subject name only holds the person the sentence is about ("Labour's deputy leader, Angela
    Rayner, ..."); a name holding a thing is still the topic ("Brendan Fraser's appearance ... He quipped")."""
    return any(w in _HOLDERS or _PERSON_WORD.fullmatch(w) for w in _held_after(match))


def _note_subject(subject: str, tracker: SpeakerTracker, gendered: bool = False) -> None:
    """A sentence that opens with a known person (``subject``, its :func:`_opening_subject`) makes them
    the referent of a following 'he' (``gendered``: only a person whose gender the article shows, so
    that 'she' still skips a man)."""
    if not subject or (gendered and tracker.full_names.get(subject.split()[-1]) not in tracker.genders):
        return  # (a cheap test first: this runs on most sentences)
    name, _, _ = tracker.resolve(subject) if subject.lower() not in PRONOUNS else ("", False, "")
    if name and tracker.full_names.get(name.split()[-1]) == name and (not gendered or name in tracker.genders):
        tracker.mention(name)


_DOCUMENTS = {
    "statement", "report", "poll", "survey", "study", "article", "book", "ad", "video", "database", "letter",
    "memo", "analysis", "paper", "editorial", "filing", "lawsuit", "complaint", "indictment", "petition",
    "resolution", "website", "memoir", "unclear speaker",
}

# news outlets: they report what others say; they hold a position only in their own editorial
_OUTLET = re.compile(
    r"^(?:NPR|BBC|CNN|Reuters|AP|AFP|Associated Press|Agence France-Presse|Al Jazeera|Bloomberg|Xinhua|TASS|"
    r"Interfax|Fox News|MSNBC|ABC|CBS|NBC|PBS|RT|Sputnik|Anadolu|Yonhap|Kyodo|DPA|Wikinews)$|"
    r"\b(?:News|Times|Post|Mail|Journal|Herald|Guardian|Telegraph|Tribune|Gazette|Daily|Reporter|Radio|"
    r"Television|TV|Agency|Press|Chronicle|Observer|Independent|Express|Standard|Sun|Star|Record|Monitor|"
    r"Politico|Axios|Newsweek|magazine|newspaper|outlet|broadcaster|network|media|state television|news agency)$"
)
_EDITORIAL = re.compile(r"\b(?:editorial|opinion piece|leader column|editorial board|op-ed)\b", re.IGNORECASE)


def is_outlet(speaker: str) -> bool:
    """Whether a speaker is a news outlet ("NPR", "Cyprus Mail", "Hurriyet Daily News")."""
    return bool(_OUTLET.search(speaker.strip()))


def shows_position(attribution: Attribution) -> bool:
    """Whether a speaker takes a position here: not a fact sourced "according to" X, not a bare
    "the report", not a news outlet reporting (only its own editorial)."""
    if attribution.cue == "according to" and not attribution.direct:
        return False
    if is_outlet(attribution.speaker) and not _EDITORIAL.search(f"{attribution.cue} {attribution.context}"):
        return False
    return attribution.speaker.lower() not in _DOCUMENTS and not _STATE_DOCUMENT.fullmatch(attribution.speaker)


def modal_claim(text: str) -> str:
    """A normative claim in the text ('Japan needs to do a lot more to defend itself'), if any."""
    match = _MODAL_CLAIM.search(text) if _MODAL.search(text) else None
    return match.group("claim").strip() if match else ""
