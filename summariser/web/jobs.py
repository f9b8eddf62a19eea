"""Background brief jobs: each request becomes an asyncio task with an id that pages poll.

The work of a job (fetching, HTML extraction, the model call or the CPU-bound extractive
engine, grounding) runs in a worker thread with its own event loop, so the server's loop stays
free to answer other editors while briefs are being made. A semaphore bounds how many jobs run
at once; the rest wait in the queue.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import SummariserError

log = logging.getLogger("summariser.web")

Work = Callable[[Callable[[str], None]], str]  # gets a progress callback, returns the stored brief id


class DeskBusy(SummariserError):
    """Too many briefs are waiting; the caller should try again shortly."""


@dataclass
class Job:
    """One brief request and where it has got to."""

    id: str
    label: str
    status: str = "queued"  # queued, running, done, error
    stage: str = "waiting for a free worker"
    brief_id: str | None = None
    error: str | None = None
    created: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def elapsed_s(self) -> float:
        return round((self.finished or time.monotonic()) - self.created, 1)


class JobRunner:
    """Runs jobs as background tasks, at most ``concurrency`` at a time; remembers the last ``keep``."""

    def __init__(self, concurrency: int = 2, keep: int = 500, max_waiting: int = 50,
                 scrub: Callable[[str], str] = lambda s: s) -> None:
        self.concurrency = concurrency
        self.max_waiting = max_waiting
        self.keep = keep
        self.scrub = scrub
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._tasks: set[asyncio.Task] = set()
        self._semaphore: asyncio.Semaphore | None = None

    def submit(self, label: str, work: Work) -> Job:
        """Start ``work`` in the background (call from the server's event loop); return its job."""
        waiting = sum(job.status == "queued" for job in self.jobs.values())
        if waiting >= self.max_waiting:
            raise DeskBusy(f"{waiting} briefs are already waiting; try again in a minute")
        job = Job(id=uuid.uuid4().hex[:16], label=label)
        self.jobs[job.id] = job
        self._prune()
        task = asyncio.get_running_loop().create_task(self._run(job, work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    async def _run(self, job: Job, work: Work) -> None:
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.concurrency)
        async with self._semaphore:
            job.status, job.stage = "running", "starting"
            try:
                job.brief_id = await asyncio.to_thread(work, lambda stage: setattr(job, "stage", stage))
                job.status, job.stage = "done", "done"
            except SummariserError as exc:
                job.status, job.stage, job.error = "error", "failed", self.scrub(str(exc))
            except Exception as exc:  # noqa: BLE001 - a job must end with a status, never hang
                log.exception("brief job %s failed", job.id)
                job.status, job.stage = "error", "failed"
                job.error = self.scrub(f"internal error ({type(exc).__name__}); see the server log and report it")
            finally:
                job.finished = time.monotonic()

    def _prune(self) -> None:
        while len(self.jobs) > self.keep:
            oldest = next(iter(self.jobs.values()))
            if oldest.status in ("queued", "running"):
                break
            self.jobs.popitem(last=False)

    async def drain(self) -> None:
        """Wait for running jobs (used at shutdown and by tests)."""
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
