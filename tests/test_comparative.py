"""The comparative table (салыстырма кесте): one row per changed unit, struck and bold words
exactly where the diff says, the same table as HTML and as a landscape DOCX."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from consolidate.diff.model import UnitChange, VersionDiff
from consolidate.export.comparative import export_comparative_docx, export_comparative_html
from tests.conftest import NOTICE_KK
from tests.test_export_html import NASTY
from tests.test_redline_html import real_case, sample_diff


def _pieces(change: UnitChange, op: str) -> str:
    """The text of a change's pieces of one op, line breaks dropped (they split runs)."""
    return "".join(p.text for t in change.texts for p in t.pieces if p.op == op).replace("\n", "")


def _change(diff: VersionDiff, eid: str) -> UnitChange:
    (change,) = [c for c in diff.changes() if c.eid == eid]
    return change


@pytest.fixture(scope="module")
def page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(export_comparative_html(sample_diff()))


@pytest.fixture(scope="module")
def real_page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(export_comparative_html(real_case()))


@pytest.fixture(scope="module")
def document_bytes() -> bytes:
    return export_comparative_docx(sample_diff())


@pytest.fixture(scope="module")
def real_docx() -> bytes:
    return export_comparative_docx(real_case())


def _row(page, eid: str):
    (tr,) = page.xpath(f'//tbody/tr[@data-eid="{eid}"]')
    return tr


