"""An amending order as the parser reads it: metadata plus an ordered list of operations.

Operations are frozen records in the manner of LawVM's `LegalOperation`: each keeps the
sentence it came from and its line, and validates itself on construction, so a malformed
operation cannot travel further than the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consolidate.errors import ParseError
from consolidate.model.numbering import is_num
from consolidate.model.units import Unit

OPS = ("insert", "restate", "repeal", "replace_words")
UNITS = ("chapter", "paragraph", "row", "heading", "text")


@dataclass(frozen=True)
class ActRef:
    """A reference to an act by its number and date of signing (ISO)."""

    number: str
    date: str
    title: str = ""


@dataclass(frozen=True)
class EntryIntoForce:
    """When an order comes into force.

    kind: "working" or "calendar" days after `after`; "on" (the day of `after`);
    "date" (a fixed date in `date`).
    """

    kind: str
    days: int = 0
    after: str = "first_publication"
    date: str | None = None
    text: str = ""


@dataclass(frozen=True)
class OrderMeta:
    """Identity of the amending order."""

    number: str
    date: str
    lang: str
    title: str
    issuer: str  # as printed in the order's heading, genitive ("... министрінің")
    amends: ActRef
    entry_into_force: EntryIntoForce
    first_publication: str | None = None
    act_word: str = "бұйрығы"  # the heading's word for the kind of act ("бұйрығы", "қаулысы")


@dataclass(frozen=True)
class Target:
    """Where an operation acts, as the order names it."""

    chapter: str | None = None
    paragraphs: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for num in (self.chapter, *self.paragraphs, *self.rows):
            if num is not None and not is_num(num):
                raise ParseError(f"bad unit number {num!r} in a target")


@dataclass(frozen=True)
class Source:
    """Where an operation was read: file, line and the instruction sentence."""

    file: str
    line: int
    text: str


@dataclass(frozen=True)
class Operation:
    """One operation on the base act."""

    seq: int
    op: str
    unit: str
    annex: str
    target: Target
    source: Source
    content: tuple[Unit, ...] = ()
    old_words: str | None = None
    new_words: str | None = None

    def __post_init__(self) -> None:
        where = f"{self.source.file}:{self.source.line}"
        if self.op not in OPS:
            raise ParseError(f"unknown operation {self.op!r}", where=where)
        if self.unit not in UNITS:
            raise ParseError(f"unknown unit {self.unit!r}", where=where)
        if self.op in ("insert", "restate") and not self.content:
            raise ParseError(f"{self.op} of a {self.unit} without quoted content", where=where)
        if self.op == "replace_words" and not (self.old_words and self.new_words is not None):
            raise ParseError("word replacement without the old and new words", where=where)

    @property
    def where(self) -> str:
        return f"{self.source.file}:{self.source.line}"


@dataclass(frozen=True)
class Cleanup:
    """One repair of an extraction artefact, reported, never silent."""

    raw: str
    clean: str
    kind: str
    line: int


@dataclass(frozen=True)
class Amendment:
    """An amending order read by the parser."""

    order: OrderMeta
    operations: tuple[Operation, ...]
    cleanups: tuple[Cleanup, ...] = field(default=())
