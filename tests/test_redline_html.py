"""The redline page: summary, inline table with the new version's merges, side by side.

`sample_diff` is built by hand (small acts, pieces written out) so these tests do not
depend on the word differ; `real_case` is Order 550 with Order 192 through
`diff_versions`. Both are also used by test_comparative.py.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import lxml.html
import pytest

from consolidate.diff.model import AnnexDiff, Piece, TextDiff, UnitChange, VersionDiff
from consolidate.export.redline_html import export_redline_html, unit_place
from consolidate.labels import labels_for
from consolidate.model.act import Act, Annex
from consolidate.model.units import COLUMNS, CellValue, ChapterHeading, Row, Unit
from tests.conftest import BASE_550, ROOT
from tests.test_export_html import HEADER, NASTY

EXPERIENCE = "Жұмыс өтілі талап етілмейді."
AUTHOR = "Қазақстан Республикасы Төтенше жағдайлар министрі"


def _row(num: str, title: str, specialties: list[str], chapter: str = "7", **kwargs) -> Row:
    cells: dict[str, CellValue] = {
        "title": title,
        "category": "С-SV-4 (қызметкер)",
        "education": "Жоғарыдан төмен емес",
        "specialties": specialties,
        "experience": kwargs.pop("experience", EXPERIENCE),
    }
    return Row(num=num, chapter=chapter, paragraph=None, cells=cells, **kwargs)


def _text(value: CellValue) -> str:
    return "\n".join(value) if isinstance(value, list) else value


def _value(unit: Unit | None, name: str) -> CellValue:
    if unit is None:
        return [] if name == "specialties" else ""
    if isinstance(unit, Row):
        return [] if unit.repealed and name == "specialties" else ("" if unit.repealed else unit.cell(name))
    return unit.heading


def _texts(old: Unit | None, new: Unit | None, **given: tuple[Piece, ...]) -> tuple[TextDiff, ...]:
    """Every field with its pieces: those given, else the whole text equal/inserted/deleted."""
    fields = ["heading"] if isinstance(old or new, ChapterHeading) else list(COLUMNS)
    result = []
    for name in fields:
        old_value, new_value = _value(old, name), _value(new, name)
        old_text, new_text = _text(old_value), _text(new_value)
        if name in given:
            pieces = given[name]
        elif old_text == new_text:
            pieces = (Piece("equal", new_text),) if new_text else ()
        else:
            pieces = tuple(p for p in (Piece("delete", old_text), Piece("insert", new_text)) if p.text)
        result.append(TextDiff(name, old_value, new_value, pieces))
    return tuple(result)


def _change(kind: str, old: Unit | None, new: Unit | None, **kwargs) -> UnitChange:
    unit = new if new is not None and kind != "deleted" else old
    assert unit is not None
    annex = Annex("1", "", {})
    given = kwargs.pop("pieces", {})
    return UnitChange(
        kind=kind, annex="1", type=unit.type, num=unit.num, eid=annex.unit_eid(unit), old=old, new=new,
        texts=_texts(old, new, **given), **kwargs,
    )  # fmt: skip


def _act(units: list[Unit], lang: str = "kk") -> Act:
    annex_two = Annex(
        "2", "Академия", dict(HEADER), [ChapterHeading("17", "Академия"), _row("58", "Оқытушы", ["Химия"])]
    )
    return Act(
        number="550", date="2025-12-18", lang=lang, title="Біліктілік талаптарын бекіту туралы",
        issuer=AUTHOR, annexes=[Annex("1", "ТЖМ аппараты", dict(HEADER), units), annex_two], reconstructed=True,
    )  # fmt: skip


@cache
def _sample(lang: str = "kk") -> VersionDiff:
    """Annex 1 of a small act before and after: every kind of change, a merge whose rows
    changed differently, a deleted row that stood inside that merge, escaping bait."""
    o = {
        "ch7": ChapterHeading("7", "Кадр жұмысы департаментінің лауазымдары"),
        "26": _row("26", "Департамент директоры", ["Құқықтану"]),
        "27": _row("27", "Басқарма бастығы", ["Механика"]),
        "27-1": _row("27-1", "Сектор меңгерушісі", ["Химия"]),
        "28": _row("28", "Бас маман", ["Механика", "Химия"]),
        "29": _row("29", "Жетекші маман", ["Экономика"]),
        "31": _row("31", "Инженер", ["Физика"]),
        "ch8": ChapterHeading("8", "Қаржы департаменті"),
    }
    n = {
        "ch7": ChapterHeading("7", "Кадр саясаты департаментінің лауазымдары"),
        "26": o["26"],
        "26-1": _row("26-1", NASTY, ["Экономика"], experience="Талап етілмейді & <b>"),
        "27": _row("27", "Басқарма басшысы", ["Механика", "Экономика"]),
        "28": _row("28", "Бас маман", ["Механика", "Экономика"], continues=frozenset({"specialties"})),
        "29": Row("29", "7", None, {}, repealed=True),
        "32": _row("32", "Инженер", ["Физика"]),
        "ch8": o["ch8"],
        "ch8-1": ChapterHeading("8-1", "Жаңа бөлім"),
        "33": _row("33", "Маман", ["Құрылыс"], chapter="8-1"),
    }
    old_units = [o[k] for k in ("ch7", "26", "27", "27-1", "28", "29", "31", "ch8")]
    new_units = [n[k] for k in ("ch7", "26", "26-1", "27", "28", "29", "32", "ch8", "ch8-1", "33")]
    changes = (
        _change("restated", o["ch7"], n["ch7"], pieces={"heading": (
            Piece("equal", "Кадр "), Piece("delete", "жұмысы"), Piece("insert", "саясаты"),
            Piece("equal", " департаментінің лауазымдары"))}),
        _change("unchanged", o["26"], n["26"]),
        _change("inserted", None, n["26-1"]),
        _change("restated", o["27"], n["27"], pieces={
            "title": (Piece("equal", "Басқарма "), Piece("delete", "бастығы"), Piece("insert", "басшысы")),
            "specialties": (Piece("equal", "Механика"), Piece("insert", "\nЭкономика"))}),
        _change("deleted", o["27-1"], None),
        _change("restated", o["28"], n["28"], pieces={
            "specialties": (Piece("equal", "Механика\n"), Piece("delete", "Химия"), Piece("insert", "Экономика"))}),
        _change("repealed", o["29"], n["29"]),
        _change("moved", o["31"], n["32"], old_num="31"),
        _change("unchanged", o["ch8"], n["ch8"]),
        _change("inserted", None, n["ch8-1"]),
        _change("inserted", None, n["33"]),
    )  # fmt: skip
    old, new = _act(old_units, lang), _act(new_units, lang)
    annex_two = AnnexDiff("2", "Академия", tuple(
        _change("unchanged", u, u) for u in new.annexes[1].units))  # fmt: skip
    annexes = (AnnexDiff("1", "ТЖМ аппараты", changes), annex_two)
    meta = {"orders": "192", "order_dates": "2026-05-12"}
    return VersionDiff(old=old, new=new, annexes=annexes, author=AUTHOR, date="2026-05-12", meta=meta)


def sample_diff(lang: str = "kk") -> VersionDiff:
    """The hand-made diff shared with test_comparative.py."""
    return _sample(lang)


@cache
def real_case() -> VersionDiff:
    """Order 550 as reconstructed, against itself after Order 192."""
    structure = pytest.importorskip("consolidate.diff.structure")
    from consolidate.apply import apply_amendment
    from consolidate.sources import load_amendment, load_version

    old = load_version(BASE_550)
    new = apply_amendment(old, load_amendment(ROOT / "amendments" / "192"))
    return structure.diff_versions(old, new, AUTHOR, "2026-05-12")


def diff_pieces(diff: VersionDiff) -> tuple[int, int]:
    """(inserted, deleted) pieces of the diff's changed units, counted straight from the model."""
    pieces = [p for c in diff.changes() for t in c.texts for p in t.pieces if p.text]
    return sum(p.op == "insert" for p in pieces), sum(p.op == "delete" for p in pieces)