# --- HTML --------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "real"])
def test_one_row_per_changed_unit_in_document_order(which: str, page, real_page) -> None:
    diff, html = (sample_diff(), page) if which == "sample" else (real_case(), real_page)
    rows = html.xpath("//tbody/tr")
    assert [tr.get("data-eid") for tr in rows] == [c.eid for c in diff.changes()]
    assert [tr.xpath("td[1]/text()")[0] for tr in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert all(tr.xpath('td[@class="reason"]')[0].text_content() == "" for tr in rows)
    assert html.xpath("//thead/tr/th/text()") == [
        "№", "Құрылымдық элемент", "Қолданыстағы редакция", "Ұсынылып отырған редакция", "Негіздеме",
    ]  # fmt: skip


def test_restated_row_marks_exactly_the_changed_words(page) -> None:
    change = _change(sample_diff(), "att_1__row_27")
    tr = _row(page, "att_1__row_27")
    assert tr.xpath('td[@class="unit"]/text()') == ["1-қосымша, 7-тарау, реттік нөмірі 27-жол"]
    current, proposed = tr.xpath('td[@class="current"]')[0], tr.xpath('td[@class="proposed"]')[0]
    assert "".join(s.text for s in current.xpath(".//s")) == _pieces(change, "delete") == "бастығы"
    assert "".join(b.text for b in proposed.xpath(".//b")) == _pieces(change, "insert") == "басшысыЭкономика"
    assert current.xpath(".//b") == [] and proposed.xpath(".//s") == []
    lines = [p.text_content() for p in proposed.xpath("p")]
    assert lines[0] == "Лауазымның атауы: Басқарма басшысы"
    assert lines[3:6] == ["Мамандықтар:", "Механика", "Экономика"]  # one specialty per line


def test_real_restated_row_33(real_page) -> None:
    diff = real_case()
    for eid in ("att_2__row_33", "att_3__chp_9", "att_3__row_18"):
        change = _change(diff, eid)
        tr = _row(real_page, eid)
        current, proposed = tr.xpath('td[@class="current"]')[0], tr.xpath('td[@class="proposed"]')[0]
        assert "".join(s.text for s in current.xpath(".//s")) == _pieces(change, "delete")
        assert "".join(b.text for b in proposed.xpath(".//b")) == _pieces(change, "insert")
    assert _row(real_page, "att_2__row_33").xpath('td[@class="unit"]/text()') == [
        "2-қосымша, 6-тарау, реттік нөмірі 33-жол"
    ]


def test_inserted_unit(page) -> None:
    tr = _row(page, "att_1__row_26-1")
    assert tr.xpath('td[@class="current"]')[0].text_content() == "Жоқ."
    (proposed,) = tr.xpath('td[@class="proposed"]')
    assert proposed.text_content() == "".join(b.text for b in proposed.xpath(".//b"))  # bold throughout
    assert NASTY in proposed.text_content()
    heading = _row(page, "att_1__chp_8-1")
    assert heading.xpath('td[@class="proposed"]')[0].text_content() == "8-1-тарау. Жаңа бөлім"
    assert heading.xpath('td[@class="unit"]/text()') == ["1-қосымша, 8-1-тарау"]


def test_deleted_and_repealed_units(page) -> None:
    for eid, title in (("att_1__row_27-1", "Сектор меңгерушісі"), ("att_1__row_29", "Жетекші маман")):
        tr = _row(page, eid)
        assert tr.xpath('td[@class="proposed"]')[0].text_content() == "Алып тасталсын."
        assert title in tr.xpath('td[@class="current"]//s/text()')


def test_restated_heading_and_moved_row(page) -> None:
    heading = _row(page, "att_1__chp_7")
    assert heading.xpath('td[@class="current"]')[0].text_content() == "7-тарау. Кадр жұмысы департаментінің лауазымдары"
    assert heading.xpath('td[@class="current"]//s/text()') == ["жұмысы"]
    assert heading.xpath('td[@class="proposed"]//b/text()') == ["саясаты"]
    moved = _row(page, "att_1__row_32")
    assert moved.xpath('td[@class="unit"]/text()') == ["1-қосымша, 7-тарау, реттік нөмірі 32-жол (бұрынғы нөмірі 31)"]
    assert moved.xpath('td[@class="current"]//s/text()') == ["31"]
    assert moved.xpath('td[@class="proposed"]//b/text()') == ["32"]


def test_russian_words() -> None:
    html = lxml.html.fromstring(export_comparative_html(sample_diff("ru")))
    assert _row(html, "att_1__row_26-1").xpath('td[@class="current"]')[0].text_content() == "Отсутствует."
    assert _row(html, "att_1__row_29").xpath('td[@class="proposed"]')[0].text_content() == "Исключить."
    assert html.xpath("//h1/text()") == ["Сравнительная таблица"]
    assert html.xpath("//thead/tr/th/text()")[2:4] == ["Действующая редакция", "Предлагаемая редакция"]


def test_html_escaped_and_deterministic() -> None:
    data = export_comparative_html(sample_diff())
    assert b"<script>" not in data and b"&lt;script&gt;" in data
    assert "Талап етілмейді &amp; &lt;b&gt;".encode() in data
    assert data == export_comparative_html(sample_diff())
    css = lxml.html.fromstring(data).xpath("//style")[0].text
    assert "size: A4 landscape" in css and "table-header-group" in css


# --- DOCX ------------------------------------------------------------------------------


def _table_rows(data: bytes) -> list:
    document = docx.Document(io.BytesIO(data))
    (table,) = document.tables
    return table._tbl.findall(qn("w:tr"))


def _marked(element, mark: str) -> str:
    """Text of the runs of `element` carrying `mark` (w:strike or w:b) in their own rPr."""
    out = []
    for run in element.iter(qn("w:r")):
        props = run.find(qn("w:rPr"))
        if props is not None and props.find(qn(mark)) is not None:
            out.append("".join(t.text or "" for t in run.iter(qn("w:t"))))
    return "".join(out)


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def test_docx_reopens_landscape_with_a_real_table(document_bytes: bytes) -> None:
    document = docx.Document(io.BytesIO(document_bytes))
    (section,) = document.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    rows = _table_rows(document_bytes)
    assert len(rows) == 1 + len(sample_diff().changes())
    header = rows[0]
    assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert [_text(tc) for tc in header.findall(qn("w:tc"))][2] == "Қолданыстағы редакция"
    assert all(len(tr.findall(qn("w:tc"))) == 5 for tr in rows)
    assert document.paragraphs[0].text == NOTICE_KK
    assert any(p.text == "Салыстырма кесте" for p in document.paragraphs)


def test_docx_strike_and_bold_runs(document_bytes: bytes) -> None:
    xml = zipfile.ZipFile(io.BytesIO(document_bytes)).read("word/document.xml").decode()
    assert "<w:strike/>" in xml and "<w:b/>" in xml
    diff = sample_diff()
    rows = {i: tr for i, tr in enumerate(_table_rows(document_bytes)[1:])}
    for index, change in enumerate(diff.changes()):
        current, proposed = rows[index].findall(qn("w:tc"))[2:4]
        if change.kind == "restated":
            assert _marked(current, "w:strike") == _pieces(change, "delete")
            assert _marked(proposed, "w:b") == _pieces(change, "insert")
            assert _marked(current, "w:b") == "" and _marked(proposed, "w:strike") == ""
        if change.kind == "inserted":
            assert _text(current) == "Жоқ."
            assert _marked(proposed, "w:b") == _text(proposed) != ""
        if change.kind in ("deleted", "repealed"):
            assert _text(proposed) == "Алып тасталсын."
    # specialties one paragraph per item
    row_27 = rows[[c.eid for c in diff.changes()].index("att_1__row_27")]
    paragraphs = [_text(p) for p in row_27.findall(qn("w:tc"))[3].findall(qn("w:p"))]
    assert paragraphs[3:6] == ["Мамандықтар:", "Механика", "Экономика"]


def test_real_docx_marks(real_docx: bytes) -> None:
    diff = real_case()
    rows = _table_rows(real_docx)[1:]
    assert len(rows) == len(diff.changes())
    for tr, change in zip(rows, diff.changes(), strict=True):
        if change.kind == "restated":
            current, proposed = tr.findall(qn("w:tc"))[2:4]
            assert _marked(current, "w:strike") == _pieces(change, "delete"), change.eid
            assert _marked(proposed, "w:b") == _pieces(change, "insert"), change.eid


def test_docx_deterministic_and_dated_from_the_diff(document_bytes: bytes, real_docx: bytes) -> None:
    assert export_comparative_docx(sample_diff()) == document_bytes
    assert export_comparative_docx(real_case()) == real_docx
    props = docx.Document(io.BytesIO(document_bytes)).core_properties
    stamps = {d.replace(tzinfo=UTC) for d in (props.created, props.modified, props.last_printed)}
    assert stamps == {datetime(2026, 5, 12, tzinfo=UTC)}
    assert props.author == "consolidate"
    with zipfile.ZipFile(io.BytesIO(document_bytes)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_docx_text_is_escaped(document_bytes: bytes) -> None:
    rows = _table_rows(document_bytes)
    texts = [_text(tr) for tr in rows]
    assert any(NASTY in text for text in texts)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_to_landscape_pdf(real_docx: bytes, tmp_path: Path) -> None:
    source = tmp_path / "comparative.docx"
    source.write_bytes(real_docx)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = (tmp_path / "comparative.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/Type/Page" in pdf.replace(b" ", b"")
    assert b"MediaBox[00841.8" in pdf.replace(b" ", b"")  # A4 landscape: 842 x 595 pt
