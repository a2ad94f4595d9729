"""Speed and memory of the whole pipeline: parse an order, read a base, apply, export.

Prints figures; it asserts nothing about time, because a timing threshold in a test fails
on a slow machine and passes on a fast one without telling anyone anything. A reader
compares the figures with the table in benchmarks/README.md instead.

Three parts:

1. the seed end to end (Order 192 on the reconstructed Order 550), best of 3 per stage;
2. a synthetic base of 20,000 rows and a synthetic order of 500 operations written as
   order *text* in the seed's format, so the parser is measured on what it really reads,
   next to the floor: lxml alone parsing and serialising the same base XML, then the diff
   and the four review files next to the five exports, and the redline HTML next to a plain
   jinja2 table of the same cells; each stage the median of 5 runs (issue 9's ratios (a)
   and (b) are printed);
3. growth: the same measurements at 2,500, 5,000, 10,000 and 20,000 rows, each size in a
   fresh subprocess (`--one SIZE`) so that its peak RSS (getrusage maxrss, which only
   ever grows) belongs to that size alone; tracemalloc would slow everything down ~3x.

Generation is deterministic (fixed seed): the same command builds the same base and the
same order, so two runs differ only by the machine. The order must parse to exactly the
number of operations generated and apply without error; anything else is a bug in
`consolidate`, and the script stops with a message saying so.

Usage: python benchmarks/bench_pipeline.py [--quick] [--annexes 1|3] [--ops N] [--reps R]
       python benchmarks/bench_pipeline.py --one SIZE [--inputs DIR] [--reps R] [--ops N]
       python benchmarks/bench_pipeline.py --profile SIZE [--stage parse|read|apply|html|...]
       python benchmarks/bench_pipeline.py --dump-order SIZE > order.txt
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from lxml import etree

from consolidate.akn.act_xml import act_from_xml, act_to_xml
from consolidate.apply import apply_amendment
from consolidate.diff.model import VersionDiff
from consolidate.export import render
from consolidate.export.review import render_review, review_diff
from consolidate.model.act import Act
from consolidate.model.json_io import act_from_dict
from consolidate.model.units import Row
from consolidate.parse.order import parse_text

ROOT = Path(__file__).resolve().parents[1]
SEED_ORDER = ROOT / "amendments" / "192" / "kaz.txt"
SEED_BASE = ROOT / "base_orders" / "550" / "kaz.xml"

RANDOM_SEED = 20260612
"""Fixed seed: the generated base and order are the same on every run and machine."""

FORMATS: tuple[str, ...] = ("html", "docx", "xml", "txt", "json")
SIZES_FULL: tuple[int, ...] = (2_500, 5_000, 10_000, 20_000)
SIZES_QUICK: tuple[int, ...] = (2_500, 5_000)
REFERENCE_SIZE = 20_000
REFERENCE_OPS = 500
TARGET_RATIO = 3.0
"""Issue 9, target (a): apply + XML export within 3x of lxml merely parsing and writing the XML."""
REVIEW_TARGET = 1.0
"""Issue 9, target (b): the diff and the four review files cost no more than the five exports."""
REVIEW_FILES: tuple[str, ...] = ("redline.html", "redline.docx", "comparative.html", "comparative.docx")
SUPERLINEAR = 1.25
"""A growth exponent above this is flagged: on a shared 2-CPU machine the exponents of
linear stages were measured between 0.85 and 1.2; a per-operation cost that grows with
the base (operations scale with it) pushes the exponent towards 2."""
REPS_FULL = 5
"""5 runs per stage in the full run: neighbours on a shared machine add up to ~50% to a
single measurement; the median (printed) and the best (kept in the JSON) of five are
stable to a few percent."""
PLAIN_TABLE = (
    "<table>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>\n{% endfor %}</table>"
)
"""The floor of the redline HTML: a plain jinja2 table of the new version's cells (every unit
one row: its number and its cells' texts, or its heading), autoescaped."""

T = TypeVar("T")

# --- the synthetic base --------------------------------------------------------------

ACT_META: dict[str, Any] = {
    "number": "550",
    "date": "2025-12-18",
    "lang": "kk",
    "doctype": "order",
    "title": "Азаматтық қорғау органдары лауазымдарының санаттарына қойылатын біліктілік талаптарын бекіту туралы",
    "issuer": "Қазақстан Республикасы Төтенше жағдайлар министрі",
    "reconstructed": True,
    "applied": [],
    "notes": [],
    "points": [
        {"num": "1", "text": ["Мыналар бекітілсін:", "1) осы бұйрыққа қосымшаларға сәйкес біліктілік талаптары."]},
        {
            "num": "2",
            "text": [
                "Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі."
            ],
        },
    ],
}
"""The identity of Order 550, so that the synthetic order's "№ 550 бұйрығына" finds its base."""

ANNEX_TITLES: tuple[str, ...] = (
    "Қазақстан Республикасы Төтенше жағдайлар министрлігінің аппараты лауазымдарының санаттарына "
    "қойылатын біліктілік талаптары",
    "Қазақстан Республикасы Төтенше жағдайлар министрлігінің облыстық (республикалық маңызы бар "
    "қалалардың және астананың) аумақтық органдары лауазымдарының санаттарына қойылатын біліктілік талаптары",
    '"Төтенше жағдайлар министрлігі Мәлік Ғабдуллин атындағы Азаматтық қорғау академиясы" мемлекеттік '
    "мекемесі лауазымдарының санаттарына қойылатын біліктілік талаптары",
)
"""The three annex titles of the seed's base: the order names them in the locative."""

CATEGORY_FAMILY: tuple[str, ...] = ("SV", "SVO", "SVU")

HEADER: dict[str, str] = {
    "num": "Р/с №",
    "title": "Лауазымның атауы",
    "category": "Лауазым санаты",
    "education": "Білім деңгейі",
    "specialties": "Мамандықтар / білім беру бағдарламалары",
    "experience": "Жұмыс өтілі",
}

