"""The offline extractive engine: no model, no network, well under a second.

Summary: sentences scored by TF-IDF centrality plus a lead prior, picked with maximal marginal
relevance (redundancy removed) up to the word target, shown in article order. ``lead3`` mode
takes the first three sentences (the classic news baseline).

Stance table: who said what, from :mod:`summariser.engines.extractive.attribution`. A row's target is
the claim the headline reports (:func:`issue_of`) when the speaker's words are about it, else the
speaker's own claim (a normative "Japan should boost defence spending ...", or the reported clause:
stance favor), else the claim of another speaker the row takes a side on; the stance comes from
clear cue words (opposed, welcomed, "a big mistake" ...) and is ``unclear`` where the rules cannot tell.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Literal

from ...core.patterns import grouped_alternation
from ...core.schema import MAX_STANCE_ROWS, MAX_SUMMARY_POINTS, DraftBrief, DraftPoint, DraftStanceRow, Stance
from ...core.text import STOPWORDS, WEEKDAYS, Layout, Span, paragraphs, split_sentences, word_at, words
from ...ingest.documents import is_boilerplate
from .attribution import Attribution, attribute, is_outlet, modal_claim, shows_position
from .lexicon import ACTOR_NOUNS, DASH, VOTE_COUNT
from .quotes import quoted_passages

Mode = Literal["central", "lead3"]

_AGAINST = re.compile(r"\b(" + grouped_alternation(
    r"oppos\w*|criticis\w*|criticiz\w*|condemn\w*|reject\w*|denounc\w*|object\w*|protest\w*|"
    r"stab in the back|betray\w*|unacceptable|refus\w*|deni\w*|den(?:y|ied) |blam\w*|accus\w*|warn\w* against|"
    r"mistake|disaster\w*|shameful|outrag\w*|reckless|catastroph\w*|abandon\w*|illegal|dangerous|"
    r"irresponsible|unjust\w*|violat\w*|aggression|attack on|no justification|"
    r"scrap(?:s|ped|ping)?\b|ruin(?:s|ed|ing)?\b|cancel(?:s|led|ed|ling|ing)?\b|halt(?:s|ed|ing)?\b|"
    r"garbage|hoax\w*|witch hunt|sham\b|nonsense|disgrace\w*|repugnant|ridiculous|absurd\w*|smash and grab|"
    r"slam(?:s|med|ming)?\b|decr(?:y|ies|ied|ying)\b|"
    rf"(?:argued|campaigned|lobbied|vot\w*|voted {VOTE_COUNT}|spoke(?: out)?|protest\w*|came out|is|are|was|were|been) against|"
    r"critical of|took issue with|ruled against|disagree\w*"
) + ")")  # lower case: _polarity lowers the text first
_NEGATED = re.compile(r"\b(?:not|n't|never|no)\b[^.,;]*$")
_FAVOR = re.compile(r"\b(" + grouped_alternation(
    r"support\w*|back(?:ed|ing)\b|welcom\w*|prais\w*|endors\w*|urg\w*|call(?:ed|s)? for|applaud\w*|"
    r"hail\w*|champion\w*|approv\w*|agree\w*|commend\w*|defend(?:ed|s|ing)\b|right decision|good news|great success|"
    r"historic|step forward|positive step|in favou?r of|favou?red\b|pushed for|"
    r"(?:campaigned|lobbied|argued|spoke(?: out)?|came out) for|sided with|ruled in favou?r of"
) + ")")
# words that point ahead; a date or a weekday alone does not (most are past events)
_FUTURE = re.compile(r"\b(" + grouped_alternation(
    r"will|won't|is expected to|are expected to|(?:is|are) going to|plans? to|is planning|are planning|"
    r"is set to|are set to|next (?:week|month|year)|upcoming|deadline|later this|scheduled|(?:is|are) due to|"
    r"vowed|threatened|by 20\d\d"
) + r")\b")
_QUOTE_MARK = re.compile(r"[\u201c\u201d\"]")
_QUOTED_RUN = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")  # closed quotes only
_SENTENCE_END_MARKS = ".!?\u201d\"'\u2019)"  # what a sentence (a stripped span) ends with
_QUOTED = re.compile(r"[\u201c\"][^\u201d\"]*(?:[\u201d\"]|$)")  # quoted words (or an unclosed quote's rest)
_DATELINE = re.compile(rf"^\W*(?:{WEEKDAYS}),? \w+ \d{{1,2}},? \d{{4}}\W*$")
# a wire story's opening dateline: "(CNN)Eight Iranian border guards ...", "Rome (CNN)Italy is ...", "LONDON
# (Reuters) - ..."
_AGENCY_DATELINE = re.compile(
    r"(?:[A-Z][\w.'\u2019-]*(?:,?\s[A-Z][\w.'\u2019-]*){0,3}\s*)?\((?:CNN|Reuters|AP|AFP|UPI)\)\s*(?:[-\u2013\u2014]\s*)?"
)


class ExtractiveEngine:
    """Builds a :class:`DraftBrief` from the article alone."""

    backend = "extractive"

    def __init__(self, mode: Mode = "central") -> None:
        self.mode = mode
        self.model = f"extractive-{mode}"

    def draft(self, text: str, *, title: str = "", words_target: int = 150, topic: str = "",
              named: bool = False) -> DraftBrief:
        """A draft of one article; ``topic`` (default: the title) is the claim rows without one refer to;
        ``named``: ``topic`` is an editor's name for the story the article belongs to."""
        layout = Layout(text)
        candidates = content_sentences(layout, title)
        passages = quoted_passages(text, layout.paragraphs)
        quotes = [span for span, _ in passages]
        if self.mode == "lead3":
            chosen = lead3(lead_sentences(text, title))
        else:
            chosen = select_central(candidates, words_target, quotes=quotes, title=title)
        attributions = attribute(text, layout, passages)
        headline = title or _headline_from(candidates, text)
        return DraftBrief(
            headline=headline,
            summary=[DraftPoint(text=s.text, quotes=[s.text]) for s in chosen][:MAX_SUMMARY_POINTS],
            stance_table=stance_rows(attributions, topic=topic or headline, story=named and bool(topic)),
            what_to_watch=what_to_watch(candidates, {s.start for s in chosen}, quotes, attributions),
        )


