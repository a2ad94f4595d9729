"""Word input: a .docx becomes the same blocks (paragraphs and real tables) in body order.

The fixtures are Word files of Orders 192 and 301 made by tests/fixtures/make_inputs.py;
the small documents below are written as raw WordprocessingML, to pin down one Word
feature each (line breaks, tabs, merges, content controls, tracked deletions).
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from consolidate.errors import InputError
from consolidate.parse.document import Grid, GridCell, Para
from consolidate.parse.docx_input import read_docx
from tests.conftest import FIXTURES, GOLDEN
from tests.fixtures import make_inputs
from tests.fixtures.make_inputs import COLUMNS, HEADER, Table

INPUTS = FIXTURES / "inputs"
needs_golden = pytest.mark.skipif(not GOLDEN.exists(), reason="golden reading not available")


def make_docx(body_xml: str) -> bytes:
    """A Word file whose body is `body_xml` (WordprocessingML, `w:` prefix)."""
    document = Document()
    body = document.element.body
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>"):
        body.insert(len(body) - 1, element)  # before the section properties
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str = "", span: int = 1, merge: str | None = None) -> str:
    props = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    props += {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>", None: ""}[merge]
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def expected_grid(table: Table, line: int, list_joiner: str = "\n") -> Grid:
    """The Grid a fixture table must read as: covered cells absent, spans as rowspans."""
    rows: list[tuple[GridCell, ...]] = []
    for row in table.rows:
        if row.kind == "heading":
            rows.append((GridCell(row.text, 1, 6),))
        elif row.kind == "header":
            rows.append(tuple(GridCell(text) for text in HEADER))
        elif row.kind == "numbers":
            rows.append(tuple(GridCell(str(n)) for n in range(1, 7)))
        else:
            cells = [GridCell(row.text)]
            for column in COLUMNS:
                if column in row.covered:
                    continue
                value = row.cells[column]
                text = list_joiner.join(value) if isinstance(value, list) else value
                cells.append(GridCell(text, row.spans.get(column, 1)))
            rows.append(tuple(cells))
    return Grid(line, tuple(rows))


def assert_blocks(blocks, items, list_joiner: str = "\n", skip_empty: bool = False) -> None:
    """`blocks` are the fixture's `items` in order (paragraph texts, tables as grids)."""
    if skip_empty:
        items = [item for item in items if not (isinstance(item, str) and not item)]
    assert len(blocks) == len(items)
    for block, item in zip(blocks, items, strict=True):
        if isinstance(item, str):
            assert isinstance(block, Para) and block.text == item
        else:
            assert isinstance(block, Grid)
            assert block == expected_grid(item, block.line, list_joiner)


# --- the fixtures ---------------------------------------------------------------------


@needs_golden
def test_fixtures_are_what_the_generator_makes():
    """Committed fixtures equal a fresh build, and two builds are byte-identical."""
    first, second = make_inputs.build_all(), make_inputs.build_all()
    assert first == second
    for name, data in first.items():
        committed = (INPUTS / name).read_bytes()
        if name.endswith(".docx"):  # compare members: zlib builds may pack differently
            with zipfile.ZipFile(io.BytesIO(committed)) as old, zipfile.ZipFile(io.BytesIO(data)) as new:
                assert old.namelist() == new.namelist(), name
                assert all(old.read(member) == new.read(member) for member in old.namelist()), name
        else:
            assert committed == data, name


@needs_golden
def test_seed_docx_reads_as_its_paragraphs_and_tables():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    blocks = read_docx((INPUTS / "order-192-kaz.docx").read_bytes(), "order-192-kaz.docx")
    assert_blocks(blocks, make_inputs.order_192_items(golden, "docx"))
    assert [block.line for block in blocks] == list(range(1, len(blocks) + 1))
    assert blocks[0] == Para(1, golden["order"]["title"])
    assert blocks[1] == Para(2, "")  # empty paragraphs are blocks too: `line` stays the position
    grids = [block for block in blocks if isinstance(block, Grid)]
    assert len(grids) == len(golden["operations"]) == 11
    # Chapter 7-1: a column-header row, the heading as one cell over six columns, and the
    # specialties of row 26-1 merged down over the five rows.
    header, heading, first = grids[0].rows[:3]
    assert [cell.text for cell in header] == list(HEADER)
    assert heading == (GridCell(golden["operations"][0]["content"][0]["full"], 1, 6),)
    assert [cell.rowspan for cell in first] == [1, 1, 1, 1, 5, 1]
    assert [len(row) for row in grids[0].rows[3:]] == [5, 5, 5, 5]
    # Operation 5: the table follows its instruction with no quote paragraphs.
    index = blocks.index(grids[4])
    assert blocks[index - 1].text == golden["operations"][4]["instruction"]
    assert blocks[index + 1].text == golden["operations"][5]["instruction"]
    # A line break inside a paragraph is "\n".
    assert Para(len(blocks), "Қазақстан Республикасының\nМемлекеттік қызмет істері агенттігі") == blocks[-1]


def test_fixture_order_301_docx():
    blocks = read_docx((INPUTS / "order-301-kaz.docx").read_bytes(), "order-301-kaz.docx")
    assert_blocks(blocks, make_inputs.fixture_order_items("order-301-kaz", footer=False))
    grids = [block for block in blocks if isinstance(block, Grid)]
    assert [len(grid.rows) for grid in grids] == [1, 1]
    assert blocks[blocks.index(grids[0]) - 2].text == "7-тараудың реттік нөмірі 40-жол мынадай редакцияда жазылсын:"


# --- Word features, one at a time -------------------------------------------------------


