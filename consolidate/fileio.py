"""Reading inputs safely (bounded in size) and writing outputs atomically.

Outputs are written to a temporary file or staging folder beside the target and renamed
into place, so a failed run never leaves a half-written file or a mixed set; inputs are
only ever read, and an output that would replace one is refused.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import secrets
import shutil
import stat
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from consolidate.errors import InputError, OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- outputs -----------------------------------------------------------------------
#
# An output is checked before anything is written: it must not be, hold or lie inside an
# input, and it must be a regular file (`parse -o`) or a regular folder (`apply -o`). A
# set of files is built in a staging folder beside the target and swapped in with two
# renames, under a lock on the parent folder, so a reader sees the old set or the new
# one, never a mix. A run killed half-way leaves a staging or old folder whose name
# carries its process id; the next run that writes beside it removes it (or puts an old
# set back if the kill came between the two renames).

def set_manifest(target: Path) -> Path:
    """Beside a set's folder, the list of the files of the set it holds (the next run
    replaces exactly those, keeping anything else a user put in the folder)."""
    return target.parent / f".{target.name}.consolidate-set"

_OWN_NAME = re.compile(r"^(?:kaz|rus|redline|comparative)\.(?:html|docx|xml|txt|json)$")
"""Names of files the tool writes into a folder; never carried over into a new set."""


def _where(path: Path) -> str:
    return str(path)


def _os_error(action: str, path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or type(exc).__name__
    return OutputError(f"cannot {action} ({reason})", where=_where(path))


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(os.path.realpath(path)))


def check_output(target: Path, inputs: Iterable[Path], kind: str) -> Path:
    """The resolved output path, after refusing what must not be written.

    `kind` is "file" or "folder". Refused: a target that is an input, holds an input or
    lies inside an input folder; a dangling link; an existing target of the other kind
    or that is not a regular file or folder (a FIFO, a device, a socket)."""
    if target.is_symlink() and not target.exists():
        raise OutputError("is a link to nothing; give a regular " + kind, where=_where(target))
    resolved = _resolved(target)
    for given in inputs:
        source = _resolved(given)
        if resolved == source:
            raise OutputError(f"is an input ({given}); inputs are never overwritten", where=_where(target))
        if source.is_relative_to(resolved):
            raise OutputError(f"holds an input ({given}); inputs are never overwritten", where=_where(target))
        if resolved.is_relative_to(source) and source.is_dir():
            raise OutputError(f"lies inside an input folder ({given})", where=_where(target))
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        return resolved
    except OSError as exc:
        raise _os_error("examine the output", target, exc) from exc
    if kind == "file" and not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device, a pipe or a socket)"
        raise OutputError(f"is {what}; give a file name", where=_where(target))
    if kind == "folder" and not stat.S_ISDIR(mode):
        what = "a file" if stat.S_ISREG(mode) else "not a regular folder (a device, a pipe or a socket)"
        raise OutputError(f"is {what}; give a folder", where=_where(target))
    return resolved


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _leftovers(parent: Path, name: str, own: bool = False) -> list[tuple[str, Path]]:
    """Staging, old-set and temporary files of `name` left by runs that are not running
    (or, with `own`, by this run)."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(staging|old|tmp)-(\d+)-")
    found = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        pid = int(match.group(2)) if match else 0
        if match and ((own and pid == os.getpid()) or (not own and not _alive(pid))):
            found.append((match.group(1), entry))
    return found


def clean_leftovers(parent: Path, name: str, own: bool = False) -> None:
    """Remove what interrupted runs left beside `parent/name`; an old set whose new set
    never arrived (killed between the two renames) is put back first."""
    target = parent / name
    for kind, entry in sorted(_leftovers(parent, name, own), key=lambda item: item[0] != "old"):
        if kind == "old" and not target.exists():
            os.rename(entry, target)
        elif entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink(missing_ok=True)


