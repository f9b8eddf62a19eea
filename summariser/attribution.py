"""Who said what: direct quotes and reported speech with their speakers, by rule.

Used by the offline extractive engine. It finds quoted spans (curly or straight quotes) and
reported speech ("X said Japan should ..."), attributes each to a speaker from the speech verb
next to it ("said Christopher Johnstone, a former ...", "Kato told", "according to ..."),
resolves pronouns and surnames to the last full name, and reads the speaker's role from the
title before the name or the apposition after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Span, paragraphs, split_sentences

SPEECH_VERBS = (
    "said|says|say|added|adds|told|tells|stated|states|explained|noted|argued|argues|warned|warns|"
    "claimed|claims|insisted|insists|wrote|writes|asked|asks|announced|declared|commented|remarked|"
    "replied|responded|tweeted|posted|urged|urges|acknowledged|admitted|suggested|suggests|"
    "continued|concluded|predicted|cautioned|stressed|emphasised|emphasized|maintained|contended|"
    "believes|believed|thinks|accused|vowed|pledged|promised|demanded|called|described"
)
_UPPER = r"[A-Z\u00c0-\u00de]"
_NAME_WORD = rf"(?:{_UPPER}[\w\u00c0-\u024f'\u2019.-]*|(?:al|bin|de|del|der|van|von|da|di|le|la)(?=\s{_UPPER}))"
NAME = rf"{_NAME_WORD}(?:\s{_NAME_WORD}){{0,4}}"
_NOMINAL = (
    r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:(?:senior|top|former|unnamed|anonymous|[A-Z][\w-]+)\s+){0,3}"
    r"(?:official|spokesman|spokeswoman|spokesperson|source|diplomat|analyst|aide|officer|adviser|advisor|"
    r"expert|lawmaker|minister|person familiar with the matter|people familiar with the matter)"
)
_PRONOUNS = {"he", "she", "they", "it", "we"}
_QUOTE = re.compile(r"\u201c([^\u201c\u201d]{8,}?)\u201d|\"([^\"\n]{8,}?)\"")
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "This", "That", "These", "Those", "He", "She",
    "They", "We", "I", "You", "His", "Her", "Their", "Our", "As", "If", "When", "While", "After", "Before",
    "However", "Meanwhile", "Also", "Then", "Still", "Yet", "So", "Some", "Many", "According", "Late", "Earlier",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Speaking", "Asked",
    "Last", "Next", "Weeks", "Days", "Months", "Years", "US", "UK", "EU",
}

_AFTER_VERB_NAME = re.compile(rf"^\s*[,\u2014\u2013-]*\s*(?:{SPEECH_VERBS})\s+(?P<who>{NAME}|{_NOMINAL})")
_AFTER_NAME_VERB = re.compile(
    rf"^\s*[,\u2014\u2013-]*\s*(?:(?P<desc>[a-z][\w'\u2019-]*(?:\s[a-z][\w'\u2019-]*){{0,3}})\s(?={_UPPER}))?(?P<who>{NAME}|{_NOMINAL}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)(?:\s+(?:also|later|then|previously))?\s+(?:{SPEECH_VERBS})\b"
)
_BEFORE = re.compile(
    rf"(?P<who>{NAME}|{_NOMINAL}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)(?:,[^,\u201c\"]{{3,120}},)?"
    rf"(?:\s+(?:also|later|then|previously))?\s+(?:{SPEECH_VERBS})(?:\s+(?:(?:the|a|an)\s+)?[\w\u00c0-\u024f' .-]{{0,60}}?)?"
    rf"(?:\s+that)?\s*[:,]?\s*$"
)
_ACCORDING = re.compile(rf"[Aa]ccording to (?P<who>{NAME}|{_NOMINAL})")
_REPORTED = re.compile(
    rf"(?P<who>{NAME}|{_NOMINAL})(?P<appos>,\s[^,]{{3,140}},)?\s+(?:also\s+)?(?:said|says|argued|warned|insisted|believes|suggested|stressed|claimed|told [\w\u00c0-\u024f ]{{1,40}}?)\s+(?:that\s+)?(?P<claim>[^.;:\u201c\"]{{15,}})"
)
_SUBJECT_VERB = re.compile(
    rf"(?:^|[.!?]\s+|,\s+)(?P<who>{NAME}|{_NOMINAL})(?P<appos>,\s[^,]{{3,140}},)?\s+(?:also\s+)?(?:{SPEECH_VERBS})\b[^.!?]*$"
)
_TITLE_BEFORE = re.compile(
    r"((?:[A-Z][\w\u00c0-\u024f'\u2019-]*'s\s+|[A-Z][\w\u00c0-\u024f'\u2019-]*\u2019s\s+)?(?:(?:former|deputy|acting|chief|senior|then|vice|prime|foreign|defence|defense|finance|interior|trade|foreign affairs|under-secretary|secretary|minister|president|prime minister|spokesman|spokeswoman|spokesperson|chairman|chair|leader|commander|general|ambassador|senator|governor|mayor|director|head|king|queen|emperor|chancellor|envoy|adviser|advisor|official|representative|congressman|congresswoman|speaker|premier|dr\.?|professor)\s+)+)$",
    re.IGNORECASE,
)
_MODAL_CLAIM = re.compile(
    r"(?:^|(?<=that )|(?<=, )|(?<=; )|(?<=admit )|(?<=said ))(?P<claim>(?:[A-Z][\w\u00c0-\u024f-]*(?:\s[A-Z][\w\u00c0-\u024f-]*)*|[Tt]he [a-z]+(?: [a-z]+)?)"
    r"(?:\s(?:also|now|still|really|urgently))?\s(?:should|must|needs? to|ought to)\s(?:not\s)?[^.,;:!?\u201d\"]{5,120})"
)


@dataclass
class Attribution:
    """One quote or reported statement and who said it."""

    speaker: str
    role: str
    quote: Span
    direct: bool
    cue: str = ""
    context: str = ""


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.")
    name = re.sub(r"[\u2019']s$", "", name)
    words = name.split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    return " ".join(words)


def _nominal_actor(phrase: str) -> str:
    words = phrase.split()
    core = " ".join(words[1:]) if words and words[0].lower() in {"the", "a", "an", "one", "another"} else phrase
    return f"{core} (unnamed)" if not core.endswith("(unnamed)") else core


class SpeakerTracker:
    """Resolves pronouns, surnames and repeated nominals ("the official") to earlier speakers."""

    def __init__(self, text: str) -> None:
        self.full_names: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.last_speaker = ""
        self.nominals: list[str] = []
        for match in re.finditer(NAME, text):
            name, _ = split_title(_clean_name(match.group(0)))
            if len(name.split()) >= 2 and not any(w in _NOT_NAMES for w in name.split()):
                self.full_names.setdefault(name.split()[-1], name)

    def resolve(self, who: str) -> tuple[str, bool, str]:
        """(actor, is_person, title). Pronouns map to the last speaker."""
        who = who.strip()
        if who.lower() in _PRONOUNS:
            return (self.last_speaker or "unclear speaker"), True, ""
        if re.match(_NOMINAL, who, flags=re.IGNORECASE):
            return self._nominal(_nominal_actor(who)), False, ""
        name, title = split_title(_clean_name(who))
        if not name:
            return "", False, ""
        if len(name.split()) == 1 and name in self.full_names:
            name = self.full_names[name]
        return name, True, title

    def _nominal(self, actor: str) -> str:
        core = actor.replace(" (unnamed)", "").lower()
        for earlier in reversed(self.nominals):
            if earlier.replace(" (unnamed)", "").lower().endswith(core):
                return earlier
        self.nominals.append(actor)
        return actor

    def remember(self, actor: str, role: str) -> None:
        if actor and actor != "unclear speaker":
            self.last_speaker = actor
            if role and actor not in self.roles:
                self.roles[actor] = role


_TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "general", "gen", "senator", "sen", "governor", "gov",
    "mayor", "ambassador", "king", "queen", "chancellor", "representative", "rep", "speaker", "premier",
    "dr", "professor", "prof", "judge", "justice", "commissioner", "chairman", "chairwoman", "director",
    "foreign", "defence", "defense", "finance", "interior", "deputy", "vice", "former", "state", "attorney",
    "colonel", "col", "lieutenant", "lt", "captain", "capt", "sergeant", "admiral", "bishop", "pope", "sheikh",
    "crown", "prince", "princess", "lord", "lady", "sir", "mr", "mrs", "ms", "us", "u.s.",
    "economist", "analyst", "spokesman", "spokeswoman", "spokesperson", "lawyer", "activist", "port",
    "union", "leader", "chief", "executive", "ceo", "founder", "researcher", "historian", "author",
}


_ORG_WORDS = {
    "nations", "states", "kingdom", "union", "party", "forces", "council", "house", "department", "ministry",
    "organization", "organisation", "institute", "office", "agency", "assembly", "parliament", "congress",
    "senate", "court", "army", "navy", "committee", "commission", "bank", "group", "university", "times", "post",
}


def split_title(name: str) -> tuple[str, str]:
    """('Shigeru Ishiba', 'Prime Minister') from 'Prime Minister Shigeru Ishiba'."""
    words = name.split()
    org = max((i for i, w in enumerate(words[:-1]) if w.lower() in _ORG_WORDS), default=-1)
    if 0 <= org < len(words) - 2:
        return " ".join(words[org + 1:]), " ".join(words[: org + 1])
    cut = 0
    while cut < len(words) - 1 and words[cut].lower().strip(".") in _TITLE_WORDS:
        cut += 1
    return " ".join(words[cut:]), " ".join(words[:cut])


def _role_after(text: str) -> str:
    """The apposition after a name: ', a former official at X,' -> 'a former official at X'."""
    match = re.match(r"^,\s*((?:a|an|the|who is|who was)?\s*[^,.;\u201c\"]{3,120}?)(?:,|\.|;|$)", text)
    if not match:
        return ""
    role = match.group(1).strip()
    if re.match(rf"^(?:{SPEECH_VERBS})\b", role) or len(role.split()) > 16:
        return ""
    return re.sub(r"^(?:who is|who was)\s+", "", role)


def _role_before(text: str) -> str:
    match = _TITLE_BEFORE.search(text)
    return match.group(1).strip() if match else ""


def find_direct_quotes(text: str) -> list[Span]:
    """Quoted passages of at least three words, with spans of the words inside the marks."""
    out = []
    for para in paragraphs(text):
        for match in _QUOTE.finditer(para.text):
            group = 1 if match.group(1) is not None else 2
            inner = match.group(group).strip().rstrip(",")
            if len(inner.split()) < 3:
                continue
            start = para.start + match.start(group) + (len(match.group(group)) - len(match.group(group).lstrip()))
            out.append(Span(start, start + len(inner), inner))
    return out


def _speaker_for_quote(text: str, quote: Span, para: Span, tracker: SpeakerTracker) -> tuple[str, str, str]:
    """(actor, role, cue) for a direct quote, or ('', '', '') when no speaker is found."""
    after = re.sub(r"^[,.!?]?[\"\u201d\u2019]", "", text[quote.end: para.end][:201])
    before = text[para.start: max(para.start, quote.start - 1)][-250:]
    if re.search(r"[.!?]$", quote.text) and re.match(r"\s*[A-Z\u201c\"]", after):
        after = ""  # the quote closed its sentence: what follows belongs to the next one
    for pattern in (_AFTER_VERB_NAME, _AFTER_NAME_VERB):
        match = pattern.match(after)
        if match:
            actor, is_person, title = tracker.resolve(match.group("who"))
            if actor:
                title = " ".join(filter(None, [match.groupdict().get("desc") or "", title]))
                role = (_role_after(after[match.end():]) or title) if is_person else ""
                return actor, role or tracker.roles.get(actor, ""), after[: match.end()].strip(" ,")
    match = _BEFORE.search(before)
    if match:
        actor, is_person, title = tracker.resolve(match.group("who"))
        if actor:
            role = (_role_before(before[: match.start()]) or title) if is_person else ""
            return actor, role or tracker.roles.get(actor, ""), before[match.start():].strip()
    match = _SUBJECT_VERB.search(before)
    if match:
        actor, is_person, title = tracker.resolve(match.group("who"))
        if actor:
            role = (match.group("appos") or "").strip(", ") if is_person else ""
            return actor, role or title or tracker.roles.get(actor, ""), "said"
    match = _ACCORDING.search(before + " " + after)
    if match:
        actor, _, title = tracker.resolve(match.group("who"))
        return actor, tracker.roles.get(actor, "") or title, "according to"
    return "", "", ""


def _reported(sentence: Span, tracker: SpeakerTracker) -> Attribution | None:
    match = _REPORTED.search(sentence.text)
    if not match:
        return None
    actor, is_person, title = tracker.resolve(match.group("who"))
    if not actor or actor.lower() in {"officials", "experts", "unclear speaker"}:
        return None
    role = (match.group("appos") or "").strip(", ") if is_person else ""
    role = role or (_role_before(sentence.text[: match.start()]) if is_person else "") or title
    claim = match.group("claim").strip()
    start = sentence.start + match.start("claim")
    return Attribution(
        actor, role or tracker.roles.get(actor, ""), Span(start, start + len(claim), claim), False, "said", sentence.text,
    )


def attribute(text: str) -> list[Attribution]:
    """Direct quotes and reported speech with their speakers, in order of appearance."""
    tracker = SpeakerTracker(text)
    quotes = find_direct_quotes(text)
    found: list[Attribution] = []
    for para in paragraphs(text):
        for sentence in split_sentences(para):
            inside = [q for q in quotes if sentence.start <= q.start < sentence.end]
            for quote in inside:
                actor, role, cue = _speaker_for_quote(text, quote, para, tracker)
                if actor:
                    outside = sentence.text.replace(quote.text, " ")
                    found.append(Attribution(actor, role, quote, True, cue, outside))
                    tracker.remember(actor, role)
            if not inside:
                reported = _reported(sentence, tracker)
                if reported:
                    found.append(reported)
                    tracker.remember(reported.speaker, reported.role)
                else:
                    _note_subject(sentence, tracker)
    return found


def _note_subject(sentence: Span, tracker: SpeakerTracker) -> None:
    """A sentence that opens with a person's full name makes them the referent of a following 'he'."""
    match = re.match(NAME, sentence.text)
    if not match:
        return
    name, _ = split_title(_clean_name(match.group(0)))
    if len(name.split()) >= 2 and tracker.full_names.get(name.split()[-1]) == name:
        tracker.last_speaker = name


def modal_claim(text: str) -> str:
    """A normative claim in the text ('Japan needs to do a lot more to defend itself'), if any."""
    match = _MODAL_CLAIM.search(text)
    return match.group("claim").strip() if match else ""
