"""`consolidate serve` on imported acts and the import page, through Starlette's test client.

The imported act is base_orders/146340 (Order No. 354 of the Minister of Justice, kk and
ru) amended by amendments/900 (an order of our own making, publication unknown). The
pages are checked against facts read from the texts by hand (point 7 repealed, point 5-1
inserted, the new wording of point 2, the Russian note of a repeal), against what the
command line writes for the same input, and for what a bad upload gets: the command
line's one line and a 4xx.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from starlette.testclient import TestClient

from consolidate.apply.tree_chain import load_tree, tree_versions
from consolidate.cli import main
from consolidate.export.tree_outputs import render_tree
from consolidate.export.tree_review import render_tree_review
from consolidate.parse.order import parse_file
from consolidate.serve.app import create_app
from consolidate.serve.uploads import MAX_BYTES
from consolidate.sources import load_amendment
from tests.conftest import FIXTURES, ROOT

BASE = ROOT / "base_orders" / "146340"
ORDER = ROOT / "amendments" / "900"
ORDER_RU = FIXTURES / "tree" / "order-900-rus.txt"
ORDER_KK = FIXTURES / "tree" / "order-900-kaz.txt"
OFFICIAL = ROOT / "tests" / "corpus" / "acts" / "ministerial-106668-kaz"
POINT_7 = "att_1__chp_3__point_7"
# Point 7 of the rules in the Russian source (tests/corpus/acts/ministerial-146340-rus/rus.md).
POINT_7_RU = "7. Уполномоченный орган в сфере исполнения исполнительных документов или его территориальные органы"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(ROOT))


def tree(html: str):
    return lxml.html.fromstring(html)


def text(element) -> str:
    return " ".join(element.text_content().split())


def problems(html: str) -> list[str]:
    return [text(e) for e in tree(html).xpath('//li[@class="problem"]')]


def versions(lang: str):
    """The versions of 146340 after amendments/900, as `consolidate apply` makes them."""
    base = load_tree(BASE / ("kaz.xml" if lang == "kk" else "rus.xml"))
    return tree_versions(base, [load_amendment(ORDER, lang)])[0]


# --- the imported act, its versions and its units' history ----------------------------------


def test_the_index_lists_the_imported_act_in_both_languages(client):
    page = tree(client.get("/").text)
    assert page.xpath("//section/@data-act") == ["146340/kk", "146340/ru", "550/kk"]
    for slug in ("146340/kk", "146340/ru"):
        (entry,) = page.xpath(f'//section[@data-act="{slug}"]')
        assert "№ 354" in text(entry.xpath(".//h2")[0])
        rows = entry.xpath(".//table[contains(@class, 'versions')]/tbody/tr")
        cells = [[text(td) for td in row.xpath("td")] for row in rows]
        # Order 354 of 14.09.2020; Order 900 of 01.10.2026 has no known publication.
        assert cells == [
            ["original text № 354 of 14.09.2020", "", "", "14.09.2020"],
            ["after order № 900 of 01.10.2026", "01.10.2026", "–", "unknown"],
        ]
        assert not entry.xpath('.//p[contains(@class, "errors")]')
    (ru,) = page.xpath('//section[@data-act="146340/ru"]//h2')
    assert "Об утверждении Правил приостановления расходных операций" in text(ru)


def test_the_act_page_has_its_versions_and_a_date_field(client):
    page = tree(client.get("/acts/146340/ru").text)
    assert page.xpath('//table[contains(@class, "versions")]/tbody/tr/@data-version') == ["0", "1"]
    (field,) = page.xpath('//form[@action="/acts/146340/ru/version"]//input[@name="as_of"]')
    assert field.get("type") == "date"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_version_page_is_the_tree_export_with_its_units_linked(client, lang):
    expected = versions(lang)
    for n in (0, 1):
        response = client.get(f"/acts/146340/{lang}/version", params={"n": n})
        assert response.status_code == 200
        page = response.text
        assert f'href="/acts/146340/{lang}/history?n={n}&amp;unit={POINT_7}"' in page
        assert tree(page).xpath('//section[@class="applied"]//li/@data-number') == (["900"] if n else [])
        # Take the application's additions away: what is left is the export, byte for byte.
        page = re.sub(r"<style>\s*/\* The pages of `consolidate serve`.*?</style>\n", "", page, count=1,
                      flags=re.DOTALL)  # fmt: skip
        page = re.sub(r'\n<nav class="serve">.*?</nav>\n', "", page, count=1, flags=re.DOTALL)
        page = re.sub(r'<a class="unit-link" href="[^"]*">((?:[^<]|<br>)*)</a>', r"\1", page)
        stem = "kaz" if lang == "kk" else "rus"
        assert page == render_tree(expected[n].document, ["html"], stem)[f"{stem}.html"].decode("utf-8")


def test_every_unit_with_an_eid_is_a_link_to_its_history(client):
    page = tree(client.get("/acts/146340/ru/version", params={"n": "1"}).text)
    linked = page.xpath('//a[@class="unit-link"]/parent::*/@id')
    assert POINT_7 in linked and "att_1__chp_2__point_5-1" in linked and "att_1__chp_1" in linked
    for element in page.xpath("//main//*[@id]"):
        if element.tag in ("p", "h2"):
            assert element.xpath('a[@class="unit-link"]'), element.get("id")


def test_the_version_in_force_leaves_out_an_order_of_unknown_publication(client):
    page = tree(client.get("/acts/146340/ru/version", params={"as_of": "2030-01-01"}).text)
    assert page.xpath('//section[@class="applied"]//li') == []
    assert "order 900 left out" in text(page.xpath('//div[@class="left-out"]')[0])


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> TestClient:
    """146340 with Order 900 published 05.10.2026: ten calendar days after, in force 16.10.2026."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(BASE, data / "base_orders" / "146340")
    shutil.copytree(ORDER, data / "amendments" / "900")
    (data / "amendments" / "900" / "publication.toml").write_text('first_publication = "2026-10-05"\n')
    return TestClient(create_app(data))


