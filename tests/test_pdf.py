"""`--format pdf`: printed from the HTML page by Chromium, or from the DOCX by LibreOffice.

The PDF's text is read back with pypdf and must hold provisions of the act as Order 192
wrote them (an inserted chapter and row). Skipped only where no Chromium is installed
(.ci/run installs it).
"""

from __future__ import annotations

import re
import shutil

import pypdf
import pytest

from consolidate.apply.chain import apply_chain, plan
from consolidate.cli import main
from consolidate.export import pdf as pdf_module
from consolidate.export import render
from consolidate.sources import load_amendment, load_version
from tests.conftest import BASE_550, NOTICE_KK, ROOT

ORDER_192 = ROOT / "amendments" / "192"
CHROMIUM = next((name for name in pdf_module.CHROMIUM_NAMES if shutil.which(name)), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)")
# Provisions Order 192 brings in (amendments/192/kaz.txt, lines 17 and 88).
INSERTED_CHAPTER = "7-1-тарау. ТЖМ Тылдық қамтамасыз ету департаментінің лауазымдары бойынша"
INSERTED_ROW = "Аға байланыс шебері"


def squeeze(text: str) -> str:
    """Text without whitespace: a PDF breaks lines where the page does."""
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    return squeeze("\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


@pytest.fixture(scope="module")
def version():
    return apply_chain(load_version(BASE_550), plan([load_amendment(ORDER_192)], None))[-1]


@needs_chromium
def test_apply_writes_a_pdf_with_the_kazakh_text(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["apply", str(BASE_550), str(ORDER_192), "-o", str(out), "--format", "pdf,html"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["kaz.html", "kaz.pdf"]
    assert "wrote 2 files" in capsys.readouterr().err
    data = (out / "kaz.pdf").read_bytes()
    assert data.startswith(b"%PDF-")
    reader = pypdf.PdfReader(out / "kaz.pdf")
    assert len(reader.pages) > 10  # four annex tables, each from a new landscape page
    first = reader.pages[0].mediabox
    assert first.width > first.height  # A4 landscape, from the page's print stylesheet
    text = pdf_text(out / "kaz.pdf")
    for provision in (INSERTED_CHAPTER, INSERTED_ROW, NOTICE_KK, "05.06.2026бастапқолданыстағыредакция(күніболжамды"):
        assert squeeze(provision) in text, provision


@needs_chromium
def test_pdf_is_deterministic(version):
    """Chromium's clock (/CreationDate, /ModDate) is replaced by the version's own date."""
    first, second = render(version, "pdf"), render(version, "pdf")
    assert first == second
    assert b"/CreationDate (D:20260605000000+00'00')" in first
    assert b"/ModDate (D:20260605000000+00'00')" in first


def test_missing_printer_is_one_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf_module, "CHROMIUM_NAMES", ("no-such-chromium",))
    monkeypatch.setattr(pdf_module, "LIBREOFFICE_NAMES", ("no-such-soffice",))
    code = main(["apply", str(BASE_550), str(ORDER_192), "-o", str(tmp_path / "o"), "--format", "html,pdf"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("consolidate: error: --format pdf needs Chromium (chromium) or LibreOffice (soffice)")
    assert not (tmp_path / "o").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_when_chromium_is_missing(tmp_path, monkeypatch, version):
    monkeypatch.setattr(pdf_module, "CHROMIUM_NAMES", ("no-such-chromium",))
    path = tmp_path / "kaz.pdf"
    path.write_bytes(render(version, "pdf"))
    text = pdf_text(path)
    assert squeeze(INSERTED_CHAPTER) in text and squeeze(INSERTED_ROW) in text
    assert re.search(rb"/CreationDate\s*\(D:20260605000000", path.read_bytes())


def test_normalize_dates_keeps_the_length():
    raw = b"<< /Producer (Skia/PDF m156)\n/CreationDate (D:20261206130055+00'00')\n/ModDate (D:20261206130055+05'00')>>"
    fixed = pdf_module.normalize_dates(raw, "20260605000000")
    assert len(fixed) == len(raw)
    assert fixed == raw.replace(b"20261206130055+05'00'", b"20260605000000+00'00'").replace(
        b"20261206130055", b"20260605000000"
    )
