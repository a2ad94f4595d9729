"""Order 550's tables on the provision tree: rows as units, columns as data of the annex,
and the table model's `Act` as a view of the tree (Act -> tree -> Act gives the same act,
field by field, notes, history and merges included; the tree's JSON and AKN codecs keep it)."""

from __future__ import annotations

import json

import pytest

from consolidate.akn.schema import validate
from consolidate.akn.tree_xml import tree_from_xml, tree_to_xml
from consolidate.apply import apply_amendment
from consolidate.model.table_tree import act_to_document, document_to_act
from consolidate.model.tree import Kind, assign_eids, find
from consolidate.model.tree_json import document_from_dict, document_to_dict
from consolidate.sources import load_amendment, load_version
from tests.conftest import BASE_550, ROOT


@pytest.fixture(scope="module")
def base():
    return load_version(BASE_550)


@pytest.fixture(scope="module")
def after_192(base):
    return apply_amendment(base, load_amendment(ROOT / "amendments" / "192"))


def test_an_annex_is_chapters_holding_paragraphs_holding_rows(base):
    document = act_to_document(base)
    assign_eids(document)
    annex = document.annexes[2]
    assert [c.key for c in annex.columns] == ["num", "title", "category", "education", "specialties", "experience"]
    assert [c.key for c in annex.columns if c.items] == ["specialties"]
    assert [c.key for c in annex.columns if c.number] == ["num"]
    assert annex.columns[0].header == base.annexes[2].header["num"]
    chapter = find(document, "att_3__chp_17")
    assert chapter is not None and chapter.kind is Kind.CHAPTER
    assert chapter.text == next(u.heading for u in base.annexes[2].units if u.type == "chapter" and u.num == "17")
    paragraphs = [c for c in chapter.children if c.kind is Kind.PARAGRAPH]
    assert [p.num for p in paragraphs][:3] == ["1", "2", "3"]
    row = paragraphs[0].children[0]
    assert row.kind is Kind.ROW and row.eid == f"att_3__chp_17__subchp_1__row_{row.num}"
    legacy = next(u for u in base.annexes[2].units if u.type == "row" and u.num == row.num)
    assert {c.column: (c.items if c.column == "specialties" else c.text) for c in row.cells} == legacy.cells


def test_a_merged_cell_is_its_value_on_every_row_and_a_flag(base):
    document = act_to_document(base)
    assign_eids(document)
    merged = [
        (u.num, column) for a in base.annexes for u in a.units if u.type == "row" for column in sorted(u.continues)
    ]
    assert merged, "the base has merged cells"
    num, column = merged[0]
    row = next(n for n in document.units() if n.kind is Kind.ROW and n.num == num)
    cell = next(c for c in row.cells if c.column == column)
    assert cell.continues


@pytest.mark.parametrize("which", ["base", "after_192"])
def test_act_to_tree_and_back_is_the_same_act(which, request):
    act = request.getfixturevalue(which)
    assert document_to_act(act_to_document(act)) == act


def test_history_and_notes_stay_on_their_row(after_192):
    document = act_to_document(after_192)
    assign_eids(document)
    inserted = find(document, "att_2__chp_2-1__row_9-1")  # in a chapter the order inserted: the chapter's note
    assert inserted is not None and inserted.kind is Kind.ROW
    assert [(c.action, c.order_number) for c in inserted.changes] == [("inserted", "192")]
    assert inserted.notes == []
    (row,) = [n for n in document.units() if n.eid.startswith("att_2__") and n.num == "55-1"]
    assert [(c.action, c.order_number) for c in row.changes] == [("inserted", "192")]
    assert len(row.notes) == 1 and row.notes[0].text.startswith(
        "Ескерту. 2-қосымша реттік нөмірі 55-1-жолмен толықтырылды"
    )


@pytest.mark.parametrize("which", ["base", "after_192"])
def test_the_tree_json_keeps_a_table_act(which, request):
    act = request.getfixturevalue(which)
    data = json.loads(json.dumps(document_to_dict(act_to_document(act)), ensure_ascii=False))
    assert document_to_act(document_from_dict(data, "version.json")) == act


@pytest.mark.parametrize("which", ["base", "after_192"])
def test_the_tree_akn_keeps_a_table_act_and_is_valid(which, request):
    act = request.getfixturevalue(which)
    xml = tree_to_xml(act_to_document(act))
    assert validate(xml) == []
    assert document_to_act(tree_from_xml(xml, "kaz.xml")) == act


def test_an_empty_list_cell_and_an_empty_text_cell_stay_apart(after_192):
    repealed = act_to_document(after_192)
    row = next(n for n in repealed.units() if n.kind is Kind.ROW)
    for cell in row.cells:
        cell.text, cell.items = "", []
    back = document_to_act(tree_from_xml(tree_to_xml(repealed), "kaz.xml"))
    first = next(u for u in back.annexes[0].units if u.type == "row")
    assert first.cells["specialties"] == [] and first.cells["title"] == ""


