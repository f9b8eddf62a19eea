"""Fetching an article by URL: a GET with a timeout and a size cap (the HTTP stack loads on first use)."""

from __future__ import annotations

from ..core.errors import InputError
from .documents import MAX_INPUT_BYTES

__all__ = ["URL_TIMEOUT_S", "fetch_url"]

URL_TIMEOUT_S = 20.0


def fetch_url(url: str, *, timeout: float = URL_TIMEOUT_S, max_bytes: int = MAX_INPUT_BYTES) -> tuple[bytes, str]:
    """GET a URL with a timeout and a size cap; return (body, content type)."""
    import urllib.error
    import urllib.request  # the HTTP stack loads only when a URL is fetched

    request = urllib.request.Request(url, headers={"User-Agent": "summariser/0.1 (+news briefs)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered HTTP {exc.code}; check the address or save the page and pass the file") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: could not fetch ({reason}); check the address or save the page and pass the file") from None
    if len(body) > max_bytes:
        raise InputError(f"{url}: larger than {max_bytes // 2**20} MiB; save the article text and pass that")
    return body, content_type.lower()
