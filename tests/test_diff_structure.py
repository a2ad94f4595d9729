"""The structural diff: units matched by address, one kind each, in document order.

The real case is Order 192 applied to the reconstructed Order 550: the expected changes
are derived from the order's own operations, so the test says "the diff reports exactly
what the order does" rather than repeating a list of numbers.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

import consolidate.diff.structure as structure
from consolidate.apply import apply_amendment
from consolidate.apply.annex_match import find_annex
from consolidate.diff import KINDS, diff_versions, summary_dict, summary_lines
from consolidate.diff.model import Piece, UnitChange, VersionDiff
from consolidate.model.act import Act, Annex
from consolidate.model.amendment import Amendment
from consolidate.model.units import COLUMNS, Change, ChapterHeading, ParagraphHeading, Row, Unit
from consolidate.sources import load_amendment, load_version

ROOT = Path(__file__).resolve().parents[1]

# --- the real case -------------------------------------------------------------------


@pytest.fixture(scope="module")
def order_192() -> Amendment:
    return load_amendment(ROOT / "amendments" / "192")


@pytest.fixture(scope="module")
def base() -> Act:
    return load_version(ROOT / "base_orders" / "550")


@pytest.fixture(scope="module")
def diff_192(base, order_192) -> VersionDiff:
    return diff_versions(base, apply_amendment(base, order_192))


def label(annex: str, kind: str, unit_type: str, num: str, chapter: str | None = None) -> tuple[str, ...]:
    """(annex, kind, type, number); a paragraph's number is qualified by its chapter."""
    return (annex, kind, unit_type, f"{chapter}/{num}" if unit_type == "paragraph" else num)


def label_of(change: UnitChange) -> tuple[str, ...]:
    unit = change.new if change.new is not None else change.old
    return label(change.annex, change.kind, change.type, change.num, getattr(unit, "chapter", None))


def address(unit: Unit, chapter: str | None = None) -> tuple[str, ...]:
    if isinstance(unit, ParagraphHeading):
        return ("paragraph", unit.chapter or chapter or "", unit.num)
    return (unit.type, unit.num)


def in_span(unit: Unit, op_unit: str, chapter: str, paragraphs: tuple[str, ...]) -> bool:
    """Is `unit` of the old version replaced by restating `chapter` (or its `paragraphs`)?"""
    if op_unit == "chapter":
        return (isinstance(unit, ChapterHeading) and unit.num == chapter) or getattr(unit, "chapter", None) == chapter
    if isinstance(unit, ParagraphHeading):
        return unit.chapter == chapter and unit.num in paragraphs
    return isinstance(unit, Row) and unit.chapter == chapter and unit.paragraph in paragraphs


def expected_changes(old: Act, amendment: Amendment) -> set[tuple[str, ...]]:
    """What each operation of the order does to the old version, read off the operations.

    insert: every quoted unit is inserted. restate: a quoted unit whose address the old
    version has is restated, one it lacks is inserted, and an old unit of the restated
    span that the quote does not repeat is deleted.
    """
    expected: set[tuple[str, ...]] = set()
    for op in amendment.operations:
        if op.target.annex is not None:
            annex = old.annex(op.target.annex)
        else:
            assert op.annex is not None
            annex = find_annex(old.annexes, op.annex, where=op.where, lang=amendment.order.lang)
        chapter = op.target.chapter
        old_addresses = {address(u) for u in annex.units}
        quoted = set()
        for unit in op.content:
            quoted.add(address(unit, chapter))
            known = op.op == "restate" and address(unit, chapter) in old_addresses
            kind = "restated" if known else "inserted"
            expected.add(label(annex.num, kind, unit.type, unit.num, getattr(unit, "chapter", None) or chapter))
        if op.op == "restate" and op.unit in ("chapter", "paragraph"):
            assert chapter is not None
            for unit in annex.units:
                if in_span(unit, op.unit, chapter, op.target.paragraphs) and address(unit) not in quoted:
                    expected.add(label(annex.num, "deleted", unit.type, unit.num, getattr(unit, "chapter", None)))
        assert op.op in ("insert", "restate"), f"the test does not know {op.op} yet"
    return expected


