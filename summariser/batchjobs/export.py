"""``summariser batch export``: round 1 of a batch job, the requests the online path would send.

Each brief is replayed (:mod:`summariser.batchjobs.replay`) with no answers: the requests it
stops at are exactly what an online run sends first (same templates, strict json_schema, model,
sampling): one per article that fits the context window, one per chunk for a long article or a
story (their reduce request follows in a later round, written by ``import``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import os
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..service.files import BatchItem, assign_keys, expand_inputs, iter_inputs, output_errors, settings_fingerprint
from ..core.settings import Settings
from ..service.settings import load_settings
from ..ingest.documents import Document, unique_ids
from ..core.errors import ConfigError, InputError, SummariserError
from ..core.redact import url_secrets
from .format import RoundFile
from .job import Job, job_path_for
from .replay import Replayer

DEFAULT_PRICE_FACTOR = 0.5  # OpenAI's Batch API: half the online price


def brief_fingerprint(items: list[BatchItem], settings: Settings, engine: Any, story: str = "") -> str:
    """The brief's fingerprint, its custom_id: the inputs' identity plus everything that shapes the brief.

    Computed with the batch resume keys of :mod:`summariser.service.files` (one key per input);
    a story's is the hash of its inputs' keys and its title.
    """
    keyed = assign_keys([dataclasses.replace(item) for item in items], settings_fingerprint(settings, engine, "batch"))
    if len(items) == 1 and not story:
        return keyed[0].key
    return hashlib.sha256(json.dumps([[i.key for i in keyed], story]).encode("utf-8")).hexdigest()


def custom_id(fingerprint: str, key: str, first: bool) -> str:
    """A request line's custom_id: the brief's fingerprint for its first request, then fingerprint.<answer key>."""
    return fingerprint if first else f"{fingerprint}.{key[:16]}"


def export_settings(**overrides: Any) -> Settings:
    """The settings of an online run with a model server (the openai backend; OpenAI's own by default)."""
    backend = overrides.pop("backend", None)
    if backend not in (None, "openai"):
        raise ConfigError(f"batch jobs run on OpenAI-compatible engines; --backend {backend} cannot be exported (use openai)")
    if not _has_server(overrides):
        overrides["base_url"] = "https://api.openai.com/v1"  # what an online run with OPENAI_API_KEY talks to
    settings = load_settings(backend="openai", **overrides)
    if url_secrets(settings.base_url):
        raise ConfigError("--base-url holds a user name or password, which a batch job would store; "
                          "pass the key in OPENAI_API_KEY instead")
    return settings


def _has_server(overrides: dict[str, Any]) -> bool:
    return bool(overrides.get("base_url") or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY"))


def settings_record(settings: Settings) -> dict[str, Any]:
    """The settings as the job stores them (never the API key)."""
    record = dataclasses.asdict(settings)
    record.pop("api_key", None)
    record["prices"] = {model: list(pair) for model, pair in settings.prices.items()}
    return record


def settings_from_record(record: dict[str, Any], api_key: str = "") -> Settings:
    """The job's settings again (with the API key from the environment)."""
    known = {f.name for f in dataclasses.fields(Settings)}
    values = {k: v for k, v in record.items() if k in known}
    values["prices"] = {model: tuple(pair) for model, pair in record.get("prices", {}).items()}
    return Settings(**values, api_key=api_key)


@dataclass
class ExportResult:
    """What an export wrote."""

    briefs: int = 0
    requests: int = 0
    multi_round: int = 0
    failed: list[str] = field(default_factory=list)

    def describe(self, requests_path: Path, job_path: Path) -> str:
        later = (f"; {self.multi_round} long article(s) or story(ies) need a reduce round: "
                 f"'summariser batch import' writes it" if self.multi_round else "")
        return (f"{self.briefs} brief(s), {self.requests} request(s) in round 1{later}; "
                f"requests: {requests_path}; job: {job_path} (keep it beside the requests file)")


@dataclass
class BriefInput:
    """One brief to export: its inputs (they make its fingerprint), its story title, its documents
    (given, as an eval case's are, or loaded from the inputs)."""

    id: str
    source: str
    items: list[BatchItem]
    story: str = ""
    documents: list[Document] | None = None

    def load(self, encoding: str | None) -> list[Document]:
        if self.documents is not None:
            return self.documents
        return unique_ids([item.load(encoding) for item in self.items])


def brief_inputs(sources: list[str], *, merge: bool = False, story: str = "") -> Iterable[BriefInput]:
    """The briefs of the command line's inputs: one per article (a stream: a JSONL file of articles is read
    a line at a time), or one story of them all."""
    if merge or story:
        items = expand_inputs(sources)
        return [BriefInput(story or "story", f"story of {len(items)} articles", items, story)]
    return (BriefInput(item.id, item.source, [item]) for item in iter_inputs(sources))


def export(briefs: Iterable[BriefInput], out: Path, settings: Settings, *, encoding: str | None = None,
           price_factor: float = DEFAULT_PRICE_FACTOR) -> ExportResult:
    """Write round 1's requests to ``out`` and the job beside it; nothing is left half-written."""
    job_path = job_path_for(out)
    if job_path.exists():
        raise InputError(f"{job_path}: a batch job is already there; pass another -o, or delete {job_path} and "
                         f"{out} to export again")
    if out.suffix != ".jsonl":
        raise InputError(f"{out}: a requests file name ends in .jsonl; pass -o NAME.jsonl")
    with output_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp_job = job_path.with_name(f".{job_path.name}.{uuid.uuid4().hex[:8]}.tmp")
        requests = RoundFile(out)
    job = Job.create(tmp_job, _meta(settings, price_factor))
    try:
        with job.transaction():
            result = asyncio.run(_export_all(briefs, job, requests, settings, encoding))
            if not result.briefs:
                raise InputError(f"nothing to export: every input failed ({len(result.failed)}, listed above); fix them")
            job.add_round(1, out, requests.sha256, requests.requests, requests.bytes)
        job.close()
        _commit(requests, tmp_job, job_path)
    except BaseException:
        job.close()
        requests.abort()
        tmp_job.unlink(missing_ok=True)
        raise
    return result


def _meta(settings: Settings, price_factor: float) -> dict[str, Any]:
    from ..engines.llm.prompts import load_template

    template = load_template(settings.template, Path(settings.prompts_dir) if settings.prompts_dir else None)
    return {"job_id": uuid.uuid4().hex, "settings": settings_record(settings), "model": settings.model,
            "base_url": settings.base_url, "template_sha256": template.sha256, "price_factor": price_factor}


async def _export_all(briefs: Iterable[BriefInput], job: Job, requests: RoundFile, settings: Settings,
                      encoding: str | None) -> ExportResult:
    replayer = Replayer(settings, lambda key: None)
    result = ExportResult()
    try:
        for brief in briefs:
            await _export_one(brief, job, requests, replayer, encoding, result)
    finally:
        await replayer.aclose()
    return result


async def _export_one(brief: BriefInput, job: Job, requests: RoundFile, replayer: Replayer, encoding: str | None,
                      result: ExportResult) -> None:
    """Record one brief and write the requests it starts with."""
    try:
        docs = brief.load(encoding)
    except SummariserError as exc:
        _fail(result, brief.source, exc)
        return
    fp = brief_fingerprint(brief.items, settings=replayer.settings, engine=replayer.engine, story=brief.story)
    replayed = await replayer.brief(docs, brief.story)
    if replayed.error or not replayed.pending:
        _fail(result, brief.source, replayed.error or "the engine made no request")
        return
    if not job.add_brief(fp, brief.id, brief.source, brief.story, [_doc(d) for d in docs]):
        return  # the very same input twice
    rows = []
    for number, pending in enumerate(replayed.pending):
        cid = custom_id(fp, pending.key, number == 0)
        requests.write(cid, pending.body)
        rows.append((cid, fp, pending.key))
    job.add_requests(1, rows)
    result.briefs += 1
    result.requests += len(rows)
    result.multi_round += len(docs) > 1 or len(rows) > 1


def _fail(result: ExportResult, source: str, error: object) -> None:
    text = str(error)
    text = text if text.startswith(f"{source}:") else f"{source}: {text}"
    result.failed.append(text)
    print(f"summariser: failed: {text}", file=sys.stderr)


def _doc(doc: Document) -> dict[str, Any]:
    return dataclasses.asdict(doc)


def _commit(requests: RoundFile, tmp_job: Path, job_path: Path) -> None:
    """Requests file first, then the job (whose presence means the export is complete)."""
    requests.finish()
    fd = os.open(tmp_job, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp_job, job_path)


__all__ = [
    "BriefInput",
    "ExportResult",
    "brief_fingerprint",
    "brief_inputs",
    "custom_id",
    "export",
    "export_settings",
    "settings_from_record",
    "settings_record",
]
