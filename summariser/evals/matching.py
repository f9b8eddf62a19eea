"""Matching predicted stance rows to gold rows: actor identity, target polarity, one-to-one.

**Actor identity.** Names are folded (case, diacritics), possessives and a leading "the" are
dropped, and hyphenated words stay one token ("el-Sisi", "Man-kei"). A predicted actor matches a
gold actor (its full name or one of its *declared* aliases) when

* it equals the name, as written or with titles removed ("President Trump" ~ alias "Trump";
  "MP Philip Hammond" ~ "Philip Hammond"); a name that is only titles and places once titles are
  removed ("Secretary of State", "Turkish President") is compared only as written;
* the name is a personal name of two or more tokens and the prediction is its surname (the last
  token, also without an "al-"/"el-" particle: "Sisi" ~ "Abdel Fattah el-Sisi"), or a contiguous
  run of two or more of its tokens ending with the surname ("Fattah el-Sisi");
* the prediction ends with the whole name of two or more tokens, after descriptors
  ("BBC's Jonathan Marcus" ~ "Jonathan Marcus", "Kurdish-led Syrian Democratic Forces"), or with
  a one-token name after possessive descriptors only ("Iran's Rouhani" ~ "Rouhani").

It never matches on a single non-final token ("Donald", "Hong", "Kong"), on a place or demonym
("Hong Kong" is not "Hong Kong leader Carrie Lam"), by an acronym that is not a declared alias
("AU" is not "AU chair Abdel Fattah el-Sisi"), through the gold row's role, or on a prediction
that starts with a function word ("Without Nigeria" is not "Nigeria"). Organisation names
(a word such as Forces, Party, Ministry, Council ..., or a function word inside: "Save the Children")
get no surname rule: "Forces" is not "Syrian Democratic Forces", "Children" not "Save the Children". The score is the share of the name's tokens the prediction covers
(1.0 for an equal name); it only ranks candidate pairs.

**Target polarity.** Targets are compared by token F1 of their content words (stop words and
negation markers removed, British spellings folded onto American ones, Porter-stemmed, antonyms
folded to one form). The best of the gold
target and its paraphrases counts; a pair is a candidate at F1 >= :data:`TARGET_THRESHOLD` (0.5).
Each side also has a polarity, the parity of its negations:

* verbal negation always counts: "not", "n't", "never", "cannot", "no longer", "nor", "neither";
* "no", "without", "none", "nobody", "nothing" and "lack(s/ed/ing)" count when the word they govern
  (the next content word) is in the other target ("without a deal" vs "no deal" agree; "leave
  without a deal" vs "leave the EU" is a different claim, left to the F1; "Evers lacked authority"
  is "has the authority" negated, "nobody is conducting a formal inquiry" "is conducting an
  inquiry"); "against" counts when it opens the target or follows a
  form of "be" or "vote"/"stand" ("is against the lease"), not as a preposition
  ("retaliation against Saudi Arabia");
* an antonym counts: a prefix antonym of a word in the other target (un-, in-, il-, im-, ir-,
  dis-, non-: "illegal"/"legal", "unconstitutional", "unjustified", "disapprove"; in-, il-, im- and
  ir- only before an adjective's ending, so "imprisoned" is no antonym of "prison") or a word of
  :data:`ANTONYMS` (reject/accept, oppose/support, ban/allow, lose/win, deny/confirm ...); a
  capitalised word after the target's first is a name and never an antonym ("False Bay").

When the polarities differ the rows still match, with ``Match.flipped`` set: being against
"X should leave" is being for "X should not leave", so scorers flip the predicted stance
(favor <-> against; mixed, neutral and unclear unchanged) before comparing it with the gold label.

**Assignment.** One-to-one, maximising first the number of matched pairs and then the summed
actor + target similarity (the Hungarian algorithm, exact for these small tables).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..core.text import STOPWORDS
from .dataset import GoldStance

TARGET_THRESHOLD = 0.5
PAIR_BONUS = 10.0  # larger than any similarity sum, so more pairs always beat better pairs


def wordset(text: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(text.split())


TITLES = wordset(
    "mr mrs ms dr sir madam president minister secretary former prime vice chief spokesperson spokesman "
    "spokeswoman senator sen rep representative mp governor mayor chairman chairwoman chair chairperson "
    "general ambassador foreign deputy acting king queen prince crown sheikh pope leader said unnamed of"
)
FUNCTION_WORDS = wordset(
    "without with of in on at to for by from after before and but or if as because while when despite "
    "under over against about into than that this these those"
)
ORG_WORDS = wordset(
    "forces force party ministry department government council union association agency office commission "
    "committee army court bank group news press institute organisation organization company corporation "
    "corp inc ltd nations republic league alliance front movement coalition administration house parliament "
    "senate congress assembly police guard corps service services times post journal mail radio television "
    "tv network foundation fund university authority board bureau embassy federation kingdom media "
    "rally officials protesters states members experts source sources project centre center show"
)
DEMONYMS = {
    "egyptian": "egypt", "turkish": "turkey", "iranian": "iran", "syrian": "syria", "iraqi": "iraq",
    "kurdish": "kurd", "saudi": "saudi", "american": "america", "british": "britain", "english": "england",
    "scottish": "scotland", "welsh": "wales", "irish": "ireland", "russian": "russia", "ukrainian": "ukraine",
    "afghan": "afghanistan", "german": "germany", "french": "france", "greek": "greece", "israeli": "israel",
    "cypriot": "cyprus", "hungarian": "hungary", "austrian": "austria", "chinese": "china", "japanese": "japan",
    "brazilian": "brazil", "nigerian": "nigeria", "european": "europe", "italian": "italy", "spanish": "spain",
    "indian": "india", "pakistani": "pakistan", "qatari": "qatar", "emirati": "emirates", "lebanese": "lebanon",
    "yemeni": "yemen", "palestinian": "palestine", "canadian": "canada", "mexican": "mexico",
    "australian": "australia", "polish": "poland", "dutch": "netherlands", "swedish": "sweden",
    "norwegian": "norway", "danish": "denmark", "finnish": "finland", "libyan": "libya", "sudanese": "sudan",
    "ethiopian": "ethiopia", "korean": "korea", "taiwanese": "taiwan", "venezuelan": "venezuela",
    "cuban": "cuba", "kenyan": "kenya", "african": "africa", "jordanian": "jordan", "tunisian": "tunisia",
    "algerian": "algeria", "moroccan": "morocco", "belgian": "belgium", "swiss": "switzerland",
    "portuguese": "portugal", "romanian": "romania", "serbian": "serbia", "croatian": "croatia",
    "armenian": "armenia", "georgian": "georgia", "belarusian": "belarus", "vietnamese": "vietnam",
    "thai": "thailand", "filipino": "philippines", "indonesian": "indonesia", "malaysian": "malaysia",
    "argentine": "argentina", "argentinian": "argentina", "chilean": "chile", "colombian": "colombia",
    "peruvian": "peru", "bolivian": "bolivia", "nepalese": "nepal", "bangladeshi": "bangladesh",
}
GENERIC = ORG_WORDS | {"state", "official", "spokesperson"}  # words that do not name anyone by themselves
PLACES = frozenset(
    set(DEMONYMS.values()) | {
        "us", "usa", "uk", "eu", "un", "un's", "hong", "kong", "united", "states", "kingdom", "arabia", "saudi",
        "new", "york", "london", "washington", "moscow", "beijing", "tehran", "ankara", "brussels", "paris",
        "berlin", "cairo", "baghdad", "damascus", "kabul", "gulf", "persian", "north", "south", "east", "west",
        "northern", "southern", "eastern", "western", "middle", "emirates", "zealand", "sri", "lanka", "uae",
        "gaza", "crimea", "kyiv", "kiev", "britain", "scotland", "wales", "england", "ireland", "amazon",
    }
)
_OFFICES = wordset("chancellor commissioner attorney justice judge director speaker professor head high lord")
_INSIDE_BODY_NAMES = FUNCTION_WORDS - {"of"} | {"the"}  # "Duke of Sussex" may still be a person's
_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-")
_NAME_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_WORD = re.compile(r"[\w]+(?:['\u2019][\w]+)*")


def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Erdoğan" -> "erdogan")."""
    return without_marks(text).lower()


