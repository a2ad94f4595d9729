"""`consolidate serve`: every route through Starlette's test client.

The pages are checked against what the library gives for the same input (the parser's
operations and cleanups, the export of a version), against facts of Order 192 known
from its text (11 operations, in force 05.06.2026, row 33 restated), and for what a
bad or hostile upload gets: the command line's one line, a 4xx status, escaped text,
and a data folder left as it was.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import socket
import tempfile
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from starlette.testclient import TestClient

from consolidate.cli import main
from consolidate.export import render
from consolidate.parse.order import parse_file
from consolidate.serve import app as app_module
from consolidate.serve.app import create_app
from consolidate.serve.uploads import BODY_LIMIT, MAX_BYTES, safe_name
from consolidate.sources import load_amendment, load_version
from tests.conftest import BASE_550, FIXTURES, ROOT, SEED

INPUTS = FIXTURES / "inputs"
RUSSIAN = FIXTURES / "orders" / "order-401-rus.txt"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(ROOT))


@pytest.fixture(scope="module")
def seed_page(client) -> str:
    response = client.post("/order", files={"file": ("kaz.txt", SEED.read_bytes(), "text/plain")})
    assert response.status_code == 200, response.text[:2000]
    return response.text


def tree(html: str):
    return lxml.html.fromstring(html)


def problems(html: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree(html).xpath('//li[@class="problem"]')]


def upload(client: TestClient, name: str, data: bytes, **fields: str):
    return client.post("/order", files={"file": (name, data, "application/octet-stream")}, data=fields)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for sub in ("base_orders", "amendments")
        for p in sorted((folder / sub).rglob("*"))
        if p.is_file()
    }


# --- the acts of the data folder --------------------------------------------------------


def test_index_lists_the_act_with_its_versions_and_in_force_dates(client):
    page = tree(client.get("/").text)
    (entry,) = page.xpath('//section[@data-act="550/kk"]')
    assert "№ 550" in entry.text_content()
    rows = entry.xpath(".//table[contains(@class, 'versions')]/tbody/tr")
    assert [r.get("data-version") for r in rows] == ["0", "1"]
    cells = [" ".join(td.text_content().split()) for td in rows[1].xpath("td")]
    # Order 192: signed 12.05.2026, published (assumed) 20.05.2026, in force ten working days later.
    assert cells == ["after order № 192 of 12.05.2026", "12.05.2026", "20.05.2026", "05.06.2026"]


def test_act_page_has_a_date_field_for_the_version_in_force(client):
    page = tree(client.get("/acts/550/kk").text)
    (field,) = page.xpath('//form[@action="/acts/550/kk/version"]//input[@name="as_of"]')
    assert field.get("type") == "date"


@pytest.mark.parametrize(
    ("as_of", "applied"), [("2026-06-04", []), ("2026-06-05", ["192"]), ("2030-01-01", ["192"])]
)
def test_version_as_of_a_day(client, as_of, applied):
    response = client.get("/acts/550/kk/version", params={"as_of": as_of})
    assert response.status_code == 200
    page = tree(response.text)
    assert page.xpath('//section[@class="applied"]//li/@data-number') == applied
    assert bool(page.xpath('//p[@class="version"][@data-in-force="2026-06-05"]')) == bool(applied)


def test_the_version_page_is_the_export_with_links_to_unit_histories(client):
    response = client.get("/acts/550/kk/version", params={"n": "1"})
    act = load_version(BASE_550)
    from consolidate.apply import apply_amendment

    exported = render(apply_amendment(act, load_amendment(ROOT / "amendments" / "192"), "2026-06-05"), "html")
    text = response.text
    assert 'href="/acts/550/kk/history?n=1&amp;unit=att_2__row_33"' in text
    # Take the application's additions away: what is left is the export, byte for byte.
    text = re.sub(r"<style>\s*/\* The pages of `consolidate serve`.*?</style>\n", "", text, count=1, flags=re.DOTALL)
    text = re.sub(r'\n<nav class="serve">.*?</nav>\n', "", text, count=1, flags=re.DOTALL)
    text = re.sub(r'<a class="unit-link" href="[^"]*">([^<]*)</a>', r"\1", text)
    assert text == exported.decode("utf-8")


@pytest.mark.parametrize(
    ("query", "fragment"),
    [({"as_of": "June"}, "is not a date"), ({"n": "7"}, "no version '7'"), ({"n": "-1"}, "no version")],
)
def test_a_bad_version_query_is_a_400_with_one_line(client, query, fragment):
    response = client.get("/acts/550/kk/version", params=query)
    assert response.status_code == 400
    (line,) = [e.text_content() for e in tree(response.text).xpath('//li[@class="error-line"]')]
    assert fragment in line


def test_an_unknown_act_is_refused(client):
    for url in ("/acts/551/kk", "/acts/550/ru/version", "/acts/..%2Fbase_orders/kk"):
        response = client.get(url)
        assert response.status_code in (400, 404), url
        assert "Traceback" not in response.text


@pytest.mark.parametrize("name", ["kaz.html", "kaz.docx", "kaz.xml", "kaz.txt", "kaz.json"])
def test_version_downloads_are_the_exports(client, name):
    response = client.get("/acts/550/kk/download", params={"n": "0", "file": name})
    assert response.status_code == 200
    assert response.content == render(load_version(BASE_550), name.split(".")[1])
    assert "attachment" in response.headers["content-disposition"]


def test_version_zip_is_deterministic_and_holds_every_format(client):
    first = client.get("/acts/550/kk/download", params={"n": "0", "file": "zip"}).content
    second = client.get("/acts/550/kk/download", params={"n": "0", "file": "zip"}).content
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        names = archive.namelist()
        assert names == sorted(f"550-v0/kaz.{f}" for f in ("html", "docx", "xml", "txt", "json"))
        assert archive.read("550-v0/kaz.txt") == render(load_version(BASE_550), "txt")
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_history_of_a_restated_row_shows_its_change_note_and_both_wordings(client):
    response = client.get("/acts/550/kk/history", params={"unit": "att_2__row_33"})
    assert response.status_code == 200
    page = tree(response.text)
    changes = [" ".join(li.text_content().split()) for li in page.xpath('//ul[@class="changes"]/li')]
    assert changes == ["restated by order № 192 of 12.05.2026, in force 05.06.2026"]
    (note,) = page.xpath('//p[@class="note"]')
    assert "Реттік нөмірі 33-жол жаңа редакцияда" in note.text_content()
    wordings = page.xpath('//section[@class="wording"]')
    assert [w.get("data-version") for w in wordings] == ["0", "1"]
    assert "Аға инженер, аға инспектор" in wordings[0].text_content()
    assert "Аға диспетчер, аға инженер, аға инспектор" in wordings[1].text_content()


def test_history_in_the_base_version_and_of_an_unknown_unit(client):
    page = tree(client.get("/acts/550/kk/history", params={"unit": "att_2__row_33", "n": "0"}).text)
    assert page.xpath('//p[@class="unchanged"]')
    # Chapter 7-1 of annex 1 is inserted by Order 192: not in the base.
    response = client.get("/acts/550/kk/history", params={"unit": "att_1__chp_7-1", "n": "0"})
    assert response.status_code == 400
    assert "no unit 'att_1__chp_7-1'" in tree(response.text).xpath('string(//li[@class="error-line"])')
    inserted = tree(client.get("/acts/550/kk/history", params={"unit": "att_1__chp_7-1"}).text)
    versions = [(w.get("data-version"), "not in this version" in w.text_content())
                for w in inserted.xpath('//section[@class="wording"]')]  # fmt: skip
    assert versions == [("0", True), ("1", False)]


# --- an uploaded order --------------------------------------------------------------------


def test_order_form(client):
    page = tree(client.get("/order").text)
    assert page.xpath('//form[@enctype="multipart/form-data"]//input[@type="file"][@name="file"]')
    # The imported act 146340 (kk and ru) comes first: folders are listed by name.
    assert page.xpath('//select[@name="act"]/option/@value') == ["auto", "146340/kk", "146340/ru", "550/kk"]


def test_the_reading_lists_the_parsers_operations(seed_page):
    amendment = parse_file(SEED)
    page = tree(seed_page)
    assert page.xpath('string(//*[@id="operation-count"])') == "11" == str(len(amendment.operations))
    shown = [(li.get("data-op"), li.get("data-unit"), li.get("data-line")) for li in page.xpath('//li[@class="op"]')]
    assert shown == [(op.op, op.unit, str(op.source.line)) for op in amendment.operations]
    # The quoted rows of each operation are printed as a table, row by row.
    for li, op in zip(page.xpath('//li[@class="op"]'), amendment.operations, strict=True):
        rows = li.xpath(".//table[@class='content']//tr[@class='row']/@data-num")
        assert rows == [u.num for u in op.content if u.type == "row"]
    assert problems(seed_page) == []


def test_the_reading_marks_every_cleanup_on_the_source(seed_page):
    amendment = parse_file(SEED)
    page = tree(seed_page)
    assert page.xpath('string(//*[@id="cleanup-count"])') == str(len(amendment.cleanups)) == "85"
    marks = page.xpath('//pre[@class="source"]//mark[@class="cleanup"]/@data-kind')
    listed = page.xpath('//pre[@class="source"]//span[@class="unplaced"]/@data-kind')
    assert sorted(marks + listed) == sorted(c.kind for c in amendment.cleanups)
    # Every line of the source is there, numbered.
    assert len(page.xpath('//pre[@class="source"]/span[starts-with(@id, "L")]')) == len(
        SEED.read_text(encoding="utf-8").split("\n")
    )


def test_the_preview_has_the_version_redline_comparative_and_downloads(seed_page):
    page = tree(seed_page)
    frames = {f.get("id"): f.get("srcdoc") for f in page.xpath("//iframe")}
    assert set(frames) == {"version-frame", "redline-frame", "comparative-frame"}
    assert all(f is not None for f in page.xpath("//iframe/@sandbox"))
    redline = lxml.html.fromstring(frames["redline-frame"].encode("utf-8"))
    assert int(redline.body.get("data-inserted")) > 100
    assert redline.xpath('//section[@id="side"]')
    version = lxml.html.fromstring(frames["version-frame"].encode("utf-8"))
    assert version.xpath('//section[@class="applied"]//li/@data-number') == ["192"]
    files = page.xpath('//form[@class="downloads"]//button[@name="file"]/@value')
    assert files == ["kaz.html", "kaz.docx", "kaz.xml", "kaz.txt", "kaz.json", "redline.html", "redline.docx",
                     "comparative.html", "comparative.docx", "zip"]  # fmt: skip
    # Order 192 of the upload replaces the data folder's 192 and keeps its publication date.
    assert "in force from 05.06.2026" in page.xpath('string(//section[@id="preview"]/h2)')


@pytest.mark.parametrize("name", ["order-192-kaz.docx", "order-192-kaz.html"])
def test_a_word_or_html_order_reads_like_its_text(client, name):
    response = upload(client, name, (INPUTS / name).read_bytes())
    assert response.status_code == 200, problems(response.text)
    ops = [(li.get("data-op"), li.get("data-unit")) for li in tree(response.text).xpath('//li[@class="op"]')]
    assert ops == [(op.op, op.unit) for op in parse_file(SEED).operations]


def test_pasted_text_reads_like_the_file(client):
    response = client.post("/order", data={"text": SEED.read_text(encoding="utf-8")})
    assert response.status_code == 200
    assert tree(response.text).xpath('string(//*[@id="operation-count"])') == "11"
    assert "Reading of pasted.txt" in response.text


def _form_of(page: str) -> dict[str, str]:
    form = tree(page).xpath('//form[@class="downloads"]')[0]
    return {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}


def test_preview_downloads_are_the_exports_and_the_zip_is_deterministic(client, seed_page):
    fields = _form_of(seed_page)
    response = client.post("/order/file", data={**fields, "file": "kaz.docx"})
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert any("26-1." in cell.text for table in document.tables for row in table.rows for cell in row.cells)
    first = client.post("/order/file", data={**fields, "file": "zip"}).content
    assert first == client.post("/order/file", data={**fields, "file": "zip"}).content
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert len(archive.namelist()) == 9
        assert archive.read("550-192/kaz.docx")[:2] == b"PK"
    opened = client.post("/order/file", data={**fields, "open": "redline.html"})
    assert opened.headers["content-disposition"].startswith("inline")
    assert tree(opened.text).body.get("data-inserted")


def test_a_tampered_download_form_is_refused(client, seed_page):
    fields = _form_of(seed_page)
    response = client.post("/order/file", data={**fields, "payload": "not base64!", "file": "kaz.txt"})
    assert response.status_code == 400 and "damaged" in response.text
    response = client.post("/order/file", data={**fields, "file": "../../etc/passwd"})
    assert response.status_code == 400 and "no file" in response.text


# --- bad uploads -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "status", "fragment"),
    [
        ("kaz.txt", b"", 400, "kaz.txt: file is empty"),
        ("kaz.txt", b"  \n\n", 400, "kaz.txt: file is empty"),
        ("kaz.txt", b"\x00\x01\x02binary\x00" * 50, 400, "kaz.txt: binary file, expected UTF-8 text"),
        ("kaz.txt", "Приказ".encode("cp1251") * 10, 400, "kaz.txt: not UTF-8 text"),
        ("kaz.pdf", b"%PDF-1.7 ...", 400, "kaz.pdf: an amending order must be a .txt, .docx or .html file"),
        ("kaz.txt", b"%PDF-1.7 ...", 400, "kaz.txt: a PDF file"),
        ("kaz.exe", b"MZ\x90\x00", 400, "must be a .txt, .docx or .html file"),
        ("kaz.docx", "БҰЙЫРАМЫН:".encode(), 400, "kaz.docx: not a Word file"),
        ("kaz.txt", b"PK\x03\x04" + b"\x00" * 40, 400, "kaz.txt: a ZIP package"),
        ("kaz.docx", b"PK\x03\x04" + b"\x00" * 40, 400, "kaz.docx"),
        ("kaz.html", b"<!DOCTYPE html [<!ENTITY x 'y'>]><p>&x;</p>", 400, "kaz.html"),
        ("kaz.txt", "Бұл бұйрық емес.".encode(), 422, "kaz.txt: no enacting words"),
    ],
    ids=["empty", "blank", "binary", "cp1251", "pdf-name", "pdf-content", "exe", "docx-text", "txt-zip",
         "docx-broken", "html-entity", "not-an-order"],
)  # fmt: skip
def test_a_bad_upload_gets_the_cli_message_and_a_4xx(client, name, data, status, fragment):
    response = upload(client, name, data)
    assert response.status_code == status
    found = problems(response.text)
    assert found and fragment in found[0], found
    assert "Traceback" not in response.text
    assert not tree(response.text).xpath('//section[@id="preview"]')


def test_an_oversize_upload_is_refused_with_413(client):
    big = b"a" * (MAX_BYTES + 1)
    response = upload(client, "kaz.txt", big)
    assert response.status_code == 413
    assert "kaz.txt: larger than 5 MB" in problems(response.text)[0]
    huge = b"a" * (BODY_LIMIT + 1)
    response = upload(client, "kaz.txt", huge)
    assert response.status_code == 413
    assert "larger than" in problems(response.text)[0]


def test_an_oversize_body_is_refused_while_it_is_read(client):
    """A body that says nothing of its length (chunked) is counted as it arrives."""

    def chunks():
        piece = b"x" * 65536
        for _ in range(BODY_LIMIT // len(piece) + 2):
            yield piece

    response = client.post("/order", content=chunks(),
                           headers={"content-type": "multipart/form-data; boundary=zz"})  # fmt: skip
    assert response.status_code == 413


def test_nothing_given_is_a_400(client):
    response = client.post("/order", data={"text": "   "})
    assert response.status_code == 400
    assert "no order given" in problems(response.text)[0]


def test_an_order_in_the_other_language_is_refused_with_the_cli_message(client):
    response = upload(client, "order-401-rus.txt", RUSSIAN.read_bytes())
    assert response.status_code == 422
    (line,) = problems(response.text)
    assert "order 301: the order is the Russian text and the base the Kazakh one" in line
    # The reading itself is shown: the order was read, it cannot be applied here.
    assert tree(response.text).xpath('string(//*[@id="operation-count"])') == "3"
    assert tree(response.text).xpath('//section[@id="problems"]/@data-stage') == ["apply"]


def test_a_kazakh_order_read_as_russian_is_not_understood(client):
    response = upload(client, "kaz.txt", SEED.read_bytes(), lang="ru")
    assert response.status_code == 422
    assert "no enacting words" in problems(response.text)[0]


def test_every_sentence_not_understood_is_listed_with_its_line_and_hint(client):
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("мынадай мазмұндағы 7-1-тараумен толықтырылсын:", "7-1-тарау жақсартылсын:", 1)
    text = text.replace("мынадай мазмұндағы 2-1-тараумен толықтырылсын:", "2-1-тарау жақсартылсын:", 1)
    response = upload(client, "kaz.txt", text.encode())
    assert response.status_code == 422
    items = tree(response.text).xpath('//li[@class="problem"]')
    assert [li.get("data-line") for li in items] == ["13", "33"]
    assert all("expected an instruction ending in" in li.text_content() for li in items)  # the grammar's hint


def test_a_hostile_name_and_text_are_shown_as_text(client):
    text = SEED.read_text(encoding="utf-8").replace(
        "мынадай мазмұндағы 7-1-тараумен толықтырылсын:", '<script>alert("x")</script> <b>тарауы</b> жақсартылсын:', 1
    )
    response = upload(client, '"><img src=x onerror=alert(1)>.txt', text.encode())
    assert response.status_code == 422
    assert "<script" not in response.text and "<img" not in response.text and "<b>" not in response.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in response.text
    (line,) = problems(response.text)
    assert '<script>alert("x")</script> <b>тарауы</b> жақсартылсын:' in line  # shown as the text it is
    assert line.startswith("line 13: ") and "img_src_x_onerror_alert_1.txt:13: not an instruction" in line


@pytest.mark.parametrize(
    ("raw", "safe"),
    [("../../etc/passwd", "passwd"), ("..\\..\\win.ini", "win.ini"), (".hidden.txt", "hidden.txt"),
     ("", "order"), ("бұйрық №192 (жаңа).docx", "бұйрық_192_жаңа.docx"), ("a" * 200 + ".txt", "a" * 72 + ".txt")],
)  # fmt: skip
def test_safe_names(raw, safe):
    assert safe_name(raw) == safe


def test_uploads_never_touch_the_data_folder_and_leave_no_temp_files(client):
    before = snapshot(ROOT)
    temp_before = set(Path(tempfile.gettempdir()).glob("consolidate-serve-*"))
    upload(client, "kaz.txt", SEED.read_bytes())
    upload(client, "kaz.txt", b"\x00")
    upload(client, "../base_orders/550/kaz.xml", b"<x/>")
    upload(client, "kaz.txt", SEED.read_bytes().replace(b"7-1", b"7-1-1", 1))
    assert snapshot(ROOT) == before
    assert set(Path(tempfile.gettempdir()).glob("consolidate-serve-*")) == temp_before


# --- headers, errors, the command -----------------------------------------------------------


def test_every_response_forbids_outside_resources_and_scripts(client):
    for response in (client.get("/"), client.get("/order"), client.get("/nowhere"), upload(client, "a.txt", b"")):
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_an_internal_failure_is_a_short_500_page(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(app_module, "render", broken)
    response = TestClient(create_app(ROOT), raise_server_exceptions=False).get("/acts/550/kk/version")
    assert response.status_code == 500
    assert "secret detail" not in response.text and "Traceback" not in response.text
    assert "Internal error" in response.text


def test_a_broken_base_is_reported_on_the_index_not_a_500(tmp_path):
    (tmp_path / "base_orders" / "550").mkdir(parents=True)
    (tmp_path / "base_orders" / "550" / "kaz.xml").write_text("<not-akn/>", encoding="utf-8")
    response = TestClient(create_app(tmp_path)).get("/")
    assert response.status_code == 200
    assert tree(response.text).xpath('//section[@data-act="550/kk"]//p[contains(@class, "errors")]')


def test_serve_refuses_a_folder_without_base_orders_and_a_port_in_use(tmp_path, capsys):
    assert main(["serve", "--data", str(tmp_path / "missing")]) == 2
    assert main(["serve", "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"consolidate: error: {tmp_path / 'missing'}: no such folder",
        f"consolidate: error: {tmp_path}: no base_orders/ folder (give --data DIR holding base_orders/ and amendments/)",
    ]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--data", str(ROOT), "--port", str(port)]) == 2
    assert capsys.readouterr().err.strip() == f"consolidate: error: cannot listen on 127.0.0.1:{port} (in use)"


def test_load_amendment_of_the_data_folder_is_the_one_shown(client):
    """The index reads the same orders as the command line (amendments/192 via kaz.json)."""
    order = load_amendment(ROOT / "amendments" / "192")
    page = tree(client.get("/acts/550/kk").text)
    assert f"№ {order.order.number}" in page.xpath("string(//table[contains(@class,'versions')]/tbody/tr[2])")


def test_a_bad_first_publication_is_a_400(client):
    response = upload(client, "kaz.txt", SEED.read_bytes(), published="20.05.2026")
    assert response.status_code == 400
    assert "first publication '20.05.2026' is not a date (YYYY-MM-DD)" in problems(response.text)[0]


def test_a_first_publication_given_in_the_form_moves_the_entry_into_force(client):
    # Published Monday 1 June 2026: ten working days later (no holiday between) is 16 June.
    response = upload(client, "kaz.txt", SEED.read_bytes(), published="2026-06-01")
    assert response.status_code == 200
    assert "in force from 16.06.2026" in tree(response.text).xpath('string(//section[@id="preview"]/h2)')


# --- a data folder of its own: two orders in time, one broken order folder ----------------------


@pytest.fixture(scope="module")
def two_orders(tmp_path_factory) -> TestClient:
    """Order 550 with Order 192 (in force 05.06.2026) and chain fixture 501 published
    03.09.2026 (ten calendar days: in force 14.09.2026), plus an order folder that does
    not read."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(BASE_550, data / "base_orders" / "550")
    shutil.copytree(ROOT / "amendments" / "192", data / "amendments" / "192")
    (data / "amendments" / "501").mkdir()
    shutil.copyfile(FIXTURES / "chain" / "order-501-kaz.txt", data / "amendments" / "501" / "kaz.txt")
    (data / "amendments" / "501" / "publication.toml").write_text('first_publication = "2026-09-03"\n')
    (data / "amendments" / "999").mkdir()
    (data / "amendments" / "999" / "kaz.txt").write_text("бұйрық емес\n", encoding="utf-8")
    return TestClient(create_app(data))


