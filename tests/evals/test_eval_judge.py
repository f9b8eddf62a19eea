"""The optional LLM judge, against the fake OpenAI-compatible server."""

from __future__ import annotations

import asyncio

import pytest

from summariser.evals.judge import Judge, article_text, render_brief, same_model_warning
from summariser.evals.runner import RunOptions, run_suite
from summariser.evals.suite import load_suite
from summariser.backends.clients.openai_chat import OpenAIChat
from summariser.engines.llm.prompts import load_template
from fakes.fake_openai import FakeOpenAIServer, Reply, extractive_responder

from evalfix import gold_briefs, mini, story, write_suite  # noqa: F401  (fixtures)

VERDICT = {"coherence": 4, "consistency": 5, "fluency": 5, "relevance": 3, "rationale": "Misses the cost."}


def _judge(server) -> Judge:
    chat = OpenAIChat(model="judge-model", api_key="x", base_url=server.base_url, max_retries=0)
    return Judge(chat, load_template("judge"))


def test_judge_scores_a_brief_from_the_rubric(fake_openai, mini, gold_briefs):
    fake_openai.push(Reply.json(VERDICT, prompt_tokens=700, completion_tokens=40))
    case = mini.by_id()["harbour"]
    scores = asyncio.run(_judge(fake_openai).score(case, gold_briefs["harbour"]))
    assert scores == {"judge_coherence": 4.0, "judge_consistency": 5.0, "judge_fluency": 5.0, "judge_relevance": 3.0,
                      "judge_tokens": 740.0, "judge_weighted": 0.0}
    [request] = fake_openai.requests
    assert request["logprobs"] is True and request["top_logprobs"] == 5
    system, user = (m["content"] for m in request["messages"])
    assert "Consistency" in system and "Evaluation steps" in system
    assert case.text.strip() in user and "Ana Kovač | Mayor of Lowmere | favor" in user
    assert request["response_format"]["json_schema"]["name"] == "JudgeVerdict"


def token_logprobs(text: str, alternatives: dict[str, dict[str, float]]) -> list[dict]:
    """OpenAI-style logprobs for ``text`` cut into one token per digit and runs of other characters;
    ``alternatives[criterion]`` gives the probabilities offered at that criterion's score."""
    import math
    import re

    tokens = re.findall(r"\d|[^\d]+", text)
    out, seen = [], ""
    for token in tokens:
        criterion = next((c for c in alternatives if seen.rstrip().endswith(f'"{c}":')), None)
        offered = alternatives.get(criterion, {token: 1.0}) if token.isdigit() else {token: 1.0}
        out.append({"token": token, "logprob": math.log(offered.get(token, 1e-9)),
                    "top_logprobs": [{"token": t, "logprob": math.log(p)} for t, p in offered.items()]})
        seen += token
    return out


def test_judge_weights_each_score_by_its_digit_probabilities(fake_openai, mini, gold_briefs):
    text = '{"coherence": 4, "consistency": 5, "fluency": 5, "relevance": 3, "rationale": "Misses the cost."}'
    offered = {"coherence": {"4": 0.6, "5": 0.3, "3": 0.05, "\u2581": 0.05},  # a non-digit share is left out
               "relevance": {"3": 0.5, "2": 0.5}}
    fake_openai.push(Reply(content=text, logprobs=token_logprobs(text, offered)))
    scores = asyncio.run(_judge(fake_openai).score(mini.cases[0], gold_briefs["harbour"]))
    assert scores["judge_coherence"] == pytest.approx((4 * 0.6 + 5 * 0.3 + 3 * 0.05) / 0.95, abs=1e-4)
    assert scores["judge_relevance"] == pytest.approx(2.5)
    assert scores["judge_consistency"] == 5.0 and scores["judge_weighted"] == 1.0


