"""`consolidate batch DIR -o OUT [--jobs N]`: the sub-command, registered by `consolidate.cli`.

Exit codes: 0 when every act was consolidated (in this run or unchanged since the last),
1 when any act failed or any order could not be read (the others are still produced,
and the report says which and why), 2 when the batch itself cannot run (no such folder,
no acts in it, an output folder inside the inputs). Importing this module is cheap: the
batch machinery is imported only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys

from consolidate.errors import ConsolidateError


class BatchFailed(ConsolidateError):
    """Some acts failed; the others were produced. Exit code 1, not 2: the batch ran."""

    exit_code = 1


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return jobs


def _run(args: argparse.Namespace) -> None:
    from pathlib import Path

    from consolidate.batch.report import summary_line, write_reports
    from consolidate.batch.runner import run_batch

    progress = {"auto": None, "on": True, "off": False}[args.progress]
    run = run_batch(Path(args.dir), Path(args.output), jobs=args.jobs, lang=args.lang, show_progress=progress)
    write_reports(run)
    if run.notice:
        print(f"consolidate: note: {run.notice}", file=sys.stderr)
    for entry in run.failed:
        print(f"consolidate: {entry.result.outcome.value}: {entry.name}: {entry.result.message}", file=sys.stderr)
    for order in run.unreadable:
        print(f"consolidate: failed: order {run.relative(order.folder)}: {order.message}", file=sys.stderr)
    print(summary_line(run))
    problems = len(run.failed) + len(run.unreadable)
    if problems:
        raise BatchFailed(
            f"{len(run.failed)} of {len(run.acts)} acts failed, {len(run.unreadable)} orders unreadable; "
            f"see {Path(args.output) / 'report.html'}"
        )


def add_batch_parser(sub: argparse._SubParsersAction) -> None:
    """Register `batch` on the command line's sub-parsers."""
    b = sub.add_parser(
        "batch",
        help="consolidate every act of a folder tree (base_orders/<act>/, amendments/<order>/) in parallel",
        description="Find every base act (base_orders/<act>/) and the orders that amend it (amendments/<order>/, "
        "matched by the act number and date they name) under DIR, consolidate each act into OUT/<act>/, and "
        "write OUT/report.json and OUT/report.html. A rerun skips acts whose inputs did not change. "
        "Exit code 1 when any act failed (the others are still written).",
    )
    b.add_argument("dir", help="the folder tree to consolidate")
    b.add_argument("-o", "--output", required=True, help="output folder: OUT/<act>/ per act, OUT/report.*")
    b.add_argument(
        "-j", "--jobs", type=_jobs, default=os.cpu_count() or 1,
        help="worker processes (default: the number of CPUs)",
    )  # fmt: skip
    b.add_argument("--lang", choices=("kk", "ru"), default="kk", help="language of the bases, orders and outputs")
    b.add_argument(
        "--progress", choices=("auto", "on", "off"), default="auto",
        help="progress bar on standard error (auto: when it is a terminal)",
    )  # fmt: skip
    b.set_defaults(run=_run)