def test_the_default_columns_are_checked_data():
    from consolidate.errors import ConsolidateError
    from consolidate.model.columns import default_columns, parse_columns

    columns = default_columns()
    assert [c.key for c in columns if c.number] == ["num"] and [c.key for c in columns if c.items] == ["specialties"]
    for bad, message in [
        ({"columns": [{"key": "num"}, {"key": "title"}]}, "exactly one column"),
        ({"columns": [{"key": "num", "number": True}, {"key": "num"}]}, "repeated"),
        ({"columns": [{"key": "num", "number": "yes"}]}, "number must be a bool"),
        ({"columns": [{"key": "num", "number": True, "width": 3}]}, "only key, number, items"),
        ({}, "no \\[\\[columns\\]\\]"),
    ]:
        with pytest.raises(ConsolidateError, match=message):
            parse_columns(bad, "columns.toml")


def test_a_table_prints_the_columns_it_holds(after_192):
    """The printed table follows the annex's own columns: a table of three cell columns,
    one of them a list, prints three cells per row and the list as items."""
    from consolidate.export.layout import unit_views
    from consolidate.labels import labels_for

    document = act_to_document(after_192)
    annex = document.annexes[0]
    keep = {"num", "title", "specialties", "experience"}
    annex.columns = [c for c in annex.columns if c.key in keep]
    view = document_to_act(document).annexes[0]
    assert view.columns == ("title", "specialties", "experience") and view.lists == frozenset({"specialties"})
    row = next(v for v in unit_views(view, labels_for("kk")) if v.kind == "row" and not v.repealed)
    assert [c.column for c in row.cells] == ["title", "specialties", "experience"]
    assert [c.is_list for c in row.cells] == [False, True, False]


def test_a_repealed_row_is_emptied_in_the_columns_of_its_table(base):
    """The engine empties a repealed row's cells column by column as its annex defines them."""
    import dataclasses

    from consolidate.apply.tree_table import apply_table_order
    from consolidate.parse.order import parse_file
    from tests.conftest import FIXTURES

    amendment = parse_file(FIXTURES / "orders" / "order-301-kaz.txt")
    (repeal,) = [op for op in amendment.operations if op.op == "repeal"]
    document = act_to_document(base)
    annex = next(a for a in document.annexes if a.num == (repeal.target.annex or "2"))
    annex.columns = [*annex.columns, dataclasses.replace(annex.columns[-1], key="remarks", header="Ескертпе")]
    new = apply_table_order(document, dataclasses.replace(amendment, operations=(repeal,)))
    assign_eids(new)
    row = next(n for n in new.units() if n.kind is Kind.ROW and n.num == repeal.target.rows[0] and n.repealed)
    assert [(c.column, c.text, c.items) for c in row.cells] == [
        ("title", "", []), ("category", "", []), ("education", "", []), ("specialties", "", []),
        ("experience", "", []), ("remarks", "", []),
    ]  # fmt: skip


def test_the_tree_engine_names_each_changed_row_by_its_address(base):
    """One engine for every tree: Order 192 on Order 550's tree reports its changes by the
    rows' tree addresses, and each row keeps its history and note."""
    from consolidate.apply.tree_apply import apply_to_tree

    document, changes = apply_to_tree(act_to_document(base), load_amendment(ROOT / "amendments" / "192"), "2026-06-05")
    restated = {c.eid for c in changes if c.action == "restated"}
    assert {"att_2__chp_8", "att_2__chp_8__row_44", "att_2__chp_6__row_33", "att_3__chp_17__subchp_3"} <= restated
    assert ("att_2__chp_2-1__row_9-1", "inserted") in {(c.eid, c.action) for c in changes}
    row = find(document, "att_2__chp_6__row_33")
    assert row is not None and [c.action for c in row.changes] == ["restated"]
    assert document.applied[-1].number == "192" and document.applied[-1].in_force == "2026-06-05"


def test_history_of_a_row_or_paragraph_by_its_tree_address(capsys):
    from consolidate.cli import main

    args = ["history", str(BASE_550), str(ROOT / "amendments" / "192")]
    assert main([*args, "--unit", "att_2__chp_6__row_33"]) == 0
    by_address = capsys.readouterr().out
    assert main([*args, "--unit", "2/6/33"]) == 0
    assert capsys.readouterr().out == by_address
    assert by_address.splitlines()[:2] == [
        "annex 2, row 33 (att_2__row_33)",
        "  restated by order № 192 of 2026-05-12, in force 2026-06-05 (assumed)",
    ]
    assert main([*args, "--unit", "att_3__chp_17__subchp_3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "annex 3, paragraph 3 (att_3__chp_17__subchp_3)"
    assert lines[2].startswith("  Ескерту. 3-параграф жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192")
    assert main([*args, "--unit", "att_2__chp_6__row_99"]) == 2
    assert "no such unit in the last version" in capsys.readouterr().err


def test_a_base_kept_as_a_tree_gives_the_same_outputs(tmp_path, base):
    """Order 550 stored in the tree's AKN form (columns, rows, merges as data) is read as
    the same act and consolidates into the same files, byte for byte, as the table model's
    AKN of base_orders/550."""
    from consolidate.cli import main

    folder = tmp_path / "550"
    folder.mkdir()
    (folder / "kaz.xml").write_bytes(tree_to_xml(act_to_document(base)))
    assert load_version(folder) == base
    outputs = {}
    for name, source in (("tree", folder), ("table", BASE_550)):
        out = tmp_path / name
        assert main(["apply", str(source), str(ROOT / "amendments" / "192"), "-o", str(out)]) == 0
        outputs[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert len(outputs["table"]) == 9 and outputs["tree"] == outputs["table"]
