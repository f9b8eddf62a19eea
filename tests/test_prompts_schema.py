"""Templates render strictly and the schema sent to the model is strict-compatible."""

from __future__ import annotations

import pytest

from summariser.core.errors import ConfigError
from summariser.engines.llm.prompts import load_template
from summariser.core.schema import Brief, DraftBrief, draft_json_schema


def _objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def test_draft_schema_is_strict_compatible():
    schema = draft_json_schema()
    objects = list(_objects(schema))
    assert len(objects) == 3  # DraftBrief, DraftPoint, DraftStanceRow
    for obj in objects:
        assert obj["additionalProperties"] is False
        assert sorted(obj["required"]) == sorted(obj["properties"])
        for prop in obj["properties"].values():
            assert "description" in prop or "$ref" in prop or "items" in prop
    assert schema["properties"]["stance_table"]["maxItems"] == 12
    stance = schema["$defs"]["DraftStanceRow"]["properties"]["stance"]
    assert stance["enum"] == ["favor", "against", "mixed", "neutral", "unclear"]


def test_models_forbid_extra_fields():
    with pytest.raises(Exception):
        DraftBrief.model_validate({"headline": "h", "summary": [], "stance_table": [], "what_to_watch": [], "x": 1})
    assert Brief.model_config["extra"] == "forbid"


def test_missing_variable_is_an_error_not_an_empty_string(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "system.j2").write_text("Write in {{ langauge }}.")
    (folder / "user.j2").write_text("{{ article }}")
    (folder / "reask.j2").write_text("{{ problem }}")
    template = load_template(str(folder))
    with pytest.raises(ConfigError, match="langauge"):
        template.messages(article="text")


def test_sandbox_blocks_unsafe_attribute_access(tmp_path):
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "system.j2").write_text("{{ article.__class__.__mro__ }}")
    (folder / "user.j2").write_text("{{ article }}")
    (folder / "reask.j2").write_text("{{ problem }}")
    with pytest.raises(Exception):
        load_template(str(folder)).render("system", article="x")


def test_hash_changes_with_content(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    for part in ("system", "user", "reask"):
        (folder / f"{part}.j2").write_text(part)
    before = load_template(str(folder)).sha256
    (folder / "user.j2").write_text("user {{ article }}")
    assert load_template(str(folder)).sha256 != before


def test_style_variables_reach_the_prompt():
    messages = load_template("brief").messages(article="A", words=60, audience="radio producers", language="German")
    assert "in German for radio producers" in messages[0]["content"]
    assert "about 60 words" in messages[0]["content"]
