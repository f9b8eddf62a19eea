"""Inter-annotator agreement between two annotation files, with the harness's own matcher.

``summariser eval agreement A.jsonl B.jsonl``: both files are datasets in the ``cases.jsonl``
format with the same case ids. Per case and pooled over all cases:

* **actor agreement**: F1 of the two sets of distinct actors, paired one-to-one by identity
  (:func:`.matching.same_actor`: either side's name or declared aliases may name the other);
* **target agreement**: rows are paired one-to-one by actor alone (the best target first); the
  share of those actor-matched pairs whose targets match (token F1 >= 0.5, paraphrases on both
  sides count);
* **row F1**: rows matched as the harness matches a prediction to gold (actor and target),
  2 x matched / (rows in A + rows in B);
* **stance**: on the matched rows, observed agreement and Cohen's kappa, A's stance flipped
  (favor <-> against) when its target has the opposite polarity of B's.

Pooled figures sum the counts over cases (kappa pools the matched rows); they are not means of
the per-case figures.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..core.errors import InputError
from .dataset import Case, GoldStance, load_dataset
from .matching import (
    PAIR_BONUS,
    TARGET_THRESHOLD,
    PredictedRow,
    assign,
    match_rows,
    matched_stance,
    parse_name,
    same_actor,
    target_match,
)
from .scorers import cohen_kappa


@dataclass
class Agreement:
    """Counts of one case (or of all cases pooled) and the figures they give."""

    id: str
    actors_a: int = 0
    actors_b: int = 0
    actors_matched: int = 0
    rows_a: int = 0
    rows_b: int = 0
    actor_pairs: int = 0
    target_pairs: int = 0
    rows_matched: int = 0
    stance_equal: int = 0
    pairs: tuple[tuple[str, str], ...] = ()

    @property
    def actor_f1(self) -> float | None:
        return _ratio(2 * self.actors_matched, self.actors_a + self.actors_b)

    @property
    def target_agreement(self) -> float | None:
        return _ratio(self.target_pairs, self.actor_pairs)

    @property
    def row_f1(self) -> float | None:
        return _ratio(2 * self.rows_matched, self.rows_a + self.rows_b)

    @property
    def observed(self) -> float | None:
        return _ratio(self.stance_equal, self.rows_matched)

    @property
    def kappa(self) -> float | None:
        return cohen_kappa(list(self.pairs))

    def figures(self) -> dict:
        counts = {k: v for k, v in asdict(self).items() if k != "pairs"}
        return counts | {"actor_f1": self.actor_f1, "target_agreement": self.target_agreement, "row_f1": self.row_f1,
                         "observed_agreement": self.observed, "kappa": self.kappa}


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def load_pair(path_a: Path, path_b: Path, articles: Path | None = None) -> list[tuple[Case, Case]]:
    """The two annotations of every case, in A's order; InputError unless both have the same ids."""
    for path in (path_a, path_b):
        if not Path(path).is_file():
            raise InputError(f"{path}: no such file; give two annotation files of the same cases (cases.jsonl format)")
    a, b = load_dataset(path_a, articles), load_dataset(path_b, articles)
    ids_a, ids_b = a.by_id(), b.by_id()
    if set(ids_a) != set(ids_b):
        only_a, only_b = sorted(set(ids_a) - set(ids_b)), sorted(set(ids_b) - set(ids_a))
        raise InputError(f"{path_a} and {path_b} annotate different cases (only in A: {', '.join(only_a) or 'none'}; "
                         f"only in B: {', '.join(only_b) or 'none'}); give two annotations of the same cases")
    return [(case, ids_b[case.id]) for case in a.cases]


def _rows(gold: list[GoldStance]) -> list[PredictedRow]:
    return [PredictedRow(g.actor, g.target, g.stance, tuple(g.aliases), tuple(g.target_paraphrases)) for g in gold]


def _actors(gold: list[GoldStance]) -> list[list[str]]:
    """Distinct actors (by folded name) with every name and alias their rows give."""
    actors: dict[tuple[str, ...], list[str]] = {}
    for g in gold:
        names = actors.setdefault(parse_name(g.actor).raw, [])
        names += [n for n in g.names if n not in names]
    return list(actors.values())


