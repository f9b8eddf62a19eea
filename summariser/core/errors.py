"""One error tree. Each class says what the caller should do; the CLI maps them to exit codes.

Messages are one line, name the fix, and never contain an API key.
"""

from __future__ import annotations

from typing import Any


class SummariserError(Exception):
    """Base class for every error the tool raises on purpose."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(SummariserError):
    """The configuration is missing or wrong: fix a flag, variable or config file."""

    exit_code = 2


class InputError(SummariserError):
    """An input cannot be used as given: fix or replace the input."""

    exit_code = 2


class InputTooLongError(InputError):
    """The input does not fit the model's context window."""


class ModelError(SummariserError):
    """The model backend failed; retrying later or fixing the server may help."""

    exit_code = 3


class ModelConnectionError(ModelError):
    """The server could not be reached or did not answer in time (after the client's retries)."""


class ModelRateLimitError(ModelError):
    """The server kept answering 429 after the client's retries."""


class ModelServerError(ModelError):
    """The server kept answering 5xx after the client's retries."""


class ModelRequestError(ModelError):
    """The server rejected the request (4xx): wrong model name, unsupported option, bad key."""


class OutputValidationError(SummariserError):
    """The model never produced output that passes validation within the allowed attempts."""

    exit_code = 4

    def __init__(self, message: str, *, attempts: int, usage: Any = None, last_error: str = "") -> None:
        super().__init__(message)
        self.attempts = attempts
        self.usage = usage
        self.last_error = last_error


class BudgetExceededError(SummariserError):
    """A run reached its --max-cost or --max-tokens budget."""

    exit_code = 5


class GateFailedError(SummariserError):
    """An evaluation run missed a quality gate of its suite (minimum value or maximum drop)."""

    exit_code = 6
