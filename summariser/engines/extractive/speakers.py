"""Who a speaker is: names cleaned of titles, surnames and pronouns resolved to the people the text
named (:class:`SpeakerTracker`), and the role given before or after a name."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable

from ...core.patterns import grouped_alternation
from ...core.text import CAPITALS, MONTHS, WEEKDAYS, count_word
from .lexicon import (
    AIM_BODIES,
    ANONYMITY_VERB,
    ANONYMITY_WORD,
    BARE_ORG_RE,
    COUNTRY_AFTER,
    DEMONYM_BODY_RE,
    IMPERATIVE_BODY_RE,
    NAME,
    NAME_RE,
    NOMINAL_RE,
    NOT_NAMES,
    OCCUPATIONS,
    OFFICE_QUALIFIERS,
    ORG_RE,
    ORG_WORDS,
    PARTY_RE,
    PEOPLE,
    POSSESSIVE,
    PRONOUNS,
    RESEARCH_GROUP_RE,
    SPEECH_VERBS,
    SUFFIXES,
    TITLE_HEAD,
    TITLE_NOUN,
    TITLE_WORDS,
    UPPER,
)


def _fold(word: str) -> str:
    """Diacritics dropped ("Erdoğan" -> "Erdogan")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


# adjectives that open a body's name: "the National Weather Center", "the Federal Reserve Board"
_BODY_ADJECTIVES = {"National", "Federal", "American", "Democratic", "Republican", "Conservative", "Liberal",
                    "US", "UK", "EU"}  # "the US Geological Survey"


def _clean_name(name: str) -> str:
    name = POSSESSIVE.sub("", " ".join(name.split()).strip(" ,"))
    words = name.split()
    body = _is_body(words)
    while words and words[0] in NOT_NAMES and not (body and words[0] in _BODY_ADJECTIVES):
        words = words[1:]
    return " ".join(words).rstrip(",") if len(words) != 1 else words[0].rstrip(".,")


def _is_body(words: list[str]) -> bool:
    """Whether a name is an organisation's: it ends in "Center", "Party", ... or has "of/for/on" inside."""
    return bool(words) and (words[-1].lower() in ORG_WORDS or any(w in {"of", "for", "on"} for w in words[1:-1]))


# "an official involved in the talks": what the source took part in is no part of who it is
_INVOLVED = re.compile(r"\s+(?:involved in|briefed on|with knowledge of)\s+\w+\s+[a-z]+$")
# "a diplomat, who spoke on condition of anonymity": why the source is unnamed, not who it is
_ANONYMITY = re.compile(rf",?\s+who\s+{ANONYMITY_VERB}\b[^,]*?\b{ANONYMITY_WORD}\b,?$")


_PERSON_POSSESSOR = re.compile(r"(?:man|woman|boy|girl|child|victim|suspect|driver|mother|father|son|daughter)['\u2019]s\s")


def _nominal_actor(phrase: str) -> str:
    words = _INVOLVED.sub("", phrase).split()
    determiner = words and words[0].lower() in {"the", "a", "an", "one", "another"} and words[1:2] != ["of"]
    core = " ".join(words[1:]) if determiner else phrase  # "One of the children" keeps its "One of"
    if not _PERSON_POSSESSOR.match(core):  # "the man's grandmother" stays hers
        core = re.sub(r"^([a-z]+)['\u2019]s\s", r"\1 ", core)  # "the ministry's spokesman": a ministry spokesman
    return f"{core} (unnamed)" if not core.endswith("(unnamed)") else core


def _split_titled(who: str) -> tuple[str, str]:
    """('Katsunobu Kato', "Japan's finance minister") from "Japan's finance minister Katsunobu Kato"."""
    last = None
    for last in NAME_RE.finditer(who):  # noqa: B007 - the last name in the phrase
        pass
    if last is None or last.start() == 0:
        return who, ""
    return who[last.start():], who[: last.start()].strip()


_PERSON_NOUN = re.compile(PEOPLE)
# "Fund for Wild Rivers scientist Lena Moss": the person after the title, not the body before "for"
_TITLED_NAME_END = re.compile(rf"\s(?:{TITLE_NOUN})\s+{NAME}$")
_TITLE_OF_NAME = re.compile(r"^(?P<title>.+?\s(?:of|for|to)(?:\sthe)?)\s(?P<rest>(?:[A-Z][\w\u00c0-\u024f'\u2019.-]*\s){2,5}[A-Z][\w\u00c0-\u024f'\u2019-]*)$")


_COUNTRY_AFTER_BODY = re.compile(rf"(\s(?:of|for)\s{NAME}){COUNTRY_AFTER}$")
_WHEN_AFTER = re.compile(rf"\s+(?:on\s+)?(?:{WEEKDAYS}|yesterday|today)$")
_CALLING_BEFORE_NAME = re.compile(rf"\b({grouped_alternation('|'.join(OCCUPATIONS))})\s+(?=[{CAPITALS}])")
_BODY_FOR_AIM = re.compile(rf"^(?:[Tt]he\s)?(?:{'|'.join(AIM_BODIES)})\sto\s[A-Z]")
_IN_PLACE = re.compile(rf"^(.+?)\s(?:in|at)\s{NAME}$")
_ABBREVIATION_AFTER = re.compile(r"\s\([^()]*\)")


def _research_group(who: str) -> str:
    """'Researchers from the University of Halden in Halden and the College of Orlan' from 'researchers
    from the University of Halden (UH) in Halden and the College of Orlan': without the abbreviations."""
    group = _ABBREVIATION_AFTER.sub("", who)
    return group[:1].upper() + group[1:]
