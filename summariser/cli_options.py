"""Command-line options the commands share, their help panels, and the one rule for out-of-range values.

The exit-code rule (the README's table): a command line that cannot be read — no input, an unknown
command or option, a missing or non-numeric value — is a *usage error* (exit 1); a well-formed value
that is not allowed — outside its option's range, an unknown format, mode or backend — is a *bad
value* (exit 2), exactly as the same setting from a config file would be. Every option with a range
checks it with :func:`at_least`, :func:`between` or :func:`setting`, which raise
:class:`~summariser.core.errors.ConfigError` (exit 2), so no option can fall back to the parser's own
range check (a usage error).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .core.errors import ConfigError
from .service.settings import RANGES, Range

__all__ = [
    "BATCH", "FORMATS", "INPUT", "LONG", "MODEL", "OUTPUT", "STYLE", "at_least", "between", "check_format", "option_range", "setting",
]

INPUT, OUTPUT, MODEL, STYLE, LONG, BATCH = "Input", "Output", "Model", "Style", "Long articles", "Batch"
FORMATS = ("markdown", "json", "html")  # summariser.render.FORMATS, without loading the renderers (checked by a test)


def check_format(fmt: str) -> str:
    """``fmt`` unchanged, or ConfigError (a bad value, exit 2) when it is not one of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return fmt


def _callback(allowed: Range) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        problem = allowed.problem(value)
        if problem:
            raise ConfigError(f"{allowed.option} {problem}, not {value}")
        return value

    check.option_range = allowed  # type: ignore[attr-defined]  # read back by option_range()
    return check


def at_least(option: str, low: float) -> Callable[[Any], Any]:
    """A parser callback: ``option`` must be ``low`` or more."""
    return _callback(Range(option, lambda v: v >= low, f"at least {low}"))


def between(option: str, low: float, high: float) -> Callable[[Any], Any]:
    """A parser callback: ``option`` must be from ``low`` to ``high``."""
    return _callback(Range(option, lambda v: low <= v <= high, f"between {low} and {high}"))


def setting(name: str) -> Callable[[Any], Any]:
    """A parser callback checking the range of the Settings field ``name`` (:data:`summariser.service.settings.RANGES`)."""
    return _callback(RANGES[name])


def option_range(param: Any) -> Range | None:
    """The range a (typer or click) parameter checks, if any (for tests and docs)."""
    callback = getattr(param, "callback", None)
    while callback is not None:
        found = getattr(callback, "option_range", None)
        if found is not None:
            return found
        callback = getattr(callback, "__wrapped__", None)
    return None


# --- options shared by `brief` and `batch export` ---------------------------------------------

Template = Annotated[Optional[str], typer.Option(help="Prompt template name or folder.", rich_help_panel=STYLE)]
PromptsDir = Annotated[Optional[str], typer.Option(help="Folder of prompt templates.", rich_help_panel=STYLE)]
Words = Annotated[Optional[int], typer.Option(help="Target length of the summary in words (at least 10).",
                                              callback=setting("words"), rich_help_panel=STYLE)]
Audience = Annotated[Optional[str], typer.Option(help="Who the brief is for.", rich_help_panel=STYLE)]
Language = Annotated[Optional[str], typer.Option(help="Language of the brief.", rich_help_panel=STYLE)]
ContextWindow = Annotated[Optional[int], typer.Option(
    help="The model's context window in tokens, if not known.", callback=setting("context_window"), rich_help_panel=LONG)]
ChunkTokens = Annotated[Optional[int], typer.Option(
    help="Chunks of at most this many tokens (at least 200).", callback=setting("chunk_tokens"),
    rich_help_panel=LONG)]
MaxOutputTokens = Annotated[Optional[int], typer.Option(
    help="Tokens reserved for each answer.", callback=setting("max_output_tokens"), rich_help_panel=LONG)]
Story = Annotated[Optional[Path], typer.Option(help="A story file (YAML: title, sources) to merge into one brief.",
                                               rich_help_panel=INPUT)]
Encoding = Annotated[Optional[str], typer.Option(help="Text encoding of the inputs (default UTF-8).", rich_help_panel=INPUT)]
