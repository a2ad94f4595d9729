"""Finding and loading the command line's inputs: base versions and amending orders.

A base is a file (Akoma Ntoso XML or the JSON of a version) or a folder such as
`base_orders/550` holding `kaz.xml`. An order is a file (the official text `.txt`, or the
JSON the parser wrote) or a folder such as `amendments/192` holding `kaz.txt` and,
when it has been parsed and reviewed, `kaz.json`, which `apply` then uses. The JSON
records the SHA-256 of the text it was read from, so an edited text with a stale
reading is refused rather than silently applied.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import tomllib
from pathlib import Path
from typing import Any

from consolidate.errors import InputError
from consolidate.fileio import read_bytes, read_text
from consolidate.model.act import Act
from consolidate.model.amendment import Amendment
from consolidate.model.json_check import load_json
from consolidate.model.json_io import act_from_dict, amendment_from_dict, amendment_to_dict
from consolidate.parse.document import Block, text_blocks

LANG_STEMS = {"kk": "kaz", "ru": "rus"}


def _json(path: Path) -> Any:
    return load_json(read_bytes(path), str(path))


def load_version(path: Path, lang: str = "kk") -> Act:
    """Load a base version from a file or a folder."""
    from consolidate.akn.act_xml import act_from_xml

    if path.is_dir():
        stem = LANG_STEMS[lang]
        for candidate in (path / f"{stem}.xml", path / f"{stem}.json"):
            if candidate.exists():
                return load_version(candidate, lang)
        raise InputError(f"no {stem}.xml or {stem}.json in the folder", where=str(path))
    if path.suffix == ".xml":
        from consolidate.apply.tree_chain import holds_tables, is_tree_xml

        data = read_bytes(path)
        if is_tree_xml(data) and holds_tables(data):  # tables kept as a provision tree
            from consolidate.akn.tree_xml import tree_from_xml
            from consolidate.model.table_tree import document_to_act

            return document_to_act(tree_from_xml(data, str(path)))
        return act_from_xml(data, str(path))
    if path.suffix == ".json":
        return act_from_dict(_json(path), str(path))
    raise InputError(
        "a base must be Akoma Ntoso XML (.xml), the JSON of a version (.json) or a folder", where=str(path)
    )


_LIMITS = {
    ".txt": "MAX_TEXT_BYTES", ".md": "MAX_TEXT_BYTES", ".docx": "MAX_DOCX_BYTES", ".html": "MAX_HTML_BYTES",
    ".htm": "MAX_HTML_BYTES",
}  # fmt: skip


def sha256(path: Path) -> str:
    return hashlib.sha256(read_bytes(path, _LIMITS.get(path.suffix.lower(), "MAX_BASE_BYTES"))).hexdigest()


def source_blocks(path: Path) -> list[Block]:
    """The blocks of an order's file: a text copied from PDF, a Word file or an HTML page."""
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):  # .md: a law as the reference bank's markdown copy prints it
        return text_blocks(read_text(path))
    if suffix == ".docx":
        from consolidate.parse.docx_input import read_docx

        return read_docx(read_bytes(path, "MAX_DOCX_BYTES"), str(path))
    if suffix in (".html", ".htm"):
        from consolidate.parse.html_input import read_html

        return read_html(read_bytes(path, "MAX_HTML_BYTES"), str(path))
    raise InputError("an amending order must be a .txt, .docx or .html file (a law: .md)", where=str(path))


def parse_source(path: Path, lang: str = "auto") -> Amendment:
    """Parse the official text of an order (.txt, .docx or .html); "auto" tells its language."""
    from consolidate.parse.order import parse_blocks

    return parse_blocks(source_blocks(path), str(path), lang)


def reading_to_dict(amendment: Amendment, source: Path) -> dict[str, Any]:
    """The JSON the parser writes: the reading plus the file and hash it was made from."""
    data = amendment_to_dict(amendment)
    return {"source": {"file": source.name, "sha256": sha256(source)}, **data}


def order_file(folder: Path, lang: str) -> Path:
    """The official text of an order in its folder: kaz.txt (or .docx/.html), rus.txt for Russian."""
    stems = [LANG_STEMS[lang]] if lang in LANG_STEMS else list(LANG_STEMS.values())
    for stem in stems:
        for suffix in (".txt", ".docx", ".html", ".md"):
            if (folder / f"{stem}{suffix}").exists():
                return folder / f"{stem}{suffix}"
    raise InputError(f"no {' or '.join(stems)} text (.txt, .docx, .html, .md) in the folder", where=str(folder))


