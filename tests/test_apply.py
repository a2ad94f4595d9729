"""Applying Order 192 (and our fixture orders) to the reconstructed Order 550."""

from __future__ import annotations

import dataclasses

import pytest

from consolidate.apply import apply_amendment
from consolidate.errors import ApplyError
from consolidate.model.json_io import act_to_dict
from consolidate.model.numbering import num_key
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row
from consolidate.parse.order import parse_file
from consolidate.sources import load_version
from tests.conftest import BASE_550, FIXTURES

NOTE_8 = (
    "Ескерту. 8-тарау жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 "
    "(алғашқы ресми жарияланған күнінен кейін он жұмыс күні өткен соң қолданысқа енгізіледі) бұйрығымен."
)


@pytest.fixture(scope="module")
def base():
    return load_version(BASE_550)


@pytest.fixture(scope="module")
def consolidated(base, seed_amendment):
    return apply_amendment(base, seed_amendment)


def layout(annex):
    """(type, num) of every unit, in document order."""
    return [(u.type, u.num) for u in annex.units]


def test_base_is_left_unchanged(base, seed_amendment):
    before = act_to_dict(base)
    apply_amendment(base, seed_amendment)
    assert act_to_dict(base) == before


def test_inserted_chapter_lands_in_numbering_order(consolidated):
    units = layout(consolidated.annex("1"))
    at = units.index(("chapter", "7-1"))
    assert units[at - 1] == ("row", "26")
    assert units[at + 1 : at + 7] == [("row", f"26-{i}") for i in range(1, 6)] + [("chapter", "8")]


def test_chapter_inserted_after_the_last_chapter(consolidated):
    units = layout(consolidated.annex("2"))
    assert units[-6:] == [("chapter", "13")] + [("row", str(n)) for n in range(71, 76)]
    assert units[units.index(("chapter", "13")) - 1] == ("row", "70")


def test_rows_keep_a_total_numbering_order(consolidated):
    for annex in consolidated.annexes:
        rows = [num_key(u.num) for u in annex.units if isinstance(u, Row)]
        chapters = [num_key(u.num) for u in annex.units if isinstance(u, ChapterHeading)]
        assert rows == sorted(rows) and len(set(rows)) == len(rows)
        assert chapters == sorted(chapters)


def test_restated_chapter_replaces_heading_and_rows(consolidated, seed_amendment):
    annex = consolidated.annex("2")
    units = layout(annex)
    start = units.index(("chapter", "8"))
    assert units[start : start + 8] == [("chapter", "8")] + [
        ("row", n) for n in ("44", "45", "46", "47", "48", "49", "49-1")
    ] + [] and units[start + 8] == ("chapter", "9")
    heading = annex.units[start]
    assert heading.heading == seed_amendment.operations[3].content[0].heading
    assert heading.notes == [NOTE_8]


def test_restated_rows_take_the_new_cells_and_their_merge(consolidated, seed_amendment):
    annex = consolidated.annex("2")
    rows = {u.num: u for u in annex.units if isinstance(u, Row)}
    new33 = seed_amendment.operations[2].content[0]
    assert rows["33"].cells == new33.cells
    assert rows["33"].chapter == "6"
    assert "specialties" in rows["34"].continues  # row 33's specialties span rows 33-34
    assert rows["34"].notes[-1].startswith("Ескерту. Реттік нөмірі 34-жол жаңа редакцияда - ҚР")


def test_inserted_row_splits_the_merge_it_lands_in(base, consolidated):
    before = {u.num: u for u in base.annex("3").units if isinstance(u, Row)}
    after = {u.num: u for u in consolidated.annex("3").units if isinstance(u, Row)}
    assert after["22-1"].cells["specialties"] == []
    assert after["22-1"].continues == frozenset()
    # Row 23 kept its effective specialties; the merge from row 22 now stops at 22.
    assert after["23"].cells["specialties"] == before["23"].cells["specialties"]
    assert "specialties" not in after["23"].continues
    assert "specialties" in after["24"].continues


