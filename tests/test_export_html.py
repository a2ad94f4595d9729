"""The HTML page of a version: merges, headings, notes, escaping, determinism.

`sample_act` is also used by test_export_docx.py and test_export_txt.py, so the three
formats are checked on the same act.
"""

from __future__ import annotations

import lxml.html
import pytest

from consolidate import export
from consolidate.errors import InputError
from consolidate.export import FORMATS, render, write_version
from consolidate.export.html import export_html
from consolidate.model.act import Act, Annex, AppliedOrder, Point
from consolidate.model.json_io import act_from_dict
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row
from tests.conftest import NOTICE_KK

HEADER = {
    "num": "Реттік нөмірі",
    "title": "Лауазымның атауы",
    "category": "Лауазым санаты",
    "education": "Білім деңгейі",
    "specialties": "Мамандықтар",
    "experience": "Жұмыс өтілі",
}
SPECIALTIES = ["Құқықтану", "Экономика", "Өрт қауіпсіздігі"]
EXPERIENCE = "С-SV-3 санатындағы лауазымға орналасу үшін жұмыс өтілі талап етілмейді."
NASTY = "<script>alert(1)</script> & Ко"


def _row(num: str, chapter: str, title: str, **kwargs) -> Row:
    cells = {
        "title": title,
        "category": "С-SV-4 (қызметкер)",
        "education": "Жоғарыдан төмен емес",
        "specialties": kwargs.pop("specialties", ["Механика"]),
        "experience": kwargs.pop("experience", "Жұмыс өтілі талап етілмейді."),
    }
    return Row(num=num, chapter=chapter, paragraph=kwargs.pop("paragraph", None), cells=cells, **kwargs)


def _annex_one() -> Annex:
    """Chapter 7 and inserted chapter 7-1: a 3-row specialties merge, a 2-row experience
    merge overlapping it, a note inside the merge, escaping bait, a repealed row."""
    units = [
        ChapterHeading("7", "ТЖМ Кадр департаментінің лауазымдары бойынша"),
        _row("26", "7", "Департамент директоры"),
        ChapterHeading(
            "7-1", "ТЖМ Тылдық қамтамасыз ету департаментінің лауазымдары бойынша",
            notes=["Ескерту. 7-1-тараумен толықтырылды - ҚР ТЖМ 12.05.2026 № 192 бұйрығымен."],
        ),
        _row("26-1", "7-1", "Департамент бастығы", specialties=SPECIALTIES),
        _row(
            "26-2", "7-1", "Басқарма бастығы", specialties=SPECIALTIES, experience=EXPERIENCE,
            continues=frozenset({"specialties"}), notes=["26-2-жол жаңа редакцияда"],
        ),
        _row(
            "26-3", "7-1", NASTY, specialties=SPECIALTIES, experience=EXPERIENCE,
            continues=frozenset({"specialties", "experience"}),
        ),
        _row("26-4", "7-1", "Бас маман", notes=["Ескерту. 26-4-жол жаңа редакцияда."]),
        Row(
            num="26-5", chapter="7-1", paragraph=None, cells={}, repealed=True,
            notes=["Ескерту. 26-5-жол алып тасталды - ҚР ТЖМ 12.05.2026 № 192 бұйрығымен."],
        ),
    ]
    return Annex(
        num="1", title="ТЖМ аппараты лауазымдарының санаттарына қойылатын біліктілік талаптары",
        header=dict(HEADER), units=units,
        notes=["Ескерту. 1-қосымшаға өзгерістер енгізілді - ҚР ТЖМ 12.05.2026 № 192 бұйрығымен."],
    )


def _annex_two() -> Annex:
    """A chapter with two paragraph headings (параграф) and one row in each."""
    units = [
        ChapterHeading("17", "Академия лауазымдары бойынша"),
        ParagraphHeading("3", "17", "Профессор-оқытушылар құрамы"),
        _row("58", "17", "Кафедра бастығы", paragraph="3"),
        ParagraphHeading("4", "17", "Курсанттар"),
        _row("59", "17", "Аға оқытушы", paragraph="4", specialties=["Химия", "Психология"]),
    ]
    return Annex(num="2", title="Академия лауазымдарына қойылатын біліктілік талаптары", header=dict(HEADER),
                 units=units)


