"""core.text: whole-word search without a pattern per name, and sentence spans."""

from __future__ import annotations

import re

import pytest

from summariser.core.text import Span, count_word, split_sentences, word_at

TEXT = "Lee-Smith met Lee. _Lee and Leeé left; Lee's aide and LEE said Lee"


def _regex(word: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def test_word_at_skips_hyphenated_underscored_and_longer_words():
    # "Lee-Smith", "_Lee" and "Leeé" hold "Lee" but not as a word; "Lee's" does
    assert word_at(TEXT, "Lee") == TEXT.index("Lee.")
    assert word_at(TEXT, "Lee", TEXT.index("Lee.") + 1) == TEXT.index("Lee's")
    assert word_at(TEXT, "Lee", len(TEXT) - 3) == len(TEXT) - 3  # at the very end
    assert word_at(TEXT, "Smith") == -1  # after a hyphen
    assert word_at(TEXT, "Ng") == -1
    assert word_at(TEXT, "") == -1


@pytest.mark.parametrize("word", ["Lee", "LEE", "Smith", "aide", "e", "-", "Lee's"])
def test_word_at_and_count_word_agree_with_the_regex_they_replace(word):
    found = _regex(word).search(TEXT)
    assert word_at(TEXT, word) == (found.start() if found else -1)
    assert count_word(TEXT, word) == len(_regex(word).findall(TEXT))


def test_count_word_counts_each_standing_once():
    assert count_word(TEXT, "Lee") == 3
    assert count_word("aa aa aaa", "aa") == 2


def test_split_sentences_keeps_offsets_and_skips_abbreviations():
    text = "  Mr. Lee said so.  Then Dr. Ng left!  "
    spans = split_sentences(Span(10, 10 + len(text), text))
    assert [s.text for s in spans] == ["Mr. Lee said so.", "Then Dr. Ng left!"]
    assert all(text[s.start - 10:s.end - 10] == s.text for s in spans)