@pytest.mark.parametrize(("as_of", "applied"), [("2026-10-15", []), ("2026-10-16", ["900"])])
def test_the_version_in_force_on_a_day(published, as_of, applied):
    response = published.get("/acts/146340/kk/version", params={"as_of": as_of})
    assert response.status_code == 200
    assert tree(response.text).xpath('//section[@class="applied"]//li/@data-number') == applied


def test_the_in_force_date_of_a_published_order(published):
    rows = tree(published.get("/acts/146340/ru").text).xpath('//table[contains(@class, "versions")]/tbody/tr')
    assert [text(td) for td in rows[1].xpath("td")] == [
        "after order № 900 of 01.10.2026", "01.10.2026", "05.10.2026", "16.10.2026"
    ]


def test_history_of_a_repealed_point_with_its_note(client):
    response = client.get("/acts/146340/ru/history", params={"unit": POINT_7})
    assert response.status_code == 200
    page = tree(response.text)
    changes = [text(li) for li in page.xpath('//ul[@class="changes"]/li')]
    assert changes == ["repealed by order № 900 of 01.10.2026, in force unknown"]
    (note,) = page.xpath('//p[@class="note"]')
    assert text(note).startswith("Сноска. Пункт 7 исключен приказом Министра юстиции РК от 01.10.2026 № 900")
    wordings = page.xpath('//section[@class="wording"]')
    assert [w.get("data-version") for w in wordings] == ["0", "1"]
    assert text(wordings[0]).split(" (in force")[0] == "original text № 354 of 14.09.2020"
    assert POINT_7_RU in text(wordings[0])
    assert [text(p) for p in wordings[1].xpath('p[@class="label"]')] == ["7. (repealed)"]
    assert POINT_7_RU not in text(wordings[1])


