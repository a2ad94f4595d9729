"""The progress bar of long work, shown only to a person watching a terminal.

The bar goes to standard error, only when standard error is a terminal (never into a log
or a pipe), and only once the work has lasted `DELAY` seconds, so short runs print
nothing but their summary line. It names the file being rendered, so a slow one (a PDF,
the DOCX of a 20,000-row act) shows what the wait is for; it is cleared when done.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from tqdm import tqdm

# Seconds of work before a bar appears (CONSOLIDATE_PROGRESS_DELAY: for tests, or impatient people).
DELAY = float(os.environ.get("CONSOLIDATE_PROGRESS_DELAY", "0.5"))
T = TypeVar("T")


class Steps:
    """One bar over a known number of steps, fed by several loops (`over`)."""

    def __init__(self, total: int, desc: str, stream: TextIO | None = None, delay: float | None = None) -> None:
        stream = sys.stderr if stream is None else stream
        shown = bool(getattr(stream, "isatty", lambda: False)())
        delay = DELAY if delay is None else delay
        self.delay = delay
        self.started = time.monotonic()
        self.bar = tqdm(total=total, desc=desc, file=stream, disable=not shown, delay=delay, leave=False, unit="file")
        # tqdm draws only when a step ends: a timer draws the bar during a first long step too.
        self.timer: threading.Timer | None = None
        if shown:
            self.timer = threading.Timer(delay, self.bar.refresh)
            self.timer.daemon = True
            self.timer.start()

    def over(self, items: Iterable[T]) -> Iterator[T]:
        """`items`, each counted as one step once done; the bar names the one in progress."""
        for item in items:
            if not self.bar.disable:
                self.bar.set_postfix_str(str(item), refresh=False)
                if time.monotonic() - self.started >= self.delay:
                    self.bar.refresh()
            yield item
            self.bar.update(1)

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer.join()
        self.bar.close()

    def __enter__(self) -> Steps:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def progress(items: Iterable[T], desc: str, stream: TextIO | None = None, delay: float | None = None) -> Iterator[T]:
    """`items`, with a bar named `desc` on `stream` (standard error) when it is a terminal."""
    items = list(items)
    with Steps(len(items), desc, stream, delay) as steps:
        yield from steps.over(items)