def test_judge_without_weighting_asks_for_no_logprobs(fake_openai, mini, gold_briefs):
    fake_openai.push(Reply.json(VERDICT))
    chat = OpenAIChat(model="judge-model", api_key="x", base_url=fake_openai.base_url, max_retries=0)
    scores = asyncio.run(Judge(chat, load_template("judge"), weighted=False).score(mini.cases[0], gold_briefs["harbour"]))
    assert "logprobs" not in fake_openai.requests[0] and scores["judge_coherence"] == 4.0


def test_judge_reasks_after_an_out_of_range_score(fake_openai, mini, gold_briefs):
    fake_openai.push(Reply.json({**VERDICT, "coherence": 9}), Reply.json(VERDICT))
    scores = asyncio.run(_judge(fake_openai).score(mini.cases[0], gold_briefs["harbour"]))
    assert scores["judge_coherence"] == 4.0 and len(fake_openai.requests) == 2
    assert "could not be used" in fake_openai.requests[1]["messages"][-1]["content"]


def test_render_brief_lists_bullets_and_rows(gold_briefs):
    text = render_brief(gold_briefs["library"])
    assert text.startswith("Headline: Library hours cut") and "- Paul Grant | finance director | favor |" in text


def test_same_model_warning():
    assert "same model (gpt-4o)" in same_model_warning("gpt-4o", "openai", "GPT-4o")
    assert same_model_warning("gpt-4o", "openai", "gpt-4o-mini") is None
    assert same_model_warning("extractive-central", "extractive", "extractive-central") is None


def test_suite_with_a_judge_records_it_and_averages_its_scores(tmp_path, write_suite):
    with FakeOpenAIServer(lambda body: Reply.json(VERDICT)) as judge_server:
        suite = load_suite(write_suite(judge={"model": "judge-model", "base_url": judge_server.base_url}))
        result = run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False))
    metrics = result.summary["metrics"]
    assert metrics["judge_consistency"] == 5.0 and metrics["judge_relevance"] == 3.0
    config = result.run_dir.read_config()
    assert config["judge"]["model"] == "judge-model" and len(config["judge"]["prompt"]["sha256"]) == 64
    assert result.warnings == []


def test_judge_failure_is_recorded_per_case(tmp_path, write_suite):
    with FakeOpenAIServer(lambda body: Reply(content="no json")) as judge_server:
        suite = load_suite(write_suite(judge={"model": "judge-model", "base_url": judge_server.base_url, "max_attempts": 1}))
        result = run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False))
    assert result.summary["judge_failed"] == 2 and result.summary["metrics"]["judge_coherence"] is None
    assert result.summary["metrics"]["schema_valid"] == 1.0


def test_judge_of_its_own_output_warns(tmp_path, write_suite):
    with FakeOpenAIServer(lambda body: Reply.json(VERDICT) if "Evaluation steps" in body["messages"][0]["content"]
                          else extractive_responder(body)) as server:
        suite = load_suite(write_suite(backend="openai", model="same", base_url=server.base_url,
                                       judge={"model": "same", "base_url": server.base_url}))
        result = run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False))
    assert any("judge and the generator are the same model (same)" in w for w in result.warnings)
    assert result.summary["metrics"]["judge_fluency"] == 5.0


@pytest.mark.parametrize("judge", [{"model": ""}, {"model": "m", "temperature": 1}])
def test_bad_judge_config_is_a_config_error(write_suite, judge):
    from summariser.core.errors import ConfigError

    with pytest.raises(ConfigError, match="judge"):
        load_suite(write_suite(judge=judge))


def test_judge_reads_every_article_of_a_story_case(mini, story):
    text = article_text(story.cases[0])
    assert text.startswith("[Article vote: Lowmere council approves harbour plan]\nLowmere council approves")
    assert "[Article court: Harbour plan heads to court]\nHarbour plan heads to court" in text
    assert article_text(mini.cases[0]) == mini.cases[0].text


def _is_judge(body) -> bool:
    return "Evaluation steps" in body["messages"][0]["content"]