def test_order_192_diff_is_exactly_what_the_order_does(base, order_192, diff_192):
    expected = expected_changes(base, order_192)
    assert {label_of(c) for c in diff_192.changes()} == expected
    assert len(diff_192.changes()) == len(expected)  # no unit reported twice


def test_order_192_in_numbers(diff_192):
    """The brief's reading of Order 192, as a readable check on the derivation above."""
    kinds = {(c.kind, c.type) for c in diff_192.changes()}
    assert kinds == {("inserted", "chapter"), ("inserted", "row"), ("restated", "chapter"),
                     ("restated", "paragraph"), ("restated", "row")}  # fmt: skip
    by_annex: dict[tuple[str, str, str], list[str]] = {}
    for c in diff_192.changes():
        by_annex.setdefault((c.annex, c.kind, c.type), []).append(c.num)
    assert by_annex[("1", "inserted", "chapter")] == ["7-1"]
    assert by_annex[("2", "inserted", "chapter")] == ["2-1", "13"]
    assert by_annex[("2", "restated", "chapter")] == ["8"]
    assert by_annex[("3", "restated", "chapter")] == ["5", "9"]
    assert by_annex[("3", "restated", "paragraph")] == ["3", "4", "5"]
    assert summary_lines(diff_192)[-1] == (
        "Total: 3 chapters inserted, 19 rows inserted, 3 chapters restated, 3 paragraphs restated, 18 rows restated"
    )


def test_rows_whose_merge_an_insertion_split_stay_unchanged(diff_192):
    split = [
        c for a in diff_192.annexes for c in a.changes
        if c.type == "row" and c.old is not None and c.new is not None and c.old.continues != c.new.continues
    ]  # fmt: skip
    unchanged = [c for c in split if c.kind == "unchanged"]
    assert unchanged, "Order 192 splits merged cells (annex 3, rows 23 and 48): the fixture has changed"
    for change in unchanged:
        assert all(t.old == t.new and not t.changed for t in change.texts)


def test_every_unit_of_both_versions_appears_once_in_document_order(base, diff_192):
    new = diff_192.new
    for annex_diff, old_annex, new_annex in zip(diff_192.annexes, base.annexes, new.annexes, strict=True):
        assert [c.new for c in annex_diff.changes if c.new is not None] == new_annex.units
        assert [id(c.old) for c in annex_diff.changes if c.old is not None] == [id(u) for u in old_annex.units]


def test_changed_units_carry_the_order_and_a_word_diff(diff_192):
    for change in diff_192.changes():
        assert change.orders == ("192",)
        if change.kind == "restated":
            assert any(t.changed for t in change.texts)
            if change.type == "row":
                assert [t.field for t in change.texts] == list(COLUMNS)  # unchanged columns included


def test_only_changed_units_are_word_diffed(base, order_192, monkeypatch):
    calls = []

    def counting(function):
        def wrapper(old, new):
            calls.append((old, new))
            return function(old, new)

        return wrapper

    monkeypatch.setattr(structure, "diff_words", counting(structure.diff_words))
    monkeypatch.setattr(structure, "diff_items", counting(structure.diff_items))
    diff = diff_versions(base, apply_amendment(base, order_192))
    restated = [c for c in diff.changes() if c.kind == "restated" and not c.same_words]
    assert len(calls) == sum(len(c.texts) for c in restated)


