"""The data folder the web application shows: base acts and the orders amending them.

The layout is the repository's: `base_orders/<name>/kaz.xml` (or `rus.xml`, or the
JSON of a version) and `amendments/<name>/kaz.txt` (or its reviewed reading `kaz.json`,
`.docx`, `.html`, with `publication.toml`). The folder is only ever read; every request
loads what it needs afresh (no cache, no state shared between requests), so an edit of
the folder shows on the next page and two users never see each other's work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from consolidate.errors import ConsolidateError, InputError
from consolidate.model.amendment import Amendment
from consolidate.sources import LANG_STEMS, load_amendment

ORDER_SUFFIXES = (".json", ".txt", ".docx", ".html")


class ActKind(Enum):
    """How a base act is held: Order 550's qualification tables (`model/act.py`), or a
    provision tree written by `consolidate import` (`model/tree.py`)."""

    TABLE = "table"
    TREE = "tree"


@dataclass(frozen=True)
class ActSource:
    """One act of the data folder in one language: `base_orders/<key>` read in `lang`."""

    key: str  # the folder's name, e.g. "550"
    lang: str  # "kk" | "ru"
    folder: Path
    kind: ActKind = ActKind.TABLE

    @property
    def slug(self) -> str:
        """The act's address in the web application: "550/kk"."""
        return f"{self.key}/{self.lang}"


def find_acts(data: Path) -> list[ActSource]:
    """Every act of `data/base_orders`, one per folder and language, sorted by folder name."""
    root = data / "base_orders"
    if not root.is_dir():
        raise InputError("no base_orders/ folder (give --data DIR holding base_orders/ and amendments/)",
                         where=str(data))  # fmt: skip
    from consolidate.apply.tree_chain import tree_file

    acts = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        for lang, stem in LANG_STEMS.items():
            xml = folder / f"{stem}.xml"
            if xml.is_file() and tree_file(xml) is not None:
                acts.append(ActSource(folder.name, lang, folder, ActKind.TREE))
            elif xml.is_file() or (folder / f"{stem}.json").is_file():
                acts.append(ActSource(folder.name, lang, folder))
    return acts


def find_act(data: Path, key: str, lang: str) -> ActSource:
    """The act named by an address; only names found by listing the folder are accepted,
    so an address can never reach outside `base_orders/`."""
    for act in find_acts(data):
        if act.key == key and act.lang == lang:
            return act
    raise InputError(f"no act {key!r} in {lang!r} in the data folder")


def order_folders(data: Path, lang: str) -> list[Path]:
    """The folders of `data/amendments` holding an order in `lang`."""
    root = data / "amendments"
    if not root.is_dir():
        return []
    stem = LANG_STEMS[lang]
    return [
        folder
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        if any((folder / f"{stem}{suffix}").is_file() for suffix in ORDER_SUFFIXES)
    ]


def amending_orders(data: Path, lang: str, number: str, date: str) -> tuple[list[Amendment], list[str]]:
    """The orders of the data folder that amend the act № `number` of `date` (in its
    language `lang`), and a line for each order folder that could not be read. An act
    that does not know its number and date is amended by none."""
    orders, problems = [], []
    for folder in order_folders(data, lang):
        try:
            amendment = load_amendment(folder, lang)
        except ConsolidateError as exc:
            problems.append(" ".join(str(exc).split()))
            continue
        if number and date and (amendment.order.amends.number, amendment.order.amends.date) == (number, date):
            orders.append(amendment)
    return orders, problems


def parse_as_of(value: str | None) -> dt.date | None:
    """The `as_of` field of a form: empty for every order, else an ISO date."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"as of {value.strip()[:40]!r} is not a date (YYYY-MM-DD)") from None
