"""The progress bar of long work, shown only to a person watching a terminal.

The bar goes to standard error, only when standard error is a terminal (never into a log
or a pipe), and only once the work has lasted `DELAY` seconds, so short runs print
nothing but their summary line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from tqdm import tqdm

DELAY = 0.5  # seconds of work before a bar appears
T = TypeVar("T")


def progress(items: Iterable[T], desc: str, stream: TextIO | None = None, delay: float = DELAY) -> Iterator[T]:
    """`items`, with a bar named `desc` on `stream` (standard error) when it is a terminal."""
    stream = sys.stderr if stream is None else stream
    shown = bool(getattr(stream, "isatty", lambda: False)())
    yield from tqdm(items, desc=desc, file=stream, disable=not shown, delay=delay, leave=False, unit="file")
