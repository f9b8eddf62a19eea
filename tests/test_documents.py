"""Inputs: decoding, HTML extraction and offsets into the text as given."""

from __future__ import annotations

import pytest

from summariser.ingest.documents import document_from_bytes, guess_title, load_source
from summariser.core.errors import InputError


def test_crlf_and_bom_keep_character_offsets(tmp_path):
    raw = "\ufeffTitle line\r\n\r\nHe said \u201cyes we can\u201d.\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    doc = load_source(str(path))
    assert doc.text == raw[1:]
    assert doc.title == "Title line"
    assert doc.path == str(path) and doc.id == "a"


def test_html_is_reduced_to_main_text():
    html = (
        "<html><head><title>Page</title></head><body><nav>Menu Sport Weather</nav><article><h1>Summit ends</h1>"
        + "<p>Leaders agreed on a joint statement after two days of talks in Geneva on Friday.</p>" * 4
        + "</article></body></html>"
    ).encode()
    doc = document_from_bytes(html, name="page.html")
    assert doc.kind == "html"
    assert "Leaders agreed" in doc.text and "<p>" not in doc.text and "Menu Sport" not in doc.text


def test_html_without_article_text_is_an_input_error():
    with pytest.raises(InputError, match="no article text"):
        document_from_bytes(b"<html><body><div></div></body></html>", name="blank.html")


def test_markdown_suffix(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("# Big story\n\nThe mayor said the bridge would reopen.\n", encoding="utf-8")
    doc = load_source(str(path))
    assert doc.kind == "markdown" and doc.title == "Big story"


def test_folder_is_rejected_with_advice(tmp_path):
    with pytest.raises(InputError, match="folder"):
        load_source(str(tmp_path))


def test_unreachable_url_is_an_input_error():
    with pytest.raises(InputError, match="could not fetch"):
        load_source("http://127.0.0.1:9/nothing-here")


@pytest.mark.parametrize(
    "text,title",
    [("Short headline\n\nBody.", "Short headline"), ("A whole first sentence that ends with a full stop.\nMore.", "")],
)
def test_guess_title(text, title):
    assert guess_title(text) == title


def test_a_dateline_above_the_story_is_not_its_title():
    from summariser.ingest.documents import guess_title

    assert guess_title("Tuesday, October 15, 2019 \n\nSDF agrees deal with Syria\n\nThe text.\n") == "SDF agrees deal with Syria"
    assert guess_title("2019-10-15\n\nPort talks resume\n") == "Port talks resume"
    assert guess_title("Port talks resume\n\nThe text.\n") == "Port talks resume"


def test_a_headline_with_a_number_and_a_year_is_not_a_dateline():
    from summariser.ingest.documents import guess_title

    assert guess_title("Apollo 11, 1969\n\nThe text.\n") == "Apollo 11, 1969"
