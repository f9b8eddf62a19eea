"""``summariser eval SUITE --batch --out DIR``: a suite's model calls through the OpenAI Batch API.

The first run exports every case (one brief each; a multi-article case is a story titled with the
case's title, as the runner briefs it) to ``DIR/batch/requests.jsonl`` and submits it. Each rerun
collects (importing answers and submitting the reduce and re-ask rounds). Once no round is left,
the suite runs as usual with an engine that replays the job's answers (:mod:`.replay`), so every
case's brief is the one the online path would have made from them, and cost is at the batch price.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..service.files import BatchItem, JsonlSink
from ..core.errors import ConfigError
from .export import BriefInput, export
from .ingest import Output, job_settings
from .job import Job

if TYPE_CHECKING:
    from ..core.settings import Settings
    from ..evals.dataset import Case
    from ..evals.runner import RunOptions, RunResult
    from ..evals.suite import Suite


def batch_requests(out: Path) -> Path:
    """Where a run folder keeps its batch job's requests (the job file beside it)."""
    return out / "batch" / "requests.jsonl"


def case_input(case: Case) -> BriefInput:
    """One case as one brief to export, with the documents the runner briefs."""
    docs = case.documents()
    items = [BatchItem(id=doc.id, source=case.id, text=doc.text) for doc in docs]
    return BriefInput(case.id, f"case {case.id}", items, case.title if case.multi_article else "", docs)


def eval_batch(suite: Suite, options: RunOptions, note: Callable[[str], None]) -> RunResult | None:
    """Export and submit, or collect, or (the job done) run the suite from its answers; None until then."""
    from ..backends.cache import AnswerCache
    from ..evals.dataset import load_dataset
    from ..evals.runner import run_suite
    from .openai_batch import BatchClient, collect, submit

    if options.out is None:
        raise ConfigError("--batch needs --out DIR, so that running the same command again finds the batch job")
    requests = batch_requests(options.out)
    job_path = requests.with_name("requests.job.sqlite3")
    if not job_path.exists():
        settings = _batch_settings(suite, options)
        result = export([case_input(c) for c in load_dataset(suite.dataset_path).cases], requests, settings)
        note(result.describe(requests, job_path))
        with BatchClient.for_job(requests) as client:
            for line in submit(client, requests):
                note(line)
        note("submitted; run the same command again to collect (results within 24 h)")
        return None
    output = Output(lambda: JsonlSink(requests.with_name("briefs.jsonl")))
    try:
        with BatchClient.for_job(requests) as client:
            report = collect(client, output, "json", None if not options.cache else AnswerCache(), note=note)
    finally:
        output.close()
    note(report.describe(requests.with_name("briefs.jsonl")))
    if not report.done:
        return None
    options.batch_job = job_path
    return run_suite(suite, options)


def _batch_settings(suite: Suite, options: RunOptions) -> Settings:
    settings = suite.settings(**options.overrides)
    backend, _ = settings.resolved_backend()
    if backend != "openai":
        raise ConfigError(f"--batch runs a suite's model calls on the OpenAI Batch API; suite {suite.name} uses the "
                          f"{backend} backend (pass --backend openai and --model, or a suite with a model)")
    return settings


def replay_source(job_path: Path) -> tuple[Settings, Any]:
    """(settings, engine) that make a case's brief from the job's answers (for the eval runner)."""
    from .replay import Replayer

    job = Job.open(job_path)
    settings = job_settings(job)
    return settings, Replayer(settings, job.answer, job.failure).engine