def test_the_versions_of_two_orders_and_a_broken_folder(two_orders):
    page = tree(two_orders.get("/").text)
    rows = page.xpath('//section[@data-act="550/kk"]//table/tbody/tr')
    assert [" ".join(r.xpath("string(td[4])").split()) for r in rows] == ["18.12.2025", "05.06.2026", "14.09.2026"]
    (problem,) = page.xpath('//section[@data-act="550/kk"]//p[contains(@class, "errors")]/text()')
    assert "999/kaz.txt" in problem and "no enacting words" in problem


@pytest.mark.parametrize(("as_of", "applied"), [("2026-09-13", ["192"]), ("2026-09-14", ["192", "501"])])
def test_the_second_order_is_in_force_from_its_day(two_orders, as_of, applied):
    page = tree(two_orders.get("/acts/550/kk/version", params={"as_of": as_of}).text)
    assert page.xpath('//section[@class="applied"]//li/@data-number') == applied


def test_history_of_a_row_inserted_then_restated(two_orders):
    page = tree(two_orders.get("/acts/550/kk/history", params={"unit": "att_2__row_55-1"}).text)
    changes = [" ".join(li.text_content().split()) for li in page.xpath('//ul[@class="changes"]/li')]
    assert changes == [
        "inserted by order № 192 of 12.05.2026, in force 05.06.2026",
        "restated by order № 501 of 01.09.2026, in force 14.09.2026",
    ]
    assert len(page.xpath('//p[@class="note"]')) == 2
    wordings = page.xpath('//section[@class="wording"]')
    assert [w.get("data-version") for w in wordings] == ["0", "1", "2"]
    assert "not in this version" in wordings[0].text_content()
    assert "Байланыс құралдарымен жұмыс дағдылары болуы тиіс." in wordings[2].text_content()
    assert "Байланыс құралдарымен жұмыс дағдылары болуы тиіс." not in wordings[1].text_content()
    # As of a day before 501, the row has its first wording only.
    earlier = tree(two_orders.get("/acts/550/kk/history", params={"unit": "att_2__row_55-1", "as_of": "2026-09-13"}).text)
    assert len(earlier.xpath('//ul[@class="changes"]/li')) == 1


