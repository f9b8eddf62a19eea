"""Matching predicted stance rows to gold rows: actor aliases, target paraphrases, one-to-one.

Actor: names are compared as sets of name tokens, case- and diacritics-insensitive, with titles
("President", "Mr") and possessives removed. A predicted actor matches a gold row when its token
set equals, contains or is contained in the token set of the gold actor or one of its aliases
("Trump" ~ "US President Donald Trump"; "SDF" ~ alias "SDF"; "Donald Tusk" !~ "Donald Trump").

Target: token F1 between content words (stop words removed, Porter-stemmed) of the predicted
target and the gold target or any of its paraphrases, taking the best. A pair is a candidate when
the actor matches and the target F1 is at least :data:`TARGET_THRESHOLD` (0.5: about half the
content words shared both ways, e.g. "US troop withdrawal from Syria" vs "The US should withdraw
its troops from northern Syria" scores 0.89).

Assignment: one-to-one, maximising first the number of matched pairs and then the summed
actor + target similarity (the Hungarian algorithm, exact for these small tables).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..extractive import STOPWORDS
from .dataset import GoldStance

TARGET_THRESHOLD = 0.5
_PAIR_BONUS = 10.0  # larger than any similarity sum, so more pairs always beat better pairs
_TITLES = frozenset(
    "the a an of and for mr mrs ms dr sir president minister secretary former prime vice chief spokesperson "
    "spokesman spokeswoman senator said".split()
)
_WORD = re.compile(r"[\w]+(?:['\u2019][\w]+)*")


def fold(text: str) -> str:
    """Lower-case and strip diacritics ("Erdoğan" -> "erdogan")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _words(text: str) -> list[str]:
    return [re.sub(r"['\u2019]s$", "", w) for w in _WORD.findall(fold(text))]


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> frozenset[str]:
    """The tokens that identify a name: folded words without titles and possessives."""
    return frozenset(w for w in _words(name) if w not in _TITLES)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=4096)
def content_tokens(text: str) -> tuple[str, ...]:
    """Stemmed content words of a text, stop words removed, in order."""
    return tuple(_stem(w) for w in _words(text) if w not in STOPWORDS and len(w) > 1)


def token_f1(a: str, b: str) -> float:
    """F1 of the content-word multisets of two texts (0 when either has none)."""
    ta, tb = list(content_tokens(a)), list(content_tokens(b))
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    precision, recall = common / len(ta), common / len(tb)
    return 2 * precision * recall / (precision + recall)


def actor_score(predicted: str, names: list[str]) -> float:
    """Similarity in [0, 1] of a predicted actor to any of ``names``; 0 means no match."""
    mine = name_tokens(predicted)
    best = 0.0
    for name in names:
        theirs = name_tokens(name)
        if mine and theirs and (mine <= theirs or theirs <= mine):
            best = max(best, len(mine & theirs) / len(mine | theirs))
    return best


def target_score(predicted: str, targets: list[str]) -> float:
    """Best token F1 of a predicted target against the gold target and its paraphrases."""
    return max((token_f1(predicted, t) for t in targets), default=0.0)


@dataclass(frozen=True)
class Match:
    """A predicted row paired with a gold row."""

    pred: int
    gold: int
    actor: float
    target: float


@dataclass(frozen=True)
class PredictedRow:
    """What matching needs from a predicted row."""

    actor: str
    target: str
    stance: str


def match_rows(predicted: list[PredictedRow], gold: list[GoldStance]) -> list[Match]:
    """One-to-one matches between predicted and gold rows (see the module docstring)."""
    candidates: dict[tuple[int, int], Match] = {}
    for i, row in enumerate(predicted):
        for j, g in enumerate(gold):
            a = actor_score(row.actor, g.names)
            t = target_score(row.target, g.targets) if a else 0.0
            if a and t >= TARGET_THRESHOLD:
                candidates[i, j] = Match(i, j, a, t)
    weights = [[_weight(candidates.get((i, j))) for j in range(len(gold))] for i in range(len(predicted))]
    return sorted((candidates[pair] for pair in assign(weights)), key=lambda m: m.gold)


def _weight(match: Match | None) -> float:
    return 0.0 if match is None else _PAIR_BONUS + match.actor + match.target


def actor_recall(predicted_actors: list[str], gold: list[GoldStance]) -> float | None:
    """Share of distinct gold actors named as the actor of at least one predicted row."""
    actors: dict[frozenset[str], list[str]] = {}
    for g in gold:
        actors.setdefault(name_tokens(g.actor), g.names)
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
