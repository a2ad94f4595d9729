"""Speed and memory of the version diff, next to the two general-purpose alternatives.

Prints figures and asserts nothing about time (a threshold fails on a slow machine and
passes on a fast one without telling anyone anything). It does stop with an error when
our diff reports anything but exactly the rows the benchmark changed: that is a bug.

Data: a synthetic act of ROWS rows in three annexes, with the cell texts of a real
qualification-requirements table (titles, category codes, education, lists of
specialties, a sentence of experience), chapters of 6 to 14 rows, merged education cells;
a copy with 1% of its words replaced at random. Fixed seed: every run builds the same two
versions.

Compared, each in a fresh subprocess so that its peak RSS (getrusage maxrss, which only
grows) is its own:

- ours: `consolidate.diff.diff_versions` (units matched by address, changed units diffed
  word by word with diff-match-patch);
- difflib: `difflib.SequenceMatcher` (Python's defaults) over the token lists of the two
  whole texts, one line per unit, then `get_opcodes()`;
- xmldiff: `xmldiff.main.diff_trees` on the two Akoma Ntoso files written by
  `consolidate.akn.act_xml.act_to_xml` (install with `pip install -e '.[bench]'`).

Times are CPU seconds of the measuring process (`time.process_time`): the machines this
runs on are shared, and the wall clock of a pure-Python computation then mostly measures
the neighbours; the wall time is printed beside it. The two alternatives are stopped after
--limit CPU seconds (ITIMER_PROF inside the child, a hard subprocess timeout behind it)
and reported as "> N s (stopped)"; they are also run at smaller sizes to show how they
grow. Ours is also measured at 5,000, 10,000 and 20,000 rows with tracemalloc's peak
during the diff, to show that time and memory are linear.

Usage: python benchmarks/bench_diff.py [--rows 20000] [--limit 60] [--quick]
       python benchmarks/bench_diff.py --one METHOD ROWS [--limit S] [--reps R]
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import random
import re
import resource
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consolidate.diff import diff_versions, tokens  # noqa: E402
from consolidate.model.act import Act, Annex  # noqa: E402
from consolidate.model.units import COLUMNS, ChapterHeading, Row, Unit  # noqa: E402

SEED = 20261127
CHANGED_FRACTION = 0.01
METHODS = ("ours", "difflib", "xmldiff")
GROWTH_SIZES = (50, 100, 200, 400, 800, 1_600, 3_200, 6_400, 12_800)
MEMORY_SIZES = (5_000, 10_000, 20_000)
TARGET = 10.0
"""The brief's target: ours at least 10x faster than both alternatives."""

WORD = re.compile(r"\w+(?:-\w+)*")

# --- the synthetic versions ----------------------------------------------------------

DEPARTMENTS = (
    "Өрт сөндіру және авариялық-құтқару жұмыстарын ұйымдастыру", "Техникалық нормалау", "Тылдық қамтамасыз ету",
    "Кадр жұмысы", "Азаматтық қорғаныс және жұмылдыру дайындығы", "Өрт профилактикасы",
    "Жедел-тактикалық даярлық", "Байланыс және ақпараттандыру", "Қаржы және бухгалтерлік есеп",
    "Құқықтық қамтамасыз ету", "Мемлекеттік өртке қарсы қызмет", "Ғылыми-зерттеу орталығы",
    "Оқу-әдістемелік жұмыс", "Ішкі аудит", "Халықаралық ынтымақтастық",
    "Азаматтық қорғау саласындағы мемлекеттік бақылау",
)  # fmt: skip
UNIT_KINDS = ("бөлімшесінің", "басқармасының", "бөлімінің", "қызметінің")
TITLES = ("бастығы", "бастығының орынбасары", "бас маманы", "аға инспекторы", "инспекторы", "инженері",
          "аға инженері", "жедел кезекшісі", "бас сарапшысы")  # fmt: skip
