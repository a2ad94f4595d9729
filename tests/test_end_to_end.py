"""Order 550 + Order 192 end to end, as `make demo` runs it: five formats, byte-identical
across runs, each carrying the reconstruction notice, the XML valid, the DOCX readable by
LibreOffice."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from consolidate.akn.schema import validate
from consolidate.cli import main
from tests.conftest import BASE_550, NOTICE_KK, ROOT

FORMATS = ("html", "docx", "xml", "txt", "json")


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("run1") / "x", tmp_path_factory.mktemp("run2") / "x"
    for out in (first, second):
        assert main(["apply", str(BASE_550), str(ROOT / "amendments" / "192"), "-o", str(out)]) == 0
    return first, second


REVIEW = ("redline.html", "redline.docx", "comparative.html", "comparative.docx")


def test_five_formats_and_the_review_files_are_written(runs):
    first, _ = runs
    assert sorted(p.name for p in first.iterdir()) == sorted([f"kaz.{f}" for f in FORMATS] + list(REVIEW))


def test_two_runs_give_byte_identical_files(runs):
    first, second = runs
    for name in [f"kaz.{fmt}" for fmt in FORMATS] + list(REVIEW):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_every_output_says_the_base_is_reconstructed(runs):
    first, _ = runs
    for fmt in ("html", "xml", "txt"):
        assert NOTICE_KK in (first / f"kaz.{fmt}").read_text(encoding="utf-8"), fmt
        assert "Base text reconstructed" not in (first / f"kaz.{fmt}").read_text(encoding="utf-8"), fmt
    with zipfile.ZipFile(first / "kaz.docx") as docx:
        assert NOTICE_KK in docx.read("word/document.xml").decode("utf-8")
    version = json.loads((first / "kaz.json").read_text(encoding="utf-8"))
    assert version["act"]["reconstructed"] is True


def test_xml_output_is_valid_akoma_ntoso(runs):
    first, _ = runs
    assert validate((first / "kaz.xml").read_bytes()) == []


def test_notes_reach_every_format(runs):
    first, _ = runs
    note = "8-тарау жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192"
    for fmt in ("html", "xml", "txt", "json"):
        assert note in (first / f"kaz.{fmt}").read_text(encoding="utf-8"), fmt
    with zipfile.ZipFile(first / "kaz.docx") as docx:
        assert note in docx.read("word/document.xml").decode("utf-8")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_docx(runs, tmp_path):
    first, _ = runs
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(first / "kaz.docx")],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    pdf = tmp_path / "kaz.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
