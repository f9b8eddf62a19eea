"""How far two editors' corrected versions of one brief agree, and merging them into one.

Rows are paired with the eval harness's own matcher (:func:`summariser.evals.matching.match_rows`:
actor by identity, claim by content-word F1 with polarity, one-to-one), editor A's rows standing in as gold.

* actor agreement: of the distinct actors in both tables (A's plus B's), the share the other
  editor also names (as the actor of any of their rows);
* claim agreement: rows paired on actor and claim, as a share of both tables' rows
  (2 x pairs / (rows A + rows B));
* stance agreement and Cohen's kappa (the harness's :func:`~summariser.evals.scorers.cohen_kappa`)
  over the paired rows, B's stance flipped where the two claims have opposite polarity (against
  "X should leave" is favor "X should not leave"), as the harness does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..evals.dataset import GoldStance
from ..evals.matching import PredictedRow, actor_score, flip_stance, match_rows, name_tokens
from ..evals.scorers import cohen_kappa
from .corrections import CorrectionError, EditBullet, EditRow, Version


@dataclass
class Pair:
    """A row of A paired with a row of B."""

    a: EditRow
    b: EditRow
    flipped: bool = False  # the claims have opposite polarity: B's stance is compared flipped

    @property
    def same(self) -> dict[str, bool]:
        """Which fields the two editors agree on exactly."""
        return {k: getattr(self.a, k) == getattr(self.b, k) for k in ("actor", "role", "target", "stance")}

    @property
    def identical(self) -> bool:
        return all(self.same.values()) and _quotes(self.a) == _quotes(self.b)


@dataclass
class Agreement:
    """Two editors' versions compared."""

    a: Version
    b: Version
    pairs: list[Pair] = field(default_factory=list)
    only_a: list[EditRow] = field(default_factory=list)
    only_b: list[EditRow] = field(default_factory=list)
    actor_agreement: float | None = None
    claim_agreement: float | None = None
    stance_agreement: float | None = None
    stance_kappa: float | None = None

    def figures(self) -> dict:
        """The figures as plain data (the API's answer, without the rows)."""
        return {"editor_a": self.a.track, "editor_b": self.b.track, "rows_a": len(self.a.live_rows()),
                "rows_b": len(self.b.live_rows()), "paired_rows": len(self.pairs),
                "actor_agreement": self.actor_agreement, "claim_agreement": self.claim_agreement,
                "stance_agreement": self.stance_agreement, "stance_kappa": self.stance_kappa}


def compare(a: Version, b: Version) -> Agreement:
    """Pair the live rows of two versions and compute the agreement figures."""
    rows_a, rows_b = a.live_rows(), b.live_rows()
    gold = [GoldStance(actor=r.actor, role=r.role, target=r.target, stance=r.stance) for r in rows_a]
    predicted = [PredictedRow(r.actor, r.target, r.stance) for r in rows_b]
    matches = match_rows(predicted, gold) if gold and predicted else []
    pairs = [Pair(rows_a[m.gold], rows_b[m.pred], m.flipped) for m in matches]
    paired_a, paired_b = {p.a.id for p in pairs}, {p.b.id for p in pairs}
    result = Agreement(a, b, pairs, [r for r in rows_a if r.id not in paired_a], [r for r in rows_b if r.id not in paired_b])
    total = len(rows_a) + len(rows_b)
    result.claim_agreement = 2 * len(pairs) / total if total else None
    result.actor_agreement = _actor_agreement([r.actor for r in rows_a], [r.actor for r in rows_b])
    labels: list[tuple[str, str]] = [(p.a.stance, flip_stance(p.b.stance) if p.flipped else p.b.stance) for p in pairs]
    result.stance_agreement = sum(x == y for x, y in labels) / len(labels) if labels else None
    result.stance_kappa = cohen_kappa(labels)
    return result


def _actor_agreement(actors_a: list[str], actors_b: list[str]) -> float | None:
    """Share of the distinct actors of both editors that the other editor names too."""
    distinct_a, distinct_b = _distinct(actors_a), _distinct(actors_b)
    total = len(distinct_a) + len(distinct_b)
    if not total:
        return None
    found = sum(any(actor_score(x, [y]) for y in distinct_b) for x in distinct_a)
    found += sum(any(actor_score(y, [x]) for x in distinct_a) for y in distinct_b)
    return found / total


def _distinct(actors: list[str]) -> list[str]:
    seen: dict[frozenset[str], str] = {}
    for actor in actors:
        seen.setdefault(name_tokens(actor), actor)
    return list(seen.values())


def _quotes(row: EditRow) -> list[tuple]:
    return [(e.source_id, e.start, e.end) for e in row.evidence]


def merge(picks: list[tuple[str, str]], versions: dict[str, Version]) -> list[EditRow]:
    """The rows picked as (editor, row id), in order, with unique ids; model rows keep theirs (rN)."""
    rows: list[EditRow] = []
    taken: set[str] = set()
    for editor, row_id in picks:
        if editor not in versions:
            raise CorrectionError(f"{editor!r} is not one of the versions being adjudicated ({', '.join(versions)})")
        row = versions[editor].row(row_id)
        if row.deleted:
            raise CorrectionError(f"row {row_id} of {editor}'s version is deleted; pick a live row")
        new_id = row.id if row.id not in taken and row.origin == "model" else f"j{len(rows) + 1}"
        taken.add(new_id)
        rows.append(row.model_copy(update={"id": new_id}))
    return rows


def default_picks(agreement: Agreement) -> list[tuple[str, str]]:
    """What the adjudication form proposes: A's row of each pair, and every unpaired row of both."""
    a, b = agreement.a.track, agreement.b.track
    return [(a, p.a.id) for p in agreement.pairs] + [(a, r.id) for r in agreement.only_a] + [(b, r.id) for r in agreement.only_b]


def bullets_of(version: Version) -> list[EditBullet]:
    return [b.model_copy() for b in version.bullets]