def test_history_of_an_inserted_point_and_of_a_restated_one(client):
    page = tree(client.get("/acts/146340/ru/history", params={"unit": "att_1__chp_2__point_5-1"}).text)
    wordings = page.xpath('//section[@class="wording"]')
    assert [(w.get("data-version"), "not in this version" in text(w)) for w in wordings] == [("0", True),
                                                                                             ("1", False)]  # fmt: skip
    assert "5-1. Копия распоряжения о приостановлении расходных операций направляется" in text(wordings[1])
    assert [text(li) for li in page.xpath('//ul[@class="changes"]/li')] == [
        "inserted by order № 900 of 01.10.2026, in force unknown"
    ]
    restated = tree(client.get("/acts/146340/ru/history", params={"unit": "att_1__chp_2__point_2"}).text)
    last = restated.xpath('//section[@class="wording"]')[-1]
    assert "2. Приостановление расходных операций по текущему счету ЧСИ производится в случаях:" in text(last)
    heading = tree(client.get("/acts/146340/kk/history", params={"unit": "att_1__chp_1"}).text)
    assert [text(p) for p in heading.xpath('//p[@class="label"]')] == ["1-тарау. Жалпы ережелер",
                                                                       "1-тарау. Негізгі ережелер"]  # fmt: skip


def test_history_of_a_unit_not_in_the_version_asked(client):
    response = client.get("/acts/146340/ru/history", params={"unit": "att_1__chp_2__point_5-1", "n": "0"})
    assert response.status_code == 400
    assert "no unit 'att_1__chp_2__point_5-1'" in text(tree(response.text).xpath('//li[@class="error-line"]')[0])


@pytest.mark.parametrize("name", ["rus.html", "rus.docx", "rus.xml", "rus.txt", "rus.json"])
def test_version_downloads_are_the_tree_exports(client, name):
    response = client.get("/acts/146340/ru/download", params={"n": "1", "file": name})
    assert response.status_code == 200
    assert response.content == render_tree(versions("ru")[1].document, [name.split(".")[1]], "rus")[name]


def test_version_zip_of_an_imported_act(client):
    first = client.get("/acts/146340/kk/download", params={"n": "1", "file": "zip"}).content
    assert first == client.get("/acts/146340/kk/download", params={"n": "1", "file": "zip"}).content
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == sorted(f"146340-v1/kaz.{f}" for f in ("html", "docx", "xml", "txt", "json"))
        assert archive.read("146340-v1/kaz.xml") == render_tree(versions("kk")[1].document, ["xml"], "kaz")["kaz.xml"]


# --- an order uploaded against the imported act -------------------------------------------------


@pytest.fixture(scope="module")
def order_page(client) -> str:
    response = client.post("/order", files={"file": ("order-900-rus.txt", ORDER_RU.read_bytes(), "text/plain")})
    assert response.status_code == 200, problems(response.text)
    return response.text


def test_the_reading_of_order_900(order_page):
    amendment = parse_file(ORDER_RU)
    page = tree(order_page)
    assert problems(order_page) == []
    items = page.xpath('//li[@class="op"]')
    assert [(li.get("data-op"), li.get("data-unit")) for li in items] == [
        ("replace_words", "point"), ("restate", "heading"), ("restate", "point"), ("replace_words", "point"),
        ("insert", "point"), ("insert", "indent"), ("repeal", "point"),
    ]  # fmt: skip
    assert len(items) == len(amendment.operations)
    # Quoted text provisions and headings are shown as the text they are, no table.
    assert not page.xpath('//li[@class="op"]//table')
    assert [text(p) for p in items[1].xpath('.//div[@class="provisions"]/p')] == ["Глава 1. Основные положения"]
    assert [text(p) for p in items[2].xpath('.//div[@class="provisions"]/p')] == [
        "2. Приостановление расходных операций по текущему счету ЧСИ производится в случаях:",
        "1) приостановления или прекращения действия лицензии частного судебного исполнителя;",
        "2) лишения частного судебного исполнителя лицензии;",
        "3) исключения частного судебного исполнителя из членов Республиканской палаты частных судебных исполнителей.",
    ]
    assert text(items[0].xpath('.//p[@class="words"]')[0]) == (
        "Департаменту по исполнению судебных актов → Комитету по исполнению судебных актов"
    )


