"""Comparing two versions of an act: by structure first, then word by word.

`diff_versions(old, new)` gives a `VersionDiff` that every review output renders (the
change summary, the redline HTML, the tracked-changes DOCX, the comparative table);
`summary_lines` / `summary_dict` say in words what changed. See docs/diff.md.
"""

from consolidate.diff.model import KINDS, AnnexDiff, Piece, TextDiff, UnitChange, VersionDiff
from consolidate.diff.structure import diff_versions, unit_key
from consolidate.diff.summary import summary_dict, summary_lines
from consolidate.diff.words import cell_text, diff_words, tokens

__all__ = [
    "KINDS",
    "AnnexDiff",
    "Piece",
    "TextDiff",
    "UnitChange",
    "VersionDiff",
    "cell_text",
    "diff_versions",
    "diff_words",
    "summary_dict",
    "summary_lines",
    "tokens",
    "unit_key",
]
