"""HTML input: a page of the reference bank becomes the same blocks as the order's text.

The fixtures are pages of Orders 192 and 304 made by tests/fixtures/make_inputs.py (text
in nested divs and spans, wrapped source lines, tables with rowspan/colspan); the small
pages below pin down one rule each.
"""

from __future__ import annotations

import json

import pytest

from consolidate.errors import InputError
from consolidate.parse.document import Grid, GridCell, Para
from consolidate.parse.html_input import read_html
from tests.conftest import FIXTURES, GOLDEN
from tests.fixtures import make_inputs
from tests.test_docx_input import assert_blocks

INPUTS = FIXTURES / "inputs"


def page(body: str) -> bytes:
    return f"<!DOCTYPE html>\n<html><head><title>t</title></head><body>\n{body}\n</body></html>".encode()


def texts(blocks) -> list[str]:
    return [block.text for block in blocks if isinstance(block, Para)]


def _list_joiners(data: bytes) -> list[str]:
    """How each table of a fixture page writes its specialties (see make_inputs.build_html)."""
    count = data.decode().count("<table")
    return ["\n" if n % 2 == 1 else " " for n in range(1, count + 1)]


def assert_page(blocks, items, data: bytes) -> None:
    """Paragraphs as in `items` (empty ones are no blocks in HTML), tables as grids, each
    table with the specialties joiner its page used; lines rise with the source."""
    joiners = iter(_list_joiners(data))
    items = [item for item in items if not (isinstance(item, str) and not item)]
    assert len(blocks) == len(items)
    for block, item in zip(blocks, items, strict=True):
        assert_blocks([block], [item], list_joiner=next(joiners) if isinstance(block, Grid) else "\n")
    lines = [block.line for block in blocks]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    source = data.decode().split("\n")
    for block in blocks:
        if isinstance(block, Para):  # the block's element starts on its line; its text soon after
            near = " ".join(source[block.line - 1 : block.line + 1])
            assert block.text.split()[0] in near, (block.line, block.text[:30])


@pytest.mark.skipif(not GOLDEN.exists(), reason="golden reading not available")
def test_seed_page_reads_as_its_paragraphs_and_tables():
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    data = (INPUTS / "order-192-kaz.html").read_bytes()
    blocks = read_html(data, "order-192-kaz.html")
    items = [*make_inputs.order_192_items(golden, "html"), make_inputs.FOOTER]
    assert_page(blocks, items, data)
    grids = [block for block in blocks if isinstance(block, Grid)]
    assert len(grids) == 11
    # Chapter 8 (operation 4): column headers, column numbers, then the heading row.
    assert [cell.text for cell in grids[3].rows[1]] == ["1", "2", "3", "4", "5", "6"]
    assert grids[3].rows[2][0].colspan == 6
    # Paragraph 3 of chapter 17: rows 56 and 57 share specialties and experience.
    assert [cell.rowspan for cell in grids[10].rows[1]] == [1, 1, 1, 1, 2, 2]
    assert len(grids[10].rows[2]) == 4


def test_fixture_order_304_page():
    data = (INPUTS / "order-304-kaz.html").read_bytes()
    blocks = read_html(data, "order-304-kaz.html")
    items = [*make_inputs.fixture_order_items("order-304-kaz", footer=False), make_inputs.FOOTER]
    assert_page(blocks, items, data)


# --- the rules, one at a time -------------------------------------------------------------


def test_nested_divs_and_spans_give_one_paragraph_per_block():
    blocks = read_html(
        page(
            '<div class="a"><div class="b"><span class="s0">Бірінші\n   абзац</span></div>'
            "<div><span><span>Екінші</span> абзац</span></div></div>"
            "<p>Үшінші <b>абзац</b>, <a href='#'>сілтеме</a></p>"
        ),
        "t.html",
    )
    assert texts(blocks) == ["Бірінші абзац", "Екінші абзац", "Үшінші абзац, сілтеме"]


def test_line_breaks_are_kept_and_whitespace_folded():
    data = page("<p>&nbsp;&nbsp;Қазақстан   Республикасының<br>\n  Төтенше жағдайлар<br/><br></p>")
    blocks = read_html(data, "t.html")
    assert texts(blocks) == ["Қазақстан Республикасының\nТөтенше жағдайлар"]


