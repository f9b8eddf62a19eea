"""Batch jobs: briefs through batch engines (OpenAI Batch API, vllm run-batch, Ray Data LLM, LiteLLM).

* :mod:`.format`: request and result lines of the batch JSONL format.
* :mod:`.job`: the job file (SQLite) beside the requests file: briefs, requests, answers, batches.
* :mod:`.replay`: the online pipeline run against a job's answers (the one code path).
* :mod:`.export`: round 1's requests. :mod:`.ingest`: results in, briefs and the next round out.
* :mod:`.openai_batch`: submit, status, collect, cancel on the OpenAI Batch API.
"""