class _Lock:
    """An exclusive lock on a folder (flock on its descriptor): runs writing beside each
    other swap their sets one after the other."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd = -1

    def __enter__(self) -> _Lock:
        self.fd = os.open(self.folder, os.O_RDONLY)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def _token() -> str:
    return f"{os.getpid()}-{secrets.token_hex(4)}"


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 & ~_umask())
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write one output file via a temporary file beside it and a rename."""
    target = check_output(path, inputs, "file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _Lock(target.parent):
            clean_leftovers(target.parent, target.name)
            tmp = target.parent / f".{target.name}.tmp-{_token()}"
            try:
                _write_file(tmp, data)
                os.replace(tmp, target)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
    except OSError as exc:
        raise _os_error("write the output", path, exc) from exc


def write_set(folder: Path, files: dict[str, bytes], inputs: Iterable[Path] = ()) -> None:
    """Write a set of output files as `folder`, replacing the set it held.

    The new set is built in a staging folder beside `folder`; regular files of the old
    folder that the tool did not write (a `.gitkeep`, a note) are copied over; then the
    old folder is renamed away, the staging folder renamed into place and the old one
    removed. Subfolders the tool did not write are refused rather than moved."""
    target = check_output(folder, inputs, "folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _Lock(target.parent):
            clean_leftovers(target.parent, target.name)
            foreign = _foreign_files(target, folder)
            staging = target.parent / f".{target.name}.staging-{_token()}"
            old = target.parent / f".{target.name}.old-{_token()}"
            try:
                staging.mkdir(mode=0o777)
                for name, data in sorted(files.items()):
                    _write_file(staging / name, data)
                for entry in foreign:
                    if entry.name not in files:  # a file of the new set replaces one of the same name
                        shutil.copy2(entry, staging / entry.name, follow_symlinks=False)
                manifest = staging.parent / f".{target.name}.tmp-{_token()}"
                _write_file(manifest, "".join(f"{n}\n" for n in sorted(files)).encode())
                if target.exists():
                    os.rename(target, old)
                os.rename(staging, target)
                os.replace(manifest, set_manifest(target))
            except BaseException:
                if old.exists() and not target.exists():
                    os.rename(old, target)
                shutil.rmtree(staging, ignore_errors=True)
                clean_leftovers(target.parent, target.name, own=True)
                raise
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise _os_error("write the outputs", folder, exc) from exc


def _foreign_files(target: Path, given: Path) -> list[Path]:
    """Regular files of an existing output folder that the tool did not write."""
    if not target.exists():
        return []
    try:
        own = set(set_manifest(target).read_text("utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        own = set()
    foreign, folders = [], []
    for entry in sorted(target.iterdir()):
        if entry.name in own or _OWN_NAME.match(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            folders.append(entry.name)
        elif entry.is_file() or entry.is_symlink():
            foreign.append(entry)
    if folders:
        raise OutputError(
            f"holds folders the tool did not write ({', '.join(folders[:3])}); give a new or empty folder",
            where=_where(given),
        )
    return foreign


def read_bytes(path: Path, limit: str = "MAX_BASE_BYTES") -> bytes:
    """Read a whole input file of at most `limit` bytes (a name in consolidate.limits);
    a missing, unreadable, empty, too large or not regular file is an `InputError`."""
    from consolidate import limits

    size = getattr(limits, limit)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a folder, expected a file", where=str(path))
        if not stat.S_ISREG(mode):
            raise InputError("is not a regular file (a device, a pipe or a socket)", where=str(path))
        with open(path, "rb") as handle:
            data = handle.read(size + 1)
    except FileNotFoundError as exc:
        raise InputError("no such file", where=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or type(exc).__name__})", where=str(path)) from exc
    if len(data) > size:
        raise limits.limit_error(limit, "the file is too large", "bytes", where=str(path))
    if not data.strip():
        raise InputError("file is empty", where=str(path))
    return data


def read_text(path: Path, limit: str = "MAX_TEXT_BYTES") -> str:
    """Read a UTF-8 text file as NFC text; binary or non-UTF-8 content is an `InputError`."""
    data = read_bytes(path, limit)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data = data.decode("utf-16").encode("utf-8")  # "Unicode text" as Windows saves it
        except UnicodeError as exc:
            raise InputError(f"damaged UTF-16 text (byte {getattr(exc, 'start', '?')})", where=str(path)) from exc
    if b"\x00" in data:
        raise InputError("binary file, expected UTF-8 text", where=str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", where=str(path)) from exc
    return unicodedata.normalize("NFC", text)