def test_restated_in_the_same_words_is_still_restated(base, order_192):
    """Order 192 restates chapter 8 of annex 2; give the base row 44 and the chapter's
    heading the very words the order quotes: the order still restated them."""
    op = next(
        op for op in order_192.operations if op.op == "restate" and op.unit == "chapter" and op.target.chapter == "8"
    )
    quoted = {u.num: u for u in op.content}
    old = copy.deepcopy(base)
    annex = old.annex("2")
    for unit in annex.units:
        if isinstance(unit, Row) and unit.num == "44":
            unit.cells = copy.deepcopy(quoted["44"].cells)
        if isinstance(unit, ChapterHeading) and unit.num == "8":
            unit.heading = quoted["8"].heading
    diff = diff_versions(old, apply_amendment(old, order_192))
    changes = {(c.annex, c.type, c.num): c for c in diff.changes()}
    for key in (("2", "row", "44"), ("2", "chapter", "8")):
        change = changes[key]
        assert (change.kind, change.same_words, change.orders) == ("restated", True, ("192",))
        assert not any(t.changed for t in change.texts)
    assert changes[("2", "row", "45")].same_words is False
    lines = summary_lines(diff)
    assert "  1 chapter restated: 8 (1 in the same words)" in lines
    assert "  8 rows restated: 33, 34, 44, 45, 46, 47, 48, 49 (1 in the same words)" in lines
    assert summary_dict(diff)["annexes"][1]["same_words"] == {"row": ["44"], "chapter": ["8"]}


# --- small tables --------------------------------------------------------------------


def row(num: str, title: str, chapter: str = "1", paragraph: str | None = None, **cells) -> Row:
    values = {"title": title, "category": "С-SVO-8", "education": "Жоғары", "specialties": ["Құқықтану"],
              "experience": "Талап етілмейді."}  # fmt: skip
    values.update(cells)
    return Row(num=num, chapter=chapter, paragraph=paragraph, cells=values)


def act(*annexes: Annex) -> Act:
    return Act(number="1", date="2026-01-01", lang="kk", title="Test", issuer="Test", annexes=list(annexes))


def annex(num: str, *units: Unit, title: str = "Талаптар") -> Annex:
    return Annex(num=num, title=title, header={}, units=list(units))


def kinds(diff: VersionDiff, num: str = "1") -> list[tuple[str, str, str]]:
    annex_diff = next(a for a in diff.annexes if a.num == num)
    return [(c.kind, c.type, c.num) for c in annex_diff.changes]


TITLES = ("Басқарма бастығы", "Бөлім бастығы", "Бас маман", "Аға инспектор", "Инспектор", "Инженер")


def title_of(num: str) -> str:
    """A title that depends on the row's number only, so that neighbours differ."""
    return TITLES[int(num.split("-")[0]) % len(TITLES)]


def table(nums: list[str], chapter: str = "1") -> list[Unit]:
    return [ChapterHeading(num=chapter, heading="Кадр жұмысы"), *(row(n, title_of(n), chapter) for n in nums)]


def test_a_row_inserted_at_the_top_misaligns_nothing():
    old = act(annex("1", *table(["1", "2", "3", "4", "5", "6"])))
    new_units = table(["1", "2", "3", "4", "5", "6"])
    new_units.insert(1, row("0-1", "Департамент директоры"))
    diff = diff_versions(old, act(annex("1", *new_units)))
    assert kinds(diff) == [("unchanged", "chapter", "1"), ("inserted", "row", "0-1")] + [
        ("unchanged", "row", n) for n in "123456"
    ]


def test_a_merge_split_by_an_insertion_is_not_a_change():
    old_rows = [row("1", "Бас маман"), row("2", "Аға инспектор")]
    old_rows[1].continues = frozenset({"specialties", "education"})
    new_rows = [row("1", "Бас маман"), row("1-1", "Инженер", specialties=["Экономика"]), row("2", "Аға инспектор")]
    diff = diff_versions(act(annex("1", *old_rows)), act(annex("1", *new_rows)))
    assert kinds(diff) == [("unchanged", "row", "1"), ("inserted", "row", "1-1"), ("unchanged", "row", "2")]


