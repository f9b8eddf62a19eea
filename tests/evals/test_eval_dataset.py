"""Datasets: JSONL and YAML, inline or path articles, errors naming file and line, the hash."""

from __future__ import annotations

import json

import pytest

from summariser.errors import InputError
from summariser.evals.dataset import load_dataset

from evalfix import mini  # noqa: F401  (fixture)

CASE = {"id": "c1", "text": "Ann said: \"Yes.\"", "gold_stances": [
    {"actor": "Ann", "target": "Yes is right", "stance": "favor", "quote": "Yes."}]}


def _jsonl(tmp_path, *objs, name="cases.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(o) + "\n" for o in objs), encoding="utf-8")
    return path


def test_mini_dataset_reads_path_and_inline_articles(mini):
    harbour, library = mini.cases
    assert harbour.text.startswith("Port town votes") and harbour.article == "articles/harbour.txt"
    assert library.text.startswith("Library hours cut")
    assert harbour.gold_stances[0].names == ["Ana Kovač", "Kovač", "Mayor Kovač"]
    assert harbour.document().id == "harbour" and harbour.document().title == "Port town votes on harbour expansion"


def test_gold_quotes_of_the_fixture_are_in_their_articles(mini):
    for case in mini.cases:
        for gold in case.gold_stances:
            assert gold.quote in case.text


def test_yaml_dataset_with_cases_key(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text("cases:\n  - id: a\n    text: Some text.\n  - id: b\n    text: More text.\n", encoding="utf-8")
    assert [c.id for c in load_dataset(path).cases] == ["a", "b"]


def test_yaml_error_names_the_line_of_the_bad_case(tmp_path):
    path = tmp_path / "cases.yaml"
    path.write_text("- id: a\n  text: fine\n- id: b\n  text: x\n  gold_stances:\n    - {actor: A, target: T, stance: maybe}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"cases.yaml:3 \(case 'b'\): gold_stances.0.stance"):
        load_dataset(path)


def test_invalid_json_line_is_named(tmp_path):
    path = _jsonl(tmp_path, CASE)
    path.write_text(path.read_text() + "{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"cases.jsonl:2: not valid JSON"):
        load_dataset(path)


def test_unknown_field_and_missing_article_are_errors(tmp_path):
    with pytest.raises(InputError, match=r":1 \(case 'c1'\): stances: Extra inputs"):
        load_dataset(_jsonl(tmp_path, {**CASE, "stances": []}))
    with pytest.raises(InputError, match=r"article .*nope.txt not found"):
        load_dataset(_jsonl(tmp_path, {"id": "x", "article": "nope.txt"}, name="b.jsonl"))
    with pytest.raises(InputError, match="exactly one of 'article'"):
        load_dataset(_jsonl(tmp_path, {"id": "x"}, name="c.jsonl"))


def test_duplicate_ids_name_both_lines(tmp_path):
    with pytest.raises(InputError, match=r":2: duplicate case id 'c1' \(first on line 1\)"):
        load_dataset(_jsonl(tmp_path, CASE, CASE))


def test_missing_or_unknown_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_dataset(tmp_path / "absent.jsonl")
    other = tmp_path / "cases.csv"
    other.write_text("id\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown format"):
        load_dataset(other)


def test_hash_is_stable_and_follows_the_content(tmp_path):
    first = load_dataset(_jsonl(tmp_path, CASE)).sha256
    assert first == load_dataset(_jsonl(tmp_path, CASE, name="copy.jsonl")).sha256
    changed = {**CASE, "text": CASE["text"] + " More."}
    assert load_dataset(_jsonl(tmp_path, changed, name="changed.jsonl")).sha256 != first
