"""The document model: an act, its annexes and their units (see DESIGN.md)."""

from consolidate.model.act import RECONSTRUCTED_NOTICE, Act, Annex, AppliedOrder, Point
from consolidate.model.numbering import expand_range, is_num, num_key
from consolidate.model.units import (
    COLUMNS,
    LIST_COLUMNS,
    Change,
    ChapterHeading,
    ParagraphHeading,
    Row,
    Unit,
    empty_value,
    unit_label,
)

__all__ = [
    "COLUMNS",
    "LIST_COLUMNS",
    "RECONSTRUCTED_NOTICE",
    "Act",
    "Annex",
    "AppliedOrder",
    "Change",
    "ChapterHeading",
    "ParagraphHeading",
    "Point",
    "Row",
    "Unit",
    "empty_value",
    "expand_range",
    "is_num",
    "num_key",
    "unit_label",
]
