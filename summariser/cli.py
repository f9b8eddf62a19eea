"""The command line: a thin face over the library. Parse, call, render, map errors to exit codes."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer


from . import __version__
from . import cli_options as opt
from .cli_options import BATCH, INPUT, MODEL, OUTPUT, STYLE
from .core.errors import InputError, SummariserError
from .evals.cli import eval_app
from .batchjobs.cli import batch_app
from .web.command import serve_app

# Everything else loads inside the command that needs it: `summariser --help` stays fast.
if TYPE_CHECKING:
    from .backends.cache import AnswerCache
    from .core.settings import Settings
    from .ingest.documents import Document


SAMPLE = Path(__file__).parent / "samples" / "syria-withdrawal.txt"
USAGE_EXIT = SummariserError.exit_code  # the README's "usage error", as for "no input" or an unknown option

app = typer.Typer(
    help="Briefs from news articles that an editor can trust: summary, stance table with verified quotes.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
prompts_app = typer.Typer(help="List, show and render prompt templates.", no_args_is_help=True)
app.add_typer(prompts_app, name="prompts")
app.add_typer(serve_app, name="serve")
cache_app = typer.Typer(help="Show or clear the cache of model answers.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
app.add_typer(eval_app, name="eval")
app.add_typer(batch_app, name="batch")


def _note(message: str) -> None:
    typer.echo(f"summariser: {message}", err=True)


def write_output(text: str, output: Path | None) -> None:
    """Write to a file atomically (never half-written), or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from .service.files import atomic_write

    atomic_write(output, text)


def _check_outputs(output: Path | None, jsonl_out: Path | None, output_dir: Path | None) -> None:
    """Fail before any work when an output path cannot be written."""
    from .service.files import check_output_dir, check_output_file

    if output is not None:
        check_output_file(output)
    if jsonl_out is not None:
        check_output_file(jsonl_out, append=True)
    if output_dir is not None:
        check_output_dir(output_dir)


def _settings(**overrides) -> Settings:
    from .service.settings import load_settings

    return load_settings(**overrides)


async def _brief_all(documents: list[Document], settings: Settings, concurrency: int = 1, cache=None):
    from .service import Briefer

    async with Briefer(settings, cache=cache, concurrency=concurrency) as briefer:
        return await briefer.brief_each(documents)


def _open_cache(no_cache: bool, cache_path: Path | None) -> Path | bool:
    """What the Briefer opens: no cache, the default file, or ``cache_path``."""
    return False if no_cache else (cache_path or True)


def _combine(rendered: list[str], fmt: str) -> str:
    if len(rendered) == 1:
        return rendered[0]
    if fmt == "json":
        return "".join(json.dumps(json.loads(r), ensure_ascii=False) + "\n" for r in rendered)
    return "\n---\n\n".join(rendered)


