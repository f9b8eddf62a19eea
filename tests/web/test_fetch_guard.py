"""The URL fetcher refuses private, loopback, link-local, multicast and reserved addresses.

Refusals happen before any connection: only 127.0.0.1 (a server these tests start) is ever
contacted, and only where a test allows it explicitly.
"""

from __future__ import annotations

import ipaddress

import pytest

from summariser.core.errors import InputError
from summariser.web.fetch import FetchPolicy, URLRefused, address_allowed, fetch, resolve_allowed

REFUSED = [
    "127.0.0.1", "127.0.0.2", "10.0.0.1", "10.255.1.2", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
]


@pytest.mark.parametrize("address", REFUSED)
def test_non_public_addresses_are_refused_by_default(address):
    assert not address_allowed(ipaddress.ip_address(address), FetchPolicy())


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert address_allowed(ipaddress.ip_address(address), FetchPolicy())


def test_configuration_can_allow_private_addresses():
    assert address_allowed(ipaddress.ip_address("10.0.0.1"), FetchPolicy(allow_private=True))
    only_local = FetchPolicy(allowed_networks=("127.0.0.1/32",))
    assert address_allowed(ipaddress.ip_address("127.0.0.1"), only_local)
    assert not address_allowed(ipaddress.ip_address("127.0.0.2"), only_local)


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "localhost"])
def test_resolution_refuses_literals_and_names_of_private_addresses(host):
    with pytest.raises(URLRefused, match="--allow-private-urls"):
        resolve_allowed(host, 80, FetchPolicy())


def test_loopback_url_is_refused_without_contacting_it(article_server):
    with pytest.raises(URLRefused, match="127.0.0.1"):
        fetch(article_server.base + "/article")
    with pytest.raises(URLRefused):
        fetch(article_server.base.replace("127.0.0.1", "localhost") + "/article")
    assert article_server.hits == []


def test_allowed_local_fetch_follows_redirects(article_server):
    body, content_type, final = fetch(article_server.base + "/to-article", FetchPolicy(allowed_networks=("127.0.0.1/32",)))
    assert b"Council backs new bridge" in body
    assert content_type.startswith("text/html")
    assert final.endswith("/article")


@pytest.mark.parametrize("path", ["/to-loopback2", "/to-ipv6"])
def test_redirects_are_checked_again(article_server, path):
    with pytest.raises(URLRefused):
        fetch(article_server.base + path, FetchPolicy(allowed_networks=("127.0.0.1/32",)))
    assert article_server.hits == [path]


def test_size_cap_with_and_without_content_length(article_server):
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), max_bytes=10_000)
    with pytest.raises(InputError, match="larger than"):
        fetch(article_server.base + "/big", policy)
    with pytest.raises(InputError, match="larger than"):
        fetch(article_server.base + "/big-chunked", policy)


def test_timeout_ends_a_stalled_fetch(article_server):
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), timeout_s=0.3, deadline_s=5)
    with pytest.raises(InputError, match="could not fetch|longer than"):
        fetch(article_server.base + "/stall", policy)


def test_redirect_loops_and_http_errors_are_one_line_input_errors(article_server):
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), max_redirects=3)
    with pytest.raises(InputError, match="more than 3 redirects"):
        fetch(article_server.base + "/loop", policy)
    with pytest.raises(InputError, match="HTTP 410"):
        fetch(article_server.base + "/missing", policy)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt", "gopher://x/", "http:///nohost"])
def test_only_http_and_https(url):
    with pytest.raises(InputError, match="only http and https"):
        fetch(url)
