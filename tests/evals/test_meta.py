"""Meta-evaluation: correlation code on synthetic data with known answers, then a smoke test on SummEval."""

from __future__ import annotations

import json
import math

import pytest
from rouge_score import rouge_scorer

from summariser.core.errors import ConfigError, InputError
from summariser.evals import meta

from testkit import shared_path


def synthetic_doc(doc_id: str, human: list[float], summaries: list[str], reference: str = "the cat sat on the mat .") -> dict:
    """A SummEval-shaped document: one summary per system, all four dimensions scored the same."""
    return {
        "doc_id": doc_id, "src": "the cat sat on the mat . it was warm .", "ref_summs": [reference, reference],
        "sys_summs": {
            f"M{i}": {"sys_summ": text, "scores": {d: h for d in meta.DIMENSIONS}}
            for i, (text, h) in enumerate(zip(summaries, human))
        },
    }


def test_perfectly_monotone_scores_give_rho_and_tau_one():
    metric = [[1, 2, 3, 4], [0.1, 0.5, 0.7, 0.9]]
    human = [[2, 3, 4, 5], [1, 2, 3, 4]]
    assert meta.summary_level(metric, human, "spearman") == (1.0, 2)
    assert meta.summary_level(metric, human, "kendall") == (1.0, 2)


def test_reversed_scores_give_minus_one():
    rho, n = meta.summary_level([[1, 2, 3]], [[3, 2, 1]], "spearman")
    assert rho == -1.0 and n == 1


def test_summary_level_averages_per_document_correlations():
    metric = [[1, 2, 3, 4], [1, 2, 3, 4]]
    human = [[1, 2, 3, 4], [4, 3, 2, 1]]  # +1 and -1
    assert meta.summary_level(metric, human, "spearman") == (0.0, 2)
    tau_b = [[1, 2, 3, 4]], [[1, 3, 2, 4]]  # one discordant pair of six: (5 - 1) / 6
    assert meta.summary_level(*tau_b, "kendall")[0] == pytest.approx(4 / 6)


def test_constant_documents_are_skipped_as_in_geval():
    metric = [[1, 2, 3], [5, 5, 5], [1, 2, 3]]
    human = [[1, 2, 3], [1, 2, 3], [2, 2, 2]]
    assert meta.summary_level(metric, human, "spearman") == (1.0, 1)
    rho, n = meta.summary_level([[1, 1]], [[1, 2]], "spearman")
    assert n == 0 and math.isnan(rho)


def test_unknown_correlation_is_a_config_error():
    with pytest.raises(ConfigError, match="use spearman or kendall"):
        meta.correlation("pearson")


def test_meta_evaluate_on_synthetic_docs_recovers_a_monotone_metric():
    summaries = ["dog", "the cat", "the cat sat", "the cat sat on the mat ."]
    docs = [synthetic_doc("a", [1, 2, 3, 4], summaries), synthetic_doc("b", [1.5, 2, 2.5, 5], summaries)]
    table = meta.meta_evaluate(meta.score_documents(docs, "first"))
    for metric in ("rouge1", "length"):
        cell = table[metric]["relevance"]
        assert (cell.spearman, cell.kendall, cell.docs) == (1.0, 1.0, 2)


def test_rouge_matches_rouge_score_and_aggregates_references():
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    refs = ["the cat sat on the mat .", "a dog ran in the park ."]
    summary = "the cats sat in the park ."
    per_ref = [scorer.score(r, summary) for r in refs]
    for mode, pick in (("first", lambda xs: xs[0]), ("max", max), ("mean", lambda xs: sum(xs) / len(xs))):
        ours = meta.rouge_f1(summary, refs, mode)
        for name in ("rouge1", "rouge2", "rougeL"):
            assert ours[name] == pytest.approx(pick([s[name].fmeasure for s in per_ref]))


def test_tokenized_sentences_split_for_rouge_lsum():
    text = "He said : ` i 'll go . ' But she stayed . Why ? Nobody knows"
    assert meta.split_tokenized(text) == ["He said : ` i 'll go . '", "But she stayed .", "Why ?", "Nobody knows"]


