"""The DOCX of a version: real merges, full-width headings, landscape annexes, determinism."""

from __future__ import annotations

import io
import itertools
import os
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consolidate.export.docx import export_docx, fixed_time
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row
from tests.conftest import BASE_550, NOTICE_KK, ROOT
from tests.test_export_html import SPECIALTIES, sample_act  # the shared sample act


@pytest.fixture(scope="module")
def data() -> bytes:
    return export_docx(sample_act())


@pytest.fixture(scope="module")
def document(data):
    return docx.Document(io.BytesIO(data))


def _rows(table) -> list:
    return table._tbl.findall(qn("w:tr"))


def _cells(tr) -> list:
    return tr.findall(qn("w:tc"))


def _vmerge(tc) -> str | None:
    """"restart", "continue" or None for a cell's vertical merge."""
    merge = tc.find(qn("w:tcPr")).find(qn("w:vMerge"))
    if merge is None:
        return None
    return merge.get(qn("w:val")) or "continue"


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _row_by_number(table, label: str):
    for tr in _rows(table):
        cells = _cells(tr)
        if len(cells) == 6 and _text(cells[0]) == label:
            return tr
    raise AssertionError(label)


def test_notice_comes_first(document) -> None:
    assert document.paragraphs[0].text == NOTICE_KK
    texts = [p.text for p in document.paragraphs]
    assert "Ескерту. Тақырыбы жаңа редакцияда." in texts
    assert "2. Осы бұйрық қолданысқа енгізіледі." in texts


def test_sections_portrait_then_landscape(document) -> None:
    orientations = [s.orientation for s in document.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.LANDSCAPE]
    annex = document.sections[1]
    assert annex.page_width > annex.page_height
    sectpr = document.element.body.find(qn("w:sectPr"))
    assert sectpr.find(qn("w:pgSz")).get(qn("w:orient")) == "landscape"


def test_vertical_merges(document) -> None:
    table = document.tables[0]
    merges = [_vmerge(tc) for tr in _rows(table) for tc in _cells(tr)]
    assert merges.count("restart") == 2  # specialties over 3 rows, experience over 2
    assert merges.count("continue") == 3
    head = _cells(_row_by_number(table, "26-1."))
    assert _vmerge(head[4]) == "restart"
    assert [_text(p) for p in head[4].findall(qn("w:p"))] == SPECIALTIES
    middle = _cells(_row_by_number(table, "26-2."))
    assert [_vmerge(tc) for tc in middle] == [None, None, None, None, "continue", "restart"]
    last = _cells(_row_by_number(table, "26-3."))
    assert [_vmerge(tc) for tc in last] == [None, None, None, None, "continue", "continue"]
    assert _text(last[4]) == "" and _text(last[5]) == ""
    assert _text(last[1]) == "<script>alert(1)</script> & Ко"


def test_headings_and_notes_span_six_columns(document) -> None:
    table = document.tables[0]
    spans = {}
    for tr in _rows(table):
        cells = _cells(tr)
        if len(cells) == 1:
            span = cells[0].find(qn("w:tcPr")).find(qn("w:gridSpan")).get(qn("w:val"))
            spans[_text(cells[0])] = span
        else:
            assert len(cells) == 6
    assert spans["7-тарау. ТЖМ Кадр департаментінің лауазымдары бойынша"] == "6"
    assert spans["26-2.Ескерту. 26-2-жол жаңа редакцияда"] == "6"  # deferred past the merge
    assert spans["Ескерту. 26-5-жол алып тасталды - ҚР ТЖМ 12.05.2026 № 192 бұйрығымен."] == "6"
    second = {_text(_cells(tr)[0]) for tr in _rows(document.tables[1]) if len(_cells(tr)) == 1}
    assert "3-параграф. Профессор-оқытушылар құрамы" in second


def test_note_rows_never_cut_a_merge(document) -> None:
    """The row after a full-width row never continues a vertical merge."""
    for table in document.tables:
        rows = _rows(table)
        for before, after in itertools.pairwise(rows):
            if len(_cells(before)) == 1:
                assert all(_vmerge(tc) != "continue" for tc in _cells(after))


def test_header_row_repeats(document) -> None:
    first = _rows(document.tables[0])[0]
    assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert _text(_cells(first)[0]) == "Реттік нөмірі"


