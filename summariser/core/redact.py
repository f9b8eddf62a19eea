"""Keep secrets out of what users see: error messages, logs, reports."""

from __future__ import annotations

import base64
import re
from urllib.parse import unquote, urlsplit, urlunsplit

REDACTED = "[redacted]"


def redact_url(url: str) -> str:
    """A URL without user name and password."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # IPv6
    netloc = host + (f":{parts.port}" if parts.port is not None else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def without_credentials(text: str) -> str:
    """``text`` (a URL, even a malformed one) without any ``user:password@`` part."""
    return re.sub(r"(?<=//)[^/@\s]*@", "", text)


def scrub(text: str, *secrets: str) -> str:
    """``text`` with every secret (API keys, URL passwords) of four or more characters replaced."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return text


def url_secrets(url: str) -> tuple[str, ...]:
    """The user name and password in ``url``, if any, as written, decoded, and as the Basic auth
    header carries them (to scrub them from messages a server may echo)."""
    parts = urlsplit(url or "")
    if not parts.username and not parts.password:
        return ()
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    basic = base64.b64encode(f"{user}:{password}".encode()).decode()
    return tuple(s for s in (basic, parts.password, password, parts.username, user) if s)
