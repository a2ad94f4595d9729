"""Throughput of `consolidate batch`: 1,000 generated acts with 1, 2 and 4 worker processes.

Prints figures and asserts nothing about time (a threshold fails on a slow machine and
passes on a fast one without telling anyone anything). It stops with `BUG:` when an act
fails or is not produced: every generated act is valid.

The acts are generated from the seed, deterministically, into a temporary folder laid
out as a publisher's tree (docs/batch.md): `base_orders/<n>/kaz.xml` is Order 550's
reconstructed text (160 rows) renumbered as act n (10001, 10002, …), and
`amendments/<m>/kaz.txt` Order 192's official text renumbered as order m (20001, …)
amending act n, so each act is the seed's work: read a base, parse an order's text,
apply its 11 operations, write the five formats and the four review files.

For each number of jobs the batch runs from scratch (an empty output folder) through
`consolidate.batch.runner.run_batch`, the library function behind the command, in this
process; the pool's workers are spawned fresh for every run. Figures:

- wall seconds, acts per second and per hour (what one machine consolidates), speed-up
  over one job;
- CPU seconds of the whole run (this process and its workers, getrusage) and per act;
- peak RSS of each worker (getrusage maxrss, reported by the worker with each result):
  the largest and the median over workers, and the parent's;
- for the last configuration, a second run over the unchanged tree (every act skipped):
  what a rerun costs (hashing every input file, the state file, the report).

Then the per-process start-up cost (benchmarks/startup.py): the floor `python -c pass`,
`import consolidate.cli`, a whole `consolidate apply` of the seed, and imports and
first-call set-up measured inside one process.

Usage: python benchmarks/bench_batch.py [--acts 1000] [--jobs 1,2,4] [--keep DIR] [--no-startup]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import startup

from consolidate.batch.runner import run_batch
from consolidate.batch.worker import Outcome

ROOT = Path(__file__).resolve().parents[1]
SEED_BASE = ROOT / "base_orders" / "550"
SEED_ORDER = ROOT / "amendments" / "192"
FIRST_ACT = 10_001
FIRST_ORDER = 20_001


def generate(top: Path, count: int) -> None:
    """`count` acts, each the seed renumbered: base act FIRST_ACT + i, order FIRST_ORDER + i."""
    xml = (SEED_BASE / "kaz.xml").read_text(encoding="utf-8")
    text = (SEED_ORDER / "kaz.txt").read_text(encoding="utf-8")
    publication = (SEED_ORDER / "publication.toml").read_bytes()
    for i in range(count):
        act, order = str(FIRST_ACT + i), str(FIRST_ORDER + i)
        base = top / "base_orders" / act
        base.mkdir(parents=True)
        (base / "kaz.xml").write_text(
            xml.replace("/2025-12-18/550", f"/2025-12-18/{act}").replace(
                'FRBRnumber value="550"', f'FRBRnumber value="{act}"'
            ),
            encoding="utf-8",
        )
        folder = top / "amendments" / order
        folder.mkdir(parents=True)
        (folder / "kaz.txt").write_text(
            text.replace("№ 550 бұйрығына", f"№ {act} бұйрығына").replace("№ 192 бұйрығы", f"№ {order} бұйрығы"),
            encoding="utf-8",
        )
        (folder / "publication.toml").write_bytes(publication)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(top: Path, out: Path, jobs: int, count: int) -> dict:
    """One batch run from scratch; its figures."""
    shutil.rmtree(out, ignore_errors=True)
    wall0, cpu0, kids0 = time.perf_counter(), time.process_time(), children_cpu()
    run = run_batch(top, out, jobs=jobs, show_progress=False)
    wall = time.perf_counter() - wall0
    cpu = (time.process_time() - cpu0) + (children_cpu() - kids0)
    bad = [a for a in run.acts if a.result.outcome is not Outcome.OK]
    if len(run.acts) != count or bad or run.orders:
        first = bad[0].result.message if bad else f"{len(run.acts)} acts, {len(run.orders)} orders not applied"
        raise SystemExit(f"BUG: the batch of {count} generated acts did not produce them all: {first}")
    peaks: dict[int, int] = {}
    for entry in run.acts:
        peaks[entry.result.pid] = max(peaks.get(entry.result.pid, 0), entry.result.maxrss_kb)
    return {
        "jobs": jobs,
        "wall": wall,
        "cpu": cpu,
        "workers": len(peaks),
        "worker_peak_mb": max(peaks.values()) / 1024,
        "worker_median_mb": statistics.median(peaks.values()) / 1024,
        "act_cpu": statistics.median(a.result.cpu_seconds for a in run.acts),
    }


def rerun(top: Path, out: Path, jobs: int, count: int) -> float:
    wall0 = time.perf_counter()
    run = run_batch(top, out, jobs=jobs, show_progress=False)
    if run.skipped != count:
        raise SystemExit(f"BUG: a rerun over an unchanged tree consolidated {count - run.skipped} acts")
    return time.perf_counter() - wall0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--acts", type=int, default=1000)
    parser.add_argument("--jobs", default="1,2,4", help="comma-separated numbers of worker processes")
    parser.add_argument("--keep", help="generate into this folder and keep it (default: a temporary folder)")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurements")
    parser.add_argument("--reps", type=int, default=5, help="repetitions of each start-up measurement")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]

    print(f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average {os.getloadavg()[0]:.2f}")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="consolidate-batch-bench-"))
    try:
        top, out = work / "tree", work / "out"
        if not top.exists():
            start = time.perf_counter()
            generate(top, args.acts)
            print(f"generated {args.acts} acts in {time.perf_counter() - start:.1f} s into {top}")
        rows = [measure(top, out, jobs, args.acts) for jobs in jobs_list]
        again = rerun(top, out, jobs_list[-1], args.acts)
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    base = rows[0]["wall"]
    print(f"\nBatch of {args.acts} acts (each: the seed's base renumbered + its order's text), outputs {size:.0f} MB:")
    print("| jobs | wall s | acts/s | speed-up | acts/hour | CPU s (all) | CPU s/act | worker peak MB (max/median) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        rate = args.acts / r["wall"]
        print(
            f"| {r['jobs']} | {r['wall']:.1f} | {rate:.2f} | {base / r['wall']:.2f}× | {rate * 3600:,.0f} "
            f"| {r['cpu']:.1f} | {r['cpu'] / args.acts:.3f} | {r['worker_peak_mb']:.0f} / {r['worker_median_mb']:.0f} |"
        )
    print(f"median CPU of one act inside a worker: {min(r['act_cpu'] for r in rows):.3f} s")
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"parent peak RSS {parent:.0f} MB; rerun over the unchanged tree ({jobs_list[-1]} jobs): {again:.2f} s wall")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    if not args.no_startup:
        print()
        startup.print_figures(startup.measure(args.reps))


if __name__ == "__main__":
    main()
