"""The files a page offers for download: every format of a version, the review files,
or all of them in one ZIP whose bytes depend on the contents only. The files come from
the act's `Timeline`, whatever kind of act it is."""

from __future__ import annotations

import io
import zipfile

from consolidate.errors import InputError
from consolidate.export.review import REVIEW_FILES
from consolidate.serve.timelines import Timeline, file_names

ZIP = "zip"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP can hold: no clock in the archive

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xml": "application/xml",
    "txt": "text/plain; charset=utf-8",
    "json": "application/json",
    "zip": "application/zip",
}


def choices(line: Timeline, old: int | None) -> list[str]:
    """Every file that can be asked for, in the order the page lists them, then the ZIP."""
    return [*file_names(line.source), *(REVIEW_FILES if old is not None else ()), ZIP]


def one_file(line: Timeline, name: str, old: int | None, new: int) -> bytes:
    """One file of version `new` by name; the review files compare version `old` with it."""
    if name in file_names(line.source):
        return line.render(new, name.rsplit(".", 1)[1])
    if old is not None and name in REVIEW_FILES:
        return line.review(old, new)[name]
    raise InputError(f"no file {name[:40]!r} to download (choose one of: {', '.join(choices(line, old))})")


def all_files(line: Timeline, old: int | None, new: int) -> dict[str, bytes]:
    files = {name: line.render(new, name.rsplit(".", 1)[1]) for name in file_names(line.source)}
    if old is not None:
        files.update(line.review(old, new))
    return files


def zip_of(files: dict[str, bytes], folder: str) -> bytes:
    """A ZIP of `files` under `folder/`: sorted names, a fixed date and mode, deflated,
    so the same files always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system wrote it
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def media_type(name: str) -> str:
    return MEDIA_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
