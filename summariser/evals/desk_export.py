"""Editors' corrections as gold: export the desk's corrected briefs as an eval dataset, and
acceptance figures of the model's briefs (``summariser eval dataset from-desk``, ``eval desk-stats``).

Which version of a brief is the gold one: the adjudicated version when there is one; else the
checked editor's version changed last; else (unless ``checked_only``) the editor's version
changed last. A brief nobody corrected or checked is not exported.

Acceptance of one brief compares that version with the model's rows (``rN`` ids survive every
edit): *kept* rows are unchanged (actor, role, claim, stance and quote), *stance changed* and
*speaker changed* rows had their stance or actor changed, *deleted* rows were removed, and
*added* rows are editors' rows (voices the model missed). Shares of kept, stance changed, speaker
changed and deleted are of the model's rows; the share added is of the corrected table's rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from pathlib import Path

from ..core.errors import InputError

SUITE = """# Scores the model's original briefs (desk-predictions.jsonl) against the editors' corrections.
#   summariser eval {suite} --predictions {predictions}
name: desk
description: briefs corrected in the summariser desk ({cases} cases), exported {today}
dataset: {dataset}
scorers: [validity, grounding, stance, key_facts, rouge]
"""
COUNTS = ("briefs", "rows", "kept", "stance_changed", "speaker_changed", "deleted", "added", "final_rows")
SHARES = {"kept_share": ("kept", "rows"), "stance_changed_share": ("stance_changed", "rows"),
          "speaker_changed_share": ("speaker_changed", "rows"), "deleted_share": ("deleted", "rows"),
          "added_share": ("added", "final_rows")}


def _stores(path: str | Path):
    """The brief and correction stores of an existing desk file (never creates one)."""
    from ..web.corrections import CorrectionStore
    from ..web.store import BriefStore

    path = Path(path)
    if not path.is_file():
        raise InputError(f"no desk store at {path}; pass --store with the file 'summariser serve --store' uses")
    return BriefStore(path), CorrectionStore(path)


def gold_tracks(tracks: list[dict], checked_only: bool = False) -> dict[str, dict]:
    """The gold track of each brief (see the module docstring), by brief id."""
    from ..web.corrections import ADJUDICATED

    by_brief: dict[str, list[dict]] = defaultdict(list)
    for t in tracks:
        by_brief[t["brief_id"]].append(t)
    chosen = {}
    for brief_id, mine in by_brief.items():
        adjudicated = [t for t in mine if t["track"] == ADJUDICATED]
        checked = [t for t in mine if t["checked"]]
        best = adjudicated[0] if adjudicated else max(checked or mine, key=lambda t: t["updated_at"])
        if best["checked"] or not checked_only:
            chosen[brief_id] = {**best, "editors": sorted(t["track"] for t in mine if t["track"] != ADJUDICATED)}
    return chosen


# --- export ------------------------------------------------------------------------------------


def export_cases(store_path: str | Path, out: str | Path, checked_only: bool = False) -> dict:
    """Write the gold versions as a dataset beside ``out`` (cases, articles/, predictions, suite); returns counts."""
    from ..service.files import atomic_write
    from .dataset import load_dataset

    briefs, corrections = _stores(store_path)
    out = Path(out)
    if out.suffix != ".jsonl":
        raise InputError(f"{out}: the dataset is JSONL; name it e.g. cases.jsonl")
    chosen = gold_tracks(corrections.all_tracks(), checked_only)
    lines, predictions, rows = [], [], 0
    for brief_id, track in chosen.items():
        stored = briefs.get(brief_id)
        case, files = desk_case(stored, corrections.version(brief_id, track["track"]), track)
        for relative, text in files.items():
            atomic_write(out.parent / relative, text)
        lines.append(json.dumps(case, ensure_ascii=False))
        predictions.append(json.dumps({"id": case["id"], "brief": stored.brief.model_dump(mode="json")}, ensure_ascii=False))
        rows += len(case["gold_stances"])
    if not lines:
        raise InputError("no corrected briefs in the store" + (" that are checked" if checked_only else "") + "; correct some in the desk first")
    atomic_write(out, "\n".join(lines) + "\n")
    predictions_path, suite_path = out.parent / "desk-predictions.jsonl", out.parent / "desk-suite.yaml"
    atomic_write(predictions_path, "\n".join(predictions) + "\n")
    atomic_write(suite_path, SUITE.format(suite=suite_path, predictions=predictions_path, cases=len(lines),
                                          today=date.today().isoformat(), dataset=out.name))
    load_dataset(out)  # the loader checks every case, including each quote at its offsets
    return {"cases": len(lines), "rows": rows, "dataset": str(out), "predictions": str(predictions_path), "suite": str(suite_path)}


def desk_case(stored, version, track: dict) -> tuple[dict, dict[str, str]]:
    """One eval case (and its article files, by path relative to the dataset) from a gold version."""
    case_id = f"desk-{stored.id}"
    texts = stored.inputs.texts()
    story = len(texts) > 1
    files = {f"articles/{case_id}{f'-{n}' if story else ''}.txt": s.text for n, s in enumerate(texts, 1)}
    paths = list(files)
    meta = stored.brief.meta
    metadata = {
        "title": stored.inputs.title or stored.brief.headline, "url": stored.inputs.url, "date": stored.created_at[:10],
        "source": "summariser desk", "brief_id": stored.id, "gold": track["track"], "editors": track["editors"],
        "checked": bool(version.checked), "version": version.version, "backend": meta.backend, "model": meta.model,
        "prompt": f"{meta.prompt.name}@{meta.prompt.sha256[:10]}" if meta.prompt else "",
    }
    kept = [b.text for b in version.bullets if not b.wrong]
    case = {"id": case_id, "metadata": metadata,
            "gold_stances": [_gold_row(r, story, texts[0].id) for r in version.live_rows()],
            "key_facts": kept, "references": [" ".join(kept)] if kept else []}
    if story:
        case["articles"] = [{"id": s.id, "article": p, "title": s.title, "url": s.url, "date": stored.created_at[:10]}
                            for s, p in zip(texts, paths)]
    else:
        case["article"] = paths[0]
    return case, files


def _gold_row(row, story: bool, only_source: str) -> dict:
    """A gold row: the row's first verified quote with its offsets (no quote when none is verified)."""
    evidence = next((e for e in row.evidence if e.verified), None)
    gold = {"actor": row.actor, "aliases": [], "role": row.role, "target": row.target, "target_paraphrases": [],
            "stance": row.stance, "quote": evidence.quote if evidence else "",
            "start": evidence.start if evidence else None, "end": evidence.end if evidence else None}
    if story:
        gold["source"] = (evidence.source_id or only_source) if evidence else ""
    return gold


