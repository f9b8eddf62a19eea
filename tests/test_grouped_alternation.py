"""core.patterns.grouped_alternation: a word list grouped by first letter matches exactly as written."""

from __future__ import annotations

import re

import pytest

from summariser.core.patterns import grouped_alternation
from summariser.engines.extractive import lexicon

TEXT = (
    "Aides said, says Kim, and saying so she stated: the ministry's spokesman SAID a deal is done; "
    "said-so abc ab a [x] | y a|b. Officials argued against it; she was critical of him and disagreed."
)


def test_alternatives_are_grouped_by_their_first_letters():
    assert grouped_alternation("said|says|stated") == "s(?:a(?:id|ys)|tated)"
    assert grouped_alternation("suggested|suggests|argued") == "suggest(?:ed|s)|argued"


def test_a_quantified_first_letter_or_a_group_is_left_where_it_stands():
    assert grouped_alternation("a?b|ab|(?:x|y)z|ac") == "a?b|ab|(?:x|y)z|ac"
    assert grouped_alternation("favou?red|favour") == "favo(?:u?red|ur)"


def test_a_list_with_a_capturing_group_is_left_as_written():
    assert grouped_alternation("b(x)|a|bc") == "b(x)|a|bc"  # grouping would make "(x)" another group number
    assert grouped_alternation("b(?P<x>y)|a|bc") == "b(?P<x>y)|a|bc"
    assert grouped_alternation(r"b\(x\)|a|bc") == r"b(?:\(x\)|c)|a"  # escaped parentheses capture nothing


def test_escapes_and_character_classes_are_not_split():
    assert grouped_alternation(r"a\|b|ad|[|]c") == r"a(?:\|b|d)|[|]c"
    assert grouped_alternation(r"a\|b|[|]c|ad") == r"a\|b|[|]c|ad"  # a class between: two runs
    assert grouped_alternation(r"[]|]x|ay") == r"[]|]x|ay"


@pytest.mark.parametrize("source", [
    "a|ab|abc",  # the first alternative that matches wins: "a", not "abc"
    "abc|ab|a",
    "ab|[a-z]+|abc|a",  # a class between two runs keeps its place
    "Said|said|s|SAID",
    r"said\b|says|sa",
    "ag(?:reed|ree)|a(?:b|)|argued against|ar",
])
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_every_match_is_the_one_the_list_as_written_gives(source, flags):
    written = re.compile(f"(?:{source})", flags)
    grouped = re.compile(f"(?:{grouped_alternation(source)})", flags)
    assert [m.span() for m in grouped.finditer(TEXT)] == [m.span() for m in written.finditer(TEXT)]
    for at in range(len(TEXT)):  # at every position, not only where the scan resumes
        assert _span(grouped.match(TEXT, at)) == _span(written.match(TEXT, at))


def _span(match: re.Match | None) -> tuple[int, int] | None:
    return match.span() if match else None


def test_the_lexicon_verbs_are_grouped():
    assert lexicon.SPEECH_VERBS.startswith("s(?:a(?:id|y(?:s|))")  # said|says|say
    assert re.fullmatch(lexicon.REPORT_VERBS, "argued against")
    assert re.fullmatch(lexicon.TITLE_NOUN, "spokeswoman")
