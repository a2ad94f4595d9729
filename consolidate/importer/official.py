"""`consolidate import`: an official text (markdown copy, HTML page, DOCX, PDF text) -> a base.

The act's identity comes from the source's metadata where it has some: the reference
bank's `meta.yaml` beside a markdown copy (its "requisite" line names the type, issuer,
date, number and State Register number: "Приказ Министра … от 8 сентября 2016 года
№ 13/139. Зарегистрирован в Министерстве юстиции … № 14286."). A page of the bank prints
that same line under its title, so a page without a `meta.yaml` gives it itself (and
`Imported.read` says so). Without either the identity is left empty and said so; it is
never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from consolidate.errors import InputError
from consolidate.fileio import read_bytes, read_text
from consolidate.gcpause import collector_paused
from consolidate.importer.adilet import AdiletPage, read_adilet
from consolidate.importer.blocks import Block, markdown_blocks, para_blocks, plain_text
from consolidate.importer.build import ImportWarning, build_document
from consolidate.model.tree import Document, Identity
from consolidate.parse.document import text_blocks
from consolidate.parse.language import detect_lang

_MONTHS_RU = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
_REQUISITE = re.compile(
    r"^(?P<type>\S+)\s+(?P<issuer>.+?)\s+от\s+(?P<day>\d{1,2})\s+(?P<month>[а-я]+)\s+(?P<year>\d{4})\s+года\s+"
    r"№\s*(?P<number>[^.\s]+(?:\s[^.\s]+){0,3}?)\.(?:\s+Зарегистрирован\S*\s.*?№\s*(?P<register>\d+))?"
)
_DOCTYPES = {
    "приказ": "order",
    "совместный": "order",
    "постановление": "resolution",
    "решение": "decision",
    "закон": "law",
}
LANGS = {"kaz": "kk", "rus": "ru"}
MAX_META_CHARS = 64 * 1024
"""A `meta.yaml` of the mirrors is about 2 KB."""


@dataclass(frozen=True)
class Imported:
    """An imported act, the doubts met on the way, the source's plain text, and what was
    read from the source besides its text (a page's identity and language), to be said."""

    document: Document
    warnings: tuple[ImportWarning, ...]
    source_text: str
    read: tuple[str, ...] = ()


def _month(word: str) -> int | None:
    stems = [(i, s) for i, s in enumerate(_MONTHS_RU, 1) if word.lower().startswith(s)]
    return max(stems, key=lambda pair: len(pair[1]))[0] if stems else None


def identity_from_requisite(requisite: str, lang: str) -> Identity:
    """The identity in the reference bank's requisite line (Russian, as meta.yaml gives it)."""
    match = _REQUISITE.match(" ".join(requisite.split()))
    if match is None:
        return Identity(lang=lang)
    month = _month(match.group("month"))
    date = ""
    if month is not None:
        try:
            date = dt.date(int(match.group("year")), month, int(match.group("day"))).isoformat()
        except ValueError:
            date = ""
    return Identity(
        doctype=_DOCTYPES.get(match.group("type").lower(), "act"),
        issuer=match.group("issuer"),
        number=match.group("number"),
        date=date,
        lang=lang,
        register_number=match.group("register") or "",
    )


def _identity(source: Path, lang: str) -> Identity | None:
    """The identity in the `meta.yaml` beside the source; None when there is none."""
    meta = source.parent / "meta.yaml"
    if not meta.is_file():
        return None
    text = read_text(meta)
    if len(text) > MAX_META_CHARS:
        raise InputError(f"more than {MAX_META_CHARS:,} characters: not the metadata of one act", where=str(meta))
    try:
        # Aliases let a few lines of YAML stand for gigabytes ("billion laughs"); the
        # mirrors' metadata never uses them, so any is refused before anything is built.
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader)):
            raise InputError("YAML aliases (*name) are not allowed in metadata", where=str(meta))
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"not readable YAML: {' '.join(str(exc).split())}", where=str(meta)) from None
    requisite = data.get("requisite") if isinstance(data, dict) else None
    return identity_from_requisite(requisite, lang) if isinstance(requisite, str) else Identity(lang=lang)


def source_blocks(source: Path) -> list[Block]:
    """The blocks of an official text, by the kind of its file."""
    suffix = source.suffix.lower()
    where = str(source)
    if suffix == ".md":
        return markdown_blocks(read_text(source), where)
    if suffix in (".html", ".htm"):
        from consolidate.parse.html_input import read_html

        return para_blocks(read_html(read_bytes(source, "MAX_HTML_BYTES"), where))
    if suffix == ".docx":
        from consolidate.parse.docx_input import read_docx

        return para_blocks(read_docx(read_bytes(source), where))
    if suffix == ".txt":
        return para_blocks(list(text_blocks(read_text(source))))
    raise InputError("unknown kind of file: expected .md, .html, .docx or .txt", where=where)


def _import_page(source: Path, page: AdiletPage, lang: str) -> Imported:
    """A page of the reference bank: its article's blocks, its identity read from the page
    unless a `meta.yaml` gives it, its language from the page, its truncation reported."""
    read: list[str] = [f"title from the page's <h1>: {page.title}"]
    if lang == "auto":
        if page.lang:
            lang = page.lang
            read.append(f"language {lang} from the page ({page.lang_evidence})")
        else:
            lang = detect_lang(page.visible_text)
            said = f"; the page says {page.lang_evidence}" if page.lang_evidence else ""
            read.append(f"language {lang} detected from the text (the page names none{said})")
    identity = _identity(source, lang)
    if identity is not None:
        read.append("identity from meta.yaml beside the page")
    elif page.requisite:
        identity = identity_from_requisite(page.requisite, lang)
        found = ", ".join(
            f"{name} {value}"
            for name, value in (
                ("type", identity.doctype if identity.number else ""),
                ("number", identity.number),
                ("date", identity.date),
                ("State Register number", identity.register_number),
            )
            if value
        )
        read.append(f"identity from the page's requisite line «{page.requisite}»: {found or 'nothing recognised'}")
    else:
        identity = Identity(lang=lang)
        read.append("identity: the page has no requisite line under its title; left unknown")
    if page.status:
        read.append(f"status on the page: {page.status}")
    document, warnings = build_document(page.blocks, identity, str(source))
    if page.truncated is not None:
        warnings.append(ImportWarning(*page.truncated))
    return Imported(document, tuple(warnings), page.visible_text, tuple(read))


def import_official(source: Path, lang: str = "auto") -> Imported:
    """Read an official text into a provision tree."""
    with collector_paused():
        if source.suffix.lower() in (".html", ".htm"):
            page = read_adilet(read_bytes(source, "MAX_HTML_BYTES"), str(source))
            if page is not None:
                return _import_page(source, page, lang)
        blocks = source_blocks(source)
        text = plain_text(blocks)
        if lang == "auto":
            lang = LANGS.get(source.stem, "") or detect_lang(text)
        identity = _identity(source, lang) or Identity(lang=lang)
        document, warnings = build_document(blocks, identity, str(source))
    return Imported(document, tuple(warnings), text)
