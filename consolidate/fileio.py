"""Reading inputs safely and writing outputs atomically.

Outputs are written to a temporary file in the target folder and renamed into place, so a
failed run never leaves a half-written file; base files are only ever read.
"""

from __future__ import annotations

import codecs
import os
import tempfile
import unicodedata
from pathlib import Path

from consolidate.errors import InputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_bytes(path: Path) -> bytes:
    """Read a whole input file; a missing, unreadable or empty file is an `InputError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("no such file", where=str(path)) from exc
    except IsADirectoryError as exc:
        raise InputError("is a folder, expected a file", where=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", where=str(path)) from exc
    if not data.strip():
        raise InputError("file is empty", where=str(path))
    return data


def read_text(path: Path) -> str:
    """Read a UTF-8 text file as NFC text; binary or non-UTF-8 content is an `InputError`."""
    data = read_bytes(path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16").encode("utf-8")  # "Unicode text" as Windows saves it
    if b"\x00" in data:
        raise InputError("binary file, expected UTF-8 text", where=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", where=str(path)) from exc
    return unicodedata.normalize("NFC", text)
