"""What runs inside the pool's worker processes: identify a folder, consolidate one act.

Both functions are top-level and take and return plain picklable values, so the pool can
use the "spawn" start method (a fresh interpreter per worker, as on macOS and Windows).
Each act is isolated: it runs `consolidate apply` through `consolidate.cli.main`, the same
code path as the command line, with standard error captured; the program's own errors
(exit code 2, one line naming the file or unit) make the act *failed*, and any other
Python exception makes it a *bug* of that act. Neither ever reaches the batch.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
import traceback
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from consolidate.errors import ConsolidateError

try:  # not on Windows; memory is then reported as 0
    import resource
except ImportError:  # pragma: no cover
    resource = None  # type: ignore[assignment]

ERROR_PREFIX = "consolidate: error: "
STEMS = {"kk": "kaz", "ru": "rus"}


class Outcome(StrEnum):
    """How one act (or one input folder) ended."""

    OK = "ok"
    FAILED = "failed"
    """The program refused an input: its one-line error says which file, line or unit."""
    BUG = "bug"
    """A Python exception the program did not expect: a bug to report, for this act only."""


class Kind(StrEnum):
    BASE = "base"
    ORDER = "order"


@dataclass(frozen=True)
class Identity:
    """What an input folder is: a base act (its number and date) or an order (and what it amends)."""

    kind: Kind
    folder: str
    outcome: Outcome = Outcome.OK
    message: str = ""
    present: bool = True
    """False when the folder has no text in the batch's language (it is then left out)."""
    number: str = ""
    date: str = ""
    amends: tuple[str, str] | None = None


@dataclass(frozen=True)
class ActJob:
    name: str
    base: str
    orders: tuple[str, ...]
    out: str
    """The act's final output folder; the worker writes next to it and renames."""
    lang: str = "kk"


@dataclass(frozen=True)
class ActResult:
    name: str
    outcome: Outcome
    message: str = ""
    notes: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    cpu_seconds: float = 0.0
    maxrss_kb: int = 0
    """The worker process's peak resident memory so far (getrusage), for the benchmark."""
    pid: int = field(default=0)


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if resource else 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def bug_message(exc: BaseException) -> str:
    """One line for an unexpected exception: its type, message and the line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return _one_line(f"bug: {type(exc).__name__}: {exc}{where}")


def _has_text(folder: Path, kind: Kind, lang: str) -> bool:
    stem = STEMS[lang]
    suffixes = (".xml", ".json") if kind is Kind.BASE else (".json", ".txt", ".docx", ".html")
    return any((folder / f"{stem}{suffix}").is_file() for suffix in suffixes)


def identify(kind: Kind, folder: str, lang: str) -> Identity:
    """Read a base folder's act number and date, or an order folder's amended act.

    Uses the same loaders as `consolidate apply`, so a folder that cannot be read here
    could not be applied either; its error is kept for the report.
    """
    from consolidate.sources import load_amendment, load_version

    path = Path(folder)
    if not _has_text(path, kind, lang):
        return Identity(kind, folder, present=False)
    try:
        if kind is Kind.BASE:
            from consolidate.apply.tree_chain import load_tree, tree_file

            imported = tree_file(path, lang)  # an act imported by `consolidate import`
            if imported is not None:
                identity = load_tree(imported).identity
                return Identity(kind, folder, number=identity.number, date=identity.date)
            act = load_version(path, lang)
            return Identity(kind, folder, number=act.number, date=act.date)
        order = load_amendment(path, lang).order
        return Identity(
            kind, folder, number=order.number, date=order.date, amends=(order.amends.number, order.amends.date)
        )
    except ConsolidateError as exc:
        return Identity(kind, folder, Outcome.FAILED, _one_line(" ".join(exc.lines())))
    except Exception as exc:  # a bug in a loader: reported for this folder only
        return Identity(kind, folder, Outcome.BUG, bug_message(exc))


def _publish(tmp: Path, out: Path) -> None:
    """Put a finished output folder in place: the old one (if any) is moved aside first.

    The temporary folder was made private (mode 0700) by `mkdtemp`; the published one
    gets the usual permissions.
    """
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o777 & ~mask)
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        os.replace(out, old / out.name)
        os.replace(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


def _error(stderr: str) -> str:
    errors = [line[len(ERROR_PREFIX) :] for line in stderr.splitlines() if line.startswith(ERROR_PREFIX)]
    if not errors:
        return _one_line(stderr) or "failed without a message"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return errors[0] + more


def consolidate_act(job: ActJob) -> ActResult:
    """Consolidate one act: `consolidate apply BASE ORDER... -o <temporary folder>`, then rename.

    Nothing is written to the act's output folder unless the whole apply succeeded; a
    failed act leaves its previous outputs, if any, as they were.
    """
    from consolidate.cli import main

    out = Path(job.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    stderr, stdout = io.StringIO(), io.StringIO()
    start = time.process_time()

    def result(outcome: Outcome, message: str = "", files: tuple[str, ...] = ()) -> ActResult:
        notes = tuple(
            _one_line(line)
            for line in (stdout.getvalue() + stderr.getvalue()).splitlines()
            if line.strip() and not line.startswith(ERROR_PREFIX)
        )
        return ActResult(job.name, outcome, message, notes, files, time.process_time() - start, _peak_kb(), os.getpid())

    from consolidate.fileio import set_manifest

    try:
        with redirect_stderr(stderr), redirect_stdout(stdout):
            code = main(["apply", job.base, *job.orders, "-o", str(tmp), "--lang", job.lang])
        # `apply` records its set beside the temporary folder; the batch keeps its own state.
        set_manifest(tmp).unlink(missing_ok=True)
    except SystemExit as exc:  # argparse refusing the arguments the batch built
        shutil.rmtree(tmp, ignore_errors=True)
        return result(Outcome.BUG, f"bug: the batch built arguments apply refused (exit {exc.code}): "
                      f"{_one_line(stderr.getvalue())}")  # fmt: skip
    except Exception as exc:  # a bug of this act: reported, the batch goes on
        shutil.rmtree(tmp, ignore_errors=True)
        return result(Outcome.BUG, bug_message(exc))
    if code != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        return result(Outcome.FAILED, _error(stderr.getvalue()))
    files = tuple(sorted(p.name for p in tmp.iterdir()))
    _publish(tmp, out)
    return result(Outcome.OK, files=files)