def test_repealed_row_keeps_its_number(document) -> None:
    cells = _cells(_row_by_number(document.tables[0], "26-5."))
    assert [_text(tc) for tc in cells[1:]] == [""] * 5


def test_byte_identical_and_dated_from_the_act(data, document) -> None:
    assert export_docx(sample_act()) == data
    props = document.core_properties
    assert props.created == props.modified == fixed_time(sample_act())
    assert props.created.date().isoformat() == "2026-05-27"  # the latest date: in force of No. 192
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_to_pdf(data, tmp_path) -> None:
    source = tmp_path / "kaz.docx"
    source.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()  # a private profile: no clash with other runs
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation={profile}", "--headless",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(source),
        ],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
    )
    pdf = tmp_path / "kaz.pdf"
    assert pdf.exists()
    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")


def test_act_without_annexes_is_one_portrait_section() -> None:
    act = sample_act()
    act.annexes = []
    act.reconstructed = False
    document = docx.Document(io.BytesIO(export_docx(act)))
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT]
    assert document.tables == []
    assert NOTICE_KK not in [p.text for p in document.paragraphs]


def test_notice_is_framed_and_language_is_set(document) -> None:
    notice = document.styles["Notice"].element
    assert notice.find(qn("w:pPr")).find(qn("w:pBdr")) is not None
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "kk-KZ"


# --- the rows spliced in as written are the rows lxml would write --------------------------

AWKWARD = ["", "a & b < c > d", 'x "q" \'s\'', "tab\there", "one\r\ntwo\rthree\nfour", "end\n", "\n", "\x01ctl\ufffe",
           "Ескерту. Жаңа.", "  spaced  ", "]]> --> <!-- x", "\U0001d400 wide"]  # fmt: skip


def _through_the_tree(act) -> bytes:
    """`export_docx` as it was written before the splice: each table's rows parsed into
    elements with lxml, moved into the document, saved by python-docx and re-zipped."""
    from unittest import mock

    from docx.oxml import parse_xml

    from consolidate.export import docx as docx_export

    def tree_annex(document, annex, labels, ids, tables) -> None:
        docx_export.landscape_section(document)
        for line in annex.stamp or [labels.word("annex", num=annex.num)]:
            document.add_paragraph(line, style="Annex Label")
        document.add_paragraph(annex.title, style="Annex Title")
        for note in annex.notes:
            document.add_paragraph(labels.note(note), style="Act Note")
        table = document.add_table(rows=0, cols=6)._tbl
        for child in list(table):
            table.remove(child)
        table.extend(list(parse_xml(docx_export.table_xml(annex, labels, ids))))

    def saved(document, tables) -> bytes:
        assert tables == []
        buffer = io.BytesIO()
        document.save(buffer)
        return docx_export.normalize_zip(buffer.getvalue())

    with mock.patch.object(docx_export, "_annex", tree_annex), mock.patch.object(docx_export, "package_bytes", saved):
        return docx_export.export_docx(act)


@given(st.lists(st.sampled_from(AWKWARD), min_size=1, max_size=12), st.integers(0, 1000))
@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_rows_spliced_as_written_are_what_lxml_writes(texts: list[str], seed: int) -> None:
    act = sample_act()
    spots = [(annex, unit) for annex in act.annexes for unit in annex.units]
    for i, text in enumerate(texts):
        annex, unit = spots[(seed + 7 * i) % len(spots)]
        if isinstance(unit, Row) and not unit.repealed:
            column = list(unit.cells)[(seed + i) % len(unit.cells)]
            unit.cells[column] = text.split("\n") if isinstance(unit.cells[column], list) else text
        elif isinstance(unit, ChapterHeading | ParagraphHeading):
            unit.heading = text
        else:
            unit.notes = [text]
        if i % 3 == 0 and "\x01" not in text:  # a paragraph python-docx writes: it refuses control characters
            annex.notes.append(text)
    for annex in act.annexes:
        annex.normalize_merges()
    assert export_docx(act) == _through_the_tree(act)


def test_order_550_spliced_is_what_lxml_writes() -> None:
    from consolidate.apply import apply_amendment
    from consolidate.sources import load_amendment, load_version

    new = apply_amendment(load_version(BASE_550), load_amendment(ROOT / "amendments" / "192"))
    data = export_docx(new)
    assert data == _through_the_tree(new)
    assert len(docx.Document(io.BytesIO(data)).tables) == 3