def content_sentences(layout: Layout, title: str) -> list[Span]:
    """Sentences that carry content: not the headline, datelines, captions or one-word lines."""
    out = []
    for sentence in layout.sentences():
        if title and sentence.text.strip() == title.strip():
            continue
        if _DATELINE.match(sentence.text) or sentence.words < 5 or is_boilerplate(sentence.text):
            continue
        if not _ends_sentence(sentence.text):
            continue
        out.append(sentence)
    return out


def _ends_sentence(text: str) -> bool:
    return bool(text) and text[-1] in _SENTENCE_END_MARKS


def lead_sentences(text: str, title: str = "") -> list[Span]:
    """Sentences as the classic Lead-3 baseline sees them: all but headings, labels and datelines.

    Unlike :func:`content_sentences`, short sentences are kept, and so is a run without a full
    stop inside a paragraph (a photo caption run into the text, as in flattened CNN/DailyMail
    articles), as in the Lead-3 of See et al. and SummEval. A whole line without one (a heading,
    a map legend, a byline) is still left out.
    """
    out: list[Span] = []
    for paragraph in paragraphs(text):
        spans = split_sentences(paragraph)
        if not out and spans:
            spans = [*split_caption_run_in(spans[0]), *spans[1:]]
        for sentence in spans:
            if (title and sentence.text.strip() == title.strip()) or _DATELINE.match(sentence.text):
                continue
            if len(spans) == 1 and not _ends_sentence(sentence.text):
                continue
            out.append(sentence)
    return out


# A photo caption run into the lede with no full stop: "... hotel parking lot An FBI agent's rifle
# was ...". Only at the very start of an article (where flattened pages put the lead picture's
# caption), only before "A", "An" or "The" after a word, digit or bracket, and neither of the two
# words around that determiner a function word ("series of The X Factor", "Serie A on Saturday").
_CAPTION_RUN_IN = re.compile(r"([\w')]+)\s+(?=(?:A|An|The)\s+([\w'-]+)\s+[\w'-]+)")
_CAPTION_MIN_WORDS = 6


def split_caption_run_in(first: Span) -> list[Span]:
    """The article's first sentence, split where a caption without a full stop runs into the lede."""
    for match in _CAPTION_RUN_IN.finditer(first.text):
        before, after = match.group(1), match.group(2)
        if {before.lower(), after.lower()} & STOPWORDS:
            continue
        caption, lede = first.text[:match.start(1) + len(before)], first.text[match.end():]
        if len(caption.split()) >= _CAPTION_MIN_WORDS and len(lede.split()) >= _CAPTION_MIN_WORDS:
            start = first.start + match.end()
            return [Span(first.start, first.start + len(caption), caption), Span(start, first.end, lede)]
    return [first]


def _headline_from(candidates: list[Span], text: str = "") -> str:
    """The start of the first content sentence, from a line of its own that is not a dateline or page
    furniture (a headline is a line of the article); with no content sentence, the article's first
    such line, else its first line."""
    pool = [candidates[0].text] if candidates else []
    pool.append(text)
    lines = [line.strip() for block in pool for line in block.splitlines() if line.strip()]
    fitting = [line for line in lines if not is_boilerplate(line) and not _DATELINE.match(line)]
    if not (fitting or lines):
        return "Brief"
    line = (fitting or lines)[0]
    dateline = _AGENCY_DATELINE.match(line)
    first = (line[dateline.end() if dateline else 0:] or line).split()
    return " ".join(first[:15]).rstrip(",;:") + ("\u2026" if len(first) > 15 else "")


def lead3(candidates: list[Span]) -> list[Span]:
    return candidates[:3]


def _terms(text: str) -> list[str]:
    return [w for w in map(str.lower, words(text)) if w not in STOPWORDS and len(w) > 1]


def _tfidf_vectors(spans: list[Span]) -> list[dict[str, float]]:
    bags = [Counter(_terms(s.text)) for s in spans]
    df = Counter(term for bag in bags for term in bag)
    n = len(spans)
    idf = {t: math.log((1 + n) / (1 + count)) + 1 for t, count in df.items()}
    return [{t: c * idf[t] for t, c in bag.items()} for bag in bags]


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum([v * b[k] for k, v in a.items() if k in b])


