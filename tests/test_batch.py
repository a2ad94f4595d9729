"""`consolidate batch`: a tree of acts, one broken, consolidated in a process pool; reruns.

The tree holds the seed (base_orders/550 + amendments/192, copied as they are), a second
act made from copies of the seed with other numbers (base 551, order 193 amending it), and
a broken act (base 552, order 194 whose instruction names chapter 19, which annex 2 does
not have). Every run goes through `consolidate.cli.main`, as a user's would.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from lxml import html

from consolidate.batch.worker import ActJob, Outcome, consolidate_act
from consolidate.cli import main
from tests.conftest import ROOT

SEED_BASE = ROOT / "base_orders" / "550"
SEED_ORDER = ROOT / "amendments" / "192"
BROKEN_LINE = "9-тарау мынадай мазмұндағы реттік нөмірі 55-1-жолмен толықтырылсын:"


def copy_base(tree: Path, number: str) -> Path:
    """The seed's base under another number (the act's FRBR number and URIs)."""
    folder = tree / "base_orders" / number
    shutil.copytree(SEED_BASE, folder)
    xml = (folder / "kaz.xml").read_text(encoding="utf-8")
    xml = xml.replace("/2025-12-18/550", f"/2025-12-18/{number}")
    xml = xml.replace('FRBRnumber value="550"', f'FRBRnumber value="{number}"')
    (folder / "kaz.xml").write_text(xml, encoding="utf-8")
    return folder


def copy_order(tree: Path, number: str, amends: str, broken: bool = False) -> Path:
    """The seed order's text as order `number` amending act `amends` (no reviewed reading:
    it is parsed from the text). `broken`: one instruction names a chapter that is not there."""
    folder = tree / "amendments" / number
    folder.mkdir(parents=True)
    text = (SEED_ORDER / "kaz.txt").read_text(encoding="utf-8")
    text = text.replace("№ 550 бұйрығына", f"№ {amends} бұйрығына").replace("№ 192 бұйрығы", f"№ {number} бұйрығы")
    if broken:
        assert BROKEN_LINE in text
        text = text.replace(BROKEN_LINE, "1" + BROKEN_LINE)
    (folder / "kaz.txt").write_text(text, encoding="utf-8")
    shutil.copy(SEED_ORDER / "publication.toml", folder / "publication.toml")
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(SEED_BASE, root / "base_orders" / "550")
    shutil.copytree(SEED_ORDER, root / "amendments" / "192")
    copy_base(root, "551")
    copy_order(root, "193", amends="551")
    copy_base(root, "552")
    copy_order(root, "194", amends="552", broken=True)
    return root


def batch(tree: Path, out: Path, capsys, *extra: str) -> tuple[int, str, str, dict]:
    code = main(["batch", str(tree), "-o", str(out), "--jobs", "2", *extra])
    captured = capsys.readouterr()
    report = json.loads((out / "report.json").read_text(encoding="utf-8")) if (out / "report.json").exists() else {}
    return code, captured.out, captured.err, report


def acts(report: dict) -> dict[str, dict]:
    return {act["name"]: act for act in report["acts"]}


def mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_broken_act_is_reported_and_all_others_are_produced(tree: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code, stdout, stderr, report = batch(tree, out, capsys)

    assert code == 1
    by_name = acts(report)
    assert sorted(by_name) == ["550", "551", "552"]
    assert by_name["550"]["outcome"] == "ok" and by_name["551"]["outcome"] == "ok"
    assert by_name["550"]["orders"] == ["amendments/192"]
    assert by_name["551"]["orders"] == ["amendments/193"]
    broken = by_name["552"]
    assert broken["outcome"] == "failed"
    assert broken["orders"] == ["amendments/194"]
    assert "annex 2 has no chapter 19" in broken["error"]
    assert "order 194" in broken["error"] and "kaz.txt:84" in broken["error"]
    assert "\n" not in broken["error"]
    assert report["summary"] == {
        "acts": 3, "ok": 2, "failed": 1, "consolidated": 3, "skipped_unchanged": 0,
        "orders_unreadable": 0, "orders_left_out": 0,
    }  # fmt: skip
    assert "552" in stderr and "annex 2 has no chapter 19" in stderr
    assert "3 acts, 3 consolidated, skipped 0 unchanged, 1 failed" in stdout

    # the broken act wrote nothing; the others wrote the full set, and no temporary folder is left
    assert not (out / "552").exists()
    assert sorted(p.name for p in out.iterdir()) == [".batch-state.json", "550", "551", "report.html", "report.json"]
    expected = ["comparative.docx", "comparative.html", "kaz.docx", "kaz.html", "kaz.json", "kaz.txt", "kaz.xml",
                "redline.docx", "redline.html"]  # fmt: skip
    assert sorted(p.name for p in (out / "551").iterdir()) == expected == by_name["551"]["files"]

    # act 551 is its own act, consolidated with its own order
    version = json.loads((out / "551" / "kaz.json").read_text(encoding="utf-8"))
    assert version["act"]["number"] == "551"
    assert [(a["number"], a["date"]) for a in version["act"]["applied"]] == [("193", "2026-05-12")]


def test_batch_output_is_what_apply_writes(tree: Path, tmp_path: Path, capsys) -> None:
    """The same code path as `consolidate apply`: byte-identical files."""
    out = tmp_path / "out"
    batch(tree, out, capsys)
    assert main(["apply", str(tree / "base_orders" / "550"), str(tree / "amendments" / "192"),
                 "-o", str(tmp_path / "apply")]) == 0  # fmt: skip
    for path in sorted((tmp_path / "apply").iterdir()):
        assert (out / "550" / path.name).read_bytes() == path.read_bytes(), path.name


def test_second_run_does_nothing_and_says_so(tree: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    batch(tree, out, capsys)
    before = {act: mtimes(out / act) for act in ("550", "551")}
    first_report = (out / "report.json").read_bytes()

    code, stdout, _, report = batch(tree, out, capsys)

    assert code == 1  # the broken act is still broken
    assert "3 acts, 0 consolidated, skipped 3 unchanged, 1 failed" in stdout
    assert {a["name"]: a["this_run"] for a in report["acts"]} == dict.fromkeys(("550", "551", "552"),
                                                                                "skipped (unchanged)")  # fmt: skip
    assert acts(report)["552"]["error"] == json.loads(first_report)["acts"][2]["error"]
    assert {act: mtimes(out / act) for act in ("550", "551")} == before

    # and once more: the same report, byte for byte
    batch(tree, out, capsys)
    assert (out / "report.json").read_bytes() == json.dumps(report, ensure_ascii=False, indent=2).encode() + b"\n"


def test_changing_one_input_reruns_only_that_act(tree: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    batch(tree, out, capsys)
    kept = mtimes(out / "550")
    (tree / "amendments" / "193" / "publication.toml").write_text('first_publication = "2026-06-01"\n')

    code, stdout, _, report = batch(tree, out, capsys)

    assert "3 acts, 1 consolidated, skipped 2 unchanged" in stdout
    assert {a["name"]: a["this_run"] for a in report["acts"]} == {
        "550": "skipped (unchanged)", "551": "consolidated", "552": "skipped (unchanged)",
    }  # fmt: skip
    assert mtimes(out / "550") == kept
    version = json.loads((out / "551" / "kaz.json").read_text(encoding="utf-8"))
    assert version["act"]["applied"][0]["first_publication"] == "2026-06-01"

    # repairing the broken order re-runs that act alone, and the batch succeeds
    text = tree / "amendments" / "194" / "kaz.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("1" + BROKEN_LINE, BROKEN_LINE), encoding="utf-8")
    code, stdout, _, report = batch(tree, out, capsys)
    assert code == 0
    assert "3 acts, 1 consolidated, skipped 2 unchanged, 0 failed" in stdout
    assert acts(report)["552"]["outcome"] == "ok"
    assert (out / "552" / "kaz.html").exists()


def test_deleted_output_is_written_again(tree: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    batch(tree, out, capsys)
    shutil.rmtree(out / "551")
    (out / ".551.k3j2_x.tmp").mkdir()  # what a worker killed mid-write leaves
    (out / ".551.k3j2_x.tmp" / "kaz.html").write_text("<html>")
    _, stdout, _, _ = batch(tree, out, capsys)
    assert "1 consolidated, skipped 2 unchanged" in stdout
    assert (out / "551" / "kaz.xml").exists()
    assert sorted(p.name for p in out.iterdir()) == [".batch-state.json", "550", "551", "report.html", "report.json"]


def test_orders_left_out_and_unreadable(tree: Path, tmp_path: Path, capsys) -> None:
    """An order amending an act not in the tree is listed; an unreadable one fails the batch."""
    copy_order(tree, "300", amends="999")
    empty = tree / "amendments" / "301"
    empty.mkdir()
    (empty / "kaz.txt").write_text("\n")
    russian_only = tree / "amendments" / "302"
    russian_only.mkdir()
    (russian_only / "rus.txt").write_text("Приказ\n", encoding="utf-8")
    shutil.rmtree(tree / "base_orders" / "552")
    shutil.rmtree(tree / "amendments" / "194")
    out = tmp_path / "out"

    code, _, stderr, report = batch(tree, out, capsys)

    assert code == 1
    assert [a["outcome"] for a in report["acts"]] == ["ok", "ok"]
    problems = {o["folder"]: (o["problem"], o["message"]) for o in report["orders"]}
    assert problems["amendments/300"] == ("no act", "amends act № 999 of 2025-12-18, which is not a base of this tree")
    assert problems["amendments/301"][0] == "unreadable" and "file is empty" in problems["amendments/301"][1]
    assert problems["amendments/302"] == ("other language", "no kk text")
    assert "amendments/301" in stderr


def test_nested_trees_name_acts_by_their_folder(tree: Path, tmp_path: Path, capsys) -> None:
    top = tmp_path / "publisher"
    shutil.copytree(tree, top / "ministry-a")
    shutil.copytree(SEED_BASE, top / "ministry-b" / "base_orders" / "550")
    code, _, _, report = batch(top, tmp_path / "out", capsys)
    assert code == 1
    assert [a["name"] for a in report["acts"]] == [
        "ministry-a/550", "ministry-a/551", "ministry-a/552", "ministry-b/550",
    ]  # fmt: skip
    assert acts(report)["ministry-b/550"]["orders"] == []
    assert (tmp_path / "out" / "ministry-b" / "550" / "kaz.html").exists()


def test_report_html_lists_every_act_with_its_error(tree: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    batch(tree, out, capsys)
    page = html.fromstring((out / "report.html").read_bytes())
    rows = page.xpath("//table[@id='acts']/tbody/tr")
    assert [r.get("class") for r in rows] == ["ok", "ok", "failed"]
    assert "annex 2 has no chapter 19" in rows[2].text_content()
    assert rows[0].xpath(".//a/@href")[:2] == ["550/", "550/comparative.docx"]
    summary = page.get_element_by_id("summary")
    assert (summary.get("data-ok"), summary.get("data-failed")) == ("2", "1")


def test_an_exception_in_one_act_is_a_bug_of_that_act(tmp_path: Path, monkeypatch) -> None:
    """A Python exception inside apply is reported for the act, with where it was raised."""

    def explode(argv):
        raise KeyError("annex")

    monkeypatch.setattr("consolidate.cli.main", explode)
    result = consolidate_act(ActJob("550", str(SEED_BASE), (str(SEED_ORDER),), str(tmp_path / "550")))
    assert result.outcome is Outcome.BUG
    assert result.message.startswith("bug: KeyError: 'annex' (at test_batch.py:")
    assert list(tmp_path.iterdir()) == []  # its temporary folder is gone


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("missing", "no such folder"),
        ("empty", "no base acts found"),
        ("output-in-input", "is inside an input folder"),
    ],
)
def test_a_batch_that_cannot_run_exits_2(tree: Path, tmp_path: Path, capsys, layout: str, expected: str) -> None:
    top, out = tree, tmp_path / "out"
    if layout == "missing":
        top = tmp_path / "nothing"
    elif layout == "empty":
        top = tmp_path / "empty"
        top.mkdir()
    else:
        out = tree / "base_orders" / "550" / "out"
    code = main(["batch", str(top), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and len(err.strip().splitlines()) == 1
    assert not (out / "report.json").exists()


def test_an_act_whose_output_would_hold_another_acts_is_failed(tree: Path, tmp_path: Path, capsys) -> None:
    top = tmp_path / "publisher"
    shutil.copytree(tree, top / "north")
    copy_base(top, "553")
    (top / "base_orders" / "553").rename(top / "base_orders" / "north")
    code, _, _, report = batch(top, tmp_path / "out", capsys)
    assert code == 1
    by_name = acts(report)
    assert by_name["north"]["outcome"] == "ok"
    assert by_name["north/550"]["outcome"] == "failed"
    assert (
        by_name["north/550"]["error"]
        == "its output folder north/550/ would be inside act north's; rename one of the folders"
    )
    # act "north" has no order: the base as it is, and nothing of the nested acts inside
    assert sorted(p.name for p in (tmp_path / "out" / "north").iterdir()) == [
        "kaz.docx", "kaz.html", "kaz.json", "kaz.txt", "kaz.xml",
    ]  # fmt: skip


def _double_or_die(n: int) -> int:
    """A task for the pool test: the worker given 3 dies as a crash in C code would."""
    if n == 3:
        os._exit(7)
    return 2 * n


def test_a_dying_worker_costs_only_its_own_task() -> None:
    from consolidate.batch.pool import Pool

    with Pool(2) as pool:
        results = dict(pool.run(_double_or_die, [(n,) for n in range(1, 7)], lambda task, exc: f"died: {task[0]}"))
    assert results == {(1,): 2, (2,): 4, (3,): "died: 3", (4,): 8, (5,): 10, (6,): 12}


def test_an_imported_act_is_consolidated_like_any_other(tmp_path: Path, capsys) -> None:
    """A base written by `consolidate import` (a provision tree) and its order, in a tree."""
    top = tmp_path / "tree"
    shutil.copytree(ROOT / "base_orders" / "146340", top / "base_orders" / "146340")
    shutil.copytree(ROOT / "amendments" / "900", top / "amendments" / "900")
    out = tmp_path / "out"
    code, _, _, report = batch(top, out, capsys)
    assert code == 0
    assert acts(report)["146340"]["outcome"] == "ok"
    assert main(["apply", str(top / "base_orders" / "146340"), str(top / "amendments" / "900"), "-o", str(tmp_path / "one")]) == 0
    for name in ("kaz.txt", "kaz.xml", "redline.html", "comparative.docx"):
        assert (out / "146340" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
