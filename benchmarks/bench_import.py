"""Import and text-provision apply: round-trip figures of the real corpus, and speed.

Prints
1. for every act of tests/corpus/acts and every page of tests/corpus/html: units, annexes,
   and the character similarity of its source (a page: its visible <h1> and <article>) and
   its import exported back as text (the issue's target: >= 99.5 % each);
2. import of generated acts of 2,500 to 20,000 provisions (markdown as the reference bank
   writes it): CPU seconds, microseconds per provision, with the floor measured in the same
   run (reading the same text into lines, and lxml parsing + writing the AKN XML made);
3. apply of an order with one operation per 40 provisions (500 for 20,000) to the same
   acts: parse and apply seconds, microseconds per provision.

Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consolidate.akn.tree_xml import tree_to_xml  # noqa: E402
from consolidate.apply.tree_apply import apply_to_tree  # noqa: E402
from consolidate.export.tree_txt import export_tree_txt  # noqa: E402
from consolidate.importer.official import import_official  # noqa: E402
from consolidate.importer.similarity import differences, similarity  # noqa: E402
from consolidate.parse.order import parse_text  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "acts"
PAGES = ROOT / "tests" / "corpus" / "html"  # real pages of the reference bank (adilet.zan.kz)


def start() -> float:
    """CPU seconds at the start of a stage, after a full collection, so that a stage does
    not pay for the garbage of the one before."""
    gc.collect()
    return time.process_time()


def cpu() -> float:
    return time.process_time()


def round_trips() -> None:
    print("1. Round trip of the real corpus (import, then export as text)")
    print(f"{'act':32} {'units':>6} {'annexes':>7} {'similarity':>10}")
    worst = 1.0
    sources = sorted(p for p in CORPUS.glob("*/*.md") if p.name in ("kaz.md", "rus.md"))
    for source in sources + sorted(PAGES.glob("*/page.html")):
        imported = import_official(source)
        ratio = similarity(imported.source_text, export_tree_txt(imported.document).decode("utf-8"))
        worst = min(worst, ratio)
        units = sum(1 for _ in imported.document.units())
        cut = " (page cut short)" if any("cut short" in w.message for w in imported.warnings) else ""
        print(f"{source.parent.name:32} {units:6d} {len(imported.document.annexes):7d} {ratio:10.4%}{cut}")
        if ratio < 1:  # every difference left, for the classes in docs/import.md
            exported = export_tree_txt(imported.document).decode("utf-8")
            for sign, text in differences(imported.source_text, exported):
                print(f"    {sign} {text[:100]!r}")
    print(f"worst: {worst:.4%}\n")


def generated_act(provisions: int) -> str:
    """A Kazakh order approving rules: chapters of 50 points, every fifth point with 3 subpoints."""
    lines = [
        "# Сынақ қағидаларын бекіту туралы",
        "",
        "БҰЙЫРАМЫН:",
        "",
        "1. Қоса беріліп отырған қағидалар бекітілсін.",
        "",
    ]
    lines += ["> *Бұйрыққа*  ", "> *1-қосымша*", "", "## Сынақ қағидалары", ""]
    point = made = 0
    chapter = 0
    while made < provisions:
        chapter += 1
        lines += [f"### {chapter}-тарау. Бөлім {chapter}", ""]
        for _ in range(50):
            point += 1
            made += 1
            lines += [f"{point}. Тармақтың мәтіні {point}, өкілетті орган белгілейді.", ""]
            if point % 5 == 0:
                for sub in range(1, 4):
                    made += 1
                    lines += [f"   {sub}) тармақшаның мәтіні {point}-{sub};", ""]
            if made >= provisions:
                break
    return "\n".join(lines) + "\n"


def generated_order(points: int, operations: int) -> str:
    head = [
        "«Сынақ қағидаларын бекіту туралы» Қазақстан Республикасы Әділет министрінің 2020 жылғы 14 қыркүйектегі"
        " № 354 бұйрығына өзгерістер енгізу туралы",
        "",
        "Қазақстан Республикасы Әділет министрінің 2026 жылғы 1 қазандағы № 901 бұйрығы",
        "",
        "БҰЙЫРАМЫН:",
        "",
        "1. «Сынақ қағидаларын бекіту туралы» Қазақстан Республикасы Әділет министрінің 2020 жылғы 14 қыркүйектегі"
        " № 354 бұйрығына мынадай өзгерістер енгізілсін:",
        "",
        "көрсетілген бұйрықпен бекітілген Сынақ қағидаларында:",
        "",
    ]
    step = max(1, points // operations)
    body = []
    for k in range(operations):
        n = 1 + k * step
        kind = k % 4
        if kind == 0:
            body += [f"{n}-тармақ мынадай редакцияда жазылсын:", "", f"«{n}. Жаңа мәтін {n}.»;", ""]
        elif kind == 1:
            body += [f"мынадай мазмұндағы {n}-1-тармақпен толықтырылсын:", "", f"«{n}-1. Қосылған мәтін {n}.»;", ""]
        elif kind == 2:
            body += [f"{n}-тармақта «өкілетті орган» деген сөздер «уәкілетті орган» деген сөздермен ауыстырылсын;", ""]
        else:
            body += [f"{n}-тармақ алып тасталсын;", ""]
    tail = [
        "2. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.",
        "",
    ]
    return "\n".join(head + body + tail)


def speed() -> None:
    print("2-3. Import and apply of generated acts (CPU seconds; µs per provision)")
    header = f"{'provisions':>10} {'read floor':>10} {'import':>8} {'µs/prov':>8} {'lxml floor':>10}"
    print(header + f" {'ops':>5} {'parse':>7} {'apply':>7} {'µs/prov':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for provisions in (2_500, 5_000, 10_000, 20_000):
            source = Path(tmp) / f"act-{provisions}.md"
            text = generated_act(provisions)
            source.write_text(text, "utf-8")
            (Path(tmp) / "meta.yaml").write_text(
                "requisite: Приказ Министра юстиции Республики Казахстан от 14 сентября 2020 года № 354.\n", "utf-8"
            )
            begin = start()
            lines = source.read_text("utf-8").split("\n")
            floor_read = cpu() - begin
            begin = start()
            imported = import_official(source)
            t_import = cpu() - begin
            xml = tree_to_xml(imported.document)
            begin = start()
            etree.tostring(etree.fromstring(xml))
            floor_xml = cpu() - begin
            points = sum(1 for line in lines if line[:1].isdigit())
            ops = provisions // 40
            order_text = generated_order(points, ops)
            begin = start()
            order = parse_text(order_text, "order-901.txt", "kk")
            t_parse = cpu() - begin
            begin = start()
            apply_to_tree(imported.document, order)
            t_apply = cpu() - begin
            print(
                f"{provisions:10d} {floor_read:10.3f} {t_import:8.3f} {t_import / provisions * 1e6:8.1f} "
                f"{floor_xml:10.3f} {len(order.operations):5d} {t_parse:7.3f} {t_apply:7.3f} "
                f"{t_apply / provisions * 1e6:8.1f}"
            )


if __name__ == "__main__":
    round_trips()
    speed()