def _centrality(vectors: list[dict[str, float]], norms: list[float], narrative: list[bool]) -> list[float]:
    """Each sentence's cosine similarity to the centroid of the ``narrative`` sentences (the sum of
    their vectors; of all sentences when none is): what the article's own voice is about."""
    centroid: dict[str, float] = {}
    for vector in (v for v, keep in zip(vectors, narrative) if keep or not any(narrative)):
        for term, weight in vector.items():
            centroid[term] = centroid.get(term, 0.0) + weight
    centroid_norm = math.sqrt(sum(w * w for w in centroid.values()))
    return [_dot(v, centroid) / (n * centroid_norm) if n and centroid_norm else 0.0 for v, n in zip(vectors, norms)]


LENGTH_SLACK = 0.15  # a summary may run this share over --words rather than stop well short of it
QUOTED_PENALTY = 0.15  # a sentence that is mostly quote marks' content: a speaker's words, not the facts
INSIDE_QUOTE_PENALTY = 0.3  # a sentence of a direct quote running over several sentences: the same
TITLE_WEIGHT = 0.1  # times the share of the headline's words a sentence repeats
FIGURE_BONUS = 0.12  # for a sentence stating a figure (a count, an amount, a date): a checkable fact
YEAR_ONLY_BONUS = 0.06  # when its only figures are years ("In 2015, ..."): often background
_FIGURE = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def select_central(candidates: list[Span], words_target: int, diversity: float = 0.3,
                   quotes: Sequence[Span] = (), title: str = "") -> list[Span]:
    """Central, early, non-redundant sentences up to ``words_target`` words, in article order.

    Sentences inside the direct ``quotes`` (which may run over several sentences) are the speakers'
    words, rarely the facts of the story: they come last (the stance table shows them), and
    centrality is measured against the other, narrative sentences. Sentences
    repeating the ``title``'s words report the story the headline names (Edmundson's title method),
    and sentences stating a figure carry the story's checkable facts (how many, how much, when; a
    year alone counts less, as it often dates background)."""
    if not candidates:
        return []
    vectors = _tfidf_vectors(candidates)
    norms = [math.sqrt(sum(x * x for x in v.values())) for v in vectors]
    ordered = sorted(quotes, key=lambda q: q.start)
    penalties = [_quote_penalty(s, ordered) for s in candidates]
    centrality = _centrality(vectors, norms, [not p for p in penalties])
    headline = set(_terms(title))
    relevance = [
        0.6 * centrality[i] + 0.4 / (1 + 0.25 * i) + TITLE_WEIGHT * _share_of(headline, v)
        + _figure_bonus(s.text) - penalties[i]
        for i, (v, s) in enumerate(zip(vectors, candidates))
    ]
    chosen: list[int] = []
    redundancy = [0.0] * len(candidates)  # each sentence's highest similarity to a chosen one
    lengths = [s.words for s in candidates]
    total, ceiling = 0, words_target * (1 + LENGTH_SLACK)
    while len(chosen) < MAX_SUMMARY_POINTS and total < words_target:
        # the first sentence always; after that only sentences that keep the summary near the target
        fitting = [i for i in range(len(candidates)) if i not in chosen and (not chosen or total + lengths[i] <= ceiling)]
        if not fitting:
            break
        best = max(fitting, key=lambda i: relevance[i] - diversity * redundancy[i])
        chosen.append(best)
        total += lengths[best]
        for i in fitting:  # only the newly chosen sentence can raise a similarity
            redundancy[i] = max(redundancy[i], _dot(vectors[i], vectors[best]) / (norms[i] * norms[best] or 1.0))
    return [candidates[i] for i in sorted(chosen)]


def _figure_bonus(text: str) -> float:
    """Relevance a sentence gains by stating figures: less when they are only years (history, background)."""
    if not _FIGURE.search(text):
        return 0.0
    return FIGURE_BONUS if _FIGURE.search(_YEAR.sub("", text)) else YEAR_ONLY_BONUS


def _share_of(headline: set[str], vector: dict[str, float]) -> float:
    """The share of the headline's content words that a sentence (its term vector) repeats (0 without a headline)."""
    return len(headline & vector.keys()) / len(headline) if headline else 0.0


def _quote_penalty(span: Span, quotes: list[Span]) -> float:
    """How much a sentence's being a speaker's words lowers its relevance (``quotes`` in article order)."""
    if _inside_quote(span, quotes):
        return INSIDE_QUOTE_PENALTY
    return QUOTED_PENALTY if _mostly_quote(span) else 0.0


def _mostly_quote(span: Span) -> bool:
    quoted = sum(len(m.group(0)) for m in _QUOTED_RUN.finditer(span.text))
    return quoted > 0.5 * len(span.text)


def _polarity(text: str) -> Literal["favor", "against", "mixed", ""]:
    """favor, against, mixed or '' from cue words, ignoring negated ones ("not a mistake")."""
    text = text.lower()  # the cue patterns are lower case: much faster than matching ignoring case
    against = any(not _NEGATED.search(text[max(0, m.start() - 20):m.start()]) for m in _AGAINST.finditer(text))
    favor = any(not _NEGATED.search(text[max(0, m.start() - 20):m.start()]) for m in _FAVOR.finditer(text))
    return "mixed" if against and favor else "against" if against else "favor" if favor else ""