def without_marks(text: str) -> str:
    """Strip diacritics, keep case ("Erdoğan" -> "Erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return [re.sub(r"['\u2019]s$", "", w) for w in _WORD.findall(fold(text))]


# --- actor identity ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A name as matching sees it: the folded tokens as written, and without titles."""

    raw: tuple[str, ...]
    core: tuple[str, ...]
    possessive: frozenset[int]  # indexes (in raw) of tokens written with 's

    @property
    def core_is_name(self) -> bool:
        """Whether the title-free form still names someone (not only places, demonyms and generic words)."""
        return any(t not in PLACES and t not in DEMONYMS and t not in GENERIC for t in self.core)

    @property
    def is_person(self) -> bool:
        """A personal name: two or more tokens, none an organisation word, place or demonym, and no
        function word inside ("Save the Children", "Center for Food Safety" name bodies: no surname)."""
        core = self.core
        return (len(core) >= 2 and not any(t in ORG_WORDS or t in PLACES or t in DEMONYMS for t in core)
                and not _body_shaped(self.raw))


def _body_shaped(raw: tuple[str, ...]) -> bool:
    """Whether a function word inside a name makes it a body's ("Save the Children", "Center for Food
    Safety", "Society for Worldwide Interbank Financial Telecommunication"): unless the name opens with a
    title and three name words or more follow the last function word (titles and articles aside: "Minister
    for Health Stephen Donnelly", "Chancellor of the Exchequer Rishi Sunak"); a couple ("Bill and Denise
    Richard") is people too."""
    inside = [i for i, t in enumerate(raw) if i and t in _INSIDE_BODY_NAMES]
    if not inside:
        return False
    if len(raw) >= 4 and inside == [1] and raw[1] == "and":  # "Bill and Denise Richard"
        return False
    titled = any(t in TITLES or t in _OFFICES for t in raw[:2])  # not "Society for Worldwide ... Telecommunication"
    return not titled or len([t for t in raw[inside[-1] + 1:] if t not in TITLES and t not in ("a", "an")]) < 3


