"""Settings checked up front: config-file types, option ranges, URLs, keys, serve's port; one line each, exit 2."""

from __future__ import annotations

import socket

import pytest
from test_cli import assert_one_line_error, cli


@pytest.mark.parametrize("toml, key", [
    ('words = "abc"\n', "words"),
    ('timeout_s = "x"\n', "timeout_s"),
    ("max_retries = true\n", "max_retries"),
    ('[prices]\n"m" = [0.2]\n', "prices.m"),
    ('[prices]\n"m" = ["a", 1]\n', "prices.m"),
    ("prices = 5\n", "prices"),
])
def test_wrong_value_types_in_the_config_file_name_the_file_and_key(tmp_path, toml, key):
    config = tmp_path / "settings.toml"
    config.write_text(toml, encoding="utf-8")
    result = cli("brief", "--sample", env={"SUMMARISER_CONFIG": str(config)})
    assert_one_line_error(result, 2, str(config), f"{key} must be")


def test_good_config_file_values_are_used(tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text('words = 60\ntimeout_s = 30\nextractive_mode = "lead3"\n[prices]\n"m" = [0.2, 1]\n', encoding="utf-8")
    result = cli("brief", "--sample", "--format", "json", env={"SUMMARISER_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr.decode()
    assert "lead3" in result.stdout.decode()


@pytest.mark.parametrize("args, needle", [
    (("--max-retries", "-1"), "--max-retries must be 0 or more"),
    (("--timeout", "0"), "--timeout must be more than 0"),
    (("--timeout", "-3"), "--timeout must be more than 0"),
    (("--chunk-tokens", "-5"), "--chunk-tokens must be at least 200"),
    (("--chunk-tokens", "1"), "--chunk-tokens must be at least 200"),
    (("--max-output-tokens", "-1"), "--max-output-tokens must be at least 1"),
    (("--context-window", "-1"), "--context-window"),
    (("--mode", "bogus"), "unknown mode 'bogus'"),
])
def test_out_of_range_options_are_refused_before_any_model_call(fake_openai, args, needle):
    result = cli("brief", "--sample", "--base-url", fake_openai.base_url, *args)
    assert_one_line_error(result, 2, needle)
    assert fake_openai.requests == []


@pytest.mark.parametrize("url", ["notaurl", "ftp://example.com/v1", "http://", "http://host:99999/v1"])
def test_base_url_needs_an_http_scheme_and_a_host(url):
    assert_one_line_error(cli("brief", "--sample", "--base-url", url), 2, "--base-url", "http://127.0.0.1:8080/v1")


def test_mode_from_the_config_file_is_checked(tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text('extractive_mode = "bogus"\n', encoding="utf-8")
    assert_one_line_error(cli("brief", "--sample", env={"SUMMARISER_CONFIG": str(config)}), 2, "unknown mode 'bogus'")


@pytest.mark.parametrize("key", ["sk-test-key\n", "sk-test key", "sk-t\u00e9st-key"])
def test_api_key_with_whitespace_or_non_ascii_is_refused_without_printing_it(fake_openai, key):
    result = cli("brief", "--sample", "--base-url", fake_openai.base_url, env={"OPENAI_API_KEY": key})
    assert_one_line_error(result, 2, "OPENAI_API_KEY", "printable ASCII")
    assert "sk-t" not in result.stderr.decode() + result.stdout.decode()
    assert fake_openai.requests == []


def test_serve_checks_mode_and_port_before_starting():
    assert_one_line_error(cli("serve", "--mode", "bogus"), 2, "unknown mode 'bogus'")
    for port in ("-1", "0", "65536"):
        assert_one_line_error(cli("serve", "--port", port), 2, "--port must be between 1 and 65535")


def test_serve_on_a_port_in_use_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port))
    assert_one_line_error(result, 2, f"port {port} is in use", "--port")
    assert len(result.stderr.decode().splitlines()) == 1, result.stderr.decode()
