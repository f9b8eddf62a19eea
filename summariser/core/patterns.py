"""A disk cache of compiled regular expressions, for modules with very large patterns.

The attribution rules build alternations of thousands of words; compiling them takes about a
second at every start on a 2-core machine (1.4 s against 0.35 s from the cache), more than the rest
of ``summariser brief --sample``. Whatever imports the rules should do so inside this block (the
engine does); a module that needs only a word list takes it from :mod:`.text`. Inside
:func:`cached_patterns` every ``re.compile`` is answered from a file of compiled pattern code
(keyed by the pattern text and flags, for this exact Python and regex engine version), and new
patterns are added to it; when something new is compiled, patterns the block did not ask for (an
older version's) are dropped. The engine validates the code it is given; a missing, stale or damaged file only means
compiling as usual, and a file that cannot be written is left alone.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["cached_patterns", "grouped_alternation", "patterns_file"]

log = logging.getLogger("summariser.patterns")

try:  # the regex engine's internals (CPython 3.11+); without them nothing is cached
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _SUPPORTED = hasattr(_compiler, "_code") and hasattr(_parser, "parse")
except ImportError:  # pragma: no cover - another interpreter
    _SUPPORTED = False

Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]  # flags, code, groups, groupindex, indexgroup


def patterns_file(name: str) -> Path:
    """The cache file for ``name``'s patterns under this Python (in the user cache directory)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    version = f"{sys.implementation.cache_tag}-{_sre.MAGIC if _SUPPORTED else 0}"
    return Path(base) / "summariser" / f"patterns-{name}-{version}.marshal"


def _load(path: Path) -> dict[tuple[str, int], Entry]:
    try:
        data = marshal.loads(path.read_bytes())
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}


def _save(path: Path, entries: dict[tuple[str, int], Entry]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(entries))
        os.replace(tmp, path)
    except (OSError, ValueError) as exc:
        log.info("pattern cache %s not written (%s)", path, exc)


def _compile_entry(pattern: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` computes before handing it to the engine."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Any] = [None] * parsed.state.groups
    for key, index in groupindex.items():
        indexgroup[index] = key
    # plain ints: the compiler's opcodes are an int subclass that marshal does not store
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


@contextmanager
def cached_patterns(name: str) -> Iterator[None]:
    """Answer ``re.compile`` from ``name``'s pattern file while the block runs (e.g. an import)."""
    if not _SUPPORTED:
        yield
        return
    path = patterns_file(name)
    entries = _load(path)
    used: dict[tuple[str, int], Entry] = {}
    added = False
    original = _compiler.compile

    def compile(p: Any, flags: int = 0) -> re.Pattern:
        nonlocal added
        if not isinstance(p, str) or flags & re.DEBUG:
            return original(p, flags)
        key = (p, int(flags))
        entry = entries.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(p, *entry)
                used[key] = entry
                return compiled
            except (RuntimeError, TypeError, ValueError):
                pass  # stale or damaged: compile again
        entry = _compile_entry(p, flags)
        entries[key] = used[key] = entry
        added = True
        return _sre.compile(p, *entry)

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = original
        # when the patterns changed (something new was compiled), keep only what this block used: an
        # older version's patterns would otherwise pile up and be loaded at every start. A block that
        # compiled nothing new (all answered, or a module imported before it) leaves the file alone.
        if added:
            _save(path, used)


_QUANTIFIERS = ("?", "*", "+", "{")


def grouped_alternation(source: str) -> str:
    """The alternation ``source`` ("said|says|stated|...") with its alternatives grouped by their first
    letter ("s(?:a(?:id|ys)|tated)|..."): the same matches, found faster.

    Python's regex engine tries the alternatives of a group one by one at every position, so a list of
    two hundred verbs costs two hundred tests wherever a verb may start; grouped, it costs one test per
    first letter. The order in which alternatives that can match at the same place are tried is kept,
    so every match is the one the list as written gives: alternatives are grouped by their first letter
    (compared in lower case, which also holds when the pattern ignores case) only within a run of
    alternatives that start with a plain letter; one that starts otherwise ("(?:has|have) said",
    "[a-z]+ly") stays where it is, between the runs before and after it. A ``source`` with a capturing
    group is returned as it is: moving alternatives would renumber its groups.
    """
    alternatives, capturing = _alternatives(source)
    if capturing:
        return source
    out: list[str] = []
    run: dict[str, list[str]] = {}
    for alternative in alternatives:
        letter = _leading_letter(alternative)
        if letter is None:
            out += [_grouped(members) for members in run.values()]
            run.clear()
            out.append(alternative)
        else:
            run.setdefault(letter.lower(), []).append(alternative)
    out += [_grouped(members) for members in run.values()]
    return "|".join(out)


def _grouped(members: list[str]) -> str:
    if len(members) == 1:
        return members[0]
    if len({m[0] for m in members}) > 1:  # "Said|said": one group, each whole
        return "(?:" + "|".join(members) + ")"
    size = _common_prefix(members)
    return members[0][:size] + "(?:" + grouped_alternation("|".join(m[size:] for m in members)) + ")"


def _common_prefix(members: list[str]) -> int:
    """How many plain characters (letters, digits, spaces) all ``members`` start with, none of them
    followed by a quantifier (at least the first letter, which :func:`_leading_letter` has checked)."""
    size = 1
    while all(len(m) > size and m[size] == members[0][size] for m in members):
        char = members[0][size]
        if not (char.isascii() and (char.isalnum() or char == " ")):
            break
        if any(m[size + 1:size + 2] in _QUANTIFIERS for m in members):
            break
        size += 1
    return size


def _leading_letter(alternative: str) -> str | None:
    """The plain ASCII letter an alternative starts with (not one a quantifier follows), or None."""
    first = alternative[:1]
    if not (first.isascii() and first.isalpha()) or alternative[1:2] in _QUANTIFIERS:
        return None
    return first


def _alternatives(source: str) -> tuple[list[str], bool]:
    """The top-level alternatives of a pattern (split at each "|" outside groups and character classes),
    and whether it has a capturing group."""
    parts, depth, start, i, in_class, capturing = [], 0, 0, 0, False, False
    while i < len(source):
        char = source[i]
        if char == "\\":  # an escaped character, whatever it is
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += source.startswith("^", i + 1)
            i += source.startswith("]", i + 1)  # a "]" first in a class is one of its characters
        elif char in "()":
            depth += 1 if char == "(" else -1
            capturing = capturing or (char == "(" and (source[i + 1:i + 2] != "?" or source.startswith("?P<", i + 1)))
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts, capturing