@lru_cache(maxsize=8192)
def parse_name(name: str) -> Name:
    """Tokens of a name: folded, hyphenated words kept whole, "(unnamed)" and a leading article dropped
    (not the "One" of "One of the children")."""
    raw: list[str] = []
    possessive: set[int] = set()
    for word in _NAME_WORD.findall(fold(name)):
        if re.search(r"['\u2019]s$", word):
            word = word[:-2]
            possessive.add(len(raw))
        if word and word != "unnamed":
            raw.append(word)
    while raw and raw[0] in ("the", "a", "an", "one") and raw[1:2] != ["of"]:  # "One of the children" stays whole
        raw.pop(0)
        possessive = {i - 1 for i in possessive if i}
    core = tuple(t for t in raw if t not in TITLES and t != "the")
    return Name(tuple(raw), core, frozenset(possessive))


def name_tokens(name: str) -> frozenset[str]:
    """The tokens that identify a name (without titles)."""
    return frozenset(parse_name(name).core)


def surnames(name: Name) -> set[str]:
    """A personal name's surname forms: the last token, and without an Arabic article ("el-sisi", "sisi")."""
    last = name.core[-1]
    forms = {last}
    forms.update(last[len(p):] for p in _PARTICLES if last.startswith(p) and len(last) > len(p) + 1)
    return forms


def identity_score(predicted: str, name: str) -> float:
    """How well a predicted actor names the person or organisation ``name`` (0: not at all)."""
    mine, theirs = parse_name(predicted), parse_name(name)
    if not mine.raw or not theirs.raw or (mine.raw[0] in FUNCTION_WORDS):
        return 0.0
    if mine.raw == theirs.raw:
        return 1.0
    if theirs.core_is_name and mine.core == theirs.core:
        return 1.0
    return max(_partial(mine, theirs), _extended(mine, theirs))


def _partial(mine: Name, theirs: Name) -> float:
    """The prediction is the surname, or a run of tokens ending with it, of a personal name."""
    if not theirs.is_person or not mine.core or len(mine.core) >= len(theirs.core):
        return 0.0
    if len(mine.core) == 1:
        return 1 / len(theirs.core) if mine.core[0] in surnames(theirs) else 0.0
    return len(mine.core) / len(theirs.core) if theirs.core[-len(mine.core):] == mine.core else 0.0


