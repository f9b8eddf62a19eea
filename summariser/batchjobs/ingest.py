"""``summariser batch import``: an engine's results in, briefs out, and the next round where one is needed.

1. Check: the requests file is a round of its job; every result line parses, names a custom_id
   of that file, and was answered by the job's model. Any problem is a one-line error and
   nothing is written: the answers go into the job in one SQLite transaction, only at the end.
2. The answers also go into the answer cache (same keys as an online run's), so an online run
   of the same brief pays nothing.
3. Every brief not yet written is replayed with the online path (:mod:`.replay`): a brief with
   all its answers is grounded, rendered and written (JSONL line or file, atomically, resumable
   by key); a brief that needs more (a reduce step, a re-ask of an invalid answer or of unverified
   quotes, a request the engine failed) puts those requests into the next round's file.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai.types.chat
from pydantic import ValidationError

from ..service.files import BatchItem, DirSink, JsonlSink, output_errors
from ..backends.cache import AnswerCache, stored_answer
from ..core.settings import Settings
from ..ingest.documents import Document
from ..core.errors import ConfigError, InputError
from ..backends.clients.openai_chat import to_completion
from ..engines.llm.prompts import load_template
from .export import custom_id, settings_from_record
from .format import Result, RoundFile, file_sha256, numbered_lines, parse_result
from .job import Job, job_path_for, round_path
from .replay import Replayer, batch_settings

LISTED = 20  # engine failures and failed briefs listed one a line; the rest counted


@dataclass
class ImportResult:
    """What an import did."""

    answers: int = 0
    engine_failed: int = 0
    written: int = 0
    already: int = 0
    waiting: int = 0
    failed: list[str] = field(default_factory=list)
    next_round: Path | None = None
    next_requests: int = 0

    @property
    def complete(self) -> bool:
        return not self.waiting and not self.failed

    def describe(self, where: object) -> str:
        parts = [f"{self.answers} answer(s) imported", f"{self.written} brief(s) written to {where}"]
        if self.already:
            parts.append(f"{self.already} written earlier")
        if self.engine_failed:
            parts.append(f"{self.engine_failed} request(s) failed on the engine (listed above)")
        if self.failed:
            parts.append(f"{len(self.failed)} brief(s) failed (listed above)")
        if self.next_round is not None:
            parts.append(f"{self.waiting} brief(s) need another round: {self.next_requests} request(s) in "
                         f"{self.next_round}; run it on the engine and import its results")
        elif self.waiting:
            parts.append(f"{self.waiting} brief(s) still wait for answers")
        return "; ".join(parts)


def open_job(requests: Path, job_path: Path | None = None) -> tuple[Job, int]:
    """The job of a requests file and the file's round (one-line errors for a file that is not one)."""
    job = Job.open(job_path or job_path_for(requests))
    if not requests.is_file():
        job.close()
        raise InputError(f"{requests}: no such requests file; pass the file 'batch export' or 'batch import' wrote")
    number = job.round_of(file_sha256(requests))
    if number is None:
        job.close()
        raise InputError(f"{requests}: not a requests file of the job {job.path} (changed since it was written, or "
                         "from another export); pass the file 'batch export' or 'batch import' wrote, unchanged")
    return job, number


def job_settings(job: Job) -> Settings:
    """The export's settings, after checking that its prompt templates are unchanged."""
    settings = settings_from_record(job.meta("settings"))
    template = load_template(settings.template, Path(settings.prompts_dir) if settings.prompts_dir else None)
    if template.sha256 != job.meta("template_sha256"):
        raise ConfigError(f"prompt template {settings.template!r} changed since the export ({job.path}); restore it, "
                          "or export again (the requests were made with the old one)")
    return batch_settings(settings, job.meta("price_factor", 1.0))


class Output:
    """Where briefs go (a :class:`JsonlSink` or :class:`DirSink`), opened at the first need: an import
    refused for bad input leaves no empty file behind."""

    def __init__(self, factory: Callable[[], JsonlSink | DirSink]) -> None:
        self._factory = factory
        self.sink: JsonlSink | DirSink | None = None

    def open(self) -> JsonlSink | DirSink:
        if self.sink is None:
            self.sink = self._factory()
        return self.sink

    def close(self) -> None:
        if self.sink is not None:
            self.sink.close()


def import_results(requests: Path, results: list[Path], output: Output, *, job_path: Path | None = None,
                   cache: AnswerCache | None = None, fmt: str = "json") -> ImportResult:
    """Import ``results`` (answers to ``requests``), write the finished briefs to ``output``, write the next round."""
    job, number = open_job(requests, job_path)
    try:
        settings = job_settings(job)
        outcome = ImportResult()
        run = store_results(job, number, requests, results, settings.model, outcome)
        if cache is not None:
            for page in job.answers_of(run):
                cache.put_many(page, model=settings.model)
        asyncio.run(replay_all(job, settings, output.open(), fmt, outcome))
        return outcome
    finally:
        job.close()


def store_results(job: Job, number: int, requests: Path, results: list[Path], model: str, outcome: ImportResult) -> int:
    """Check every result line and store the answers and failures in one transaction; the import's run number."""
    run = int(job.meta("runs", 0)) + 1
    with job.transaction():
        known = 0
        for path in results:
            digest = file_sha256(path) if path.is_file() else ""
            if digest and job.was_imported(digest):
                continue  # imported before (an import run again): its answers and failures are stored once
            known += _store_file(job, number, requests, path, model, run, outcome)
            job.mark_imported(digest, path)
        job.set_meta({"runs": run})
    return run


