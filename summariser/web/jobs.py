"""Background brief jobs: each request becomes an asyncio task with an id that pages poll.

The work of a job (fetching, HTML extraction, the model call or the CPU-bound extractive
engine, grounding) runs in a worker thread with its own event loop, so the server's loop stays
free to answer other editors while briefs are being made. A semaphore bounds how many jobs run
at once; the rest wait in the queue.

With a journal (the desk's :class:`~summariser.web.store.BriefStore`) every job is also recorded
in SQLite with its request, so it outlives the process: jobs a stopped desk left queued or running
are marked "interrupted" (never re-run by themselves: a model call may cost money) and can be run
again from their stored request.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, UTC

from ..core.errors import SummariserError
from .store import UNFINISHED, BriefStore, JobRecord

log = logging.getLogger("summariser.web")

Work = Callable[[Callable[[str], None]], str]  # gets a progress callback, returns the stored brief id

INTERRUPTED = ("the desk stopped (a restart, deploy or crash) before this brief was finished; it is not run again "
               "by itself, as a model call may cost money: choose Run again to make it now")


class DeskBusy(SummariserError):
    """Too many briefs are waiting; the caller should try again shortly."""


class NoSuchJob(SummariserError):
    """No job with this id is running or recorded."""


class NotRetryable(SummariserError):
    """The job cannot be run again (it is still going, or it has its brief)."""


class JobInterrupted(SummariserError):
    """Raised in a job's worker thread when the job was marked interrupted: stop, save nothing."""


@dataclass
class Job:
    """One brief request and where it has got to."""

    id: str
    label: str
    status: str = "queued"  # queued, running, done, error, interrupted
    stage: str = "waiting for a free worker"
    brief_id: str | None = None
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None

    @property
    def elapsed_s(self) -> float:
        return round(max(0.0, (self.finished or time.time()) - self.created), 1)

    @property
    def retryable(self) -> bool:
        """An interrupted or failed job can be run again from its stored request."""
        return self.status in ("interrupted", "error")

    def record(self, request: dict) -> JobRecord:
        """This job as the store keeps it, with ``request``."""
        created = _iso(self.created)
        return JobRecord(self.id, self.label, self.status, self.stage, created, created, self.error, self.brief_id, request)


def job_from_record(record: JobRecord) -> Job:
    """A recorded job (e.g. from before a restart) as a :class:`Job`."""
    created = datetime.fromisoformat(record.created_at).timestamp()
    finished = None if record.status in UNFINISHED else datetime.fromisoformat(record.updated_at).timestamp()
    return Job(record.id, record.label, record.status, record.stage, record.brief_id, record.error, created, finished)


