"""The command line: 'summariser eval SUITE', run/compare/report/meta, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from typer.testing import CliRunner

from summariser.cli import app, main

from evalfix import MINI as MINI_CASES
from evalfix import gold_briefs, mini, write_predictions, write_suite  # noqa: F401  (fixtures)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run the console entry point in-process (fast); returns returncode, stdout, stderr."""

    def run(*args):
        monkeypatch.setattr(sys, "argv", ["summariser", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code or 0
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return run


def test_eval_suite_end_to_end_in_a_subprocess(tmp_path, write_suite):
    result = subprocess.run([sys.executable, "-m", "summariser.cli", "eval", str(write_suite()), "--out", str(tmp_path / "run")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "stance_f1" in result.stdout
    # stderr is a pipe, not a terminal: progress is whole lines, no bar frames
    lines = result.stderr.splitlines()
    assert "\r" not in result.stderr and any(re.fullmatch(r"\S+: (\d+)/\1 cases", line) for line in lines), result.stderr


def _one_line_error(result, code, needle):
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and needle in errors[0], result.stderr


def test_eval_suite_runs_prints_table_and_passes_gates(cli, tmp_path, write_suite):
    suite = write_suite(gates={"min": {"schema_valid": 1.0}})
    result = cli("eval", suite, "--out", tmp_path / "run", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "schema_valid" in result.stdout and ">= 1 pass" in result.stdout
    assert f"run written to {tmp_path / 'run'}/" in result.stderr
    assert (tmp_path / "run" / "report.html").is_file()


def test_failed_gate_exits_6_with_one_line(cli, tmp_path, write_suite):
    suite = write_suite(gates={"min": {"stance_f1": 0.99}})
    result = cli("eval", "run", suite, "--out", tmp_path / "run", "--no-progress")
    _one_line_error(result, 6, "gate(s) failed: stance_f1")
    assert "stance_f1" in result.stdout  # the table is printed before the verdict


def test_max_drop_against_a_baseline_run(cli, tmp_path, write_suite, write_predictions, gold_briefs):
    suite = write_suite(gates={"max_drop": {"stance_f1": 0.05}})
    assert cli("eval", suite, "--predictions", write_predictions(gold_briefs), "--out", tmp_path / "gold", "--no-progress").returncode == 0
    result = cli("eval", suite, "--out", tmp_path / "run", "--baseline", tmp_path / "gold", "--no-progress")
    _one_line_error(result, 6, "stance_f1")
    assert "vs baseline 1.000" in result.stderr


def test_bad_inputs_are_one_line_errors(cli, tmp_path, write_suite):
    _one_line_error(cli("eval", tmp_path / "nope.yaml"), 2, "no such file")
    bad = tmp_path / "bad.yaml"
    bad.write_text("dataset: x.jsonl\ngates:\n  min: {stance_f2: 1}\n")
    _one_line_error(cli("eval", bad), 2, "gates.min.stance_f2: unknown metric")
    _one_line_error(cli("eval", write_suite(), "--predictions", tmp_path / "none.jsonl", "--out", tmp_path / "r"), 2, "no such file")


def test_compare_and_report_commands(cli, tmp_path, write_suite, write_predictions, gold_briefs):
    suite = write_suite()
    cli("eval", suite, "--out", tmp_path / "a", "--no-progress")
    cli("eval", suite, "--predictions", write_predictions(gold_briefs), "--out", tmp_path / "b", "--no-progress")
    text = cli("eval", "compare", tmp_path / "a", tmp_path / "b")
    assert text.returncode == 0 and "stance_f1" in text.stdout and "95% CI" in text.stdout
    data = json.loads(cli("eval", "compare", tmp_path / "a", tmp_path / "b", "--json").stdout)
    assert next(m for m in data["metrics"] if m["metric"] == "stance_f1")["b"] == 1.0
    report = cli("eval", "report", tmp_path / "a", "--html", tmp_path / "r.html")
    assert report.returncode == 0 and "schema_valid" in report.stdout and (tmp_path / "r.html").is_file()
    _one_line_error(cli("eval", "report", tmp_path), 2, "no summary.json")


def test_meta_is_delegated_with_its_arguments(monkeypatch):
    runner = CliRunner()
    seen = {}
    fake = type(sys)("fake_meta")

    def meta_command(limit: int = 0) -> None:
        seen["limit"] = limit

    fake.meta_command = meta_command
    monkeypatch.setitem(sys.modules, "summariser.evals.meta", fake)
    assert runner.invoke(app, ["eval", "meta", "--limit", "3"]).exit_code == 0 and seen == {"limit": 3}


def test_meta_runs_the_real_command(cli, tmp_path):
    _one_line_error(cli("eval", "meta", "--references", "median", "--summeval-dir", tmp_path), 2, "unknown --references 'median'")


def _no_retries(tmp_path):
    """A user config file with no client retries, so failures against a dead server are quick."""
    folder = tmp_path / "config" / "summariser"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text("max_retries = 0\n", encoding="utf-8")


def test_eval_against_a_dead_server_exits_3_saying_so(cli, tmp_path, write_suite):
    from fakes.fake_openai import FakeOpenAIServer

    _no_retries(tmp_path)
    with FakeOpenAIServer() as server:
        dead = server.base_url
    suite = write_suite(backend="openai", model="fake-model", gates={"min": {"schema_valid": 1.0, "stance_f1": 0.1}})
    result = cli("eval", suite, "--base-url", dead, "--out", tmp_path / "run", "--no-progress")
    _one_line_error(result, 3, f"could not connect to {dead}")
    assert "gate" not in result.stderr


def test_judge_failures_are_a_warning_line_and_all_failed_exits_non_zero(cli, tmp_path, write_suite):
    from fakes.fake_openai import FakeOpenAIServer, Reply

    with FakeOpenAIServer(lambda body: Reply(content="no json")) as judge_server:
        suite = write_suite(judge={"model": "judge-model", "base_url": judge_server.base_url, "max_attempts": 1})
        result = cli("eval", suite, "--out", tmp_path / "run", "--no-progress", "--no-cache")
    assert "summariser: warning: judge failed on 2 of 2 cases: " in result.stderr
    _one_line_error(result, 4, "the judge failed on all 2 cases")
    assert "schema_valid" in result.stdout  # the table is printed before the verdict


@pytest.mark.parametrize("content, needle", [
    ("{}", "summary.json: not a run summary (cases: Field required"),
    ('{"cases": 2, "failed": 0, "metrics": {"stance_f1": "high"}, "counts": {}}', "(metrics.stance_f1: Input should be a valid number"),
    ("[]", "summary.json: not a run summary (not a JSON object)"),
    ('{"cases": 2}', "summary.json: not a run summary (failed: Field required"),
])
def test_report_and_compare_on_a_damaged_summary_are_one_line_errors(cli, tmp_path, write_suite, content, needle):
    suite = write_suite()
    cli("eval", suite, "--out", tmp_path / "a", "--no-progress")
    cli("eval", suite, "--out", tmp_path / "b", "--no-progress")
    (tmp_path / "b" / "summary.json").write_text(content, encoding="utf-8")
    report = cli("eval", "report", tmp_path / "b")
    _one_line_error(report, 2, needle)
    assert f"{tmp_path / 'b' / 'summary.json'}" in report.stderr and "--out" in report.stderr
    _one_line_error(cli("eval", "compare", tmp_path / "a", tmp_path / "b"), 2, needle)


def test_report_on_a_damaged_config_or_cases_file_is_a_one_line_error(cli, tmp_path, write_suite):
    cli("eval", write_suite(), "--out", tmp_path / "a", "--no-progress")
    config = tmp_path / "a" / "config.json"
    saved = config.read_text(encoding="utf-8")
    config.write_text('{"system": {}}', encoding="utf-8")
    _one_line_error(cli("eval", "report", tmp_path / "a"), 2, "config.json: not a run configuration")
    config.write_text(saved, encoding="utf-8")
    (tmp_path / "a" / "cases.jsonl").write_bytes(b"\xff\xfe not text\n")
    _one_line_error(cli("eval", "report", tmp_path / "a"), 2, "cases.jsonl: not UTF-8 text")


def test_a_bad_baseline_is_refused_before_any_case_runs(cli, tmp_path, write_suite):
    suite = write_suite(gates={"max_drop": {"stance_f1": 0.05}})
    (tmp_path / "empty").mkdir()
    result = cli("eval", suite, "--out", tmp_path / "run", "--baseline", tmp_path / "empty", "--no-progress")
    _one_line_error(result, 2, f"--baseline {tmp_path / 'empty'}: no summary.json")
    assert not (tmp_path / "run").exists()
    (tmp_path / "empty" / "summary.json").write_text("{}", encoding="utf-8")
    result = cli("eval", suite, "--out", tmp_path / "run", "--baseline", tmp_path / "empty", "--no-progress")
    _one_line_error(result, 2, "summary.json: not a run summary")
    assert not (tmp_path / "run").exists()


def test_a_baseline_of_another_dataset_is_refused(cli, tmp_path, write_suite):
    other = tmp_path / "other.jsonl"
    lines = MINI_CASES.read_text(encoding="utf-8").splitlines()
    other.write_text(lines[1] + "\n", encoding="utf-8")  # one case of the mini set: another dataset
    assert cli("eval", write_suite("other", dataset=str(other)), "--out", tmp_path / "base", "--no-progress").returncode == 0
    result = cli("eval", write_suite(), "--out", tmp_path / "run", "--baseline", tmp_path / "base", "--no-progress")
    _one_line_error(result, 2, f"--baseline {tmp_path / 'base'} was run on another dataset")
    assert not (tmp_path / "run").exists()


def test_compare_refuses_a_baseline_run_of_another_dataset(cli, tmp_path, write_suite):
    other = tmp_path / "other.jsonl"
    other.write_text(MINI_CASES.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    assert cli("eval", write_suite("other", dataset=str(other)), "--out", tmp_path / "a", "--no-progress").returncode == 0
    assert cli("eval", write_suite(), "--out", tmp_path / "b", "--no-progress").returncode == 0
    _one_line_error(cli("eval", "compare", tmp_path / "a", tmp_path / "b"), 2, "was run on another dataset")
    _one_line_error(cli("eval", "compare", tmp_path / "a", tmp_path / "b", "--tolerance", "0.05"), 2, "add --splits")
    splits = cli("eval", "compare", tmp_path / "a", tmp_path / "b", "--splits", "--tolerance", "0.05")
    assert splits.returncode == 0 and "two splits, unpaired" in splits.stdout  # two splits: compared, not refused
    assert re.search(r"^rougeLsum .* 1\+2 cases", splits.stdout, re.M)
