"""Comparing units (the program's JSON shape) with the golden reading of Order 192.

The golden file's vocabulary differs from the program's JSON (content `kind`s, covered
cells left out); this maps one onto the other rather than bending the program to it.
"""

from __future__ import annotations

import unicodedata

KIND_NAMES = {"chapter_heading": "chapter", "paragraph_heading": "paragraph", "row": "row"}


def fold(value):
    """NFC and whitespace folding, applied to strings and lists of strings."""
    if isinstance(value, list):
        return [fold(v) for v in value]
    return " ".join(unicodedata.normalize("NFC", value).split())


def assert_units_equal_golden(ours: list[dict], theirs: list[dict]) -> None:
    """Same units in the same order, every cell equal after folding, the same merges; a
    cell the golden leaves out must be covered by a merge from above."""
    assert [(u["type"], u["num"]) for u in ours] == [(KIND_NAMES[u["kind"]], u["num"]) for u in theirs]
    covered: dict[str, int] = {}
    for mine, gold in zip(ours, theirs, strict=True):
        if gold["kind"] != "row":
            assert fold(mine["heading"]) == fold(gold["heading"])
            if gold["kind"] == "paragraph_heading":
                assert mine["chapter"] == gold["chapter"]
            covered = {}
            continue
        assert mine["chapter"] == gold["chapter"]
        assert mine["paragraph"] == gold["paragraph"]
        assert mine.get("spans", {}) == gold.get("spans", {})
        for column, value in mine["cells"].items():
            if column in gold["cells"]:
                assert fold(value) == fold(gold["cells"][column]), (gold["num"], column)
            else:  # left out of the golden row = covered by a merge from above
                assert covered.get(column, 0) > 0, (gold["num"], column)
        covered = {c: n - 1 for c, n in covered.items() if n > 1}
        for column, span in gold.get("spans", {}).items():
            covered[column] = span - 1