def test_cheap_metrics_on_a_copied_and_an_invented_sentence():
    scores = meta.cheap_metrics("The cat sat on the mat . Dogs fly .", "the cat sat on the mat . it was warm .")
    assert scores["length"] == 8
    assert scores["verbatim_sents"] == 0.5
    assert scores["src_bigram_prec"] == pytest.approx(5 / 7)


def test_missing_data_is_a_one_line_input_error_naming_the_flag(tmp_path):
    with pytest.raises(InputError) as raised:
        meta.load_summeval(tmp_path)
    assert "--summeval-dir" in str(raised.value) and "\n" not in str(raised.value)


def test_data_folder_comes_from_the_environment_and_the_error_says_where_data_comes_from(tmp_path, monkeypatch):
    monkeypatch.setenv(meta.SUMMEVAL_ENV, str(tmp_path))
    assert meta.default_summeval_dir() == tmp_path
    with pytest.raises(InputError) as raised:
        meta.load_summeval(meta.default_summeval_dir())
    assert meta.SUMMEVAL_ENV in str(raised.value) and "SummEval" in str(raised.value)


def test_scoring_progress_is_whole_lines_when_stderr_is_not_a_terminal(capsys):
    docs = [synthetic_doc(str(i), [1, 2, 3, 4], ["a", "a b", "a b c", "a b c d ."]) for i in range(20)]
    meta.score_documents(docs, show_progress=True)
    err = capsys.readouterr().err
    assert "\r" not in err
    lines = err.splitlines()
    assert lines[-1] == "scoring SummEval: 20/20 docs" and 5 <= len(lines) <= 11


def test_unknown_reference_mode_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="--references"):
        meta.run_meta(tmp_path, "all")


def test_table_and_json_show_published_figures_beside_ours():
    docs = [synthetic_doc("a", [1, 2, 3, 4], ["dog", "the cat", "the cat sat", "the cat sat on the mat ."])]
    table = meta.meta_evaluate(meta.score_documents(docs))
    text = meta.format_table(table, n_docs=1, reference_mode="mean")
    assert "G-Eval rougeL" in text and "0.311" in text
    lines = text.splitlines()
    ours = next(i for i, line in enumerate(lines) if line.startswith("rougeLsum "))
    assert lines[ours + 1].lstrip().startswith("reference: G-Eval rougeL")
    assert lines[ours + 2].lstrip().startswith("ours - reference")
    relevance = table["rougeLsum"]["relevance"].spearman
    assert f"{relevance - 0.311:+.3f}" in lines[ours + 2]
    data = json.loads(meta.to_json(table, n_docs=1, reference_mode="mean"))
    assert data["published_geval_table1"]["spearman"]["rougeL"] == [0.128, 0.115, 0.105, 0.311]
    assert data["results"]["rouge1"]["relevance"]["spearman"] == 1.0


def test_smoke_on_real_summeval_docs():
    folder = shared_path("data", "summeval")
    table, n = meta.run_meta(folder, "first", limit=5)
    assert n == 5
    for metric in (*meta.ROUGE_TYPES, *meta.CHEAP_METRICS):
        for cell in table[metric].values():
            assert -1.0 <= cell.spearman <= 1.0 and -1.0 <= cell.kendall <= 1.0 and 0 < cell.docs <= 5


def test_meta_command_runs_under_typer_on_a_synthetic_folder(tmp_path):
    import typer
    from typer.testing import CliRunner

    summaries = ["dog", "the cat", "the cat sat", "the cat sat on the mat ."]
    docs = [synthetic_doc("a", [1, 2, 3, 4], summaries), synthetic_doc("b", [2, 1, 3, 4], summaries)]
    (tmp_path / meta.SUMMEVAL_FILE).write_text(json.dumps(docs), encoding="utf-8")
    app = typer.Typer()
    app.command("meta")(meta.meta_command)
    app.command("other")(lambda: None)
    result = CliRunner().invoke(app, ["meta", "--summeval-dir", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n_docs"] == 2
    bad = CliRunner().invoke(app, ["meta", "--summeval-dir", str(tmp_path), "--format", "xml"])
    assert isinstance(bad.exception, ConfigError)