def stance_of(attribution: Attribution, context: str) -> tuple[str, Stance]:
    """(own claim or '', stance) of one attribution on its own: cue words around the quote (opposed,
    welcomed ...) or evaluative words inside it give a side on someone else's claim (claim ''); else
    the speaker asserts a claim of their own (a normative "Japan should ...", or the reported
    clause, or the quote's first sentence): favor; a question decides nothing: unclear."""
    # reported words: what follows them in the sentence ("... for refusing to hand over ...") is not the speaker's
    end = context.find(attribution.quote.text) if not attribution.direct else -1
    context = context[: end + len(attribution.quote.text)] if end >= 0 else context
    around = _QUOTED.sub(" ", f"{attribution.cue} {context}")
    stance = _polarity(around) or _polarity(attribution.quote.text)
    if stance:
        return "", stance
    claim = own_claim(attribution)
    return (claim, "favor") if claim else ("", "unclear")


_CLAUSE_CUT = re.compile(r"\s*(?:;|:|\s\u2014\s|,?\s+but\s|,?\s+because\s|,\s+which\s|,\s+while\s|,\s+and\s|,\s+as\s|,\s+after\s)")
_LEAD_IN = re.compile(r"^(?:(?:that|and|but|so|well|look|however|also)\b[,\s]*|(?:yes|no),\s*)", re.IGNORECASE)
MAX_CLAIM_WORDS = 20
_DASHED_ASIDE = re.compile(rf"{DASH}[^\u2013\u2014\u2015]{{1,150}}?{DASH}")  # " — the disease caused by ... — "
# grief, condolences and astonishment: what a speaker feels, no claim to take a side on
_FEELING = re.compile(
    r"\b(?:condolence\w*|thoughts and prayers|rest in peace|sad(?:ly|dened)?|heartbroken|mourn\w*|"
    r"sympath(?:y|ies)|flabbergasted)\b"
    r"|(?:^\W*|,\s+)on behalf of\b"  # the formula of sympathy ("We extend, on behalf of ..."), not "filed ... on behalf of"
    # a prayer ("May God protect their loved ones", "May the injured recover soon", "May their memory be a blessing"),
    # not a demand made as a wish ("May the government give the families the truth")
    r"|^\W*may\s+(?:god|allah|the lord)\b|^\W*may\s+(?:the|their|his|her)\s+(?:injured|wounded|victims?|famil(?:y|ies)|"
    r"dead|deceased|departed|souls?|memor(?:y|ies)|loved ones)\s+(?:[a-z]+\s+){0,2}?(?:rest|recover|heal|find|be)\b",
)


def _feeling(text: str) -> bool:
    """Whether the text voices grief, condolence or astonishment (matched in lower case: faster than ignoring case)."""
    return _FEELING.search(text.lower()) is not None


def own_claim(attribution: Attribution) -> str:
    """The claim a speaker asserts here, in their own words: a normative claim if they make one,
    else the first sentence of the quote or reported clause, cut to its main clause; '' for a question."""
    text = f"{attribution.lead} {attribution.quote.text}" if attribution.lead else attribution.quote.text
    claim = modal_claim(text)
    if not claim:
        sentences = [s.text for s in split_sentences(Span(0, len(text), text))] or [text]
        claim = next((s for s in sentences if not _feeling(s)), "")
    if claim.rstrip("\"\u201d\u2019' ").endswith("?"):
        return ""
    claim = _LEAD_IN.sub("", _DASHED_ASIDE.sub(" ", claim.strip()))
    if len(claim.split()) > MAX_CLAIM_WORDS:
        for cut in _CLAUSE_CUT.finditer(claim):
            if len(claim[: cut.start()].split()) >= 6:
                claim = claim[: cut.start()]
                break
        claim = " ".join(claim.split()[:MAX_CLAIM_WORDS])
    claim = claim.strip(" ,;:.\u2014-\"\u201c\u201d")
    if len(claim.split()) < 4:
        return ""
    return claim[:1].upper() + claim[1:]


def _only_feelings(attribution: Attribution) -> bool:
    """Whether every sentence of the words is grief, condolence or astonishment ("Deeply saddened by the
    loss of lives"): no position (the guidelines' "condolences and grief alone are not positions")."""
    text = attribution.quote.text
    if not _feeling(text) or _polarity(text):
        return False
    return all(_feeling(s.text) for s in split_sentences(Span(0, len(text), text)))


def _stems(text: str) -> frozenset[str]:
    """Content words cut to five letters (a crude stem: 'withdrawal' ~ 'withdraw', 'defence' ~ 'defend')."""
    return frozenset(w[:5] for w in _terms(text) if len(w) > 2)