class JobRunner:
    """Runs jobs as background tasks, at most ``concurrency`` at a time; remembers the last ``keep``."""

    def __init__(self, concurrency: int = 2, keep: int = 500, max_waiting: int = 50,
                 scrub: Callable[[str], str] = lambda s: s, journal: BriefStore | None = None) -> None:
        self.concurrency = concurrency
        self.max_waiting = max_waiting
        self.keep = keep
        self.scrub = scrub
        self.journal = journal
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._tasks: set[asyncio.Task] = set()
        self._semaphore: asyncio.Semaphore | None = None

    def recover(self) -> int:
        """At start-up: mark jobs a previous process left queued or running as interrupted; prune old rows."""
        if self.journal is None:
            return 0
        count = self.journal.interrupt_jobs(INTERRUPTED)
        self.journal.prune_jobs(self.keep)
        if count:
            log.warning("%d brief job(s) were interrupted by the last shutdown; they can be run again", count)
        return count

    def submit(self, label: str, work: Work, request: dict | None = None) -> Job:
        """Start ``work`` in the background (call from the server's event loop); return its job.

        ``request`` (JSON-able, no secrets) is recorded with the job so it can be run again."""
        waiting = sum(job.status == "queued" for job in self.jobs.values())
        if waiting >= self.max_waiting:
            raise DeskBusy(f"{waiting} briefs are already waiting; try again in a minute")
        job = Job(id=uuid.uuid4().hex[:16], label=label)
        self.jobs[job.id] = job
        self._prune()
        self._journal_add(job, request or {})
        task = asyncio.get_running_loop().create_task(self._run(job, work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def get(self, job_id: str) -> Job | None:
        """The job with this id: running here, or recorded in the store (also from before a restart)."""
        job = self.jobs.get(job_id)
        if job is None and self.journal is not None:
            record = self.journal.get_job(job_id)
            job = job_from_record(record) if record else None
        return job

    def request_of(self, job_id: str) -> dict:
        """The stored request of a job, to run it again; empty when none was kept."""
        record = self.journal.get_job(job_id) if self.journal is not None else None
        return record.request if record else {}

    async def _run(self, job: Job, work: Work) -> None:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.concurrency)
        async with self._semaphore:
            if job.status != "queued":  # interrupted while it waited
                return
            job.status, job.stage = "running", "starting"
            self._journal_update(job)
            try:
                brief_id = await asyncio.to_thread(work, self._progress(job))
                self._end(job, "done", brief_id=brief_id)
            except JobInterrupted:
                return
            except SummariserError as exc:
                self._end(job, "error", error=self.scrub(str(exc)))
            except Exception as exc:
                log.exception("brief job %s failed", job.id)
                self._end(job, "error", error=self.scrub(f"internal error ({type(exc).__name__}); see the server log and report it"))

    def _progress(self, job: Job) -> Callable[[str], None]:
        """The worker's progress callback: records the stage, and stops the work once the job was interrupted."""
        def progress(stage: str) -> None:
            if job.status == "interrupted":
                raise JobInterrupted("the desk is stopping")
            job.stage = stage
            self._journal_update(job)
        return progress

    def _end(self, job: Job, status: str, brief_id: str | None = None, error: str | None = None) -> None:
        if job.status == "interrupted":  # the desk stopped meanwhile; the record already says so
            return
        job.status, job.stage = status, "done" if status == "done" else "failed"
        job.brief_id, job.error, job.finished = brief_id, error, time.time()
        self._journal_update(job)

    def interrupt_unfinished(self, message: str = INTERRUPTED) -> list[str]:
        """Mark this runner's queued and running jobs interrupted (here and in the store); returns their ids."""
        ids = [job.id for job in self.jobs.values() if job.status in UNFINISHED]
        for job_id in ids:
            job = self.jobs[job_id]
            job.status, job.stage, job.error, job.finished = "interrupted", "interrupted", message, time.time()
        if ids and self.journal is not None:
            self._safely(self.journal.interrupt_jobs, message, ids)
        return ids

    async def shutdown(self, grace_s: float | None = None) -> None:
        """Wait up to ``grace_s`` seconds (None: as long as it takes) for jobs, then mark the rest interrupted."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=grace_s)
        ids = self.interrupt_unfinished()
        if ids:
            log.warning("stopping with %d brief job(s) unfinished; they are marked interrupted", len(ids))

    async def drain(self) -> None:
        """Wait for running jobs (used by tests)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _prune(self) -> None:
        while len(self.jobs) > self.keep:
            oldest = next(iter(self.jobs.values()))
            if oldest.status in UNFINISHED:
                break
            self.jobs.popitem(last=False)

    def _journal_add(self, job: Job, request: dict) -> None:
        if self.journal is not None:
            self._safely(self.journal.add_job, job.record(request))
            self._safely(self.journal.prune_jobs, self.keep)

    def _journal_update(self, job: Job) -> None:
        if self.journal is not None:
            self._safely(self.journal.update_job, job.id, job.status, job.stage, job.error, job.brief_id)

    def _safely(self, write, *args) -> None:
        """A failed job record is logged, never fatal: the brief itself still gets made and stored."""
        try:
            write(*args)
        except sqlite3.Error as exc:
            log.warning("could not record a brief job in the store (%s)", exc)


def _iso(stamp: float) -> str:
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="milliseconds")
