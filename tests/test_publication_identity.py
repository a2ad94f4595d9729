"""publication.toml may give an act's number and date of signing (a law's, which the bank's
copy prints only in its page header); it never overrides what the text prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consolidate.errors import InputError
from consolidate.sources import load_amendment

ROOT = Path(__file__).resolve().parent.parent
LAW = ROOT / "tests" / "corpus" / "amending" / "kzlaws-22307-rus" / "rus.md"
ORDER_192 = ROOT / "amendments" / "192"


def _folder(tmp_path: Path, text: Path, name: str, record: str) -> Path:
    folder = tmp_path / "law"
    folder.mkdir()
    shutil.copyfile(text, folder / name)
    (folder / "publication.toml").write_text(record, encoding="utf-8")
    return folder


def test_a_law_gets_its_number_and_date_from_publication_toml(tmp_path: Path) -> None:
    folder = _folder(tmp_path, LAW, "rus.md", 'number = "14"\ndate = "2004-12-21"\n')
    order = load_amendment(folder, "ru").order
    assert (order.number, order.date, order.first_publication) == ("14", "2004-12-21", None)
    assert load_amendment(LAW, "ru").order.number == ""  # the text alone does not print it


def test_a_number_that_contradicts_the_text_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ORDER_192 / "kaz.txt", "kaz.txt", 'number = "193"\n')
    with pytest.raises(InputError, match=r"number '193' differs from the number its text prints \('192'\)"):
        load_amendment(folder, "kk")


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("number = 280\n", "number must be the act's number as text"),
        ('date = "15.01.2002"\n', "not a publication record"),
        ("assumed = true\n", "not a publication record"),
    ],
)
def test_a_bad_record_is_refused(tmp_path: Path, record: str, message: str) -> None:
    folder = _folder(tmp_path, LAW, "rus.md", record)
    with pytest.raises(InputError, match=message):
        load_amendment(folder, "ru")