def _store_file(job: Job, number: int, requests: Path, path: Path, model: str, run: int, outcome: ImportResult) -> int:
    """Store one results file's lines; raises (rolling the transaction back) at the first bad one."""
    unknown: tuple[str, str] | None = None
    known, answers = 0, []
    for line_number, line in numbered_lines(path):
        where = f"{path}:{line_number}"
        result = parse_result(line, where)
        request = job.request(result.custom_id, number)
        if request is None:
            unknown = unknown or (where, result.custom_id)
            continue
        known += 1
        _fp, key = request
        if result.body is None:
            job.add_failure(key, result.custom_id, result.error)
            _note_engine_failure(outcome, result)
            continue
        answers.append((key, json.dumps(_answer(result, where, model), ensure_ascii=False)))
        if len(answers) >= 500:
            job.put_answers(answers, run)
            outcome.answers += len(answers)
            answers = []
    job.put_answers(answers, run)
    outcome.answers += len(answers)
    if unknown is not None:
        raise _unknown_error(unknown, known, path, requests, job)
    if not known:
        raise InputError(f"{path}: no results in this file; pass the engine's results file for {requests}")
    return known


def _unknown_error(unknown: tuple[str, str], known: int, path: Path, requests: Path, job: Job) -> InputError:
    where, cid = unknown
    if known == 0:
        other = "another round of this job" if job.known_request(cid) else "another export"
        return InputError(f"{path}: none of its custom_ids is in {requests}: these are the results of {other}; "
                          f"pass the results of {requests} (nothing was imported)")
    return InputError(f"{where}: custom_id {cid[:80]!r} is not in {requests}; remove the line or pass the matching "
                      "requests file (nothing was imported)")


def _answer(result: Result, where: str, model: str) -> dict[str, Any]:
    """A result's completion as the answer cache stores it, after checking it came from the job's model."""
    body = result.body or {}
    answered_by = str(body.get("model") or "")
    if answered_by and answered_by != model and not answered_by.startswith(model + "-"):
        raise InputError(f"{where}: answered by model {answered_by!r}, but the job asked {model!r}; run the requests "
                         f"with --model {model}, or export again for {answered_by} (nothing was imported)")
    try:
        completion = to_completion(openai.types.chat.ChatCompletion.model_validate(body), 0.0)
    except ValidationError as exc:
        raise InputError(f"{where}: not a chat completion ({exc.errors()[0]['msg']}); pass the engine's results "
                         "file (nothing was imported)") from None
    return stored_answer(completion)


def _note_engine_failure(outcome: ImportResult, result: Result) -> None:
    outcome.engine_failed += 1
    if outcome.engine_failed <= LISTED:
        print(f"summariser: failed on the engine: {result.custom_id}: {result.error}", file=sys.stderr)


def sink_key(fp: str, fmt: str) -> str:
    """The key a written brief carries in the output (resume): its fingerprint and the output format."""
    return hashlib.sha256(f"{fp}:{fmt}".encode()).hexdigest()


async def replay_all(job: Job, settings: Settings, sink: JsonlSink | DirSink, fmt: str, outcome: ImportResult) -> None:
    """Replay every brief not yet in ``sink``; write the done ones; collect the next round's requests."""
    number = job.last_round() + 1
    with output_errors(job.path):
        requests = RoundFile(round_path(job.path, number))
    replayer = Replayer(settings, job.answer, job.failure)
    try:
        job.conn.execute("BEGIN IMMEDIATE")
        for fp, item_id, source, story, docs in job.briefs():
            key = sink_key(fp, fmt)
            if key in sink.done:
                outcome.already += 1
                continue
            documents = [Document(**d) for d in docs]
            await _replay_one(job, replayer, fp, BatchItem(id=item_id, source=source, key=key), documents, story,
                              sink, requests, number, outcome)
        _finish_round(job, requests, number, outcome)
    except BaseException:
        if job.conn.in_transaction:
            job.conn.execute("ROLLBACK")
        requests.abort()
        raise
    finally:
        await replayer.aclose()


async def _replay_one(job: Job, replayer: Replayer, fp: str, item: BatchItem, docs: list[Document], story: str,
                      sink: JsonlSink | DirSink, requests: RoundFile, number: int, outcome: ImportResult) -> None:
    replayed = await replayer.brief(docs, story)
    if replayed.brief is not None:
        sink.write(item, docs[0], replayed.brief, docs)
        outcome.written += 1
    elif replayed.error:
        outcome.failed.append(f"{item.source}: {replayed.error}")
        if len(outcome.failed) <= LISTED:
            print(f"summariser: failed: {outcome.failed[-1]}", file=sys.stderr)
    else:
        outcome.waiting += 1
        rows = []
        for pending in replayed.pending:
            cid = job.custom_id_of(fp, pending.key) or custom_id(fp, pending.key, first=False)
            requests.write(cid, pending.body)
            rows.append((cid, fp, pending.key))
        job.add_requests(number, rows)


def _finish_round(job: Job, requests: RoundFile, number: int, outcome: ImportResult) -> None:
    """Keep the next round's file (unless empty, or the same as a round already written) and commit."""
    if not requests.requests:
        requests.abort()
        job.conn.execute("ROLLBACK")
        return
    same = job.round_of(requests.sha256)
    if same is not None:  # an import run again writes the same next round: keep the file already there
        requests.abort()
        job.conn.execute("ROLLBACK")
        outcome.next_round, outcome.next_requests = round_file(job, same), requests.requests
        return
    requests.finish()
    job.add_round(number, requests.path, requests.sha256, requests.requests, requests.bytes)
    job.conn.execute("COMMIT")
    outcome.next_round, outcome.next_requests = requests.path, requests.requests


def round_file(job: Job, number: int) -> Path:
    """The requests file of round ``number`` (round 1: the export's)."""
    name = next(name for n, name, *_ in job.rounds() if n == number)
    return job.path.with_name(name)
