"""Worst cost of hostile inputs, per input kind (issue 12).

Runs every generated hostile input of tests/hostile_inputs.py (orders as text, Word and
HTML; bases and readings as JSON and AKN XML) through the command line, each in its own
process, and measures its wall time and peak memory (the peak resident set size of the
command's process, VmHWM). Prints every case, then the worst case per input kind among
the inputs of at most 1 MB, against the goal: no input of up to 1 MB makes a command use
more than 1 GB or 10 s. Asserts nothing (see benchmarks/README.md); compare the figures.

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


# The command runs in a fresh interpreter that reports, on exit, the peak resident memory
# of its own address space (VmHWM). ru_maxrss from wait4 would not do: Linux carries the
# forking parent's peak into the child across exec.
LAUNCHER = """
import atexit, os, sys
def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(peak)
atexit.register(report)
from consolidate.cli import main
sys.exit(main(sys.argv[1:]))
"""


def measure(case: Case, folder: Path) -> tuple[float, int, int, str]:
    """(seconds, peak bytes, exit code, first line of standard error) of one run."""
    path = folder / case.file
    path.write_bytes(case.data)
    args, _ = command_of(case, path, folder)
    peak_file = folder / "peak"
    env = {**os.environ, "BENCH_PEAK_FILE": str(peak_file)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=_cap, env=env,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    err = done.stderr.decode("utf-8", "replace").strip()
    peak = int(peak_file.read_text()) * 1024 if peak_file.exists() else 0
    return seconds, peak, done.returncode, err.splitlines()[0] if err else ""


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
