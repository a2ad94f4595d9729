"""A progress bar on standard error, only when a person is watching it.

tqdm draws the bar when standard error is a terminal; in a log file, a pipe or a test it
would only add noise, so then nothing is drawn (and tqdm is not even imported).
"""

from __future__ import annotations

import sys
from typing import Protocol


class Progress(Protocol):
    def update(self, n: int = 1) -> object: ...

    def close(self) -> None: ...


class _Silent:
    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


def progress(total: int, label: str, enabled: bool | None = None, unit: str = "act") -> Progress:
    """A bar of `total` steps; `enabled=None` means "when standard error is a terminal"."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled or total == 0:
        return _Silent()
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=unit, file=sys.stderr, dynamic_ncols=True, leave=False)
