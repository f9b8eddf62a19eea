"""Suites: a YAML file naming the dataset, the system under test, the scorers and the gates.

Example (``evals/suites/dev.yaml``)::

    name: dev
    dataset: ../datasets/dev/cases.jsonl   # relative to this file
    backend: extractive                    # or openai (any OpenAI-compatible server)
    model: ""
    systems:                               # optional: several systems, each its own run
      - {name: central, extractive_mode: central}
      - {name: gpt, backend: openai, model: gpt-4o-mini}
    template: brief
    words: 150
    scorers: [validity, grounding, stance, key_facts, rouge, length, usage]
    judge: {model: gpt-4o-mini}            # optional LLM judge, on the run's server unless it sets base_url
                                           # (weighted: false: integer scores only)
    gates:
      min: {quote_grounding: 0.95}
      max_drop: {stance_f1: 0.05}          # against --baseline RUN_DIR

The API key is never part of a suite: it comes from ``OPENAI_API_KEY``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.settings import Settings
from ..service.settings import load_settings
from ..core.errors import ConfigError
from ..engines.llm.structured import first_validation_error
from .scorers import DEFAULT_LENGTH_TOLERANCE, DEFAULT_SCORERS, SCORERS


class JudgeConfig(BaseModel):
    """The optional LLM judge."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(min_length=1)
    base_url: str = Field(default="", description="The judge's server; empty: the run's (--base-url, else the "
                                                  "suite's base_url, else OPENAI_BASE_URL or the config file).")
    template: str = "judge"
    max_attempts: int = Field(default=2, ge=1)
    weighted: bool = Field(default=True, description="Weight scores by token probabilities (G-Eval); false for "
                                                      "servers that reject the logprobs parameter.")


class Gates(BaseModel):
    """Thresholds that make ``summariser eval`` exit non-zero."""

    model_config = ConfigDict(extra="forbid")

    min: dict[str, float] = Field(default_factory=dict, description="Minimum run value per metric.")
    max: dict[str, float] = Field(default_factory=dict, description="Maximum run value per metric (latency, cost ...).")
    max_drop: dict[str, float] = Field(default_factory=dict, description="Largest allowed worsening against the baseline run.")


_DEFAULTS = Settings()  # a suite briefs as the CLI does unless it says otherwise


class System(BaseModel):
    """One system under test in a suite that compares several (backend, model, template ...)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, pattern=r"^[\w.-]+$")
    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    model_path: str | None = None
    template: str | None = None
    prompts_dir: str | None = None
    extractive_mode: str | None = None


class Suite(BaseModel):
    """A suite file, with the dataset path resolved against the suite's folder."""

    model_config = ConfigDict(extra="forbid")

    name: str = ""
    description: str = ""
    dataset: str
    backend: str = "extractive"
    model: str = ""
    base_url: str = ""
    model_path: str = ""  # local backend: the GGUF file (or pass --model-path)
    template: str = _DEFAULTS.template
    prompts_dir: str = ""
    extractive_mode: str = _DEFAULTS.extractive_mode
    words: int = _DEFAULTS.words
    audience: str = _DEFAULTS.audience
    language: str = _DEFAULTS.language
    max_attempts: int = _DEFAULTS.max_attempts
    length_tolerance: float = Field(default=DEFAULT_LENGTH_TOLERANCE, gt=0)
    scorers: list[str] = Field(default_factory=lambda: list(DEFAULT_SCORERS))
    concurrency: int = Field(default=4, ge=1)
    judge: JudgeConfig | None = None
    gates: Gates = Field(default_factory=Gates)
    systems: list[System] = Field(default_factory=list, description="Several systems run one after another, each its own run.")
    path: str = Field(default="", exclude=True)

    def expand(self) -> list["Suite"]:
        """One suite per system (named ``<suite>-<system>``), or just this one when it names none."""
        if not self.systems:
            return [self]
        return [
            self.model_copy(update={
                **{k: v for k, v in system.model_dump(exclude={"name"}).items() if v is not None},
                "name": f"{self.name or 'suite'}-{system.name}", "systems": [],
            })
            for system in self.systems
        ]

    def settings(self, **overrides: object) -> Settings:
        """Settings for the system under test; explicit overrides (not None) win."""
        values: dict[str, Any] = {
            "backend": self.backend, "model": self.model or None, "base_url": self.base_url or None,
            "model_path": self.model_path or None,
            "template": self.template, "prompts_dir": self.prompts_dir or None, "words": self.words,
            "audience": self.audience, "language": self.language, "max_attempts": self.max_attempts,
            "extractive_mode": self.extractive_mode,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return load_settings(**values)

    @property
    def dataset_path(self) -> Path:
        return Path(self.dataset)


def load_suite(path: str | Path) -> Suite:
    """Read and validate a suite file; raise :class:`ConfigError` naming the file and the problem."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"suite {path}: no such file; pass a suite such as evals/suites/dev.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"suite {path}{line}: not valid YAML ({getattr(exc, 'problem', exc)}); fix the file") from None
    if not isinstance(data, dict):
        raise ConfigError(f"suite {path}: expected a mapping of settings (dataset, backend, gates ...)")
    try:
        suite = Suite.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"suite {path}: {first_validation_error(exc)}; fix the suite") from None
    return _finish(suite, path)


def _finish(suite: Suite, path: Path) -> Suite:
    from .gates import check_gate_metrics

    names = [system.name for system in suite.systems]
    if len(names) != len(set(names)):
        raise ConfigError(f"suite {path}: systems need distinct names (got {', '.join(names)})")
    unknown = [s for s in suite.scorers if s not in SCORERS]
    if unknown:
        raise ConfigError(f"suite {path}: unknown scorer(s) {', '.join(unknown)}; use: {', '.join(SCORERS)}")
    check_gate_metrics(suite.gates, str(path))
    dataset = Path(suite.dataset)
    if not dataset.is_absolute():
        dataset = Path(os.path.normpath(path.parent / dataset))
    return suite.model_copy(update={"name": suite.name or path.stem, "dataset": str(dataset), "path": str(path)})
