"""The command line: its interfaces, and one-line errors with exit code 2 for bad input.

Every bad input leaves the output folder untouched: nothing is half-written.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from consolidate.cli import main
from tests.conftest import BASE_550, ROOT, SEED

ORDER_192 = ROOT / "amendments" / "192"


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def bad_order(tmp_path: Path, old: str, new: str) -> Path:
    """The seed with one passage changed, written as an order of its own."""
    text = SEED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "order.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("consolidate: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_parse_prints_the_operations(capsys):
    code, out, _ = run(["parse", SEED], capsys)
    assert code == 0
    data = json.loads(out)
    assert [op["op"] for op in data["operations"]] == [
        "insert", "insert", "restate", "restate", "insert", "insert",
        "restate", "insert", "restate", "insert", "restate",
    ]  # fmt: skip
    assert data["order"]["entry_into_force"] == {
        "kind": "working", "days": 10, "after": "first_publication", "date": None,
        "text": "Осы бұйрық алғашқы ресми жарияланған күнінен кейін он жұмыс күні өткен соң қолданысқа енгізіледі.",
        "exceptions": [],
    }  # fmt: skip
    assert data["source"]["file"] == "kaz.txt"


def test_shipped_reading_is_what_the_parser_makes(capsys, tmp_path):
    """amendments/192/kaz.json (used by apply) is the parser's own reading of kaz.txt."""
    out = tmp_path / "kaz.json"
    assert run(["parse", ORDER_192, "-o", out], capsys)[0] == 0
    assert out.read_bytes() == (ORDER_192 / "kaz.json").read_bytes()


def test_apply_writes_the_requested_formats(capsys, tmp_path):
    code, _, err = run(["apply", BASE_550, ORDER_192, "-o", tmp_path / "x", "--format", "json,txt,review"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == [
        "comparative.docx", "comparative.html", "kaz.json", "kaz.txt", "redline.docx", "redline.html"]  # fmt: skip
    code, _, err = run(["apply", BASE_550, ORDER_192, "-o", tmp_path / "y", "--format", "json", "--no-review"], capsys)
    assert sorted(p.name for p in (tmp_path / "y").iterdir()) == ["kaz.json"]
    version = json.loads((tmp_path / "x" / "kaz.json").read_text(encoding="utf-8"))
    assert version["act"]["applied"][0]["number"] == "192"


def test_stale_reading_is_refused(capsys, tmp_path):
    folder = tmp_path / "192"
    folder.mkdir()
    (folder / "kaz.txt").write_text(SEED.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (folder / "kaz.json").write_bytes((ORDER_192 / "kaz.json").read_bytes())
    code, _, err = run(["apply", BASE_550, folder, "-o", tmp_path / "out"], capsys)
    assert_one_line_error(code, err, "stale")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        pytest.param(
            "9-тарау мынадай мазмұндағы реттік нөмірі 55-1-жолмен",
            "99-тарау мынадай мазмұндағы реттік нөмірі 55-1-жолмен",
            ["order.txt:84 (operation 5)", "annex 2 has no chapter 99"],
            id="missing-target",
        ),
        pytest.param(
            '9-тарау мынадай мазмұндағы реттік нөмірі 55-1-жолмен толықтырылсын:\n\n"\n\n55-1.',
            '9-тарау мынадай мазмұндағы реттік нөмірі 55-жолмен толықтырылсын:\n\n"\n\n55.',
            ["order.txt:84 (operation 5)", "row 55 already exists in annex 2"],
            id="number-taken",
        ),
        pytest.param(
            "8-тарау мынадай редакцияда жазылсын:",
            "8-тарау жойылып, қайта қаралсын:",
            ["order.txt:64", "not an instruction the grammar knows"],
            id="unknown-instruction",
        ),
        pytest.param(
            "БҰЙЫРАМЫН:",
            "БҰЙЫРАМЫН:",
            [],
            id="control-valid",
        ),
    ],
)
def test_bad_orders(capsys, tmp_path, old, new, fragments):
    path = bad_order(tmp_path, old, new)
    out = tmp_path / "out"
    code, _, err = run(["apply", BASE_550, path, "-o", out, "--format", "json"], capsys)
    if not fragments:
        assert code == 0, err
        return
    assert_one_line_error(code, err, *fragments)
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Жай мәтін, бұйрық емес.".encode("utf-16"), "not an order"),
        (b"\xc3\x28 not utf-8", "not UTF-8"),
        ("Жай мәтін, бұйрық емес.\n".encode(), "not an order"),
    ],
)
def test_unreadable_order_files(capsys, tmp_path, content, fragment):
    path = tmp_path / "order.txt"
    path.write_bytes(content)
    code, _, err = run(["parse", path], capsys)
    assert_one_line_error(code, err, fragment, str(path))