@pytest.fixture(scope="module")
def page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(export_redline_html(sample_diff()))


@pytest.fixture(scope="module")
def real_page() -> lxml.html.HtmlElement:
    return lxml.html.fromstring(export_redline_html(real_case()))


def _tr(page, eid: str):
    (tr,) = page.xpath(f'//section[@id="inline"]//tr[@data-eid="{eid}"]')
    return tr


def _ins(scope) -> list:
    return scope.xpath('.//ins[@class="ins"]')


def _del(scope) -> list:
    return scope.xpath('.//del[@class="del"]')


# --- counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["sample", "real"])
def test_counts_on_body_equal_the_diff(which: str, page, real_page) -> None:
    diff, html = (sample_diff(), page) if which == "sample" else (real_case(), real_page)
    inserted, deleted = diff_pieces(diff)
    body = html.xpath("//body")[0]
    assert (int(body.get("data-inserted")), int(body.get("data-deleted"))) == (inserted, deleted)
    assert int(body.get("data-changed-units")) == len(diff.changes())
    # side by side prints every piece of every changed unit exactly once
    (side,) = html.xpath('//section[@id="side"]')
    assert (len(_ins(side)), len(_del(side))) == (inserted, deleted)
    assert len(side.xpath("article")) == len(diff.changes())
    # the inline table states what it prints (a merged cell prints its text once)
    (inline,) = html.xpath('//section[@id="inline"]')
    assert len(_ins(inline)) == int(inline.get("data-inserted"))
    assert len(_del(inline)) == int(inline.get("data-deleted"))
    # nothing else is an <ins>/<del> except the labels of inserted/deleted units
    for element in html.xpath("//ins | //del"):
        assert element.get("class") in ("ins", "del", "label")
        assert element.get("data-eid")


