"""Progress for long work: a tqdm bar on a terminal, a plain line every so often in a log.

A bar's carriage-return frames turn a redirected stderr (CI logs, ``2> run.log``) into noise, so
when stderr is not a terminal the same progress is written as a few whole lines instead
("dev: 12/24 cases"), about one per tenth of the work.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

__all__ = ["Heartbeat", "Progress", "progress"]


class Progress:
    """Counts finished items; ``update(n)`` and ``close()``, usable as a context manager."""

    def __init__(self, total: int, *, desc: str, unit: str, initial: int = 0, enabled: bool = True,
                 stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total, self.desc, self.unit, self.done = total, desc, unit, initial
        self.enabled = enabled and total > 0
        self.bar = None
        self.step = max(1, total // 10)
        self._next_line = initial + self.step
        if self.enabled and _is_terminal(self.stream):
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=initial, file=self.stream, unit=unit, desc=desc)

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
        elif self.enabled and (self.done >= self._next_line or self.done == self.total):
            self.stream.write(f"{self.desc}: {self.done}/{self.total} {self.unit}s\n")
            self.stream.flush()
            self._next_line = self.done + self.step

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def progress(total: int, *, desc: str, unit: str, initial: int = 0, enabled: bool = True) -> Progress:
    """A :class:`Progress` on stderr: a bar on a terminal, else a line per tenth of ``total``."""
    return Progress(total, desc=desc, unit=unit, initial=initial, enabled=enabled)


class Heartbeat:
    """The elapsed time of one long step with no count to show (e.g. one very large article).

    On a terminal a line is rewritten every ``interval`` seconds ("briefing big.txt: 4 s") and cleared
    at the end; in a log, one whole line when the step starts and nothing else.
    """

    def __init__(self, desc: str, *, enabled: bool = True, stream: TextIO | None = None, interval: float = 1.0) -> None:
        self.desc, self.enabled, self.interval = desc, enabled, interval
        self.stream = stream or sys.stderr
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._width = 0

    def __enter__(self) -> Heartbeat:
        if not self.enabled:
            return self
        if _is_terminal(self.stream):
            self._thread = threading.Thread(target=self._beat, daemon=True)
            self._thread.start()
        else:
            self.stream.write(f"{self.desc}\n")
            self.stream.flush()
        return self

    def _beat(self) -> None:
        started = time.monotonic()
        while not self._stop.wait(self.interval):
            line = f"{self.desc}: {time.monotonic() - started:.0f} s"
            self._width = max(self._width, len(line))
            self.stream.write(f"\r{line}")
            self.stream.flush()

    def __exit__(self, *exc: object) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