def test_the_preview_of_order_900_on_the_imported_act(order_page):
    page = tree(order_page)
    heading = text(page.xpath('//section[@id="preview"]/h2')[0])
    assert heading == "Consolidated: act 146340/ru № 354, in force from: unknown (a publication date is missing)"
    summary = page.xpath('string(//pre[@class="summary"])').splitlines()
    assert "repealed\tatt_1__chp_3__point_7" in summary and "inserted\tatt_1__chp_2__point_5-1" in summary
    old, new = (v.document for v in versions("ru"))
    review = render_tree_review(old, new)
    frames = {f.get("id"): f.get("srcdoc") for f in page.xpath("//iframe")}
    assert frames["redline-frame"] == review["redline.html"].decode("utf-8")
    assert frames["comparative-frame"] == review["comparative.html"].decode("utf-8")
    assert frames["version-frame"] == render_tree(new, ["html"], "rus")["rus.html"].decode("utf-8")
    assert page.xpath('//form[@class="downloads"]//button[@name="file"]/@value') == [
        "rus.html", "rus.docx", "rus.xml", "rus.txt", "rus.json", "redline.html", "redline.docx", "comparative.html",
        "comparative.docx", "zip",
    ]  # fmt: skip


def test_the_downloads_of_order_900(client, order_page):
    form = tree(order_page).xpath('//form[@class="downloads"]')[0]
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    response = client.post("/order/file", data={**fields, "file": "rus.docx"})
    assert response.status_code == 200
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert any(p.startswith("5-1. Копия распоряжения о приостановлении") for p in paragraphs)
    first = client.post("/order/file", data={**fields, "file": "zip"}).content
    assert first == client.post("/order/file", data={**fields, "file": "zip"}).content
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == sorted(
            f"146340-900/{name}" for name in ("rus.html", "rus.docx", "rus.xml", "rus.txt", "rus.json", "redline.html",
                                              "redline.docx", "comparative.html", "comparative.docx")
        )  # fmt: skip


