"""Loading and checking :class:`~summariser.core.settings.Settings`: argument > environment > config file > default.

Environment: ``OPENAI_API_KEY`` and ``OPENAI_BASE_URL`` (the SDK's own), ``SUMMARISER_BACKEND``,
``SUMMARISER_MODEL``, ``SUMMARISER_LLAMA_SERVER`` (the local backend's llama-server binary),
``SUMMARISER_CONFIG`` (path of the config file). The config file is TOML, with the same keys as
:class:`Settings`. Checking a backend name consults the backend registry, and a prompts folder the
templates, which is why loading lives in the service layer and the record itself in ``core``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ..core.errors import ConfigError
from ..core.redact import without_credentials
from ..core.settings import BACKENDS, DEFAULT_MODEL, EXTRACTIVE_MODES, INTERNAL_FIELDS, MIN_CHUNK_TOKENS, Settings

__all__ = ["RANGES", "Range", "Settings", "config_path", "load_settings", "validate"]


def config_path() -> Path:
    explicit = os.environ.get("SUMMARISER_CONFIG")
    if explicit:
        return Path(explicit)
    from platformdirs import user_config_dir

    return Path(user_config_dir("summariser")) / "config.toml"


def _from_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        if os.environ.get("SUMMARISER_CONFIG"):
            raise ConfigError(f"config file {path} (SUMMARISER_CONFIG) does not exist; fix the path or unset it")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML ({exc}); fix or remove it") from None
    if "api_key" in data:
        raise ConfigError(f"config file {path} holds api_key; remove it and set OPENAI_API_KEY instead")
    known = {f.name for f in fields(Settings)} - INTERNAL_FIELDS
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"config file {path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(known - {'api_key'}))}")
    return {key: _typed(path, key, value) for key, value in data.items()}


def _typed(path: Path, key: str, value: Any) -> Any:
    """``value`` as the type of the Settings field ``key``, or a ConfigError naming the file and the key."""
    if key == "prices":
        return _prices(path, value)
    kind = type(next(f.default for f in fields(Settings) if f.name == key))
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is str and isinstance(value, str):
        return value
    if kind is float and number:
        return float(value)
    if kind is int and number and isinstance(value, int):
        return value
    wanted = {str: "a string", int: "a whole number", float: "a number"}[kind]
    raise ConfigError(f"config file {path}: {key} must be {wanted}, not {value!r}; fix it")


def _prices(path: Path, value: Any) -> dict[str, tuple[float, float]]:
    """The ``[prices]`` table: model name -> [input, output] USD per million tokens."""
    if not isinstance(value, dict):
        raise ConfigError(f"config file {path}: prices must be a table ([prices] with lines like \"model\" = [0.15, 0.6]); fix it")
    prices = {}
    for model, pair in value.items():
        numbers = isinstance(pair, list) and len(pair) == 2 and all(
            isinstance(x, (int, float)) and not isinstance(x, bool) for x in pair)
        if not numbers:
            raise ConfigError(
                f"config file {path}: prices.{model} must be [input, output] USD per million tokens, "
                f"e.g. [0.15, 0.6], not {pair!r}; fix it")
        prices[model] = (float(pair[0]), float(pair[1]))
    return prices


def _from_env() -> dict[str, Any]:
    env = {
        "api_key": os.environ.get("OPENAI_API_KEY", ""),
        "base_url": os.environ.get("OPENAI_BASE_URL", ""),
        "backend": os.environ.get("SUMMARISER_BACKEND", ""),
        "model": os.environ.get("SUMMARISER_MODEL", ""),
        "llama_server": os.environ.get("SUMMARISER_LLAMA_SERVER", ""),
    }
    return {k: v for k, v in env.items() if v}


def load_settings(**overrides: Any) -> Settings:
    """Merge defaults, the config file, the environment and explicit overrides (None = not given)."""
    merged: dict[str, Any] = {}
    merged.update(_from_file(config_path()))
    merged.update(_from_env())
    merged.update({k: v for k, v in overrides.items() if v is not None})
    settings = Settings(**merged)
    return validate(settings)


def validate(settings: Settings) -> Settings:
    """Check every setting up front (one-line ConfigError naming the fix); fill in the default model."""
    if settings.backend and settings.backend not in BACKENDS:
        from ..backends import registry

        registry.get(settings.backend)  # a plugin's backend, or a ConfigError naming those there are
    if settings.extractive_mode not in EXTRACTIVE_MODES:
        raise ConfigError(f"unknown mode {settings.extractive_mode!r}; use {' or '.join(EXTRACTIVE_MODES)}")
    _check_numbers(settings)
    _check_base_url(settings.base_url)
    _check_api_key(settings.api_key)
    if settings.prompts_dir:
        from ..engines.llm.prompts import prompts_folder

        prompts_folder(settings.prompts_dir)
    backend, _ = settings.resolved_backend()
    if backend == "openai" and not settings.api_key and not settings.base_url:
        raise ConfigError("the openai backend needs a key or a server: set OPENAI_API_KEY or pass --base-url")
    if backend == "openai" and not settings.model:
        settings = replace(settings, model=DEFAULT_MODEL, model_defaulted=True)
    return settings


@dataclass(frozen=True)
class Range:
    """The values a numeric setting may take: ``ok(value)``, said as ``rule`` ("at least 10")."""

    option: str
    ok: Callable[[float], bool]
    rule: str

    def problem(self, value: float | None) -> str | None:
        """"must be <rule>" when ``value`` is outside the range; None when it is inside (or not given)."""
        return None if value is None or self.ok(value) else f"must be {self.rule}"


RANGES: dict[str, Range] = {  # Settings field -> its range; the CLI's options check the same ranges
    "max_attempts": Range("--max-attempts", lambda v: v >= 1, "at least 1"),
    "words": Range("--words", lambda v: v >= 10, "at least 10"),
    "max_retries": Range("--max-retries", lambda v: v >= 0, "0 or more"),
    "timeout_s": Range("--timeout", lambda v: v > 0, "more than 0 seconds"),
    "max_output_tokens": Range("--max-output-tokens", lambda v: v >= 1, "at least 1"),
    "context_window": Range("--context-window", lambda v: v >= 0, "0 (known from the model) or more"),
    "chunk_tokens": Range("--chunk-tokens", lambda v: v == 0 or v >= MIN_CHUNK_TOKENS,
                          f"at least {MIN_CHUNK_TOKENS} (or 0: chunks as large as the context window allows)"),
}


def _check_numbers(settings: Settings) -> None:
    """Counts and limits from any source (config file, environment, caller): each within its :data:`RANGES`."""
    for name, allowed in RANGES.items():
        problem = allowed.problem(getattr(settings, name))
        if problem:
            raise ConfigError(f"{allowed.option} ({name} in a config file) {problem}")


def _check_base_url(url: str) -> None:
    """A server URL needs an http(s) scheme and a host."""
    if not url:
        return
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:
        valid = False
    if not valid:
        shown = without_credentials(url)
        raise ConfigError(f"--base-url (or OPENAI_BASE_URL) {shown!r} is not an http(s) URL; pass one like http://127.0.0.1:8080/v1")


def _check_api_key(key: str) -> None:
    """A key is printable ASCII without whitespace (a pasted trailing newline is common); never print it."""
    if key and not all(33 <= ord(c) <= 126 for c in key):
        raise ConfigError(
            "OPENAI_API_KEY holds a space, line break or non-ASCII character; set it to the key alone "
            "(printable ASCII, no whitespace)")