def sample_act() -> Act:
    """A small reconstructed Kazakh version with everything the exporters must print."""
    return Act(
        number="550",
        date="2025-12-18",
        lang="kk",
        title="Азаматтық қорғау органдары лауазымдарының санаттарына қойылатын біліктілік талаптарын "
              "бекіту туралы",
        issuer="Қазақстан Республикасы Төтенше жағдайлар министрі",
        points=[
            Point("1", ["Қоса беріліп отырған біліктілік талаптары бекітілсін."]),
            Point("2", ["Осы бұйрық қолданысқа енгізіледі.", "Екінші абзац & <b>"]),
        ],
        annexes=[_annex_one(), _annex_two()],
        applied=[AppliedOrder("192", "2026-05-12", "өзгерістер енгізу туралы", "2026-05-27")],
        reconstructed=True,
        notes=["Ескерту. Тақырыбы жаңа редакцияда."],
    )


@pytest.fixture(scope="module")
def page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(export_html(sample_act()))


def _row_tr(page, eid: str):
    (tr,) = page.xpath(f'//tr[@id="{eid}"]')
    return tr


def test_page_is_kazakh_and_shows_the_notice(page) -> None:
    assert page.get("lang") == "kk"
    (banner,) = page.xpath('//*[@class="reconstructed"]')
    assert banner.text_content() == NOTICE_KK
    assert page.xpath("//h1")[0].text_content().startswith("Азаматтық қорғау")


def test_act_notes_points_and_applied_orders(page) -> None:
    header_notes = page.xpath('//header/p[@class="note"]')
    assert [n.text_content() for n in header_notes] == ["Ескерту. Тақырыбы жаңа редакцияда."]
    (item,) = page.xpath('//section[@class="applied"]//li')
    assert item.get("data-number") == "192"
    assert item.get("data-in-force") == "2026-05-27"
    assert "12.05.2026 № 192" in item.text_content()
    assert "27.05.2026" in item.text_content()
    paragraphs = page.xpath('//div[@id="point_2"]/p')
    expected = ["2. Осы бұйрық қолданысқа енгізіледі.", "Екінші абзац & <b>"]
    assert [p.text_content() for p in paragraphs] == expected


def test_rowspans_and_covered_cells(page) -> None:
    head = _row_tr(page, "att_1__row_26-1")
    assert head.xpath('td[@class="c-specialties"]/@rowspan') == ["3"]
    assert [p.text_content() for p in head.xpath('td[@class="c-specialties"]/p')] == SPECIALTIES
    middle = _row_tr(page, "att_1__row_26-2")
    assert middle.xpath('td[@class="c-specialties"]') == []
    assert middle.xpath('td[@class="c-experience"]/@rowspan') == ["2"]
    assert len(middle.xpath("td")) == 5
    last = _row_tr(page, "att_1__row_26-3")
    assert last.xpath('td[@class="c-specialties"] | td[@class="c-experience"]') == []
    assert len(last.xpath("td")) == 4
    assert len(_row_tr(page, "att_1__row_26-4").xpath("td")) == 6


def test_every_table_row_fills_six_columns(page) -> None:
    """Counting rowspans, each row of each annex table covers exactly the 6 columns."""
    for table in page.xpath("//table"):
        carried: list[int] = []  # rows still covered by a rowspan, one entry per open merge
        for tr in table.xpath("tbody/tr"):
            width = sum(int(c.get("colspan", "1")) for c in tr.xpath("td|th"))
            assert width + len(carried) == 6, tr.get("id") or tr.get("data-for")
            carried = [left - 1 for left in carried if left > 1]
            carried += [int(c.get("rowspan")) - 1 for c in tr.xpath("td[@rowspan]")]


def test_headings_span_the_table(page) -> None:
    chapter = _row_tr(page, "att_1__chp_7-1")
    (cell,) = chapter.xpath("th")
    assert cell.get("colspan") == "6"
    assert cell.text_content() == "7-1-тарау. ТЖМ Тылдық қамтамасыз ету департаментінің лауазымдары бойынша"
    (para,) = _row_tr(page, "att_2__chp_17__subchp_3").xpath("th")
    assert para.get("colspan") == "6"
    assert para.text_content() == "3-параграф. Профессор-оқытушылар құрамы"