def _extended(mine: Name, theirs: Name) -> float:
    """The prediction ends with the whole name, after descriptors ("BBC's Jonathan Marcus")."""
    name = theirs.core if theirs.core_is_name else theirs.raw
    extra = len(mine.raw) - len(name)
    if extra <= 0 or mine.raw[extra:] != name:
        return 0.0
    if len(name) == 1:  # one-token names: only after titles and possessive descriptors ("Iran's Rouhani")
        leading = range(extra)
        if not all(i in mine.possessive or mine.raw[i] in TITLES for i in leading):
            return 0.0
    return len(name) / len(mine.raw)


def actor_score(predicted: str, names: list[str]) -> float:
    """Similarity in [0, 1] of a predicted actor to any of ``names``; 0 means no match."""
    return max((identity_score(predicted, name) for name in names), default=0.0)


def same_actor(names_a: list[str], names_b: list[str]) -> float:
    """Identity of two actors each given with aliases (either side may name the other)."""
    forward = max((actor_score(a, names_b) for a in names_a), default=0.0)
    return max(forward, max((actor_score(b, names_a) for b in names_b), default=0.0))


# --- target polarity -----------------------------------------------------------------------------

_VERBAL_NEGATORS = frozenset({"not", "never", "cannot", "nor", "neither", "non"})
_GOVERNING_NEGATORS = frozenset({"no", "without", "none", "nobody", "nothing", "lack", "lacks", "lacked", "lacking"})
_AGAINST_AFTER = frozenset({"is", "are", "was", "were", "be", "been", "being", "vote", "votes", "voted", "voting",
                            "stand", "stands", "stood", "campaign", "campaigned", "argue", "argued", "argues"})
NEGATORS = _VERBAL_NEGATORS | _GOVERNING_NEGATORS | {"against"}
# negative stem -> positive stem (Porter stems): a word on the left counts as one negation
ANTONYMS = {
    "reject": "accept", "oppos": "support", "opposit": "support", "ban": "allow", "prohibit": "allow",
    "forbid": "allow", "disallow": "allow", "permit": "allow", "lose": "win", "lost": "win", "deni": "confirm",
    "refus": "agre", "decreas": "increas", "fail": "succeed", "weaken": "strengthen", "condemn": "endors",
    "fals": "true",
}
_POSITIVE_ONLY = frozenset({"permit"})  # synonyms folded onto the positive form, no negation
_PREFIXES = ("non", "dis", "un", "in", "il", "im", "ir")
_LATIN_PREFIXES = frozenset({"in", "il", "im", "ir"})
_ADJECTIVE_END = re.compile(r"(?:al|ble|ent|ant|ive|ate|ect|ure|ous|ic|id|ite|ar|ete|per|cit)(?:ly|ity|ness|ance|ence|cy)?$")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


# British spellings onto American ones, so that "decriminalised" is "decriminalizes"'s word and "defence"
# "defense"'s. Applied to both sides of every comparison, so a rule that also rewrites a word with no
# variant ("promise" -> "promize") changes nothing.
_SPELLING = (
    (re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|ably|er|ers)?$"), r"\1or\2"),  # favour, labour, behaviour
    (re.compile(r"^(\w{4,})is(e|ed|es|ing|ation|ations|er|ers)$"), r"\1iz\2"),  # criticise, organisation
    (re.compile(r"^(\w{2,})ys(e|ed|es|ing)$"), r"\1yz\2"),  # analyse, paralyse
    (re.compile(r"^(\w{3,})tre(s)?$"), r"\1ter\2"),  # centre, theatre, metre
    (re.compile(r"^(\w{2,}[aeiou])ll(ed|ing|er|ers)$"), r"\1l\2"),  # travelled, cancelled, labelled
)
_SPELLING_WORDS = {"defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
                   "programme": "program", "programmes": "programs", "grey": "gray"}