def test_every_piece_names_its_unit_and_field(page) -> None:
    pieces = page.xpath('//ins[@class="ins"] | //del[@class="del"]')
    assert pieces
    assert all(p.get("data-field") for p in pieces)
    titles = page.xpath('//section[@id="side"]//del[@data-eid="att_1__row_27"][@data-field="title"]')
    assert [t.text_content() for t in titles] == ["бастығы"]


# --- inline table ----------------------------------------------------------------------


def test_inline_rows_in_order_deleted_row_waits_for_the_merge(page) -> None:
    (section,) = page.xpath('//section[@id="inline-att_1"]')
    order = [tr.get("data-eid") for tr in section.xpath(".//tbody/tr")]
    assert order == [
        "att_1__chp_7", "att_1__row_26", "att_1__row_26-1", "att_1__row_27", "att_1__row_28",
        "att_1__row_27-1",  # stood between 27 and 28, inside their merged cell
        "att_1__row_29", "att_1__row_32", "att_1__chp_8", "att_1__chp_8-1", "att_1__row_33",
    ]  # fmt: skip
    # an annex without changes is not repeated
    assert page.xpath('//section[@id="inline-att_2"]') == []


def _check_six_columns(table) -> None:
    carried: list[int] = []
    for tr in table.xpath("tbody/tr"):
        width = sum(int(c.get("colspan", "1")) for c in tr.xpath("td|th"))
        assert width + len(carried) == 6, tr.get("id")
        carried = [left - 1 for left in carried if left > 1]
        carried += [int(c.get("rowspan")) - 1 for c in tr.xpath("td[@rowspan]")]


def test_merges_as_in_the_new_version(page) -> None:
    head = _tr(page, "att_1__row_27")
    (cell,) = head.xpath('td[@class="c-specialties"]')
    assert cell.get("rowspan") == "2"
    (inserted,) = cell.xpath("ins[@class='ins']")  # the head row's own piece
    assert inserted.text_content() == "Экономика" and inserted.xpath("br")  # "\nЭкономика": a new line
    assert _tr(page, "att_1__row_28").xpath('td[@class="c-specialties"]') == []
    # row 28 changed its specialties differently: shown in the merged cell, not lost
    (also,) = cell.xpath('div[@class="also"]')
    assert also.get("data-for") == "att_1__row_28"
    assert [d.text_content() for d in _del(also)] == ["Химия"]
    for table in page.xpath('//section[@id="inline"]//table'):
        _check_six_columns(table)


def test_heading_rows_span_all_columns(page) -> None:
    (th,) = _tr(page, "att_1__chp_7").xpath("th")
    assert th.get("colspan") == "6"
    assert [d.text_content() for d in _del(th)] == ["жұмысы"]
    assert [i.text_content() for i in _ins(th)] == ["саясаты"]
    (new,) = _tr(page, "att_1__chp_8-1").xpath("th")
    assert new.get("colspan") == "6"
    assert new.xpath('ins[@class="label"]/text()') == ["8-1-тарау."]
    assert [i.text_content() for i in _ins(new)] == ["Жаңа бөлім"]