@app.command()
def brief(
    sources: Annotated[Optional[list[str]], typer.Argument(help="Article files (text, Markdown, HTML), URLs, or - for stdin.", show_default=False)] = None,
    sample: Annotated[bool, typer.Option("--sample", help="Brief the bundled sample article.", rich_help_panel=INPUT)] = False,
    encoding: opt.Encoding = None,
    merge: Annotated[bool, typer.Option("--merge", help="One brief from all the articles (one story, several sources).", rich_help_panel=INPUT)] = False,
    story: opt.Story = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown, json or html.", rich_help_panel=OUTPUT)] = "markdown",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.", rich_help_panel=OUTPUT)] = None,
    backend: Annotated[Optional[str], typer.Option(help="extractive (offline), openai (OpenAI-compatible), local (llama.cpp).", rich_help_panel=MODEL)] = None,
    model: Annotated[Optional[str], typer.Option(help="Model name sent to the server.", rich_help_panel=MODEL)] = None,
    base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.", rich_help_panel=MODEL)] = None,
    model_path: Annotated[Optional[str], typer.Option(help="Local backend: the GGUF model file llama-server runs.", rich_help_panel=MODEL)] = None,
    llama_server: Annotated[Optional[str], typer.Option(help="Local backend: the llama-server binary.", rich_help_panel=MODEL)] = None,
    max_attempts: Annotated[Optional[int], typer.Option(help="Model calls allowed to get valid output (at least 1).", callback=opt.setting("max_attempts"), rich_help_panel=MODEL)] = None,
    max_retries: Annotated[Optional[int], typer.Option(help="Transport retries per call (429, 5xx, timeouts).", callback=opt.setting("max_retries"), rich_help_panel=MODEL)] = None,
    timeout: Annotated[Optional[float], typer.Option(help="Seconds per model request.", callback=opt.setting("timeout_s"), rich_help_panel=MODEL)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the answer cache.", rich_help_panel=MODEL)] = False,
    cache_path: Annotated[Optional[Path], typer.Option(help="Answer cache file (default: the user cache directory).", rich_help_panel=MODEL)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the plan (chunks, calls, tokens, cost) and send nothing.", rich_help_panel=MODEL)] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every model call with tokens and duration.", rich_help_panel=MODEL)] = False,
    template: opt.Template = None,
    prompts_dir: opt.PromptsDir = None,
    words: opt.Words = None,
    audience: opt.Audience = None,
    language: opt.Language = None,
    mode: Annotated[Optional[str], typer.Option(help="Extractive engine mode: central or lead3.", rich_help_panel=STYLE)] = None,
    context_window: opt.ContextWindow = None,
    chunk_tokens: opt.ChunkTokens = None,
    max_output_tokens: opt.MaxOutputTokens = None,
    jsonl_out: Annotated[Optional[Path], typer.Option(help="Append a JSON line per brief here (resumable).", rich_help_panel=BATCH)] = None,
    output_dir: Annotated[Optional[Path], typer.Option(help="One file per input here, in --format (resumable).", rich_help_panel=BATCH)] = None,
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Skip inputs already written with the same settings.", rich_help_panel=BATCH)] = True,
    concurrency: Annotated[int, typer.Option(help="Articles briefed at once (lowered on repeated 429s).", callback=opt.at_least("--concurrency", 1), rich_help_panel=BATCH)] = 8,
    max_cost: Annotated[Optional[float], typer.Option(help="Stop new briefs once this many USD are spent.", callback=opt.at_least("--max-cost", 0), rich_help_panel=BATCH)] = None,
    max_tokens: Annotated[Optional[int], typer.Option(help="Stop new briefs once this many tokens are used.", callback=opt.at_least("--max-tokens", 1), rich_help_panel=BATCH)] = None,
) -> None:
    """Make a brief of one or more articles (one brief each).

    Folders, JSONL files of articles, --jsonl-out or --output-dir make it a batch: briefs are
    written as they finish, and rerunning the same command does only the unfinished inputs.
    """
    _logging(verbose)
    opt.check_format(fmt)
    paths = list(sources or []) + ([str(SAMPLE)] if sample else [])
    story_title = ""
    if story is not None:
        from .ingest.story import load_story

        story_title, story_paths = load_story(story)
        paths, merge = paths + story_paths, True
    if not paths:
        raise SummariserError("no input; pass an article file, a URL, - for stdin, or --sample")
    settings = _settings(
        backend=backend, model=model, base_url=base_url, template=template, prompts_dir=prompts_dir, words=words,
        audience=audience, language=language, max_attempts=max_attempts, max_retries=max_retries, timeout_s=timeout,
        context_window=context_window, extractive_mode=mode, chunk_tokens=chunk_tokens,
        model_path=model_path, llama_server=llama_server,
        max_output_tokens=max_output_tokens,
    )
    _check_outputs(output, jsonl_out, output_dir)
    _chosen, by_default = settings.resolved_backend()
    if by_default:
        _note("no model configured (set OPENAI_API_KEY or pass --base-url); using the offline extractive engine")
    cache = _open_cache(no_cache, cache_path)
    import asyncio

    from .ingest.documents import load_source, unique_ids
    from .render import render

    if merge or dry_run:
        documents = unique_ids([load_source(p, encoding=encoding) for p in paths])
        if dry_run:
            from .service import describe_plan

            typer.echo(describe_plan(documents, settings, merge))
            return
        merged = asyncio.run(_brief_story(documents, settings, story_title, cache))
        write_output(render(merged, fmt, documents), output)
        _report_unverified([merged])
        return
    from .service.files import BatchOptions, is_batch_source, run_batch_command

    if jsonl_out or output_dir or any(is_batch_source(p) for p in paths):
        if output:
            raise SummariserError("a batch writes one result per input; pass --jsonl-out FILE or --output-dir DIR instead of --output")
        options = BatchOptions(concurrency=concurrency, fmt=fmt, encoding=encoding, max_cost=max_cost, max_tokens=max_tokens)
        run_batch_command(paths, settings, options, jsonl_out=jsonl_out, output_dir=output_dir, resume=resume, cache=cache)
        return
    documents = [load_source(p, encoding=encoding) for p in paths]
    with _heartbeat_for_large(documents):
        briefs = asyncio.run(_brief_all(documents, settings, concurrency, cache))
    rendered = [render(b, fmt, [d]) for b, d in zip(briefs, documents)]
    write_output(_combine(rendered, fmt), output)
    _report_unverified(briefs)