def test_an_order_for_an_act_not_in_the_data_folder(client):
    text = SEED.read_text(encoding="utf-8").replace("№ 550 бұйрығына", "№ 551 бұйрығына")
    response = upload(client, "kaz.txt", text.encode())
    assert response.status_code == 422
    # The imported act 146340 (kk and ru) is listed too: folders are listed by name.
    assert (
        "order 192: the order amends act № 551 of 2025-12-18; the data folder has no such act "
        "(acts: 146340/kk, 146340/ru, 550/kk)"
    ) in problems(response.text)[0]
    response = upload(client, "kaz.txt", text.encode(), act="550/kk")  # chosen by hand: the engine refuses
    assert response.status_code == 422
    assert "the order amends act № 551 of 2025-12-18, not act № 550 of 2025-12-18" in problems(response.text)[0]


def test_the_lines_not_understood_are_marked_on_the_source(client):
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("мынадай мазмұндағы 7-1-тараумен толықтырылсын:", "7-1-тарау жақсартылсын:", 1)
    page = tree(upload(client, "kaz.txt", text.encode()).text)
    assert page.xpath('//pre[@class="source"]/span[@class="problem-line"]/@id') == ["L13"]
    assert page.xpath('//li[@class="problem"]/a/@href') == ["#L13"]