def test_inserted_row_is_all_inserted(page) -> None:
    tr = _tr(page, "att_1__row_26-1")
    assert "inserted" in tr.get("class").split()
    assert tr.xpath('td[@class="c-num"]/ins[@class="label"]/text()') == ["26-1."]
    for td in tr.xpath("td[not(@class='c-num')]"):
        assert td.text_content() == "".join(i.text_content() for i in td.xpath("ins"))
        assert td.text_content()


def test_deleted_and_repealed_rows_show_old_text_struck(page) -> None:
    deleted = _tr(page, "att_1__row_27-1")
    assert "deleted" in deleted.get("class").split()
    assert deleted.xpath('td[@class="c-num"]/del[@class="label"]/text()') == ["27-1."]
    assert deleted.xpath('td[@class="c-title"]/del[@class="del"]/text()') == ["Сектор меңгерушісі"]
    assert len(deleted.xpath("td")) == 6  # no merges: it is not in the new version
    repealed = _tr(page, "att_1__row_29")
    assert repealed.xpath('td[@class="c-num"]/text()') == ["29."]  # the number stays
    assert repealed.xpath('td[@class="c-title"]/del[@class="del"]/text()') == ["Жетекші маман"]
    for td in repealed.xpath("td[not(@class='c-num')]"):
        assert td.text_content() == "".join(d.text_content() for d in td.xpath("del"))


def test_unchanged_and_moved_rows(page) -> None:
    plain = _tr(page, "att_1__row_26")
    assert plain.get("data-kind") == "unchanged"
    assert plain.xpath(".//ins | .//del") == []
    assert plain.xpath('td[@class="c-title"]/text()') == ["Департамент директоры"]
    moved = _tr(page, "att_1__row_32")
    assert moved.xpath('td[@class="c-num"]/span[@class="moved-from"]/text()') == ["(бұрынғы нөмірі 31)"]
    assert moved.xpath(".//ins | .//del") == []


# --- summary and links ----------------------------------------------------------------


def test_summary_counts_and_links(page) -> None:
    (row,) = page.xpath('//table[@class="counts"]//tr[@data-annex="1"]')
    counts = {td.get("data-kind"): int(td.get("data-count")) for td in row.xpath("td[@data-kind]")}
    assert counts == {"inserted": 3, "deleted": 1, "repealed": 1, "restated": 3, "moved": 1}
    assert "жол: 2" in row.xpath('td[@data-kind="inserted"]')[0].text_content()
    items = page.xpath('//ol[@class="changes"]/li')
    assert [li.get("data-eid") for li in items] == [c.eid for c in sample_diff().changes()]
    ids = set(page.xpath("//@id"))
    for li in items:
        main, side = li.xpath("a/@href")
        assert main[1:] in ids and side[1:] in ids
    assert items[0].xpath("a/text()")[0] == "1-қосымша, 7-тарау"
    assert items[3].xpath("a/text()")[0] == "1-қосымша, 7-тарау, реттік нөмірі 27-1-жол"


def test_ids_are_unique(page, real_page) -> None:
    for html in (page, real_page):
        ids = html.xpath("//@id")
        assert len(ids) == len(set(ids))


def test_side_by_side_old_and_new(page) -> None:
    (article,) = page.xpath('//article[@data-eid="att_1__row_27"]')
    (title,) = article.xpath('.//tr[@data-field="title"]')
    old, new = title.xpath("td")
    assert old.text_content() == "Басқарма бастығы" and _del(old)[0].text == "бастығы" and not _ins(old)
    assert new.text_content() == "Басқарма басшысы" and _ins(new)[0].text == "басшысы" and not _del(new)
    (specialties,) = article.xpath('.//tr[@data-field="specialties"]')
    assert specialties.xpath("td[2]//br")  # one specialty per line


# --- escaping, language, determinism --------------------------------------------------


def test_text_is_escaped() -> None:
    data = export_redline_html(sample_diff())
    assert b"<script>" not in data
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Ко".encode() in data
    assert "Талап етілмейді &amp; &lt;b&gt;".encode() in data
    html = lxml.html.fromstring(data)
    assert html.xpath("//script") == []
    assert NASTY in html.xpath('//tr[@data-eid="att_1__row_26-1"]/td[@class="c-title"]')[0].text_content()


