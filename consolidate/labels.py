"""Printed words around the act's own text ("8-тарау.", "Ескерту.", column headers).

The words are data (consolidate/data/labels.toml), not code, so a publisher can correct
wording or add a language without touching the exporters. All exporters take their words
from here so that HTML, DOCX and text print the same labels.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from consolidate.errors import InputError
from consolidate.model.units import TABLE_COLUMNS

LABELS_FILE = Path(__file__).resolve().parent / "data" / "labels.toml"
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def print_date(iso: str) -> str:
    """An ISO date as the reference bank prints it in notes and lists: dd.mm.yyyy.

    Anything that is not an ISO date is printed as given rather than rejected: a label
    must never make an export fail.
    """
    match = ISO_DATE.fullmatch(iso.strip())
    if match is None:
        return iso
    year, month, day = match.groups()
    return f"{day}.{month}.{year}"


@dataclass(frozen=True)
class Labels:
    """The printed words of one language."""

    lang: str
    words: dict[str, str]
    columns: dict[str, str]
    unit_names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def unit_name(self, path: list[tuple[str, str]]) -> str:
        """A unit named as a drafter writes it, from its path of (kind, number), outermost
        first: "1-қосымшаның 5-тармағының 3) тармақшасы" / "подпункт 3) пункта 5 приложения 1".

        Forms per kind (unit_names): alone, as the container of what follows, as the
        contained one (Kazakh), or alone, contained, container (Russian order)."""
        if not path:
            return ""
        forms = [(self.unit_names.get(kind), num) for kind, num in path]
        if any(f is None for f, _ in forms):
            return " ".join(f"{kind} {num}" for kind, num in path)
        if len(forms) == 1:
            return forms[0][0][0].format(num=forms[0][1])  # type: ignore[index]
        if self.lang == "kk":
            outer = [f[1].format(num=n) for f, n in forms[:-1]]  # type: ignore[index]
            last_form, last_num = forms[-1]
            return " ".join([*outer, last_form[2].format(num=last_num)])  # type: ignore[index]
        first_form, first_num = forms[-1]
        outer = [f[1].format(num=n) for f, n in reversed(forms[:-1])]  # type: ignore[index]
        return " ".join([first_form[0].format(num=first_num), *outer])  # type: ignore[index]

    def word(self, key: str, **values: str) -> str:
        """The word `key` with its placeholders filled in."""
        return self.words[key].format(**values)

    def chapter(self, num: str, heading: str) -> str:
        """A chapter heading row as printed: "8-тарау. <heading>"."""
        return _join(self.word("chapter", num=num), heading)

    def paragraph(self, num: str, heading: str) -> str:
        """A paragraph heading row as printed: "3-параграф. <heading>"."""
        return _join(self.word("paragraph", num=num), heading)

    def row(self, num: str) -> str:
        """A row number as printed in the number column: "26-1."."""
        return self.word("row", num=num)

    def note(self, text: str) -> str:
        """A note as printed: starts with "Ескерту." (or "Сноска."), added when missing.

        Notes rendered by `apply` already carry the word; hand-made notes may not.
        """
        word = self.words["note"]
        stripped = text.strip()
        return stripped if stripped.startswith(word.rstrip(".")) else _join(word, stripped)

    def header(self, printed: dict[str, str]) -> list[str]:
        """The six column headers: the annex's own where it has them, ours otherwise."""
        return [printed.get(key) or self.columns.get(key, key) for key in TABLE_COLUMNS]


def _join(label: str, text: str) -> str:
    return f"{label} {text}".strip() if text else label


@cache
def _all_labels() -> dict[str, Labels]:
    """Every language of labels.toml, read once."""
    with LABELS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    result = {}
    for lang, table in data.items():
        columns = dict(table.get("columns", {}))
        words = {k: v for k, v in table.items() if isinstance(v, str)}
        names = table.get("unit_names", {})
        if not all(isinstance(v, list) and len(v) == 3 and all(isinstance(x, str) for x in v) for v in names.values()):
            raise InputError(f"labels.toml: [{lang}.unit_names] entries must be three strings each")
        result[lang] = Labels(
            lang=lang, words=words, columns=columns, unit_names={k: tuple(v) for k, v in names.items()}
        )
    return result


def labels_for(lang: str) -> Labels:
    """The labels of an act's language; an unknown language is an `InputError`."""
    try:
        return _all_labels()[lang]
    except KeyError:
        known = ", ".join(sorted(_all_labels()))
        raise InputError(f"no printed labels for language {lang!r} (known: {known})") from None
