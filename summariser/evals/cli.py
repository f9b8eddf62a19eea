"""``summariser eval``: run a suite, report on a run, compare two runs, agreement of two annotations,
meta-evaluate metrics.

``summariser eval SUITE`` is short for ``summariser eval run SUITE``. Heavy modules are imported
inside the commands so the rest of the CLI starts fast.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import cli_options as opt
from typer.core import TyperGroup

DEFAULT_COMMAND = "run"


class DefaultCommandGroup(TyperGroup):
    """A group that runs ``run`` when the first argument is not one of its subcommands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Any: click's Context, vendored by newer typer
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


eval_app = typer.Typer(
    cls=DefaultCommandGroup, no_args_is_help=True,
    help="Evaluate briefs: 'summariser eval SUITE.yaml' runs a suite; also compare, report, agreement, meta.",
)


def _note(message: str) -> None:
    typer.echo(f"summariser: {message}", err=True)


def _logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="summariser: %(message)s", stream=sys.stderr)


@eval_app.command("run")
def run(
    suite: Annotated[Path, typer.Argument(help="Suite file, e.g. evals/suites/dev.yaml.")],
    predictions: Annotated[Path | None, typer.Option(help="Score these briefs (JSONL) instead of calling a model.")] = None,
    out: Annotated[Path | None, typer.Option(help="Run directory (default: runs/<suite>-<UTC time>). Reuse it to resume.")] = None,
    concurrency: Annotated[int | None, typer.Option(help="Cases in flight at once (default: the suite's).", callback=opt.at_least("--concurrency", 1))] = None,
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Skip cases already briefed in --out; failed ones run again.")] = True,
    baseline: Annotated[Path | None, typer.Option(help="A previous run directory for the max_drop gates.")] = None,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse cached model answers.")] = True,
    backend: Annotated[str | None, typer.Option(help="Override the suite's backend.")] = None,
    model: Annotated[str | None, typer.Option(help="Override the suite's model.")] = None,
    base_url: Annotated[str | None, typer.Option(help="Override the suite's server URL.")] = None,
    model_path: Annotated[str | None, typer.Option(help="Local backend: the GGUF model file (overrides the suite's).")] = None,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr.")] = True,
    batch: Annotated[bool, typer.Option("--batch", help="Make the model calls through the OpenAI Batch API (needs --out; run again to collect).")] = False,
) -> None:
    """Run a suite (or score --predictions), write a run directory, print the metrics, check the gates."""
    from ..service.files import check_output_dir
    from .gates import enforce
    from .report import terminal_table
    from .runner import RunOptions, run_suite
    from .suite import load_suite

    _logging()
    if out is not None:
        check_output_dir(out)
    systems = load_suite(suite).expand()
    gates, results, failures = [], [], []
    for system in systems:
        options = RunOptions(
            out=out / system.name if out is not None and len(systems) > 1 else out,
            predictions=predictions, concurrency=concurrency, resume=resume, baseline=baseline, cache=cache,
            progress=progress, overrides={"backend": backend, "model": model, "base_url": base_url, "model_path": model_path},
        )
        if batch:
            from ..batchjobs.evals import eval_batch

            result = eval_batch(system, options, _note)
            if result is None:
                continue
        else:
            result = run_suite(system, options)
        for warning in result.warnings:
            _note(f"warning: {warning}")
        typer.echo(terminal_table(result.summary, result.run_dir.read_config(), str(result.run_dir.path)))
        _note(f"run written to {result.run_dir.path}/ (report: {result.run_dir.file('report.html')})")
        gates += result.gates
        results.append((system.name, result))
        failures += [result.error] if result.error is not None else []
    if len(results) > 1:
        typer.echo(systems_table(results))
    if failures:
        raise failures[0]
    enforce(gates)


SIDE_BY_SIDE = ("quote_grounding", "speaker_accuracy", "stance_f1", "actor_recall", "key_fact_coverage", "rougeLsum", "cost_usd", "latency_s")


def systems_table(results: list) -> str:
    """The main metrics of several systems side by side (``eval compare`` gives intervals)."""
    from .report import format_value

    lines = ["systems side by side:", "system".ljust(24) + "".join(m.rjust(18) for m in SIDE_BY_SIDE)]
    for name, result in results:
        values = result.summary["metrics"]
        lines.append(name.ljust(24) + "".join(format_value(m, values.get(m)).rjust(18) for m in SIDE_BY_SIDE))
    return "\n".join(lines)


@eval_app.command("report")
def report(
    run_dir: Annotated[Path, typer.Argument(help="A run directory.")],
    html: Annotated[Path | None, typer.Option(help="Write the HTML report here (default: RUN_DIR/report.html).")] = None,
) -> None:
    """Print a run's metrics and (re)write its HTML report."""
    from ..service.files import check_output_file
    from .report import terminal_table, write_report
    from .store import RunDir

    _logging()
    if html is not None:
        check_output_file(html)
    rd = RunDir(run_dir)
    typer.echo(terminal_table(rd.read_summary(), rd.read_config(), str(run_dir)))
    _note(f"report: {write_report(rd, path=html)}")


