"""`consolidate serve` for real: the command starts uvicorn in a subprocess, several
clients use it at once, and Chromium (driven by Playwright) uploads Order 192, reads the
operations off the page, opens the redline, downloads the DOCX and uploads a broken file;
then opens an imported act's version, clicks a unit and reads its history.

What the browser sees is compared with what the library gives for the same file: the
parser's operations, the structural diff's inserted and deleted pieces, the DOCX export
of the consolidated version. The browser tests are skipped only when no `chromium`
binary is installed (`.ci/run` installs Debian's); Playwright drives that binary, since
Playwright's own browser download is impossible offline.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from playwright.sync_api import sync_playwright

from consolidate.apply.chain import apply_chain, plan
from consolidate.diff.structure import diff_versions
from consolidate.export import render
from consolidate.parse.order import parse_file
from consolidate.sources import load_amendment, load_version
from tests.conftest import BASE_550, ROOT, SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Root needs --no-sandbox; the networking flags keep Chromium from calling Google's hosts
# (refused on this closed network). Playwright adds --headless itself.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 60  # seconds for the server to answer
SCREENSHOT = ROOT / "docs" / "serve.png"
SCREENSHOT_COPY = Path("/tmp/serve.png")

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """`consolidate serve` on a free port of 127.0.0.1, stopped (its own pid) afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "consolidate", "serve", "--port", str(port), "--data", str(ROOT)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                assert response.status == 200
                break
        except (urllib.error.URLError, ConnectionError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                out = proc.communicate()[0].decode("utf-8", "replace")
                pytest.fail(f"consolidate serve did not start (exit {proc.returncode}): {out[-2000:]}")
            time.sleep(0.2)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def post_file(url: str, name: str, data: bytes) -> tuple[int, bytes]:
    """A multipart POST of one file, with the standard library only."""
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_several_users_at_once(server):
    """Six uploads at once, two of them bad: each gets its own answer, and the four good
    ones get the same page, byte for byte (no state shared between requests)."""
    seed = SEED.read_bytes()
    jobs = [("kaz.txt", seed)] * 4 + [("broken.docx", b"not a zip"), ("empty.txt", b"")]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        results = list(pool.map(lambda job: post_file(server + "/order", *job), jobs))
    statuses = [status for status, _ in results]
    assert statuses == [200, 200, 200, 200, 400, 400]
    good = {body for status, body in results if status == 200}
    assert len(good) == 1
    assert b'<span id="operation-count">11</span>' in good.pop()
    assert b"broken.docx: not a Word file" in results[4][1]
    assert b"empty.txt: file is empty" in results[5][1]


# --- Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no chromium binary (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def consolidated():
    """Order 550 and its version after Order 192, as `consolidate apply` makes them."""
    base = load_version(BASE_550)
    versions = apply_chain(base, plan([load_amendment(ROOT / "amendments" / "192")]))
    return versions[0], versions[-1]


@pytest.fixture(scope="module")
def order_page(browser, server, tmp_path_factory):
    """The order page after uploading amendments/192/kaz.txt through the file field."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1100, "height": 720})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(server + "/order")
    page.set_input_files("input[name=file]", str(SEED))
    with page.expect_navigation() as navigation:
        page.click("#read")
    assert navigation.value.status == 200
    yield page
    context.close()


def expected_counts(diff) -> tuple[int, int]:
    pieces = [p for change in diff.changes() for text in change.texts for p in text.pieces if p.text]
    return sum(p.op == "insert" for p in pieces), sum(p.op == "delete" for p in pieces)


@needs_chromium
def test_chromium_shows_the_parsers_operations(order_page):
    amendment = parse_file(SEED)
    assert order_page.inner_text("#operation-count") == str(len(amendment.operations)) == "11"
    items = order_page.locator("li.op")
    assert items.count() == 11
    shown = [
        (items.nth(i).get_attribute("data-op"), items.nth(i).get_attribute("data-unit"),
         items.nth(i).locator(".address").inner_text())
        for i in range(items.count())
    ]  # fmt: skip
    assert [(op, unit) for op, unit, _ in shown] == [(op.op, op.unit) for op in amendment.operations]
    # Restating rows 33 and 34 of chapter 6 reads as such on the page.
    assert any("chapter 6" in where and "rows 33, 34" in where for _, _, where in shown)
    assert order_page.inner_text("#cleanup-count") == str(len(amendment.cleanups))
    assert order_page.locator("#problems").count() == 0


@needs_chromium
def test_chromium_redline_marks_equal_the_structural_diff(order_page, consolidated):
    inserted, deleted = expected_counts(diff_versions(*consolidated))
    assert inserted > 100 and deleted > 10
    frame = order_page.frame_locator("#redline-frame")
    assert frame.locator("#side ins.ins").count() == inserted
    assert frame.locator("#side del.del").count() == deleted
    # The same page opened on its own, from the preview's button.
    with order_page.context.expect_page() as opened:
        order_page.click("button[name=open][value='redline.html']")
    redline = opened.value
    redline.wait_for_load_state()
    body = redline.locator("body")
    assert (body.get_attribute("data-inserted"), body.get_attribute("data-deleted")) == (str(inserted), str(deleted))
    assert redline.locator("#side ins.ins").count() == inserted
    assert redline.locator("#side del.del").count() == deleted
    redline.close()


@needs_chromium
def test_chromium_downloads_the_docx(order_page, consolidated, tmp_path):
    with order_page.expect_download() as download:
        order_page.click("button.download[data-file='kaz.docx']")
    path = tmp_path / "kaz.docx"
    download.value.save_as(path)
    assert download.value.suggested_filename == "kaz.docx"
    assert path.read_bytes() == render(consolidated[1], "docx")
    document = docx.Document(io.BytesIO(path.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any(text.startswith("7-1-тарау.") for text in cells)  # the chapter Order 192 inserts
    assert "Аға диспетчер, аға инженер, аға инспектор" in cells  # row 33 as restated


@needs_chromium
def test_chromium_shows_the_error_of_a_broken_file(browser, server):
    page = browser.new_page()
    try:
        page.goto(server + "/order")
        page.set_input_files("input[name=file]", {"name": "broken.docx", "mimeType": "application/octet-stream",
                                                  "buffer": b"this is not a Word file"})  # fmt: skip
        with page.expect_navigation() as navigation:
            page.click("#read")
        assert navigation.value.status == 400
        problems = page.locator("#problems li.problem")
        assert problems.count() == 1
        assert problems.inner_text() == "broken.docx: not a Word file (a .docx is a ZIP package)"
        assert page.locator("#preview").count() == 0
    finally:
        page.close()


@needs_chromium
def test_chromium_opens_an_imported_act_and_the_history_of_a_unit(browser, server):
    """base_orders/146340 after amendments/900, in Russian: the version page from the
    index, a click on point 7 of the rules (repealed by Order 900), its history."""
    page = browser.new_page()
    try:
        page.goto(server + "/")
        with page.expect_navigation():
            page.click("section[data-act='146340/ru'] tr[data-version='1'] a")
        assert page.url.endswith("/acts/146340/ru/version?n=1")
        assert page.locator("section.applied li").get_attribute("data-number") == "900"
        point = page.locator("#att_1__chp_3__point_7 a.unit-link")
        assert point.inner_text().startswith("7.")
        with page.expect_navigation() as navigation:
            point.click()
        assert navigation.value.status == 200
        assert page.locator("h1").inner_text() == "7."
        changes = page.locator("ul.changes li")
        assert changes.count() == 1
        assert changes.inner_text() == "repealed by order № 900 of 01.10.2026, in force unknown"
        assert page.locator("p.note").inner_text().startswith("Сноска. Пункт 7 исключен приказом")
        wordings = page.locator("section.wording")
        assert wordings.count() == 2
        assert "7. Уполномоченный орган в сфере исполнения" in wordings.nth(0).inner_text()
        assert wordings.nth(1).locator("p.label").inner_text() == "7. (repealed)"
        # Back to the version, at the unit.
        with page.expect_navigation():
            page.click("text=back to the version")
        assert page.url.endswith("#att_1__chp_3__point_7")
    finally:
        page.close()


@needs_chromium
def test_screenshot_of_the_order_page(order_page):
    """A picture for docs/serve.md: the reading of Order 192. Written outside the project;
    CONSOLIDATE_UPDATE_SCREENSHOT=1 also replaces docs/serve.png."""
    order_page.evaluate("document.getElementById('reading').scrollIntoView()")
    png = order_page.screenshot(type="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    SCREENSHOT_COPY.write_bytes(png)
    if os.environ.get("CONSOLIDATE_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.write_bytes(png)
