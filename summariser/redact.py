"""Keep secrets out of what users see: error messages, logs, reports."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

REDACTED = "[redacted]"


def redact_url(url: str) -> str:
    """A URL without user name and password."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def scrub(text: str, *secrets: str) -> str:
    """``text`` with every secret (API keys, URL passwords) of four or more characters replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return text


def url_secrets(url: str) -> tuple[str, ...]:
    """The user name and password in ``url``, if any (to scrub them from messages)."""
    parts = urlsplit(url or "")
    return tuple(s for s in (parts.password, parts.username) if s)