DEPARTMENTS: tuple[str, ...] = (
    "Өрт сөндіру және авариялық-құтқару жұмыстарын ұйымдастыру",
    "Техникалық нормалау",
    "Тылдық қамтамасыз ету",
    "Кадр жұмысы",
    "Азаматтық қорғаныс және жұмылдыру дайындығы",
    "Өрт профилактикасы",
    "Жедел-тактикалық даярлық",
    "Төтенше жағдайларды жою және психологиялық даярлық",
    "Байланыс және ақпараттандыру",
    "Қаржы және бухгалтерлік есеп",
    "Құқықтық қамтамасыз ету",
    "Мемлекеттік өртке қарсы қызмет",
    "Ғылыми-зерттеу орталығы",
    "Оқу-әдістемелік жұмыс",
    "Ішкі аудит",
    "Халықаралық ынтымақтастық",
    "Құжаттамалық қамтамасыз ету",
    "Азаматтық қорғау саласындағы мемлекеттік бақылау",
)
UNIT_KINDS: tuple[str, ...] = ("бөлімшелерінің", "басқармасының", "бөлімінің", "қызметінің")

SPECIALTIES: tuple[str, ...] = (
    "Өрт қауіпсіздігі",
    "Өрт сөндіру және авариялық-құтқару ісі",
    "Төтенше жағдайларда қорғау",
    "Азаматтық қорғаныстың командалық тактикалық күштері",
    "Құрылыс",
    "Құрылыс материалдарын, бұйымдары мен конструкцияларын өндіру",
    "Электр энергетикасы",
    "Жылу энергетикасы",
    "Радиотехника, электроника және телекоммуникация",
    "Тіршілік қауіпсіздігі және қоршаған ортаны қорғау",
    "Механика",
    "Есептеу техникасы және бағдарламалық қамтамасыз ету",
    "Мұнай-газ ісі",
    "Автоматтандыру және басқару",
    "Стандарттау, сертификаттау және метрология",
    "Көлік, көлік техникасы және технологиялары",
    "Химия",
    "Сот сараптамасы",
    "Техносфералық қауіпсіздік",
    "Төтенше жағдайлардың алдын алу және жою",
    "Құқықтану",
    "Экономика",
    "Мемлекеттік және жергілікті басқару",
    "Психология",
    "Педагогикалық ғылымдар",
    "Әскери іс және қауіпсіздік",
    "Ақпараттық жүйелер",
    "Бухгалтерлік есеп және аудит",
    "Қаржы",
    "Логистика (салалар бойынша)",
)
TECHNICAL_SPECIALTIES: tuple[str, ...] = (
    "Техникалық, кәсіптік және орта білімнен кейінгі білім беру мамандықтары:",
    "Техник-құрылысшы",
    "Құтқарушы",
    "Техник",
    "Стандарттау жөніндегі техник",
    "Өрт инспекторы",
    "Өрт сөндіруші",
    "Өрт қауіпсіздігі технигі",
)

TITLES: dict[int, tuple[str, ...]] = {
    3: ("Басқарма бастығы",),
    4: ("Бөлім бастығы", "Басқарма бастығының орынбасары"),
    6: ("Бөлімше бастығы",),
    7: ("Бас маман", "Бас маман, жедел кезекші"),
    8: ("Аға инспектор", "Аға инженер", "Аға диспетчер, аға инженер", "Бас сарапшы"),
    9: ("Инспектор", "Инженер", "Инженер, жедел кезекшінің көмекшісі"),
    12: ("Аға байланыс шебері",),
    13: ("Жүргізуші-қызметкер",),
}
"""Position titles by category level, as in the seed (level 3 heads a department, 13 drives)."""

POINT_OF_ORDER_67: dict[int, int] = {3: 10, 4: 12, 6: 15, 7: 15, 8: 16, 9: 18}
"""The point of Order No. 67 an experience cell cites, by category level."""

HIGHER = "Жоғарыдан төмен емес"
TECHNICAL = "техникалық және кәсіптік, орта білімнен кейінгі, жоғары"
SECONDARY = "орташадан төмен емес"
NO_EXPERIENCE = "Жұмыс өтілі талап етілмейді."


def _category(annex: int, level: int) -> str:
    return f"С-{CATEGORY_FAMILY[annex % 3]}-{level} (қызметкер)"


def _experience(annex: int, level: int) -> str:
    """The experience cell: cites a point of Order 67, except for the lowest levels."""
    if level not in POINT_OF_ORDER_67:
        return NO_EXPERIENCE
    family = CATEGORY_FAMILY[annex % 3]
    code = f"С-{family}-{level}"
    if level in (6, 7):
        code = f"С-{family}-6 және С-{family}-7"
    wording = "санатындағы лауазымға" if family == "SV" else "санаты лауазымдарына"
    return (
        f"{code} {wording} орналасу үшін жұмыс өтілі № 67 бұйрықтың {POINT_OF_ORDER_67[level]}-тармағында "
        "көзделген талаптардың біріне сәйкес келуі тиіс."
    )


def _education(level: int) -> str:
    if level >= 12:
        return SECONDARY
    return TECHNICAL if level == 9 else HIGHER


def _specialties(rng: random.Random, level: int) -> list[str]:
    """A cell of specialties: none for secondary education, technical ones for level 9."""
    if level >= 12:
        return []
    if level == 9 and rng.random() < 0.5:
        return [TECHNICAL_SPECIALTIES[0], *rng.sample(TECHNICAL_SPECIALTIES[1:], rng.randint(3, 6))]
    return rng.sample(SPECIALTIES, rng.randint(3, 10))


def _chapter_levels(rng: random.Random, size: int) -> list[int]:
    """Category levels of a chapter's rows, top down as the tables print them."""
    levels = [rng.choice((3, 4))]
    while len(levels) < size:
        levels.append(rng.choices((4, 6, 7, 8, 9, 12, 13), weights=(1, 2, 2, 4, 3, 1, 1))[0])
    head, rest = levels[0], sorted(levels[1:])
    return [head, *rest]


def _cells(rng: random.Random, annex: int, level: int, specialties: list[str]) -> dict[str, Any]:
    return {
        "title": rng.choice(TITLES[level]),
        "category": _category(annex, level),
        "education": _education(level),
        "specialties": specialties,
        "experience": _experience(annex, level),
    }


def _chapter_rows(rng: random.Random, annex: int, chapter: str, first: int, size: int) -> list[dict[str, Any]]:
    """The rows of one chapter in the version JSON shape, with one specialties merge.

    The first row's specialties cover the following rows of higher education (as in the
    seed's chapter 8: one list printed once for the department's officers); later rows
    have their own list, or none for secondary education.
    """
    levels = _chapter_levels(rng, size)
    merged = _specialties(rng, levels[0])
    span = 1
    limit = rng.randint(3, 8)
    while span < min(limit, size) and levels[span] not in (9, 12, 13):
        span += 1
    rows = []
    for offset, level in enumerate(levels):
        specialties = list(merged) if offset < span else _specialties(rng, level)
        row: dict[str, Any] = {
            "type": "row",
            "num": str(first + offset),
            "chapter": chapter,
            "paragraph": None,
            "cells": _cells(rng, annex, level, specialties),
            "notes": [],
        }
        if offset == 0 and span > 1:
            row["spans"] = {"specialties": span}
        rows.append(row)
    return rows