def test_an_order_in_the_other_language_than_the_act_chosen(client, tmp_path, capsys):
    response = client.post("/order", files={"file": ("order-900-kaz.txt", ORDER_KK.read_bytes(), "text/plain")},
                           data={"act": "146340/ru"})  # fmt: skip
    assert response.status_code == 422
    (line,) = problems(response.text)
    assert line == "order 900: the order is in kk, the base in ru: apply each language's text to its base"
    # The command line says the same, in one line.
    assert main(["apply", str(BASE), str(ORDER_KK), "--lang", "ru", "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == f"consolidate: error: {line}"
    # Left to choose its act, the Kazakh order goes to the Kazakh text.
    auto = client.post("/order", files={"file": ("order-900-kaz.txt", ORDER_KK.read_bytes(), "text/plain")})
    assert auto.status_code == 200
    assert text(tree(auto.text).xpath('//section[@id="preview"]/h2')[0]).startswith("Consolidated: act 146340/kk")


# --- the import page ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def import_page(client) -> str:
    source = OFFICIAL / "kaz.md"
    response = client.post("/import", files={"file": ("kaz.md", source.read_bytes(), "text/markdown")})
    assert response.status_code == 200, problems(response.text)
    return response.text


def test_the_import_shows_the_structure_written_by_hand(import_page):
    expected = json.loads((OFFICIAL / "expected-structure.json").read_text("utf-8"))
    page = tree(import_page)
    assert text(page.xpath('//*[@id="act-title"]')[0]) == expected["title"]
    rows = page.xpath('//table[contains(@class, "structure")]/tbody/tr')
    shown = [[row.get("data-eid"), text(row.xpath('td[@class="heading"]')[0]) or None] for row in rows]
    assert shown == [list(unit) for unit in expected["units"]]
    assert page.xpath('string(//*[@id="round-trip"])') == "100.00 %"
    assert page.xpath('string(//*[@id="warning-count"])') == "0"
    kinds = dict((e.get("data-kind"), int(text(e).split()[0])) for e in page.xpath('//span[@class="unit-kind"]'))
    assert kinds["chapter"] == 3 and kinds["annex"] == 2 and kinds["table"] == len(expected["tables"])
    assert page.xpath('string(//*[@id="unit-count"])') == str(sum(n for k, n in kinds.items() if k != "annex"))


def test_the_import_downloads_are_what_import_writes(client, import_page, tmp_path):
    assert main(["import", str(OFFICIAL / "kaz.md"), "-o", str(tmp_path / "base")]) == 0
    form = tree(import_page).xpath('//form[@class="downloads"]')[0]
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    assert form.xpath(".//button/@value") == ["kaz.xml", "kaz.txt"]
    response = client.post("/import/file", data={**fields, "file": "kaz.xml"})
    assert response.status_code == 200
    assert response.content == (tmp_path / "base" / "kaz.xml").read_bytes()
    exported = client.post("/import/file", data={**fields, "file": "kaz.txt"}).content.decode("utf-8")
    assert exported.startswith(text(tree(import_page).xpath('//*[@id="act-title"]')[0]))
    assert client.post("/import/file", data={**fields, "file": "../kaz.xml"}).status_code == 400


@pytest.mark.parametrize(
    ("name", "data", "status", "line"),
    [
        ("kaz.md", b"", 400, "kaz.md: file is empty"),
        ("kaz.pdf", b"%PDF-1.7", 400, "kaz.pdf: an official text must be a .md, .html, .docx or .txt file"),
        ("kaz.docx", "Бұйрық".encode(), 400, "kaz.docx: not a Word file (a .docx is a ZIP package)"),
        ("kaz.md", b"\x00\x01binary\x00" * 40, 400, "kaz.md: binary file, expected UTF-8 text"),
        ("kaz.md", "Атауы\nБұл мәтінде тармақ жоқ.\n".encode(), 400,
         "kaz.md: no provisions found (no numbered points, articles or chapters)"),
        ("kaz.md", b"a" * (MAX_BYTES + 1), 413, "kaz.md: larger than 5 MB"),
    ],
    ids=["empty", "pdf", "docx-text", "binary", "no-provisions", "oversize"],
)  # fmt: skip
def test_a_bad_import_gets_one_line_and_a_4xx(client, name, data, status, line):
    response = client.post("/import", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == status
    assert problems(response.text) == [line]
    assert not tree(response.text).xpath('//section[@id="imported"]')


def test_imports_and_uploads_leave_the_data_folder_and_temp_as_they_were(client):
    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for sub in ("base_orders", "amendments") for p in (ROOT / sub).rglob("*")
                if p.is_file()}  # fmt: skip

    before = snapshot()
    temp_before = set(Path(tempfile.gettempdir()).glob("consolidate-serve-*"))
    client.post("/import", files={"file": ("kaz.md", (OFFICIAL / "kaz.md").read_bytes(), "text/markdown")})
    client.post("/import", files={"file": ("../base_orders/146340/kaz.xml", b"<x/>", "text/xml")})
    client.post("/order", files={"file": ("rus.txt", ORDER_RU.read_bytes(), "text/plain")})
    assert snapshot() == before
    assert set(Path(tempfile.gettempdir()).glob("consolidate-serve-*")) == temp_before


def test_the_command_line_history_says_what_the_page_says(client, capsys):
    """`consolidate history --unit EID` and the history page come from one library function."""
    assert main(["history", str(BASE), str(ORDER), "--lang", "ru", "--unit", "att_1__chp_2__point_5-1"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:3] == ["att_1__chp_2__point_5-1", "  base", "  order № 900: inserted"]
    assert printed[3].startswith("    5-1. Копия распоряжения о приостановлении расходных операций")
    page = tree(client.get("/acts/146340/ru/history", params={"unit": "att_1__chp_2__point_5-1"}).text)
    (note,) = page.xpath('//p[@class="note"]')
    assert printed[4] == f"    {text(note)}"
    assert text(note).startswith("Сноска. Глава 2 дополнена пунктом 5-1 в соответствии с приказом")
