"""The review outputs of a change: redline (HTML, tracked-changes DOCX) and comparative table.

They compare the version before an order with the version after it; the revisions are
signed with the order (its number and date), so a reviewer accepting or rejecting a change
in Word knows which order made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from consolidate.diff.model import VersionDiff
from consolidate.diff.structure import diff_versions
from consolidate.labels import labels_for, print_date
from consolidate.model.act import Act

REVIEW_FILES = ("redline.html", "redline.docx", "comparative.html", "comparative.docx")


def review_diff(old: Act, new: Act) -> VersionDiff:
    """The diff between two versions, authored by the last order applied to `new`."""
    author, date = "", new.date
    if new.applied and new.applied[-1] not in old.applied:
        order = new.applied[-1]
        author = labels_for(new.lang).word("revision_author", date=print_date(order.date), number=order.number)
        date = order.date
    return diff_versions(old, new, author=author, date=date)


def render_review(
    diff: VersionDiff,
    files: Iterable[str] = REVIEW_FILES,
    progress: Callable[[list[str]], Iterable[str]] = iter,
) -> dict[str, bytes]:
    """The review outputs named in `files` (default: all four), by file name, rendered in memory."""
    from consolidate.export.comparative import export_comparative_docx, export_comparative_html
    from consolidate.export.redline_docx import export_redline_docx
    from consolidate.export.redline_html import export_redline_html

    renderers: dict[str, Callable[[VersionDiff], bytes]] = {
        "redline.html": export_redline_html,
        "redline.docx": export_redline_docx,
        "comparative.html": export_comparative_html,
        "comparative.docx": export_comparative_docx,
    }
    wanted = [name for name in REVIEW_FILES if name in set(files)]
    return {name: renderers[name](diff) for name in progress(wanted)}