def test_notes_placement(page) -> None:
    rows = page.xpath('//section[@id="att_1"]//tbody/tr')
    order = [tr.get("id") or f"note:{tr.get('data-for')}" for tr in rows]
    assert order == [
        "att_1__chp_7",
        "att_1__row_26",
        "att_1__chp_7-1",
        "note:att_1__chp_7-1",
        "att_1__row_26-1",
        "att_1__row_26-2",
        "att_1__row_26-3",
        "note:att_1__row_26-2",  # deferred past the merge it sits in
        "att_1__row_26-4",
        "note:att_1__row_26-4",
        "att_1__row_26-5",
        "note:att_1__row_26-5",
    ]
    deferred = rows[7]
    assert "deferred" in deferred.get("class")
    assert deferred.xpath("td/@colspan") == ["6"]
    assert deferred.text_content() == "26-2.Ескерту. 26-2-жол жаңа редакцияда"
    annex_notes = page.xpath('//section[@id="att_1"]/p[@class="note"]')
    assert annex_notes[0].text_content().startswith("Ескерту. 1-қосымшаға")


def test_repealed_row_keeps_number_and_empty_cells(page) -> None:
    tr = _row_tr(page, "att_1__row_26-5")
    cells = tr.xpath("td")
    assert "repealed" in tr.get("class")
    assert cells[0].text_content() == "26-5."
    assert [c.text_content() for c in cells[1:]] == [""] * 5


def test_text_is_escaped() -> None:
    data = export_html(sample_act())
    assert b"<script>" not in data
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ко".encode() in data
    page = lxml.html.fromstring(data)
    assert page.xpath("//script") == []
    title = _row_tr(page, "att_1__row_26-3").xpath('td[@class="c-title"]')[0]
    assert title.text_content() == NASTY


def test_table_header_and_print_css(page) -> None:
    headers = page.xpath('//section[@id="att_2"]//thead/tr/th')
    assert [h.text_content() for h in headers] == list(HEADER.values())
    css = page.xpath("//style")[0].text_content()
    assert "size: A4 landscape" in css
    assert "table-header-group" in css


def test_two_renders_are_identical() -> None:
    assert export_html(sample_act()) == export_html(sample_act())


def test_russian_page_uses_russian_labels() -> None:
    act = sample_act()
    act.lang = "ru"
    act.reconstructed = False
    page = lxml.html.fromstring(export_html(act))
    assert page.get("lang") == "ru"
    assert page.xpath('//*[@class="reconstructed"]') == []
    assert page.xpath('//tr[@id="att_1__chp_7"]/th')[0].text_content().startswith("Глава 7.")


# --- the format registry (consolidate.export) ------------------------------------------


def test_render_rejects_an_unknown_format() -> None:
    with pytest.raises(InputError, match="unknown format 'rtf'"):
        render(sample_act(), "rtf")


def test_xml_comes_from_the_akn_writer() -> None:
    data = render(sample_act(), "xml")
    assert data.startswith(b"<?xml")
    assert "7-1-тарау".encode() in data or b"att_1__chp_7-1" in data


def test_json_round_trips() -> None:
    import json

    data = json.loads(render(sample_act(), "json"))
    assert act_from_dict(data).annexes[0].spans() == sample_act().annexes[0].spans()


def test_write_version_writes_nothing_when_a_format_fails(tmp_path, monkeypatch) -> None:
    with pytest.raises(InputError):
        write_version(sample_act(), tmp_path, ["html", "nope"])
    assert list(tmp_path.iterdir()) == []

    def broken(act):
        raise InputError("cannot render")

    monkeypatch.setitem(export.RENDERERS, "txt", broken)
    with pytest.raises(InputError, match="cannot render"):
        write_version(sample_act(), tmp_path, ["html", "json", "txt"])
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    written = write_version(sample_act(), tmp_path, ["html", "txt", "json", "docx"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaz.docx", "kaz.html", "kaz.json", "kaz.txt"]
    assert written == [tmp_path / f"kaz.{fmt}" for fmt in ("html", "txt", "json", "docx")]
    assert "xml" in FORMATS