def american(word: str) -> str:
    """A folded word in American spelling ("decriminalised" -> "decriminalized", "defence" -> "defense")."""
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The Porter stem of a folded word, demonyms folded onto their country and British spellings onto
    American ones first."""
    return _stemmer().stem(american(DEMONYMS.get(word, word)))


@lru_cache(maxsize=4096)
def content_tokens(text: str) -> tuple[str, ...]:
    """Stemmed content words of a text (stop words and negations removed, demonyms and spellings folded), in order."""
    return tuple(stem(w) for w in _words(text) if w not in STOPWORDS and w not in NEGATORS and len(w) > 1)


def token_f1(a: str, b: str) -> float:
    """F1 of the content-word multisets of two texts (0 when either has none)."""
    return _multiset_f1(list(content_tokens(a)), list(content_tokens(b)))


def _multiset_f1(ta: list[str], tb: list[str]) -> float:
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    precision, recall = common / len(ta), common / len(tb)
    return 2 * precision * recall / (precision + recall)


def _negations(words: list[str], other_stems: set[str]) -> int:
    """Negation markers of a target (see the module docstring), counted relative to the other target."""
    count = 0
    for i, word in enumerate(words):
        if word in _VERBAL_NEGATORS or word.endswith("n't") or (word == "no" and words[i + 1:i + 2] == ["longer"]):
            count += 1
        elif word in _GOVERNING_NEGATORS:
            governed = next((w for w in words[i + 1:] if w not in STOPWORDS and w not in NEGATORS), None)
            count += governed is not None and stem(governed) in other_stems
        elif word == "against":
            count += i == 0 or words[i - 1] in _AGAINST_AFTER
    return count


def _polar(text: str, other: str) -> tuple[list[str], int]:
    """A target's content stems with antonyms folded to the positive form, and its negation count.
    A capitalised word after the first is part of a name, never an antonym ("False Bay")."""
    words = _words(text)
    names = _name_positions(text)
    other_words = _words(other)
    other_stems = {stem(w) for w in other_words}
    flips = _negations(words, other_stems)
    tokens = []
    for index, word in enumerate(words):
        if word in STOPWORDS or word in NEGATORS or len(word) < 2:
            continue
        if index in names:
            tokens.append(stem(word))
            continue
        token, base = stem(word), _prefix_antonym(word, other_stems)
        if base is not None:
            token, flips = base, flips + 1
        elif token in ANTONYMS:
            flips += token not in _POSITIVE_ONLY
            token = ANTONYMS[token]
        tokens.append(token)
    return tokens, flips


def _name_positions(text: str) -> set[int]:
    """Indexes (as :func:`_words` counts them) of the capitalised words after a target's first word."""
    cased = _WORD.findall(without_marks(text))
    return {i for i, word in enumerate(cased) if i and word[:1].isupper()}


def _prefix_antonym(word: str, other_stems: set[str]) -> str | None:
    """The stem of ``word`` without a negative prefix when that base, but not the word, is in the other
    target. The Latin prefixes in-, im-, il- and ir- negate adjectives ("illegal", "impartiality",
    "inconsistent"), so they count only before an adjective's ending: "imprisoned" is not "not prisoned",
    nor "improve" "not prove"."""
    if stem(word) in other_stems:
        return None
    for prefix in _PREFIXES:
        base = word[len(prefix):]
        if not word.startswith(prefix) or len(base) < 4 or stem(base) not in other_stems:
            continue
        if prefix in _LATIN_PREFIXES and not _ADJECTIVE_END.search(base):
            continue
        return stem(base)
    return None


def compare_targets(predicted: str, gold: str) -> tuple[float, bool]:
    """Token F1 of two targets' content words (antonyms folded) and whether their polarities differ."""
    mine, my_flips = _polar(predicted, gold)
    theirs, their_flips = _polar(gold, predicted)
    return _multiset_f1(mine, theirs), my_flips % 2 != their_flips % 2


def target_match(predicted: str, targets: list[str]) -> tuple[float, bool]:
    """The best (F1, flipped) of a predicted target against the gold target and its paraphrases;
    on equal F1 the same polarity wins."""
    return max((compare_targets(predicted, t) for t in targets), key=lambda r: (r[0], not r[1]), default=(0.0, False))