LARGE_ARTICLE_CHARS = 1_000_000  # about 2 s offline: long enough to say that something is happening


def _heartbeat_for_large(documents: list[Document]):
    """Elapsed time on stderr while a very large article is briefed (one line in a log)."""
    from .service.progress import Heartbeat

    large = [d for d in documents if len(d.text) >= LARGE_ARTICLE_CHARS]
    label = f"summariser: briefing {large[0].id} ({len(large[0].text) / 1e6:.1f} M characters)" if large else ""
    return Heartbeat(label, enabled=bool(large))


def _report_unverified(briefs) -> None:
    for b in briefs:
        unverified = sum(not e.verified for e in b.evidence())
        if unverified:
            _note(f"{unverified} quote(s) could not be verified in the source; they are marked unverified")


async def _brief_story(documents: list[Document], settings: Settings, story: str, cache=None):
    from .service import Briefer

    async with Briefer(settings, cache=cache) as briefer:
        return await briefer.brief(documents, story)


@app.command()
def schema(
    draft: Annotated[bool, typer.Option("--draft", help="Print the schema sent to the model instead.")] = False,
) -> None:
    """Print the JSON Schema of the output (or of the model's answer with --draft)."""
    from .core.schema import brief_json_schema, draft_json_schema

    typer.echo(json.dumps(draft_json_schema() if draft else brief_json_schema(), indent=2))


@app.command()
def text(
    source: Annotated[str, typer.Argument(help="Article file, URL or - for stdin.")],
    encoding: Annotated[Optional[str], typer.Option(help="Text encoding (default UTF-8).")] = None,
) -> None:
    """Print an input's text exactly as the tool sees it (offsets in briefs refer to this)."""
    from .ingest.documents import load_source

    sys.stdout.write(load_source(source, encoding=encoding).text)


@prompts_app.command("list")
def prompts_list(prompts_dir: Annotated[Optional[Path], typer.Option(help="Folder of templates.")] = None) -> None:
    """List the prompt templates and their content hashes."""
    from .engines.llm.prompts import list_templates, load_template

    for name in list_templates(prompts_dir):
        t = load_template(name, prompts_dir)
        typer.echo(f"{name}\t{t.sha256[:12]}\t{t.folder}")


@prompts_app.command("show")
def prompts_show(
    name: Annotated[str, typer.Argument(help="Template name.")] = "brief",
    prompts_dir: Annotated[Optional[Path], typer.Option(help="Folder of templates.")] = None,
) -> None:
    """Print a template's source files."""
    from .engines.llm.prompts import load_template

    t = load_template(name, prompts_dir)
    for part in ("system", "user", "reask"):
        typer.echo(f"----- {t.name}/{part}.j2 -----\n{t.source(part)}")


@prompts_app.command("render")
def prompts_render(
    name: Annotated[str, typer.Argument(help="Template name.")] = "brief",
    article: Annotated[Optional[str], typer.Option(help="Article file, URL or - (default: the bundled sample).")] = None,
    words: Annotated[int, typer.Option(help="Target length in words.")] = 150,
    audience: Annotated[str, typer.Option(help="Who the brief is for.")] = "newspaper editors",
    language: Annotated[str, typer.Option(help="Language of the brief.")] = "English",
    prompts_dir: Annotated[Optional[Path], typer.Option(help="Folder of templates.")] = None,
) -> None:
    """Print the chat messages a template makes for an article."""
    from .ingest.documents import load_source
    from .engines.llm.prompts import load_template

    doc = load_source(article or str(SAMPLE))
    t = load_template(name, prompts_dir)
    for message in t.messages(article=doc.text, title=doc.title, words=words, audience=audience, language=language):
        typer.echo(f"----- {message['role']} -----\n{message['content']}")


