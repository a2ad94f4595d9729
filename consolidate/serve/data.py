"""The data folder the web application shows: base acts and the orders amending them.

The layout is the repository's: `base_orders/<name>/kaz.xml` (or `rus.xml`, or the
JSON of a version) and `amendments/<name>/kaz.txt` (or its reviewed reading `kaz.json`,
`.docx`, `.html`, with `publication.toml`). The folder is only ever read; every request
loads what it needs afresh (no cache, no state shared between requests), so an edit of
the folder shows on the next page and two users never see each other's work.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from consolidate.apply.chain import Chain, apply_chain, plan
from consolidate.errors import ConsolidateError, InputError
from consolidate.model.act import Act
from consolidate.model.amendment import Amendment
from consolidate.sources import LANG_STEMS, load_amendment, load_version, published_on

ORDER_SUFFIXES = (".json", ".txt", ".docx", ".html")


@dataclass(frozen=True)
class ActSource:
    """One act of the data folder in one language: `base_orders/<key>` read in `lang`."""

    key: str  # the folder's name, e.g. "550"
    lang: str  # "kk" | "ru"
    folder: Path

    @property
    def slug(self) -> str:
        """The act's address in the web application: "550/kk"."""
        return f"{self.key}/{self.lang}"


@dataclass
class Timeline:
    """An act with the orders of the data folder that amend it, applied in time."""

    source: ActSource
    base: Act
    orders: list[Amendment]
    chain: Chain
    versions: list[Act]
    problems: list[str] = field(default_factory=list)  # order folders that could not be read


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
                continue  # an imported act (a provision tree): not shown by the web page yet
            if xml.is_file() or (folder / f"{stem}.json").is_file():
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


def amending_orders(data: Path, base: Act) -> tuple[list[Amendment], list[str]]:
    """The orders of the data folder that amend `base` (by number and date, in its
    language), and a line for each order folder that could not be read."""
    orders, problems = [], []
    for folder in order_folders(data, base.lang):
        try:
            amendment = load_amendment(folder, base.lang)
        except ConsolidateError as exc:
            problems.append(" ".join(str(exc).split()))
            continue
        if (amendment.order.amends.number, amendment.order.amends.date) == (base.number, base.date):
            orders.append(amendment)
    return orders, problems


def timeline(data: Path, source: ActSource, as_of: dt.date | None = None, extra: Amendment | None = None) -> Timeline:
    """The act's versions: the base, then one after each order in force (`as_of`, or all).

    `extra` is an uploaded order: it takes the place of a data-folder order with the same
    number and date (a new text of the same order, which keeps that order's first
    publication unless the upload gives its own), or joins the chain."""
    base = load_version(source.folder, source.lang)
    orders, problems = amending_orders(data, base)
    if extra is not None:
        same = (extra.order.number, extra.order.date)
        replaced = [o for o in orders if (o.order.number, o.order.date) == same]
        earlier = next((o.order for o in replaced if o.order.first_publication), None)
        if extra.order.first_publication is None and earlier is not None and earlier.first_publication:
            extra = published_on(extra, earlier.first_publication, earlier.first_publication_assumed)
        orders = [o for o in orders if (o.order.number, o.order.date) != same] + [extra]
    chain = plan(orders, as_of)
    return Timeline(source, base, orders, chain, apply_chain(base, chain), problems)


def parse_as_of(value: str | None) -> dt.date | None:
    """The `as_of` field of a form: empty for every order, else an ISO date."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"as of {value.strip()[:40]!r} is not a date (YYYY-MM-DD)") from None