def test_hostile_text_in_a_quoted_cell_stays_text_in_the_preview(client):
    """Quotes, ampersands and markup in the order's table reach the preview frames as text:
    the parser strips the tags (a cleanup it reports), the rest is escaped twice, once in
    the exported page and once in the frame's srcdoc attribute."""
    text = SEED.read_text(encoding="utf-8").replace(
        "Департамент бастығы\t", "Департамент \"бастығы\" & 'x' </iframe><script>alert(1)</script>\t", 1
    )
    response = upload(client, "kaz.txt", text.encode())
    assert response.status_code == 200
    assert "<script" not in response.text and "</iframe><" not in response.text
    page = tree(response.text)
    assert "html-tag" in page.xpath('//span[@class="cleanup-kind"]/@data-kind')
    frame = lxml.html.fromstring(page.xpath('//iframe[@id="version-frame"]/@srcdoc')[0].encode("utf-8"))
    (row,) = frame.xpath('//tr[@id="att_1__row_26-1"]')
    assert row.xpath('string(td[@class="c-title"])') == "Департамент \"бастығы\" & 'x' alert(1)"
    assert not frame.xpath("//script")


def test_history_of_the_preamble_and_the_signature_of_order_550(client):
    """Order 550's preamble and signature block are units of the act: their history page
    shows their wording (the reconstruction's placeholders visible) and that Order 192 left
    them as they were."""
    for eid, words in (("preamble", "БҰЙЫРАМЫН:"), ("signature", "Төтенше жағдайлар министрі")):
        response = client.get("/acts/550/kk/history", params={"unit": eid})
        assert response.status_code == 200, response.text
        page = tree(response.text)
        assert page.xpath('//ul[@class="changes"]/li') == []
        (wording,) = page.xpath('//section[@class="wording"]')
        assert wording.get("data-version") == "0"
        assert words in wording.text_content() and "Қалпына келтірілген" in wording.text_content()