@eval_app.command("compare")
def compare(
    run_a: Annotated[Path, typer.Argument(help="The reference run directory (A).")],
    run_b: Annotated[Path, typer.Argument(help="The run to compare with it (B).")],
    top: Annotated[int, typer.Option(help="How many most-changed cases to list.", callback=opt.at_least("--top", 0))] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    splits: Annotated[bool, typer.Option("--splits", help="A and B are runs of two splits (dev and test): unpaired intervals.")] = False,
    tolerance: Annotated[float | None, typer.Option(help="With --splits: call each metric within, apart or undecided at this gap.",
                                                    callback=opt.at_least("--tolerance", 0))] = None,
) -> None:
    """Per-metric deltas B-A with paired bootstrap 95% intervals, and the cases that changed most;
    with --splits, two runs of different case sets (dev and test) with unpaired intervals."""
    from ..core.errors import InputError
    from .compare import compare_runs, compare_splits, comparison_dict, format_comparison

    _logging()
    if tolerance is not None and not splits:
        raise InputError("--tolerance judges the gap between two splits: add --splits")
    comparison = compare_splits(str(run_a), str(run_b), tolerance) if splits else compare_runs(str(run_a), str(run_b), top)
    typer.echo(json.dumps(comparison_dict(comparison), indent=2) if as_json else format_comparison(comparison))


@eval_app.command("agreement")
def agreement(
    file_a: Annotated[Path, typer.Argument(help="First annotation file (cases.jsonl format).")],
    file_b: Annotated[Path, typer.Argument(help="Second annotation file, same case ids.")],
    articles: Annotated[Path | None, typer.Option(help="Folder the article paths are relative to (default: each file's folder).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Inter-annotator agreement: actor F1, target agreement, row F1, stance agreement and kappa."""
    from .agreement import agreement as measure
    from .agreement import agreement_json, format_agreement

    _logging()
    results, total = measure(file_a, file_b, articles)
    typer.echo(agreement_json(results, total) if as_json else format_agreement(results, total))


@eval_app.command("meta", context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []})
def meta(ctx: typer.Context) -> None:
    """Meta-evaluation: agreement of the automatic metrics with human judgments (SummEval)."""
    from .meta import meta_command  # here, not at the top: it loads scipy

    _delegate(meta_command, list(ctx.args))


def _delegate(command: Callable[..., Any], args: list[str]) -> None:
    """Run a Typer-annotated function with the remaining arguments."""
    single = typer.Typer(add_completion=False)
    single.command()(command)
    typer.main.get_command(single).main(args, prog_name="summariser eval meta", standalone_mode=False)


dataset_app = typer.Typer(no_args_is_help=True, help="Datasets: 'from-desk' exports editors' corrections as gold cases.")
eval_app.add_typer(dataset_app, name="dataset")


def _desk_store(store: Path | None) -> Path:
    import os

    from ..web.store import default_store_path

    return store or Path(os.environ.get("SUMMARISER_WEB_STORE") or default_store_path())


@dataset_app.command("from-desk")
def from_desk(
    out: Annotated[Path, typer.Option("-o", "--out", help="The dataset to write, e.g. desk/cases.jsonl (articles/, desk-predictions.jsonl and desk-suite.yaml go beside it).")],
    store: Annotated[Path | None, typer.Option(help="The desk's SQLite file (default: as 'summariser serve').")] = None,
    checked_only: Annotated[bool, typer.Option("--checked-only", help="Only briefs whose gold version is marked checked (adjudicated ones are).")] = False,
) -> None:
    """Write the desk's corrected briefs as eval cases (gold rows with quote offsets, the article text), the
    model's original briefs as predictions, and a suite that scores them."""
    from ..service.files import check_output_file
    from .desk_export import export_cases

    check_output_file(out)
    result = export_cases(_desk_store(store), out, checked_only)
    _note(f"wrote {result['cases']} cases ({result['rows']} gold rows) to {result['dataset']}; "
          f"score the model's briefs: summariser eval {result['suite']} --predictions {result['predictions']}")


@eval_app.command("desk-stats")
def desk_stats(
    store: Annotated[Path | None, typer.Option(help="The desk's SQLite file (default: as 'summariser serve').")] = None,
    period: Annotated[str, typer.Option(help="day, week or month (of the briefs' creation).")] = "week",
    checked_only: Annotated[bool, typer.Option("--checked-only", help="Only briefs whose gold version is checked.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """How editors corrected each model/prompt's briefs: rows kept, stances and speakers changed, rows deleted and added."""
    from ..core.errors import InputError
    from .desk_export import acceptance, acceptance_table

    if period not in ("day", "week", "month"):
        raise InputError(f"--period must be day, week or month, not {period!r}")
    stats = acceptance(_desk_store(store), period, checked_only)
    typer.echo(json.dumps(stats, indent=2) if as_json else acceptance_table(stats))