def case_agreement(a: Case, b: Case) -> Agreement:
    """The agreement of two annotations of one case."""
    actors_a, actors_b = _actors(a.gold_stances), _actors(b.gold_stances)
    actor_pairs = assign([[PAIR_BONUS if same_actor(x, y) else 0.0 for y in actors_b] for x in actors_a])
    rows_a = _rows(a.gold_stances)
    by_actor = _actor_pairs(rows_a, b.gold_stances)
    matches = match_rows(rows_a, b.gold_stances, symmetric=True)
    pairs = tuple((b.gold_stances[m.gold].stance, matched_stance(m, rows_a[m.pred].stance)) for m in matches)
    return Agreement(
        a.id, len(actors_a), len(actors_b), len(actor_pairs), len(rows_a), len(b.gold_stances),
        len(by_actor), sum(score >= TARGET_THRESHOLD for score in by_actor), len(matches),
        sum(x == y for x, y in pairs), pairs,
    )


def _actor_pairs(rows_a: list[PredictedRow], gold_b: list[GoldStance]) -> list[float]:
    """Rows paired one-to-one by actor alone (best targets first); each pair's target F1."""
    scores = [[target_match_any(r, g) if same_actor(r.names, g.names) else None for g in gold_b] for r in rows_a]
    weights = [[0.0 if s is None else PAIR_BONUS + s for s in row] for row in scores]
    return [scores[i][j] for i, j in assign(weights)]  # type: ignore[misc]


def target_match_any(row: PredictedRow, gold: GoldStance) -> float:
    """The best target F1 between any of the row's targets and any of the gold row's."""
    return max(target_match(t, gold.targets)[0] for t in row.targets)


def pooled(results: list[Agreement]) -> Agreement:
    """The counts of all cases summed (kappa over all matched rows)."""
    total = Agreement("all")
    for r in results:
        for field in ("actors_a", "actors_b", "actors_matched", "rows_a", "rows_b", "actor_pairs", "target_pairs",
                      "rows_matched", "stance_equal"):
            setattr(total, field, getattr(total, field) + getattr(r, field))
        total.pairs += r.pairs
    return total


def agreement(path_a: Path, path_b: Path, articles: Path | None = None) -> tuple[list[Agreement], Agreement]:
    """Per-case agreement of two annotation files, and the pooled figures."""
    results = [case_agreement(a, b) for a, b in load_pair(path_a, path_b, articles)]
    return results, pooled(results)


UNITS = {
    "actor_f1": "over distinct actors (actors_a, actors_b; actors_matched paired by identity)",
    "target_agreement": "over row pairs matched by actor alone (target_pairs of actor_pairs)",
    "row_f1": "over stance rows (rows_matched of rows_a + rows_b)",
    "observed_agreement": "over rows matched on actor and target (stance_equal of rows_matched)",
    "kappa": "Cohen's kappa over the same matched rows (n = rows_matched)",
}


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_agreement(results: list[Agreement], total: Agreement) -> str:
    """A table: one line per case, then the pooled line."""
    head = (f"{'case':<24} {'actors A/B':>10} {'actor F1':>8} {'rows A/B':>9} {'matched':>7} {'row F1':>7} "
            f"{'targets':>9} {'target agr':>10} {'observed':>8} {'kappa':>7}")
    lines = [head]
    for r in [*results, total]:
        lines.append(
            f"{r.id:<24} {f'{r.actors_a}/{r.actors_b}':>10} {_fmt(r.actor_f1):>8} {f'{r.rows_a}/{r.rows_b}':>9} "
            f"{r.rows_matched:>7} {_fmt(r.row_f1):>7} {f'{r.target_pairs}/{r.actor_pairs}':>9} "
            f"{_fmt(r.target_agreement):>10} {_fmt(r.observed):>8} {_fmt(r.kappa):>7}"
        )
    return "\n".join([*lines, *(f"  {key}: {text}" for key, text in UNITS.items())])


def agreement_json(results: list[Agreement], total: Agreement) -> str:
    """The per-case and pooled counts and figures, with the unit of each figure."""
    return json.dumps({"cases": [r.figures() for r in results], "pooled": total.figures(), "units": UNITS}, indent=2)
