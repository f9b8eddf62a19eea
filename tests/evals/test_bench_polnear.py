"""The PolNeAR bench's speaker proxy: each head rule on the gold source it used to misread."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from testkit import ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("attribution_polnear", ROOT / "bench" / "attribution_polnear.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("ours", "gold"), [
    ("Charles B. Rangel", "Representative Charles B. Rangel of New York"),  # was "york"
    ("Earl Ray Tomblin", "Gov. Earl Ray Tomblin of West Virginia"),
    ("Peter Morgan", "Mr. Morgan of the Sierra Club"),
    ("Laurence H. Tribe", "Another critic, Laurence H. Tribe,"),  # was "critic"
    ("Tim Cook", "Apple's chief executive, Tim Cook,"),
    ("Mara Quint", "union leader Mara Quint (D-Ore.)"),
])
def test_the_named_person_is_the_source(bench, ours, gold):
    assert bench.speaker_matches(ours, gold)[0]


@pytest.mark.parametrize(("ours", "gold"), [
    ("Federal Bureau", "the Federal Bureau of Prisons"),  # a fragment of a body's name
    ("Tim Cook", "Apple's chief executive"),  # a description without the name: no coreference here
    ("Hillary Clinton", "a spokesman for the mayor"),
    ("Mayor Bill Smith", "the Ortega campaign"),
])
def test_a_fragment_or_another_source_is_not(bench, ours, gold):
    assert not bench.speaker_matches(ours, gold)[0]


def test_heads_of_descriptions_and_bodies(bench):
    assert bench.gold_head("a spokesman for the mayor") == "spokesman"
    assert bench.gold_head("the Roper Center for Public Opinion Research") == "research"
    assert bench.gold_head("Officials at Homeland Security Investigations, a division of ICE,") == "investigation"
