"""A process pool that survives a worker dying.

`concurrent.futures.ProcessPoolExecutor` with the "spawn" start method: every worker is a
fresh interpreter that imports what it needs, so the batch behaves the same on Linux,
macOS and Windows, and a parent holding threads (the progress bar's) is never forked.
A worker killed mid-act (out of memory, a crash in a C extension) breaks the whole pool
and fails every unfinished task with `BrokenProcessPool`; those tasks are then run again
one at a time, each in a pool of its own, so only the act that kills its worker again is
reported, and the others are not lost.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Pool:
    """Runs tasks on `jobs` spawned worker processes, created on first use and reused."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._executor: Executor | None = None

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"))
        return self._executor

    def run(
        self, fn: Callable[..., R], tasks: Iterable[tuple], on_death: Callable[[tuple, BaseException], R]
    ) -> Iterator[tuple[tuple, R]]:
        """Yield `(task, fn(*task))` as each finishes; `on_death(task, error)` for a task whose
        worker died even when it ran alone."""
        tasks = list(tasks)
        if not tasks:
            return
        futures: dict[Future, tuple] = {self._pool().submit(fn, *task): task for task in tasks}
        orphans: list[tuple] = []
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except BrokenProcessPool:
                orphans.append(futures[future])
        if orphans:
            self.close()
            for task in orphans:
                with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as alone:
                    try:
                        yield task, alone.submit(fn, *task).result()
                    except BrokenProcessPool as exc:
                        yield task, on_death(task, exc)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