# "The WHO's website", "the Kremlin's statement": a document speaks for whoever owns it
_DOCUMENT_OF = re.compile(
    r"^(?:[Tt]he\s+)?(?P<owner>[A-Z][^']*?|(?<=he )[a-z]+)['\u2019]s\s+(?:official\s+|latest\s+|own\s+)?(?:statement|website|web site|"
    r"report|letter|press release|communiqu[e\u00e9]|Twitter account|account|announcement|filing)$"
)
# "Assistant coach Karl Brenner" is not "the coach", nor "former actress X" "the actress"
_SECOND_IN_LINE_WORDS = r"vice|deputy|assistant|under|lieutenant|former|acting|interim|ex"
_SECOND_IN_LINE = re.compile(rf"\b(?:{_SECOND_IN_LINE_WORDS})\b", re.IGNORECASE)


# "Senator from Vermont Bernie Sanders", "Chief Executive of Hong Kong Carrie Lam", "Hall of Famer Reggie
# Jackson": a capitalised title word, then "of" or "from" right before a name
_AFTER_TITLE_OF = re.compile(r"[A-Z][a-z]+\s(?:of|from)\s$")
_INITIAL_OR_PARTICLE = re.compile(r"^(?:[A-Z]\.|[a-z]+-?)$")  # "Ulysses S. Grant", "Abdel Fattah el-Sisi"


def _person_after_place(name: str, text: str) -> str:
    """The person's name in a run after "of"/"from" that begins with the place or body the title holds:
    after the longest lead of one or two words the text also writes on its own ("Hong Kong" in "Hong Kong
    Carrie Lam", "Puerto Rico" in "Puerto Rico Wanda Vázquez Garced"), else the last two words ("Vermont
    Bernie Sanders"; three with an initial or a particle before the surname)."""
    words = name.split()
    if len(words) < 3:
        return name
    for lead in (2, 1):
        if len(words) - lead >= 2 and _written_alone(" ".join(words[:lead]), text):
            return " ".join(words[lead:])
    keep = 3 if _INITIAL_OR_PARTICLE.match(words[-2]) else 2
    return " ".join(words[-keep:])


