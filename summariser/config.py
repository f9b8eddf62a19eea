"""Settings: command-line argument > environment variable > config file > default.

Environment: ``OPENAI_API_KEY`` and ``OPENAI_BASE_URL`` (the SDK's own), ``SUMMARISER_BACKEND``,
``SUMMARISER_MODEL``, ``SUMMARISER_LLAMA_SERVER`` (the local backend's llama-server binary),
``SUMMARISER_CONFIG`` (path of the config file). The config file is TOML
(default: the user config directory's ``summariser/config.toml``), with the same keys as
:class:`Settings`, e.g. ``model = "gpt-4o-mini"``, ``base_url = "http://127.0.0.1:8080/v1"``.
The API key is never read from or written to a config file, and never printed.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

BACKENDS = ("extractive", "openai", "local")
DEFAULT_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class Settings:
    """Everything that decides how a brief is made."""

    backend: str = ""
    model: str = ""
    base_url: str = ""
    api_key: str = field(default="", repr=False)
    template: str = "brief"
    prompts_dir: str = ""
    words: int = 150
    audience: str = "newspaper editors"
    language: str = "English"
    max_attempts: int = 3
    max_retries: int = 4
    timeout_s: float = 120.0
    temperature: float | None = 0.0
    max_output_tokens: int = 2048
    context_window: int = 0
    chunk_tokens: int = 0
    extractive_mode: str = "central"
    model_path: str = ""
    llama_server: str = ""
    prices: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def style(self) -> dict[str, str | int]:
        return {"words": self.words, "audience": self.audience, "language": self.language}

    def resolved_backend(self) -> tuple[str, bool]:
        """(backend, chosen_by_default). With nothing configured, the offline extractive engine."""
        if self.backend:
            return self.backend, False
        if self.model_path:
            return "local", False
        if self.api_key or self.base_url:
            return "openai", False
        return "extractive", True


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
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"config file {path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(known - {'api_key'}))}")
    if "prices" in data:
        data["prices"] = {k: (float(v[0]), float(v[1])) for k, v in data["prices"].items()}
    return data


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
    if settings.backend and settings.backend not in BACKENDS:
        raise ConfigError(f"unknown backend {settings.backend!r}; use one of: {', '.join(BACKENDS)}")
    if settings.max_attempts < 1:
        raise ConfigError("--max-attempts must be at least 1")
    if settings.words < 10:
        raise ConfigError("--words must be at least 10")
    backend, _ = settings.resolved_backend()
    if backend == "openai" and not settings.api_key and not settings.base_url:
        raise ConfigError("the openai backend needs a key or a server: set OPENAI_API_KEY or pass --base-url")
    if backend == "openai" and not settings.model:
        settings = replace(settings, model=DEFAULT_MODEL)
    return settings
