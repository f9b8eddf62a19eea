"""Reports: the terminal table and the self-contained HTML page with per-case drill-down."""

from __future__ import annotations

import json
import re

from summariser.evals.predictions import gold_brief
from summariser.evals.report import (
    article_views,
    count_text,
    format_value,
    interval_text,
    render_report,
    terminal_table,
    write_report,
)
from summariser.evals.runner import RunOptions, run_suite
from summariser.evals.store import RunDir
from summariser.evals.suite import load_suite
from summariser.core.schema import Evidence

from evalfix import STORY, gold_briefs, mini, story, write_predictions, write_suite  # noqa: F401  (fixtures)


def _run(tmp_path, write_suite, predictions=None, **suite):
    return run_suite(load_suite(write_suite(**suite)), RunOptions(out=tmp_path / "run", predictions=predictions, progress=False))


def test_terminal_table_lists_every_metric_with_its_gate(tmp_path, write_suite):
    result = _run(tmp_path, write_suite, gates={"min": {"stance_f1": 0.0}, "max_drop": {"rouge1": 0.1}})
    table = terminal_table(result.summary, result.run_dir.read_config(), "runs/x")
    lines = table.splitlines()
    assert lines[0].startswith("suite mini · extractive/extractive-central · 2 cases (0 failed) · runs/x")
    assert "95% interval" in lines[1]
    interval = r"\d\.\d{3}-\d\.\d{3}"  # two cases resampled: an interval for every metric with a value
    assert re.search(rf"^stance_f1\s+\d\.\d{{3}}\s+\d+ rows\s+{interval}\s+>= 0 pass$", table, re.M)  # pooled: n in rows
    assert re.search(rf"^stance_f1_macro\s+\d\.\d{{3}}\s+2 cases\s+{interval}$", table, re.M)
    assert re.search(r"^schema_valid\s+1\.000\s+2 cases\s+1\.000-1\.000$", table, re.M)
    assert "gate skipped: rouge1 max drop 0.1: skip (no baseline run given)" in table


def test_interval_text_shows_the_summary_interval_and_nothing_for_older_summaries():
    summary = {"intervals": {"stance_f1": [0.1403, 0.3205], "stance_kappa": None}}
    assert interval_text(summary, "stance_f1") == "0.140-0.321"
    assert interval_text(summary, "stance_kappa") == "" and interval_text({}, "stance_f1") == ""


def test_count_text_states_the_unit():
    summary = {"counts": {"stance_f1": 12, "rouge1": 1, "source_accuracy": 2}, "units": {"rouge1": "cases"}}
    assert count_text(summary, "stance_f1") == "12 rows"  # from the catalogue: a pooled metric
    assert count_text(summary, "rouge1") == "1 case" and count_text(summary, "source_accuracy") == "2 cases"


def test_format_value():
    assert format_value("stance_f1", 0.5) == "0.500"
    assert format_value("attempts", 2.0) == "2" and format_value("attempts", 1.5) == "1.50"
    assert format_value("cost_usd", 0.01234) == "$0.0123" and format_value("rouge1", None) == "n/a"


def test_html_is_self_contained_with_charts_and_drill_down(tmp_path, write_suite):
    result = _run(tmp_path, write_suite)
    html = result.run_dir.file("report.html").read_text(encoding="utf-8")
    assert "<script" not in html and not re.search(r"""(src|href)=["']https?://""", html)
    assert html.count("<svg") == 2 and 'id="case-harbour"' in html and 'id="case-library"' in html
    assert "Stance table: predicted" in html and "Stance table: gold" in html
    assert '<mark class="v">' in html  # extractive quotes are found in the article
    assert re.search(r'<td>stance_f1</td><td class="num">[\d.]+</td><td class="num">\d+ rows</td>', html)
    assert re.search(r'<td>schema_valid</td><td class="num">[\d.]+</td><td class="num">2 cases</td>\s*<td class="num">1.000-1.000</td>', html)
    assert "95% interval" in html


def test_html_marks_unverified_quotes_and_stance_disagreement(tmp_path, write_suite, write_predictions, gold_briefs):
    brief = gold_briefs["library"]
    invented = Evidence(quote="Closing on Sundays shuts out working families entirely", start=None, end=None, verified=False, match="none")
    rows = [brief.stance_table[0].model_copy(update={"stance": "against"}), brief.stance_table[1].model_copy(update={"evidence": [invented]})]
    briefs = {**gold_briefs, "library": brief.model_copy(update={"stance_table": rows})}
    html = render_report(_run(tmp_path, write_suite, write_predictions(briefs)).run_dir)
    assert '<mark class="u">' in html  # the invented quote is close to a real one: marked, not verified
    assert "✗ against" in html


def test_article_text_is_escaped(tmp_path, write_suite, write_predictions, gold_briefs):
    dataset = tmp_path / "evil.jsonl"
    dataset.write_text(json.dumps({"id": "harbour", "text": "Mayor <script>alert(1)</script> said: \"Yes we will\"."}) + "\n")
    result = _run(tmp_path, write_suite, dataset=str(dataset))
    html = result.run_dir.file("report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_report_without_the_dataset_still_renders(tmp_path, write_suite, mini):
    rd = _run(tmp_path, write_suite).run_dir
    config = rd.read_config()
    config["dataset"]["path"] = str(tmp_path / "moved.jsonl")
    rd.write_config(config)
    out = write_report(RunDir(rd.path), path=tmp_path / "again.html")
    assert "The dataset is not available" in out.read_text(encoding="utf-8")


def test_story_drill_down_shows_each_article_with_its_own_quotes(tmp_path, write_suite, write_predictions, story):
    case = story.cases[0]
    result = _run(tmp_path, write_suite, write_predictions({case.id: gold_brief(case)}), dataset=str(STORY))
    html = result.run_dir.file("report.html").read_text(encoding="utf-8")
    assert 'id="case-harbour-story-src-vote"' in html and 'id="case-harbour-story-src-court"' in html
    vote, court = html.split('id="case-harbour-story-src-court"')
    assert '<mark class="v">This harbour is our future.</mark>' in vote.split('src-vote"')[1]
    assert '<mark class="v">We will take this to the regional court</mark>' in court
    assert "[court]" in html  # the gold and predicted quotes name their source


def test_article_views_highlight_a_quote_only_in_the_source_it_names(story):
    case = story.cases[0]
    brief = gold_brief(case)
    row = brief.stance_table[2]
    claimed = row.evidence[0].model_copy(update={"source_id": "vote"})  # the quote is in "court"
    wrong = brief.model_copy(update={"stance_table": [row.model_copy(update={"evidence": [claimed]})], "summary": []})
    vote, court = article_views(case.id, case.documents(), wrong)
    assert not any(s.evidence_ids for s in court.segments) and not any(s.verified and s.evidence_ids for s in vote.segments)
    right = brief.model_copy(update={"stance_table": [row], "summary": []})
    assert [s.text for s in article_views(case.id, case.documents(), right)[1].segments if s.evidence_ids] == [row.evidence[0].quote]