def _written_alone(phrase: str, text: str) -> bool:
    """Whether ``phrase`` stands in the text with no capitalised word right after it."""
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?:['\u2019]s)?(?!\s[A-Z])(?![\w-])", text) is not None


_PARTICLE_SURNAME = re.compile(r"(?:[a-z]+|La|Le|De|Del|Da|Di|Van|Von|Al|El|Bin|Ben)\s\S+")


def _role_words(role: str) -> list[str]:
    """A role's words in lower case, hyphenated ones split ("Vice-President" -> vice, president)."""
    return re.findall(r"[a-z]+", role.lower())


_OFFICE_SUFFIXES = ("", "s", "man", "woman", "person", "men", "women", "teacher", "master", "mistress")


def _holds_office(office: str, role: str) -> bool:
    """Whether a role names the office: as a word, its plural ("one of the lawyers"), a person of it ("chairwoman",
    "headteacher") or a calling it ends ("neurosurgeon", "photojournalist"); not an adjective or abstract noun made
    of it ("presidential", "leadership") nor a short word inside another ("firefighter" is no "fighter")."""
    return any((w.startswith(office) and w[len(office):] in _OFFICE_SUFFIXES)
               or (len(office) >= 5 and w.endswith(office) and not w.startswith("fire")) for w in _role_words(role))


class SpeakerTracker:
    """Resolves pronouns, surnames and repeated nominals ("the official") to earlier speakers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.full_names: dict[str, str] = {}
        self._mentions: dict[str, int] = {}  # surname -> times the text names it (named_again)
        self.roles: dict[str, str] = {}
        self.last_speaker = ""
        # the group the sentence before opened with ("Researchers used ..."), whom a "they" after it means: found
        # only when a "they" asks (most sentences are followed by none), by the finder :meth:`group_from` was given
        self._group: str | Callable[[], str] = ""
        self.people: list[str] = []  # persons in order of their latest mention or quote
        self.nominals: list[str] = []
        self._bodies: dict[str, list[tuple[int, str]]] | None = None  # found when first needed: most texts never ask
        self.at = len(text)  # the end of the sentence being attributed (set sentence by sentence)
        headings = _headline_spans(text)
        mentions = [m for m in NAME_RE.finditer(text) if not _inside(headings, m.start())]
        with_titles = []
        after_title_of = {m.group(0) for m in mentions if text.endswith(("of", "from"), 0, m.start() - 1)  # (a quick test)
                          and _AFTER_TITLE_OF.search(text, max(0, m.start() - 40), m.start())}
        for raw in dict.fromkeys(m.group(0) for m in mentions):
            name, title = split_title(_clean_name(raw))
            if raw in after_title_of and not title:  # ("Secretary of Justice Wanda Vázquez Garced": a title's end)
                name = _person_after_place(name, text)
            with_titles.append((name, title))
            words = _without_suffixes(name.split())
            words = words if len(words) >= 2 else name.split()
            if (len(words) >= 2 and not name.isupper() and not any(w in NOT_NAMES for w in words)
                    and words[-1].lower() not in ORG_WORDS):
                self.full_names.setdefault(words[-1], name)
                self.full_names.setdefault(_fold(words[-1]), name)  # "Erdogan" for "Erdoğan"
        # a calling ("Actress Denise Crosby") -> the people the text names with it; an office ("the president")
        # is stricter: only its one holder named with a whole name (office_holder)
        self.titled: dict[str, set[str]] = {}
        for name, title in with_titles:
            calling = title.lower().split()[-1] if title else ""
            if calling in OCCUPATIONS and not _SECOND_IN_LINE.search(title) and name.split()[0] not in NOT_NAMES:
                self.titled.setdefault(calling, set()).add(self.full_names.get(name, name))
        for match in _CALLING_BEFORE_NAME.finditer(text):  # "photographer Yuki Aoyama": in lower case, before the name
            named = NAME_RE.match(text, match.end())
            name = _clean_name(named.group(0)) if named else ""
            second = _SECOND_IN_LINE.search(text, max(0, match.start() - 12), match.start())  # not "assistant coach X"
            if len(name.split()) >= 2 and name.split()[0] not in NOT_NAMES and not second:
                self.titled.setdefault(match.group(1), set()).add(self.full_names.get(name.split()[-1], name))
        self.genders = {**_genders_by_pronouns(text, mentions, self.full_names), **_genders(text, self.full_names)}
        # the office the text gives a person somewhere ("Prime Minister Shigeru Ishiba"): a row's role when
        # the words that attribute the quote give none
        self.offices: dict[str, str] = {}
        self._held: dict[str, str] = {}  # the same, for offices given before a whole name: whom "the president" may mean
        for name, title in with_titles:
            if _is_office(title) and name.split()[0] not in NOT_NAMES:
                self.offices.setdefault(self.full_names.get(name, name), title)
                if len(name.split()) >= 2:  # not "President Obama", who may be either Obama the text names
                    self._held.setdefault(name, title)
            elif title in _ABBREVIATED_OFFICES and len(name.split()) >= 2 and name.split()[0] not in NOT_NAMES:
                self._held.setdefault(name, _ABBREVIATED_OFFICES[title])  # "Sen. Ted Cruz": whom "the senator" means

    def group_from(self, finder: Callable[[], str]) -> None:
        """What :meth:`group` answers from now on: ``finder``'s group, found when first asked for."""
        self._group = finder

    def group(self) -> str:
        """The group a "they" means here ('' for none)."""
        if callable(self._group):
            self._group = self._group()
        return self._group

    def office_of(self, actor: str) -> str:
        """The office the text gives ``actor`` before a mention of their name, or ''."""
        return self.offices.get(actor, "")

    @property
    def last_person(self) -> str:
        return self.people[-1] if self.people else ""

    def mention(self, person: str) -> None:
        """``person`` is now the most recent one (what a following 'he' or 'she' may refer to)."""
        if person in self.people:
            self.people.remove(person)
        self.people.append(person)

    def fits(self, person: str, pronoun: str) -> bool:
        """Whether 'he' or 'she' may mean ``person``: their gender fits or is not known."""
        wanted = "m" if pronoun == "he" else "f"
        return self.genders.get(person, wanted) == wanted

    def _pronoun_person(self, pronoun: str) -> str:
        """The latest person whose gender fits 'he' or 'she' (or is not known)."""
        return next((p for p in reversed(self.people) if self.fits(p, pronoun)), self.last_person)

    def resolve(self, who: str) -> tuple[str, bool, str]:
        """(actor, is_person, title). 'he' and 'she' map to the last person, 'it' and 'they' to the last speaker."""
        who = " ".join(who.split())
        if "(" in who or "-" in who:  # what a party label holds (a quick test: the pattern may match empty)
            who = PARTY_RE.sub("", who)
        who = who.strip(" ,")
        if "," in who:
            who = _COUNTRY_AFTER_BODY.sub(r"\1", who)  # "the Parliament of New South Wales, Australia"
        who = _WHEN_AFTER.sub("", who)  # "The government of Burundi on Tuesday announced": when, not who
        who = _ANONYMITY.sub("", who)
        document = _DOCUMENT_OF.match(who)
        if document:  # "the company's website": the company; "the photographer's website": the photographer
            who = document.group("owner")
            if who[:1].islower() and not ORG_RE.fullmatch(f"the {who}"):  # the one photographer the text names, if any
                known = self._by_role(f"the {who}")
                return (known, True, "") if known else (self._nominal(f"{who} (unnamed)"), False, "")
            who = who if who[:1].isupper() else f"the {who}"
        if IMPERATIVE_BODY_RE.fullmatch(who):  # "Save the Children"
            return who, False, ""
        if RESEARCH_GROUP_RE.fullmatch(who):  # before "in/at Place": "Researchers at Harvard University"
            return _research_group(who), False, ""
        if DEMONYM_BODY_RE.fullmatch(who):  # "US authorities": not "authorities" with the title "US"
            self.nominals.append(who)  # a later bare "the police" is these
            return who, False, ""
        placed = _IN_PLACE.match(who)
        if placed and NAME_RE.fullmatch(placed.group(1)):
            who = placed.group(1)  # "Rosa Lind in Velden": where she spoke, not who
        if who.lower() == "they" and self.group():
            return self.group(), False, ""
        if who.lower() == "it" and re.search(r"\b[a-z]+[^s'\u2019]s \(unnamed\)$", self.last_speaker):
            return "unclear speaker", True, ""  # "it" is no group of people ("Twenty-seven states ...")
        if who.lower() in PRONOUNS:
            last = self._pronoun_person(who.lower()) if who.lower() in {"he", "she"} else self.last_speaker
            return (last or "unclear speaker"), True, ""
        if ORG_RE.fullmatch(who) or BARE_ORG_RE.fullmatch(who):
            return self._organisation(who), False, ""
        if NOMINAL_RE.fullmatch(who) or (who[:1].isupper() and NOMINAL_RE.fullmatch(who[:1].lower() + who[1:])):
            known = self._by_role(who)
            return (known, True, "") if known else (self._nominal(_nominal_actor(who)), False, "")
        who = who[4:] if who.startswith("the ") and who[4:5].isupper() else who  # "..., the IMF said"
        bare = re.sub(r"^[Tt]he\s+", "", who)
        office = _office_words(bare)
        if office:  # "the Prime Minister said": an office, whose holder the text may name
            holder = self.office_holder(office)
            return (holder, True, bare) if holder else (f"{' '.join(office)} (unnamed)", False, "")
        titled_of = self._name_after_title_of(who)
        if titled_of:
            return titled_of
        if _BODY_FOR_AIM.match(who):
            return _clean_name(who), False, ""  # "the Committee to Protect Journalists"
        of = re.match(r"^(.+?)\s(?:of|from|for|on)\s(?:the\s)?(.+)$", who)
        if of and not ORG_RE.fullmatch(who) and not _TITLED_NAME_END.search(who):
            head = _clean_name(of.group(1)).split()
            if head and head[-1].lower() in ORG_WORDS | TITLE_WORDS | {"academy", "ministry", "chamber"}:
                self.nominals.append(_clean_name(who))  # a later bare "the ministry" is this one
                return _clean_name(who), False, ""  # the Ministry of Transport, the Academy of Sciences
            if len(head) == 1 and _PERSON_NOUN.fullmatch(head[0].lower()):  # "Member of House panel says ..."
                return self._nominal(_nominal_actor(who[:1].lower() + who[1:])), False, ""
            who = of.group(1)  # Rosa Vidal (of Estrelia)
        who, titled = _split_titled(who)
        name, title = split_title(_clean_name(who))
        if not name:
            return "", False, ""
        if title and (name.lower() in ORG_WORDS or (title in _BODY_ADJECTIVES and _is_body(name.split()))):
            name, title = f"{title} {name}", ""  # "the Defence Ministry", "the US Geological Survey": one body
        if " " not in name and name.lower() in _BODY_HEADS and name not in self.full_names:
            body = self.body_named(name)  # "The Department issued ...", "The Lost 52 Project announced"
            if body:
                self.nominals.append(body)
                return body, False, ""
        if len(name.split()) == 1 and (name in self.full_names or _fold(name) in self.full_names):
            name = self.full_names.get(name) or self.full_names[_fold(name)]
        elif _PARTICLE_SURNAME.fullmatch(name) and self.full_names.get(name.split()[-1], "").endswith(" " + name):
            name = self.full_names[name.split()[-1]]  # "de Blasio", "La Riva": the end of "Bill de Blasio"
        title = " ".join(filter(None, [titled, title]))
        if _personal_title(title, name) and not any(n.startswith(name + " ") for n in self.full_names.values()):
            self.full_names.setdefault(name, name)  # "Mr. Obama": a person, whom a later "he" may mean
        return name, self.is_person(name), title

    def _name_after_title_of(self, who: str) -> tuple[str, bool, str] | None:
        """'US Secretary of State Mike Pompeo', 'President of Argentina Alberto Fernandez': the person
        the text names in full elsewhere, after a title that holds "of"; None for anything else."""
        match = _TITLE_OF_NAME.match(who)
        if not match or not any(w.lower() in TITLE_WORDS for w in match.group("title").split()[:3]):
            return None
        words = match.group("rest").split()
        for size in (3, 2):
            name = " ".join(words[-size:])
            if len(words) > size and self.full_names.get(words[-1], "").endswith(name):
                return name, True, f"{match.group('title')} {' '.join(words[:-size])}"
        return None

    def named_again(self, person: str) -> bool:
        """Whether the text names ``person`` more than once (their surname again), so that a piece of a
        title or a body's name cut at an "and" ("Road Transport and Bridges Minister X") is not taken for one."""
        surname = _surname(person)
        if surname.lower() in TITLE_WORDS | ORG_WORDS:
            return False
        if surname not in self._mentions:  # counted once per surname: the text does not change
            self._mentions[surname] = count_word(self.text, surname)
        return self._mentions[surname] >= 2

    def is_person(self, name: str) -> bool:
        words = name.split()
        if not words or words[-1].lower() in ORG_WORDS or name.isupper():
            return False
        if words[-1] == "(unnamed)" and re.search(r"[^s]s$", words[-2] if len(words) > 1 else ""):
            return False  # "officials (unnamed)": a group, whom no later "he" or "she" means
        return len(words) >= 2 or name in self.full_names.values()

    def _by_role(self, phrase: str) -> str:
        """'the former president' -> the last speaker whose role has 'president' in it, else the one person
        the text names with that calling ('Actress Denise Crosby' for 'the actress') or office ('Judge Rosa
        Lind' for 'the judge', :meth:`office_holder`), if any."""
        words = phrase.lower().split()
        if len(words) < 2 or words[0] != "the" or not TITLE_HEAD.fullmatch(words[-1]):
            return ""
        # (a former or a deputy holder only for "the former president", not for "the president")
        qualified = bool(_NOT_THE_HOLDER.search(phrase))
        spoken = next((a for a, r in reversed(self.roles.items())  # the office as a word of the role, not inside one
                       if _holds_office(words[-1], r) and (qualified or not _NOT_THE_HOLDER.search(r))), "")
        named = self.titled.get(words[-1], set())
        # "Actress Denise Crosby is set to appear ... The actress recalled": the only one the text titles so
        return (self._described_holder(phrase.split()[1:]) or spoken or (next(iter(named)) if len(named) == 1 else "")
                or self.office_holder(words[1:]))

    def _described_holder(self, described: list[str]) -> str:
        """The one person the text gives this description with its qualifier ("Labour leader Keir Starmer" or
        "Keir Starmer, the Labour leader," for "the Labour leader"; "Boeing chief executive Dennis Muilenburg"),
        or '' for a bare calling ("the leader"), a title alone ("the Chief Executive": :meth:`office_holder`'s),
        none, several, or a description the text also gives a former holder, a predecessor ("replaced Arsenal
        manager X") or a longer description holds ("Scottish Labour leader X")."""
        qualifier = described[0] if len(described) >= 2 else ""
        if not qualifier[:1].isupper() or qualifier.lower() in TITLE_WORDS or _NOT_THE_HOLDER.search(" ".join(described)):
            return ""
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, described)) + r"\b", re.IGNORECASE)
        holders = set()
        for match in pattern.finditer(self.text):
            before = _SENTENCE_BREAK_IN.split(self.text[max(0, match.start() - 60):match.start()])[-1]  # this sentence's
            if _another_holder_before(before):
                return ""
            named = NAME_RE.match(self.text, match.end() + 1) if self.text[match.end():match.end() + 1] == " " else None
            named = named or _NAMED_AFTER_COMMA.match(self.text, match.end())  # ("The Labour leader, Keir Starmer,")
            if (named and _LEFT_AFTER.match(self.text, named.end())) or _HELD_ONCE.match(self.text, match.end()):
                return ""  # one who has left it ("Rangers manager Philippe Clement was sacked", "X, Arsenal manager for 22 years")
            appositive = _NAME_BEFORE_COMMA.search(before)  # ("Keir Starmer, the Labour leader")
            for found in filter(None, (named, appositive)):
                name = _clean_name(found.group("name") if "name" in found.groupdict() else found.group(0))
                if len(name.split()) >= 2:
                    holders.add(self.full_names.get(name.split()[-1], name))
        return next(iter(holders)) if len(holders) == 1 else ""

    def office_holder(self, office: list[str]) -> str:
        """The one person the text names with this office before their whole name ("Prime Minister Igor
        Matovic" for "the prime minister"; "US President Donald Trump" for "the president"), or '' when it
        names none or several, or gives the office to anyone else (:meth:`_held_by_no_other`). A second in
        line ("Deputy Prime Minister X", "Vice President X"), a shadow and a former holder do not hold it."""
        size = len(office)
        holders = {
            name for name, title in self._held.items()
            if [w.lower() for w in title.split()[-size:]] == office
            and not _NOT_THE_HOLDER.search(title)
            and not any(w.lower() in TITLE_WORDS for w in title.split()[-size - 1:-size])  # "Attorney General": no general
        }
        if len(holders) != 1:
            return ""
        holder = next(iter(holders))
        return holder if self._held_by_no_other(office, holder) else ""

    def _held_by_no_other(self, office: list[str], holder: str) -> bool:
        """Whether the text gives the office to no one but ``holder``: no other name right after it ("Union
        president Mary Walsh", "President Joe Biden"), in apposition ("Ukraine's president, Volodymyr
        Zelensky,", "the judge, Marcus Reid,") or after "of" ("the president of Kenya", "the Mayor of Greater
        Manchester"), and the holder's own title not as a former or late one. A deputy's, a shadow's or a
        former holder's office is another office; a generic use ("as president", "another judge") is none."""
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, office)) + r"\b", re.IGNORECASE)
        for match in pattern.finditer(self.text):
            before = self.text[max(0, match.start() - 20):match.start()]
            named = _NAMED_AFTER.match(self.text, match.end())
            if named and POSSESSIVE.sub("", named.group("first")) in holder.split():  # the holder's ("President Trump's")
                if _FORMER_BEFORE.search(before):
                    return False
                continue
            if (named or _OWNER_BEFORE.search(before)) and not _NOT_THE_HOLDER_BEFORE.search(before):
                return False  # another holder: named, or someone's ("Google's chief executive", "the Italian prime minister")
        return True

    def _nominal(self, actor: str) -> str:
        core = actor.replace(" (unnamed)", "").lower()
        for earlier in reversed(self.nominals):
            if earlier.replace(" (unnamed)", "").lower().endswith(core):
                return earlier
        self.nominals.append(actor)
        return actor

    def _organisation(self, phrase: str) -> str:
        """'Trump campaign' from 'the Trump campaign'; a later bare 'the campaign' is that campaign."""
        core = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", phrase)  # ("A Moscow court sentenced")
        if " " not in core and re.match(r"[Aa]n?\s", phrase):
            return f"{core} (unnamed)"  # "A court sentenced him": not the court named before
        if " " not in core:
            for earlier in reversed(self.nominals):  # ("An employment tribunal ruled ... The tribunal said")
                if earlier.lower().removesuffix(" (unnamed)").endswith(" " + core.lower()):
                    return earlier
            body = self.body_named(core)
            if body:
                return body
        self.nominals.append(core)
        return core

    def body_named(self, head: str) -> str:
        """The body a bare "the ministry" or "the Department" means: the last one with that head word that
        spoke before ("Ministry of Health"), else the only one the text names by :attr:`at` ("California
        Department of Corrections"), unless the head is one articles share among bodies (court, company ...);
        '' when none or several."""
        head = head.lower()
        for earlier in reversed(self.nominals):
            if " and " not in earlier and re.match(rf"{re.escape(head)}\s(?:of|for|on)\s", earlier, flags=re.IGNORECASE):
                return earlier  # (not two bodies that spoke together: "the Ministry of Health and the Ministry of ...")
        if self._bodies is None:
            self._bodies = _bodies_named(self.text)
        if head in _SHARED_HEADS:
            return ""
        named = [name for at, name in self._bodies.get(head, []) if at < self.at]  # by the end of this sentence
        return named[0] if len(named) == 1 else ""

    def remember(self, actor: str, role: str) -> None:
        if actor and actor != "unclear speaker":
            self.last_speaker = actor
            if self.is_person(actor):
                self.mention(actor)
                gender = _gender_of_role(role)
                if gender:
                    self.genders.setdefault(actor, gender)
            if role and actor not in self.roles:
                self.roles[actor] = role