def test_deterministic() -> None:
    assert export_redline_html(sample_diff()) == export_redline_html(sample_diff())
    _sample.cache_clear()
    first = export_redline_html(sample_diff())
    _sample.cache_clear()
    assert export_redline_html(sample_diff()) == first


def test_russian_labels() -> None:
    html = lxml.html.fromstring(export_redline_html(sample_diff("ru")))
    assert html.get("lang") == "ru"
    assert (
        html.xpath('//li[@data-eid="att_1__row_27"]/a/text()')[0]
        == "Приложение 1, глава 7, строка, порядковый номер 27"
    )
    assert "Перечень изменений" in html.xpath("//h2/text()")


def test_no_changes() -> None:
    diff = sample_diff()
    annexes = tuple(
        AnnexDiff(a.num, a.title, tuple(c for c in a.changes if c.kind == "unchanged")) for a in diff.annexes
    )
    same = VersionDiff(old=diff.new, new=diff.new, annexes=annexes)
    html = lxml.html.fromstring(export_redline_html(same))
    assert html.xpath('//p[@class="no-changes"]/text()') == ["Өзгерістер жоқ."]
    assert html.xpath("//body/@data-changed-units") == ["0"]


def test_print_stylesheet(page) -> None:
    css = page.xpath("//style")[0].text
    assert "@page { size: A4 landscape" in css
    assert "@media print" in css and "print-color-adjust: exact" in css


# --- the real case ---------------------------------------------------------------------


def test_real_rowspans_equal_the_new_version(real_page) -> None:
    diff = real_case()
    for annex in diff.new.annexes:
        spans = annex.spans()
        covered = {(head + k, c) for head, columns in spans.items() for c, n in columns.items() for k in range(1, n)}
        for index, unit in enumerate(annex.units):
            tr = _tr(real_page, annex.unit_eid(unit))
            if not isinstance(unit, Row):
                assert [th.get("colspan") for th in tr.xpath("th")] == ["6"]
                continue
            printed = {td.get("class")[2:]: int(td.get("rowspan", "1")) for td in tr.xpath("td[@class!='c-num']")}
            expected = {c: spans.get(index, {}).get(c, 1) for c in COLUMNS if (index, c) not in covered}
            assert printed == expected, annex.unit_eid(unit)
        assert any(n > 1 for columns in spans.values() for n in columns.values())
    for table in real_page.xpath('//section[@id="inline"]//table'):
        _check_six_columns(table)


def test_real_summary_and_places(real_page) -> None:
    diff = real_case()
    labels = labels_for("kk")
    places = [li.xpath("a/text()")[0] for li in real_page.xpath('//ol[@class="changes"]/li')]
    assert places == [unit_place(c, labels) for c in diff.changes()]
    assert "2-қосымша, 6-тарау, реттік нөмірі 33-жол" in places
    for kinds in diff.counts().values():
        assert set(kinds) <= {"inserted", "deleted", "repealed", "restated", "moved"}


def test_real_deterministic() -> None:
    assert export_redline_html(real_case()) == export_redline_html(real_case())


def test_fields_missing_from_the_diff_are_printed_whole() -> None:
    """A hand-made diff may carry no texts: the unit is still printed in full and counted."""
    diff = sample_diff()
    bare = tuple(AnnexDiff(a.num, a.title, tuple(replace(c, texts=()) for c in a.changes)) for a in diff.annexes)
    html = lxml.html.fromstring(export_redline_html(replace(diff, annexes=bare)))
    tr = _tr(html, "att_1__row_27")
    assert tr.xpath('td[@class="c-title"]/del[@class="del"]/text()') == ["Басқарма бастығы"]
    assert tr.xpath('td[@class="c-title"]/ins[@class="ins"]/text()') == ["Басқарма басшысы"]
    assert _tr(html, "att_1__row_26").xpath(".//ins | .//del") == []
    (side,) = html.xpath('//section[@id="side"]')
    body = html.xpath("//body")[0]
    assert len(_ins(side)) == int(body.get("data-inserted")) > 0
    assert len(_del(side)) == int(body.get("data-deleted")) > 0