_JUDGED = re.compile(
    r"\b(?:oppos|criticis|criticiz|condemn|reject|denounc|welcom|support|back|prais|endors|defend|slamm|object|"
    r"pushed|campaigned|lobbied|critical|sided|took issue|came out|ruled|agreed|disagreed|voted|"
    r"attack|question|dismiss|applaud|hail|decr|champion|favou?r)\w*\s+"
    rf"(?:{VOTE_COUNT}\s+)?(?:(?:to|for|against|of|with|behind|in favou?r of)\s+)?"
    r"(?P<what>(?:the|this|that|these|those|both|his|her|their|its|a|an|[A-Z][\w-]+['\u2019]s)\s+"
    r"[^.,;:!?\u201c\u201d\"]{3,80}?)(?=\s*(?:[.,;:!?\u201c\"]|(?<!\d{4})\sand\s|\sand\s(?!\d{4}\b)|\sas\s|\sbecause\s|\sbut\s|$))",  # not "the 2008 and 2012 campaigns"
    re.IGNORECASE,
)


# "opposed the withdrawal on Monday": when it was judged, not what
_WHEN_JUDGED = re.compile(
    rf"\s+(?:(?:on|last|this|earlier|late|early)\s+(?:{WEEKDAYS}|week|month|year|morning|evening)|yesterday|today)$"
)


JUDGED_WORDS = 10
_HANGING = {"the", "a", "an", "of", "for", "to", "in", "on", "at", "with", "by", "from", "and", "or", "his", "her", "its", "their"}


def _judged_object(attribution: Attribution) -> str:
    """What a judging verb around the quote is about ("opposed the withdrawal" -> "The withdrawal")."""
    match = _JUDGED.search(_QUOTED.sub(" ", f"{attribution.cue} {attribution.context}"))
    if not match:
        return ""
    words = _WHEN_JUDGED.sub("", match.group("what")).split()
    if len(words) > JUDGED_WORDS:  # cut, and not left hanging on "... for the"
        words = words[:JUDGED_WORDS]
        while len(words) > 2 and words[-1].lower() in _HANGING:
            words.pop()
    what = " ".join(words)
    return what[:1].upper() + what[1:]


NEARBY_CLAIMS = 40  # on each side: more than a news article has, and a bound for a book-length input


def _nearby(claims: list[tuple[int, str, str, frozenset[str]]], at: int) -> list[tuple[int, str, str, frozenset[str]]]:
    """The claims (sorted by position) nearest to ``at``: all of them in any ordinary article."""
    index = bisect.bisect_left(claims, at, key=lambda c: c[0])
    return claims[max(0, index - NEARBY_CLAIMS):index + NEARBY_CLAIMS]


# "his decision", "the move", "this plan": a judged object that only points back at something named before
_ANAPHORIC = re.compile(
    r"^(?:(?:his|her|its|their|this|that|these|those)\s+\S+(?:\s+\S+)?"
    r"|the\s+(?:move|decision|plan|step|proposal|policy|measure|ruling|announcement|idea|deal|order)s?"
    r"(?:\s+(?:via|on|in|at|by|during|over)\s.*)?)$",  # "the decision via Twitter": how, not what
    re.IGNORECASE,
)


ISSUE_SHARED_WORDS = 2  # words a quote and its sentence share with the headline's claim to be about it
# a direct quote's first sentence is the speaker's phrasing, seldom the proposition the story turns on: one
# word shared with the headline's claim is enough to put the quote on it (a reported clause needs two)
DIRECT_ISSUE_SHARED_WORDS = 1
CLAIM_SHARED_WORDS = 3  # with another speaker's claim: two are often only a name and a place


def _closest_claim(attribution: Attribution, claims: list[tuple[int, str, str, frozenset[str]]], issue: str,
                   judged: str, issue_words: frozenset[str]) -> str:
    """The claim this row takes a side on: of another speaker's claims and the claim the headline
    reports, the one sharing most words with the quote and its sentence (two at least for the
    headline's claim, three for another speaker's: two are often only a name and a place the whole
    article shares); else what a judging verb is about ("opposed the withdrawal": the headline's
    claim when it shares a word with it, else "The withdrawal"); else the headline's claim; else the
    nearest other speaker's claim. ``issue_words``: the stems of ``issue``."""
    others = [c for c in _nearby(claims, attribution.quote.start) if c[1] != attribution.speaker]
    if issue:
        others.append((-1, "", issue, issue_words))
    words = _words_around(attribution)
    if others:
        shared = max(others, key=lambda c: (len(words & c[3]), c[0] < 0, -abs(c[0] - attribution.quote.start)))
        if len(words & shared[3]) >= (ISSUE_SHARED_WORDS if shared[0] < 0 else CLAIM_SHARED_WORDS):
            return shared[2]
    if judged:
        return issue if issue and (_stems(judged) & issue_words or _ANAPHORIC.match(judged)) else judged
    if not others:
        return ""
    return issue or min(others, key=lambda c: abs(c[0] - attribution.quote.start))[2]


