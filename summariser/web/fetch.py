"""Fetching article URLs for the web desk, guarded against server-side request forgery.

Every hop (the first URL and each redirect) is resolved with DNS first; if any address it
resolves to is private, loopback, link-local, multicast, reserved or otherwise not global, the
URL is refused unless the policy allows it. The connection then goes to the address that was
checked (no second lookup that a rebinding DNS server could answer differently). Each request
has a timeout, the whole fetch a deadline, and the body a size cap.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ..core.errors import InputError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "summariser/0.1 (+news briefs)"


class URLRefused(InputError):
    """The URL points at an address the policy does not allow."""


@dataclass(frozen=True)
class FetchPolicy:
    """What the desk may fetch. By default only public (global) addresses."""

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()  # CIDRs allowed even though not global, e.g. "127.0.0.1/32"
    timeout_s: float = 15.0  # per connect / read
    deadline_s: float = 30.0  # whole fetch, redirects included
    max_bytes: int = 5 * 2**20
    max_redirects: int = 5
    ports: tuple[int, ...] = field(default=())  # empty: any port

    def networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [ipaddress.ip_network(n, strict=False) for n in self.allowed_networks]


def address_allowed(ip: Address, policy: FetchPolicy) -> bool:
    """True when the policy lets the desk connect to ``ip``."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if policy.allow_private:
        return True
    if any(ip in net for net in policy.networks()):
        return True
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def resolve_allowed(host: str, port: int, policy: FetchPolicy) -> Address:
    """Resolve ``host`` and return an address to connect to; refuse if any address is not allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"{host}: cannot resolve the host name ({exc}); check the URL") from None
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    refused = [ip for ip in addresses if not address_allowed(ip, policy)]
    if refused or not addresses:
        bad = str(refused[0]) if refused else "nothing"
        where = host if bad == host else f"{host} resolves to {bad}, which"
        raise URLRefused(
            f"{where} is a private, loopback, link-local or reserved address; the desk only fetches public "
            "addresses (start it with --allow-private-urls to allow this)"
        )
    return addresses[0]


def fetch(url: str, policy: FetchPolicy | None = None) -> tuple[bytes, str, str]:
    """GET ``url`` under ``policy``, following redirects; return (body, content type, final URL)."""
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.deadline_s
    for _ in range(policy.max_redirects + 1):
        status, headers, body = _get_once(url, policy, deadline)
        if status in REDIRECTS and headers.get("location"):
            url = urljoin(url, headers["location"])
            continue
        if status != 200:
            raise InputError(f"{url}: the server answered HTTP {status}; check the address or paste the article text")
        return body, headers.get("content-type", "").lower(), url
    raise InputError(f"{url}: more than {policy.max_redirects} redirects; paste the article text instead")


def _target(url: str, policy: FetchPolicy) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: only http and https URLs can be fetched; check the address")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise InputError(f"{url}: the port is not valid; check the address") from None
    if policy.ports and port not in policy.ports:
        raise URLRefused(f"{url}: port {port} is not allowed; use a standard web address")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path


def _get_once(url: str, policy: FetchPolicy, deadline: float) -> tuple[int, dict[str, str], bytes]:
    scheme, host, port, path = _target(url, policy)
    ip = resolve_allowed(host, port, policy)
    conn = _connection(scheme, host, port, ip, _remaining(url, deadline, policy))
    try:
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain, */*;q=0.5"})
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        body = b"" if response.status in REDIRECTS else _read_capped(response, url, policy, deadline)
        return response.status, headers, body
    except (OSError, http.client.HTTPException) as exc:
        raise InputError(f"{url}: could not fetch ({type(exc).__name__}: {exc}); check the address or paste the text") from None
    finally:
        conn.close()


def _connection(scheme: str, host: str, port: int, ip: Address, timeout: float) -> http.client.HTTPConnection:
    """A connection to ``host`` whose socket goes to the already-checked address ``ip``."""
    if scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def pinned(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):  # type: ignore[attr-defined]
        return socket.create_connection((str(ip), address[1]), timeout, source_address)

    conn._create_connection = pinned  # type: ignore[attr-defined]
    return conn


def _remaining(url: str, deadline: float, policy: FetchPolicy) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise InputError(f"{url}: took longer than {policy.deadline_s:g} s; try again later or paste the article text")
    return min(policy.timeout_s, left)


def _read_capped(response: http.client.HTTPResponse, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    length = response.getheader("content-length")
    if length and length.isdigit() and int(length) > policy.max_bytes:
        raise InputError(f"{url}: larger than {policy.max_bytes // 1024} KiB; paste the article text instead")
    chunks: list[bytes] = []
    size = 0
    while True:
        _remaining(url, deadline, policy)
        chunk = response.read1(65536) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise InputError(f"{url}: larger than {policy.max_bytes // 1024} KiB; paste the article text instead")
        chunks.append(chunk)
