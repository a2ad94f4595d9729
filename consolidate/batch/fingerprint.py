"""Content hashes: of an input folder, and of the program that consolidates it.

A rerun skips an act only when nothing that could change its outputs changed: every file
of its base folder and of each order folder (names and bytes), the language, and the
program. The program's hash covers its version, the versions of the packages it depends
on (a new `holidays` release can move an entry-into-force date), and the bytes of its
code, data and templates, so a fix in a checkout re-runs every act even when nobody bumped
the version number.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

import consolidate
from consolidate.batch.layout import input_files

DEPENDENCIES = ("lxml", "python-docx", "diff-match-patch", "jinja2", "cobalt", "holidays")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """The hash of every file of a folder: relative names and contents, in a fixed order."""
    digest = hashlib.sha256()
    for path in input_files(folder):
        digest.update(f"{path.relative_to(folder).as_posix()}\0{file_sha256(path)}\n".encode())
    return digest.hexdigest()


def _tree_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes and "__pycache__" not in p.parts)


def _template_folders() -> list[Path]:
    """The folders the export layer loads its templates from (whatever its loader is)."""
    from consolidate.export.html import environment

    loader = environment().loader
    return [Path(p) for p in getattr(loader, "searchpath", [])]


@cache
def program_fingerprint() -> str:
    """The hash of the program: version, dependency versions, code, data and templates."""
    digest = hashlib.sha256(f"consolidate {consolidate.__version__}\n".encode())
    for name in DEPENDENCIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name} {version}\n".encode())
    package = Path(consolidate.__file__).resolve().parent
    folders = [package, *(f for f in _template_folders() if package not in f.resolve().parents)]
    for folder in folders:
        for path in _tree_files(folder, (".py", ".toml", ".j2", ".css", ".xsd", ".json")):
            digest.update(f"{path.relative_to(folder).as_posix()}\0{file_sha256(path)}\n".encode())
    return digest.hexdigest()