_SPEECH_HEAD = (
    r"announces?|says?|urges?|tells?|calls?(?: on| for)?|reaffirms?|reasserts?|admits?|demands?|claims?|warns?|"
    r"vows?|pledges?|insists?|asks?|denies|deny|wants?|seeks?|agrees?|threatens?|promises?|plans?|"
    r"opposes|oppose|backs|back|rejects?|welcomes?|supports?|condemns?|critici[sz]es|critici[sz]e|slams|"
    r"endorses?|defends?|praises?|denounces?|blames?|proposes?|suggests?|declares?|orders?|indicates?|finds?|shows?|"
    r"rules?"
)
_HEAD_REST = r"(?P<rest>(?:[^,;:]|(?<=\d),(?=\d)){8,})"  # up to a clause's end (a thousands comma is none)
_HEAD_SPEECH = re.compile(rf"^(?P<subj>(?:\S+\s+){{1,8}}?)(?P<verb>{_SPEECH_HEAD})\s+{_HEAD_REST}")
_NOT_VERBS = (  # words ending in -s that are never a headline's verb
    r"this|his|hers|its|was|has|does|less|unless|various|previous|famous|serious|bus|gas|news|always|"
    r"perhaps|across|thus|yes|plus|towards|afterwards|besides|whereas|status|crisis|basis|analysis|campus"
)
_HEAD_VERB = re.compile(rf"^(?P<subj>(?:\S+\s+){{1,8}}?)(?!(?:{_NOT_VERBS})\s)(?P<verb>[a-z]{{3,}}(?:es|s))\s+{_HEAD_REST}")


_SECONDARY = re.compile(
    r"\s+(?:as|while|amid|despite)\s+(?=[A-Z]|(?:the|a|an|his|her|its|their|they|he|she|it|we)\s)"
    r"|,\s+|;\s+|:\s+|\s+\u2014\s+"
)
_ACTOR_HEAD = re.compile(
    rf"(?:{ACTOR_NOUNS}|thousands|hundreds|dozens|millions|people|citizens|residents|voters|enterprise|firm|business|"
    r"retailer|store|shop|military|forces|authorities|regulator|lawmakers)s?",
    re.IGNORECASE,
)


_HEAD_PRONOUN = re.compile(r"(it|he|she|they)\s+(?=[a-z'\u2018\u201c])")
# "it would be wrong to", "it is time to", "it may be too late to", "it is vital that": an empty "it"
_DUMMY_IT = re.compile(r"it\s+(?:is|was|would|could|may|might|will|should|must)\s+(?:not\s+)?(?:\S+\s+){0,3}?(?:to|that|for)\b")


def _pronoun_means(pronoun: str, subject: str, rest: str) -> bool:
    """Whether the pronoun opening a headline's reported clause is its subject: "he" or "she" a person
    ("Police say he was known" is someone else), "it" not an empty one ("says it would be wrong to ...")."""
    last = subject.split()[-1]
    if pronoun in ("he", "she"):
        return last[:1].isupper() and not _ACTOR_HEAD.fullmatch(last)
    return not (pronoun == "it" and _DUMMY_IT.match(rest))


def issue_of(title: str) -> str:
    """The claim a headline reports, not the headline itself: the complement of its speech verb
    ("UK urges US to waive immunity ..." -> "US should waive immunity ..."; "Leaders call to address
    the fires" -> "Address the fires"); else its subject when that is a thing, not someone ("Kessel
    Bay lease splits Veskaria" -> "Kessel Bay lease"); else its predicate ("Germany bans Mahan Air of
    Iran, citing ..." -> "Bans Mahan Air of Iran"); '' when it has no verb the rules can see. A
    secondary clause ("... as Turkey invades", ", citing ...") is left out."""
    match = _HEAD_SPEECH.match(title.strip()) or _HEAD_VERB.match(title.strip())
    if not match:
        return ""
    rest = _SECONDARY.split(match.group("rest").strip(" .'\"\u2019"), maxsplit=1)[0]
    subject = match.group("subj").strip()
    if _reports_an_interview(subject, match.group("verb"), rest):
        return ""
    if re.fullmatch(_SPEECH_HEAD, match.group("verb")):
        told = _without_outlet(rest) if match.group("verb") in ("tells", "tell") else rest
        rest = re.sub(r"^(?:to|that|for|on)\s+", "", told)
        pronoun = _HEAD_PRONOUN.match(rest)
        if pronoun and subject and _pronoun_means(pronoun.group(1), subject, rest):
            # "Ford says it will cut 3,000 jobs": a clause whose subject the headline names
            claim = f"{subject} {rest[pronoun.end():]}"
        elif not pronoun and not re.match(r"\w+ing\s", rest):  # not a clause, nor "proposes converting the fort ..."
            # "urges US to waive ...": "US should waive ..."; not "US is to blame"
            claim = re.sub(r"^((?:\S+\s+){1,4}?)(?<!\bis )(?<!\bare )(?<!\bwas )to\s+(?=[a-z])(?!(?:a|an|the|his|her|its|their)\s)",
                           r"\1should ", rest)
        else:
            claim = rest
    elif _is_thing(subject):
        claim = subject
    else:
        claim = f"{match.group('verb')} {rest}"
    return claim[:1].upper() + claim[1:] if len(claim.split()) >= 2 else ""


# the newsroom's own reporting: "Wikinews interviews ...", "X talks about Y with Wikinews", "X tells Wikinews about Y"
_INTERVIEW_VERB = re.compile(
    r"\b(?:interview|talk|speak|discuss|chat|tell|attend|visit|investigate|meet|sit)(?:s|es)?\b")
_ABOUT_OUTLET = re.compile(r"(?:^|\b(?:with|to)\s+)(?:[Tt]he\s+)?(?P<outlet>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}?)(?=\s+about\b|\s*$)")
_OPENING_CAPITALS = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][\w.-]*\s+){1,4})(?!to\s)(?=[a-z])")