def test_restated_paragraphs_stay_in_their_chapter(consolidated):
    annex = consolidated.annex("3")
    paragraphs = [(u.chapter, u.num) for u in annex.units if isinstance(u, ParagraphHeading)]
    assert paragraphs == [("17", str(n)) for n in range(1, 6)]
    rows = {u.num: u for u in annex.units if isinstance(u, Row)}
    assert [(rows[n].chapter, rows[n].paragraph) for n in ("56", "58", "59", "60")] == [
        ("17", "3"),
        ("17", "4"),
        ("17", "5"),
        ("17", "5"),
    ]


def test_every_operation_leaves_a_note(consolidated):
    noted = [(a.num, u.type, u.num) for a in consolidated.annexes for u in a.units if u.notes]
    assert noted == [
        ("1", "chapter", "7-1"),
        ("2", "chapter", "2-1"),
        ("2", "row", "33"),
        ("2", "row", "34"),
        ("2", "chapter", "8"),
        ("2", "row", "55-1"),
        ("2", "chapter", "13"),
        ("3", "chapter", "5"),
        ("3", "row", "22-1"),
        ("3", "chapter", "9"),
        ("3", "row", "47-1"),
        ("3", "paragraph", "3"),
        ("3", "paragraph", "4"),
        ("3", "paragraph", "5"),
    ]
    assert consolidated.applied[-1].number == "192"


def _with_target(amendment, index, **changes):
    """The order with operation `index` retargeted, and the operations after it dropped."""
    op = amendment.operations[index]
    ops = (*amendment.operations[:index], dataclasses.replace(op, target=dataclasses.replace(op.target, **changes)))
    return dataclasses.replace(amendment, operations=ops)


def test_missing_target_stops_everything(base, seed_amendment):
    broken = _with_target(seed_amendment, 2, chapter="5")
    with pytest.raises(ApplyError, match=r"kaz.txt:52 \(operation 3\).*row 33 .* is in chapter 6, not in chapter 5"):
        apply_amendment(base, broken)


def test_missing_chapter_names_the_chapters_there_are(base, seed_amendment):
    with pytest.raises(ApplyError, match=r"annex 2 has no chapter 88 \(it has 1, 2, 3"):
        apply_amendment(base, _with_target(seed_amendment, 3, chapter="88"))


def test_number_already_taken_is_an_error(consolidated, seed_amendment):
    with pytest.raises(ApplyError, match=r"chapter 7-1 already exists in annex 1"):
        apply_amendment(consolidated, seed_amendment)


def test_order_for_another_act_is_refused(base, seed_amendment):
    other = dataclasses.replace(
        seed_amendment,
        order=dataclasses.replace(
            seed_amendment.order, amends=dataclasses.replace(seed_amendment.order.amends, number="551")
        ),
    )
    with pytest.raises(ApplyError, match="amends act № 551"):
        apply_amendment(base, other)


@pytest.mark.parametrize("name", ["order-301-kaz", "order-302-kaz", "order-304-kaz"])
def test_fixture_orders_apply_to_the_base(base, name):
    amendment = parse_file(FIXTURES / "orders" / f"{name}.txt")
    result = apply_amendment(base, amendment)
    touched = {(a.num, u.num) for a in result.annexes for u in a.units if u.notes}
    assert len(touched) >= len(amendment.operations)


def test_chain_192_then_303(base, seed_amendment):
    after = apply_amendment(
        apply_amendment(base, seed_amendment), parse_file(FIXTURES / "orders" / "order-303-kaz.txt")
    )
    units = layout(after.annex("2"))
    assert units[-4:] == [("chapter", "14"), ("row", "76"), ("row", "77"), ("row", "78")]
    assert [a.number for a in after.applied] == ["192", "303"]


def test_repeal_keeps_the_number_and_empties_the_row(base):
    result = apply_amendment(base, parse_file(FIXTURES / "orders" / "order-301-kaz.txt"))
    row = next(u for u in result.annex("2").units if isinstance(u, Row) and u.num == "35")
    assert row.repealed and not any(row.cells.values())
    assert row.notes[-1].startswith("Ескерту. Реттік нөмірі 35-жол алып тасталды - ҚР")


