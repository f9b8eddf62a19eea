"""Key-fact coverage: is each gold key fact stated in the brief's own prose?

* **Where**: only the summary bullets and What to watch count, split into sentences. Stance-table
  actors, roles, targets and quotes do not (a quote may be misattributed; a target is a claim, not
  a fact), nor does the headline, which restates a bullet.
* **Together**: a fact must be found in ONE sentence or two adjacent sentences of the same
  section, not assembled from words scattered over the whole brief.
* **By meaning, not a stray word**: content words are stop-word filtered, Porter-stemmed and have
  British spellings folded onto American ones ("defence" ~ "defense") and demonyms onto their country ("Egyptian" ~ "Egypt", "Turkish" ~ "Turkey": the table in
  :data:`summariser.evals.matching.DEMONYMS`). A fact is covered when at least
  :data:`KEY_FACT_THRESHOLD` (60%) of its distinct content words are in that window (all of them
  for a fact of :data:`SHORT_FACT` words or fewer: "Brazil is not a G7 member" is not covered by
  "Macron called for G7 action ... in Brazil"), every number of the fact is there ("40 million"
  needs 40; numbers under a hundred written in words count as digits, in the fact and in the brief:
  "Sixty-six" states 66, "eighteen-year-old" 18), and at least half of its named entities (its capitalised content words) are there.
* **Length-aware**: raw coverage grows with length, since a longer brief has more chances.
  ``key_fact_coverage_100w`` applies the same test to the first :data:`WORD_BUDGET` (100) words of
  bullets then What to watch: two briefs are compared at the same budget, and a padded brief gains
  nothing from its padding.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from ..core.schema import Brief
from ..core.text import CAPITALS, sentences
from .matching import content_tokens, fold, stem

KEY_FACT_THRESHOLD = 0.6
WORD_BUDGET = 100
_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)*")  # not the 7 of "G7"
SHORT_FACT = 3  # a fact of this many content words or fewer needs all of them
_CAPITAL = re.compile(rf"\b[{CAPITALS}][\w'\u2019-]*")


@dataclass(frozen=True)
class FactResult:
    """How well one fact is stated: the best share of its content words in one window, and whether it counts."""

    recall: float
    covered: bool


def sections(brief: Brief, budget: int | None = None) -> list[list[str]]:
    """The sentences of the bullets and of What to watch (two sections), cut at ``budget`` words."""
    out, left = [], budget
    for texts in ([p.text for p in brief.summary], list(brief.what_to_watch)):
        section = []
        for sentence in (s.text for t in texts for s in sentences(t) or [] if s.text.strip()):
            if left is not None:
                words = sentence.split()[:left]
                left -= len(words)
                sentence = " ".join(words)
            if sentence:
                section.append(sentence)
        out.append(section)
    return out


def windows(brief: Brief, budget: int | None = None) -> list[str]:
    """Each sentence, and each pair of adjacent sentences of the same section."""
    return [window for section in sections(brief, budget) for window in section_windows(section)]


def section_windows(section: list[str]) -> list[str]:
    """One section's windows: each of its sentences, and each two adjacent ones joined."""
    return [*section, *(f"{a} {b}" for a, b in itertools.pairwise(section))]


_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORD = re.compile(
    # "one" alone stays a word: "no one", "one of them", "the one who" are not counts
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[-\s](?P<unit>{'|'.join(_UNITS[1:10])}))?|(?P<small>{'|'.join(_UNITS[2:])}))\b",
    re.IGNORECASE,
)


def _as_digits(match: re.Match[str]) -> str:
    if match.group("small"):
        return str(_UNITS.index(match.group("small").lower()))
    tens = 10 * (2 + _TENS.index(match.group("tens").lower()))
    return str(tens + (_UNITS.index(match.group("unit").lower()) if match.group("unit") else 0))


def with_digits(text: str) -> str:
    """Numbers from two to ninety-nine written in words as digits ("Sixty-six" -> "66", "twenty four" -> "24")."""
    return _NUMBER_WORD.sub(_as_digits, text)


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def _entities(fact: str) -> set[str]:
    """Stems of the fact's capitalised words (names, places, demonyms folded; stop words drop out later)."""
    return {stem(re.sub(r"['\u2019]s$", "", fold(w))) for w in _CAPITAL.findall(fact)}


def judge_fact(fact: str, texts: list[str]) -> FactResult:
    """The best window for one fact (see the module docstring); ``texts`` have their number words
    as digits already (:func:`with_digits`, done once per brief by :func:`judge_facts`)."""
    fact = with_digits(fact)
    needed = set(content_tokens(fact))
    numbers, entities = _numbers(fact), _entities(fact) & needed
    best, covered = 0.0, False
    for text in texts:
        tokens = set(content_tokens(text))
        recall = len(needed & tokens) / len(needed) if needed else 1.0
        best = max(best, recall)
        enough = recall >= KEY_FACT_THRESHOLD if len(needed) > SHORT_FACT else recall == 1.0
        if enough and numbers <= _numbers(text) and _enough(entities, tokens):
            covered = True
    return FactResult(best, covered)


def _enough(entities: set[str], tokens: set[str]) -> bool:
    return len(entities & tokens) >= math.ceil(len(entities) / 2)


def judge_facts(brief: Brief, facts: list[str], budget: int | None = None) -> list[FactResult]:
    """Every fact judged against the brief's windows (within ``budget`` words when given)."""
    texts = [with_digits(text) for text in windows(brief, budget)]
    return [judge_fact(fact, texts) for fact in facts]