@cache_app.command("info")
def cache_info(cache_path: Annotated[Optional[Path], typer.Option(help="Answer cache file.")] = None) -> None:
    """Show where the answer cache is, how many answers it holds and its size."""
    typer.echo(_usable_cache(cache_path).info().describe())


@cache_app.command("clear")
def cache_clear(cache_path: Annotated[Optional[Path], typer.Option(help="Answer cache file.")] = None) -> None:
    """Delete every cached answer."""
    cache = _usable_cache(cache_path)
    typer.echo(f"removed {cache.clear()} answer(s) from {cache.path}")


def _usable_cache(cache_path: Path | None) -> AnswerCache:
    """The answer cache at ``cache_path`` (or the default), after checking that its file can be written."""
    from .service.files import check_output_file
    from .backends.cache import AnswerCache

    cache = AnswerCache(cache_path)
    check_output_file(cache.path, append=True)
    return cache


def _logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="summariser: %(name)s: %(message)s", stream=sys.stderr,
    )
    if verbose:
        for noisy in ("httpx", "httpx2", "openai", "httpcore"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    # the HTML extractor's own notes ("discarding data: None") are not the user's business: our error says what failed
    for library in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(library).setLevel(logging.ERROR)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"summariser {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")] = False,
) -> None:
    """summariser: trustworthy briefs of news articles."""


def main() -> None:
    """Console entry point: one-line errors and meaningful exit codes, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except SummariserError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        _note("interrupted; finished output was kept")
        sys.exit(130)
    except (typer.Abort, typer.Exit) as exc:  # pragma: no cover - handled by click normally
        sys.exit(getattr(exc, "exit_code", 1))
    except Exception as exc:
        _unexpected(exc)
    if code == 130:  # typer returns Ctrl-C as exit code 130 instead of raising in non-standalone mode
        _note("interrupted; finished output was kept")
    if isinstance(code, int) and code:
        sys.exit(code)


def _fail(exc: SummariserError) -> NoReturn:
    _note(f"error: {exc}")
    sys.exit(exc.exit_code)


def _unexpected(exc: Exception) -> NoReturn:
    """Exceptions that are not SummariserErrors: usage errors, broken pipes, path errors, then bugs."""
    if callable(getattr(exc, "format_message", None)) and isinstance(getattr(exc, "exit_code", None), int):
        _usage_error(exc)  # typer's (vendored) click in non-standalone mode
    if isinstance(exc, BrokenPipeError):
        sys.exit(0)
    if isinstance(exc, OSError) and exc.filename is not None:
        _fail(_path_error(exc))
    _internal_error(exc)


def _usage_error(exc: Any) -> NoReturn:
    """A bad command line: one line naming the --help to read, with the README's exit code for usage errors."""
    if type(exc).__name__ == "NoArgsIsHelpError":  # a group called with nothing: its help is the answer
        help_text = exc.format_message()  # empty when typer has printed it already (rich help)
        if help_text.strip():
            typer.echo(help_text, err=True)
        sys.exit(USAGE_EXIT)
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if ctx is not None else "summariser"
    _note(f"error: {exc.format_message().rstrip('.')}; see {command} --help")
    sys.exit(USAGE_EXIT)


def _path_error(exc: OSError) -> InputError:
    """An OSError about a file or folder (e.g. an output path of eval) as a one-line input error."""
    from .service.files import os_reason

    return InputError(f"{exc.filename}: {os_reason(exc)}; check the path, and that it can be written if it is an output")


def _internal_error(exc: BaseException) -> NoReturn:
    _note(f"internal error: {type(exc).__name__}: {exc}. Please report it with the command you ran "
          "(rerun with SUMMARISER_DEBUG=1 to see the traceback)")
    if os.environ.get("SUMMARISER_DEBUG"):
        raise exc
    sys.exit(70)


if __name__ == "__main__":
    main()
