"""BriefSpec: the one record of everything that shapes a brief, and its fingerprint.

Batch resume keys, eval resume and run configs all use :meth:`BriefSpec.fingerprint`, so a
setting that changes a brief (chunk size, context window, template content, schema ...) can
never be missed by one of them. Settings that do not change a brief are listed in
:data:`NOT_SHAPING`; a test checks that every other Settings field changes the fingerprint.
Never holds the API key; the server URL is kept without credentials.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.settings import Settings
    from ..engines.base import EngineInfo

__all__ = ["NOT_SHAPING", "BriefSpec"]

# Settings fields that never change a brief: secrets, transport, the binary that serves the same model,
# and the record that a model name was defaulted (the name itself is in the spec).
NOT_SHAPING = frozenset({"api_key", "max_retries", "timeout_s", "llama_server", "model_defaulted"})


@dataclass(frozen=True)
class BriefSpec:
    """Everything that shapes a brief: engine, model, prompt and schema, style, chunking, attempts, prices."""

    backend: str
    model: str
    base_url: str
    model_path: str
    template: str
    template_sha256: str | None
    schema_sha256: str | None
    words: int
    audience: str
    language: str
    extractive_mode: str
    max_attempts: int
    temperature: float | None
    max_output_tokens: int
    context_window: int
    chunk_tokens: int
    price: tuple[float, float] | None

    @classmethod
    def of(cls, settings: Settings, info: EngineInfo | None = None) -> BriefSpec:
        """The spec of briefs made with ``settings`` by the engine described by ``info`` (default: the configured one)."""
        from ..engines.llm.pricing import price_for
        from ..core.redact import redact_url

        if info is None:
            from ..backends import engine_info

            info = engine_info(settings)
        template = info.template
        return cls(
            backend=info.backend, model=info.model, base_url=redact_url(settings.base_url), model_path=settings.model_path,
            template=template.name if template is not None else settings.template,
            template_sha256=template.sha256 if template is not None else None, schema_sha256=info.schema_sha256,
            words=settings.words, audience=settings.audience, language=settings.language,
            extractive_mode=settings.extractive_mode, max_attempts=settings.max_attempts,
            temperature=settings.temperature, max_output_tokens=settings.max_output_tokens,
            context_window=settings.context_window, chunk_tokens=settings.chunk_tokens,
            price=price_for(info.model, settings.prices),  # meta.cost_usd
        )

    def record(self) -> dict[str, Any]:
        """The spec as JSON-able data (for config files and resume keys)."""
        data = asdict(self)
        data["price"] = list(self.price) if self.price is not None else None
        return data

    def fingerprint(self) -> str:
        """SHA-256 of the canonical JSON of :meth:`record`: equal exactly when briefs are made the same way."""
        canonical = json.dumps(self.record(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
