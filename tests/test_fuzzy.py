"""Fuzzy decisions of `apply`: each a warning naming both sides, an error with --strict.

The order is Order 192's real text (or its reviewed reading) with one word of an annex's
name changed ("аумақтық органдары" -> "аумақтық бөлімшелері"), so that no annex title has
the same words and annex 2 is taken by similarity.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from consolidate.apply.chain import apply_chain_noting, plan
from consolidate.apply.fuzzy import FuzzyKind
from consolidate.cli import main
from consolidate.sources import load_amendment, load_version
from tests.conftest import BASE_550, ROOT, SEED

ORDER_192 = ROOT / "amendments" / "192"
SAID = (
    "Қазақстан Республикасы Төтенше жағдайлар министрлігінің облыстық (республикалық маңызы бар "
    "қалалардың және астананың) аумақтық бөлімшелері лауазымдарының санаттарына қойылатын біліктілік талаптарында"
)
TITLE = (
    "Қазақстан Республикасы Төтенше жағдайлар министрлігінің облыстық (республикалық маңызы бар "
    "қалалардың және астананың) аумақтық органдары лауазымдарының санаттарына қойылатын біліктілік талаптары"
)
TAKEN = f"the order's «{SAID}» taken as annex 2 «{TITLE}» (similarity"


def _changed(text: str) -> str:
    changed = text.replace("аумақтық органдары лауазымдарының", "аумақтық бөлімшелері лауазымдарының")
    assert changed != text
    return changed


@pytest.fixture
def reading(tmp_path: Path) -> Path:
    """The reviewed reading of Order 192, one annex named with a word changed."""
    data = json.loads((ORDER_192 / "kaz.json").read_text("utf-8"))
    for op in data["operations"]:
        if op["annex"]:
            op["annex"] = _changed(op["annex"]) if "аумақтық органдары" in op["annex"] else op["annex"]
    path = tmp_path / "order-192-renamed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def text_folder(tmp_path: Path) -> Path:
    """Order 192's text (no reading: apply reads the text), one annex named with a word changed."""
    folder = tmp_path / "192-renamed"
    folder.mkdir()
    (folder / "kaz.txt").write_text(_changed(SEED.read_text("utf-8")), "utf-8")
    shutil.copy(ORDER_192 / "publication.toml", folder / "publication.toml")
    return folder


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_chain_returns_the_guess_with_the_versions(reading):
    versions, fuzzy = apply_chain_noting(load_version(BASE_550), plan([load_amendment(reading)]))
    assert len(versions) == 2
    assert {d.kind for d in fuzzy} == {FuzzyKind.ANNEX_BY_SIMILARITY}
    assert {(d.said, d.taken) for d in fuzzy} == {(SAID, f"annex 2 «{TITLE}»")}
    # Every operation of that annex is named so: the 5 of point 1.2 of the order.
    assert len(fuzzy) == 5


def test_an_annex_taken_by_similarity_is_a_warning_naming_both(reading, tmp_path, capsys):
    code, _, err = run(["apply", BASE_550, reading, "-o", tmp_path / "out"], capsys)
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("consolidate: warning: ")]
    assert len(warnings) == 1
    assert TAKEN in warnings[0]
    assert "order 192, kaz.txt:" in warnings[0] and "and 4 more operations naming it so" in warnings[0]
    assert (tmp_path / "out" / "kaz.html").is_file()


def test_strict_refuses_it_in_one_line_and_writes_nothing(reading, tmp_path, capsys):
    code, _, err = run(["apply", BASE_550, reading, "-o", tmp_path / "out", "--strict"], capsys)
    assert code == 2
    assert len(err.splitlines()) == 1
    assert err.startswith("consolidate: error: fuzzy decisions refused (--strict): ") and TAKEN in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "command", [["diff"], ["versions"], ["history", "--unit", "2/6/33"]], ids=["diff", "versions", "history"]
)
def test_strict_in_every_chain_command(command, reading, capsys):
    code, out, err = run([command[0], BASE_550, reading, *command[1:], "--strict"], capsys)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and TAKEN in err
    code, out, err = run([command[0], BASE_550, reading, *command[1:]], capsys)
    assert code == 0 and out
    assert TAKEN in err


def test_repairs_of_a_text_read_by_apply_are_warned_too(text_folder, tmp_path, capsys):
    code, _, err = run(["apply", BASE_550, text_folder, "-o", tmp_path / "out"], capsys)
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("consolidate: warning: ")]
    assert len(warnings) == 2 and TAKEN in warnings[0]
    # The repairs are those `parse` reports, with both sides of the first ones.
    count = len(load_amendment(text_folder).cleanups)
    assert count > 0
    assert f"order 192: {count} repairs of damaged text made reading its text: kaz.txt:" in warnings[1]
    assert "letter-spacing «C - S V - 2» -> «C-SV-2»" in warnings[1]


def test_strict_refuses_the_repairs_of_a_text_read_by_apply(tmp_path, capsys):
    code, _, err = run(["apply", BASE_550, SEED, "-o", tmp_path / "out", "--strict"], capsys)
    assert code == 2 and len(err.splitlines()) == 1
    assert "repairs of damaged text made reading its text" in err
    assert not (tmp_path / "out").exists()


def test_the_reviewed_reading_of_the_seed_is_no_guess(tmp_path, capsys):
    """The folder's reading was made by `parse` (which reported the repairs) and reviewed."""
    code, _, err = run(["apply", BASE_550, ORDER_192, "-o", tmp_path / "out", "--strict"], capsys)
    assert code == 0
    assert "warning" not in err


def test_the_web_preview_shows_the_guess(text_folder):
    from consolidate.serve.app import create_app

    client = TestClient(create_app(ROOT))
    response = client.post("/order", files={"file": ("kaz.txt", (text_folder / "kaz.txt").read_bytes(), "text/plain")})
    assert response.status_code == 200
    import lxml.html

    page = lxml.html.fromstring(response.text)
    shown = [" ".join(li.text_content().split()) for li in page.xpath('//section[@id="fuzzy"]//li')]
    assert len(shown) == 1 and TAKEN in shown[0]


def test_the_batch_report_keeps_the_warnings(text_folder, tmp_path, capsys):
    tree = tmp_path / "tree"
    shutil.copytree(BASE_550, tree / "base_orders" / "550")
    shutil.copytree(text_folder, tree / "amendments" / "192")
    out = tmp_path / "out"
    code, _, _ = run(["batch", tree, "-o", out, "--jobs", "1", "--progress", "off"], capsys)
    assert code == 0
    (act,) = json.loads((out / "report.json").read_text("utf-8"))["acts"]
    assert act["outcome"] == "ok"
    warned = [note for note in act["notes"] if note.startswith("consolidate: warning: ")]
    assert len(warned) == 2 and TAKEN in warned[0] and "repairs of damaged text" in warned[1]