def test_word_replacement_counts_and_notes(base):
    result = apply_amendment(base, parse_file(FIXTURES / "orders" / "order-302-kaz.txt"))
    row = next(u for u in result.annex("3").units if isinstance(u, Row) and u.num == "30")
    assert "17-тармағында" in row.cells["experience"]
    assert "16-тармағында" not in row.cells["experience"]
    assert row.notes[-1].startswith("Ескерту. Реттік нөмірі 30-жолға өзгеріс енгізілді - ҚР")


def test_words_throughout_the_annex_get_one_note_and_whole_words_only(base):
    result = apply_amendment(base, parse_file(FIXTURES / "orders" / "order-404-kaz.txt"))
    annex = result.annex("2")
    assert len(annex.notes) == 1 and annex.notes[0].startswith("Ескерту. Бүкіл мәтін бойынша «Радиотехника")
    changed = [u for u in annex.units if any(c.order_number == "404" and c.action == "amended" for c in u.changes)]
    assert len(changed) > 3
    texts = [item for u in annex.rows() for item in u.cell("specialties")]
    assert "Радиотехника, электроника және телекоммуникациялар" in texts
    assert not any(t.endswith("телекоммуникациялардар") for t in texts)


def test_words_inserted_after_words(base):
    amendment = parse_file(FIXTURES / "orders" / "order-404-kaz.txt")
    op = next(o for o in amendment.operations if o.op == "insert_words")
    result = apply_amendment(base, amendment)
    row = next(u for u in result.annex("2").rows() if u.num == op.target.rows[0])
    assert (op.old_words, op.new_words) == ("Жедел кезекші", ", аға жедел кезекші")
    assert row.cells["title"] == "Жедел кезекші, аға жедел кезекші"  # no space before a comma


def test_heading_restated_with_the_chapter_from_context(base):
    amendment = parse_file(FIXTURES / "orders" / "order-404-kaz.txt")
    restated = next(o for o in amendment.operations if o.unit == "heading")
    result = apply_amendment(base, amendment)
    heading = next(u for u in result.annex("2").units if isinstance(u, ChapterHeading) and u.num == "3")
    assert heading.heading == restated.content[0].heading
    assert heading.notes[-1].startswith("Ескерту. 3-тараудың тақырыбы жаңа редакцияда - ҚР")
    row40 = next(o for o in amendment.operations if o.target.rows == ("40",))
    assert row40.target.chapter == "7"  # from the context "7-тарауда:"


def test_an_order_declaring_another_act_lost_force_still_amends_the_base(base):
    result = apply_amendment(base, parse_file(FIXTURES / "orders" / "order-405-kaz.txt"))
    assert result.notes == []  # Order № 45 is not the base: nothing to note here
    assert any(u.notes for u in result.annex("3").rows() if u.num == "48")


def test_an_order_in_another_language_than_the_base_is_refused(base):
    russian = parse_file(FIXTURES / "orders" / "order-401-rus.txt")
    with pytest.raises(ApplyError, match="the order is the Russian text and the base the Kazakh one"):
        apply_amendment(base, russian)


def test_row_inserted_without_its_chapter_lands_after_the_row_below_it(base, seed_amendment, consolidated):
    """An inserted row whose order names no chapter goes after the row numbered just below
    it in the whole annex (looked up in the annex's row numbers kept in order): the same
    place as when the chapter is named."""
    index = next(i for i, op in enumerate(seed_amendment.operations) if (op.op, op.unit) == ("insert", "row"))
    op = seed_amendment.operations[index]
    assert op.target.chapter is not None
    loose = dataclasses.replace(op, target=dataclasses.replace(op.target, chapter=None))
    ops = (*seed_amendment.operations[:index], loose, *seed_amendment.operations[index + 1 :])
    result = apply_amendment(base, dataclasses.replace(seed_amendment, operations=ops))
    assert [layout(a) for a in result.annexes] == [layout(a) for a in consolidated.annexes]
    inserted = op.content[0].num
    (annex,) = [a for a in result.annexes if any(u.type == "row" and u.num == inserted for u in a.units)]
    rows = [u.num for u in annex.units if u.type == "row"]
    at = rows.index(inserted)
    assert num_key(rows[at - 1]) < num_key(inserted) < num_key(rows[at + 1])
