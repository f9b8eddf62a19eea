"""Strict speaker accuracy: does the article name the row's actor as the speaker of its quote?

The engine's own check (:func:`summariser.grounding.quotes.speaker_near`) only asks whether any word of
the actor stands within a few hundred characters of the quote. That passes "Without Nigeria"
(the word "Nigeria" is near), the outlet that reported the quote ("... told NPR") and a person
merely mentioned near someone else's words. The evaluation uses this stricter check:

1. **Fragments fail**: an actor that starts with a function word ("Without Nigeria"), has no
   name left once titles are removed, or is written in the article only inside a longer name it
   does not identify ("Kong" in "Hong Kong", "Space Research" in "National Institute for Space
   Research"; a surname inside the full name is fine: "Trump" in "Donald Trump").
2. **The attributed speaker decides**: when the quote's sentence attributes it — a speech verb
   right after the quote ('," Grant said', '", said Grant', ', Cyprus Mail reported') or the last
   speech verb before it in its sentence ('Ivor Kalanek, said ... would "', 'according to X') —
   the actor must be that speaker (same identity as in :mod:`.matching`, or the speaker phrase's
   last capitalised name: "Greek daily Kathimerini" ~ "Kathimerini"). The speaker phrase is the
   last few clauses before the verb, each whole and split at "and" ("the Islamic State of Iraq and
   the Levant"; "Barr and Ross"), and the sentence's opening subject before place and time phrases
   ("Bruce McArthur, from Toronto, Canada, on Tuesday admitted": not "Toronto"). A quote closed by a
   full stop (also "[.]") ends its sentence; one closed by "?" or "!" goes on when a lower-case word
   follows ('?" wrote Cattelan'). A new clause after the quote ("while", "and", "but", "whereas") that
   runs into another quote, with or without a colon, introduces that one ("Haskell said: 'X', while
   Goode added: 'Y'": X is Haskell's, as is "Schumer told MSNBC he 'was a great man,' while Trump
   noted his 'strength'"; but "'X,' Haskell said: 'Y'" is Haskell's twice). The second half of a quote
   split by its attribution is the speaker's named between the halves ('"...," said Khan, "here ..."');
   a quote that opens its own sentence is not attributed by the sentence before it. A different named
   person fails. A pronoun ("he said") or an unnamed subject leaves the decision to step 3; a relative
   "who" is no pronoun ("Ali Asghar Mirshekari, the deputy governor, who said": his words).
3. **Otherwise** the actor must be named (not as a fragment) within the window the engine uses: in
   full, or a person's name of two or more words by its surname ('"...", said Kosgei after the race.
   "But I felt ..."' for "Brigid Kosgei"; an organisation or an unnamed source only in full).
4. **Outlets fail when they only report**: an actor in :data:`OUTLETS` (NPR, BBC, Reuters, AP,
   Cyprus Mail, Wikinews, "the newspaper" ...) passes only when the article attributes the quote
   to it with a verb of its own judgement ("Népszava noted", "Kathimerini said"), not with a
   verb of reporting ("reported", "according to", "citing", "told") and not without attribution.
   The source such an outlet cites is the speaker when the sentence names no other ("Reuters, citing
   two officials, reported ...", "According to AFP, which cited sources close to the investigation,
   ..."): a name or a word for a source that speaks (officials, a spokesman, the ministry), not a
   reason ("citing ill health") or a document's owner before the document ("citing X data").
5. **Names may open with any Latin capital** ("\u0141ukasz Szumowski", "\u0160tefl"): a given name
   written so is still a given name, so "Karl Szumowski" fails where the article names \u0141ukasz.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..grounding.quotes import SPEAKER_WINDOW_AFTER, SPEAKER_WINDOW_BEFORE
from ..core.schema import Brief, Evidence
from ..core.text import CAPITALS, MONTHS, WEEKDAYS
from .dataset import GoldStance
from .matching import (
    DEMONYMS,
    FUNCTION_WORDS,
    GENERIC,
    PLACES,
    TITLES,
    actor_score,
    fold,
    identity_score,
    parse_name,
    wordset,
)

REPORTING_VERBS = wordset("reported reports reporting report according citing cited quoted quoting told")
SPEECH_VERBS = REPORTING_VERBS | wordset(
    "said says say stated states added adds noted notes wrote writes argued argues claimed claims warned warns "
    "insisted insists explained explains announced announces tweeted posted urged urges called calls asked "
    "replied declared declares accused denied denies admitted admits acknowledged suggested believes believed "
    "countered concluded commented remarked emphasised emphasized stressed described alleged blamed blames "
    "condemned criticised criticized praised welcomed rejected rejects opposed supported defended demanded "
    "demands expressed declined reiterated confirmed confirms promised vowed threatened predicted estimated "
    "maintained maintains insisted responded"
)
OUTLETS = frozenset(
    fold(name) for name in (
        "NPR", "BBC", "BBC News", "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Cyprus Mail",
        "Wikinews", "CNN", "Al Jazeera", "Guardian", "New York Times", "Washington Post", "Daily Telegraph",
        "Telegraph", "Business Insider", "Rudaw", "Fars", "ISNA", "IRNA", "Tasnim", "Kathimerini", "Military Times",
        "Bloomberg", "Fox News", "ABC", "CBS", "NBC", "Politico", "Axios", "Sky News", "Xinhua", "TASS", "Anadolu",
        "Saudi Press Agency", "newspaper", "news agency", "agency", "paper", "daily", "broadcaster", "outlet",
    )
)
_PRONOUNS = wordset("he she they it we i you who which this that")
_WEEKDAYS = WEEKDAYS.replace("|", " ").lower()  # the core's alternations, as word sets
_CALENDAR = wordset(f"{_WEEKDAYS} {MONTHS.replace('|', ' ').lower()}")
_NOT_NAMES = PLACES | frozenset(DEMONYMS) | _CALENDAR | wordset("speaking he she they it we i")
_WHEN_WORDS = wordset(f"{_WEEKDAYS} yesterday today")
_AUXILIARIES = wordset("has have had is are was were also later then again publicly")
_DETERMINERS = wordset("both the a an in on at this that these those but and while after before when")
_PARTICLE = r"(?:al|el|bin|ibn|de|da|van|von|der|la|le)"
# a phrase that is only where or when: "from Toronto", "on Tuesday", "in New York"
_ADJUNCT = re.compile(
    r"(?:from|in|on|at|during|after|before|since|via|through|near|outside|inside)\s+(?:the\s+)?"
    r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*$"
)
# a sentence's first phrase that is its subject, not an opening adjunct ("In Washington", "After the vote")
_SUBJECT_FIRST = re.compile(
    r"(?!(?:In|On|At|After|Before|During|Following|Despite|Since|For|From|With|Without|Under|Over|Speaking|"
    r"Writing|Like|Unlike|As|When|While|Although|Though|If|But|And|Yet|However|According|Earlier|Later|"
    r"Meanwhile|Also|Then|Last|This|Next)\b)[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019.-]*)+$"
)
_CAPITALISED = re.compile(rf"(?:{_PARTICLE}-)?[{CAPITALS}][\w'\u2019.-]*|{_PARTICLE}")
_WORD = re.compile(r"[\w'\u2019-]+")


def speaker_accuracy(brief: Brief, sources: Mapping[str, str], locate_in_sources: Callable[[str, str, Mapping[str, str]], Evidence],
                     gold: Sequence[GoldStance] = ()) -> tuple[int, int]:
    """(rows whose actor is the quote's speaker, rows checked): rows whose first quote is found.

    A row's actor is also known by the declared aliases of the gold actors it matches ("SDF")."""
    hits = checked = 0
    for row in brief.stance_table:
        for evidence in row.evidence[:1]:
            located = locate_in_sources(evidence.quote, evidence.source_id, sources)
            if located.verified:
                checked += 1
                hits += speaker_ok(row.actor, located, sources[located.source_id], declared_aliases(row.actor, gold))
    return hits, checked


def declared_aliases(actor: str, gold: Sequence[GoldStance]) -> tuple[str, ...]:
    """The names of every gold actor the predicted actor is identified with."""
    return tuple(dict.fromkeys(n for g in gold if actor_score(actor, g.names) for n in g.names))


def speaker_ok(actor: str, evidence: Evidence, source: str, aliases: tuple[str, ...] = ()) -> bool:
    """Whether the article names ``actor`` as the speaker of the located quote (module docstring)."""
    name = parse_name(actor)
    if evidence.start is None or evidence.end is None or not name.raw or name.raw[0] in FUNCTION_WORDS:
        return False
    names, outlet = [actor, *aliases], is_outlet(actor)
    if not outlet and _opens_with(names, source[evidence.start:evidence.end]):
        return True
    attribution = find_attribution(source, evidence.start, evidence.end, keep_reports=outlet)
    before = SPEAKER_WINDOW_BEFORE
    if attribution is not None:
        if any(names_actor(s, names) for s in attribution.subjects):
            return not (outlet and attribution.verb in REPORTING_VERBS)
        if attribution.subjects:
            return False
        before = 2 * SPEAKER_WINDOW_BEFORE  # "he said": the name may be a sentence or two back
    return not outlet and named_in_window(names, source, evidence.start, evidence.end, before)


def is_outlet(actor: str) -> bool:
    """Whether the actor is a news outlet (or "the newspaper"), which only reports unless it judges."""
    raw = " ".join(parse_name(actor).raw)
    return raw in OUTLETS or any(raw.endswith(" " + o) for o in OUTLETS)


def names_actor(subject: str, names: list[str]) -> bool:
    """Whether a speaker phrase names the actor (same identity, either way round; an unnamed
    source such as "official" when the phrase contains it: "a senior Veskarian official")."""
    said = parse_name(subject).raw
    for n in names:
        if identity_score(n, subject) or identity_score(subject, n):
            return True
        name = parse_name(n)
        raw, k = name.raw, len(name.raw)
        generic = raw and not name.core_is_name and any(t in GENERIC for t in raw)  # "official", not "Kong"
        if generic and any(said[i:i + k] == raw for i in range(len(said) - k + 1)):
            return True
    return False


def _opens_with(names: list[str], quote: str) -> bool:
    """A paraphrase span that opens with its subject ("Merkel seconded ...", "The embassy declined ...",
    "Over 220 members of the House ...") or names it as the agent ("... was condemned by members of the EU")."""
    head = " ".join(quote.split()[:10])
    for name in filter(None, names):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?:['\u2019]s)?(?![\w-])", head, flags=re.IGNORECASE):
            before = head[:match.start()].split()
            if before[-1:] == ["by"] or all(_leading(w) for w in before):
                return True
    return False


def _leading(word: str) -> bool:
    """Words that may open a subject before the name: determiners, numbers, titles, other names."""
    return word.lower() in _DETERMINERS or word.lower() in _QUANTIFIERS or word[:1].isupper() or word[:1].isdigit()


_QUANTIFIERS = wordset("over more than some all several many most unnamed two three four five")


def capitalised_runs(text: str) -> list[str]:
    """Runs of capitalised words in a phrase, without leading determiners ("The spokesperson" -> none)."""
    runs: list[str] = []
    run: list[str] = []
    for word in text.split() + [""]:
        word = word.strip(",.;:")
        if word and _CAPITALISED.fullmatch(word) and (word[:1].isupper() or run):
            run.append(word)
            continue
        while run and (run[0].lower() in _DETERMINERS or not run[0][:1].isupper()):
            run.pop(0)
        if run and not all(fold(w) in _NOT_NAMES for w in run):
            runs.append(" ".join(run))
        run = []
    return runs


# --- finding the attribution ------------------------------------------------------------------------

_SPLIT_QUOTE = re.compile(
    r"[,!?][\"'\u201d\u2019]\s+(?P<verb>[a-z]+)\s+(?P<who>[^,.;:!?\"\u201c\u201d]{2,80}?)(?:,[^,\"\u201c\u201d]{0,60})?[,:]\s*$"
)
_GOES_ON = re.compile(r"[\s\"'\u201d\u2019]*[a-z]")
_SENTENCE_END = re.compile(r"(?:[.!?][\"'\u201d\u2019]?\s+(?=[A-Z\"'\u201c\u2018]|$)|\n)")  # also right before the quote


@dataclass(frozen=True)
class Attribution:
    """Who the quote's sentence says spoke: the named candidates (none for "he"), and the verb."""

    subjects: tuple[str, ...]  # the subject phrase, then the capitalised names around it
    verb: str


def find_attribution(source: str, start: int, end: int, keep_reports: bool = False) -> Attribution | None:
    """The attribution of a quote: right after it, else the last speech verb before it in its sentence.

    A quote inside a longer quotation is attributed as the whole quotation. Unless ``keep_reports``,
    an outlet that only reports ("according to the BBC", "Reuters reported") is passed over."""
    start, end = _quotation(source, start, end)
    # no '," Grant said' after a quote that ended its sentence (also with an editor's "[.]"); after a
    # question or exclamation the sentence goes on when a lower-case word follows ('?" wrote Cattelan')
    closing = source[start:end].rstrip(" \"'\u201d\u2019]")
    ended = closing.endswith(".") or (closing.endswith(("!", "?")) and not _GOES_ON.match(source, end))
    before = _sentence_before(source, start)
    found = [None if ended else _after(source[end:end + 120]), _before(before)]
    cited = None
    for attribution in filter(None, found):
        if not keep_reports and attribution.verb in REPORTING_VERBS and any(is_outlet(s) for s in attribution.subjects):
            cited = cited or _cited(before)  # "According to AFP, which cited sources close to ..."
            continue
        return attribution
    return cited  # (only when the sentence names no other speaker: "chief executive Jane Roe said: ..., Reuters reported")


_CITING = re.compile(r"\bcit(?:ing|ed)\s+(?P<who>[^,;:]+?)(?=\s+(?:that|as saying)\b|[,;:]|$)")
# a source that speaks, not a reason ("citing ill health", "citing weak demand"): a name, or a word for one
_SOURCE_WORD = re.compile(r"\b(?:officials?|sources?|spokes(?:man|woman|person)|police|ministry|minister|officers?|"
                          r"diplomats?|executives?|aides?|military|army|government|people|analysts?|experts?)\b")


def _cited(text: str) -> Attribution | None:
    """The source an outlet cites in the words before a quote ("Reuters, citing two officials, reported ...")."""
    cited = list(_CITING.finditer(text))
    if not cited:
        return None
    who = cited[-1].group("who")
    runs = capitalised_runs(who)
    if not runs and not _SOURCE_WORD.search(who):
        return None
    return Attribution(tuple(dict.fromkeys(filter(None, [_strip_determiners(who), *runs]))), "cited")


def _quotation(source: str, start: int, end: int) -> tuple[int, int]:
    """The span of the quotation the quote sits in (its paragraph has an odd number of marks before it)."""
    para = source.rfind("\n", 0, start) + 1
    marks = [m.start() + para for m in re.finditer(r"[\"\u201c\u201d]", source[para:start])]
    if len(marks) % 2 == 0:
        return start, end
    close = re.search(r"[\"\u201c\u201d]", source[end:source.find("\n", end) if "\n" in source[end:] else len(source)])
    return marks[-1], end + close.end() if close else end


def _attribution(chunks: list[str], verb: str) -> Attribution | None:
    """The candidates named in the phrases before a speech verb (the last few clauses: appositions)."""
    if len(chunks) > 1 and _WORD.findall(chunks[-1])[:1] in (["who"], ["which"]):
        chunks = chunks[:-1]  # "The driver of the car, who has not been identified, said": the driver
    if not chunks:
        return None
    first = _WORD.findall(chunks[-1])[:1]
    if first and first[0].lower() in _PRONOUNS:
        return Attribution((), verb)
    near = chunks[-3:]
    if len(chunks) > 3 and _SUBJECT_FIRST.match(chunks[0]):
        near = [chunks[0], *near]  # "Bruce McArthur, from Toronto, Canada, on Tuesday admitted"
    near = [c for c in near if not _ADJUNCT.match(c)] or near[-1:]  # not "from Toronto", "on Tuesday"
    # each phrase whole ("the Islamic State of Iraq and the Levant") and split at "and" ("Barr and Ross")
    phrases = [_strip_determiners(p) for c in near for p in [c, *re.split(r"\band\b", c)]]
    runs = [r for c in near for r in capitalised_runs(c)]
    if not runs:
        return None
    return Attribution(tuple(dict.fromkeys([*filter(None, phrases), *runs])), verb)


def _strip_determiners(phrase: str) -> str:
    """A subject phrase without leading determiners and trailing auxiliaries and adverbs ("both X have" -> "X")."""
    words = phrase.split()
    while words and words[0].lower() in _DETERMINERS:
        words.pop(0)
    while words and (words[-1].lower() in _AUXILIARIES or words[-1].lower().endswith("ly")):
        words.pop()  # "Some scientists had previously" -> "Some scientists"
    if words and words[-1].lower() in _WHEN_WORDS:  # "the government of Burundi on Tuesday" -> "... Burundi"
        words.pop()
        if words and words[-1].lower() == "on":
            words.pop()
    return " ".join(words)


# "'...', while Goode added: '...'", "'...,' while Trump noted his '...'": a new clause that runs into another
# quote introduces that one ("'...,' Haskell said: '...'" is one speaker's on both sides)
_NEW_CLAUSE = re.compile(r"(?:while|and|but|whereas)\s")
_INTRODUCES = re.compile(r"\s*:?\s*[\"'\u201c\u2018]")


def _after(text: str) -> Attribution | None:
    """'," Grant said.' / '", said Grant.' / ', Cyprus Mail reported.' right after the quote."""
    rest = re.sub(r"^[\s\"'\u201c\u201d\u2018\u2019]*,?[\s\"'\u201c\u201d\u2018\u2019]*", "", text, count=1)
    clause = re.split(r"[.;:!?\n\"\u201c\u201d(]|,\s", rest, maxsplit=1)[0]
    if _NEW_CLAUSE.match(clause) and _INTRODUCES.match(rest, len(clause)):
        return None
    words = _WORD.findall(clause)[:7]
    if len(words) < 2:
        return None
    if _is_verb(words[0]):
        return _attribution([" ".join(words[1:])], words[0])
    verb = next((i for i, w in enumerate(words) if i and _is_verb(w)), None)
    return None if verb is None else _attribution([" ".join(words[:verb])], words[verb])


def _is_verb(word: str) -> bool:
    return word in SPEECH_VERBS  # lower case only: "States" in "United States" is not a verb


def _noun(text: str, verb: re.Match) -> bool:
    """'reports' or 'report' before a speech verb is the noun ("Initial reports stated ..."), not the verb."""
    following = _WORD.match(text, verb.end() + 1)
    return verb.group() in ("reports", "report") and following is not None and _is_verb(following.group())


def _sentence_before(source: str, start: int) -> str:
    text = source[max(0, start - 400):start]
    ends = list(_SENTENCE_END.finditer(text))
    return text[ends[-1].end():] if ends else text


def _before(text: str) -> Attribution | None:
    """The last speech verb before the quote in its sentence, and the phrase that is its subject."""
    according = list(re.finditer(r"according to ([^,;]+)", text, flags=re.IGNORECASE))
    verbs = [m for m in _WORD.finditer(text) if _is_verb(m.group()) and m.group() != "according" and not _noun(text, m)]
    if according and (not verbs or according[-1].start() > verbs[-1].start()):
        return _attribution([according[-1].group(1)], "according")
    if not verbs:
        return None
    split = _SPLIT_QUOTE.search(text)
    if split:  # '"...," said Khan, "here ...': the speaker named between the two halves of a quote
        after = _attribution([split.group("who")], split.group("verb"))
        if after is not None:
            return after
    head, last = "", 0
    for verb in verbs[:-1]:  # an earlier speech verb ends a clause too: "X said the government had"
        head, last = head + text[last:verb.start()] + ",", verb.end()
    head += text[last:verbs[-1].start()]
    chunks = [c.strip() for c in re.split(r"[,;:()\"\u201c\u201d\u2014]", head) if c.strip()]
    return _attribution(chunks, verbs[-1].group())


# --- the fallback: named near the quote --------------------------------------------------------------


def named_in_window(names: list[str], source: str, start: int, end: int, before: int = SPEAKER_WINDOW_BEFORE) -> bool:
    """Whether the actor is written, as itself and not as part of a longer name, near the quote."""
    lo, hi = max(0, start - before), min(len(source), end + SPEAKER_WINDOW_AFTER)
    window = source[lo:hi]
    surnames = {surname: n.split()[0] for n in names if (surname := _surname(n))}
    forms = {f for n in names for f in (n, " ".join(parse_name(n).core)) if f} | set(surnames)
    for form in forms:
        spaced = re.escape(form).replace(r"\ ", r"\s+")  # "the  photographer's website": one name over two spaces
        for match in re.finditer(rf"(?<![\w-]){spaced}(?:['\u2019]s)?(?![\w-])", window, flags=re.IGNORECASE):
            if form in surnames and _other_given_name(window, match.start(), surnames[form]):
                continue  # "President Donald Trump" does not name Ivanka Trump
            if not _fragment(window, match.start(), match.end()):
                return True
    return False


def _other_given_name(text: str, start: int, given: str) -> bool:
    """Whether the capitalised word before a surname at ``start`` is a given name other than ``given``
    (a title or honorific before it is fine: "Mr. Kosgei", "President Kosgei")."""
    before = re.search(r"([A-Z][\w'\u2019.-]*)\s+$", text[:start])
    if before is None:
        return False
    word = before.group(1).rstrip(".")
    return fold(word) not in TITLES and fold(word) != fold(given)


def _surname(name: str) -> str:
    """The surname of a person's name of two or more words, as written ("Kosgei" for "Brigid Kosgei"); ''
    for anything else (an organisation, a place, an unnamed source)."""
    words = name.split()
    if "(unnamed)" in name or not parse_name(name).is_person or not words[-1][:1].isupper():
        return ""
    return words[-1].strip(".,")


def _fragment(text: str, start: int, end: int) -> bool:
    """A mention inside a longer name: followed by a capitalised word ("Hong" Kong, "Iraqi" Security
    Forces), after "of"/"for" and a capitalised word (Institute for "Space Research"), or ending a place
    name ("Kong" in "Hong Kong")."""
    following = re.match(r" ([A-Z][\w'\u2019-]*)", text[end:])
    if following and following.group(1).lower() not in _CALENDAR:
        return True
    previous = text[max(0, start - 40):start].split()
    if len(previous) >= 2 and previous[-1] in ("of", "for") and previous[-2][:1].isupper():
        return True
    return bool(previous) and f"{fold(previous[-1])} {fold(text[start:end])}" in PLACE_NAMES


PLACE_NAMES = frozenset({"hong kong", "saudi arabia", "united states", "united kingdom", "new york", "new zealand",
                         "sri lanka", "south africa", "north korea", "south korea", "united nations"})
