"""Exports of one version (`Act`) to the publishing formats, all from the one model.

`render` gives the bytes of one format; `write_version` writes several formats of a
version side by side, all or nothing: every format is rendered in memory first, and files
are written (each atomically) only when all of them rendered.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from consolidate.errors import InputError
from consolidate.fileio import write_atomic
from consolidate.gcpause import collector_paused
from consolidate.model.act import Act
from consolidate.model.json_io import act_to_dict

FORMATS: tuple[str, ...] = ("html", "docx", "xml", "txt", "json")
# Formats printed by another program (consolidate/export/pdf.py): asked for by name only.
PRINTED_FORMATS: tuple[str, ...] = ("pdf",)
ALL_FORMATS: tuple[str, ...] = FORMATS + PRINTED_FORMATS


def _html(act: Act) -> bytes:
    from consolidate.export.html import export_html

    return export_html(act)


def _docx(act: Act) -> bytes:
    from consolidate.export.docx import export_docx

    return export_docx(act)


def _xml(act: Act) -> bytes:
    """Akoma Ntoso XML, written by consolidate.akn (imported here so the other formats
    work without it)."""
    from consolidate.akn.act_xml import act_to_xml

    return act_to_xml(act)


def _txt(act: Act) -> bytes:
    from consolidate.export.txt import export_txt

    return export_txt(act)


def _json(act: Act) -> bytes:
    return (json.dumps(act_to_dict(act), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _pdf(act: Act) -> bytes:
    from consolidate.export.pdf import export_pdf

    return export_pdf(act)


RENDERERS: dict[str, Callable[[Act], bytes]] = {
    "html": _html,
    "docx": _docx,
    "xml": _xml,
    "txt": _txt,
    "json": _json,
    "pdf": _pdf,
}


def _check(fmt: str) -> str:
    if fmt not in RENDERERS:
        raise InputError(f"unknown format {fmt!r} (expected one of: {', '.join(ALL_FORMATS)})")
    return fmt


def render(act: Act, fmt: str) -> bytes:
    """The version in format `fmt` (one of `FORMATS`).

    The cyclic garbage collector is paused while it is written (`consolidate/gcpause.py`):
    an export allocates a few short-lived objects per cell, none in a reference cycle, and
    the collector's full passes walk the whole version again and again meanwhile. Measured,
    that made the TXT export grow from 15 to 26 µs per row between 5,000 and 20,000 rows."""
    renderer = RENDERERS[_check(fmt)]
    with collector_paused():
        return renderer(act)


def write_version(
    act: Act,
    out_dir: Path,
    formats: Iterable[str],
    stem: str = "kaz",
    progress: Callable[[list[str]], Iterable[str]] = iter,
) -> list[Path]:
    """Write `out_dir/<stem>.<fmt>` for every format; returns the paths written.

    Formats are checked, then all rendered into memory, before the first file is written,
    so a failing format leaves no partial set of outputs behind. `progress` wraps the list
    of formats being rendered (the command line's progress bar).
    """
    rendered = [(out_dir / name, data) for name, data in render_version(act, formats, stem, progress).items()]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]


def render_version(
    act: Act, formats: Iterable[str], stem: str = "kaz", progress: Callable[[list[str]], Iterable[str]] = iter
) -> dict[str, bytes]:
    """`<stem>.<fmt>` -> bytes for every format, all rendered in memory (see `fileio.write_set`);
    `progress` wraps the list of formats being rendered (the command line's progress bar)."""
    wanted = list(dict.fromkeys(_check(fmt) for fmt in formats))
    return {f"{stem}.{fmt}": render(act, fmt) for fmt in progress(wanted)}


__all__ = ["ALL_FORMATS", "FORMATS", "PRINTED_FORMATS", "render", "render_version", "write_version"]