_BODY_HEADS = frozenset(
    "department ministry commission committee agency council court project institute board office service authority "
    "bureau foundation centre center corporation company organisation organization administration tribunal".split()
)
# heads an article often gives several bodies (a lower court and the Supreme Court, a company and its rival, the
# Oval Office): a bare one means a body named so only when that body spoke before
_SHARED_HEADS = frozenset("court company office board service centre center corporation administration".split())
# a body's full name: capitalised words of its own sentence (or a number: "Lost 52 Project", "Food and Drug")
# before its head word, or "of ..." after it (not "on Tuesday")
_BODY_HEAD_RE = re.compile(r"\b(?:" + "|".join(h.capitalize() for h in sorted(_BODY_HEADS)) + r")\b")
_WORDS_BEFORE_HEAD = re.compile(
    r"(?<![\w'&.-])(?:(?:(?![A-Z]{5,}\s)[A-Z][\w'&-]*|[A-Z](?:\.[A-Z])+\.?|[A-Z]\.|(?:St|Mt|Ft|Jr|Dr|Sr)\.|\d+)\s){1,5}$"
)  # not across "and" ("Pentagon and State Department"), nor a dateline's capitals ("WASHINGTON ...")
# a body written as a place or an object ("near the Department of Motor Vehicles") is not one that speaks
_PLACE_BEFORE = re.compile(r"\b(?:near|at|in|into|inside|outside|from|to|towards|toward|by|with|of|for|on|against)\s+(?:the\s+)?$")
_OF_AFTER_HEAD = re.compile(
    rf"\s(?:of|for|on)\s(?!(?:{WEEKDAYS}|{MONTHS})\b)(?:the\s)?[A-Z][\w'-]*(?:\s(?:(?:and|&)\s)?[A-Z][\w'-]*){{0,5}}"
)
_LEADING_WORD = re.compile(r"^(?:(?:The|A|An|In|On|At|By|For|From|According|But|And)\s+)+")


