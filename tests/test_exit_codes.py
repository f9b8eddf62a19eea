"""One exit-code rule for option values, checked for every option with a range and against the README's table.

A value the command line cannot parse is a usage error (exit 1); a parsed value the option does not
allow is a bad value (exit 2), the same as that setting in a config file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from test_cli import assert_one_line_error, cli

from summariser.cli import app
from summariser.cli_options import option_range
from summariser.service.settings import Range

README = Path(__file__).resolve().parents[1] / "README.md"
CANDIDATES = (-1, 0, 5, 9, 199, 1023, 65536)


def ranged_options() -> dict[tuple[str, str], Range]:
    """(command path, option) -> range, for every option of every command that checks a range."""
    found: dict[tuple[str, str], Range] = {}

    def walk(command, path: tuple[str, ...]) -> None:
        for param in command.params:
            allowed = option_range(param)
            if allowed is not None:
                found[(" ".join(path), allowed.option)] = allowed
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    from summariser.evals.meta import meta_command  # 'eval meta' hands its arguments to this command (scipy loads late)

    single = typer.Typer()
    single.command()(meta_command)
    walk(typer.main.get_command(single), ("eval", "meta"))
    return found


def readme_ranges() -> set[tuple[str, str]]:
    """(command, option) pairs from the README's table of options with a range."""
    rows = re.findall(r"^\| `(--[a-z-]+)` \| ([a-z ,]+) \| [^|]+ \|$", README.read_text(encoding="utf-8"), re.M)
    return {(command.strip(), option) for option, commands in rows for command in commands.split(",")}


def bad_value(allowed: Range) -> int:
    return next(v for v in CANDIDATES if not allowed.ok(v))


RANGED = ranged_options()


def test_every_option_with_a_range_is_in_the_readme_table_and_nothing_else_is():
    assert len(RANGED) >= 19
    assert readme_ranges() == set(RANGED)


@pytest.mark.parametrize("command, option", sorted(RANGED), ids=lambda x: x)
def test_a_value_outside_an_options_range_is_a_bad_value_exit_2(command, option):
    allowed = RANGED[(command, option)]
    value = bad_value(allowed)
    result = cli(*command.split(), option, str(value))
    assert_one_line_error(result, 2, f"{option} must be {allowed.rule}")


@pytest.mark.parametrize("args", [("brief", "--sample", "--words", "abc"), ("brief", "--sample", "--concurrency", "many"),
                                  ("serve", "--port", "http")])
def test_a_value_that_does_not_parse_is_a_usage_error_exit_1(args):
    assert_one_line_error(cli(*args), 1, args[-2], "--help")


def test_the_same_range_in_a_config_file_is_a_bad_value_too(tmp_path):
    config = tmp_path / "settings.toml"
    config.write_text("words = 5\n", encoding="utf-8")
    assert_one_line_error(cli("brief", "--sample", env={"SUMMARISER_CONFIG": str(config)}), 2, "--words", "at least 10")


def test_an_unknown_format_is_a_bad_value():
    assert_one_line_error(cli("brief", "--sample", "--format", "pdf"), 2, "markdown, json, html")
