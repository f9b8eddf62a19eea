"""Datasets: JSONL and YAML, inline or path articles, errors naming file and line, the hash."""

from __future__ import annotations

import json

import pytest

from summariser.core.errors import InputError
from summariser.evals.dataset import load_dataset

from evalfix import mini, story  # noqa: F401  (fixtures)

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


# --- multi-article cases -------------------------------------------------------------------------

STORY_CASE = {"id": "s", "articles": [{"id": "a", "text": "Ann said yes."}, {"id": "b", "text": "Bo said no."}],
              "gold_stances": [{"actor": "Ann", "target": "Yes", "stance": "favor", "quote": "yes", "source": "a"}]}


def test_story_case_gives_one_document_per_article(story):
    case = story.cases[0]
    docs = case.documents()
    assert case.multi_article and [d.id for d in docs] == case.source_ids() == ["vote", "court"]
    assert docs[0].text.startswith("Lowmere council approves") and docs[0].path == "articles/vote.txt"
    assert docs[1].text.startswith("Harbour plan heads to court") and docs[1].date == "2026-03-03"
    assert case.text is None and case.title == "Lowmere harbour expansion"
    with pytest.raises(ValueError, match="several articles; use Case.documents"):
        case.document()


def test_single_article_case_keeps_its_document(mini):
    harbour = mini.cases[0]
    assert not harbour.multi_article and harbour.source_ids() == ["harbour"]
    assert [d.id for d in harbour.documents()] == ["harbour"] and harbour.documents()[0].text == harbour.text


def test_story_errors_name_the_line_and_the_field(tmp_path):
    bad_source = {**STORY_CASE, "gold_stances": [{**STORY_CASE["gold_stances"][0], "source": "c"}]}
    with pytest.raises(InputError, match=r":1 \(case 's'\): gold_stances.0.source 'c' is not an article of the case \(a, b\)"):
        load_dataset(_jsonl(tmp_path, bad_source))
    with pytest.raises(InputError, match="exactly one of 'article'.*or 'articles'"):
        load_dataset(_jsonl(tmp_path, {**STORY_CASE, "text": "x"}, name="two.jsonl"))
    twice = {**STORY_CASE, "articles": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}
    with pytest.raises(InputError, match="article id 'a' is used twice"):
        load_dataset(_jsonl(tmp_path, twice, name="twice.jsonl"))
    missing = {**STORY_CASE, "articles": [{"id": "a", "text": "x"}, {"id": "b", "article": "gone.txt"}]}
    with pytest.raises(InputError, match=r"\(case 's'\) articles.1: article .*gone.txt not found"):
        load_dataset(_jsonl(tmp_path, missing, name="missing.jsonl"))
    with pytest.raises(InputError, match=r"articles.0: give exactly one of 'article'"):
        load_dataset(_jsonl(tmp_path, {**STORY_CASE, "articles": [{"id": "a"}]}, name="empty.jsonl"))
