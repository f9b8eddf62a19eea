"""``summariser batch``: briefs through batch engines (OpenAI Batch API, vllm run-batch, Ray Data LLM, LiteLLM)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import cli_options as opt
from ..core.errors import SummariserError

batch_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Briefs at scale through batch engines that read and write the batch JSONL format: the OpenAI Batch "
        "API (submit, status, collect, cancel), vllm run-batch, Ray Data LLM, a LiteLLM proxy. 'export' writes "
        "round 1's requests; 'import' turns results into briefs. Long articles and multi-article stories need "
        "more than one round (map, then reduce), and answers that fail validation or hold unverified quotes are "
        "re-asked: each import writes the next round's requests file where one is needed, until every brief is done."
    ),
)

Output = Annotated[Optional[Path], typer.Option(help="Append one JSON line per brief here (resumable). Default: NAME.briefs.jsonl beside the job.")]
OutputDir = Annotated[Optional[Path], typer.Option(help="Write one file per brief here, in --format (resumable).")]
Format = Annotated[str, typer.Option("--format", "-f", help="With --output-dir: markdown, json or html.")]
JobOption = Annotated[Optional[Path], typer.Option("--job", help="The job file (default: NAME.job.sqlite3 beside the requests file).")]


def _note(message: str) -> None:
    typer.echo(f"summariser: {message}", err=True)


@batch_app.command("export")
def export_command(
    sources: Annotated[list[str], typer.Argument(help="Article files, folders, JSONL files of articles, URLs.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The requests file to write (NAME.jsonl); the job goes beside it.")],
    model: Annotated[Optional[str], typer.Option(help="Model name sent in every request.")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="The server an online run would use (default: OpenAI's); part of the answer cache's key.")] = None,
    template: opt.Template = None,
    prompts_dir: opt.PromptsDir = None,
    words: opt.Words = None,
    audience: opt.Audience = None,
    language: opt.Language = None,
    max_attempts: Annotated[Optional[int], typer.Option(help="Answers allowed per request chain (re-ask rounds).", callback=opt.setting("max_attempts"))] = None,
    context_window: opt.ContextWindow = None,
    chunk_tokens: opt.ChunkTokens = None,
    max_output_tokens: opt.MaxOutputTokens = None,
    merge: Annotated[bool, typer.Option("--merge", help="One brief from all the articles (one story).")] = False,
    story: opt.Story = None,
    encoding: opt.Encoding = None,
    price_factor: Annotated[float, typer.Option(help="Batch price as a share of the online price (OpenAI: 0.5).", callback=opt.at_least("--price-factor", 0))] = 0.5,
) -> None:
    """Write round 1: the exact requests an online run sends, one line per article (custom_id = the brief's
    fingerprint); a long article or a story writes one per chunk, and 'import' writes its reduce round."""
    from ..ingest.story import load_story
    from .export import brief_inputs, export, export_settings

    story_title = ""
    if story is not None:
        story_title, story_paths = load_story(story)
        sources, merge = [*sources, *story_paths], True
    settings = export_settings(
        model=model, base_url=base_url, template=template, prompts_dir=prompts_dir, words=words, audience=audience,
        language=language, max_attempts=max_attempts, context_window=context_window, chunk_tokens=chunk_tokens,
        max_output_tokens=max_output_tokens,
    )
    briefs = brief_inputs(sources, merge=merge, story=story_title)
    result = export(briefs, output, settings, encoding=encoding, price_factor=price_factor)
    from .job import job_path_for

    _note(result.describe(output, job_path_for(output)))
    if result.failed:
        from ..service.files import BatchFailedError

        raise BatchFailedError(f"{len(result.failed)} input(s) failed (listed above) and were not exported; fix them "
                               "and export them as another job")


@batch_app.command("import")
def import_command(
    requests: Annotated[Path, typer.Argument(help="The requests file the results answer (from export or import).")],
    results: Annotated[list[Path], typer.Argument(help="The engine's results file(s): output and error files.")],
    jsonl_out: Output = None,
    output_dir: OutputDir = None,
    fmt: Format = "markdown",
    job: JobOption = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not put the answers into the answer cache.")] = False,
    cache_path: Annotated[Optional[Path], typer.Option(help="Answer cache file (default: the user cache directory).")] = None,
) -> None:
    """Validate the answers, ground the quotes, write the briefs the online path would have written; write the
    next round's requests (reduce steps, re-asks, engine failures) where a brief needs one. Prints its path."""
    from .ingest import import_results

    with _sink(requests, job, jsonl_out, output_dir, fmt) as (output, where):
        cache = None if no_cache else _cache(cache_path)
        outcome = import_results(requests, results, output, job_path=job, cache=cache, fmt=_sink_format(jsonl_out, output_dir, fmt))
    _finish(outcome, where)


def _sink_format(jsonl_out: Path | None, output_dir: Path | None, fmt: str) -> str:
    return fmt if output_dir is not None else "json"


