"""Every output of Order 550's cases, written into one folder, to compare two code versions
byte for byte.

    python benchmarks/seed_outputs.py OUT            # write every case into OUT
    python benchmarks/seed_outputs.py OUT --compare REF   # then compare OUT with REF
    python benchmarks/seed_outputs.py OUT --base DIR      # the same cases on another copy of the base

Each case runs the command line as a user does (a separate process) and keeps its files,
its standard output, standard error and exit code. The cases are the ones the tests run on
Order 550: the base alone, Order 192 (every format, the review files), each fixture order
after Order 192 and alone, the chains of tests/test_chain.py, `diff`, `versions` and
`history --unit`. Used while the table model moved onto the provision tree: the outputs
before the move are the reference, and every step must give them back unchanged.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "base_orders/550"
SEED = "amendments/192"
ORDERS = "tests/fixtures/orders"
CHAIN = "tests/fixtures/chain"
FORMATS = "html,docx,xml,txt,json,redline-html,redline-docx,comparative-html,comparative-docx"


def cases(base: str = BASE) -> list[tuple[str, list[str]]]:
    """(name, arguments) of every case; `{out}` in the arguments is the case's folder."""
    BASE = base  # the cases below name the base as the module does
    result: list[tuple[str, list[str]]] = [
        ("apply-550", ["apply", BASE, "-o", "{out}"]),
        ("apply-550-192", ["apply", BASE, SEED, "-o", "{out}"]),
        ("apply-550-192-all", ["apply", BASE, SEED, "-o", "{out}", "--format", FORMATS]),
        ("apply-550-192-asof", ["apply", BASE, SEED, "--as-of", "2026-06-01", "-o", "{out}", "--format", "json"]),
        ("diff-550-192", ["diff", BASE, SEED, "-o", "{out}"]),
        ("diff-550-192-json", ["diff", BASE, SEED, "--format", "json"]),
        ("versions-550-192", ["versions", BASE, SEED]),
    ]
    for order in ("301", "302", "303", "304", "404", "405"):
        path = f"{ORDERS}/order-{order}-kaz.txt"
        published = ["--published", f"{order}=2026-08-05"]
        result.append((f"apply-550-{order}", ["apply", BASE, path, *published, "-o", "{out}", "--format", FORMATS]))
        result.append(
            (f"apply-550-192-{order}", ["apply", BASE, SEED, path, *published, "-o", "{out}", "--format", FORMATS])
        )
        result.append((f"diff-550-192-{order}", ["diff", BASE, SEED, path, *published, "--format", "json"]))
    for order in ("401", "402", "403"):  # Russian orders on the Kazakh base: refused, one line
        result.append((f"apply-550-{order}", ["apply", BASE, f"{ORDERS}/order-{order}-rus.txt", "-o", "{out}"]))
    chain = [SEED, f"{ORDERS}/order-301-kaz.txt", "--published", "301=2026-07-30"]
    result += [
        ("versions-chain-301", ["versions", BASE, *chain]),
        ("history-chain-301-2-6-35", ["history", BASE, *chain, "--unit", "2/6/35"]),
        ("history-192-2-8", ["history", BASE, SEED, "--unit", "2/8"]),
        ("history-192-2-8-33", ["history", BASE, SEED, "--unit", "2/8/33"]),
        ("history-192-1-1", ["history", BASE, SEED, "--unit", "1/1"]),
        ("history-192-3-17-58", ["history", BASE, SEED, "--unit", "3/17/58"]),
        ("history-192-2-2-1-9-1", ["history", BASE, SEED, "--unit", "2/2-1/9-1"]),
    ]
    long_chain = [
        SEED,
        f"{ORDERS}/order-301-kaz.txt",
        f"{CHAIN}/order-501-kaz.txt",
        "--published", "301=2026-07-30", "--published", "501=2026-09-03",
    ]  # fmt: skip
    result += [
        ("apply-chain-501", ["apply", BASE, *long_chain, "-o", "{out}", "--format", FORMATS]),
        ("versions-chain-501", ["versions", BASE, *long_chain]),
        ("history-chain-501-2-6-34", ["history", BASE, *long_chain, "--unit", "2/6/34"]),
        ("apply-chain-502", ["apply", BASE, f"{CHAIN}/order-501-kaz.txt", f"{CHAIN}/order-502-kaz.txt",
                             "--published", "501=2026-09-03", "--published", "502=2026-09-03", "-o", "{out}"]),
        ("apply-chain-503", ["apply", BASE, f"{ORDERS}/order-301-kaz.txt", f"{CHAIN}/order-503-kaz.txt",
                             "--published", "301=2026-07-30", "--published", "503=2026-09-03", "-o", "{out}"]),
        ("apply-504-2026", ["apply", BASE, f"{CHAIN}/order-504-kaz.txt", "--published", "504=2026-10-10",
                            "--as-of", "2026-12-31", "-o", "{out}", "--format", FORMATS]),
        ("apply-504-2027", ["apply", BASE, f"{CHAIN}/order-504-kaz.txt", "--published", "504=2026-10-10",
                            "--as-of", "2027-01-01", "-o", "{out}", "--format", FORMATS]),
    ]  # fmt: skip
    return result


def run(out: Path, base: str = BASE) -> None:
    out.mkdir(parents=True, exist_ok=True)
    executable = ROOT / ".venv" / "bin" / "consolidate"
    for name, arguments in cases(base):
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        args = [a.replace("{out}", str(folder / "files")) for a in arguments]
        done = subprocess.run([str(executable), *args], cwd=ROOT, capture_output=True, check=False)
        # Paths of the output folder differ from run to run: name them the same way.
        stdout = done.stdout.replace(str(out).encode(), b"OUT")
        stderr = done.stderr.replace(str(out).encode(), b"OUT")
        (folder / "stdout").write_bytes(stdout)
        (folder / "stderr").write_bytes(stderr)
        (folder / "rc").write_text(f"{done.returncode}\n")


def compare(out: Path, reference: Path) -> int:
    """Every file of `reference` must exist in `out` with the same bytes, and no file more."""
    ours = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    theirs = {p.relative_to(reference) for p in reference.rglob("*") if p.is_file()}
    bad = sorted(str(p) for p in ours ^ theirs)
    bad += sorted(str(p) for p in ours & theirs if not filecmp.cmp(out / p, reference / p, shallow=False))
    for line in bad:
        print(f"differs: {line}")
    print(f"{len(theirs)} files compared, {len(bad)} differ")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--compare", metavar="REF")
    parser.add_argument("--base", default=BASE, help=f"the base folder of Order 550 (default {BASE})")
    args = parser.parse_args()
    run(Path(args.out).resolve(), args.base)
    return compare(Path(args.out).resolve(), Path(args.compare).resolve()) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
