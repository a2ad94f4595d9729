"""An amending order as the parser reads it: metadata plus an ordered list of operations.

Operations are frozen records in the manner of LawVM's `LegalOperation`: each keeps the
sentence it came from and its line, and validates itself on construction, so a malformed
operation cannot travel further than the parser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consolidate.errors import ParseError
from consolidate.model.numbering import is_num, letter_range, lettered_key, roman_value
from consolidate.model.tree import Node
from consolidate.model.units import Unit

OPS = ("insert", "restate", "repeal", "replace_words", "insert_words", "delete_words", "lose_force")
UNITS = (
    "annex", "section", "chapter", "paragraph", "article", "point", "subpoint", "part", "indent", "sentence", "row",
    "heading", "text", "act", "preamble", "title",
)  # fmt: skip
TABLE_UNITS = ("chapter", "paragraph", "row", "heading", "text")
"""Units of the table annexes that apply knows how to change."""


@dataclass(frozen=True)
class ActRef:
    """A reference to an act by its number and date of signing (ISO), its title as
    printed and its kind ("law", "decree", "code", "order", "resolution", "decision"; empty
    when the text does not say). A law cited with no number has `number` "".
    """

    number: str
    date: str
    title: str = ""
    kind: str = ""

    def label(self) -> str:
        """The act in one short phrase, for messages: "law № 2671 of 1995-12-05 «…»"."""
        parts = [self.kind or "act"]
        if self.number:
            parts.append(f"№ {self.number}")
        if self.date:
            parts.append(f"of {self.date}")
        if self.title:
            parts.append(f"«{self.title}»")
        return " ".join(parts)


@dataclass(frozen=True)
class EntryIntoForce:
    """When an order comes into force.

    kind: "working" or "calendar" days after `after`; "on" (the day of `after`);
    "next_day" (the day after it, with no period to run out); "date" (a fixed date in `date`).
    """

    kind: str
    days: int = 0
    after: str = "first_publication"
    date: str | None = None
    text: str = ""
    exceptions: tuple[EntryException, ...] = ()


@dataclass(frozen=True)
class EntryException:
    """Parts of an order that come into force by another rule ("… 1-тармақтың 3)
    тармақшасын қоспағанда" / "за исключением подпункта 3) пункта 1, который …").

    `points` are points of the amending order, `subpoints` their subpoints (the "3)" that
    numbers an instruction); an operation read from one of them follows `rule`.
    """

    points: tuple[str, ...]
    subpoints: tuple[str, ...]
    rule: EntryIntoForce

    def covers(self, point: str | None, subpoint: str | None) -> bool:
        if self.points and point not in self.points:
            return False
        return not self.subpoints or subpoint in self.subpoints


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
    # The publication date is a stand-in (publication.toml `assumed = true`), not a fact.
    first_publication_assumed: bool = False


@dataclass(frozen=True)
class Target:
    """Where an operation acts, as the order names it: the containers and the units.

    `annex`, `section` and `chapter` are single numbers; the others are lists, since an
    instruction may name several ("33 және 34-жолдар"). `annex` is set only when the order
    names the annex by number ("2-қосымшада"); by title, it is the operation's `annex`.
    """

    annex: str | None = None
    section: str | None = None
    chapter: str | None = None
    paragraphs: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    subpoints: tuple[str, ...] = ()
    indents: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    sentences: tuple[str, ...] = ()
    # The unit's text below its heading ("в тексте статьи", "баптың мәтінінде"): a word change
    # there leaves the heading as it is.
    text_only: bool = False

    def __post_init__(self) -> None:
        singles = (self.annex,)
        lists = (*self.paragraphs, *self.articles, *self.points, *self.indents, *self.rows)
        lists = (*lists, *self.parts, *self.sentences)
        for num in (*singles, *lists):
            if num is not None and not is_num(num):
                raise ParseError(f"bad unit number {num!r} in a target")
        # Old acts number chapters and sections in Roman ("IV") and subpoints by letters ("р").
        for num in (self.section, self.chapter):
            if num is not None and not (is_num(num) or roman_value(num) is not None):
                raise ParseError(f"bad unit number {num!r} in a target")
        for num in self.subpoints:
            if not (is_num(num) or lettered_key(num) is not None or letter_range(num) is not None):
                raise ParseError(f"bad unit number {num!r} in a target")

    def to_dict(self) -> dict[str, str | list[str] | bool | None]:
        """Every key, named or not (null or empty), in a fixed order; parts and sentences
        (added with text provisions) only when named, so earlier readings keep their shape."""
        extra: dict[str, str | list[str] | bool | None] = {
            key: list(getattr(self, key)) for key in ("parts", "sentences") if getattr(self, key)
        }
        if self.text_only:
            extra["text_only"] = True
        return {
            "annex": self.annex,
            "section": self.section,
            "chapter": self.chapter,
            "paragraphs": list(self.paragraphs),
            "articles": list(self.articles),
            "points": list(self.points),
            "subpoints": list(self.subpoints),
            "indents": list(self.indents),
            "rows": list(self.rows),
            **extra,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Target:
        return cls(
            annex=data.get("annex"),
            section=data.get("section"),
            chapter=data.get("chapter"),
            **{key: tuple(data.get(key) or ()) for key in LIST_KEYS},
            text_only=bool(data.get("text_only", False)),
        )


LIST_KEYS = ("paragraphs", "articles", "points", "subpoints", "indents", "rows", "parts", "sentences")


@dataclass(frozen=True)
class Source:
    """Where an operation was read: file, line, the instruction sentence, and the point and
    subpoint of the amending order that hold it (for entry into force by parts)."""

    file: str
    line: int
    text: str
    point: str | None = None
    subpoint: str | None = None


@dataclass(frozen=True)
class Operation:
    """One operation on the base act."""

    seq: int
    op: str
    unit: str
    annex: str | None
    target: Target
    source: Source
    content: tuple[Unit, ...] = ()
    provisions: tuple[Node, ...] = ()  # the new wording of text provisions (points, parts, articles, …)
    old_words: str | None = None
    new_words: str | None = None
    scope: str | None = None  # "whole_text": throughout the text (бүкіл мәтін бойынша)
    act: ActRef | None = None  # the act that loses force (lose_force)
    # The act this operation amends, when the text names it per operation (a law amending
    # one or several acts); None for an order, whose `OrderMeta.amends` is the act.
    amends: ActRef | None = None
    # "before": words inserted BEFORE their anchor words ("«A» деген сөздің алдынан «B» деген
    # сөзбен толықтырылсын"); None: after them.
    position: str | None = None

    def __post_init__(self) -> None:
        where = f"{self.source.file}:{self.source.line}"
        if self.position not in (None, "before") or (self.position and self.op != "insert_words"):
            raise ParseError(f"position {self.position!r} of a {self.op}", where=where)
        if self.op not in OPS:
            raise ParseError(f"unknown operation {self.op!r}", where=where)
        if self.unit not in UNITS:
            raise ParseError(f"unknown unit {self.unit!r}", where=where)
        if self.op in ("insert", "restate") and not (self.content or self.provisions):
            raise ParseError(f"{self.op} of a {self.unit} without quoted content", where=where)
        if self.op == "replace_words" and not (self.old_words and self.new_words is not None):
            raise ParseError("a word operation without its old and new words", where=where)
        # Words added with no anchor ("абзац шестой дополнить словами «…»") go at the end of
        # the unit (see `words_at_the_end`; tables have no place for them).
        if self.op == "insert_words" and not self.new_words:
            raise ParseError("an insertion of words without the words", where=where)
        if self.op == "delete_words" and not self.old_words:
            raise ParseError("a deletion of words without the words", where=where)
        if self.op == "lose_force" and self.act is None:
            raise ParseError("an act losing force without the act's number and date", where=where)

    @property
    def words_at_the_end(self) -> bool:
        """Words added at the end of a unit, with no anchor words to place them after."""
        return self.op == "insert_words" and not self.old_words

    @property
    def where(self) -> str:
        return f"{self.source.file}:{self.source.line}"

    def rule(self, order: OrderMeta) -> EntryIntoForce:
        """The entry-into-force rule this operation follows: an exception's, or the order's."""
        for exception in order.entry_into_force.exceptions:
            if exception.covers(self.source.point, self.source.subpoint):
                return exception.rule
        return order.entry_into_force


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
    # The file or folder it was loaded from (`sources.load_amendment`), for a message that
    # must say where to add what the text does not print ("" when built in memory).
    origin: str = field(default="", compare=False)
