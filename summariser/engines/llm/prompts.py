"""Prompt templates: Jinja2, sandboxed, StrictUndefined; the article is only ever a variable.

A template is a folder under ``prompts/`` holding ``system.j2``, ``user.j2`` and ``reask.j2``.
Its hash covers the content of all three, so a brief records exactly which prompt made it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ...core.errors import ConfigError
from ...core.schema import MAX_STANCE_ROWS, MAX_SUMMARY_POINTS, MAX_WATCH_ITEMS, PromptInfo

PARTS = ("system", "user", "reask")
DEFAULT_STYLE = {"words": 150, "audience": "newspaper editors", "language": "English"}
# What a re-ask tells the model (the templates' {{ problem }}), for briefs of news articles:
REFUSAL_TASK = "the task is to summarise a published news article"  # after "you refused (...)"


def unfound_quotes(quotes: list[str]) -> str:
    """The re-ask's problem when quotes in the answer could not be found in the article."""
    return f"{len(quotes)} quote(s) could not be found in the article"


def default_prompts_dir() -> Path:
    """The installed templates, or the repository's ``prompts/`` in a source checkout."""
    package = Path(__file__).resolve().parents[2]  # summariser/ (this is summariser/engines/llm/prompts.py)
    installed = package / "prompts"
    if installed.is_dir():
        return installed
    return package.parent / "prompts"


def _environment(folder: Path) -> SandboxedEnvironment:
    """Templates load from their own folder, then from the shared partials in ``_shared/``."""
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(folder), str(folder.parent / "_shared")]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


@dataclass
class Template:
    """A prompt template folder."""

    name: str
    folder: Path

    @cached_property
    def env(self) -> SandboxedEnvironment:
        return _environment(self.folder)

    def source(self, part: str) -> str:
        return (self.folder / f"{part}.j2").read_text(encoding="utf-8")

    @cached_property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        for part in PARTS:
            digest.update(part.encode() + b"\0" + self.source(part).encode("utf-8") + b"\0")
        shared = self.folder.parent / "_shared"
        for partial in sorted(shared.glob("*.j2")) if shared.is_dir() else []:
            digest.update(partial.name.encode() + b"\0" + partial.read_bytes() + b"\0")
        return digest.hexdigest()

    @property
    def info(self) -> PromptInfo:
        return PromptInfo(name=self.name, sha256=self.sha256)

    def render(self, part: str, **variables: object) -> str:
        """Render one part; a missing variable is an error, never an empty string."""
        context = {
            "max_summary_points": MAX_SUMMARY_POINTS,
            "max_stance_rows": MAX_STANCE_ROWS,
            "max_watch_items": MAX_WATCH_ITEMS,
            **DEFAULT_STYLE,
            **variables,
        }
        try:
            return self.env.get_template(f"{part}.j2").render(**context).strip()
        except jinja2.UndefinedError as exc:
            raise ConfigError(f"template {self.name}/{part}.j2: {exc}; pass that variable or fix the template") from None
        except jinja2.TemplateError as exc:
            raise ConfigError(f"template {self.name}/{part}.j2 is invalid: {exc}") from None

    def messages(self, *, article: str, title: str = "", **style: object) -> list[dict[str, str]]:
        """The chat messages for one article."""
        return [
            {"role": "system", "content": self.render("system", **style)},
            {"role": "user", "content": self.render("user", article=article, title=title, **style)},
        ]


def prompts_folder(prompts_dir: str | Path | None = None) -> Path:
    """The folder of templates: ``prompts_dir`` if given (it must be a folder), else the installed one."""
    if not prompts_dir:
        return default_prompts_dir()
    folder = Path(prompts_dir)
    if not folder.is_dir():
        raise ConfigError(f"prompts folder {folder} does not exist or is not a folder; pass --prompts-dir with a folder of templates")
    return folder


def list_templates(prompts_dir: str | Path | None = None) -> list[str]:
    """Names of the complete-looking templates in the prompts folder."""
    folder = prompts_folder(prompts_dir)
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / "system.j2").exists())


def load_template(name: str = "brief", prompts_dir: str | Path | None = None) -> Template:
    """Load a template by name (a folder under the prompts directory) or by path to a folder."""
    folder = Path(name) if Path(name).is_dir() else prompts_folder(prompts_dir) / name
    missing = [part for part in PARTS if not (folder / f"{part}.j2").is_file()]
    if missing:
        available = ", ".join(list_templates(prompts_dir)) or "none"
        raise ConfigError(f"prompt template {name!r} not found or incomplete (needs {', '.join(p + '.j2' for p in PARTS)}); available: {available}")
    return Template(name=folder.name, folder=folder)