def _heading(rng: random.Random) -> str:
    return f"{rng.choice(DEPARTMENTS)} {rng.choice(UNIT_KINDS)} лауазымдары бойынша"


def synthetic_base(rows: int, annexes: int = 3, seed: int = RANDOM_SEED) -> dict[str, Any]:
    """A version in the JSON shape of docs/json.md with `rows` rows in all.

    Chapters of 15 to 25 rows (about 20), rows numbered through each annex as in the seed,
    the annex titles of Order 550 so that orders name them the way Order 192 does.
    """
    rng = random.Random(seed)
    result: dict[str, Any] = {"act": json.loads(json.dumps(ACT_META)), "annexes": []}
    per_annex = [rows // annexes + (1 if k < rows % annexes else 0) for k in range(annexes)]
    for k, count in enumerate(per_annex):
        units: list[dict[str, Any]] = []
        chapter = 0
        made = 0
        while made < count:
            chapter += 1
            size = min(rng.randint(15, 25), count - made)
            units.append({"type": "chapter", "num": str(chapter), "heading": _heading(rng), "notes": []})
            units.extend(_chapter_rows(rng, k, str(chapter), made + 1, size))
            made += size
        result["annexes"].append(
            {"num": str(k + 1), "title": ANNEX_TITLES[k], "header": dict(HEADER), "notes": [], "units": units}
        )
    return result


# --- the synthetic order -------------------------------------------------------------

ORDER_HEAD = (
    "\n\n"
    '"Азаматтық қорғау органдары лауазымдарының санаттарына қойылатын біліктілік талаптарын бекіту туралы" '
    "Қазақстан Республикасы Төтенше жағдайлар министрінің 2025 жылғы 18 желтоқсандағы № 550 бұйрығына "
    "өзгерістер мен толықтырулар енгізу туралы\n\n"
    "Қазақстан Республикасы Төтенше жағдайлар министрінің 2026 жылғы 12 маусымдағы № 500 бұйрығы\n\n"
    "БҰЙЫРАМЫН:\n\n"
    '1. "Азаматтық қорғау органдары лауазымдарының санаттарына қойылатын біліктілік талаптарын бекіту туралы" '
    "Қазақстан Республикасы Төтенше жағдайлар министрінің 2025 жылғы 18 желтоқсандағы № 550 бұйрығына "
    "мынадай өзгерістер мен толықтырулар енгізілсін:\n\n"
)

ORDER_TAIL = (
    "2. Қазақстан Республикасы Төтенше жағдайлар министрлігінің Кадр және тәрбие жұмысы департаменті "
    "Қазақстан Республикасының заңнамасымен белгіленген тәртіппен:\n\n"
    "1) осы бұйрыққа қол қойған күннен бастап бес жұмыс күн ішінде оның қазақ және орыс тілдеріндегі "
    "электрондық түрдегі көшірмелерін ресми жариялау және Қазақстан Республикасы нормативтік құқықтық "
    "актілерінің эталондық бақылау банкіне енгізу үшін Қазақстан Республикасы Әділет министрлігінің "
    '"Қазақстан Республикасының Заңнама және құқықтық ақпарат институты" шаруашылық жүргізу құқығындағы '
    "республикалық мемлекеттік кәсіпорнына жолдауды;\n\n"
    "2) осы бұйрық ресми жарияланғаннан кейін оны Қазақстан Республикасы Төтенше жағдайлар министрлігінің "
    "интернет-ресурсында орналастыруды қамтамасыз етсін.\n\n"
    "3. Осы бұйрықтың орындалуын бақылау жетекшілік ететін Қазақстан Республикасының Төтенше жағдайлар "
    "вице-министріне жүктелсін.\n\n"
    "4. Осы бұйрық алғашқы ресми жарияланған күнінен кейін он жұмыс күні өткен соң қолданысқа енгізіледі.\n\n"
    "*Қазақстан Республикасының\nТөтенше жағдайлар министрі генерал-лейтенант*\n\nШ. Әрінов\n"
)

MIX: tuple[tuple[str, int], ...] = (
    ("restate_row", 100),
    ("restate_pair", 50),
    ("insert_row", 100),
    ("insert_chapter", 25),
    ("restate_chapter", 25),
    ("repeal_row", 100),
    ("replace_words", 100),
)
"""Operations of the reference order (500 in all); smaller orders keep the proportions."""


def op_counts(total: int) -> dict[str, int]:
    """Split `total` operations over the kinds of `MIX` (largest remainder, every kind > 0)."""
    weight = sum(n for _, n in MIX)
    exact = {kind: total * n / weight for kind, n in MIX}
    counts = {kind: max(1, int(value)) for kind, value in exact.items()}
    by_remainder = sorted(MIX, key=lambda item: exact[item[0]] - int(exact[item[0]]), reverse=True)
    index = 0
    while sum(counts.values()) < total:
        counts[by_remainder[index % len(MIX)][0]] += 1
        index += 1
    while sum(counts.values()) > total:
        kind = max(counts, key=lambda k: counts[k])
        counts[kind] -= 1
    return counts


def _locative(title: str) -> str:
    """The annex title as orders name it, in the locative: "…талаптары" -> "…талаптарында"."""
    return title + "нда"


@dataclass
class _Damage:
    """PDF extraction damage sprinkled on quoted rows, the kinds the seed shows, so that the
    cleanups run on synthetic text as they do on real text."""

    rng: random.Random

    def category(self, category: str, education: str) -> tuple[str, str]:
        roll = self.rng.random()
        if roll < 0.15:  # Latin C instead of Cyrillic С
            return "C" + category[1:], education
        if roll < 0.30:  # the "(" of "(қызметкер)" slid into the next column
            return category.replace("(", ""), "(" + education
        return category, education

    def specialties(self, text: str) -> str:
        if not text:
            return text
        roll = self.rng.random()
        if roll < 0.10:
            return f"<p>{text}</p>"
        if roll < 0.20 and " және " in text:
            return text.replace(" және ", " ж ә н е ", 1)
        return text


@dataclass
class _OrderWriter:
    """Writes the text of an amending order in the seed's layout, block by block."""

    damage: _Damage
    lines: list[str] = field(default_factory=list)

    def row_lines(self, num: str, cells: dict[str, Any], covered: bool = False, tall: bool = False) -> list[str]:
        """One quoted row: tab-separated cells, sometimes printed as a tall row whose
        experience cell runs on to a second line split after "N-" (as the seed prints it)."""
        category, education = self.damage.category(cells["category"], cells["education"])
        specialties = "" if covered else self.damage.specialties(" ".join(cells["specialties"]))
        experience = cells["experience"]
        if tall and "-тармағында" in experience:
            head, tail = experience.split("-тармағында", 1)
            return [
                f"{num}.\t{cells['title']}\t{category}\t{education}\t{specialties}\t{head}-",
                f"\t\t\t\t\tтармағында{tail}",
            ]
        return [f"{num}.\t{cells['title']}\t{category}\t{education}\t{specialties}\t{experience}"]

    def block(self, body: list[str], last: bool) -> None:
        self.lines += ['"', "", *body, "", '".' if last else '";', ""]

    def sentence(self, text: str) -> None:
        self.lines += [text, ""]


def _fresh_cells(rng: random.Random, annex: int, level: int) -> dict[str, Any]:
    return _cells(rng, annex, level, _specialties(rng, level))


def _level_of(row: dict[str, Any]) -> int:
    return int(row["cells"]["category"].split("-")[2].split()[0])


@dataclass
class _Plan:
    """One planned operation: where it sits in the annex (for document order) and its text."""

    position: tuple[int, ...]
    write: Callable[[_OrderWriter, bool], None]


def synthetic_order(base: dict[str, Any], total: int, seed: int = RANDOM_SEED) -> str:
    """The text of an amending order of `total` operations on `base`, in the seed's format.

    Every operation has a target of its own (no row is touched twice, a restated chapter
    is not touched otherwise), so the order applies cleanly; instructions are grouped by
    annex under the annex context sentence and listed in document order, as drafters do.
    """
    rng = random.Random(seed + 1)
    writer = _OrderWriter(_Damage(random.Random(seed + 2)))
    counts = op_counts(total)
    annexes = base["annexes"]
    plans: list[list[_Plan]] = [[] for _ in annexes]
    free_chapters: list[list[str]] = []
    free_rows: list[list[dict[str, Any]]] = []
    chapter_rows: list[dict[str, list[dict[str, Any]]]] = []
    for annex in annexes:
        by_chapter: dict[str, list[dict[str, Any]]] = {}
        for unit in annex["units"]:
            if unit["type"] == "row":
                by_chapter.setdefault(unit["chapter"], []).append(unit)
        chapter_rows.append(by_chapter)
        chapters = list(by_chapter)
        rng.shuffle(chapters)
        free_chapters.append(chapters)

    def annex_for(i: int) -> int:
        return i % len(annexes)

    # Whole chapters restated first, so that row operations keep out of them.
    for i in range(counts["restate_chapter"]):
        k = annex_for(i)
        plans[k].append(_restate_chapter(k, free_chapters[k].pop(), chapter_rows[k], rng))
    for k, by_chapter in enumerate(chapter_rows):
        rows = [row for chapter in free_chapters[k] for row in by_chapter[chapter]]
        rng.shuffle(rows)
        free_rows.append(rows)
    used: list[set[str]] = [set() for _ in annexes]

    def take(k: int, accept: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        pool = free_rows[k]
        for index in range(len(pool) - 1, -1, -1):
            row = pool[index]
            if row["num"] not in used[k] and accept(row):
                pool.pop(index)
                used[k].add(row["num"])
                return row
        raise SystemExit(f"the synthetic base is too small for {total} operations (annex {k + 1})")

    numbers = [{row["num"]: row for rows in by_chapter.values() for row in rows} for by_chapter in chapter_rows]

    def has_next(k: int) -> Callable[[dict[str, Any]], bool]:
        def accept(row: dict[str, Any]) -> bool:
            following = numbers[k].get(str(int(row["num"]) + 1))
            return following is not None and following["chapter"] == row["chapter"] and following["num"] not in used[k]

        return accept

    for i in range(counts["restate_pair"]):
        k = annex_for(i)
        first = take(k, has_next(k))
        second = numbers[k][str(int(first["num"]) + 1)]
        used[k].add(second["num"])
        plans[k].append(_restate_rows(k, [first, second], rng))
    for i in range(counts["restate_row"]):
        k = annex_for(i)
        plans[k].append(_restate_rows(k, [take(k, lambda row: True)], rng))
    for i in range(counts["insert_row"]):
        k = annex_for(i)
        plans[k].append(_insert_row(k, take(k, lambda row: True), rng))
    for i in range(counts["repeal_row"]):
        k = annex_for(i)
        if i % 5 == 4:
            first = take(k, has_next(k))
            second = numbers[k][str(int(first["num"]) + 1)]
            used[k].add(second["num"])
            plans[k].append(_repeal_rows([first, second]))
        else:
            plans[k].append(_repeal_rows([take(k, lambda row: True)]))
    for i in range(counts["replace_words"]):
        k = annex_for(i)
        row = take(k, lambda row: "16-тармағында" in row["cells"]["experience"])
        plans[k].append(_replace_words(row, with_chapter=i % 2 == 0))
    for k in range(len(annexes)):
        last_chapter = max(int(c) for c in chapter_rows[k])
        last_row = max(int(n) for n in numbers[k])
        added = sum(1 for i in range(counts["insert_chapter"]) if annex_for(i) == k)
        for j in range(added):
            size = rng.randint(3, 12)
            plans[k].append(_insert_chapter(k, str(last_chapter + 1 + j), last_row + 1, size, rng))
            last_row += size

    writer.lines.append(ORDER_HEAD.rstrip("\n"))
    writer.lines.append("")
    ordered = [sorted(p, key=lambda plan: plan.position) for p in plans]
    last_annex = max(k for k, p in enumerate(ordered) if p)
    for k, annex_plans in enumerate(ordered):
        if not annex_plans:
            continue
        writer.sentence(f"көрсетілген бұйрықпен бекітілген {_locative(annexes[k]['title'])}:")
        for index, plan in enumerate(annex_plans):
            plan.write(writer, k == last_annex and index == len(annex_plans) - 1)
    writer.lines.append(ORDER_TAIL)
    return "\n".join(writer.lines)


def _row_position(row: dict[str, Any]) -> tuple[int, ...]:
    return (int(row["chapter"]), int(row["num"]), 0)


def _restate_chapter(annex: int, chapter: str, rows_of: dict[str, list[dict[str, Any]]], rng: random.Random) -> _Plan:
    """ "N-тарау мынадай редакцияда жазылсын:" with the whole chapter quoted, printed like the
    seed's chapter 8: the merged specialties start on a slice above the first row."""
    old = rows_of[chapter]
    new = _chapter_rows(rng, annex, chapter, int(old[0]["num"]), len(old))
    heading = _heading(rng)

    def write(w: _OrderWriter, last: bool) -> None:
        w.sentence(f"{chapter}-тарау мынадай редакцияда жазылсын:")
        w.block(_chapter_block(w, chapter, heading, new), last)

    return _Plan((int(chapter), 0, 0), write)


def _chapter_block(w: _OrderWriter, chapter: str, heading: str, rows: list[dict[str, Any]]) -> list[str]:
    """A quoted chapter: its heading row, then its rows, the merge printed once."""
    body = [f"{chapter}-тарау. {heading}\t\t\t\t\t"]
    span = rows[0].get("spans", {}).get("specialties", 1)
    first = rows[0]["cells"]["specialties"]
    if span > 1 and len(first) > 2:
        cut = len(first) // 2
        body += [f"\t\t\t\t{' '.join(first[:cut])}\t", ""]
        cells = dict(rows[0]["cells"], specialties=first[cut:])
        body += w.row_lines(rows[0]["num"], cells)
    else:
        body += w.row_lines(rows[0]["num"], rows[0]["cells"])
    for offset, row in enumerate(rows[1:], start=1):
        body += w.row_lines(row["num"], row["cells"], covered=offset < span, tall=offset % 7 == 3)
    return body


def _restate_rows(annex: int, old: list[dict[str, Any]], rng: random.Random) -> _Plan:
    """ "N-тараудың реттік нөмірі X-жол …" (or "нөмірлері X және Y-жолдар") restated."""
    chapter = old[0]["chapter"]
    levels = [_level_of(row) for row in old]
    cells = [_fresh_cells(rng, annex, level) for level in levels]
    covered = [False] * len(old)
    if len(old) == 2 and levels[1] not in (9, 12, 13) and cells[0]["specialties"]:
        cells[1]["specialties"] = list(cells[0]["specialties"])
        covered[1] = True  # the pair shares one specialties cell, printed once
    nums = [row["num"] for row in old]
    tall = [rng.random() < 0.1 for _ in old]
    if len(nums) == 1:
        target = f"{chapter}-тараудың реттік нөмірі {nums[0]}-жол"
    else:
        target = f"{chapter}-тараудың реттік нөмірлері {nums[0]} және {nums[1]}-жолдар"

    def write(w: _OrderWriter, last: bool) -> None:
        w.sentence(f"{target} мынадай редакцияда жазылсын:")
        body: list[str] = []
        for num, row_cells, is_covered, is_tall in zip(nums, cells, covered, tall, strict=True):
            body += w.row_lines(num, row_cells, covered=is_covered, tall=is_tall)
        w.block(body, last)

    return _Plan(_row_position(old[0]), write)


def _insert_row(annex: int, after: dict[str, Any], rng: random.Random) -> _Plan:
    """ "N-тарау мынадай мазмұндағы реттік нөмірі X-1-жолмен толықтырылсын:"."""
    chapter, num = after["chapter"], f"{after['num']}-1"
    cells = _fresh_cells(rng, annex, rng.choice((7, 8, 9, 13)))

    def write(w: _OrderWriter, last: bool) -> None:
        w.sentence(f"{chapter}-тарау мынадай мазмұндағы реттік нөмірі {num}-жолмен толықтырылсын:")
        w.block(w.row_lines(num, cells), last)

    return _Plan((*_row_position(after)[:2], 1), write)


def _insert_chapter(annex: int, chapter: str, first_row: int, size: int, rng: random.Random) -> _Plan:
    """ "мынадай мазмұндағы M-тараумен толықтырылсын:" with a new chapter after the last one."""
    rows = _chapter_rows(rng, annex, chapter, first_row, size)
    heading = _heading(rng)

    def write(w: _OrderWriter, last: bool) -> None:
        w.sentence(f"мынадай мазмұндағы {chapter}-тараумен толықтырылсын:")
        w.block(_chapter_block(w, chapter, heading, rows), last)

    return _Plan((int(chapter), 0, 0), write)


def _repeal_rows(rows: list[dict[str, Any]]) -> _Plan:
    """ "N-тараудың реттік нөмірі X-жол алып тасталсын;" (or two rows)."""
    chapter = rows[0]["chapter"]
    if len(rows) == 1:
        text = f"{chapter}-тараудың реттік нөмірі {rows[0]['num']}-жол алып тасталсын"
    else:
        text = f"{chapter}-тараудың реттік нөмірлері {rows[0]['num']} және {rows[1]['num']}-жолдар алып тасталсын"

    def write(w: _OrderWriter, last: bool) -> None:
        w.sentence(text + ("." if last else ";"))

    return _Plan(_row_position(rows[0]), write)


def _replace_words(row: dict[str, Any], with_chapter: bool) -> _Plan:
    """'реттік нөмірі X-жолда "16-тармағында" деген сөздер "17-тармағында" деген сөздермен
    ауыстырылсын;', sometimes with the row's chapter named first."""
    scope = f"реттік нөмірі {row['num']}-жолда"
    if with_chapter:
        scope = f"{row['chapter']}-тараудың {scope}"
    text = f'{scope} "16-тармағында" деген сөздер "17-тармағында" деген сөздермен ауыстырылсын'

    def write(w: _OrderWriter, last: bool) -> None:
        w.sentence(text + ("." if last else ";"))

    return _Plan(_row_position(row), write)


# --- measuring -----------------------------------------------------------------------


def maxrss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def _nfc(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("utf-8"))


def measure_seed(reps: int) -> dict[str, Any]:
    """The seed end to end, `reps` times; every stage's best and the whole run's best.

    The first run is reported apart: it pays for loading the grammar tables, the note
    templates and the HTML template, which a long-lived process pays once.
    """
    clock = _Clock()
    totals: list[float] = []
    for _ in range(reps):
        amendment = clock("parse order", lambda: parse_text(_nfc(SEED_ORDER.read_bytes()), str(SEED_ORDER)))
        act = clock("read base XML", lambda: act_from_xml(SEED_BASE.read_bytes(), str(SEED_BASE)))
        new = clock("apply", apply_amendment, act, amendment)
        for fmt in FORMATS:
            clock(f"export {fmt}", render, new, fmt)
        totals.append(sum(clock.last.values()))
        clock.first_pass = False
    return {
        "operations": len(amendment.operations),
        "rows": sum(len(annex.rows()) for annex in act.annexes),
        "first": totals[0],
        "best": {**clock.best, "total": min(totals)},
    }


def warm_up(annexes: int) -> None:
    """Run every stage once on a small base, so that one-repetition runs (--quick) time the
    work and not the first call's loading of grammar tables, templates and imports."""
    base = synthetic_base(300, annexes)
    xml = act_to_xml(act_from_dict(base, "warm-up base"))
    new = apply_amendment(act_from_xml(xml, "warm-up.xml"), parse_text(synthetic_order(base, 20), "warm-up.txt"))
    for fmt in FORMATS:
        render(new, fmt)
    etree.tostring(etree.fromstring(xml))


def write_inputs(rows: int, ops: int, annexes: int, folder: Path) -> None:
    """Generate the base XML and the order text of one size into `folder`, in a process of
    its own, so that the measuring process's peak RSS is the pipeline's and not the
    generator's."""
    base = synthetic_base(rows, annexes)
    (folder / "base.xml").write_bytes(act_to_xml(act_from_dict(base, "synthetic base")))
    (folder / "order.txt").write_text(synthetic_order(base, ops), encoding="utf-8")


def _inputs(rows: int, ops: int, annexes: int, folder: Path | None) -> tuple[bytes, str]:
    if folder is None:  # `--one SIZE` run by hand: generate here (the peak RSS then includes it)
        base = synthetic_base(rows, annexes)
        return act_to_xml(act_from_dict(base, "synthetic base")), synthetic_order(base, ops)
    return (folder / "base.xml").read_bytes(), _nfc((folder / "order.txt").read_bytes())


class _Clock:
    """Best time per stage over the repetitions, and the peak RSS after each stage of the
    first repetition (one pass of the pipeline, as `consolidate apply` makes it).

    The time is the process's CPU time (user + system), with the wall time kept beside it:
    the machine is a shared 2-CPU VM whose load often exceeds 2, and then wall time
    measures the neighbours (a run measured 2m52s of CPU in 8m14s of wall time), while
    every stage here is single-threaded, in-memory work whose CPU time is its cost. The
    best, not the mean: neighbours only ever add time.
    """

    def __init__(self) -> None:
        self.best: dict[str, float] = {}
        self.runs: dict[str, list[float]] = {}
        self.wall: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.rss: dict[str, float] = {}
        self.first_pass = True

    def __call__(self, stage: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        gc.collect()  # the garbage of the previous stage is collected outside the clock
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn(*args, **kwargs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        self.last[stage] = cpu
        self.best[stage] = min(cpu, self.best.get(stage, cpu))
        self.runs.setdefault(stage, []).append(cpu)
        self.wall[stage] = min(wall, self.wall.get(stage, wall))
        if self.first_pass:
            self.rss[stage] = maxrss_mb()
        return result


def measure_size(rows: int, ops: int, reps: int, annexes: int, folder: Path | None = None) -> dict[str, Any]:
    """Every stage on a synthetic base of `rows` rows and an order of `ops` operations.

    Each repetition runs the whole pipeline (parse, read, apply, five exports), holding what
    the command line holds; the floor is measured after the first pass, so that the parsed
    lxml tree does not count in the pipeline's peak RSS. Fails loudly if the order does not
    parse to `ops` operations or does not apply: the generator writes only what the grammar
    documents, so either is a bug to report.
    """
    rss_start = maxrss_mb()
    warm_up(annexes)
    xml, text = _inputs(rows, ops, annexes, folder)
    gc.collect()
    rss_inputs = maxrss_mb()
    out: dict[str, Any] = {"rows": rows, "ops": ops, "reps": reps, "xml_bytes": len(xml), "order_bytes": len(text)}
    out["load_start"] = os.getloadavg()[0]
    clock = _Clock()
    for _ in range(reps):
        amendment = clock("parse order", parse_text, text, "synthetic-order.txt")
        if len(amendment.operations) != ops:
            raise SystemExit(
                f"BUG: the synthetic order of {ops} operations parsed to {len(amendment.operations)} operations "
                f"({rows} rows); write it out with --dump-order {rows} and compare"
            )
        out["cleanups"] = len(amendment.cleanups)
        act = clock("read base XML", act_from_xml, xml, "synthetic-base.xml")
        try:
            new = clock("apply", apply_amendment, act, amendment)
        except Exception as exc:
            raise SystemExit(
                f"BUG: the synthetic order does not apply to the synthetic base ({rows} rows): {exc}"
            ) from exc
        out["rows after"] = sum(len(annex.rows()) for annex in new.annexes)
        for fmt in FORMATS:
            out[f"{fmt}_bytes"] = len(clock(f"export {fmt}", render, new, fmt))
        diff = clock("diff", review_diff, act, new)
        for name in REVIEW_FILES:
            out[f"{name}_bytes"] = len(clock(f"review {name}", review_file, diff, name))
        cells = plain_cells(new) if clock.first_pass else []
        del amendment, act, new, diff
        if clock.first_pass:
            out["rss_pipeline_mb"] = maxrss_mb()
            clock.first_pass = False
            for _ in range(reps):
                tree = clock("floor parse", etree.fromstring, xml)
                clock("floor write", etree.tostring, tree, xml_declaration=True, encoding="UTF-8")
                del tree
            template = jinja2.Environment(autoescape=True).from_string(PLAIN_TABLE)
            for _ in range(reps):
                clock("floor jinja table", template.render, rows=cells)
            del cells
    out["best"] = dict(clock.best)
    out.update({stage: statistics.median(times) for stage, times in clock.runs.items()})
    out["wall"] = clock.wall
    out["floor"] = out["floor parse"] + out["floor write"]
    out["rss_stage_mb"] = clock.rss
    out["rss_start_mb"] = rss_start
    out["rss_inputs_mb"] = rss_inputs
    out["rss_peak_mb"] = maxrss_mb()
    out["load_end"] = os.getloadavg()[0]
    return out


def review_file(diff: VersionDiff, name: str) -> bytes:
    """One review file of the diff (`render_review` renders the ones named)."""
    return render_review(diff, [name])[name]


def plain_cells(act: Act) -> list[list[str]]:
    """The cells of every unit of the version, as plain strings: the jinja floor's input."""
    rows = []
    for annex in act.annexes:
        for unit in annex.units:
            if isinstance(unit, Row):
                values = (unit.cells.get(column, "") for column in unit.cells)
                rows.append([unit.num, *("\n".join(v) if isinstance(v, list) else v for v in values)])
            else:
                rows.append([unit.num, unit.heading])
    return rows


def ratios(m: dict[str, Any]) -> dict[str, float]:
    """Issue 9's two ratios: (a) apply + XML export over the lxml floor; (b) the diff and the
    four review files over the five consolidated exports; and the redline HTML over a plain
    jinja2 table of the same cells."""
    exports = sum(m[f"export {fmt}"] for fmt in FORMATS)
    review = m["diff"] + sum(m[f"review {name}"] for name in REVIEW_FILES)
    return {
        "a": (m["apply"] + m["export xml"]) / m["floor"],
        "b": review / exports,
        "redline_html_vs_jinja": m["review redline.html"] / m["floor jinja table"],
        "exports": exports,
        "review": review,
    }


def _run_child(rows: int, args: list[str]) -> str:
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"the measurement at {rows} rows failed (exit code {done.returncode})")
    return done.stdout


def run_one_subprocess(rows: int, ops: int, reps: int, annexes: int) -> dict[str, Any]:
    """`measure_size` in a fresh interpreter, so that its peak RSS is that size's alone.

    On Linux a child's maxrss starts at its parent's peak RSS (the forked copy of the
    parent's memory is recorded when the child execs), so the parent stays small: one child
    generates the inputs into a temporary folder (`--write-inputs`), another measures them.
    """
    common = ["--ops", str(ops), "--annexes", str(annexes)]
    with tempfile.TemporaryDirectory(prefix="bench-consolidate-") as tmp:
        _run_child(rows, ["--write-inputs", str(rows), "--inputs", tmp, *common])
        out = _run_child(rows, ["--one", str(rows), "--inputs", tmp, "--reps", str(reps), *common])
    return json.loads(out.strip().splitlines()[-1])


# --- printing ------------------------------------------------------------------------

STAGES: tuple[str, ...] = (
    "parse order", "read base XML", "apply", *(f"export {fmt}" for fmt in FORMATS),
    "diff", *(f"review {name}" for name in REVIEW_FILES),
)  # fmt: skip
SHORT: dict[str, str] = {
    "parse order": "parse",
    "read base XML": "readXML",
    "apply": "apply",
    "floor": "floor",
    **{f"export {fmt}": fmt for fmt in FORMATS},
    "diff": "diff",
    "review redline.html": "rl.html",
    "review redline.docx": "rl.docx",
    "review comparative.html": "cmp.html",
    "review comparative.docx": "cmp.docx",
}


def _s(seconds: float) -> str:
    return f"{seconds:8.3f}"


def _load() -> str:
    """The load average: on a shared machine, busy neighbours slow every figure down."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min), {os.cpu_count()} CPUs"


def print_seed(seed: dict[str, Any], reps: int) -> None:
    print(f"1. Seed end to end: Order 192 ({seed['operations']} operations) on Order 550 ({seed['rows']} rows)")
    print(f"   CPU seconds, best of {reps} runs in one process")
    for stage, seconds in seed["best"].items():
        label = "total (parse + read + apply + 5 exports)" if stage == "total" else stage
        print(f"   {label:<42}{_s(seconds)}")
    print(f"   {'first run (loads grammar, templates)':<42}{_s(seed['first'])}")
    print()


def print_detail(m: dict[str, Any]) -> None:
    rows, ops = m["rows"], m["ops"]
    print(f"2. Synthetic base of {rows:,} rows, order of {ops} operations (median of {m['reps']})")
    print(
        f"   base XML {m['xml_bytes'] / 2**20:.1f} MB, order text {m['order_bytes'] / 2**10:.0f} KB, "
        f"{m['cleanups']} cleanups reported, {m['rows after']:,} rows after applying"
    )
    print(f"   {'stage':<30}{'CPU s':>9}{'x floor':>9}{'wall s':>9}{'peak RSS after, MB':>20}")
    print(f"   {'inputs read (process start)':<30}{'':>27}{m['rss_inputs_mb']:>20.0f}")
    for stage in STAGES:
        ratio = m[stage] / m["floor"]
        wall = m["wall"][stage]
        print(f"   {stage:<30}{_s(m[stage]):>9}{ratio:>9.1f}{_s(wall):>9}{m['rss_stage_mb'][stage]:>20.0f}")
    print(f"   {'floor: lxml fromstring':<30}{_s(m['floor parse']):>9}{'':>9}{_s(m['wall']['floor parse']):>9}")
    print(f"   {'floor: lxml tostring':<30}{_s(m['floor write']):>9}{'':>9}{_s(m['wall']['floor write']):>9}")
    print(f"   {'floor: both':<30}{_s(m['floor']):>9}")
    jinja = m["floor jinja table"]
    print(f"   {'floor: plain jinja2 table':<30}{_s(jinja):>9}{'':>9}{_s(m['wall']['floor jinja table']):>9}")
    r = ratios(m)
    with_read = (m["read base XML"] + m["apply"] + m["export xml"]) / m["floor"]
    verdict = "within" if r["a"] <= TARGET_RATIO else "ABOVE"
    print(f"   (a) (apply + XML export) / lxml floor = {r['a']:.2f} x  ({verdict} the {TARGET_RATIO:.0f}x target)")
    verdict = "within" if r["b"] <= REVIEW_TARGET else "ABOVE"
    print(
        f"   (b) (diff + 4 review files) / (5 exports) = {r['review']:.3f} s / {r['exports']:.3f} s "
        f"= {r['b']:.2f} x  ({verdict} the {REVIEW_TARGET:.0f}x target)"
    )
    print(f"   redline HTML / plain jinja2 table of the same cells = {r['redline_html_vs_jinja']:.1f} x")
    print(f"   (read base XML + apply + XML export) / floor = {with_read:.1f} x")
    print()


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    """The slope of log(time) over log(rows): a fit over every size, so that one noisy
    measurement (the machine is shared) moves it less than a ratio of two sizes would."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(t) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def print_growth(results: list[dict[str, Any]], scaled: bool) -> None:
    columns = [*STAGES, "floor"]
    how = "orders scale with the base: 500 operations per 20,000 rows" if scaled else "orders of fixed size"
    print(f"3. Growth (each size in a fresh process; {how})")
    print("   CPU seconds")
    print(f"   {'rows':>7} {'ops':>4} " + "".join(f"{SHORT[c]:>9}" for c in columns) + f"{'peak MB':>9}")
    for m in results:
        cells = "".join(f"{m[c]:9.3f}" for c in columns)
        print(f"   {m['rows']:>7,} {m['ops']:>4} {cells}{m['rss_pipeline_mb']:9.0f}")
    print("   CPU microseconds per row")
    print(f"   {'rows':>7} {'ops':>4} " + "".join(f"{SHORT[c]:>9}" for c in columns) + f"{'KB/row':>9}")
    for m in results:
        cells = "".join(f"{m[c] / m['rows'] * 1e6:9.1f}" for c in columns)
        per_row = (m["rss_pipeline_mb"] - m["rss_start_mb"]) * 1024 / m["rows"]
        print(f"   {m['rows']:>7,} {m['ops']:>4} {cells}{per_row:9.1f}")
    if len(results) > 1:
        print("   growth exponent k in time ~ rows^k (least squares over the sizes; 1 = linear, 2 = quadratic):")
        flags = []
        for c in columns:
            k = growth_exponent([m["rows"] for m in results], [m[c] for m in results])
            flags.append(f"{SHORT[c]} {k:.2f}{' !' if k > SUPERLINEAR else ''}")
        print("   " + ", ".join(flags))
        print(f"   ('!': k > {SUPERLINEAR}, grows faster than the base; profile it with --profile SIZE --stage NAME)")
    print("   peak MB: peak RSS of that size's process after one pass of the pipeline (all five exports);")
    print("   KB/row: that peak less the bare interpreter's, per row of the base")
    print()


def profile(rows: int, ops: int, stage: str, annexes: int, limit: int) -> None:
    """cProfile one stage at one size: where the time goes, by function."""
    import cProfile
    import pstats

    xml, text = _inputs(rows, ops, annexes, None)
    amendment = parse_text(text, "synthetic-order.txt")
    act = act_from_xml(xml, "synthetic-base.xml")
    new = apply_amendment(act, amendment)
    diff = review_diff(act, new)
    calls: dict[str, Callable[[], object]] = {
        "parse": lambda: parse_text(text, "synthetic-order.txt"),
        "read": lambda: act_from_xml(xml, "synthetic-base.xml"),
        "apply": lambda: apply_amendment(act, amendment),
        **{fmt: (lambda fmt=fmt: render(new, fmt)) for fmt in FORMATS},
        "diff": lambda: review_diff(act, new),
        **{name: (lambda name=name: render_review(diff, [name])) for name in REVIEW_FILES},
    }
    profiler = cProfile.Profile()
    profiler.runcall(calls[stage])
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)


def scaled_ops(rows: int, fixed: int | None) -> int:
    """Operations for a base of `rows`: `fixed` if given, else 500 per 20,000 rows, so that
    per-row figures of every stage (the parser's too) compare across sizes, and a cost per
    operation that grows with the base shows up as superlinear."""
    if fixed is not None:
        return fixed
    return max(len(MIX), round(REFERENCE_OPS * rows / REFERENCE_SIZE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 5,000 rows, one repetition (< 1 minute)")
    parser.add_argument("--annexes", type=int, choices=(1, 3), default=3, help="annexes of the synthetic base")
    parser.add_argument("--ops", type=int, default=None, help="operations per order at every size (default: scaled)")
    parser.add_argument("--reps", type=int, default=None, help="repetitions per stage (default 5, --quick 1)")
    parser.add_argument("--sizes", help="comma-separated sizes instead of the default series, e.g. 5000,20000,80000")
    parser.add_argument("--one", type=int, metavar="SIZE", help="measure one size, print JSON (used internally)")
    parser.add_argument("--inputs", type=Path, help="with --one: folder holding base.xml and order.txt")
    parser.add_argument("--write-inputs", type=int, metavar="SIZE", help="write base.xml and order.txt to --inputs")
    parser.add_argument("--profile", type=int, metavar="SIZE", help="cProfile one stage at SIZE rows")
    parser.add_argument(
        "--stage",
        default="apply",
        choices=("parse", "read", "apply", *FORMATS, "diff", *REVIEW_FILES),
        help="stage for --profile",
    )
    parser.add_argument("--dump-order", type=int, metavar="SIZE", help="print the synthetic order for SIZE rows")
    args = parser.parse_args(argv)
    reps = args.reps or (1 if args.quick else REPS_FULL)

    if args.one is not None:
        print(json.dumps(measure_size(args.one, scaled_ops(args.one, args.ops), reps, args.annexes, args.inputs)))
        return 0
    if args.write_inputs is not None:
        if args.inputs is None:
            parser.error("--write-inputs needs --inputs DIR")
        write_inputs(args.write_inputs, scaled_ops(args.write_inputs, args.ops), args.annexes, args.inputs)
        return 0
    if args.profile is not None:
        profile(args.profile, scaled_ops(args.profile, args.ops), args.stage, args.annexes, 30)
        return 0
    if args.dump_order is not None:
        base = synthetic_base(args.dump_order, args.annexes)
        sys.stdout.write(synthetic_order(base, scaled_ops(args.dump_order, args.ops)))
        return 0

    sizes = SIZES_QUICK if args.quick else SIZES_FULL
    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.split(","))
    started = time.perf_counter()
    print(
        f"consolidate pipeline benchmark, {date.today().isoformat()}, Python {sys.version.split()[0]}, "
        f"lxml {etree.__version__}, {'quick' if args.quick else 'full'} run, {args.annexes} annex(es), "
        f"median of {reps}"
    )
    print(f"at start: {_load()}")
    print()
    results = []
    for rows in sizes:
        results.append(run_one_subprocess(rows, scaled_ops(rows, args.ops), reps, args.annexes))
        print(f"   ... {rows:,} rows measured ({time.perf_counter() - started:.0f} s so far)", file=sys.stderr)
    # The seed runs in this process, after the children: before, it would raise their maxrss.
    print_seed(measure_seed(3), 3)
    print_detail(results[-1])
    print_growth(results, scaled=args.ops is None)
    if reps == 1:
        print("one repetition: figures (and '!' flags) are indicative; run without --quick for the median of 5")
    print(f"at end: {_load()}; whole run {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
