"""The files a page offers for download: every format of a version, the review files,
or all of them in one ZIP whose bytes depend on the contents only."""

from __future__ import annotations

import io
import zipfile

from consolidate.errors import InputError
from consolidate.export import FORMATS, render
from consolidate.export.review import REVIEW_FILES, render_review, review_diff
from consolidate.model.act import Act
from consolidate.sources import LANG_STEMS

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


def version_names(act: Act) -> list[str]:
    """The names of the version's files: kaz.html, kaz.docx, … (rus.* for Russian)."""
    stem = LANG_STEMS.get(act.lang, act.lang)
    return [f"{stem}.{fmt}" for fmt in FORMATS]


def choices(old: Act | None, new: Act) -> list[str]:
    """Every file that can be asked for, in the order the page lists them, then the ZIP."""
    return [*version_names(new), *(REVIEW_FILES if old is not None else ()), ZIP]


def one_file(name: str, old: Act | None, new: Act) -> bytes:
    """One file by name; the review files compare `old` with `new`."""
    if name in version_names(new):
        return render(new, name.rsplit(".", 1)[1])
    if old is not None and name in REVIEW_FILES:
        return render_review(review_diff(old, new))[name]
    raise InputError(f"no file {name[:40]!r} to download (choose one of: {', '.join(choices(old, new))})")


def all_files(old: Act | None, new: Act) -> dict[str, bytes]:
    files = {name: render(new, name.rsplit(".", 1)[1]) for name in version_names(new)}
    if old is not None:
        files.update(render_review(review_diff(old, new)))
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
