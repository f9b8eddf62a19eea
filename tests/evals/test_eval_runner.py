"""Runs: the run directory, per-case lines, resume, answer cache, bounded concurrency, predictions."""

from __future__ import annotations

import asyncio
import json

import pytest

from summariser.service.batch import AdaptiveLimiter
from summariser.core.errors import ConfigError, InputError, ModelConnectionError, ModelServerError
from summariser.evals.predictions import gold_brief
from summariser.evals.runner import Outcome, RunOptions, execute, run_suite
from summariser.evals.store import RunDir
from summariser.evals.suite import load_suite
from fakes.fake_openai import FakeOpenAIServer, Reply, extractive_responder

from evalfix import STORY, gold_briefs, mini, story, write_predictions, write_suite  # noqa: F401  (fixtures)

SECRET = "sk-test-DO-NOT-LEAK-4242"


def _options(tmp_path, **kw):
    return RunOptions(out=tmp_path / "run", progress=False, **kw)


def test_extractive_run_writes_config_cases_summary_and_report(tmp_path, write_suite):
    result = run_suite(load_suite(write_suite()), _options(tmp_path))
    rd = result.run_dir
    assert {p.name for p in rd.path.iterdir()} == {"config.json", "cases.jsonl", "summary.json", "report.html"}
    config = rd.read_config()
    assert config["system"]["backend"] == "extractive" and len(config["dataset"]["sha256"]) == 64
    assert config["code"]["version"] and config["suite"]["name"] == "mini"
    lines = rd.file("cases.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == ["harbour", "library"]
    assert result.summary["cases"] == 2 and result.summary["metrics"]["schema_valid"] == 1.0
    assert result.summary["metrics"]["quote_grounding"] == 1.0


def test_default_run_dir_is_under_runs_with_suite_and_time(tmp_path, write_suite, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_suite(load_suite(write_suite()), RunOptions(progress=False))
    assert result.run_dir.path.parent.name == "runs" and result.run_dir.path.name.startswith("mini-20")


def test_gold_predictions_score_full_marks_without_a_model(tmp_path, write_suite, write_predictions, gold_briefs):
    result = run_suite(load_suite(write_suite()), _options(tmp_path, predictions=write_predictions(gold_briefs)))
    metrics = result.summary["metrics"]
    assert metrics["stance_f1"] == 1.0 and metrics["quote_grounding"] == 1.0 and metrics["stance_kappa"] == 1.0
    assert result.run_dir.read_config()["system"]["kind"] == "predictions"


def test_predictions_with_missing_and_invalid_briefs(tmp_path, write_suite, gold_briefs):
    path = tmp_path / "p.jsonl"
    bare = gold_briefs["harbour"].model_dump(mode="json")  # a bare Brief: its id is meta.sources[0].id
    path.write_text(json.dumps(bare) + "\n" + json.dumps({"id": "extra", "brief": {"headline": 1}}) + "\n")
    result = run_suite(load_suite(write_suite()), _options(tmp_path, predictions=path))
    records = {r.id: r for r in result.run_dir.records()}
    assert records["harbour"].status == "ok" and records["library"].error == "no prediction for this case"
    assert result.summary["metrics"]["schema_valid"] == 0.5 and "extra" in result.warnings[0]


def test_invalid_prediction_brief_counts_against_validity(tmp_path, write_suite, gold_briefs):
    path = tmp_path / "p.jsonl"
    broken = gold_briefs["library"].model_dump(mode="json")
    broken["stance_table"][0]["stance"] = "maybe"
    path.write_text(json.dumps({"id": "library", "brief": broken}) + "\n")
    run_suite(load_suite(write_suite()), _options(tmp_path, predictions=path))
    record = next(r for r in RunDir(tmp_path / "run").records() if r.id == "library")
    assert record.status == "error" and "p.jsonl:1: brief does not follow the schema (stance_table.0.stance" in record.error


def _model_suite(write_suite, server):
    return load_suite(write_suite(backend="openai", model="fake-model", base_url=server.base_url))


def test_model_run_records_prompt_hash_and_never_the_key(tmp_path, write_suite, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    with FakeOpenAIServer(extractive_responder) as server:
        result = run_suite(_model_suite(write_suite, server), _options(tmp_path, cache=False))
    config = result.run_dir.read_config()
    assert config["system"]["model"] == "fake-model" and len(config["system"]["prompt"]["sha256"]) == 64
    assert result.summary["metrics"]["prompt_tokens"] == 100 and result.summary["failed"] == 0
    for path in result.run_dir.path.iterdir():
        assert SECRET not in path.read_text(encoding="utf-8")


def test_resume_skips_finished_cases_and_survives_a_torn_line(tmp_path, write_suite):
    with FakeOpenAIServer(extractive_responder) as server:
        suite = _model_suite(write_suite, server)
        run_suite(suite, _options(tmp_path, cache=False))
        assert len(server.requests) == 2
        cases = tmp_path / "run" / "cases.jsonl"
        first, second = cases.read_text().splitlines()
        cases.write_text(first + "\n" + second[: len(second) // 2])  # killed mid-write
        result = run_suite(suite, _options(tmp_path, cache=False))
        assert len(server.requests) == 3  # only the torn case again
        assert result.summary["cases"] == 2
        run_suite(suite, _options(tmp_path, cache=False, resume=False))
        assert len(server.requests) == 5


def test_resume_refuses_a_different_configuration(tmp_path, write_suite):
    run_suite(load_suite(write_suite()), _options(tmp_path))
    with pytest.raises(ConfigError, match="different dataset, system, prompt or scorers; pass a new --out"):
        run_suite(load_suite(write_suite(extractive_mode="lead3")), _options(tmp_path))


def test_second_run_reuses_cached_answers(tmp_path, write_suite):
    with FakeOpenAIServer(extractive_responder) as server:
        suite = _model_suite(write_suite, server)
        run_suite(suite, RunOptions(out=tmp_path / "a", progress=False))
        again = run_suite(suite, RunOptions(out=tmp_path / "b", progress=False))
        assert len(server.requests) == 2
    assert again.summary["metrics"]["stance_f1"] == RunDir(tmp_path / "a").read_summary()["metrics"]["stance_f1"]


def test_a_failing_model_is_a_failed_case_not_a_crashed_run(tmp_path, write_suite):
    with FakeOpenAIServer(lambda body: Reply(content="not json")) as server:
        suite = load_suite(write_suite(backend="openai", model="fake-model", base_url=server.base_url, max_attempts=2))
        result = run_suite(suite, _options(tmp_path, cache=False))
    assert result.summary["failed"] == 2 and result.summary["metrics"]["schema_valid"] == 0.0
    record = result.run_dir.records()[0]
    assert record.attempts == 2 and "no usable answer" in record.error


class _SlowSource:
    def __init__(self, briefs):
        self.briefs, self.in_flight, self.peak = briefs, 0, 0

    def describe(self):
        return {}

    async def brief(self, case):
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        await asyncio.sleep(0.02)
        self.in_flight -= 1
        return Outcome(self.briefs[case.id.split("-")[0]])

    async def aclose(self):
        return None


class _Bar:
    n = 0

    def update(self, k):
        self.n += k


def test_concurrency_is_bounded(tmp_path, mini, gold_briefs, write_suite):
    cases = [c.model_copy(update={"id": f"{c.id}-{i}"}) for i in range(5) for c in mini.cases]
    source, bar, rd = _SlowSource(gold_briefs), _Bar(), RunDir(tmp_path / "run")
    asyncio.run(execute(cases, source, None, load_suite(write_suite()), rd, AdaptiveLimiter(3), bar))
    assert source.peak == 3 and bar.n == 10 and len(rd.records()) == 10


# --- multi-article cases ---------------------------------------------------------------------------


def test_story_case_is_briefed_as_one_story_with_per_source_evidence(tmp_path, write_suite):
    result = run_suite(load_suite(write_suite(dataset=str(STORY))), _options(tmp_path))
    [record] = result.run_dir.records()
    meta = record.brief["meta"]
    assert meta["processing"]["mode"] == "merge" and [s["id"] for s in meta["sources"]] == ["vote", "court"]
    assert record.brief["headline"] == "Lowmere harbour expansion"  # the case title is the story
    assert {e["source_id"] for row in record.brief["stance_table"] for e in row["evidence"]} == {"vote", "court"}
    assert record.scores["quote_grounding"] == 1.0


def test_story_case_with_a_model_maps_each_article_and_reduces_with_the_title(tmp_path, write_suite):
    with FakeOpenAIServer(extractive_responder) as server:
        suite = load_suite(write_suite(dataset=str(STORY), backend="openai", model="fake-model", base_url=server.base_url))
        result = run_suite(suite, _options(tmp_path, cache=False))
    users = [r["messages"][-1]["content"] for r in server.requests]
    assert len(users) == 3  # the two map calls run concurrently, in either order; the reduce waits for both
    assert sorted(("source id: vote" in u, "source id: court" in u) for u in users[:2]) == [(False, True), (True, False)]
    assert "one brief on: Lowmere harbour expansion" in users[2]
    assert result.summary["failed"] == 0 and result.run_dir.records()[0].brief["meta"]["processing"]["calls"] == 3


def test_story_predictions_score_full_marks_and_need_a_case_id(tmp_path, write_suite, write_predictions, story):
    case = story.cases[0]
    suite = load_suite(write_suite(dataset=str(STORY)))
    result = run_suite(suite, _options(tmp_path, predictions=write_predictions({case.id: gold_brief(case)})))
    metrics, counts = result.summary["metrics"], result.summary["counts"]
    assert metrics["stance_f1"] == metrics["quote_grounding"] == metrics["source_accuracy"] == 1.0
    assert counts["source_accuracy"] == 1
    bare = tmp_path / "bare.jsonl"
    bare.write_text(json.dumps(gold_brief(case).model_dump(mode="json")) + "\n")
    with pytest.raises(InputError, match=r"bare.jsonl:1: a brief of several sources has no case id"):
        run_suite(suite, RunOptions(out=tmp_path / "bare", predictions=bare, progress=False))


def test_source_accuracy_is_absent_from_a_run_without_gold_sources(tmp_path, write_suite):
    result = run_suite(load_suite(write_suite()), _options(tmp_path))
    assert result.summary["metrics"]["source_accuracy"] is None and result.summary["counts"]["source_accuracy"] == 0


class _CrashingSource(_SlowSource):
    async def brief(self, case):
        raise RuntimeError("boom")


def test_a_crashed_case_is_scored_as_failed_not_left_out(tmp_path, mini, write_suite):
    rd = RunDir(tmp_path / "run")
    asyncio.run(execute(mini.cases, _CrashingSource({}), None, load_suite(write_suite()), rd, AdaptiveLimiter(2), _Bar()))
    record = rd.records()[0]
    assert record.status == "error" and record.error == "internal error: RuntimeError: boom"
    assert record.scores["schema_valid"] == 0.0 and record.scores["stance_recall"] == 0.0


def test_resume_keeps_finished_cases_and_reruns_only_the_failed_one(tmp_path, write_suite):
    suite = load_suite(write_suite())
    run_suite(suite, _options(tmp_path))
    rd = RunDir(tmp_path / "run")
    lines = rd.file("cases.jsonl").read_text().splitlines()
    failed = json.loads(lines[1]) | {"status": "error", "brief": None, "error": "server down"}
    rd.file("cases.jsonl").write_text(lines[0] + "\n" + json.dumps(failed) + "\n")
    assert rd.finished_ids() == {json.loads(lines[0])["id"]}
    result = run_suite(suite, _options(tmp_path))
    assert result.summary["cases"] == 2 and result.summary["failed"] == 0
    assert len(rd.file("cases.jsonl").read_text().splitlines()) == 3  # the finished case was not run again


def test_rerun_after_a_failing_server_runs_the_failed_cases_again(tmp_path, write_suite):
    broken = [True]
    with FakeOpenAIServer(lambda body: Reply(content="not json") if broken[0] else extractive_responder(body)) as server:
        suite = load_suite(write_suite(backend="openai", model="fake-model", base_url=server.base_url, max_attempts=1))
        assert run_suite(suite, _options(tmp_path, cache=False)).summary["failed"] == 2
        broken[0] = False
        result = run_suite(suite, _options(tmp_path, cache=False))
        assert len(server.requests) == 4
    assert result.summary["cases"] == 2 and result.summary["failed"] == 0
    assert result.summary["metrics"]["schema_valid"] == 1.0  # the old error lines are not counted


# --- a server that is down -------------------------------------------------------------------------


def _dead_url() -> str:
    """The URL of a server that was stopped: connections are refused."""
    with FakeOpenAIServer() as server:
        return server.base_url


def test_a_dead_server_stops_the_run_with_the_connection_error(tmp_path, write_suite):
    suite = load_suite(write_suite(backend="openai", model="fake-model", base_url=_dead_url()))
    with pytest.raises(ModelConnectionError, match="could not connect to .* check --base-url"):
        run_suite(suite, _options(tmp_path, cache=False, overrides={"max_retries": 0}))
    assert not (tmp_path / "run" / "summary.json").exists()


def test_a_failing_server_is_given_up_after_the_first_wave_of_cases(tmp_path, write_suite):
    with FakeOpenAIServer(lambda body: Reply.error(500)) as server:
        suite = load_suite(write_suite(backend="openai", model="fake-model", base_url=server.base_url))
        with pytest.raises(ModelServerError, match="HTTP 500"):
            run_suite(suite, _options(tmp_path, cache=False, concurrency=1, overrides={"max_retries": 0}))
        assert len(server.requests) == 1  # not every case: the first one showed the server is failing


def test_one_case_failing_on_the_server_among_good_ones_is_recorded_and_the_run_goes_on(tmp_path, write_suite):
    def responder(body):
        return Reply.error(500) if "library" in body["messages"][-1]["content"].lower() else extractive_responder(body)

    with FakeOpenAIServer(responder) as server:
        suite = load_suite(write_suite(backend="openai", model="fake-model", base_url=server.base_url))
        result = run_suite(suite, _options(tmp_path, cache=False, overrides={"max_retries": 0}))
    assert result.summary["cases"] == 2 and result.summary["failed"] == 1
    assert "HTTP 500" in next(r.error for r in result.run_dir.records() if r.status == "error")


def test_server_watch_stops_only_when_a_whole_first_round_failed_to_reach_the_server():
    from summariser.evals.watch import ServerDown, ServerWatch

    down = ModelConnectionError("could not connect")
    watch = ServerWatch(2)
    watch.observe(down)
    with pytest.raises(ServerDown) as raised:
        watch.observe(ModelServerError("HTTP 500"))
    assert raised.value.error is down
    answered = ServerWatch(2)
    answered.observe(None)
    for _ in range(5):
        answered.observe(down)  # once the server answered, failures are per case
    judge = ServerWatch(1, "the judge")
    with pytest.raises(ServerDown, match="the judge: could not connect"):
        judge.observe(down)