def test_missing_file(capsys, tmp_path):
    code, _, err = run(["apply", BASE_550, tmp_path / "nope.txt", "-o", tmp_path / "o"], capsys)
    assert_one_line_error(code, err, "no such file")


@pytest.mark.parametrize(
    ("xml", "fragment"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'
            b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">&xxe;</akomaNtoso>',
            "DOCTYPE",
        ),
        (b"<akomaNtoso><act>", "XML"),
        (b"<html><body>not akn</body></html>", "Akoma Ntoso"),
    ],
)
def test_unsafe_or_malformed_base(capsys, tmp_path, xml, fragment):
    base = tmp_path / "base.xml"
    base.write_bytes(xml)
    code, _, err = run(["apply", base, ORDER_192, "-o", tmp_path / "o"], capsys)
    assert_one_line_error(code, err, fragment)
    assert not (tmp_path / "o").exists()


def test_unknown_format(capsys, tmp_path):
    code, _, err = run(["apply", BASE_550, "-o", tmp_path / "o", "--format", "rtf"], capsys)
    assert_one_line_error(code, err, "unknown format rtf")


def test_console_script_exit_code(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "consolidate", "parse", str(empty)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "file is empty" in result.stderr


def test_base_files_are_never_modified(capsys, tmp_path):
    before = {p: p.read_bytes() for p in sorted(BASE_550.iterdir()) if p.is_file()}
    assert run(["apply", BASE_550, ORDER_192, "-o", tmp_path / "o", "--format", "json"], capsys)[0] == 0
    assert {p: p.read_bytes() for p in sorted(BASE_550.iterdir()) if p.is_file()} == before


def test_an_order_read_back_from_its_xml_applies_like_its_text(capsys, tmp_path):
    xml = tmp_path / "192.xml"
    assert run(["parse", SEED, "--format", "xml", "-o", xml], capsys)[0] == 0
    for name, order in (("from-xml", xml), ("from-text", SEED)):
        assert run(["apply", BASE_550, order, "-o", tmp_path / name, "--format", "json"], capsys)[0] == 0
    assert (tmp_path / "from-xml" / "kaz.json").read_bytes() == (tmp_path / "from-text" / "kaz.json").read_bytes()


def test_diff_of_a_base_and_an_order_prints_what_the_order_does(capsys):
    code, out, _ = run(["diff", BASE_550, ORDER_192], capsys)
    assert code == 0
    assert out.splitlines()[-1] == (
        "Total: 3 chapters inserted, 19 rows inserted, 3 chapters restated, 3 paragraphs restated, 18 rows restated"
    )


def test_diff_of_two_version_files(capsys, tmp_path):
    for name, orders in (("old", []), ("new", [ORDER_192])):
        assert run(["apply", BASE_550, *orders, "-o", tmp_path / name, "--format", "xml", "--no-review"], capsys)[0] == 0
    code, out, _ = run(["diff", tmp_path / "old" / "kaz.xml", tmp_path / "new" / "kaz.xml", "--format", "json",
                        "-o", tmp_path / "review"], capsys)  # fmt: skip
    assert code == 0
    assert json.loads(out)["total"]
    assert sorted(p.name for p in (tmp_path / "review").iterdir()) == [
        "comparative.docx", "comparative.html", "redline.docx", "redline.html"]  # fmt: skip


# --- issue 11: what apply says and writes --------------------------------------------


def _units(path: Path) -> dict[str, dict]:
    """Units of a version's JSON by eId, without notes and history (what a reader compares)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    skip = ("notes", "changes", "spans", "continues")
    return {u["eid"]: {k: v for k, v in u.items() if k not in skip} for a in data["annexes"] for u in a["units"]}


def test_apply_says_what_it_wrote(capsys, tmp_path):
    """One line: the files, the folder, the operations of the order and the units it changed.

    The count of changed units is checked against the two versions' JSON compared here unit
    by unit, not against the diff code that prints it."""
    code, out, err = run(["apply", BASE_550, "-o", tmp_path / "before", "--format", "json"], capsys)
    assert code == 0 and out == ""
    assert err == f"consolidate: wrote 1 file to {tmp_path / 'before'} (no order applied)\n"
    code, out, err = run(["apply", BASE_550, ORDER_192, "-o", tmp_path / "after"], capsys)
    assert code == 0 and out == ""
    before, after = _units(tmp_path / "before" / "kaz.json"), _units(tmp_path / "after" / "kaz.json")
    changed = sum(1 for eid in before.keys() | after.keys() if before.get(eid) != after.get(eid))
    operations = len(json.loads((ORDER_192 / "kaz.json").read_text(encoding="utf-8"))["operations"])
    assert (changed, operations) == (46, 11)
    written = len(list((tmp_path / "after").iterdir()))
    assert written == 9
    assert err == (
        f"consolidate: wrote 9 files to {tmp_path / 'after'} (1 order, {operations} operations, {changed} units changed)\n"
    )


@pytest.mark.parametrize(
    ("formats", "files"),
    [
        ("xml", ["kaz.xml"]),
        ("redline-html", ["redline.html"]),
        ("txt,comparative-docx,redline-docx", ["comparative.docx", "kaz.txt", "redline.docx"]),
        ("comparative-html,json", ["comparative.html", "kaz.json"]),
        ("review", ["comparative.docx", "comparative.html", "redline.docx", "redline.html"]),
    ],
)
def test_format_names_every_file_written(capsys, tmp_path, formats, files):
    code, _, err = run(["apply", BASE_550, ORDER_192, "-o", tmp_path / "o", "--format", formats], capsys)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == files
    assert f"wrote {len(files)} file" in err


def test_review_formats_without_an_order(capsys, tmp_path):
    """Asked for by name, a review file without an order to compare is an error; by default it is left out."""
    code, _, err = run(["apply", BASE_550, "-o", tmp_path / "o", "--format", "html,redline-html"], capsys)
    assert_one_line_error(code, err, "need at least one order")
    assert not (tmp_path / "o").exists()
    code, _, err = run(["apply", BASE_550, "-o", tmp_path / "d"], capsys)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["kaz.docx", "kaz.html", "kaz.json", "kaz.txt", "kaz.xml"]


def test_no_review_leaves_out_named_review_formats(capsys, tmp_path):
    code, _, err = run(["apply", BASE_550, ORDER_192, "-o", tmp_path / "o", "--format", "txt,review", "--no-review"], capsys)
    assert code == 0, err
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["kaz.txt"]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        pytest.param([ORDER_192, BASE_550], [str(ORDER_192), "amending order, not a base act"], id="order-as-base"),
        pytest.param([SEED, BASE_550], [str(SEED), "amending order, not a base act"], id="order-text-as-base"),
        pytest.param([ORDER_192 / "kaz.json", ORDER_192], ["kaz.json", "amending order, not a base act"], id="reading-as-base"),
        pytest.param([BASE_550, BASE_550], [str(BASE_550), "base act (a version), not an amending order"], id="base-as-order"),
        pytest.param([BASE_550, BASE_550 / "kaz.xml"], ["kaz.xml", "not an amending order"], id="base-xml-as-order"),
        pytest.param([ROOT / "base_orders" / "551", ORDER_192], ["551", "no such file or folder (given as BASE)"], id="missing-base"),
        pytest.param([BASE_550, ROOT / "amendments" / "193"], ["193", "no such file or folder (given as ORDER)"], id="missing-order"),
    ],
)
def test_swapped_or_missing_arguments(capsys, tmp_path, args, fragments):
    for command in ("apply", "versions"):
        extra = ["-o", tmp_path / "o"] if command == "apply" else []
        code, _, err = run([command, *args, *extra], capsys)
        assert_one_line_error(code, err, *fragments)
    assert not (tmp_path / "o").exists()


def test_swapped_xml_readings_are_told_apart(capsys, tmp_path):
    """An order's AKN XML given as the base is an order, whatever its suffix says."""
    xml = tmp_path / "192.xml"
    assert run(["parse", SEED, "--format", "xml", "-o", xml], capsys)[0] == 0
    code, _, err = run(["apply", xml, ORDER_192, "-o", tmp_path / "o"], capsys)
    assert_one_line_error(code, err, "192.xml", "amending order, not a base act")


def test_version_of_the_package(capsys):
    from consolidate import __version__

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"consolidate {__version__}\n"


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    """Under a pipe (a log, CI) standard error holds the summary line and nothing else."""
    result = subprocess.run(
        [sys.executable, "-m", "consolidate", "apply", str(BASE_550), str(ORDER_192), "-o", str(tmp_path / "o")],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"consolidate: wrote 9 files to {tmp_path / 'o'} (1 order, 11 operations, 46 units changed)"
    ]
