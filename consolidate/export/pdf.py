"""PDF for publishers, printed by a program the system already has.

A PDF is not drawn here: the HTML page (whose print stylesheet already lays out A4
landscape pages, repeated table headers and rows kept whole) is printed by Chromium in
headless mode, or, when Chromium is missing, the DOCX is converted by LibreOffice. Both
run in a private temporary profile with nothing reachable on the network (Chromium
resolves no host name; the page needs none, everything is inline), and are given a
time limit.

Determinism: Chromium writes the same bytes for the same page except for the
/CreationDate and /ModDate of the document information, which carry the clock. They are
replaced by the version's own date (`fixed_time`, as in the DOCX) in a string of the same
length, so the cross-reference offsets stay valid. LibreOffice's PDFs differ in more
(a document /ID made from the clock): they are dated the same way but are not promised to
be byte-identical.
"""

from __future__ import annotations

import enum
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from consolidate.errors import ConsolidateError
from consolidate.model.act import Act

CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
LIBREOFFICE_NAMES: tuple[str, ...] = ("soffice", "libreoffice")
TIME_LIMIT = 300  # seconds for one print; a 20,000-row act takes far less
PDF_DATE = re.compile(rb"/(CreationDate|ModDate)(\s*)\(D:(\d{14})([^)]*)\)")


class Printer(enum.Enum):
    """The program that prints the PDF."""

    CHROMIUM = "chromium"
    LIBREOFFICE = "libreoffice"


def find_printer() -> tuple[Printer, str]:
    """The first printer installed: Chromium, else LibreOffice; an error naming both otherwise."""
    for printer, names in ((Printer.CHROMIUM, CHROMIUM_NAMES), (Printer.LIBREOFFICE, LIBREOFFICE_NAMES)):
        for name in names:
            found = shutil.which(name)
            if found:
                return printer, found
    raise ConsolidateError(
        "--format pdf needs Chromium (chromium) or LibreOffice (soffice) and neither is installed; "
        "install one (e.g. apt-get install chromium) or leave pdf out of --format"
    )


def export_pdf(act: Act) -> bytes:
    """The version as a PDF, printed from its HTML page (Chromium) or its DOCX (LibreOffice)."""
    from consolidate.export.docx import export_docx, fixed_time
    from consolidate.export.html import export_html

    return print_pdf(lambda: export_html(act), lambda: export_docx(act), fixed_time(act).strftime("%Y%m%d%H%M%S"))


def print_pdf(html: Callable[[], bytes], docx: Callable[[], bytes], stamp: str) -> bytes:
    """A PDF printed from an HTML page by Chromium, else from a DOCX by LibreOffice (only
    the one needed is rendered), its dates set to `stamp` (14 digits) rather than the clock."""
    printer, program = find_printer()
    with tempfile.TemporaryDirectory(prefix="consolidate-pdf-") as folder:
        work = Path(folder)
        chromium = printer is Printer.CHROMIUM
        data = _chromium(program, html(), work) if chromium else _libreoffice(program, docx(), work)
    return normalize_dates(data, stamp)


def normalize_dates(pdf: bytes, stamp: str) -> bytes:
    """Replace the clock in /CreationDate and /ModDate by `stamp` (14 digits), same length."""
    assert len(stamp) == 14 and stamp.isdigit(), stamp

    def fixed(match: re.Match[bytes]) -> bytes:
        key, space, _, zone = match.groups()
        zone = b"+00'00'" if len(zone) == 7 else zone  # Chromium: +HH'mm'; LibreOffice: Z'
        return b"/" + key + space + b"(D:" + stamp.encode() + zone + b")"

    return PDF_DATE.sub(fixed, pdf)


def _run(command: list[str], program: str, work: Path) -> None:
    env = {**os.environ, "HOME": str(work)}
    try:
        result = subprocess.run(command, cwd=work, env=env, capture_output=True, timeout=TIME_LIMIT, check=False)
    except subprocess.TimeoutExpired:
        raise ConsolidateError(f"{program} did not finish printing the PDF within {TIME_LIMIT} s") from None
    if result.returncode != 0:
        last = (result.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise ConsolidateError(f"{program} failed to print the PDF (exit code {result.returncode}): {last}")


def _chromium(program: str, html: bytes, work: Path) -> bytes:
    page, out = work / "page.html", work / "page.pdf"
    page.write_bytes(html)
    command = [
        program, "--headless", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
        f"--user-data-dir={work / 'profile'}", "--disable-background-networking", "--disable-extensions",
        "--disable-sync", "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND",
        "--run-all-compositor-stages-before-draw", f"--print-to-pdf={out}", page.as_uri(),
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    _run(command, "chromium", work)
    if not out.is_file():
        raise ConsolidateError("chromium ran but wrote no PDF")
    return out.read_bytes()


def _libreoffice(program: str, docx: bytes, work: Path) -> bytes:
    source = work / "page.docx"
    source.write_bytes(docx)
    command = [
        program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
        "--convert-to", "pdf", "--outdir", str(work), str(source),
    ]  # fmt: skip
    _run(command, "soffice", work)
    out = work / "page.pdf"
    if not out.is_file():
        raise ConsolidateError("soffice ran but wrote no PDF")
    return out.read_bytes()