def _bodies_named(text: str) -> dict[str, list[tuple[int, str]]]:
    """Head word (lower case) -> (where it is first written, full name) of the distinct bodies the text names
    with it, in order ("department" -> [(120, "California Department of Corrections and Rehabilitation")])."""
    bodies: dict[str, list[tuple[int, str]]] = {}
    for head in _BODY_HEAD_RE.finditer(text):
        before = _WORDS_BEFORE_HEAD.search(text, max(0, head.start() - 80), head.start())
        after = _OF_AFTER_HEAD.match(text, head.end())
        start = before.start() if before else head.start()
        if _PLACE_BEFORE.search(text, max(0, start - 20), start):
            continue
        name = _LEADING_WORD.sub("", (before.group(0) if before else "") + head.group(0) + (after.group(0) if after else ""))
        named = bodies.setdefault(head.group(0).lower(), [])
        if " " in name and name not in (n for _, n in named):
            named.append((before.start() if before else head.start(), name))
    return bodies


_PERSONAL_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|President|Senator|Governor|Representative|Congressman|"
    r"Congresswoman|Mayor|Judge|Justice|Secretary|Minister|Ambassador|Chancellor|Speaker|Professor|Prof|"
    r"King|Queen|Pope|Rev|Lt|Col|Capt|Sgt|Adm|Maj)\b\.?$"
)


