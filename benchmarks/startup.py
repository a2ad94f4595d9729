"""The per-process start-up cost of `consolidate`, next to the floor of a bare interpreter.

A publisher who runs `consolidate apply` once per act, or a batch whose workers each start
a fresh interpreter (the pool uses "spawn"), pays the imports and first-call set-up
(grammar tables, templates, Word's default document, the holiday calendar) once per
process. This module measures them, each in fresh subprocesses, best of R:

- floor: `python -c pass` (interpreter and site start-up, nothing of ours);
- `python -c 'import consolidate.cli'` (what every command pays before doing anything);
- `python -m consolidate apply` of the seed (Order 192 on Order 550) as a whole process;
- inside one process: the first `apply` of the seed and the same `apply` run again, whose
  difference is the cost of imports and first-call set-up;
- `python -X importtime`: the sum of import times of the seed's whole process, and the
  packages that cost most.

CPU times are the child's user + system time (`resource.getrusage(RUSAGE_CHILDREN)`
differences), which neighbours on a shared machine disturb less than the wall clock.

Bytecode: an installed wheel has its modules compiled (pip compiles them at install), but
a checkout run with PYTHONDONTWRITEBYTECODE=1 (as on the project's machines) compiles
every module of `consolidate` from source in every process. The figures are taken as
installed: the children run with bytecode written to a temporary PYTHONPYCACHEPREFIX
(warmed by one run first, the worktree untouched); the seed's whole `apply` is also
measured without any bytecode cache, as a checkout runs it here.
Used by bench_batch.py; runs alone too: python benchmarks/startup.py [--reps R].
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_BASE = ROOT / "base_orders" / "550"
SEED_ORDER = ROOT / "amendments" / "192"

IN_PROCESS = """
import json, sys, time
start = time.process_time()
from consolidate.cli import main
imported = time.process_time()
runs = []
for i in range(3):
    t = time.process_time()
    code = main(["apply", sys.argv[1], sys.argv[2], "-o", sys.argv[3] + f"/{i}"])
    runs.append(time.process_time() - t)
    assert code == 0, code
print(json.dumps({"import": imported - start, "first": runs[0], "again": min(runs[1:])}))
"""


ENV: dict[str, str] = dict(os.environ)
"""The children's environment: set by `measure` (bytecode cached or not)."""


def _environment(pycache: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def child_cpu(command: list[str], cwd: Path = ROOT) -> tuple[float, float, str, str]:
    """Run `command`; its CPU seconds (user + system), wall seconds, stdout and stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"BUG: {' '.join(command)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.stdout, done.stderr


def best(command: list[str], reps: int) -> tuple[float, float]:
    """Best CPU and best wall seconds of `reps` runs."""
    runs = [child_cpu(command)[:2] for _ in range(reps)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def import_times(stderr: str) -> tuple[float, list[tuple[str, float]]]:
    """Sum of self import times (s) and the top-level packages by their own summed cost."""
    total = 0.0
    by_package: dict[str, float] = {}
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if not match:
            continue
        own = int(match.group(1)) / 1e6
        total += own
        top = match.group(4).split(".")[0]
        by_package[top] = by_package.get(top, 0.0) + own
    return total, sorted(by_package.items(), key=lambda item: -item[1])[:8]


def measure(reps: int = 5) -> dict:
    """Every start-up figure, as a dict (seconds)."""
    global ENV
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="consolidate-startup-") as tmp:
        apply = [python, "-m", "consolidate", "apply", str(SEED_BASE), str(SEED_ORDER), "-o", f"{tmp}/out"]
        ENV = _environment(None)
        no_bytecode = best(apply, reps)
        ENV = _environment(Path(tmp) / "pycache")
        child_cpu(apply)  # writes the bytecode of every module the run imports
        figures: dict = {
            "apply_seed_no_bytecode": no_bytecode,
            "floor": best([python, "-c", "pass"], reps),
            "import_cli": best([python, "-c", "import consolidate.cli"], reps),
            "apply_seed": best(apply, reps),
        }
        in_process = [
            json.loads(child_cpu([python, "-c", IN_PROCESS, str(SEED_BASE), str(SEED_ORDER), f"{tmp}/ip"])[2])
            for _ in range(max(1, reps // 2))
        ]
        figures["in_process"] = {key: min(r[key] for r in in_process) for key in in_process[0]}
        _, _, _, stderr = child_cpu([python, "-X", "importtime", *apply[1:]])
        figures["importtime"] = import_times(stderr)
        _, _, _, stderr = child_cpu([python, "-X", "importtime", "-c", "import consolidate.cli"])
        figures["importtime_cli"] = import_times(stderr)
    return figures


def print_figures(figures: dict) -> None:
    floor_cpu, floor_wall = figures["floor"]
    print("Start-up (fresh processes, best CPU s / best wall s):")
    print(f"  floor: python -c pass                 {floor_cpu:.3f} / {floor_wall:.3f}")
    for key, label in (("import_cli", "import consolidate.cli"), ("apply_seed", "consolidate apply (seed), whole")):
        cpu, wall = figures[key]
        print(f"  {label:37s} {cpu:.3f} / {wall:.3f}   (+{cpu - floor_cpu:.3f} over the floor)")
    cpu, wall = figures["apply_seed_no_bytecode"]
    print(f"  {'the same, no bytecode cache':37s} {cpu:.3f} / {wall:.3f}   (a checkout with PYTHONDONTWRITEBYTECODE=1)")
    ip = figures["in_process"]
    setup = ip["first"] - ip["again"]
    print(
        f"  in one process: first apply {ip['first']:.3f}, again {ip['again']:.3f} "
        f"-> imports and first-call set-up {setup:.3f}"
    )
    total, top = figures["importtime_cli"]
    print(
        f"  -X importtime -c 'import consolidate.cli': {total:.3f} s of imports; by package: "
        + ", ".join(f"{name} {seconds:.3f}" for name, seconds in top[:4])
    )
    total, top = figures["importtime"]
    print(
        f"  -X importtime of the seed's apply: {total:.3f} s of imports; by package: "
        + ", ".join(f"{name} {seconds:.3f}" for name, seconds in top)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    print_figures(measure(args.reps))


if __name__ == "__main__":
    main()