SPECIALTIES = (
    "Өрт қауіпсіздігі", "Өрт сөндіру және авариялық-құтқару ісі", "Төтенше жағдайларда қорғау",
    "Азаматтық қорғаныстың командалық тактикалық күштері", "Құрылыс", "Электр энергетикасы", "Жылу энергетикасы",
    "Радиотехника, электроника және телекоммуникация", "Тіршілік қауіпсіздігі және қоршаған ортаны қорғау",
    "Механика", "Есептеу техникасы және бағдарламалық қамтамасыз ету", "Мұнай-газ ісі",
    "Автоматтандыру және басқару", "Стандарттау, сертификаттау және метрология", "Химия", "Сот сараптамасы",
    "Техносфералық қауіпсіздік", "Құқықтану", "Экономика", "Мемлекеттік және жергілікті басқару", "Психология",
    "Әскери іс және қауіпсіздік", "Ақпараттық жүйелер", "Бухгалтерлік есеп және аудит", "Қаржы",
    "Логистика (салалар бойынша)",
)  # fmt: skip
EDUCATION = ("Жоғарыдан төмен емес", "техникалық және кәсіптік, орта білімнен кейінгі, жоғары", "орташадан төмен емес")
EXPERIENCE_WORDS = (
    "лауазымға", "орналасу", "үшін", "жұмыс", "өтілі", "бұйрықтың", "тармағында", "көзделген", "талаптардың",
    "біріне", "сәйкес", "келуі", "тиіс", "кемінде", "жыл", "азаматтық", "қорғау", "органдарында", "мемлекеттік",
    "қызметте", "немесе", "басшылық", "лауазымдарда", "екі", "үш", "бір", "саласында", "құқық", "қорғау",
)  # fmt: skip
VOCABULARY = tuple(sorted({w for text in (*DEPARTMENTS, *UNIT_KINDS, *TITLES, *SPECIALTIES, *EXPERIENCE_WORDS)
                           for w in WORD.findall(text)}))  # fmt: skip
"""Words a change draws from: the table's own words, as a real edit would."""


def _row(rng: random.Random, num: str, chapter: str, level: int) -> Row:
    family = rng.choice(("SV", "SVO", "SVU"))
    experience = " ".join(rng.choice(EXPERIENCE_WORDS) for _ in range(rng.randint(12, 24)))
    return Row(
        num=num,
        chapter=chapter,
        paragraph=None,
        cells={
            "title": f"{rng.choice(DEPARTMENTS)} {rng.choice(UNIT_KINDS)} {rng.choice(TITLES)}",
            "category": f"С-{family}-{level} (қызметкер)",
            "education": EDUCATION[0] if level < 9 else rng.choice(EDUCATION),
            "specialties": rng.sample(SPECIALTIES, rng.randint(3, 8)),
            "experience": f"С-{family}-{level} санатындағы {experience} № 67 бұйрықтың {rng.randint(5, 20)}-тармағы.",
        },
    )