def test_headings_list_items_and_loose_text_of_a_container():
    blocks = read_html(
        page("<h1>Тақырып</h1><ul><li>бір</li><li>екі</li></ul><blockquote>дәйексөз<p>ішкі</p>соңы</blockquote>"),
        "t.html",
    )
    assert texts(blocks) == ["Тақырып", "бір", "екі", "дәйексөз", "ішкі", "соңы"]


def test_scripts_styles_comments_and_head_are_not_text():
    data = page("<script>var a = 'жоқ';</script><style>p{}</style><!-- жоқ --><noscript>жоқ</noscript><p>бар</p>")
    assert texts(read_html(data, "t.html")) == ["бар"]


def test_text_is_nfc():
    assert texts(read_html(page("<p>Й</p>"), "t.html")) == ["Й"]


def test_line_is_the_source_line_of_the_block():
    blocks = read_html(b"<html>\n<body>\n<div>\n<p>a</p>\n\n<p>\nb</p>\n<table>\n<tr><td>c</td></tr></table>", "t.html")
    assert blocks == [Para(4, "a"), Para(6, "b"), Grid(8, ((GridCell("c"),),))]


def test_tables_keep_rowspan_colspan_and_cell_paragraphs():
    blocks = read_html(
        page(
            "<table><caption>Кесте</caption><thead><tr><th>№</th><th colspan='2'>Атауы</th></tr></thead>"
            "<tbody><tr><td>1.</td><td rowspan='2'><p>Өрт</p><p>Құрылыс</p></td><td>x<br>y</td></tr>"
            "<tr><td>2.</td><td rowspan='0'>z</td></tr><tr><td>3.</td><td>q</td></tr></tbody></table>"
        ),
        "t.html",
    )
    assert texts(blocks) == ["Кесте"]
    grid = blocks[1]
    assert isinstance(grid, Grid)
    assert grid.rows == (
        (GridCell("№"), GridCell("Атауы", colspan=2)),
        (GridCell("1."), GridCell("Өрт\nҚұрылыс", rowspan=2), GridCell("x\ny")),
        (GridCell("2."), GridCell("z", rowspan=2)),
        (GridCell("3."), GridCell("q")),
    )


def test_cells_written_without_their_row_make_a_row():
    blocks = read_html(
        page("<table><td>x</td><td>y</td><tr><td>z</td></tr><tbody><td>w</td></tbody></table>"), "t.html"
    )
    assert blocks[0].rows == ((GridCell("x"), GridCell("y")), (GridCell("z"),), (GridCell("w"),))


def test_a_table_inside_a_cell_gives_its_text_as_lines():
    blocks = read_html(page("<table><tr><td>a<table><tr><td>b</td><td>c</td></tr></table></td></tr></table>"), "t.html")
    assert blocks[0].rows == ((GridCell("a\nb\nc"),),)


def test_a_page_in_a_declared_charset():
    data = "<html><head><meta charset='windows-1251'></head><body><p>Привет</p></body></html>".encode("cp1251")
    assert texts(read_html(data, "t.html")) == ["Привет"]


def test_utf16_with_a_bom():
    data = "\ufeff<p>Қазақ</p>".encode("utf-16-le")  # starts with the BOM FF FE
    assert texts(read_html(data, "t.html")) == ["Қазақ"]


def test_a_plain_doctype_is_fine():
    data = b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/x.dtd"><p>a</p>'
    assert texts(read_html(data, "t.html")) == ["a"]


# --- bad input --------------------------------------------------------------------------


def one_line_error(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_html(data, "bad.html")
    message = str(caught.value)
    assert message.startswith("bad.html: ") and "\n" not in message
    return message


def test_entity_declarations_are_refused():
    data = b'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><html><body><p>&xxe;</p></body></html>'
    assert "ENTITY" in one_line_error(data)


def test_an_entity_declaration_anywhere_is_refused():
    assert "ENTITY" in one_line_error(b"<html><body><!ENTITY a 'b'><p>x</p></body></html>")


def test_undeclared_non_utf8_text_is_refused():
    assert "not UTF-8" in one_line_error("<p>Привет</p>".encode("cp1251"))


def test_an_unknown_charset_is_refused():
    assert "unknown charset" in one_line_error(b"<meta charset='klingon'><p>\xff</p>")


def test_a_page_libxml2_gives_up_on_is_refused_not_cut_short():
    assert "Excessive depth" in one_line_error(("<div>" * 300 + "x" + "</div>" * 300).encode())


def test_binary_and_empty_files_are_refused():
    one_line_error(b"<p>a\x00b</p>")
    one_line_error(b"   \n ")
