"""Worst cost of hostile inputs, per input kind (issue 12).

Runs every generated hostile input of tests/hostile_inputs.py (orders as text, Word and
HTML; bases as JSON and XML) through the command line, each in its own process, and
measures its wall time and peak memory (the child's maximum resident set size, from
os.wait4). Prints every case, then the worst case per input kind among the inputs of at
most 1 MB, against the goal: no input of up to 1 MB makes a command use more than 1 GB
or 10 s. Asserts nothing (see benchmarks/README.md); compare the figures.

    .venv/bin/python benchmarks/bench_hostile.py            # all cases, about a minute
    .venv/bin/python benchmarks/bench_hostile.py --kind txt  # one input kind
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile_inputs import Case, all_cases, command_of  # noqa: E402

MB = 1024 * 1024
GOAL_SECONDS, GOAL_BYTES = 10.0, 1024 * MB
SAFETY = 4 * 1024 * MB  # address-space cap of each run, so a regression cannot take the machine


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SAFETY, SAFETY))


def measure(case: Case, folder: Path) -> tuple[float, int, int, str]:
    """(seconds, peak bytes, exit code, first line of standard error) of one run."""
    path = folder / case.file
    path.write_bytes(case.data)
    args, _ = command_of(case, path, folder)
    command = [sys.executable, "-m", "consolidate", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_cap)
    assert process.stderr is not None
    err = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    first = err.strip().splitlines()[0] if err.strip() else ""
    return seconds, usage.ru_maxrss * 1024, process.returncode, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", help="only this input kind (txt, docx, html, json, xml)")
    args = parser.parse_args()
    cases = [c for c in all_cases() if args.kind in (None, c.kind)]
    worst: dict[str, tuple[float, int, str, str]] = {}
    print(f"{'kind':5} {'size':>9} {'exit':>4} {'time s':>7} {'peak MB':>8}  case / first line")
    for case in cases:
        with tempfile.TemporaryDirectory() as folder:
            seconds, peak, code, first = measure(case, Path(folder))
        print(f"{case.kind:5} {len(case.data) / MB:8.2f}M {code:4d} {seconds:7.2f} {peak / MB:8.0f}  {case.name}")
        print(f"{'':36}{first[:110]}")
        if len(case.data) > MB:
            continue
        time_worst, peak_worst, time_case, peak_case = worst.get(case.kind, (0.0, 0, "", ""))
        if seconds > time_worst:
            time_worst, time_case = seconds, case.name
        if peak > peak_worst:
            peak_worst, peak_case = peak, case.name
        worst[case.kind] = (time_worst, peak_worst, time_case, peak_case)
    print()
    print(f"Worst case per input kind, inputs of at most 1 MB (goal: {GOAL_SECONDS:.0f} s, {GOAL_BYTES // MB} MB):")
    for kind, (seconds, peak, time_case, peak_case) in sorted(worst.items()):
        verdict = "ok" if seconds <= GOAL_SECONDS and peak <= GOAL_BYTES else "OVER THE GOAL"
        print(f"  {kind:5} {seconds:6.2f} s ({time_case})   {peak / MB:6.0f} MB ({peak_case})   {verdict}")


if __name__ == "__main__":
    main()
