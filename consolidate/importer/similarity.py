"""How faithfully an imported act gives back its source: character similarity.

similarity = 1 - (Levenshtein distance between the two texts) / (length of the longer),
computed by diff-match-patch (line mode first, so a long act costs about its length, not
its square). Both sides are compared as plain text, a line per paragraph.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch


def similarity(source: str, exported: str) -> float:
    """1.0 for identical texts, 0.0 for texts with nothing in common."""
    if source == exported:
        return 1.0
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(source, exported, True)
    return 1 - dmp.diff_levenshtein(diffs) / max(len(source), len(exported), 1)


def differences(source: str, exported: str, limit: int = 20) -> list[tuple[str, str]]:
    """The first `limit` differing stretches as ("-" or "+", text): what a reviewer reads."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(source, exported, True)
    dmp.diff_cleanupSemantic(diffs)
    return [("-" if op < 0 else "+", text) for op, text in diffs if op != 0][:limit]
