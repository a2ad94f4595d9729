"""`consolidate import` on real pages of the reference bank (tests/corpus/html/, adilet.zan.kz).

- Structure: the import finds exactly the units, headings, notes, tables, signature, stamps
  and identity written by hand in `expected-structure.json` (written from the page as a
  browser shows it, before the importer ever ran on it).
- Round trip: the import exported as text gives back at least 99.5 % of the page's visible
  text of the act (its <h1> and its <article>, read by the general HTML reader, not by the
  page reader under test).
- A page cut short is reported (a warning; an error with --strict), never imported silently.
- Nothing outside the article is read; the page is untrusted input.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from consolidate.akn.schema import validate
from consolidate.akn.tree_xml import tree_from_xml, tree_to_xml
from consolidate.errors import InputError
from consolidate.export.tree_txt import export_tree_txt
from consolidate.importer.blocks import para_blocks, plain_text
from consolidate.importer.official import import_official
from consolidate.importer.similarity import similarity
from consolidate.parse.html_input import read_html
from tests.conftest import ROOT
from tests.test_import import _structure

PAGES = ROOT / "tests" / "corpus" / "html"
EXPECTED = sorted(PAGES.glob("*/expected-structure.json"))
SOURCES = sorted(PAGES.glob("*/page.html"))
V2300032783 = PAGES / "adilet-V2300032783-rus" / "page.html"


def _visible_text(page: Path) -> str:
    """The act as a reader of the page sees it, by another road than the importer's: the
    <h1>, then the <article> through the general HTML reader."""
    root = lxml.html.document_fromstring(page.read_bytes())
    title = " ".join(root.xpath("//h1")[0].text_content().split())
    article = lxml.html.tostring(root.xpath("//article")[0], encoding="unicode")
    blocks = para_blocks(read_html(f"<html><body>{article}</body></html>".encode(), str(page)))
    return f"{title}\n" + plain_text(blocks)


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.parent.name)
def test_structure_as_written_by_hand(expected_file):
    expected = json.loads(expected_file.read_text("utf-8"))
    imported = import_official(expected_file.parent / "page.html")
    document = imported.document
    units, notes, tables = _structure(document)
    assert document.title == expected["title"]
    assert [u[0] for u in units] == [u[0] for u in expected["units"]]
    assert units == [list(u) for u in expected["units"]]
    assert notes == expected["notes"]
    assert {k: tables.get(k) for k in expected["tables"]} == expected["tables"]
    assert dataclasses.asdict(document.identity) == expected["identity"]
    assert document.signature == expected["signature"]
    assert {a.eid: a.stamp for a in document.annexes} == expected["stamps"]
    cut = [w for w in imported.warnings if "cut short" in w.message]
    assert bool(cut) == ("truncated" in expected)


@pytest.mark.parametrize("page", SOURCES, ids=lambda p: p.parent.name)
def test_every_page_exports_back_to_its_visible_text(page):
    imported = import_official(page)
    exported = export_tree_txt(imported.document).decode("utf-8")
    assert similarity(_visible_text(page), exported) >= 0.995
    assert similarity(imported.source_text, exported) >= 0.995


@pytest.mark.parametrize("page", SOURCES, ids=lambda p: p.parent.name)
def test_every_page_import_is_valid_akn_and_reads_back(page):
    document = import_official(page).document
    xml = tree_to_xml(document)
    assert validate(xml) == []
    back = tree_from_xml(xml, str(page))
    assert export_tree_txt(back) == export_tree_txt(document)


def test_notes_are_history_never_text():
    document = import_official(V2300032783).document
    texts = [n.text for n in document.units() if n.text] + document.preamble + document.signature
    assert not any("Сноска" in t or "Примечание ИЗПИ" in t for t in texts)
    assert document.title_notes[0].text == "Примечание ИЗПИ!\nПорядок введения в действие см. п.4."
    point_9 = next(n for n in document.units() if n.eid == "att_1__chp_2__point_9")
    assert point_9.notes[0].text.startswith("Сноска. Пункт 9 - в редакции приказа")
    assert point_9.notes[0].text.endswith(
        "№ 99 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования)."
    )


def test_the_page_says_what_was_read_from_it():
    read = import_official(V2300032783).read
    assert any(r.startswith("language ru from the page (lang_rus, tab «РУС»)") for r in read)
    assert any("number 435" in r and "State Register number 32783" in r for r in read)
    assert "status on the page: Обновленный" in read


def test_a_cut_page_is_a_warning_and_an_error_with_strict(tmp_path):
    imported = import_official(V2300032783)
    (cut,) = imported.warnings
    assert (
        "the page is cut short: the article ends inside a table (its last row «126.» has 1 of 5 cells)" in cut.message
    )
    out = tmp_path / "base"
    run = subprocess.run(
        [sys.executable, "-m", "consolidate", "import", str(V2300032783), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert f"warning: {V2300032783}:{cut.line}: the page is cut short" in run.stderr
    assert "read from the page: identity" in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "rus.xml"]
    assert "- line 2640: the page is cut short" in (out / "README.md").read_text("utf-8")
    strict = subprocess.run(
        [sys.executable, "-m", "consolidate", "import", str(V2300032783), "-o", str(tmp_path / "strict"), "--strict"],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert strict.returncode == 2 and not (tmp_path / "strict").exists()
    assert strict.stderr.strip().splitlines()[-1].startswith("consolidate: error:")


def test_a_page_cut_and_closed_tidily_is_still_reported(tmp_path):
    """The copy closed where it stopped (row 126 dropped, the table closed): the markup is
    whole, but the act still links to annexes 3 to 7, which the page does not hold."""
    data = V2300032783.read_bytes()
    head, _, _ = data.rpartition(b"<tr><td><p>\n126.</p>\n")
    closed = head + b"</table></p></article></div></div></div></body></html>\n"
    page = tmp_path / "page.html"
    page.write_bytes(closed)
    (cut,) = import_official(page).warnings
    assert (
        "the act links to 5 places of itself the page does not hold (the first: «приложению 3», #z269)" in cut.message
    )
    assert "inside a table" not in cut.message
    # Without those links (a page as whole as its markup can tell), nothing is reported.
    for anchor in (b"z269", b"z287", b"z289", b"z291", b"z338"):
        closed = closed.replace(b'<a href="/rus/docs/V2300032783#' + anchor + b'">', b"<a>")
    page.write_bytes(closed)
    assert import_official(page).warnings == ()


def test_nothing_outside_the_article_is_read(tmp_path):
    data = V2300032783.read_bytes().decode("utf-8")
    noisy = data.replace("Размещение рекламы", "1. Реклама как пункт").replace(
        '<div id="modes">', '<div id="modes"><p>Сноска. Пункт 1 вне статьи.</p><table><tr><td>x</td></tr></table>'
    )
    assert noisy != data
    page = tmp_path / "page.html"
    page.write_text(noisy, "utf-8")
    a, b = import_official(V2300032783).document, import_official(page).document
    assert export_tree_txt(a) == export_tree_txt(b)


def test_hostile_pages_are_refused_in_one_line(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(b'<!DOCTYPE html [<!ENTITY x "boom">]><html><body><h1>T</h1><article>&x;</article></body></html>')
    with pytest.raises(InputError, match="ENTITY declarations are not allowed"):
        import_official(page)
    big = tmp_path / "big.html"
    big.write_bytes(b"<html><body>" + b"<p>x</p>" * (1024 * 1024 + 1) + b"</body></html>")
    with pytest.raises(InputError, match="MAX_HTML_BYTES"):
        import_official(big)


def test_language_from_the_page_and_a_disagreement_said(tmp_path):
    """The page's class and its tab name the language; when they disagree the text decides
    and the importer says what the page said."""
    data = V2300032783.read_bytes().decode("utf-8")
    page = tmp_path / "page.html"
    page.write_text(data.replace('class="module_npaView lang_rus"', 'class="module_npaView lang_kaz"'), "utf-8")
    imported = import_official(page)
    assert imported.document.identity.lang == "ru"
    assert any("detected from the text" in r and "lang_kaz" in r and "tab «РУС»" in r for r in imported.read)


def test_a_page_without_the_banks_text_container_is_read_as_any_page(tmp_path):
    """Only the bank's layout is read as the bank's page; another page keeps the general
    reader (all its text), so the page reader never guesses on foreign markup."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><h1>Об утверждении правил</h1><div><p>Меню сайта</p></div>"
        "<p>1. Утвердить правила.</p><p>2. Настоящий приказ вводится в действие.</p></body></html>",
        "utf-8",
    )
    imported = import_official(page)
    assert imported.read == ()
    assert "Меню сайта" in export_tree_txt(imported.document).decode("utf-8")


def test_a_meta_yaml_beside_the_page_gives_the_identity(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(V2300032783.read_bytes())
    (tmp_path / "meta.yaml").write_text(
        "requisite: Приказ Министра юстиции Республики Казахстан от 14 сентября 2020 года № 354.\n", "utf-8"
    )
    imported = import_official(page)
    assert imported.document.identity.number == "354"
    assert "identity from meta.yaml beside the page" in imported.read