def test_paragraphs_and_tables_interleaved_in_body_order():
    data = make_docx(p("бірінші") + f"<w:tbl><w:tr>{tc('a')}{tc('b')}</w:tr></w:tbl>" + p("екінші"))
    assert read_docx(data, "t.docx") == [
        Para(1, "бірінші"),
        Grid(2, ((GridCell("a"), GridCell("b")),)),
        Para(3, "екінші"),
    ]


def test_tab_and_line_break_inside_a_paragraph():
    xml = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>26-1.</w:t><w:tab/><w:t>Бас</w:t></w:r><w:r><w:br/><w:t>маман</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> С</w:t><w:noBreakHyphen/><w:t>SV</w:t></w:r></w:p>'
    )
    assert read_docx(make_docx(xml), "t.docx") == [Para(1, "26-1.\tБас\nмаман С-SV")]


def test_deleted_text_and_field_codes_are_not_text():
    xml = (
        '<w:p><w:r><w:t xml:space="preserve">қалды </w:t></w:r>'
        "<w:del w:id='1' w:author='a'><w:r><w:delText>өшірілген</w:delText></w:r></w:del>"
        "<w:ins w:id='2' w:author='a'><w:r><w:t>қосылған</w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    assert read_docx(make_docx(xml), "t.docx") == [Para(1, "қалды қосылған")]


def test_content_controls_are_looked_through():
    xml = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('ішінде')}</w:sdtContent></w:sdt>{p('сыртында')}"
    assert read_docx(make_docx(xml), "t.docx") == [Para(1, "ішінде"), Para(2, "сыртында")]


def test_text_is_nfc():
    assert read_docx(make_docx(p("Й")), "t.docx") == [Para(1, "Й")]


def test_vertical_merges_become_rowspans_and_covered_cells_are_left_out():
    rows = [
        tc("1.") + tc("A", merge="restart") + tc("x"),
        tc("2.") + tc(merge="continue") + tc("y"),
        tc("3.") + tc(merge="continue") + tc("z", merge="restart"),
        tc("4.") + tc("B") + tc(merge="continue"),
    ]
    xml = "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"
    (grid,) = read_docx(make_docx(xml), "t.docx")
    assert grid.rows == (
        (GridCell("1."), GridCell("A", rowspan=3), GridCell("x")),
        (GridCell("2."), GridCell("y")),
        (GridCell("3."), GridCell("z", rowspan=2)),
        (GridCell("4."), GridCell("B")),
    )


def test_grid_span_is_a_colspan_and_paragraphs_of_a_cell_are_lines():
    cell = f"<w:tc><w:tcPr/>{p('Өрт қауіпсіздігі')}{p('Құрылыс')}</w:tc>"
    xml = f"<w:tbl><w:tr>{tc('8-тарау. Бас', span=6)}</w:tr><w:tr>{tc('44.')}{cell}</w:tr></w:tbl>"
    (grid,) = read_docx(make_docx(xml), "t.docx")
    assert grid.rows == (
        (GridCell("8-тарау. Бас", colspan=6),),
        (GridCell("44."), GridCell("Өрт қауіпсіздігі\nҚұрылыс")),
    )


def test_a_continue_with_nothing_above_is_a_cell_of_its_own():
    xml = f"<w:tbl><w:tr>{tc('1.')}{tc('a', merge='continue')}</w:tr></w:tbl>"
    (grid,) = read_docx(make_docx(xml), "t.docx")
    assert grid.rows == ((GridCell("1."), GridCell("a")),)


def test_text_typed_into_a_covered_cell_is_kept():
    xml = f"<w:tbl><w:tr>{tc('A', merge='restart')}</w:tr><w:tr>{tc('B', merge='continue')}</w:tr></w:tbl>"
    (grid,) = read_docx(make_docx(xml), "t.docx")
    assert grid.rows == ((GridCell("A\nB", rowspan=2),), ())


def test_columns_skipped_before_the_first_cell_keep_positions():
    xml = f'<w:tbl><w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>{tc("c")}</w:tr></w:tbl>'
    (grid,) = read_docx(make_docx(xml), "t.docx")
    assert grid.rows == ((GridCell("", colspan=2), GridCell("c")),)


def test_many_rows_read_in_linear_time():
    """2,000 merged rows: the raw-XML reading takes well under a second (deps.md §2)."""
    rows = [
        f"<w:tr>{tc(f'{n}.')}{tc('A', merge='restart') if n == 1 else tc(merge='continue')}</w:tr>"
        for n in range(1, 2001)
    ]
    (grid,) = read_docx(make_docx("<w:tbl>" + "".join(rows) + "</w:tbl>"), "t.docx")
    assert grid.rows[0][1] == GridCell("A", rowspan=2000)
    assert all(len(row) == 1 for row in grid.rows[1:])


# --- bad input --------------------------------------------------------------------------


def one_line_error(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_docx(data, "bad.docx")
    message = str(caught.value)
    assert message.startswith("bad.docx: ") and "\n" not in message
    return message


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_file_that_is_not_a_zip():
    assert "not a ZIP package" in one_line_error("Бұл мәтін, Word файлы емес.\n".encode())


def test_a_zip_that_is_not_a_word_document():
    assert "not a Word document" in one_line_error(zip_of({"readme.txt": b"hello"}))


def test_a_package_that_is_not_word():
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    assert "not a readable Word document" in one_line_error(zip_of({"[Content_Types].xml": types}))


def test_a_truncated_word_file():
    data = make_docx(p("мәтін"))
    one_line_error(data[: len(data) // 2])


def test_entity_declarations_inside_the_package_are_refused():
    data = make_docx(p("мәтін"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["word/document.xml"]
    members["word/document.xml"] = xml.replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>', 1
    )
    assert "ENTITY" in one_line_error(zip_of(members))


def test_not_bytes():
    with pytest.raises(InputError):
        read_docx("text", "bad.docx")  # type: ignore[arg-type]
