"""Inter-annotator agreement (``summariser eval agreement``) on a hand-made pair of annotations."""

from __future__ import annotations

import json

import pytest
import test_eval_cli

from summariser.evals.agreement import agreement

HARBOUR = "Mayor Ana Kovač said the harbour should be expanded. Tomas Reed opposed it. Blue Coast wants the vote to stand."
LIBRARY = "Paul Grant defended the Sunday closure of the library. Mia Chen criticised it."


def _row(actor, target, stance, aliases=()):
    return {"actor": actor, "aliases": list(aliases), "role": "", "target": target, "target_paraphrases": [],
            "stance": stance, "quote": ""}


ANNOTATOR_A = [
    {"id": "harbour", "text": HARBOUR, "gold_stances": [
        _row("Ana Kovač", "The harbour should be expanded", "favor", ["Kovač"]),
        _row("Tomas Reed", "The harbour should be expanded", "against", ["Reed"]),
        _row("Blue Coast", "The council decision should stand", "against"),
    ]},
    {"id": "library", "text": LIBRARY, "gold_stances": [
        _row("Paul Grant", "The library should close on Sundays", "favor"),
        _row("Mia Chen", "The library should close on Sundays", "against"),
    ]},
]
ANNOTATOR_B = [
    {"id": "harbour", "text": HARBOUR, "gold_stances": [
        _row("Kovač", "The harbour should not be expanded", "against"),  # same view, inverted target
        _row("Tomas Reed", "Fishing quotas should be raised", "against"),  # same actor, another target
    ]},
    {"id": "library", "text": LIBRARY, "gold_stances": [
        _row("Grant", "The library should close on Sundays", "favor"),
        _row("Chen", "The library should close on Sundays", "favor"),  # disagrees with A
    ]},
]


cli = test_eval_cli.cli  # the in-process command-line fixture
_one_line_error = test_eval_cli._one_line_error


@pytest.fixture
def files(tmp_path):
    paths = []
    for name, cases in (("a.jsonl", ANNOTATOR_A), ("b.jsonl", ANNOTATOR_B)):
        path = tmp_path / name
        path.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
        paths.append(path)
    return paths


def test_agreement_figures_computed_by_hand(files):
    (harbour, library), total = agreement(*files)
    # harbour: actors A {Kovač, Reed, Blue Coast}, B {Kovač, Reed}: 2 shared -> F1 2*2/(3+2) = 0.8.
    # Actor-matched row pairs: Kovač (targets match, inverted) and Reed (targets differ) -> 1/2.
    # Rows matched: only Kovač -> row F1 2*1/(3+2) = 0.4; A's favor flipped to against = B's against.
    assert (harbour.actor_f1, harbour.target_agreement, harbour.row_f1) == pytest.approx((0.8, 0.5, 0.4))
    assert harbour.pairs == (("against", "against"),) and harbour.observed == 1.0 and harbour.kappa is None
    # library: both actors and rows match; stances agree on Grant only. Kappa: observed 1/2, B favor 2,
    # A favor 1 and against 1 -> expected 2/4 = 1/2 -> kappa 0.
    assert (library.actor_f1, library.target_agreement, library.row_f1, library.observed) == (1.0, 1.0, 1.0, 0.5)
    assert library.kappa == 0.0
    # pooled: actors 4 of 5 + 4 -> 8/9; target pairs 3 of 4; rows 3 of 5 + 4 -> 6/9; observed 2/3.
    # kappa over the 3 pairs: B against 1 favor 2, A against 2 favor 1 -> expected (2 + 2)/9 = 4/9,
    # kappa (2/3 - 4/9) / (1 - 4/9) = 0.4.
    assert (total.actor_f1, total.target_agreement, total.row_f1, total.observed) == pytest.approx((8 / 9, 0.75, 6 / 9, 2 / 3))
    assert total.kappa == pytest.approx(0.4)


def test_agreement_command_prints_a_table_and_json(cli, files):
    table = cli("eval", "agreement", *files)
    assert table.returncode == 0
    lines = {line.split()[0]: line.split() for line in table.stdout.splitlines()}
    assert lines["harbour"][1:3] == ["3/2", "0.800"] and lines["all"][-1] == "0.400"
    data = json.loads(cli("eval", "agreement", *files, "--json").stdout)
    assert data["pooled"]["row_f1"] == pytest.approx(6 / 9) and data["cases"][1]["kappa"] == 0.0
    assert data["pooled"]["rows_matched"] == 3 and data["pooled"]["target_pairs"] == 3
    assert "rows_matched" in data["units"]["kappa"] and "  kappa: Cohen's kappa over the same matched rows" in table.stdout


def test_agreement_refuses_files_with_different_cases(cli, files, tmp_path):
    only_one = tmp_path / "one.jsonl"
    only_one.write_text(json.dumps(ANNOTATOR_B[0]) + "\n", encoding="utf-8")
    _one_line_error(cli("eval", "agreement", files[0], only_one), 2, "annotate different cases (only in A: library")


def test_agreement_on_a_missing_file_is_a_one_line_error(cli, files, tmp_path):
    _one_line_error(cli("eval", "agreement", files[0], tmp_path / "nope.jsonl"), 2, "nope.jsonl: no such file; give two")


def test_agreement_resolves_articles_against_a_folder(cli, tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "h.txt").write_text(HARBOUR, encoding="utf-8")
    case = {"id": "harbour", "article": "h.txt", "gold_stances": ANNOTATOR_A[0]["gold_stances"]}
    (tmp_path / "ann").mkdir()
    path = tmp_path / "ann" / "a.jsonl"
    path.write_text(json.dumps(case) + "\n", encoding="utf-8")
    _one_line_error(cli("eval", "agreement", path, path), 2, "article")
    assert cli("eval", "agreement", path, path, "--articles", tmp_path / "texts").returncode == 0
