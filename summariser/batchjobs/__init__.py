"""Batch jobs: briefs through batch engines (OpenAI Batch API, vllm run-batch, Ray Data LLM, LiteLLM).

* :mod:`.format`: request and result lines of the batch JSONL format.
* :mod:`.job`: the job file (SQLite) beside the requests file: briefs, requests, answers, batches.
* :mod:`.replay`: the online pipeline run against a job's answers (the one code path).
* :mod:`.export`: round 1's requests. :mod:`.ingest`: results in, briefs and the next round out.
* :mod:`.openai_batch`: submit, status, collect, cancel on the OpenAI Batch API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core._lazy import lazy_exports

if TYPE_CHECKING:
    from .export import BriefInput, brief_inputs
    from .ingest import import_results, Output
    from .openai_batch import BatchClient, submit, status, collect, cancel

__all__ = ['BatchClient', 'BriefInput', 'Output', 'brief_inputs', 'cancel', 'collect', 'import_results', 'status', 'submit']

__getattr__, __dir__ = lazy_exports(__name__, {
    "BriefInput": ".export",
    "brief_inputs": ".export",
    "import_results": ".ingest",
    "Output": ".ingest",
    "BatchClient": ".openai_batch",
    "submit": ".openai_batch",
    "status": ".openai_batch",
    "collect": ".openai_batch",
    "cancel": ".openai_batch",
}, globals())