def make_act(rows: int, seed: int = SEED) -> Act:
    """An act of `rows` numbered rows in three annexes, chapters of 6 to 14 rows."""
    rng = random.Random(seed)
    act = Act(number="550", date="2025-12-18", lang="kk", title="Біліктілік талаптарын бекіту туралы",
              issuer="Қазақстан Республикасы Төтенше жағдайлар министрі")  # fmt: skip
    per_annex = [rows // 3 + (1 if i < rows % 3 else 0) for i in range(3)]
    for index, count in enumerate(per_annex, start=1):
        units: list[Unit] = []
        chapter = 0
        made = 0
        while made < count:
            chapter += 1
            heading = f"{rng.choice(DEPARTMENTS)} {rng.choice(UNIT_KINDS)}"
            units.append(ChapterHeading(num=str(chapter), heading=heading))
            previous: Row | None = None
            for _ in range(min(rng.randint(6, 14), count - made)):
                made += 1
                row = _row(rng, str(made), str(chapter), rng.choice((4, 6, 7, 8, 9, 12)))
                if previous is not None and previous.cells["education"] == row.cells["education"]:
                    row.continues = frozenset({"education"})
                units.append(row)
                previous = row
        header = {"num": "Р/с №", **{c: c for c in COLUMNS}}
        act.annexes.append(Annex(num=str(index), title=f"{index}-қосымша: біліктілік талаптары", header=header,
                                 units=units))  # fmt: skip
    return act


def _replace_words(text: str, positions: list[int], rng: random.Random) -> str:
    """`text` with the words at `positions` (indexes among its words) replaced by others."""
    wanted = set(positions)
    count = -1

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count not in wanted:
            return match.group(0)
        return rng.choice([w for w in VOCABULARY if w != match.group(0)])

    return WORD.sub(swap, text)


def mutate(act: Act, fraction: float, seed: int = SEED + 1) -> tuple[Act, set[tuple[str, str]]]:
    """A copy of `act` with `fraction` of its words replaced; returns the rows that changed
    as (annex, row number)."""
    rng = random.Random(seed)
    new = copy.deepcopy(act)
    cells: list[tuple[Annex, Row, str, int | None]] = []
    counts: list[int] = []
    for annex in new.annexes:
        for row in annex.rows():
            for column in COLUMNS:
                value = row.cells[column]
                items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
                for item, text in items:
                    cells.append((annex, row, column, item))
                    counts.append(len(WORD.findall(text)))
    total = sum(counts)
    chosen = sorted(rng.sample(range(total), round(total * fraction)))
    changed: set[tuple[str, str]] = set()
    at, start, cell = 0, 0, 0
    while at < len(chosen):
        while chosen[at] >= start + counts[cell]:
            start += counts[cell]
            cell += 1
        positions = []
        while at < len(chosen) and chosen[at] < start + counts[cell]:
            positions.append(chosen[at] - start)
            at += 1
        annex, row, column, item = cells[cell]
        if item is None:
            row.cells[column] = _replace_words(str(row.cells[column]), positions, rng)
        else:
            items = list(row.cells[column])
            items[item] = _replace_words(items[item], positions, rng)
            row.cells[column] = items
        changed.add((annex.num, row.num))
    for annex in new.annexes:
        annex.normalize_merges()
    return new, changed


def act_text(act: Act) -> str:
    """The whole act as text, one line per unit: what a flat diff would compare."""
    lines = []
    for annex in act.annexes:
        lines.append(annex.title)
        for unit in annex.units:
            if isinstance(unit, Row):
                cells = (" ".join(v) if isinstance(v, list) else v for v in (unit.cells[c] for c in COLUMNS))
                lines.append(" | ".join((unit.num, *cells)))
            else:
                lines.append(f"{unit.num}-тарау. {unit.heading}")
    return "\n".join(lines)


# --- one measurement, in a child process -----------------------------------------------


class Stopped(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Stopped


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(method: str, rows: int, limit: float, reps: int) -> dict[str, Any]:
    """Build the two versions, then time `method` on them (best of `reps` for ours)."""
    old = make_act(rows)
    new, changed = mutate(old, CHANGED_FRACTION)
    result: dict[str, Any] = {"method": method, "rows": rows, "changed_rows": len(changed)}
    if method == "ours":
        walls, cpus = [], []
        for _ in range(reps):
            gc.collect()
            began, began_cpu = time.perf_counter(), time.process_time()
            diff = diff_versions(old, new)
            walls.append(time.perf_counter() - began)
            cpus.append(time.process_time() - began_cpu)
        found = {(c.annex, c.num) for c in diff.changes()}
        kinds = {c.kind for c in diff.changes()}
        result.update(seconds=min(cpus), wall=min(walls), exact=found == changed and kinds == {"restated"},
                      found=len(found), maxrss_mb=_maxrss_mb())  # fmt: skip
        del diff
        gc.collect()
        tracemalloc.start()
        diff = diff_versions(old, new)
        result["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        return result
    if method == "difflib":
        import difflib

        a, b = tokens(act_text(old)), tokens(act_text(new))
        result["tokens"] = len(a)

        def work() -> None:
            difflib.SequenceMatcher(None, a, b).get_opcodes()
    else:
        import tempfile

        from lxml import etree
        from xmldiff import main as xmldiff_main

        from consolidate.akn.act_xml import act_to_xml

        with tempfile.TemporaryDirectory() as folder:
            paths = [Path(folder, name) for name in ("old.xml", "new.xml")]
            for path, act in zip(paths, (old, new), strict=True):
                path.write_bytes(act_to_xml(act))
            result["xml_mb"] = round(paths[0].stat().st_size / 2**20, 1)
            left, right = (etree.parse(str(p)) for p in paths)

        def work() -> None:
            xmldiff_main.diff_trees(left, right)

    gc.collect()
    signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, limit)  # CPU seconds of this process, see the module docstring
    began, began_cpu = time.perf_counter(), time.process_time()
    try:
        work()
        result.update(seconds=time.process_time() - began_cpu, wall=time.perf_counter() - began)
    except Stopped:
        result.update(stopped=limit, wall=time.perf_counter() - began)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    result["maxrss_mb"] = _maxrss_mb()
    return result


def measure(method: str, rows: int, limit: float, reps: int = 1) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; a hung child counts as stopped."""
    command = [sys.executable, __file__, "--one", method, str(rows), "--limit", str(limit), "--reps", str(reps)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit + 300, check=False)
    except subprocess.TimeoutExpired:
        return {"method": method, "rows": rows, "stopped": limit}
    if done.returncode != 0:
        sys.exit(f"{method} at {rows} rows failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def shown(result: dict[str, Any]) -> str:
    """CPU seconds, or the limit it was stopped at."""
    if "stopped" in result:
        return f"> {result['stopped']:.0f} s (stopped)"
    return f"{result['seconds']:.3f} s"


def wall(result: dict[str, Any]) -> str:
    return f"{result['wall']:.2f} s wall" if "wall" in result else "killed"


# --- the report --------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before difflib or xmldiff is stopped")
    parser.add_argument("--quick", action="store_true", help="2,000 rows, a 10 s limit, short growth series")
    parser.add_argument("--one", nargs=2, metavar=("METHOD", "ROWS"))
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    if args.one:
        method, rows = args.one
        if method not in METHODS:
            sys.exit(f"unknown method {method!r}: one of {', '.join(METHODS)}")
        print(json.dumps(run_one(method, int(rows), args.limit, args.reps)))
        return

    rows, limit = (2_000, 10.0) if args.quick else (args.rows, args.limit)
    print(f"Version diff benchmark: {rows:,} rows, {CHANGED_FRACTION:.0%} of the words changed, seed {SEED}")
    print(f"difflib and xmldiff are stopped after {limit:.0f} s.\n")

    ours = measure("ours", rows, limit, args.reps)
    print(f"ours      {shown(ours)} CPU ({wall(ours)}, best of {args.reps}), {ours['changed_rows']:,} rows changed, "
          f"{ours['found']:,} found, exact: {ours['exact']}, peak RSS {ours['maxrss_mb']:.0f} MB")  # fmt: skip
    if not ours["exact"]:
        sys.exit("BUG: the diff did not report exactly the rows that were changed")
    full = {method: measure(method, rows, limit) for method in ("difflib", "xmldiff")}
    for method, result in full.items():
        extra = f", {result['tokens']:,} tokens" if "tokens" in result else ""
        extra += f", {result['xml_mb']} MB of XML" if "xml_mb" in result else ""
        rss = f", peak RSS {result['maxrss_mb']:.0f} MB" if "maxrss_mb" in result else ""
        print(f"{method:<9} {shown(result)} CPU ({wall(result)}){extra}{rss}")
    for method, result in full.items():
        if "stopped" in result:
            print(f"ours vs {method}: > {result['stopped'] / ours['seconds']:.0f}x faster (lower bound)")
        else:
            print(f"ours vs {method}: {result['seconds'] / ours['seconds']:.0f}x faster")

    print("\nGrowth, CPU seconds (each size in a fresh process):")
    print(f"{'rows':>8} {'ours':>12} {'difflib':>22} {'xmldiff':>22}")
    sizes = [s for s in GROWTH_SIZES if s < rows][: 3 if args.quick else None]
    alive = {"difflib": True, "xmldiff": True}
    for size in sizes:
        cells = [shown(measure("ours", size, limit, args.reps))]
        for method in ("difflib", "xmldiff"):
            if alive[method]:
                result = measure(method, size, limit)
                alive[method] = "stopped" not in result
                cells.append(shown(result))
            else:
                cells.append("(not run)")
        print(f"{size:>8,} {cells[0]:>12} {cells[1]:>22} {cells[2]:>22}")

    print("\nOurs, time and memory by size:")
    print(f"{'rows':>8} {'CPU':>9} {'wall':>9} {'diff peak (tracemalloc)':>24} {'process peak RSS':>17}")
    for size in MEMORY_SIZES if not args.quick else (500, 1_000, 2_000):
        result = measure("ours", size, limit, args.reps)
        print(f"{size:>8,} {result['seconds']:>8.3f}s {result['wall']:>8.3f}s "
              f"{result['tracemalloc_peak_mb']:>21.1f} MB {result['maxrss_mb']:>14.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
