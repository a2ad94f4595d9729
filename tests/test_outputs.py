"""Outputs (issue 12): an input is never overwritten, an output set is never mixed or
half-written, and every output-side failure is one line and exit 2.

`apply`, `diff -o` and `parse -o` check the target before reading anything: it may not
be, hold or lie inside an input, and must be a regular folder (`apply`, `diff`) or a
regular file (`parse`). A set is built in a staging folder beside the target and swapped
in; an interrupted run's leftovers are removed by the next run.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from consolidate import fileio
from consolidate.cli import main
from tests.conftest import BASE_550, ROOT, SEED

ORDER_192 = ROOT / "amendments" / "192"


def run(args: list[object], capsys) -> tuple[int, list[str]]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err.strip().splitlines()


def digest(path: Path) -> str:
    """A hash of a file, or of every file of a folder with its relative name."""
    h = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        h.update(str(file.relative_to(path.parent)).encode() + b"\0" + file.read_bytes())
    return h.hexdigest()


@pytest.fixture
def inputs(tmp_path):
    """Copies of the base folder and the order folder, to try to overwrite."""
    base = tmp_path / "base_orders" / "550"
    order = tmp_path / "amendments" / "192"
    shutil.copytree(BASE_550, base)
    shutil.copytree(ORDER_192, order)
    return base, order


def assert_refused(code: int, lines: list[str], *fragments: str) -> None:
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith("consolidate: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def dead_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


# --- an output that is or touches an input -------------------------------------------------


@pytest.mark.parametrize("which", ["base", "order", "inside base", "inside order", "parent"])
def test_apply_never_writes_over_or_into_an_input(tmp_path, capsys, inputs, which):
    base, order = inputs
    before = digest(base), digest(order)
    target = {
        "base": base,
        "order": order,
        "inside base": base / "out",
        "inside order": order / "out",
        "parent": tmp_path / "amendments",
    }[which]
    code, lines = run(["apply", base, order, "-o", target], capsys)
    expected = {"base": "is an input", "order": "is an input", "parent": "holds an input"}.get(
        which, "lies inside an input folder"
    )
    assert_refused(code, lines, str(target), expected)
    assert (digest(base), digest(order)) == before
    assert not (base / "out").exists() and not (order / "out").exists()


def test_apply_refuses_a_folder_that_holds_the_base_file(tmp_path, capsys, inputs):
    base, _ = inputs
    code, lines = run(["apply", base / "kaz.xml", "-o", base], capsys)
    assert_refused(code, lines, "holds an input")


def test_parse_never_writes_over_its_source(tmp_path, capsys):
    source = tmp_path / "kaz.txt"
    shutil.copy(SEED, source)
    before = digest(source)
    code, lines = run(["parse", source, "-o", source], capsys)
    assert_refused(code, lines, "is an input")
    assert digest(source) == before


def test_parse_of_a_folder_may_write_its_reading_beside_the_text(tmp_path, capsys, inputs):
    """The documented way to refresh a reading: `parse amendments/192 -o amendments/192/kaz.json`."""
    _, order = inputs
    text = digest(order / "kaz.txt")
    code, lines = run(["parse", order, "-o", order / "kaz.json"], capsys)
    assert code == 0, lines
    assert digest(order / "kaz.txt") == text


def test_a_link_to_an_input_is_an_input(tmp_path, capsys):
    source = tmp_path / "kaz.txt"
    shutil.copy(SEED, source)
    (tmp_path / "link.json").symlink_to(source)
    code, lines = run(["parse", source, "-o", tmp_path / "link.json"], capsys)
    assert_refused(code, lines, "is an input")
    assert source.read_bytes() == SEED.read_bytes()


# --- an output that is not a regular file or folder --------------------------------------


def test_parse_refuses_a_fifo_a_device_a_folder_and_a_dangling_link(tmp_path, capsys):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    for target, says in ((fifo, "not a regular file"), (Path("/dev/null"), "not a regular file"),
                         (tmp_path, "is a folder"), (dangling, "link to nothing")):  # fmt: skip
        code, lines = run(["parse", SEED, "-o", target], capsys)
        assert_refused(code, lines, str(target), says)
    assert fifo.is_fifo() and dangling.is_symlink() and not (tmp_path / "nowhere").exists()


def test_apply_refuses_a_file_a_fifo_and_a_dangling_link(tmp_path, capsys):
    file = tmp_path / "file"
    file.write_text("mine")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    for target, says in ((file, "is a file"), (fifo, "not a regular folder"), (dangling, "link to nothing")):
        code, lines = run(["apply", BASE_550, "-o", target], capsys)
        assert_refused(code, lines, str(target), says)
    assert file.read_text() == "mine" and fifo.is_fifo()


def test_an_output_under_a_file_is_one_line(tmp_path, capsys):
    file = tmp_path / "file"
    file.write_text("mine")
    code, lines = run(["apply", BASE_550, "-o", file / "out"], capsys)
    assert_refused(code, lines, "(Not a directory)")
    code, lines = run(["parse", SEED, "-o", file / "out.json"], capsys)
    assert_refused(code, lines, "(Not a directory)")


# --- sets: swapped in whole, never mixed ------------------------------------------------


def test_a_rerun_replaces_the_whole_set(tmp_path, capsys):
    out = tmp_path / "out"
    assert run(["apply", BASE_550, ORDER_192, "-o", out], capsys)[0] == 0
    assert (out / "redline.html").exists()
    (out / "notes.md").write_text("a reviewer's notes")
    assert run(["apply", BASE_550, "-o", out, "--format", "txt"], capsys)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == ["kaz.txt", "notes.md"]
    assert (out / "notes.md").read_text() == "a reviewer's notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.consolidate-set", "out"]


def test_a_folder_holding_other_folders_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    (out / "550").mkdir(parents=True)
    code, lines = run(["apply", BASE_550, "-o", out], capsys)
    assert_refused(code, lines, "holds folders the tool did not write (550)")
    assert [p.name for p in out.iterdir()] == ["550"]


def test_a_full_disk_leaves_the_old_set_whole_and_nothing_beside_it(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run(["apply", BASE_550, "-o", out], capsys)[0] == 0
    before = digest(out)
    calls = []
    real = fileio._write_file

    def full(path: Path, data: bytes) -> None:
        calls.append(path.name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(fileio, "_write_file", full)
    code, lines = run(["apply", BASE_550, ORDER_192, "-o", out], capsys)
    assert_refused(code, lines, str(out), "No space left on device")
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.consolidate-set", "out"]


def test_a_parse_output_that_fails_leaves_the_old_file(tmp_path, capsys, monkeypatch):
    out = tmp_path / "reading.json"
    out.write_text("old")

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(fileio, "_write_file", full)
    code, lines = run(["parse", SEED, "-o", out], capsys)
    assert_refused(code, lines, "No space left on device")
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["reading.json"]


def test_leftovers_of_interrupted_runs_are_removed(tmp_path, capsys):
    out = tmp_path / "out"
    pid = dead_pid()
    staging = tmp_path / f".out.staging-{pid}-aaaa"
    staging.mkdir()
    (staging / "kaz.html").write_text("half")
    (tmp_path / f".out.tmp-{pid}-bbbb").write_text("half")
    running = tmp_path / f".out.staging-{os.getpid()}-cccc"  # this process is alive: not a leftover
    running.mkdir()
    assert run(["apply", BASE_550, "-o", out, "--format", "txt"], capsys)[0] == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".out.consolidate-set", running.name, "out"]


def test_an_old_set_whose_new_set_never_arrived_is_put_back(tmp_path):
    """A kill between the two renames leaves the old set beside a missing target."""
    old = tmp_path / f".out.old-{dead_pid()}-dddd"
    old.mkdir()
    (old / "kaz.txt").write_text("the old set")
    fileio.clean_leftovers(tmp_path, "out")
    assert (tmp_path / "out" / "kaz.txt").read_text() == "the old set"
    assert not old.exists()


def test_diff_output_is_a_set_too(tmp_path, capsys, inputs):
    base, order = inputs
    code, lines = run(["diff", base, order, "-o", order], capsys)
    assert_refused(code, lines, "is an input")
    out = tmp_path / "review"
    assert run(["diff", base, order, "-o", out], capsys)[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "comparative.docx", "comparative.html", "redline.docx", "redline.html"]  # fmt: skip


def test_a_killed_apply_leaves_no_mixed_set(tmp_path):
    """A run killed at any moment leaves the old set or the new one; the next run cleans up."""
    import signal
    import time

    out = tmp_path / "out"
    command = [sys.executable, "-m", "consolidate", "apply", str(BASE_550), str(ORDER_192), "-o", str(out)]
    assert subprocess.run(command[:5] + command[6:], capture_output=True).returncode == 0  # base only
    old = digest(out)
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        names = sorted(p.name for p in out.iterdir()) if out.exists() else []
        assert names in ([], sorted(["kaz.html", "kaz.docx", "kaz.xml", "kaz.txt", "kaz.json"]),
                         sorted(["kaz.html", "kaz.docx", "kaz.xml", "kaz.txt", "kaz.json", "redline.html",
                                 "redline.docx", "comparative.html", "comparative.docx"]))  # fmt: skip
        if names and "redline.html" not in names:
            assert digest(out) == old
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.consolidate-set", "out"]


def test_two_runs_writing_one_folder_at_once_leave_one_whole_set(tmp_path):
    out = tmp_path / "out"
    commands = [
        [sys.executable, "-m", "consolidate", "apply", str(BASE_550), str(ORDER_192), "-o", str(out)],
        [sys.executable, "-m", "consolidate", "apply", str(BASE_550), "-o", str(out), "--format", "txt,json"],
    ]
    processes = [subprocess.Popen(c, stderr=subprocess.PIPE) for c in commands]
    assert [p.wait() for p in processes] == [0, 0], [p.stderr.read() for p in processes if p.stderr]
    names = sorted(p.name for p in out.iterdir())
    assert names in (["kaz.json", "kaz.txt"], sorted(["kaz.html", "kaz.docx", "kaz.xml", "kaz.txt", "kaz.json",
                     "redline.html", "redline.docx", "comparative.html", "comparative.docx"]))  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.consolidate-set", "out"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "the following arguments are required: command"),
        (["apply"], "the following arguments are required: base"),
        (["parse", "x.txt", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["apply", BASE_550, "--as-of", "yesterday"], "--as-of 'yesterday' is not a date"),
    ],
)
def test_a_misused_command_line_is_one_line(capsys, args, says):
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit:
        code = exit.code
    lines = capsys.readouterr().err.strip().splitlines()
    assert_refused(code, lines, says)