def _personal_title(title: str, name: str) -> bool:
    """'Mr. Obama', 'Sen. Warren', 'President Obama': a surname after a personal title is a person."""
    return len(name.split()) == 1 and not name.isupper() and bool(_PERSONAL_TITLE.search(title))


# starts with a plain "M" (a fast scan); the word boundary before it is checked in _genders
_HONORIFIC = re.compile(r"(M(?:rs?|s|iss))\b\.?\s+((?:[A-Z][\w'\u2019-]+\s+){0,2}[A-Z][\w'\u2019-]+)")
_FEMALE_ROLE = re.compile(
    r"\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|councilwoman|stateswoman|actress|first lady|queen|"
    r"princess|duchess|wife|mother|daughter|sister|widow|grandmother|woman|girl|lady)\b", re.IGNORECASE)
_MALE_ROLE = re.compile(
    r"\b(?:spokesman|chairman|congressman|businessman|councilman|statesman|actor|king|prince|duke|husband|"
    r"father|son|brother|widower|grandfather|man|boy|sir|lord)\b", re.IGNORECASE)


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Lines written in title case or capitals (headlines, datelines): their capitalised runs are not names."""
    spans, at = [], 0
    for line in text.splitlines(keepends=True):
        tokens = line.split()
        if 3 <= len(tokens) <= 20:  # a paragraph is no heading: skip the work below
            words = [w for w in tokens if len(w) > 3 and w[0].isalpha()]
            unfinished = not re.search(r"[.!?:\"\u201d\u2019']\s*$", line)
            # a line all in title case is a heading even with a full stop ("Obama Says Museum Will Tell of It.")
            share = 0.8 if unfinished else 1.0
            enough = len(words) >= (3 if unfinished else 4)
            if enough and sum(w[0].isupper() for w in words) >= share * len(words):
                spans.append((at, at + len(line)))
        at += len(line)
    return spans


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` falls in one of ``spans`` (sorted, not overlapping): a binary search, since a
    long article has thousands of heading lines and names."""
    index = bisect.bisect_right(spans, (at, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= at < spans[index][1]


def _genders(text: str, full_names: dict[str, str]) -> dict[str, str]:
    """'m' or 'f' for people the article calls Mr./Mrs./Ms. (NYT style): {full name: gender}."""
    out: dict[str, str] = {}
    for match in _HONORIFIC.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_"):
            continue
        surname = match.group(2).split()[-1]
        person = full_names.get(surname, match.group(2))
        out.setdefault(person, "m" if match.group(1) == "Mr" else "f")
    return out


# after a space or a line break: patterns that start with a plain character scan fast
_GENDERED_PRONOUNS = [re.compile(rf"{start}(?:(?P<m>[Hh]e|[Hh]is)|(?P<f>[Ss]he|[Hh]er))\b") for start in (" ", "\n")]


def _genders_by_pronouns(text: str, mentions: list[re.Match], full_names: dict[str, str]) -> dict[str, str]:
    """'m' or 'f' for people whose mentions are mostly followed, before another person is named, by
    'he'/'his' or by 'she'/'her' ("Rosa Vidal ... She said"), twice at least: {full name: gender}."""
    last_words = ((m, m.group(0).rsplit(None, 1)[-1].rstrip(".,")) for m in mentions)
    people = [(m.end(), person) for m, last in last_words
              if (person := full_names.get(last) or (last.lower() in SUFFIXES and full_names.get(_surname(m.group(0)))))]
    ends = [end for end, _ in people]
    votes: dict[str, list[int]] = {}
    counted = -1
    for pronoun in heapq.merge(*(p.finditer(text) for p in _GENDERED_PRONOUNS), key=lambda m: m.start()):
        index = bisect.bisect_right(ends, pronoun.start()) - 1
        if index < 0 or index == counted or pronoun.start() - ends[index] > 250:
            continue
        counted = index  # the first pronoun after a mention only
        votes.setdefault(people[index][1], [0, 0])[0 if pronoun.group("m") else 1] += 1
    return {p: ("m" if m > f else "f") for p, (m, f) in votes.items() if max(m, f) >= max(2, 2 * min(m, f) + 1)}


def _without_suffixes(words: list[str]) -> list[str]:
    """The words of a name without "Jr.", "Sr.", "III" ... at its end (one word at least)."""
    core = list(words)
    while len(core) > 1 and core[-1].lower().strip(".,") in SUFFIXES:
        core.pop()
    return core


def _surname(name: str) -> str:
    """'Lind' from 'Judge Karl Lind Jr.' (the last word before a suffix, without its full stop)."""
    last = _without_suffixes(name.split())[-1].rstrip(".,")
    return "" if last.lower() in SUFFIXES else last


def _gender_of_role(role: str) -> str | None:
    """'f' for 'spokeswoman', 'm' for 'chairman', None when the role does not say."""
    if _FEMALE_ROLE.search(role or ""):
        return "f"
    return "m" if _MALE_ROLE.search(role or "") else None


# title words that are no office on their own: qualifiers ("Former") and courtesies ("Mr", "Sheikh")
_NOT_OFFICES = OFFICE_QUALIFIERS | frozenset("sir lord lady mr mrs ms dr prof rev sheikh boss".split())  # (not "Hugo Boss")


_ABBREVIATED_OFFICES = {"Sen.": "Senator", "Gov.": "Governor", "Rep.": "Representative", "Supt.": "Superintendent"}
_NOT_THE_HOLDER_WORDS = rf"{_SECOND_IN_LINE_WORDS}|shadow|late|then"
_NOT_THE_HOLDER = re.compile(rf"\b(?:{_NOT_THE_HOLDER_WORDS})\b", re.IGNORECASE)
_NOT_THE_HOLDER_BEFORE = re.compile(rf"\b(?:{_NOT_THE_HOLDER_WORDS})[\s-]*$", re.IGNORECASE)
# the one a description names no longer holds it ("Arteta replaced Arsenal manager Unai Emery")
_PREDECESSOR_BEFORE = re.compile(
    r"\b(?:replac\w*|succeed\w*|took over from|taking over from|takes over from|under|sacked|fired|dismissed|"
    r"ousted|predecessor|as)\s+$", re.IGNORECASE)  # (also "took over as Wigan Athletic chairman": another holder)
def _another_holder_before(before: str) -> bool:
    """Whether the words before a description make it another holder's: a former or deputy one's, a predecessor's
    ("replaced Arsenal manager X") or a longer description's ("Scottish Labour leader", "Bristol City manager")."""
    word = (before.split()[-1:] or [""])[0]
    longer = word[:1].isupper() and word not in NOT_NAMES and word[-1:].isalnum()
    return bool(_NOT_THE_HOLDER_BEFORE.search(before) or _PREDECESSOR_BEFORE.search(before) or longer
                or POSSESSIVE.search(word))


_HELD_ONCE = re.compile(r"\s+(?:for\s+\w+\s+(?:years|seasons|decades|terms)|(?:from|between|until|till|in)\s+\d{4})\b")
_LEFT_AFTER = re.compile(
    r",?\s+(?:(?:was|has been|had been|is being)\s+(?:sacked|fired|dismissed|ousted|replaced|removed|axed)|resigned|"
    r"quit|stepped down|steps down|left|lost (?:his|her|their) job|departed)\b"
)
_SENTENCE_BREAK_IN = re.compile(r"[.!?]\s|\n")
_NAMED_AFTER_COMMA = re.compile(rf",\s+(?P<name>{NAME}),")
_NAME_BEFORE_COMMA = re.compile(rf"(?P<name>{NAME}),\s+(?:the\s+)?$")
_OWNER_BEFORE = re.compile(rf"(?:['\u2019]s|\b[Tt]he\s+{UPPER}[a-z]+(?:an|ish|ese|ch|i))\s+$")  # not "a Republican governor"
_FORMER_BEFORE = re.compile(r"\b(?:former|late|ex-?|then-?)\s*$", re.IGNORECASE)
# a name after an office: its holder ("President Joe Biden", "the judge, Marcus Reid,", "the president of Kenya")
_NAMED_AFTER = re.compile(rf",?\s+(?:(?:of|for)\s+(?:the\s+)?)?(?P<first>{UPPER}[\w.'\u2019-]*)")


def _office_words(phrase: str) -> list[str]:
    """An office alone, in lower case ("Prime Minister" -> ['prime', 'minister']), or [] for anything else."""
    words = phrase.lower().split()
    if not 1 <= len(words) <= 3 or not _is_office(phrase):
        return []
    # a portfolio before the title noun, capitalised ("Health Secretary", "Transport Minister")
    portfolio = all(w[:1].isupper() and w.isalpha() for w in phrase.split())
    return words if portfolio or all(w in TITLE_WORDS or w in OFFICE_QUALIFIERS for w in words) else []


def _is_office(title: str) -> bool:
    """Whether a title before a name is an office written out ("Prime Minister", "Senator"): its last
    word a title noun of four letters or more ("Gen" may be a first name: "Gen Nakatani"), not an honorific
    ("Sheikh"), and every word capitalised or every letter lower case (not "US-backed")."""
    words = title.split()
    head = words[-1].lower() if words else ""
    return (len(head) >= 4 and head.isalpha() and head in TITLE_WORDS and head not in _NOT_OFFICES
            and all(w[:1].isupper() or w.islower() for w in words))


# offices in the plural before a list of names; not "Authors Guild", "Queens Park Rangers" or "Mrs"
PLURAL_OFFICES = {
    "Senators": "Senator", "Sens.": "Sen.", "Representatives": "Representative", "Reps.": "Rep.", "Justices": "Justice",
    "Judges": "Judge", "Governors": "Governor", "Ministers": "Minister", "Mayors": "Mayor", "Generals": "General",
}


def split_title(name: str) -> tuple[str, str]:
    """('Shigeru Ishiba', 'Prime Minister') from 'Prime Minister Shigeru Ishiba' (cut after the last title word)."""
    words = name.split()
    core = len(_without_suffixes(words))
    cut = 0
    for i, word in enumerate(words[: core - 1]):
        parts = word.lower().strip(".,").replace("\u2019s", "").replace("'s", "").split("-")
        if any(p in TITLE_WORDS or p in ORG_WORDS for p in parts) or (i == 0 and word in PLURAL_OFFICES):
            cut = i + 1  # (a plural office opens a list: "Senators Marco Rubio of Florida, Mike Lee of Utah")
    if cut and _body_after_body_word(words, cut):
        return name, ""  # a body's whole name ("United States Supreme Court"): no office before a person's name
    if cut and words[0] in PLURAL_OFFICES:
        words[0] = PLURAL_OFFICES[words[0]]  # one of the senators named is a senator
    return " ".join(words[cut:]), " ".join(words[:cut])


def _body_after_body_word(words: list[str], cut: int) -> bool:
    """Whether a name cut after a body's word ("States") is a body's name in whole: the word is no title and the
    name ends with a body's word too ("United States Supreme Court", not "Labour Party leader Keir Starmer")."""
    last, head = words[cut - 1].lower().strip(".,"), words[-1].lower().strip(".,")
    return last in ORG_WORDS and last not in TITLE_WORDS and head in ORG_WORDS


def role_after(text: str) -> str:
    """The apposition after a name: ', a former official at X,' -> 'a former official at X'."""
    match = re.match(r"^,\s*((?:a|an|the|who is|who was)?\s*[^,.;\u201c\"]{3,120}?)(?:,|\.|;|$)", text)
    if not match:
        return ""
    role = match.group(1).strip()
    if re.match(rf"^(?:{SPEECH_VERBS})\b", role) or _NOT_A_ROLE.match(role) or len(role.split()) > 16:
        return ""
    return re.sub(r"^(?:who is|who was)\s+", "", role)


def appositive_role(appos: str | None) -> str:
    """', who was Trump's envoy until December,' -> "Trump's envoy" ('', also on Twitter,' is no role)."""
    role = re.sub(r"^(?:who is|who was|who has been)\s+", "", (appos or "").strip(", "))
    if _NOT_A_ROLE.match(role) or _ONLY_NAMES.fullmatch(role):
        return ""
    return re.sub(r"\s+(?:until|since|from)\s+[^,]*$", "", role)


# people named in a list after the speaker ("John Brennan, Leon Panetta, and Michael Hayden, signed"): no role
_ONLY_NAMES = re.compile(rf"{NAME}(?:,?\s(?:and\s)?{NAME})*,?\s(?:and|or)\s{NAME}")


# appositions that describe the circumstances, not the speaker: ", also on Twitter,", ", speaking in Rome,",
# ", along with Senator Ron Wyden of Oregon,"
_NOT_A_ROLE = re.compile(
    r"(?:also|on|in|at|via|during|after|before|from|with|through|for|speaking|writing|following|citing|adding|"
    r"who (?!is|was|has been)\w+|however|meanwhile|though|too|along with|together with|alongside|joined by|"
    r"accompanied by|as well as|(?:further\s+|also\s+)?(?:noting|saying|arguing|explaining|insisting|warning|claiming|"
    r"stressing|describing|calling|referring|responding|commenting|pointing|asking|answering|reacting|suggesting|"
    r"acknowledging|admitting|appearing|sounding|looking|campaigning|dedicating|addressing))\b"  # ", noting it was ..."
)
# "Former US Ambassador to the " before "United Nations Nikki Haley": the title the name's org words finish
_TITLE_OF = re.compile(
    r"((?:[Ff]ormer\s+|[Dd]eputy\s+|[Aa]cting\s+)?(?:[A-Z][\w.'\u2019-]*\s+){0,3}"
    r"(?:Ambassador|Secretary|Minister|Envoy|Representative|Director|Head|President|Chairman|Chairwoman|Chair|"
    r"Governor|Commissioner|Chief|Spokesman|Spokeswoman|Spokesperson|Secretary-General|Member)\s+"
    r"(?:to|of|for|at)\s+(?:the\s+)?)$"
)


# "the former president", "Japan's finance minister " before a name: the titles that end just before it
_TITLE_BEFORE = re.compile(
    r"((?:[A-Z][\w\u00c0-\u024f'\u2019-]*'s\s+|[A-Z][\w\u00c0-\u024f'\u2019-]*\u2019s\s+)?(?:(?<![\w-])(?:"
    + grouped_alternation(
        r"former|deputy|acting|chief|senior|then|vice|prime|foreign|defence|defense|finance|interior|trade|"
        r"foreign affairs|under-secretary|secretary|minister|president|prime minister|spokesman|spokeswoman|"
        r"spokesperson|chairman|chair|leader|commander|general|ambassador|senator|governor|mayor|director|head|king|"
        r"queen|emperor|chancellor|envoy|adviser|advisor|official|representative|congressman|congresswoman|speaker|"
        r"premier|dr\.?|professor"
    )
    + r")\s+)+)$",
    re.IGNORECASE,
)


def role_before(text: str, title: str = "") -> str:
    """The title just before a name ('the former president'), or one that ``title`` completes."""
    match = _TITLE_BEFORE.search(text)
    if match:
        return match.group(1).strip()
    of = _TITLE_OF.search(text) if title else None
    return f"{of.group(1)}{title}".strip() if of else ""
