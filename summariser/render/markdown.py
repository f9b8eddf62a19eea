"""Markdown: readable in a terminal, pasteable into a planning doc."""

from __future__ import annotations

from ..core.schema import Brief, Evidence

VERIFIED = "\u2713"
UNVERIFIED = "\u26a0 unverified"
DASH = "\u2013"


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def evidence_mark(evidence: Evidence, with_source: bool = False) -> str:
    where = f"{evidence.source_id} " if with_source and evidence.source_id else ""
    if evidence.verified:
        return f"{VERIFIED} {where}chars {evidence.start}\u2013{evidence.end}"
    if evidence.match == "fuzzy":
        return f"{UNVERIFIED} (closest match {where}chars {evidence.start}\u2013{evidence.end})"
    return f"{UNVERIFIED} (not in source)"


def _quote(evidence: Evidence, with_source: bool = False) -> str:
    return f"\u201c{_cell(evidence.quote)}\u201d {evidence_mark(evidence, with_source)}"


def _source_line(source) -> str:
    parts = [source.title or source.path or source.id, source.date, source.url]
    return " \u00b7 ".join(p for p in parts if p)


def _byline(brief: Brief) -> str:
    meta = brief.meta
    parts = [f"{meta.backend} / {meta.model}"]
    if meta.prompt:
        parts.append(f"prompt {meta.prompt.name}@{meta.prompt.sha256[:10]}")
    if meta.usage.requests:
        parts.append(f"{meta.attempts} attempt(s), {meta.usage.prompt_tokens}+{meta.usage.completion_tokens} tokens")
    if meta.cost_usd is not None:
        parts.append(f"~${meta.cost_usd:.4f}")
    parts.append(f"{meta.latency_s:.2f}s")
    if len(meta.sources) > 1:
        parts.insert(0, f"{len(meta.sources)} sources, {meta.processing.mode}")
        return "*" + " \u00b7 ".join(parts) + "*"
    source = meta.sources[0] if meta.sources else None
    name = (source.title or source.path or source.url or source.id) if source else ""
    return f"*Source: {name} \u00b7 " + " \u00b7 ".join(parts) + "*"


def render_markdown(brief: Brief) -> str:
    many = len(brief.meta.sources) > 1
    lines = [f"# {brief.headline}", "", _byline(brief), ""]
    if many:
        lines += ["Sources:", ""] + [f"- **{s.id}**: {_source_line(s)}" for s in brief.meta.sources] + [""]
    lines += ["## Summary", ""]
    for point in brief.summary:
        unverified = any(not e.verified for e in point.evidence)
        lines.append(f"- {point.text}" + (f" ({UNVERIFIED} support)" if unverified else ""))
    lines += ["", "## Who stands where", ""]
    if brief.stance_table:
        lines += ["| Actor | Role | Stance | Toward the claim | Evidence |", "|---|---|---|---|---|"]
        for row in brief.stance_table:
            quotes = "<br>".join(_quote(e, many) for e in row.evidence)
            speaker = " (speaker not named near quote)" if row.speaker_check == "not_near_quote" else ""
            lines.append(
                f"| {_cell(row.actor)}{speaker} | {_cell(row.role) or DASH} | **{row.stance}** | {_cell(row.target)} | {quotes} |"
            )
    else:
        lines.append("No attributed positions found.")
    if brief.disagreements:
        lines += ["", "## Where sources disagree", ""]
        for item in brief.disagreements:
            quotes = "; ".join(_quote(e, True) for e in item.evidence)
            lines.append(f"- **{item.kind}**: {item.summary}" + (f" \u2014 {quotes}" if quotes else ""))
    if brief.what_to_watch:
        lines += ["", "## What to watch", ""] + [f"- {item}" for item in brief.what_to_watch]
    if brief.meta.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in brief.meta.warnings]
    return "\n".join(lines) + "\n"