def target_score(predicted: str, targets: list[str]) -> float:
    """Best token F1 of a predicted target against the gold target and its paraphrases (polarity aside)."""
    return target_match(predicted, targets)[0]


FLIP = {"favor": "against", "against": "favor"}


def flip_stance(stance: str) -> str:
    """The stance toward the negated claim: favor <-> against; mixed, neutral and unclear unchanged."""
    return FLIP.get(stance, stance)


# --- rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A predicted row paired with a gold row; ``flipped``: the targets have opposite polarity."""

    pred: int
    gold: int
    actor: float
    target: float
    flipped: bool = False


@dataclass(frozen=True)
class PredictedRow:
    """What matching needs from a predicted row (an annotation's row may add aliases and paraphrases)."""

    actor: str
    target: str
    stance: str
    aliases: tuple[str, ...] = ()
    paraphrases: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [self.actor, *self.aliases]

    @property
    def targets(self) -> list[str]:
        return [self.target, *self.paraphrases]


def row_candidate(row: PredictedRow, gold: GoldStance, pred: int = 0, index: int = 0,
                  symmetric: bool = False) -> Match | None:
    """The pair as a candidate match, or None when the actor or the target does not match.

    ``symmetric`` (two annotations): either side's names may identify the other's actor."""
    actor = same_actor(row.names, gold.names) if symmetric else actor_score(row.actor, gold.names)
    if not actor:
        return None
    score, flipped = max((target_match(t, gold.targets) for t in row.targets), key=lambda r: (r[0], not r[1]))
    return Match(pred, index, actor, score, flipped) if score >= TARGET_THRESHOLD else None


def match_rows(predicted: list[PredictedRow], gold: list[GoldStance], symmetric: bool = False) -> list[Match]:
    """One-to-one matches between predicted and gold rows (see the module docstring)."""
    candidates: dict[tuple[int, int], Match] = {}
    for i, row in enumerate(predicted):
        for j, g in enumerate(gold):
            match = row_candidate(row, g, i, j, symmetric)
            if match is not None:
                candidates[i, j] = match
    weights = [[_weight(candidates.get((i, j))) for j in range(len(gold))] for i in range(len(predicted))]
    return sorted((candidates[pair] for pair in assign(weights)), key=lambda m: m.gold)


def matched_stance(match: Match, predicted: str) -> str:
    """The predicted stance as it reads against the gold target (flipped when the polarity differs)."""
    return flip_stance(predicted) if match.flipped else predicted


def _weight(match: Match | None) -> float:
    return 0.0 if match is None else PAIR_BONUS + match.actor + match.target


def actor_recall(predicted_actors: list[str], gold: list[GoldStance]) -> float | None:
    """Share of distinct gold actors named as the actor of at least one predicted row."""
    actors: dict[tuple[str, ...], list[str]] = {}
    for g in gold:
        actors.setdefault(parse_name(g.actor).raw, g.names)
    if not actors:
        return None
    found = sum(any(actor_score(p, names) for p in predicted_actors) for names in actors.values())
    return found / len(actors)


def assign(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment (Hungarian algorithm); zero-weight pairs are dropped."""
    if not weights or not weights[0]:
        return []
    transposed = len(weights) > len(weights[0])
    matrix = [list(col) for col in zip(*weights)] if transposed else weights
    owner = _hungarian([[-w for w in row] for row in matrix])
    pairs = [(i, j) for j, i in enumerate(owner) if i >= 0 and matrix[i][j] > 0]
    return sorted((j, i) if transposed else (i, j) for i, j in pairs)


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of every row (n <= m) to a column; returns the row of each column or -1."""
    n, m, inf = len(cost), len(cost[0]), float("inf")
    u, v, owner, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], col = i, 0
        slack, used = [inf] * (m + 1), [False] * (m + 1)
        while owner[col]:
            used[col], row, delta, nxt = True, owner[col], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[row - 1][j - 1] - u[row] - v[j]
                    if reduced < slack[j]:
                        slack[j], way[j] = reduced, col
                    if slack[j] < delta:
                        delta, nxt = slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            col = nxt
        while col:
            prev = way[col]
            owner[col] = owner[prev]
            col = prev
    return [owner[j] - 1 for j in range(1, m + 1)]
