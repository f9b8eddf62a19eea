"""Settings: everything that decides how a brief is made (loaded and checked by :mod:`summariser.service.settings`).

Loading merges: command-line argument > environment variable > config file > default.

Environment: ``OPENAI_API_KEY`` and ``OPENAI_BASE_URL`` (the SDK's own), ``SUMMARISER_BACKEND``,
``SUMMARISER_MODEL``, ``SUMMARISER_LLAMA_SERVER`` (the local backend's llama-server binary),
``SUMMARISER_CONFIG`` (path of the config file). The config file is TOML
(default: the user config directory's ``summariser/config.toml``), with the same keys as
:class:`Settings`, e.g. ``model = "gpt-4o-mini"``, ``base_url = "http://127.0.0.1:8080/v1"``.
The API key is never read from or written to a config file, and never printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BACKENDS = ("extractive", "openai", "local")  # built in; plugins add more (summariser.backends)
EXTRACTIVE_MODES = ("central", "lead3")
DEFAULT_MODEL = "gpt-4o-mini"
MIN_CHUNK_TOKENS = 200  # the smallest chunk that leaves room for an article's text
INTERNAL_FIELDS = {"model_defaulted"}  # Settings fields that are not settings a user gives


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
    # set by validate() when the openai backend got DEFAULT_MODEL because no model was given (never a config key)
    model_defaulted: bool = field(default=False, repr=False)

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
