"""An aiohttp application served on its own thread and event loop: the fakes' shared start and stop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from aiohttp import web


class ThreadedServer:
    """Serves the application ``make_app()`` builds on ``host:port`` (0: a free port) until :meth:`stop`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def serve(self, make_app: Callable[[], web.Application], host: str, port: int, *, backlog: int = 128) -> int:
        """Start serving and return the port it listens on."""
        ready = threading.Event()
        bound: list[int] = []

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            runner = web.AppRunner(make_app(), access_log=None, handle_signals=False)
            self._loop.run_until_complete(runner.setup())
            site = web.TCPSite(runner, host, port, backlog=backlog)
            self._loop.run_until_complete(site.start())
            bound.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=run, name=self.name, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"{self.name} did not start")
        return bound[0]

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
