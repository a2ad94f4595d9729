"""The names `apply --format` accepts, and the files each one writes.

Every file `apply` writes is named by a format: the version's own formats (`html` ->
kaz.html, …, `pdf`) and the four review files of the last order's change
(`redline-html` -> redline.html, …). Without `--format` it writes what it always wrote:
the five publishing formats, plus the four review files when an order was applied.
"""

from __future__ import annotations

from dataclasses import dataclass

from consolidate.errors import InputError
from consolidate.export import ALL_FORMATS, FORMATS

REVIEW_FORMATS: dict[str, str] = {
    "redline-html": "redline.html",
    "redline-docx": "redline.docx",
    "comparative-html": "comparative.html",
    "comparative-docx": "comparative.docx",
}
REVIEW_ALIAS = "review"  # all four review files
DEFAULT_FORMATS: tuple[str, ...] = FORMATS + tuple(REVIEW_FORMATS)


@dataclass(frozen=True)
class Selection:
    """What to write: the version's formats and the review files (by file name)."""

    version: tuple[str, ...]
    review: tuple[str, ...]
    explicit: bool  # the user named the formats (then a review file without an order is an error)


def select(text: str | None, no_review: bool = False) -> Selection:
    """The formats named by `--format` (comma-separated), or the default set."""
    if text is None:
        names = list(DEFAULT_FORMATS)
    else:
        names = []
        for name in (part.strip() for part in text.split(",")):
            if name == REVIEW_ALIAS:
                names.extend(REVIEW_FORMATS)
            elif name:
                names.append(name)
    known = (*ALL_FORMATS, *REVIEW_FORMATS, REVIEW_ALIAS)
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise InputError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(known)}")
    names = list(dict.fromkeys(names))
    review = () if no_review else tuple(REVIEW_FORMATS[n] for n in names if n in REVIEW_FORMATS)
    return Selection(tuple(n for n in names if n in ALL_FORMATS), review, explicit=text is not None)
