"""The label lines of official texts (consolidate/data/structure.toml), compiled once.

Which words mark a chapter or an article, how a note begins, what an approval stamp ends
with: these are facts about how the reference bank prints acts, so they are data; this
module is their one checked loader.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from consolidate.errors import ConsolidateError
from consolidate.model.tree import Kind

CONTAINER_KEYS = {
    "section": Kind.SECTION,
    "chapter": Kind.CHAPTER,
    "paragraph": Kind.PARAGRAPH,
    "article": Kind.ARTICLE,
}
LANGS = ("kk", "ru")


@dataclass(frozen=True)
class Labels:
    """Compiled label patterns of both languages (official texts quote the other language too)."""

    containers: tuple[tuple[Kind, re.Pattern[str]], ...]
    point: re.Pattern[str]
    subpoint: re.Pattern[str]
    note: re.Pattern[str]
    editorial: re.Pattern[str]
    stamp: re.Pattern[str]
    of_act: re.Pattern[str]
    footnote_mark: re.Pattern[str]
    repealed_heading: re.Pattern[str]
    note_subjects: tuple[re.Pattern[str], ...]
    subjects: dict[str, str]


def _compile(pattern: object, num: str, where: str) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise ConsolidateError(f"structure.toml: {where} must be a string")
    try:
        return re.compile(pattern.replace("{num}", num))
    except re.error as exc:
        raise ConsolidateError(f"structure.toml: {where}: {exc}") from exc


def _either(patterns: list[re.Pattern[str]], flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags)


@cache
def labels() -> Labels:
    """Load and check structure.toml (both languages merged: a Kazakh act may quote Russian)."""
    data = tomllib.loads(resources.files("consolidate.data").joinpath("structure.toml").read_text("utf-8"))
    try:
        num = data["numbers"]["num"]
        common = data["common"]
        per_lang = [data[lang] for lang in LANGS]
        subjects = {str(k): str(v) for k, v in data["subjects"].items()}
    except KeyError as exc:
        raise ConsolidateError(f"structure.toml: missing table or key {exc}") from None
    containers = []
    for key, kind in CONTAINER_KEYS.items():
        for lang, table in zip(LANGS, per_lang, strict=True):
            containers.append((kind, _compile(table.get(key), num, f"[{lang}].{key}")))

    def both(key: str, flags: int = 0) -> re.Pattern[str]:
        compiled = [_compile(t.get(key), num, f"[{lang}].{key}") for lang, t in zip(LANGS, per_lang, strict=True)]
        return _either(compiled, flags)

    known = {kind.value for kind in Kind} | {"att"}
    if not set(subjects.values()) <= known:
        raise ConsolidateError(f"structure.toml: [subjects] names unknown kinds {set(subjects.values()) - known}")
    return Labels(
        containers=tuple(containers),
        point=_compile(common.get("point"), num, "[common].point"),
        subpoint=_compile(common.get("subpoint"), num, "[common].subpoint"),
        note=both("note"),
        editorial=both("editorial"),
        stamp=both("stamp", re.MULTILINE | re.IGNORECASE),  # any line of a stamp may end with its word
        of_act=both("of_act", re.IGNORECASE),
        footnote_mark=_compile(common.get("footnote_mark"), num, "[common].footnote_mark"),
        repealed_heading=_compile(common.get("repealed_heading"), num, "[common].repealed_heading"),
        note_subjects=tuple(
            _compile(t.get("note_subject"), num, f"[{lang}].note_subject")
            for lang, t in zip(LANGS, per_lang, strict=True)
        ),
        subjects=subjects,
    )