def _cache(cache_path: Path | None):
    from ..backends.cache import AnswerCache

    return AnswerCache(cache_path)


class _sink:
    """The briefs' output (a JSONL file or a folder), checked before any work and closed after."""

    def __init__(self, requests: Path, job: Path | None, jsonl_out: Path | None, output_dir: Path | None, fmt: str) -> None:
        from ..service.files import check_output_dir, check_output_file
        from .job import JOB_SUFFIX, job_path_for

        if jsonl_out is not None and output_dir is not None:
            raise SummariserError("pass --jsonl-out FILE or --output-dir DIR, not both")
        opt.check_format(fmt)
        job_path = job or job_path_for(requests)
        self.jsonl = jsonl_out or (None if output_dir else job_path.with_name(job_path.name[: -len(JOB_SUFFIX)] + ".briefs.jsonl"))
        self.output_dir, self.fmt = output_dir, fmt
        if self.jsonl is not None:
            check_output_file(self.jsonl, append=True)
        else:
            check_output_dir(output_dir)  # type: ignore[arg-type]

    def __enter__(self):
        from ..service.files import DirSink, JsonlSink
        from .ingest import Output

        folder, fmt, jsonl = self.output_dir, self.fmt, self.jsonl
        self.output = Output(lambda: DirSink(folder, fmt) if folder is not None else JsonlSink(jsonl))
        return self.output, folder or jsonl

    def __exit__(self, *exc: object) -> None:
        self.output.close()


def _finish(outcome, where) -> None:
    _note(outcome.describe(where))
    if outcome.next_round is not None:
        typer.echo(str(outcome.next_round))
    if outcome.failed:
        from ..service.files import BatchFailedError

        raise BatchFailedError(f"{len(outcome.failed)} brief(s) failed (listed above); the others were written")


JobArg = Annotated[Path, typer.Argument(help="The job's requests file (round 1, from export) or its job file.")]


@batch_app.command("submit")
def submit_command(
    requests: Annotated[Path, typer.Argument(help="A requests file of a job (round 1 from export, or a later round).")],
    job: JobOption = None,
    max_requests: Annotated[int, typer.Option(help="Requests per batch (the API's limit: 50,000).", callback=opt.at_least("--max-requests", 1))] = 50_000,
    max_bytes: Annotated[int, typer.Option(help="Bytes per batch input file (the API's limit: 200 MB).", callback=opt.at_least("--max-bytes", 1024))] = 200_000_000,
) -> None:
    """Upload a requests file to the OpenAI Batch API and create its batch(es), split within the API's limits;
    their ids go into the job file at once, so nothing is ever submitted twice."""
    from .openai_batch import BatchClient, submit

    with BatchClient.for_job(requests, job) as client:
        for line in submit(client, requests, max_requests=max_requests, max_bytes=max_bytes):
            _note(line)


@batch_app.command("status")
def status_command(requests: JobArg, job: JobOption = None) -> None:
    """Show each batch's status and progress counts (completed, failed, total)."""
    from .openai_batch import BatchClient, status

    with BatchClient.for_job(requests, job) as client:
        for line in status(client):
            typer.echo(line)


@batch_app.command("collect")
def collect_command(
    requests: JobArg,
    jsonl_out: Output = None,
    output_dir: OutputDir = None,
    fmt: Format = "markdown",
    job: JobOption = None,
    wait: Annotated[bool, typer.Option("--wait", help="Poll until the job is done (re-ask rounds included).")] = False,
    poll: Annotated[float, typer.Option(help="Seconds between polls with --wait.", callback=opt.at_least("--poll", 0))] = 60.0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not put the answers into the answer cache.")] = False,
    cache_path: Annotated[Optional[Path], typer.Option(help="Answer cache file (default: the user cache directory).")] = None,
) -> None:
    """Download finished batches, import them (briefs written), and submit the next round where one is needed.
    Safe to stop and run again: downloads, imports and submissions are each done once."""
    from .openai_batch import BatchClient, collect

    with _sink(requests, job, jsonl_out, output_dir, fmt) as (output, where), BatchClient.for_job(requests, job) as client:
        cache = None if no_cache else _cache(cache_path)
        report = collect(client, output, _sink_format(jsonl_out, output_dir, fmt), cache, wait=wait, poll=poll, note=_note)
    _note(report.describe(where))
    if report.failed:
        from ..service.files import BatchFailedError

        raise BatchFailedError(f"{len(report.failed)} brief(s) failed (listed above); the others were written")


@batch_app.command("cancel")
def cancel_command(requests: JobArg, job: JobOption = None) -> None:
    """Cancel the job's unfinished batches (answers already made are kept: collect imports them)."""
    from .openai_batch import BatchClient, cancel

    with BatchClient.for_job(requests, job) as client:
        for line in cancel(client):
            _note(line)


__all__ = ["batch_app"]