# --- acceptance figures ------------------------------------------------------------------------


def outcome(original, version) -> dict[str, int]:
    """Counts of one brief's rows: kept, stance changed, speaker changed, deleted, added (module docstring)."""
    from ..web.corrections import row_diff

    counts = dict.fromkeys(COUNTS, 0)
    counts.update(briefs=1, rows=len(original.rows), final_rows=len(version.live_rows()))
    for d in row_diff(original, version):
        status, changes = d["status"], d["changes"]
        counts["kept"] += status == "unchanged"
        counts["deleted"] += status == "deleted"
        counts["added"] += status == "added"
        counts["stance_changed"] += status == "changed" and "stance" in changes
        counts["speaker_changed"] += status == "changed" and "actor" in changes
    return counts


def period_of(created_at: str, period: str) -> str:
    """The day (2026-11-25), ISO week (2026-W48) or month (2026-11) a brief was made in."""
    day = date.fromisoformat(created_at[:10])
    if period == "day":
        return day.isoformat()
    if period == "month":
        return day.isoformat()[:7]
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def acceptance(store_path: str | Path, period: str = "week", checked_only: bool = False) -> dict:
    """Acceptance figures per engine (backend, model, prompt), overall and per period of the briefs' creation."""
    from ..web.corrections import initial

    briefs, corrections = _stores(store_path)
    tracks = corrections.all_tracks()
    info = {t["brief_id"]: t for t in tracks}
    groups: dict[tuple, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: dict.fromkeys(COUNTS, 0)))
    for brief_id, track in gold_tracks(tracks, checked_only).items():
        stored = briefs.get(brief_id)
        version = corrections.version(brief_id, track["track"])
        counts = outcome(initial(brief_id, track["track"], stored.brief), version)
        t = info[brief_id]
        prompt = f"{t['prompt_name']}@{(t['prompt_sha256'] or '')[:10]}" if t["prompt_name"] else ""
        for bucket in ("all", period_of(t["created_at"], period)):
            total = groups[(t["backend"], t["model"], prompt)][bucket]
            for k in COUNTS:
                total[k] += counts[k]
    return {"period": period, "checked_only": checked_only, "groups": [
        {"backend": backend, "model": model, "prompt": prompt, "total": _with_shares(buckets.pop("all")),
         "periods": [{"period": p, **_with_shares(c)} for p, c in sorted(buckets.items())]}
        for (backend, model, prompt), buckets in sorted(groups.items())]}


def _with_shares(counts: dict[str, int]) -> dict:
    shares = {name: (round(counts[num] / counts[den], 4) if counts[den] else None) for name, (num, den) in SHARES.items()}
    return {**counts, **shares}


def acceptance_table(stats: dict) -> str:
    """The figures as a plain-text table: one line per engine and period, then its total."""
    head = ["engine", "period", "briefs", "rows", "kept", "stance chg", "speaker chg", "deleted", "added"]
    lines = [head]
    for g in stats["groups"]:
        engine = f"{g['backend']}/{g['model']}" + (f" {g['prompt']}" if g["prompt"] else "")
        for p in [*g["periods"], {"period": "all", **g["total"]}]:
            lines.append([engine, p["period"], str(p["briefs"]), str(p["rows"]), *(_pct(p[s]) for s in SHARES)])
    if len(lines) == 1:
        return "no corrected briefs yet"
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))) for line in lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"