def _without_outlet(rest: str) -> str:
    """The words a headline reports without the outlet they were told to ("tells CNN troops will leave" ->
    "troops will leave", "tells CBS News Russia must pay" -> "Russia must pay"); an outlet told to do
    something stays ("tells Fox News to hand over ...")."""
    opening = _OPENING_CAPITALS.match(rest)
    if not opening:
        return rest
    words = opening.group(1).split()
    for k in range(len(words), 0, -1):
        if is_outlet(" ".join(words[:k])):
            return rest[opening.start(1):].split(None, k)[-1]
    return rest


def _reports_an_interview(subject: str, verb: str, rest: str) -> bool:
    """Whether a headline tells of the newsroom's own reporting, which claims nothing: "Wikinews interviews
    Jo Jorgensen", "Perttu Ahola talks about Minetest with Wikinews", "Astronomer tells Wikinews about ..."
    (an outlet in the news itself, "CNN sues ...", "Trump sues New York Times", is not this)."""
    if not _INTERVIEW_VERB.search(f"{subject} {verb}"):  # "Kurtzer discusses plans for ... with Wikinews"
        return False
    if is_outlet(subject.rsplit(": ", 1)[-1]):  # "Living with HIV: Wikinews talks to ..."
        return True
    return any(is_outlet(m.group("outlet")) for m in _ABOUT_OUTLET.finditer(rest))


def _is_thing(subject: str) -> bool:
    """Whether a headline's subject names a thing ("Tamsel Dam row") rather than who acts ("Germany",
    "US President Trump", "Thousands of farmers"): it ends in a lower-case content word that does not
    name people or a body, and has two content words at least ("Rise in" is no subject)."""
    words = subject.split()
    if not words or words[-1] in STOPWORDS or len(_terms(subject)) < 2 or _QUOTE_MARK.search(subject):
        return False
    return bool(re.fullmatch(r"[a-z][a-z-]+", words[-1])) and not _ACTOR_HEAD.fullmatch(words[-1])


def stance_rows(attributions: list[Attribution], *, topic: str, story: bool = False) -> list[DraftStanceRow]:
    """One row per speaker and target; the first quote that shows it. A row's target is the claim
    the headline reports when the speaker's words are about it; else the claim the speaker asserts
    (shared with an earlier row that states the same claim); or, when the row only takes a side
    (criticised, welcomed, "a big mistake"), the claim it is about (see :func:`_closest_claim`);
    ``topic`` only when the article has no claim at all. ``story``: ``topic`` is an editor's name for
    the story, itself the claim when it has no verb. Speakers who only report a fact get no row."""
    shown = [a for a in attributions if shows_position(a) and not _reports_a_fact(a) and not _only_feelings(a)]
    judged = [(a, *stance_of(a, a.context)) for a in shown]
    claims = sorted(((a.quote.start, a.speaker, claim, _stems(claim)) for a, claim, _ in judged if claim), key=lambda c: c[0])
    issue = issue_of(topic) or (topic if story else "")
    issue_words = _stems(issue)
    rows: list[DraftStanceRow] = []
    named: set[int] = set()  # rows whose words the text gives their speaker by name, not by "he said"
    seen: set[tuple[str, str]] = set()
    speakers: set[str] = set()  # the speakers of ``seen``: whether a row is a speaker's first
    targets: list[tuple[str, frozenset[str]]] = [(issue, issue_words)] if issue else []
    for attribution, claim, stance in judged:
        first = attribution.speaker.lower() not in speakers
        if claim and issue and _on_issue(attribution, claim, issue_words, first):
            target = issue
        elif claim:
            words = _stems(claim)
            same = next((t for t, w in targets if len(words & w) >= max(3, 0.6 * min(len(words), len(w)))), "")
            target = same or claim
        else:
            target = _closest_claim(attribution, claims, issue, _judged_object(attribution), issue_words)
            if not target:  # nothing else to take a side on: the speaker asserts their own words
                mine = own_claim(attribution)
                target, stance = (mine, "favor") if mine else (topic, stance)
        key = (attribution.speaker.lower(), target.lower())
        if key in seen:
            continue
        seen.add(key)
        speakers.add(key[0])
        if target not in (t for t, _ in targets):
            targets.append((target, _stems(target)))
        if _named_in_cue(attribution):
            named.add(len(rows))
        rows.append(DraftStanceRow(
            actor=attribution.speaker, role=attribution.role, target=target, stance=stance,
            quote=attribution.quote.text,
        ))
    return _prefer_distinct_actors(_drop_lone_extras(rows, named))[:MAX_STANCE_ROWS]


def _named_in_cue(attribution: Attribution) -> bool:
    """Whether the words that attribute the quote name its speaker ("said Khan", not "he said"), or describe
    a speaker the text names ("the Arsenal manager said" for Arsene Wenger)."""
    last = attribution.speaker.replace("(unnamed)", "").split()[-1:] or [""]
    if last[0] and word_at(attribution.cue, last[0]) >= 0:
        return True
    return "(unnamed)" not in attribution.speaker and _DESCRIBED.match(attribution.cue) is not None


# the cue's speaker is a description with a name in it: "the Arsenal manager said", "said the Barca president"
_DESCRIBED = re.compile(r"(?:[a-z]+\s+)?[Tt]he\s+(?:[A-Z][\w'\u2019-]*\s+)+[a-z]+")