def test_deleted_units_stand_where_they_stood():
    old = act(annex("1", *table(["1", "2", "3"], "1"), *table(["4", "5", "6"], "2"), *table(["7"], "3")))
    new = act(annex("1", *table(["2", "3"], "1"), *table(["7", "8"], "3")))
    assert kinds(diff_versions(old, new)) == [
        ("unchanged", "chapter", "1"),
        ("deleted", "row", "1"),  # before the first matched row: right after the heading
        ("unchanged", "row", "2"),
        ("unchanged", "row", "3"),
        ("deleted", "chapter", "2"),
        ("deleted", "row", "4"),
        ("deleted", "row", "5"),
        ("deleted", "row", "6"),
        ("unchanged", "chapter", "3"),
        ("unchanged", "row", "7"),
        ("inserted", "row", "8"),
    ]


def test_a_deleted_first_unit_comes_first():
    old = act(annex("1", ChapterHeading("0", "Жалпы"), *table(["1", "2"])))
    new = act(annex("1", *table(["1", "2"])))
    assert kinds(diff_versions(old, new))[:2] == [("deleted", "chapter", "0"), ("unchanged", "chapter", "1")]


def test_deleted_chapter_rows_are_placed_after_the_rows_kept_in_a_restated_chapter():
    old = act(annex("1", *table(["1", "2", "3"]), *table(["4"], "2")))
    new_units = table(["1", "2"])
    new_units[1] = row("1", "Жаңа атау")  # restated
    new = act(annex("1", *new_units, *table(["4"], "2")))
    diff = diff_versions(old, new)
    assert kinds(diff) == [
        ("unchanged", "chapter", "1"),
        ("restated", "row", "1"),
        ("unchanged", "row", "2"),
        ("deleted", "row", "3"),
        ("unchanged", "chapter", "2"),
        ("unchanged", "row", "4"),
    ]
    deleted = diff.annexes[0].changes[3]
    assert deleted.new is None and deleted.eid == "att_1__row_3"
    assert [p.op for t in deleted.texts for p in t.pieces] == ["delete"] * 5


def test_repealed_row():
    old_rows = table(["1", "2"])
    new_rows = copy.deepcopy(old_rows)
    repealed = new_rows[2]
    assert isinstance(repealed, Row)
    repealed.repealed = True
    repealed.cells = {"title": "", "category": "", "education": "", "specialties": [], "experience": ""}
    repealed.changes.append(Change("repealed", "7", "2026-02-02"))
    diff = diff_versions(act(annex("1", *old_rows)), act(annex("1", *new_rows)))
    change = diff.annexes[0].changes[2]
    assert (change.kind, change.num, change.orders) == ("repealed", "2", ("7",))
    assert all(p.op == "delete" for t in change.texts for p in t.pieces)


def test_restated_row_word_diff_covers_every_column():
    old_rows = table(["1"])
    new_rows = copy.deepcopy(old_rows)
    new_row = new_rows[1]
    assert isinstance(new_row, Row)
    new_row.cells["title"] = title_of("1") + ", жедел кезекші"
    new_row.changes.append(Change("restated", "9", "2026-03-03"))
    diff = diff_versions(act(annex("1", *old_rows)), act(annex("1", *new_rows)))
    change = diff.annexes[0].changes[1]
    assert change.kind == "restated" and not change.same_words
    assert [t.field for t in change.texts] == list(COLUMNS)
    assert [t.field for t in change.texts if t.changed] == ["title"]
    title = change.texts[0]
    assert [p for p in title.pieces if p.op != "equal"] == [Piece("insert", ", жедел кезекші")]


def test_a_renumbered_row_with_the_same_content_is_moved():
    old = act(annex("1", *table(["1", "2", "3"])))
    new_units = table(["1", "2"])
    new_units.append(row("2-1", title_of("3")))  # old row 3 says exactly this
    diff = diff_versions(old, act(annex("1", *new_units)))
    assert kinds(diff)[-1] == ("moved", "row", "2-1")
    assert diff.annexes[0].changes[-1].old_num == "3"
    assert "  1 row moved: 2-1 (was 3)" in summary_lines(diff)