def test_judge_failing_on_some_cases_is_a_warning_in_the_output_and_the_report(tmp_path, write_suite):
    def judge(body):
        return Reply(content="no json") if "library" in body["messages"][-1]["content"].lower() else Reply.json(VERDICT)

    with FakeOpenAIServer(judge) as judge_server:
        suite = load_suite(write_suite(judge={"model": "judge-model", "base_url": judge_server.base_url, "max_attempts": 1}))
        result = run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False))
    [warning] = [w for w in result.warnings if w.startswith("judge failed")]
    assert warning.startswith("judge failed on 1 of 2 cases: ") and "no usable answer" in warning
    assert result.summary["warnings"] == result.warnings and result.error is None
    assert "judge failed on 1 of 2 cases" in result.run_dir.file("report.html").read_text(encoding="utf-8")


def test_judge_failing_on_every_case_is_the_run_error(tmp_path, write_suite):
    from summariser.core.errors import OutputValidationError

    with FakeOpenAIServer(lambda body: Reply(content="no json")) as judge_server:
        suite = load_suite(write_suite(judge={"model": "judge-model", "base_url": judge_server.base_url, "max_attempts": 1}))
        result = run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False))
    assert isinstance(result.error, OutputValidationError)
    assert str(result.error).startswith("the judge failed on all 2 cases: ")
    assert result.run_dir.file("summary.json").is_file()  # the run's own scores are kept


def test_a_dead_judge_server_stops_the_run_naming_the_judge(tmp_path, write_suite):
    from summariser.core.errors import ModelConnectionError

    with FakeOpenAIServer() as server:
        dead = server.base_url
    suite = load_suite(write_suite(judge={"model": "judge-model", "base_url": dead}))
    with pytest.raises(ModelConnectionError, match=f"the judge: could not connect to {dead}"):
        run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False, overrides={"max_retries": 0}))


def test_judge_uses_the_runs_base_url_override_unless_it_names_its_own(tmp_path, write_suite, monkeypatch):
    with FakeOpenAIServer() as stopped:
        dead = stopped.base_url
    monkeypatch.setenv("OPENAI_BASE_URL", dead)  # where the judge went before: never a real server in tests
    with FakeOpenAIServer(lambda body: Reply.json(VERDICT) if _is_judge(body) else extractive_responder(body)) as server:
        suite = load_suite(write_suite(backend="openai", model="gen-model", base_url=dead, judge={"model": "judge-model"}))
        options = RunOptions(out=tmp_path / "run", progress=False, cache=False,
                             overrides={"base_url": server.base_url, "max_retries": 0})
        result = run_suite(suite, options)
        judged = [r for r in server.requests if _is_judge(r)]
    assert len(judged) == 2 and result.summary["metrics"]["judge_fluency"] == 5.0
    assert result.run_dir.read_config()["judge"]["base_url"] == server.base_url


def test_judge_inherits_the_suites_base_url(tmp_path, write_suite):
    with FakeOpenAIServer(lambda body: Reply.json(VERDICT) if _is_judge(body) else extractive_responder(body)) as server:
        suite = load_suite(write_suite(backend="openai", model="gen-model", base_url=server.base_url, judge={"model": "judge-model"}))
        result = run_suite(suite, RunOptions(out=tmp_path / "run", progress=False, cache=False))
    assert result.summary["metrics"]["judge_coherence"] == 4.0 and result.summary["judge_failed"] == 0


def test_resume_judges_again_the_cases_the_judge_failed_on(tmp_path, write_suite):
    broken = [True]
    with FakeOpenAIServer(lambda body: Reply(content="no json") if broken[0] else Reply.json(VERDICT)) as judge_server:
        suite = load_suite(write_suite(judge={"model": "judge-model", "base_url": judge_server.base_url, "max_attempts": 1}))
        options = RunOptions(out=tmp_path / "run", progress=False, cache=False)
        assert run_suite(suite, options).summary["judge_failed"] == 2
        broken[0] = False
        result = run_suite(suite, options)
    assert result.summary["judge_failed"] == 0 and result.summary["metrics"]["judge_relevance"] == 3.0
    assert result.error is None and not result.warnings
