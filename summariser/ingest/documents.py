"""Loading inputs: files, URLs and stdin, as plain text, Markdown or HTML.

A :class:`Document`'s ``text`` is the text as given to the tool; every offset in a brief refers
to it. Plain text and Markdown are kept exactly as decoded (no newline translation); HTML is
reduced to the article's main text with trafilatura.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any, Literal, Protocol, TypeVar, cast

from ..core.errors import InputError
from ..core.schema import SourceInfo
from ..core.text import MONTHS, WEEKDAYS

Kind = Literal["text", "markdown", "html"]
class _WithId(Protocol):
    id: str


HasId = TypeVar("HasId", bound=_WithId)

MAX_INPUT_BYTES = 20 * 1024 * 1024
_OTHER_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]+):/", re.ASCII)
_HTML_SNIFF = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)
_URL = re.compile(r"^https?://", re.IGNORECASE)


@dataclass
class Document:
    """One source article."""

    id: str
    text: str
    title: str = ""
    url: str = ""
    date: str = ""
    path: str = ""
    kind: Kind = "text"
    metadata: dict = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def info(self) -> SourceInfo:
        return SourceInfo(
            id=self.id, title=self.title, url=self.url, date=self.date, path=self.path,
            kind=self.kind, chars=len(self.text), sha256=self.sha256,
        )


def load_source(source: str, *, encoding: str | None = None, doc_id: str | None = None) -> Document:
    """Load a path, an http(s) URL, or ``-`` for stdin into a :class:`Document`."""
    if source == "-":
        data = sys.stdin.buffer.read()
        return document_from_bytes(data, name="stdin", encoding=encoding, doc_id=doc_id or "stdin")
    if _URL.match(source):
        from .fetch import fetch_url  # the HTTP stack loads only when a URL is fetched

        data, content_type = fetch_url(source)
        kind: Kind | None = "html" if "html" in content_type else None
        doc = document_from_bytes(data, name=source, encoding=encoding, kind=kind, doc_id=doc_id or source)
        doc.url = doc.url or source
        return doc
    scheme = _OTHER_SCHEME.match(source)
    if scheme:
        raise InputError(
            f"{source[:80]}: {scheme.group(1).lower()}: URLs are not supported; pass an http(s) URL, a file path or '-' for stdin"
        )
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file; check the path, or pass a URL or '-' for stdin")
    if path.is_dir():
        raise InputError(f"{source}: is a folder; pass the article files inside it")
    if path.stat().st_size > MAX_INPUT_BYTES:
        raise InputError(f"{source}: larger than {MAX_INPUT_BYTES // 2**20} MiB; pass the article text only")
    doc = document_from_bytes(
        path.read_bytes(), name=source, encoding=encoding, kind=_kind_from_suffix(path),
        doc_id=doc_id or path.stem,
    )
    doc.path = str(path)
    return doc


def document_from_bytes(
    data: bytes, *, name: str, encoding: str | None = None, kind: Kind | None = None, doc_id: str = ""
) -> Document:
    """Decode and, for HTML, extract the main text. Raises InputError for unusable input."""
    wide = (encoding or "").lower().replace("_", "-").startswith(("utf-16", "utf16", "utf-32", "utf32"))
    if not wide and b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file; pass plain text, Markdown or HTML")
    text = _decode(data, name=name, encoding=encoding)
    kind = kind or ("html" if _HTML_SNIFF.search(data[:4096]) else "text")
    return document_from_text(text, name=name, kind=kind, doc_id=doc_id or name)


def document_from_text(text: str, *, name: str = "text", kind: Kind = "text", doc_id: str = "") -> Document:
    """Build a Document from already-decoded text (HTML is extracted)."""
    if kind == "html":
        return _document_from_html(text, name=name, doc_id=doc_id or name)
    if not text.strip():
        raise InputError(f"{name}: is empty; pass an article with some text")
    return Document(id=doc_id or name, text=text, title=guess_title(text), kind=kind)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff_encoding(data: bytes, *, name: str) -> str:
    """The codec of an uploaded article: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Raises InputError for an empty file, a binary file (NUL bytes or many control characters), or
    bytes that none of these decodes. For people who cannot pass ``--encoding`` (the web desk).
    """
    if not data.strip():
        raise InputError(f"{name}: is empty; upload an article with some text")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _checked_codec(data, "utf-16", name)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file; upload plain text, Markdown or HTML")
    for codec in ("utf-8-sig", "cp1252"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return _checked_codec(data, codec, name)
    raise InputError(f"{name}: not text in UTF-8, UTF-16 or Windows-1252; save it as UTF-8 text and upload that")


def _checked_codec(data: bytes, codec: str, name: str) -> str:
    """``codec``, unless the decoded text is mostly control characters (a binary file that happens to decode)."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise InputError(f"{name}: not valid {codec.upper()}; save it as UTF-8 text and upload that") from None
    sample = text[:8192]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise InputError(f"{name}: looks like a binary file; upload plain text, Markdown or HTML")
    return codec


