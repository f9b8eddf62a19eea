"""``summariser serve``: the web desk on uvicorn, with the CLI's settings (offline by default).

Kept apart from ``cli.py`` and importing the web stack only when run, so other commands stay fast.
"""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import cli_options as opt
from ..core.errors import ConfigError


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps the desk on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", callback=opt.between("--port", 1, 65535))] = 8000,
    store: Annotated[Optional[Path], typer.Option(help="SQLite file of stored briefs (default: the user data directory).")] = None,
    runs_dir: Annotated[Path, typer.Option(help="Folder of eval runs (each with report.html and summary.json).")] = Path("runs"),
    token: Annotated[Optional[str], typer.Option(envvar="SUMMARISER_WEB_TOKEN", show_envvar=True, help="Access token for a shared desk (prefer the environment variable).")] = None,
    allow_private_urls: Annotated[bool, typer.Option("--allow-private-urls", help="Let URLs point at private, loopback and link-local addresses.")] = False,
    max_upload_kb: Annotated[int, typer.Option(help="Largest upload or pasted article, in KiB.", callback=opt.at_least("--max-upload-kb", 1))] = 2048,
    jobs: Annotated[int, typer.Option(help="Briefs made at the same time; more requests wait their turn.", callback=opt.at_least("--jobs", 1))] = 2,
    backend: Annotated[Optional[str], typer.Option(help="extractive (offline), openai (any OpenAI-compatible server).")] = None,
    model: Annotated[Optional[str], typer.Option(help="Model name sent to the server.")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1.")] = None,
    prompts_dir: Annotated[Optional[str], typer.Option(help="Folder of prompt templates.")] = None,
    mode: Annotated[Optional[str], typer.Option(help="Extractive engine mode: central or lead3.")] = None,
    user: Annotated[Optional[str], typer.Option(help="Your name on a desk without a token (default: the OS user name); corrections are stored under it.")] = None,
) -> None:
    """Start the web desk: request, read, check, correct and keep briefs in a browser; JSON API at /api, docs at /docs.

    'summariser serve users add|list|remove NAME' manages the desk's users."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from .app import create_app, hosts_for
    from .fetch import FetchPolicy
    from .store import default_store_path

    check_port(host, port)
    from ..service.settings import load_settings

    settings = load_settings(backend=backend, model=model, base_url=base_url, prompts_dir=prompts_dir, extractive_mode=mode)
    store_path = store or Path(os.environ.get("SUMMARISER_WEB_STORE") or default_store_path())
    app = create_app(
        settings, store_path, runs_dir=runs_dir, token=token or "", concurrency=jobs,
        fetch_policy=FetchPolicy(allow_private=allow_private_urls), max_upload_bytes=max_upload_kb * 1024,
        allowed_hosts=hosts_for(host), user=user or "",
    )
    _announce(settings, host, port, store_path, bool(token))
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)


def _announce(settings, host: str, port: int, store_path: Path, has_token: bool) -> None:
    backend, by_default = settings.resolved_backend()
    engine = "the offline extractive engine (no model configured)" if by_default else f"{backend} / {settings.model or 'extractive'}"
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"summariser: web desk on http://{shown}:{port}/ using {engine}; briefs kept in {store_path}", err=True)
    if not has_token and host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("summariser: warning: no --token; anyone who can reach this address can use the desk", err=True)


def check_port(host: str, port: int) -> None:
    """Fail with one line, before starting the server, if ``host:port`` cannot be listened on."""
    if not 1 <= port <= 65535:
        raise ConfigError(f"--port must be between 1 and 65535, not {port}")
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} is in use; pass --port with a free one") from None
        reason = exc.strerror or str(exc)
        raise ConfigError(f"cannot listen on {host}:{port} ({reason}); pass another --host or --port") from None


users_app = typer.Typer(no_args_is_help=True, help="The desk's users: each correction is stored under its editor's name.")
StoreOption = Annotated[Optional[Path], typer.Option(help="SQLite file of the desk (default: as 'summariser serve').")]


def _correction_store(store: Path | None):
    from .corrections import CorrectionStore
    from .store import BriefStore, default_store_path

    path = store or Path(os.environ.get("SUMMARISER_WEB_STORE") or default_store_path())
    BriefStore(path)  # creates the file and the brief tables, or fails with one line
    return CorrectionStore(path), path


@users_app.command("add")
def users_add(name: Annotated[str, typer.Argument(help="The user name (1-40 letters, digits, spaces, . - _).")], store: StoreOption = None) -> None:
    """Add a desk user; with a token, they log in with this name."""
    from ..core.errors import InputError
    from .editors import check_name

    try:
        name = check_name(name)
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    corrections, path = _correction_store(store)
    added = corrections.add_user(name)
    typer.echo(f"summariser: {'added' if added else 'already listed:'} {name} ({path})", err=True)


@users_app.command("list")
def users_list(store: StoreOption = None) -> None:
    """List the desk's users, one a line."""
    corrections, _ = _correction_store(store)
    for name in corrections.users():
        typer.echo(name)


@users_app.command("remove")
def users_remove(name: Annotated[str, typer.Argument(help="The user name.")], store: StoreOption = None) -> None:
    """Remove a desk user (their corrections stay, under their name); they are logged out."""
    corrections, path = _correction_store(store)
    if not corrections.remove_user(name):
        raise ConfigError(f"no desk user {name!r} in {path}; 'summariser serve users list' shows them")
    typer.echo(f"summariser: removed {name} ({path})", err=True)


serve_app = typer.Typer()
serve_app.callback(invoke_without_command=True)(serve)
serve_app.add_typer(users_app, name="users")