_REPORTING = re.compile(r"\s+(?:has\s+|have\s+)?(?:reported|reports|confirmed|confirms|recorded|records|counted|estimated|estimates)\b")


def _reports_a_fact(attribution: Attribution) -> bool:
    """Whether the speaker only reports a fact ("the agency reported 1,051 cases", "Malawi confirmed
    its first infections"): a reporting verb right after the speaker's name, no quote, no judging word."""
    words = attribution.speaker.split()
    if attribution.direct or not words:
        return False
    name = word_at(attribution.context, words[-1])
    if name < 0 or not _REPORTING.match(attribution.context, name + len(words[-1])):
        return False
    return not _polarity(attribution.quote.text)


def _words_around(attribution: Attribution) -> frozenset[str]:
    """The content stems of the quote and the sentence it stands in."""
    return _stems(f"{attribution.quote.text} {attribution.context}")


# a claim whose subject points back ("It is a license for ...", "We have moved the bill", "This was a very
# tough race"): no proposition on its own, so the row goes on the claim the headline reports
_DEICTIC_START = re.compile(r"(?:I|We|It|This|That|They|He|She|You|There|Our|My|These|Those)\b")


def _on_issue(attribution: Attribution, claim: str, issue_words: frozenset[str], first: bool) -> bool:
    """Whether a row asserting ``claim`` goes on the headline's claim: its words are about it, or it is the
    speaker's first row and the claim is no proposition on its own (it opens with a pronoun)."""
    return _about(attribution, issue_words) or (first and _DEICTIC_START.match(claim) is not None)


def _about(attribution: Attribution, issue_words: frozenset[str]) -> bool:
    """Whether a speaker's words are about the claim the headline reports (its stems ``issue_words``):
    the quote and its sentence share :data:`ISSUE_SHARED_WORDS` content words with it
    (:data:`DIRECT_ISSUE_SHARED_WORDS` for a direct quote)."""
    if len(_words_around(attribution) & issue_words) >= ISSUE_SHARED_WORDS:
        return True
    # a direct quote needs its one word in the speaker's own words, not in their title ("chief executive of the NHS")
    return attribution.direct and len(_stems(attribution.quote.text) & issue_words) >= DIRECT_ISSUE_SHARED_WORDS


def _drop_lone_extras(rows: list[DraftStanceRow], named: Collection[int] = ()) -> list[DraftStanceRow]:
    """An actor's further rows only on claims someone else also takes a side on, or where the text names
    them as the speaker again (rows at the ``named`` indexes); the first row stays."""
    held: dict[str, set[str]] = {}
    for row in rows:
        held.setdefault(row.target, set()).add(row.actor)
    out, actors = [], set()
    for index, row in enumerate(rows):
        if row.actor not in actors or len(held[row.target]) > 1 or index in named:
            out.append(row)
        actors.add(row.actor)
    return out


def _prefer_distinct_actors(rows: list[DraftStanceRow]) -> list[DraftStanceRow]:
    """Keep every actor's first row before anyone's second, so the table shows who is quoted."""
    firsts: list[DraftStanceRow] = []
    rest: list[DraftStanceRow] = []
    actors: set[str] = set()
    for row in rows:
        (rest if row.actor in actors else firsts).append(row)
        actors.add(row.actor)
    return firsts + rest


def _inside_quote(span: Span, quotes: list[Span]) -> bool:
    """Whether most of a sentence lies inside a direct quote (which may run over several sentences).

    ``quotes`` are in article order and do not overlap, so only those from the last one starting
    before the sentence's end backwards can overlap it."""
    last = bisect.bisect_left(quotes, span.end, key=lambda q: q.start)
    first = bisect.bisect_left(quotes, span.start, key=lambda q: q.end)
    inside = sum(max(0, min(span.end, q.end) - max(span.start, q.start)) for q in quotes[first:last])
    return inside > 0.5 * (span.end - span.start)


def what_to_watch(candidates: list[Span], exclude: set[int], quotes: Sequence[Span] = (),
                  attributions: Sequence[Attribution] = ()) -> list[str]:
    """Up to three things to watch: sentences that point ahead (will, plans to, dates, deadlines) in
    the article's own words and not already in the summary; then, when those are few, what named
    speakers say will happen (a threat, a forecast), quoted and attributed."""
    ordered = sorted(quotes, key=lambda q: q.start)
    items = [
        s.text for s in candidates
        if s.start not in exclude and not _QUOTE_MARK.search(s.text) and _FUTURE.search(s.text)
        and not _inside_quote(s, ordered)
    ]
    return (items + _forecasts(attributions))[:3]


def _forecasts(attributions: Sequence[Attribution]) -> list[str]:
    """'Speaker: “the quoted sentence that points ahead”', one per speaker, from direct quotes."""
    out, speakers = [], set()
    for attribution in attributions:
        if not attribution.direct or attribution.speaker in speakers:
            continue
        ahead = next((s.text for s in split_sentences(attribution.quote) if _FUTURE.search(s.text) and s.words >= 5), "")
        if ahead:
            speakers.add(attribution.speaker)
            out.append(f"{attribution.speaker}: \u201c{ahead.rstrip(',;: ')}\u201d")
    return out