def _decode(data: bytes, *, name: str, encoding: str | None) -> str:
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}; pass a codec name such as utf-8 or cp1252") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding or 'UTF-8'} (byte {exc.start}); pass --encoding cp1252 (or the file's encoding)"
        ) from None


def _kind_from_suffix(path: Path) -> Kind | None:
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        return "html"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    if suffix in {".txt", ".text"}:
        return "text"
    return None


def _document_from_html(html: str, *, name: str, doc_id: str) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    extracted = cast(Any, extracted)  # trafilatura returns a Document (or a dict in older versions)
    text = (extracted.text if extracted is not None else "") or ""
    if not text.strip():
        raise InputError(f"{name}: no article text found in the HTML; save the article as text and pass that")
    return Document(
        id=doc_id, text=text, kind="html",
        title=(extracted.title or "") if extracted is not None else "",
        date=(extracted.date or "") if extracted is not None else "",
        url=(extracted.url or "") if extracted is not None else "",
    )


_MONTH = f"(?:{MONTHS})"
_DATE_LINE = re.compile(
    rf"^(?:(?:{WEEKDAYS}),?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\W*$"
    # after a weekday, any month word (a misspelt "Febuary", an abbreviated "Sept.")
    rf"|^(?:{WEEKDAYS}),?\s+[A-Z][a-z]{{2,9}}\.?\s+\d{{1,2}},?\s+\d{{4}}\W*$"
)


# lines above or around a story that are not its headline: sign-up and paywall prompts, cookie and
# advertisement notices, bylines, photo credits and captions, map legends ("██ Syrian Arab Republic")
# (the start of a line; matched ignoring case, so "by" + a capital is "by" + any letter, as ever)
BOILERPLATE_START = re.compile(
    r"^\W*(?:advertisement|sponsored|skip to|share this|follow us|listen to this|read more|related:|"
    r"(?:photo|image|picture|video|credit|file photo|caption)\b\s*[:(]|by\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}\s*$)"
    r"|^\s*[\u2580-\u259f\u25a0-\u25ff]",
    re.IGNORECASE,
)
# (anywhere in a line, searched in its lower-cased text: much faster than a search ignoring case)
BOILERPLATE_WORDS = re.compile(
    r"\b(?:newsletter|sign up|sign in|subscribe|subscription|subscriber|paywall|cookies?|free trial|"
    r"unlock|log in to|already a member|support our journalism|pre-publication review|article last amended)\b"
)


def is_boilerplate(line: str) -> bool:
    """Whether a line is page furniture rather than the story (see :data:`BOILERPLATE_START` and
    :data:`BOILERPLATE_WORDS`), or a dateline."""
    line = line.strip().lstrip("#").strip()
    if _DATE_LINE.match(line):
        return True
    return len(line.split()) <= 25 and bool(BOILERPLATE_START.match(line) or BOILERPLATE_WORDS.search(line.lower()))


def guess_title(text: str) -> str:
    """The first line, when it looks like a headline (short, no final full stop); sign-up prompts,
    bylines, captions, map legends and datelines above it are skipped."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if is_boilerplate(line):
            continue  # a dateline or page furniture above the story, not its headline
        if len(line.split()) <= 20 and not line.endswith((".", "?\u201d", ".\u201d", '."')):
            return line
        return ""
    return ""


def unique_ids(items: list[HasId]) -> list[HasId]:
    """Give items (documents, batch inputs: anything with an ``id``) distinct ids: ``a``, ``a-2``, ``a-3``."""
    for _ in iter_unique_ids(items):
        pass
    return items


def iter_unique_ids(items: Iterable[HasId]) -> Iterator[HasId]:
    """:func:`unique_ids` as a stream: each item with its distinct id as it comes (only the ids are kept)."""
    seen: dict[str, int] = {}
    for item in items:
        count = seen.get(item.id, 0)
        seen[item.id] = count + 1
        if count:
            item.id = f"{item.id}-{count + 1}"
        yield item
