"""The command line as a user runs it: real process, real exit codes, stderr one-liners."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from summariser.core.schema import Brief
from fakes.fake_openai import Reply

from testkit import ARTICLE, draft

from testkit import ROOT, SAMPLE


def cli(*args: str, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "summariser", *args], input=stdin, capture_output=True, env=full_env, timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, code: int, *needles: str) -> None:
    err = result.stderr.decode()
    assert result.returncode == code, err
    assert "Traceback" not in err
    error_lines = [line for line in err.splitlines() if "error" in line]
    assert len(error_lines) == 1, err
    for needle in needles:
        assert needle in error_lines[0]


def test_sample_brief_offline_is_markdown_with_a_stance_table():
    result = cli("brief", "--sample")
    out, err = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, err
    assert "offline extractive engine" in err
    assert out.startswith("# US President Trump announces troop withdrawal from Syria")
    assert "## Who stands where" in out and "| Actor | Role | Stance |" in out
    assert "Kino Gabriel" in out and "\u2713" in out


def test_json_output_validates_and_verified_quotes_are_exact(tmp_path):
    result = cli("brief", str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    brief = Brief.model_validate_json(result.stdout)
    text = SAMPLE.read_text(encoding="utf-8")
    assert brief.stance_table
    for evidence in brief.evidence():
        if evidence.verified:
            assert text[evidence.start:evidence.end] == evidence.quote


def test_schema_command_prints_the_output_schema():
    result = cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Brief"
    assert set(schema["required"]) >= {"headline", "summary", "stance_table", "what_to_watch", "meta"}
    draft_schema = json.loads(cli("schema", "--draft").stdout)
    assert "start" not in json.dumps(draft_schema["$defs"]["DraftStanceRow"])


def test_output_file_is_written_and_html_escapes_the_article(tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text(ARTICLE + "\nThe spokesman said \u201c<script>alert(1)</script> is fine by us\u201d.\n", encoding="utf-8")
    out = tmp_path / "brief.html"
    result = cli("brief", str(article), "--format", "html", "--output", str(out))
    assert result.returncode == 0, result.stderr.decode()
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not list(tmp_path.glob(".brief.html.*"))
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_stdin_input():
    result = cli("brief", "-", "--format", "json", stdin=ARTICLE.encode())
    assert result.returncode == 0, result.stderr.decode()
    assert Brief.model_validate_json(result.stdout).meta.sources[0].id == "stdin"


def test_missing_file(tmp_path):
    assert_one_line_error(cli("brief", str(tmp_path / "nope.txt")), 2, "nope.txt", "no such file")


def test_file_and_other_urls_say_they_are_not_supported():
    for url, scheme in [("file:///etc/passwd", "file:"), ("ftp://example.org/a.txt", "ftp:")]:
        result = cli("brief", url)
        assert_one_line_error(result, 2, scheme, "URLs are not supported")
        assert b"root:" not in result.stdout + result.stderr


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n")
    assert_one_line_error(cli("brief", str(tmp_path / "empty.txt")), 2, "empty.txt", "is empty")


def test_binary_file(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 10)
    assert_one_line_error(cli("brief", str(tmp_path / "photo.jpg")), 2, "photo.jpg", "binary")


def test_undecodable_file_names_the_fix(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 news: the minister said \u00abnon\u00bb.".encode("latin-1"))
    assert_one_line_error(cli("brief", str(tmp_path / "latin.txt")), 2, "latin.txt", "--encoding")
    ok = cli("brief", str(tmp_path / "latin.txt"), "--encoding", "latin-1")
    assert ok.returncode == 0, ok.stderr.decode()


def test_no_input_and_bad_options():
    assert_one_line_error(cli("brief"), 1, "--sample")
    assert_one_line_error(cli("brief", "--sample", "--format", "pdf"), 2, "markdown, json, html")
    assert_one_line_error(cli("brief", "--sample", "--backend", "magic"), 2, "extractive")


def test_no_command_shows_usage_and_exits_1_as_a_usage_error():
    result = cli()
    assert result.returncode == 1 and "Traceback" not in result.stderr.decode()
    assert "brief" in result.stdout.decode() + result.stderr.decode()
    assert_one_line_error(cli("nonsense"), 1, "No such command 'nonsense'", "summariser --help")


def test_option_parsing_errors_are_one_line_usage_errors():
    for args, needle in ((("--concurrency", "x"), "--concurrency"), (("--bogus",), "No such option: --bogus")):
        result = cli("brief", "--sample", *args)
        assert_one_line_error(result, 1, needle, "summariser brief --help")
        assert len(result.stderr.decode().splitlines()) == 1, result.stderr.decode()


def test_internal_error_names_the_way_to_see_the_traceback(monkeypatch, capsys):
    from summariser import cli as cli_module

    def broken(**_):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "app", broken)
    monkeypatch.delenv("SUMMARISER_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    err = capsys.readouterr().err
    assert exit_info.value.code == 70
    assert "internal error: RuntimeError: boom" in err and "SUMMARISER_DEBUG=1" in err and "-v" not in err
    monkeypatch.setenv("SUMMARISER_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli_module.main()


def test_openai_backend_without_key_or_server_names_the_fix():
    assert_one_line_error(cli("brief", "--sample", "--backend", "openai"), 2, "OPENAI_API_KEY", "--base-url")


def test_context_too_small_for_any_chunk_is_an_input_error(fake_openai):
    result = cli("brief", str(SAMPLE), "--base-url", fake_openai.base_url, "--model", "small-model", "--context-window", "1000")
    assert_one_line_error(result, 2, "syria-withdrawal.txt", "context of 1000", "--max-output-tokens")
    assert fake_openai.requests == []


def test_model_brief_through_the_cli(fake_openai, tmp_path):
    article = tmp_path / "kato.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    fake_openai.push(Reply.json(draft()))
    result = cli("brief", str(article), "--base-url", fake_openai.base_url, "--model", "gpt-4o-mini", "-v", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    brief = Brief.model_validate_json(result.stdout)
    assert brief.meta.backend == "openai" and brief.meta.model == "gpt-4o-mini"
    assert "prompt_tokens=100" in result.stderr.decode()


def test_persistent_5xx_exits_non_zero_with_one_line(fake_openai, tmp_path):
    fake_openai.push(*(Reply.error(503) for _ in range(5)))
    result = cli("brief", str(SAMPLE), "--base-url", fake_openai.base_url, "--max-retries", "1")
    assert_one_line_error(result, 3, "HTTP 503")
    assert result.stdout == b""


def test_unverified_quotes_are_marked_in_markdown(fake_openai, tmp_path):
    article = tmp_path / "kato.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    invented = "We will double the budget by next spring, no matter what"
    fake_openai.push(Reply.json(draft(quote_kato=invented)), Reply.json(draft(quote_kato=invented)))
    result = cli("brief", str(article), "--base-url", fake_openai.base_url, "--max-attempts", "2")
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    line = next(line for line in out.splitlines() if invented in line)
    assert "\u26a0 unverified" in line and "not in source" in line
    assert "could not be verified" in result.stderr.decode()


def test_api_key_never_printed(fake_openai):
    secret = "sk-live-TOPSECRET-abcdef"
    fake_openai.push(*(Reply.error(500) for _ in range(2)))
    result = cli("brief", str(SAMPLE), "--base-url", fake_openai.base_url, "--max-retries", "1", "-v",
                 env={"OPENAI_API_KEY": secret})
    assert result.returncode == 3
    assert secret not in result.stderr.decode() + result.stdout.decode()


def test_prompts_commands():
    listed = cli("prompts", "list").stdout.decode()
    assert listed.startswith("brief\t")
    shown = cli("prompts", "show", "brief").stdout.decode()
    assert "----- brief/system.j2 -----" in shown and "{{ article }}" in shown
    rendered = cli("prompts", "render", "brief", "--words", "80", "--language", "French").stdout.decode()
    assert "Write the brief in French" in rendered and "about 80 words" in rendered
    assert "Kino Gabriel" in rendered
    assert_one_line_error(cli("prompts", "show", "nope"), 2, "nope", "available: brief")


def test_text_command_prints_what_offsets_refer_to(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T</title></head><body><nav>Home | World</nav><article><h1>Talks stall</h1>"
        + "<p>The minister said the talks had stalled after a long night of negotiations in the capital.</p>" * 3
        + "</article><footer>Copyright</footer></body></html>", encoding="utf-8",
    )
    out = cli("text", str(page)).stdout.decode()
    assert "talks had stalled" in out and "<p>" not in out and "Home | World" not in out


def test_html_gives_every_quote_a_link_target_even_when_two_quote_the_same_words():
    from summariser.ingest.documents import document_from_text
    from summariser.render.html import evidence_ids, highlight_segments, render_html
    from summariser.core.schema import Evidence

    text = "Intro line. \u201cThe strike will go on,\u201d said Mara Quint. Talks resume."
    start = text.index("The strike")
    same = [Evidence(quote="The strike will go on", start=start, end=start + 21, verified=True, match="exact")
            for _ in range(2)]
    segments = highlight_segments(text, [("e1", same[0]), ("e2", same[1])])
    assert [s.anchors for s in segments if s.evidence_ids] == [["e1", "e2"]]
    brief = Brief.model_validate({
        "headline": "Strike", "summary": [{"text": "The strike goes on.", "evidence": [same[0].model_dump()]}],
        "stance_table": [{"actor": "Mara Quint", "role": "", "target": "The strike", "stance": "favor",
                          "evidence": [same[1].model_dump()]}],
        "what_to_watch": [], "meta": {"backend": "extractive", "model": "m"},
    })
    html = render_html(brief, [document_from_text(text)])
    for eid, _ in evidence_ids(brief):
        assert f'id="{eid}"' in html


def test_unwritable_output_paths_fail_up_front_with_one_line(fake_openai, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    server = ("--base-url", fake_openai.base_url)
    cases = (
        (("-o", str(blocker / "out.json")), "out.json"),
        (("-o", str(folder)), "is a directory"),
        (("--jsonl-out", str(blocker / "o.jsonl")), "o.jsonl"),
        (("--jsonl-out", str(folder)), "is a directory"),
        (("--output-dir", str(blocker / "briefs")), "briefs"),
        (("--output-dir", str(blocker)), "not a directory"),
    )
    for args, needle in cases:
        result = cli("brief", "--sample", *server, *args)
        assert_one_line_error(result, 2, needle, "cannot write", "pass a writable path")
    assert fake_openai.requests == []  # checked before any model call
    assert list(folder.iterdir()) == []


def test_proc_output_path_is_an_input_error():
    assert_one_line_error(cli("brief", "--sample", "-o", "/proc/x/out.json"), 2, "/proc/x/out.json", "cannot write")


def test_eval_output_paths_that_cannot_be_written_are_one_line_errors(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    suite = str(ROOT / "evals" / "suites" / "dev.yaml")
    assert_one_line_error(cli("eval", suite, "--out", str(blocker / "run"), "--no-progress"), 2, str(blocker))
    run_dir = tmp_path / "run"
    assert cli("eval", suite, "--out", str(run_dir), "--no-progress").returncode == 0
    assert_one_line_error(cli("eval", "report", str(run_dir), "--html", str(blocker / "r.html")), 2, str(blocker))


def test_missing_prompts_folder_is_named(fake_openai):
    for args in (("prompts", "list"), ("prompts", "show"), ("brief", "--sample", "--base-url", fake_openai.base_url)):
        result = cli(*args, "--prompts-dir", "nosuch")
        assert_one_line_error(result, 2, "prompts folder nosuch", "--prompts-dir")
    assert fake_openai.requests == []


def test_cache_commands_on_an_unusable_path_are_errors(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for command in ("info", "clear"):
        for path, needle in ((blocker / "c.sqlite3", "cannot write"), (tmp_path, "is a directory")):
            assert_one_line_error(cli("cache", command, "--cache-path", str(path)), 2, str(path), needle)
    fine = cli("cache", "info", "--cache-path", str(tmp_path / "new" / "c.sqlite3"))
    assert fine.returncode == 0 and "0 answer(s)" in fine.stdout.decode()
    assert not (tmp_path / "new").exists()


def test_html_with_no_article_text_is_one_line_without_the_extractors_notes(tmp_path):
    page = tmp_path / "blank.html"
    page.write_text("<html><body><div></div></body></html>", encoding="utf-8")
    result = cli("brief", str(page))
    err = result.stderr.decode()
    assert result.returncode == 2 and "no article text found" in err
    assert "trafilatura" not in err and "Traceback" not in err


def test_brief_help_groups_every_option_into_a_panel():
    import typer as typer_module

    from summariser.cli import app

    brief_command = typer_module.main.get_command(app).commands["brief"]
    panels = {p.name: getattr(p, "rich_help_panel", None) for p in brief_command.params if p.name != "help"}
    panels.pop("sources")  # the argument
    assert set(panels.values()) == {"Input", "Output", "Model", "Style", "Long articles", "Batch"}, panels
    result = cli("brief", "--help", env={"COLUMNS": "100", "TERMINAL_WIDTH": "100"})
    shown = result.stdout.decode()
    assert result.returncode == 0
    for panel in ("Input", "Output", "Model", "Style", "Long articles", "Batch"):
        assert f"─ {panel} ─" in shown
    assert len(shown.splitlines()) <= 66