def test_heading_restated_and_paragraph_addresses():
    old = act(annex("1", ChapterHeading("1", "Кадр"), ParagraphHeading("1", "1", "Басшылар"), row("1", "Бастық"),
                    ChapterHeading("2", "Қаржы"), ParagraphHeading("1", "2", "Басшылар"), row("2", "Бастық", "2")))  # fmt: skip
    new = copy.deepcopy(old)
    heading = new.annexes[0].units[4]
    assert isinstance(heading, ParagraphHeading)
    heading.heading = "Мамандар"
    diff = diff_versions(old, new)
    assert kinds(diff) == [
        ("unchanged", "chapter", "1"),
        ("unchanged", "paragraph", "1"),  # paragraph 1 of chapter 1: matched with itself
        ("unchanged", "row", "1"),
        ("unchanged", "chapter", "2"),
        ("restated", "paragraph", "1"),  # paragraph 1 of chapter 2
        ("unchanged", "row", "2"),
    ]
    assert diff.annexes[0].changes[4].eid == "att_1__chp_2__subchp_1"
    assert "  1 paragraph restated: 1 (chapter 2)" in summary_lines(diff)


def test_annex_only_in_one_version():
    old = act(annex("1", *table(["1"])), annex("2", *table(["1"]), title="Ескі"))
    new = act(annex("1", *table(["1"])), annex("3", *table(["1"]), title="Жаңа"))
    diff = diff_versions(old, new)
    assert [a.num for a in diff.annexes] == ["1", "2", "3"]
    assert {c.kind for c in diff.annexes[1].changes} == {"deleted"}
    assert {c.kind for c in diff.annexes[2].changes} == {"inserted"}
    summary = summary_dict(diff)
    assert summary["total"] == {"inserted": {"chapter": 1, "row": 1}, "deleted": {"chapter": 1, "row": 1}}
    assert summary_lines(diff)[:2] == ["Annex 1: Талаптар", "  no changes"]


def test_identical_versions_have_no_changes(base):
    diff = diff_versions(base, copy.deepcopy(base))
    assert diff.changes() == []
    assert summary_lines(diff)[-1] == "Total: no changes"
    assert all(c.kind in KINDS for a in diff.annexes for c in a.changes)


# --- the act's own units outside the tables -------------------------------------------


def test_own_points_title_annex_titles_and_headers_are_compared(base):
    """A change to Order 550's own text — a point, the title, an annex's title, a column
    header — is a change of the diff, named as a drafter names it, and reaches the
    comparative table; unchanged, none of them is listed."""
    from consolidate.export.comparative import comparative_rows

    assert [c.eid for c in diff_versions(base, base.copy()).front_changes()] == []
    new = base.copy()
    point = new.points[1]
    point.text = [point.text[0].replace("тәртіппен", "тәртіппен (өзгертілген)", 1), *point.text[1:]]
    new.title = base.title + " (жаңа)"
    annex = new.annexes[0]
    annex.title = annex.title + " (жаңа)"
    first_column = next(iter(annex.header))
    annex.header[first_column] = "№"
    diff = diff_versions(base, new)
    changed = {c.eid: c for c in diff.front_changes()}
    assert sorted(changed) == sorted(["title", f"point_{point.num}", "att_1__title", "att_1__header"])
    assert all(c.kind == "restated" for c in changed.values())
    assert "(өзгертілген)" in "".join(p.text for p in changed[f"point_{point.num}"].pieces if p.op == "insert")
    places = {row.eid: row.place for row in comparative_rows(diff)}
    assert places[f"point_{point.num}"] == f"{point.num}-тармақ"
    assert places["att_1__title"] == "1-қосымшаның тақырыбы"
    assert places["att_1__header"] == "1-қосымшаның кесте бағандарының атаулары"
    assert summary_dict(diff)["front"]["att_1__header"] == "restated"
