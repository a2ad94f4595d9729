"""Installed like a user installs it: the wheel, in a fresh virtual environment, run from
a folder outside the checkout.

The wheel is built from a copy of the source tree (so the checkout gets no build/ folder)
without build isolation (no network: setuptools and wheel come from the test
environment). The fresh environment sees the test environment's site-packages through a
plain `.pth` line, for the dependencies only: a plain line does not run the editable
install's hook, so `consolidate` can only come from the wheel, which the test checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from consolidate import __version__
from consolidate.export import render
from consolidate.sources import load_amendment, load_version
from tests.conftest import BASE_550, ROOT


def _source_copy(target: Path) -> Path:
    """The files of the checkout that git knows or would add (tracked and not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `bin` folder of a fresh environment holding only the wheel of this checkout."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = _source_copy(tmp / "src")
    dist = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(dist), str(source)],
        check=True, capture_output=True,
    )  # fmt: skip
    wheels = list(dist.glob("consolidate-*.whl"))
    assert len(wheels) == 1, wheels
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
         str(wheels[0])],
        check=True, capture_output=True,
    )  # fmt: skip
    return env_dir / "bin"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_wheel_ships_the_templates_and_data(installed, tmp_path):
    code = (
        "import consolidate, importlib.resources as r; print(consolidate.__file__); "
        "print(sorted(p.name for p in r.files('consolidate').joinpath('templates').iterdir())); "
        "print(sorted(p.name for p in r.files('consolidate').joinpath('data').iterdir() if p.name.endswith('.toml')))"
    )
    result = _run([str(installed / "python"), "-c", code], tmp_path)
    assert result.returncode == 0, result.stderr
    where, templates, data = result.stdout.splitlines()
    assert Path(where).is_relative_to(installed.parent), f"consolidate imported from {where}, not from the wheel"
    assert eval(templates) == sorted(p.name for p in (ROOT / "templates").iterdir() if p.is_file())
    assert eval(data) == sorted(p.name for p in (ROOT / "consolidate" / "data").glob("*.toml"))


def test_help_and_version_of_the_installed_program(installed, tmp_path):
    result = _run([str(installed / "consolidate"), "--help"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "apply" in result.stdout and "parse" in result.stdout
    result = _run([str(installed / "consolidate"), "--version"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"consolidate {__version__}"


def test_demo_runs_from_outside_the_checkout(installed, tmp_path):
    """The README's demo, with the installed program: every file, and the same bytes as the checkout."""
    out = tmp_path / "out"
    result = _run([str(installed / "consolidate"), "apply", str(BASE_550), str(ROOT / "amendments" / "192"),
                   "-o", str(out)], tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "comparative.docx", "comparative.html", "kaz.docx", "kaz.html", "kaz.json", "kaz.txt", "kaz.xml",
        "redline.docx", "redline.html",
    ]  # fmt: skip
    from consolidate.apply.chain import apply_chain, plan

    versions = apply_chain(load_version(BASE_550), plan([load_amendment(ROOT / "amendments" / "192")], None))
    assert (out / "kaz.html").read_bytes() == render(versions[-1], "html")
    assert (out / "kaz.txt").read_bytes() == render(versions[-1], "txt")
