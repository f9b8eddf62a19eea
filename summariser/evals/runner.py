"""Running a suite: make (or read) a brief per case, score it, write it down as it finishes.

* Bounded, adaptive concurrency with :func:`summariser.service.batch.run_batch`.
* Model answers come from the SQLite answer cache (:mod:`summariser.backends.cache`) when the same
  request was answered before, so a re-run of an unchanged suite costs nothing.
* Resumable: rerunning with the same ``--out`` skips the cases already briefed in ``cases.jsonl``
  and runs the failed ones again, provided the configuration (dataset, system, prompt, scorers)
  is the same.
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, cast

from .. import __version__
from ..service.batch import AdaptiveLimiter, ItemResult, run_batch
from ..core.errors import (
    ConfigError,
    InputError,
    ModelRequestError,
    OutputValidationError,
    SummariserError,
)
from ..core.redact import redact_url
from ..core.schema import Brief
from .dataset import Case, Dataset, load_dataset
from .gates import GateResult, evaluate_gates
from .judge import JUDGE_METRICS, Judge, same_model_warning
from .predictions import Predictions, load_predictions
from .scorers import ScoreInput, case_details, score_case
from .store import CaseRecord, RunDir, default_run_dir, describe_dataset, same_dataset
from .suite import JudgeConfig, Suite
from .summary import judge_failure, judge_warning, summarise
from .watch import ServerDown, Watches

FATAL = (ConfigError, ModelRequestError)


@dataclass
class RunOptions:
    """How to run a suite (the command line's options)."""

    out: Path | None = None
    predictions: Path | None = None
    concurrency: int | None = None
    resume: bool = True
    baseline: Path | None = None
    cache: bool = True
    progress: bool = True
    overrides: dict[str, Any] = field(default_factory=dict)
    batch_job: Path | None = None  # make the briefs from this batch job's answers (eval --batch)


@dataclass
class RunResult:
    run_dir: RunDir
    summary: dict[str, Any]
    gates: list[GateResult]
    warnings: list[str]
    error: SummariserError | None = None  # the run's verdict beyond the gates, e.g. the judge failed on every case


@dataclass
class Outcome:
    """A case's brief, or why there is none."""

    brief: Brief | None
    error: str | None = None
    attempts: int | None = None
    cause: SummariserError | None = None


class Source(Protocol):
    def describe(self) -> dict[str, Any]: ...

    async def brief(self, case: Case) -> Outcome: ...

    async def aclose(self) -> None: ...


class PredictionSource:
    """Briefs read from a predictions file."""

    def __init__(self, predictions: Predictions) -> None:
        self.predictions = predictions

    def describe(self) -> dict[str, Any]:
        first = next(iter(self.predictions.briefs.values()), None)
        return {
            "kind": "predictions", "path": str(self.predictions.path), "sha256": self.predictions.sha256,
            "backend": first.meta.backend if first else "", "model": first.meta.model if first else "",
        }

    async def brief(self, case: Case) -> Outcome:
        if case.id in self.predictions.briefs:
            found = self.predictions.briefs[case.id]
            return Outcome(found, attempts=found.meta.attempts)
        return Outcome(None, self.predictions.invalid.get(case.id, "no prediction for this case"))

    async def aclose(self) -> None:
        return None


class ModelSource:
    """Briefs made now by the suite's engine."""

    def __init__(self, suite: Suite, options: RunOptions, limiter: AdaptiveLimiter, cache: Any) -> None:
        from ..service import Briefer

        engine = None
        if options.batch_job is not None:
            from ..batchjobs.evals import replay_source

            self.settings, engine = replay_source(options.batch_job)
        else:
            self.settings = suite.settings(**options.overrides)
        self.briefer = Briefer(self.settings, cache=cache, limiter=limiter, engine=engine)
        self.engine = self.briefer.engine

    def describe(self) -> dict[str, Any]:
        template = getattr(self.engine, "template", None)
        return {
            "kind": "model", "backend": self.engine.backend, "model": self.engine.model,
            "base_url": redact_url(self.settings.base_url), "extractive_mode": self.settings.extractive_mode,
            "prompt": template.info.model_dump() if template is not None else None,
            "style": self.settings.style, "max_attempts": self.settings.max_attempts,
            "spec": self.briefer.spec.fingerprint(),
        }

    async def brief(self, case: Case) -> Outcome:
        try:
            made = await self._make(case)
        except FATAL:
            raise
        except OutputValidationError as exc:
            return Outcome(None, str(exc), exc.attempts, exc)
        except SummariserError as exc:
            return Outcome(None, str(exc), cause=exc)
        return Outcome(made, attempts=made.meta.attempts)

    async def _make(self, case: Case) -> Brief:
        """The case's brief; several articles make one story brief titled with the case's title."""
        story = case.title if case.multi_article else ""
        return await self.briefer.brief(case.documents(), story)

    async def aclose(self) -> None:
        await self.briefer.aclose()


def code_version() -> dict[str, Any]:
    """The package version and, in a git checkout, the commit."""
    folder = Path(__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=5,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return {"version": __version__, "git": None}
    return {"version": __version__, "git": head.stdout.strip() if head.returncode == 0 else None}


def run_config(suite: Suite, dataset: Dataset, source: Source, judge: dict[str, Any] | None, warnings: list[str]) -> dict[str, Any]:
    """What ``config.json`` records: enough to know what made the run, and no secret."""
    return {
        "suite": {"name": suite.name, "path": suite.path, **suite.model_dump(exclude={"path", "judge"})},
        "dataset": {"path": str(dataset.path.resolve()), "sha256": dataset.sha256, "cases": len(dataset.cases)},
        "system": source.describe(),
        "judge": judge,
        "code": code_version(),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warnings": warnings,
    }


def fingerprint(config: dict[str, Any]) -> dict[str, Any]:
    """The parts of a configuration that must match to resume a run."""
    system = dict(config.get("system") or {})
    return {
        "dataset": (config.get("dataset") or {}).get("sha256"),
        "system": system,
        "scorers": (config.get("suite") or {}).get("scorers"),
        "judge": config.get("judge"),
    }


def prepare_run_dir(run_dir: RunDir, config: dict[str, Any], resume: bool) -> None:
    """Write config.json; on resume, refuse a directory made with a different configuration."""
    if run_dir.exists():
        run_dir.repair()
        if not resume:
            run_dir.reset_cases()
        elif fingerprint(run_dir.read_config()) != fingerprint(config):
            raise ConfigError(
                f"{run_dir.path} holds a run with a different dataset, system, prompt or scorers; "
                "pass a new --out, or --no-resume to start it over"
            )
    run_dir.write_config(config)


def make_judge(config: JudgeConfig, suite: Suite, cache: Any, run_base_url: str = "") -> Judge:
    """The suite's judge over an OpenAI-compatible server (key from OPENAI_API_KEY): the judge's own
    ``base_url``, else the run's server ``run_base_url``, else the configured default."""
    from ..backends.cache import cached
    from ..service.settings import load_settings
    from ..backends.clients.openai_chat import openai_chat
    from ..engines.llm.prompts import load_template

    settings = load_settings(backend="openai", model=config.model, base_url=config.base_url or run_base_url or None,
                             temperature=0.0)
    chat = cached(openai_chat(settings), cache)
    prompts_dir = Path(suite.prompts_dir) if suite.prompts_dir else None
    return Judge(chat, load_template(config.template, prompts_dir), max_attempts=config.max_attempts,
                 weighted=config.weighted)


def judge_description(judge: Judge | None, config: JudgeConfig | None) -> dict[str, Any] | None:
    if judge is None or config is None:
        return None
    return {"model": config.model, "base_url": redact_url(judge.chat.base_url), "prompt": judge.template.info.model_dump()}


async def run_case(case: Case, source: Source, judge: Judge | None, suite: Suite, watches: Watches) -> CaseRecord:
    """Make or read the case's brief, score it, and (optionally) have the judge grade it.

    Raises :class:`ServerDown` when ``watches`` decide the system's or the judge's server is down.
    """
    started = time.perf_counter()
    outcome = await source.brief(case)
    watches.system.observe(outcome.cause)
    inp = ScoreInput(case, outcome.brief, outcome.attempts, suite.words, suite.length_tolerance)
    scores = score_case(inp, tuple(suite.scorers))
    judge_error = None
    if judge is not None:
        scores.update({m.name: None for m in JUDGE_METRICS})
        judge_error = await _judge(judge, case, outcome.brief, scores)
        if outcome.brief is not None:
            watches.judge.observe(judge_error)
    return CaseRecord(
        id=case.id, status="ok" if outcome.brief is not None else "error",
        brief=outcome.brief.model_dump(mode="json") if outcome.brief is not None else None,
        error=outcome.error, attempts=outcome.attempts, scores=scores, details=case_details(inp),
        latency_s=round(time.perf_counter() - started, 4), judge_error=str(judge_error) if judge_error else None,
        judge_error_kind=type(judge_error).__name__ if judge_error else None,
    )


async def _judge(judge: Judge, case: Case, brief: Brief | None, scores: dict) -> SummariserError | None:
    if brief is None:
        return None
    try:
        scores.update(await judge.score(case, brief))
    except FATAL:
        raise
    except SummariserError as exc:
        return exc
    return None


def _failed_record(result: ItemResult, suite: Suite) -> CaseRecord:
    """A case that crashed: scored as an empty brief, like any failed case, so it is not left out."""
    error, case = result.error, result.item
    inp = ScoreInput(case, None, None, suite.words, suite.length_tolerance)
    return CaseRecord(
        id=case.id, status="error", error=f"internal error: {type(error).__name__}: {error}",
        scores=score_case(inp, tuple(suite.scorers)), details=case_details(inp),
    )


async def execute(cases: list[Case], source: Source, judge: Judge | None, suite: Suite, run_dir: RunDir,
                  limiter: AdaptiveLimiter, progress: Any) -> None:
    """Run the cases with bounded concurrency, appending each record as soon as it is ready.

    Stops with the server's error (e.g. :class:`ModelConnectionError`) when the first round of
    cases all failed to reach the system's or the judge's server.
    """
    watches = Watches.for_wave(min(limiter.maximum, len(cases)))

    def write(result: ItemResult, _stats: Any) -> None:
        if result.status == "skipped":
            return
        run_dir.append(result.value if result.status == "done" and result.value is not None else _failed_record(result, suite))
        progress.update(1)

    try:
        await run_batch(
            cases, lambda case: run_case(case, source, judge, suite, watches),
            concurrency=limiter.maximum, limiter=limiter, on_result=write, fatal=(*FATAL, ServerDown),
        )
    except ServerDown as down:
        raise down.error from None


def _open_cache(options: RunOptions) -> Any:
    if not options.cache or options.predictions is not None:
        return None
    from ..backends.cache import AnswerCache

    return AnswerCache()


def _source(suite: Suite, options: RunOptions, limiter: AdaptiveLimiter, cache: Any, dataset: Dataset, warnings: list[str]) -> Source:
    if options.predictions is None:
        return ModelSource(suite, options, limiter, cache)
    predictions = load_predictions(options.predictions)
    extra = sorted(predictions.ids - set(dataset.by_id()))
    if extra:
        warnings.append(f"{len(extra)} prediction(s) for ids not in the dataset were ignored: {', '.join(extra[:5])}")
    return PredictionSource(predictions)


def _judge_for(suite: Suite, options: RunOptions, source: Source, cache: Any, warnings: list[str]) -> Judge | None:
    """The suite's judge, on the run's server (``--base-url`` or the suite's) unless it names its own."""
    if suite.judge is None:
        return None
    system = source.describe()
    warning = same_model_warning(suite.judge.model, system.get("backend", ""), system.get("model", ""))
    if warning:
        warnings.append(warning)
    return make_judge(suite.judge, suite, cache, options.overrides.get("base_url") or suite.base_url)


def run_suite(suite: Suite, options: RunOptions | None = None) -> RunResult:
    """Run (or resume) a suite and write its run directory; gates are evaluated, not enforced."""
    options = options or RunOptions()
    dataset = load_dataset(suite.dataset_path)
    baseline = load_baseline(options.baseline, dataset)
    limiter = AdaptiveLimiter(options.concurrency or suite.concurrency)
    cache, warnings = _open_cache(options), cast(list[str], [])
    source = _source(suite, options, limiter, cache, dataset, warnings)
    judge = _judge_for(suite, options, source, cache, warnings)
    run_dir = RunDir(options.out or default_run_dir(suite.name))
    prepare_run_dir(run_dir, run_config(suite, dataset, source, judge_description(judge, suite.judge), warnings), options.resume)
    done = run_dir.finished_ids()
    pending = [c for c in dataset.cases if c.id not in done]
    asyncio.run(_execute_all(pending, source, judge, suite, run_dir, limiter, options, len(dataset.cases) - len(pending)))
    return finish_run(run_dir, suite, dataset, baseline, warnings)


async def _execute_all(pending: list[Case], source: Source, judge: Judge | None, suite: Suite, run_dir: RunDir,
                       limiter: AdaptiveLimiter, options: RunOptions, already: int) -> None:
    from ..service.progress import progress

    total = len(pending) + already
    with progress(total, initial=already, enabled=options.progress, unit="case", desc=suite.name) as bar:
        try:
            if isinstance(source, ModelSource):
                await source.briefer.start()  # e.g. llama-server: a failure to start stops the run here
            await execute(pending, source, judge, suite, run_dir, limiter, bar)
        finally:
            await source.aclose()
            if judge is not None:
                await judge.chat.aclose()


@dataclass
class Baseline:
    """A previous run the ``max_drop`` gates compare with."""

    path: Path
    metrics: dict[str, float | None]


def load_baseline(path: Path | None, dataset: Dataset | None = None) -> Baseline | None:
    """Read ``--baseline`` (before any case runs): :class:`InputError` when it is not a finished run,
    or when it was run on another dataset (another SHA-256 of the cases; without a recorded hash,
    another path): its figures would not be comparable."""
    if path is None:
        return None
    try:
        run_dir = RunDir(path)
        baseline = Baseline(path, run_dir.read_summary()["metrics"])
        recorded = run_dir.read_config().get("dataset") or {}
    except InputError as exc:
        raise InputError(f"--baseline {exc}") from None
    if dataset is not None:
        mine = {"path": str(dataset.path.resolve()), "sha256": dataset.sha256}
        if not same_dataset(recorded, mine):
            raise InputError(f"--baseline {path} was run on another dataset ({describe_dataset(recorded)}) than "
                             f"{dataset.path} ({describe_dataset(mine)}); give a baseline run of the same dataset")
    return baseline


def finish_run(run_dir: RunDir, suite: Suite, dataset: Dataset, baseline: Baseline | None, warnings: list[str]) -> RunResult:
    """Summarise the finished cases, check the gates, write summary.json and report.html."""
    from .report import write_report

    wanted = set(dataset.by_id())
    records = [r for r in run_dir.records() if r.id in wanted]
    summary = summarise(records)
    warnings = [*warnings, *filter(None, [judge_warning(records)])]
    gates = evaluate_gates(suite.gates, summary["metrics"], baseline.metrics if baseline else None)
    summary.update({
        "suite": suite.name, "baseline": str(baseline.path) if baseline else None,
        "gates": [g.__dict__ | {"text": g.describe()} for g in gates], "warnings": warnings,
    })
    run_dir.write_summary(summary)
    write_report(run_dir, dataset)
    return RunResult(run_dir, summary, gates, warnings, judge_failure(records))
