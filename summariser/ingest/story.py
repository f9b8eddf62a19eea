"""Stories: several articles briefed as one, from the command line or a story file."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..core.errors import InputError


def load_story(path: Path) -> tuple[str, list[str]]:
    """(title, sources) from a YAML story file; relative paths are relative to the file.

    Format::

        title: Japan-US alliance
        sources:
          - ft-hegseth.html
          - https://example.org/news/alliance
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such story file; check the path") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML ({str(exc).splitlines()[0]}); fix the story file") from None
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list) or not data["sources"]:
        raise InputError(f"{path}: a story file needs a 'sources' list of article paths or URLs")
    sources = [_resolve(str(s), path.parent) for s in data["sources"]]
    return str(data.get("title", "")), sources


def _resolve(source: str, base: Path) -> str:
    if source.startswith(("http://", "https://")) or source == "-" or Path(source).is_absolute():
        return source
    return str(base / source)