def load_amendment(path: Path, lang: str = "kk") -> Amendment:
    """Load an amending order from its text, its reading (JSON or AKN XML), or its folder.

    A folder may also hold `publication.toml` with the order's first official publication
    (the date its entry into force is counted from)."""
    if path.is_dir():
        reading = path / f"{LANG_STEMS.get(lang, 'kaz')}.json"
        if reading.exists():
            texts = (reading.with_suffix(s) for s in (".txt", ".docx", ".html", ".md"))
            text = next((p for p in texts if p.exists()), None)
            amendment = _load_reading(reading, text)
        else:
            amendment = parse_source(order_file(path, lang), lang)
        return dataclasses.replace(_with_publication(amendment, path / "publication.toml"), origin=str(path))
    if path.suffix == ".json":
        amendment = _load_reading(path, None)
    elif path.suffix == ".xml":
        from consolidate.akn.amendment_xml import amendment_from_xml

        amendment = amendment_from_xml(read_bytes(path), str(path))
    else:
        amendment = parse_source(path, "auto")  # a file says its language; apply checks it against the base
    return dataclasses.replace(amendment, origin=str(path))


def reads_text(path: Path, lang: str = "kk") -> bool:
    """Whether `load_amendment` reads the order from its official text (repairing damaged
    text as it goes) rather than from a reading made by `parse` and reviewed."""
    if path.is_dir():
        return not (path / f"{LANG_STEMS.get(lang, 'kaz')}.json").exists()
    return path.suffix not in (".json", ".xml")


def _with_publication(amendment: Amendment, path: Path) -> Amendment:
    """The order with what its folder's publication.toml says: its first official
    publication (`first_publication`, `assumed`) and, for a law whose text as the bank
    copies it does not print them, its number and date of signing (`number`, `date`)."""
    if not path.exists():
        return amendment
    try:
        data = tomllib.loads(read_text(path))
        if not any(key in data for key in ("first_publication", "number", "date")):
            raise KeyError("first_publication")
        published = dt.date.fromisoformat(str(data["first_publication"])).isoformat() if (
            "first_publication" in data) else None  # fmt: skip
        signed = dt.date.fromisoformat(str(data["date"])).isoformat() if "date" in data else None
    except (tomllib.TOMLDecodeError, KeyError, ValueError, TypeError, RecursionError) as exc:
        raise InputError(
            f'not a publication record (first_publication = "YYYY-MM-DD"): {exc}', where=str(path)
        ) from exc
    assumed = data.get("assumed", False)
    if not isinstance(assumed, bool):
        raise InputError(f"assumed must be true or false, not {assumed!r}", where=str(path))
    number = data.get("number")
    if number is not None and (not isinstance(number, str) or not number.strip() or len(number) > 40):
        raise InputError(f'number must be the act\'s number as text (number = "280"), not {number!r}', where=str(path))
    order = amendment.order
    for key, given, printed in (("number", number, order.number), ("date", signed, order.date)):
        if given is not None and printed and given != printed:
            raise InputError(f"{key} {given!r} differs from the {key} its text prints ({printed!r})", where=str(path))
    order = dataclasses.replace(order, number=number or order.number, date=signed or order.date)
    amendment = dataclasses.replace(amendment, order=order)
    return published_on(amendment, published, assumed) if published else amendment


def published_on(amendment: Amendment, date: str, assumed: bool = False) -> Amendment:
    """The order with its first official publication set (`assumed`: a stand-in date)."""
    order = dataclasses.replace(amendment.order, first_publication=date, first_publication_assumed=assumed)
    return dataclasses.replace(amendment, order=order)


def _load_reading(path: Path, text: Path | None) -> Amendment:
    data = _json(path)
    if text is not None:
        recorded = data.get("source", {}).get("sha256") if isinstance(data, dict) else None
        if recorded != sha256(text):
            raise InputError(
                f"the reading is stale: {text.name} changed since it was parsed; run "
                f"'consolidate parse {text} -o {path}' and review it",
                where=str(path),
            )
    return amendment_from_dict(data, str(path))
