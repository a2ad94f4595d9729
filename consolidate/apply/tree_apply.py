"""Applying an amending order to a provision tree: every operation on every unit kind.

The edits run on a copy, in the order's order, each operation seeing the units the
operations before it inserted; the first target that cannot be resolved ends the whole
order with an error naming the instruction's line, the address and the nearest existing
units, and no version is returned (all-or-nothing). The base tree is never touched.
Units are found through an index by kind and number, so each operation costs about the
depth of the tree, not its size.

What each operation does, after the reference bank's practice:
- insert: a numbered unit goes after the unit of its kind with the next lower number
  (7 < 7-1 < 7-2 < 8), a part at its position; a number already taken is an error;
- restate: the unit is replaced by the quoted wording (same kind and number), a heading,
  the preamble or the title by the quoted text;
- repeal: a numbered unit keeps its number and shows its note (nothing is renumbered),
  a part or a sentence is removed and its unit gets an "amended" note;
- parts and indents are counted in the text before the order (paragraphs the order itself
  inserted are not counted by its later instructions); "абзац N части M" counts in part M;
- word operations: whole words only, in the named unit and everything under it (a heading:
  the heading only), or the whole text with its preamble; words not found as printed are
  looked for once more across spaces lost at line breaks and letter case, one place only;
  otherwise an error, never a silent no-op. Words added with no anchor go at the end of the
  unit, before its final punctuation. A whole-text change of a chapter's number renumbers it.
Every changed unit gets its note (Ескерту / Сноска) from the templates of notes.toml; a unit
changed the same way by several acts of one issuer gets one note naming them all.

Every decision above that the amending text does not literally make (words found leniently,
punctuation adjusted, words put before the final punctuation, paragraphs counted in the text
before the act, a chapter renumbered) is recorded as a `FuzzyDecision` naming what was asked,
what was done and where: the command line prints them as warnings, `--strict` refuses them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from consolidate.apply.annex_match import stems
from consolidate.apply.fuzzy import FuzzyDecision, FuzzyKind
from consolidate.apply.lost_space import restoring_lost_space
from consolidate.apply.notes import NoteOrder, render_note, same_issuer
from consolidate.apply.ranges import expand_letter_ranges
from consolidate.apply.tree_table import apply_table_order, is_table_document
from consolidate.errors import ApplyError
from consolidate.gcpause import collector_paused
from consolidate.model.amendment import Amendment, Operation
from consolidate.model.numbering import num_key
from consolidate.model.tree import (
    CONTAINERS,
    Annex,
    Document,
    Kind,
    Node,
    Note,
    assign_eids,
    copy_document,
    copy_nodes,
    walk,
)
from consolidate.model.units import ChapterHeading

# Target keys from the outermost to the innermost, with the kind each names.
LEVELS: tuple[tuple[str, Kind], ...] = (
    ("section", Kind.SECTION),
    ("chapter", Kind.CHAPTER),
    ("paragraphs", Kind.PARAGRAPH),
    ("articles", Kind.ARTICLE),
    ("points", Kind.POINT),
    ("subpoints", Kind.SUBPOINT),
)
UNIT_KINDS = {
    "section": Kind.SECTION,
    "chapter": Kind.CHAPTER,
    "paragraph": Kind.PARAGRAPH,
    "article": Kind.ARTICLE,
    "point": Kind.POINT,
    "subpoint": Kind.SUBPOINT,
}
NOTE_UNITS = {
    Kind.SECTION: "section",
    Kind.CHAPTER: "chapter",
    Kind.PARAGRAPH: "paragraph",
    Kind.ARTICLE: "article",
    Kind.POINT: "point",
    Kind.SUBPOINT: "subpoint",
}
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)")


@dataclass(frozen=True)
class TreeChange:
    """One change made to one unit: what the diff, the history and the messages report."""

    eid: str
    action: str  # inserted, restated, repealed, amended
    seq: int


@dataclass(frozen=True)
class NoteMade:
    """What a note written by the engine says: the acts it names and the change it notes,
    so that a later act of the same issuer changing the unit the same way joins it."""

    orders: tuple[NoteOrder, ...]
    key: tuple[str, str, str, str]  # action, unit, number, annex number
    parent: tuple[str, str] = ("act", "")  # the unit an inserted unit went into

    def render(self, num: str | None = None, parent: tuple[str, str] | None = None) -> str:
        """The note again, for another number of its unit or of the unit it went into."""
        action, unit, own, annex_num = self.key
        return render_note(list(self.orders), action, unit, own if num is None else num, annex_num,
                           parent=parent or self.parent)  # fmt: skip


NotesMade = dict[str, NoteMade]
"""Each note text the engine wrote → what it says (a note's text names its acts, so the
mapping is the same for every version of a chain)."""


@dataclass
class _Place:
    """A resolved target: the scope (act or annex), the unit chain, the units acted on."""

    annex: Annex | None
    parent: Node | None
    nodes: list[Node] = field(default_factory=list)


def _num_sort(num: str) -> tuple[int, ...]:
    try:
        return num_key(num)
    except Exception:  # a letter subpoint ("а"): after every number
        return (10**9,)


class _Tree:
    """The copy being edited, with what the editor needs to find units fast: each unit's
    parent, the list that holds it, its annex, and the units of each kind and number."""

    def __init__(self, document: Document, where: str) -> None:
        self.document = document
        self.where = where
        self.parent_of: dict[int, Node | None] = {}
        self.list_of: dict[int, list[Node]] = {}
        self.annex_of: dict[int, Annex | None] = {}
        self.by_key: dict[tuple[Kind, str], list[Node]] = {}
        self.index(document.body, None, None)
        for annex in document.annexes:
            self.index(annex.body, None, annex)

    def index(self, nodes: list[Node], parent: Node | None, annex: Annex | None) -> None:
        """Record `nodes` and everything under them (after an insertion or a restatement)."""
        stack = [(nodes, parent)]
        while stack:
            siblings, owner = stack.pop()
            for node in siblings:
                self.parent_of[id(node)] = owner
                self.list_of[id(node)] = siblings
                self.annex_of[id(node)] = annex
                if node.num:
                    self.by_key.setdefault((node.kind, node.num), []).append(node)
                stack.append((node.children, node))

    def attached(self, node: Node) -> bool:
        """Still in the tree (a restated unit's old children are not)."""
        siblings = self.list_of.get(id(node))
        return siblings is not None and any(s is node for s in siblings)

    def under(self, node: Node, container: Node | None, annex: Annex | None) -> bool:
        if self.annex_of.get(id(node)) is not annex or not self.attached(node):
            return False
        if container is None:
            return True
        parent = self.parent_of.get(id(node))
        while parent is not None:
            if parent is container:
                return True
            parent = self.parent_of.get(id(parent))
        return False

    def find(self, container: Node | None, annex: Annex | None, kind: Kind, num: str) -> list[Node]:
        """The units of `kind` numbered `num` under `container` (or anywhere in the annex / act)."""
        return [n for n in self.by_key.get((kind, num), []) if self.under(n, container, annex)]

    def scope(self, op: Operation) -> tuple[Annex | None, list[Node]]:
        """The annex the operation acts in (by number, or by the title of its context), or the act."""
        wanted = op.target.annex or op.annex
        if wanted is None:
            return None, self.document.body
        annex = _find_annex(self.document, wanted)
        if annex is None:
            known = ", ".join(f"{a.num or a.eid} «{a.title[:40]}»" for a in self.document.annexes) or "none"
            raise ApplyError(f"no annex {wanted!r} in the act (annexes: {known})", where=op.where)
        return annex, annex.body

    def nearest(self, roots: list[Node], kind: Kind, num: str) -> str:
        """For a message: the existing numbers of `kind` closest to `num` (a walk, errors only)."""
        nums = sorted({n.num for n in walk(roots) if n.kind is kind}, key=_num_sort)
        if not nums:
            return f"there is no {kind.name.lower()} there"
        key = _num_sort(num)
        before = [n for n in nums if _num_sort(n) < key][-2:]
        after = [n for n in nums if _num_sort(n) > key][:2]
        return f"nearest {kind.name.lower()}s: {', '.join(before + after)}"


def _find_annex(document: Document, wanted: str) -> Annex | None:
    """The annex an order names: by number ("2-қосымшада"), or by its title in the case the
    sentence needs ("… Қағидаларында:" / "в Правилах …"), compared as word stems. Only an
    exact match of stems counts here: a near match is never taken silently."""
    if re.fullmatch(r"\d+(?:-\d+)*", wanted):
        return next((a for a in document.annexes if a.num == wanted), None)
    lang = document.identity.lang
    said = stems(wanted, lang)

    def same(title: str) -> bool:
        # Word by word, one stem may stop short of the other: a case ending the grammar's
        # table strips from one form only ("қағидалар" / "қағида|ларында"); at least four letters.
        words = stems(title, lang)
        return len(words) == len(said) and all(
            min(len(a), len(b)) >= min(4, len(a), len(b)) and (a.startswith(b) or b.startswith(a))
            for a, b in zip(words, said, strict=True)
        )

    matches = [a for a in document.annexes if a.title and same(a.title)]
    return matches[0] if len(matches) == 1 else None


def _chain(tree: _Tree, op: Operation, scope: tuple[Annex | None, list[Node]], stop: Kind | None) -> Node | None:
    """The innermost container named by the target, above `stop` (the kind acted on)."""
    annex, roots = scope
    current: Node | None = None
    for key, kind in LEVELS:
        if kind is stop:
            break
        value = getattr(op.target, key)
        nums = [value] if isinstance(value, str) else list(value or ())
        if not nums:
            continue
        if len(nums) > 1:
            raise ApplyError(f"several {key} named where one container is expected", where=op.where)
        current = _the_one(tree, current, (annex, roots), kind, nums[0], op)
    return current


def _the_one(
    tree: _Tree, parent: Node | None, scope: tuple[Annex | None, list[Node]], kind: Kind, num: str, op: Operation
) -> Node:
    """The one unit of `kind` numbered `num` under `parent` (or in the scope); an error
    naming where it was looked for and the nearest numbers when there is none, and every
    address when there are several."""
    annex, roots = scope
    found = tree.find(parent, annex, kind, num)
    if not found:
        where = parent.eid if parent is not None else (annex.eid if annex else "the act")
        search = parent.children if parent is not None else roots
        raise ApplyError(f"no {kind.name.lower()} {num} in {where} ({tree.nearest(search, kind, num)})", where=op.where)
    if len(found) > 1:
        raise ApplyError(f"{kind.name.lower()} {num} is ambiguous: {', '.join(n.eid for n in found)}", where=op.where)
    return found[0]


def _terminal(op: Operation) -> tuple[Kind | None, list[str]]:
    """The kind acted on and its numbers as named."""
    kind = UNIT_KINDS.get(op.unit)
    if kind is None:
        return None, []
    key = next(k for k, v in LEVELS if v is kind)
    value = getattr(op.target, key)
    return kind, ([value] if isinstance(value, str) else list(value or ()))


def _position(siblings: list[Node], node: Node) -> int:
    """The index of `node` by identity (two units may be equal field by field)."""
    return next(i for i, s in enumerate(siblings) if s is node)


def _paragraph_nums(op: Operation) -> list[str]:
    """The paragraphs named: the indents of a part when both are named, else the parts or indents."""
    if op.target.parts and op.target.indents:
        return list(op.target.indents)
    return list(op.target.parts or op.target.indents)


def _parts_of(node: Node) -> list[Node]:
    return [c for c in node.children if c.kind is Kind.PART]


def who(amendment: Amendment) -> str:
    """The amending act in a message: "law № 280", "order № 192"."""
    kind = "law" if amendment.order.act_word in ("Закон", "Заң") else "order"
    return f"{kind} № {amendment.order.number or '?'}"


class _Editor:
    def __init__(self, tree: _Tree, amendment: Amendment, notes_made: NotesMade) -> None:
        self.tree = tree
        self.amendment = amendment
        self.order = NoteOrder.of(amendment.order)
        self.notes_made = notes_made
        self.who = who(amendment)
        self.decisions: list[FuzzyDecision] = []
        # The units changed, resolved to their eIds at the end: an inserted unit has none
        # until the tree's addresses are assigned again.
        self.recorded: list[tuple[Node | None, str, int]] = []
        # Paragraphs this order inserted: its other instructions count the paragraphs of the
        # text before it («дополнить абзацем третьим», then «в абзаце третьем слова …» names
        # the old third), as the Kazakh texts of the same laws and the bank's versions show.
        self.inserted_parts: set[int] = set()

    # --- decisions -----------------------------------------------------------------

    def _decide(self, kind: FuzzyKind, op: Operation, said: str, taken: str) -> None:
        """Record a change the amending text does not literally make: what it asked, what was done."""
        where = f"{self.who}, {op.where} (operation {op.seq})"
        decision = FuzzyDecision(kind, self.who, where, said, taken)
        if decision not in self.decisions:
            self.decisions.append(decision)

    # --- notes ---------------------------------------------------------------------

    def _joined(self, notes: list[Note], key: tuple[str, str, str, str]) -> bool:
        """Add this act to a note an earlier act of the same issuer wrote for the same change
        of the same unit ("… от 15.01.2002 № 280 (…); от 21.12.2004 № 14 (…)")."""
        for index, note in enumerate(notes):
            made = self.notes_made.get(note.text)
            if made is None or made.key != key or self.order in made.orders:
                continue
            if not all(same_issuer(order, self.order) for order in made.orders):
                continue
            orders = (*made.orders, self.order)
            action, unit, num, annex_num = key
            text = render_note(list(orders), action, unit, num, annex_num)
            self.notes_made[text] = NoteMade(orders, key)
            notes[index] = Note(text, note.pos)
            return True
        return False

    def _note(self, owner: Node | Annex | None, action: str, unit: str, num: str, op: Operation) -> None:
        annex_num = self.tree.annex_of.get(id(owner)) if isinstance(owner, Node) else owner
        annex_num_text = annex_num.num if isinstance(annex_num, Annex) else ""
        key = (action, unit, num, annex_num_text)
        text = render_note([self.order], action, unit, num, annex_num_text)
        self.notes_made[text] = NoteMade((self.order,), key)
        if isinstance(owner, Node):
            # Under a container's heading (as the bank prints a chapter's or an annex's
            # note); after a provision's text.
            heading_note = owner.kind in CONTAINERS or unit.startswith("heading")
            notes, pos = owner.notes, 0 if heading_note else len(owner.children)
        elif isinstance(owner, Annex):
            notes, pos = owner.notes, 0
        else:
            notes, pos = self.tree.document.title_notes, 0
        if not any(n.text == text for n in notes) and not self._joined(notes, key):
            notes.append(Note(text, pos))

    def _record(self, node: Node | None, action: str, op: Operation) -> None:
        self.recorded.append((node, action, op.seq))

    def changes(self) -> list[TreeChange]:
        """The changes made, each named by its unit's eId in the new version."""
        return [TreeChange(node.eid if node else "", action, seq) for node, action, seq in self.recorded]

    def _unit_note(self, node: Node, action: str, op: Operation) -> None:
        unit = NOTE_UNITS.get(node.kind)
        if unit is None:  # a part or a table: the note goes to the numbered unit holding it
            holder = self._holder(node)
            if holder is None:
                self._note(self.tree.annex_of.get(id(node)), "amended", "act", "", op)
            else:
                self._note(holder, "amended", NOTE_UNITS[holder.kind], holder.num, op)
            return
        self._note(node, action, unit, node.num, op)

    def _holder(self, node: Node) -> Node | None:
        parent = self.tree.parent_of.get(id(node))
        while parent is not None and parent.kind not in NOTE_UNITS:
            parent = self.tree.parent_of.get(id(parent))
        return parent

    # --- operations ----------------------------------------------------------------

    def run(self, op: Operation) -> None:
        handler = self._handler(op)
        handler(op)

    def _handler(self, op: Operation) -> Callable[[Operation], None]:
        if op.op == "lose_force":
            raise ApplyError("an act losing force is not applied to a text (it ends the act)", where=op.where)
        if op.words_at_the_end:
            return self._words_at_the_end
        if op.op in ("replace_words", "insert_words", "delete_words"):
            return self._words
        if op.unit == "title":
            return self._title
        if op.unit == "preamble":
            return self._preamble
        if op.unit == "heading":
            return self._heading
        if op.unit in ("indent", "part"):
            return self._parts
        if op.unit == "sentence":
            return self._sentences
        if op.unit in UNIT_KINDS:
            return {"insert": self._insert, "restate": self._restate, "repeal": self._repeal}[op.op]
        raise ApplyError(f"{op.op} of a {op.unit} is not applied to text provisions", where=op.where)

    def _content_text(self, op: Operation) -> str:
        if not op.provisions and len(op.content) == 1 and isinstance(op.content[0], ChapterHeading):
            return op.content[0].heading  # a heading as the parser reads it for any unit
        texts = [n.text for n in op.provisions if n.kind is Kind.PART]
        if not texts or len(texts) != len(op.provisions):
            raise ApplyError(f"the new wording of the {op.unit} should be text, without a number", where=op.where)
        return "\n".join(texts)

    def _title(self, op: Operation) -> None:
        if op.op != "restate":
            raise ApplyError(f"{op.op} of the title is not possible", where=op.where)
        self.tree.document.title = self._content_text(op)
        self._note(None, "restated", "title", "", op)
        self._record(None, "restated", op)

    def _preamble(self, op: Operation) -> None:
        document = self.tree.document
        if op.op == "restate":
            document.preamble = [n.text for n in op.provisions if n.kind is Kind.PART]
            if len(document.preamble) != len(op.provisions):
                raise ApplyError("the new preamble should be text, without numbered units", where=op.where)
        elif op.op == "repeal":
            document.preamble = []
        else:
            raise ApplyError(f"{op.op} of the preamble is not possible", where=op.where)
        action = "restated" if op.op == "restate" else "repealed"
        text = render_note([self.order], action, "preamble", "", "")
        document.preamble_notes.append(Note(text, len(document.preamble)))
        self._record(None, action, op)

    def _target_nodes(self, op: Operation) -> tuple[Annex | None, list[Node]]:
        annex, roots = self.tree.scope(op)
        kind, nums = _terminal(op)
        parent = _chain(self.tree, op, (annex, roots), kind)
        if kind is None:
            if parent is None:
                raise ApplyError(f"the {op.unit} to change is not named", where=op.where)
            return annex, [parent]
        nums = expand_letter_ranges(  # "ш)-ю)": the subpoints the act has between them
            nums, lambda n: self.tree.find(parent, annex, kind, n), lambda n: self.tree.list_of[id(n)], op.where
        )
        return annex, [_the_one(self.tree, parent, (annex, roots), kind, num, op) for num in nums]

    def _heading(self, op: Operation) -> None:
        annex, roots = self.tree.scope(op)
        node = _chain(self.tree, op, (annex, roots), None)
        if node is None:
            if annex is None:
                raise ApplyError("the heading of which unit?", where=op.where)
            if op.op == "restate":
                annex.title = self._content_text(op)
            else:
                annex.title = ""
            self._note(annex, "restated" if op.op == "restate" else "repealed", "annex_heading", annex.num, op)
            self._record(None, "restated", op)
            return
        if op.op == "restate":
            node.text = self._content_text(op)
        elif op.op == "repeal":
            node.text = ""
        else:
            raise ApplyError(f"{op.op} of a heading is not possible", where=op.where)
        unit = f"heading_{NOTE_UNITS.get(node.kind, 'chapter')}"
        self._note(node, "restated" if op.op == "restate" else "repealed", unit, node.num, op)
        self._record(node, "restated", op)

    def _insert(self, op: Operation) -> None:
        annex, roots = self.tree.scope(op)
        kind, nums = _terminal(op)
        assert kind is not None
        parent = _chain(self.tree, op, (annex, roots), kind)
        content = list(op.provisions)
        if [(n.kind, n.num) for n in content] != [(kind, num) for num in nums]:
            held = ", ".join(f"{n.kind.name.lower()} {n.num}".strip() for n in content) or "nothing"
            wanted = ", ".join(f"{kind.name.lower()} {n}" for n in nums)
            raise ApplyError(f"the quoted wording should hold {wanted}; it holds {held}", where=op.where)
        for quoted in content:
            (node,) = copy_nodes([quoted])
            if self.tree.find(parent, annex, kind, node.num):
                raise ApplyError(f"{kind.name.lower()} {node.num} already exists", where=op.where)
            siblings, index, owner = self._place(parent, annex, roots, kind, node.num)
            siblings.insert(index, node)
            self.tree.index([node], owner, annex)
            self._unit_note_inserted(node, owner, annex)
            self._record(node, "inserted", op)

    def _place(
        self, parent: Node | None, annex: Annex | None, roots: list[Node], kind: Kind, num: str
    ) -> tuple[list[Node], int, Node | None]:
        """Where a new unit goes: after its kind's unit with the next lower number (7-2 after
        7-1, 7-1 after 7), or before the next higher one, or at the end of its container.
        The usual neighbours are looked up by number; only an unusual number costs a walk."""
        key = _num_sort(num)
        parts = num.split("-")
        guesses = []
        if len(parts) > 1 and parts[-1].isdigit() and int(parts[-1]) > 1:
            guesses.append("-".join([*parts[:-1], str(int(parts[-1]) - 1)]))
        if len(parts) > 1:
            guesses.append("-".join(parts[:-1]))
        elif parts[0].isdigit() and int(parts[0]) > 1:
            guesses.append(str(int(parts[0]) - 1))
        lower = next((found[0] for g in guesses if (found := self.tree.find(parent, annex, kind, g))), None)
        if lower is None:
            search = parent.children if parent is not None else roots
            same = [n for n in walk(search) if n.kind is kind and self.tree.attached(n)]
            below = [n for n in same if _num_sort(n.num) < key]
            if below:
                lower = max(below, key=lambda n: _num_sort(n.num))
            else:
                above = [n for n in same if _num_sort(n.num) > key]
                if above:
                    anchor = min(above, key=lambda n: _num_sort(n.num))
                    siblings = self.tree.list_of[id(anchor)]
                    return siblings, _position(siblings, anchor), self.tree.parent_of[id(anchor)]
                return search, len(search), parent
        siblings = self.tree.list_of[id(lower)]
        return siblings, _position(siblings, lower) + 1, self.tree.parent_of[id(lower)]

    def _unit_note_inserted(self, node: Node, owner: Node | None, annex: Annex | None) -> None:
        unit = NOTE_UNITS[node.kind]
        if owner is not None and owner.kind in NOTE_UNITS:
            parent_unit, parent_num = NOTE_UNITS[owner.kind], owner.num
        elif annex is not None:
            parent_unit, parent_num = "annex", annex.num
        else:
            parent_unit, parent_num = "act", ""
        text = render_note([self.order], "inserted_into", unit, node.num, "", parent=(parent_unit, parent_num))
        key = ("inserted_into", unit, node.num, "")
        self.notes_made[text] = NoteMade((self.order,), key, (parent_unit, parent_num))
        node.notes.append(Note(text, len(node.children)))

    def _renumbered_notes(self, node: Node, old: str) -> None:
        """The notes this chain wrote naming a renumbered unit by its old number (its own,
        and those of the units inserted into it) name it by the new one, as the bank's
        text, written after the change, would."""
        unit = NOTE_UNITS[node.kind]
        for holder in (node, *node.children):
            for index, note in enumerate(holder.notes):
                made = self.notes_made.get(note.text)
                if made is None:
                    continue
                if holder is node and made.key[1] in (unit, f"heading_{unit}") and made.key[2] == old:
                    text = made.render(num=node.num)
                elif holder is not node and made.parent == (unit, old):
                    text = made.render(parent=(unit, node.num))
                else:
                    continue
                self.notes_made[text] = dataclasses.replace(
                    made, key=(*made.key[:2], node.num if holder is node else made.key[2], made.key[3]),
                    parent=made.parent if holder is node else (unit, node.num),
                )
                holder.notes[index] = Note(text, note.pos)
            # a note now the same as another (the renumbering's own) is kept once
            kept: list[Note] = []
            for note in holder.notes:
                if all(k.text != note.text for k in kept):
                    kept.append(note)
            holder.notes[:] = kept

    def _restate(self, op: Operation) -> None:
        _, nodes = self._target_nodes(op)
        content = list(op.provisions)
        if [(n.kind, n.num) for n in content] != [(n.kind, n.num) for n in nodes]:
            held = ", ".join(f"{n.kind.name.lower()} {n.num}".strip() for n in content) or "nothing"
            wanted = ", ".join(f"{n.kind.name.lower()} {n.num}" for n in nodes)
            raise ApplyError(f"the quoted wording should hold {wanted}; it holds {held}", where=op.where)
        for old, new in zip(nodes, content, strict=True):
            notes = old.notes
            old.label, old.text, old.rows = new.label, new.text, copy_nodes([new])[0].rows
            old.children = copy_nodes(new.children)
            old.repealed = False
            old.notes = notes
            self.tree.index(old.children, old, self.tree.annex_of.get(id(old)))
            self._unit_note(old, "restated", op)
            self._record(old, "restated", op)

    def _repeal(self, op: Operation) -> None:
        _, nodes = self._target_nodes(op)
        for node in nodes:
            if node.repealed:
                raise ApplyError(f"{node.eid} is already repealed", where=op.where)
            node.children = []
            node.text = "" if node.kind not in (Kind.SECTION, Kind.CHAPTER, Kind.PARAGRAPH, Kind.ARTICLE) else node.text
            node.repealed = True
            self._unit_note(node, "repealed", op)
            self._record(node, "repealed", op)

    def _parts(self, op: Operation) -> None:
        """Indents and parts: the unnumbered paragraphs of a unit, counted from one."""
        annex, roots = self.tree.scope(op)
        holder = _chain(self.tree, op, (annex, roots), None)
        nums = _paragraph_nums(op)
        if holder is None or not nums:
            raise ApplyError(f"the {op.unit} of which unit?", where=op.where)
        parts = self._paragraphs(holder, op)
        if op.op == "insert":
            position = int(nums[0])
            texts = [n.text for n in op.provisions if n.kind is Kind.PART]
            if not texts or position > len(parts) + 1 or position < 1:
                raise ApplyError(
                    f"cannot insert {op.unit} {position} into {holder.eid}: it has {len(parts)}", where=op.where
                )
            if position <= len(parts):
                index = holder.children.index(parts[position - 1])
            elif op.target.parts and op.target.indents and parts:  # at the end of the part
                index = holder.children.index(parts[-1]) + 1
            else:
                index = len(holder.children)
            previous = parts[-1] if position == len(parts) + 1 and parts else None
            ends_a_list = previous is not None and previous.text.endswith(".") and previous.text[:1].islower()
            if previous is not None and ends_a_list and texts[0][:1].islower():
                # An indent added after the last one: the old last indent no longer ends the list.
                previous.text = previous.text[:-1] + ";"
                self._decide(
                    FuzzyKind.PUNCTUATION_ADJUSTED, op,
                    f"{op.unit} {position} of {holder.eid} added after its last one «{_tail(texts[0])}»",
                    f"the final «.» of the indent before it made «;» («{_tail(previous.text)}»)",
                )  # fmt: skip
            for offset, text in enumerate(texts):
                new = Node(Kind.PART, text=text)
                holder.children.insert(index + offset, new)
                self.inserted_parts.add(id(new))
        else:
            chosen = []
            for num in nums:
                position = int(num)
                if not 1 <= position <= len(parts):
                    raise ApplyError(
                        f"{holder.eid} has {len(parts)} paragraphs, no {op.unit} {position}", where=op.where
                    )
                chosen.append(parts[position - 1])
            quoted = [n.text for n in op.provisions if n.kind is Kind.PART]
            if op.op == "restate" and len(chosen) > 1 and len(quoted) == len(chosen):
                # "части третью и четвертую изложить" with two paragraphs quoted: one each.
                for part, text in zip(chosen, quoted, strict=True):
                    part.text = text
            elif op.op == "restate":
                chosen[0].text = self._content_text(op)
                for extra in chosen[1:]:
                    holder.children.remove(extra)
            else:
                for part in chosen:
                    holder.children.remove(part)
        self._note(holder, "amended", NOTE_UNITS.get(holder.kind, "point"), holder.num, op)
        self._record(holder, "amended", op)

    def _paragraphs(self, holder: Node, op: Operation) -> list[Node]:
        """The paragraphs an instruction counts: those of the text before this order; with
        both a part and indents named («абзац второй части четвертой»), the paragraphs of
        that part, whose indents follow its opening sentence ending in «:» (or an indent
        ending in «;») and begin with a small letter."""
        every = _parts_of(holder)
        parts = [p for p in every if id(p) not in self.inserted_parts]
        if not (op.target.parts and op.target.indents):
            self._counted_before(op, holder, parts, every)
            return parts
        number = int(op.target.parts[0])
        groups = _groups(parts)
        if not 1 <= number <= len(groups):
            raise ApplyError(f"{holder.eid} has {len(groups)} parts, no part {number}", where=op.where)
        now = _groups(every)
        self._counted_before(op, holder, groups[number - 1], now[number - 1] if number <= len(now) else [])
        return groups[number - 1]

    def _counted_before(self, op: Operation, holder: Node, counted: list[Node], now: list[Node]) -> None:
        """Paragraphs this act inserted earlier were left out of the count: when that moves the
        paragraph an instruction names, say which one was taken."""
        if op.op == "insert" and not op.words_at_the_end:
            return
        for num in _paragraph_nums(op):
            position = int(num)
            if not 1 <= position <= len(counted):
                continue
            node = counted[position - 1]
            at = next((i for i, n in enumerate(now, 1) if n is node), None)
            if at is not None and at != position:
                self._decide(
                    FuzzyKind.PARAGRAPHS_OF_THE_TEXT_BEFORE, op,
                    f"{op.unit} {position} of {holder.eid}",
                    f"took paragraph {at} of the text now («{_tail(node.text, head=True)}»), paragraph {position} of "
                    f"the text before this act: {len(now) - len(counted)} paragraph(s) it inserted not counted",
                )

    def _sentences(self, op: Operation) -> None:
        """Sentences of a unit's first paragraph (or of the part named)."""
        annex, roots = self.tree.scope(op)
        holder = _chain(self.tree, op, (annex, roots), None)
        if holder is None or not op.target.sentences:
            raise ApplyError("the sentence of which unit?", where=op.where)
        parts = _parts_of(holder)
        index = int((op.target.parts or op.target.indents or ("1",))[0])
        if not 1 <= index <= len(parts):
            raise ApplyError(f"{holder.eid} has no paragraph {index}", where=op.where)
        part = parts[index - 1]
        sentences = SENTENCE_END.split(part.text)
        wanted = [int(n) for n in op.target.sentences]
        if op.op == "insert":
            position = wanted[0]
            if not 1 <= position <= len(sentences) + 1:
                raise ApplyError(
                    f"cannot insert sentence {position}: the paragraph has {len(sentences)}", where=op.where
                )
            sentences.insert(position - 1, self._content_text(op))
        else:
            for num in wanted:
                if not 1 <= num <= len(sentences):
                    raise ApplyError(f"the paragraph has {len(sentences)} sentences, no sentence {num}", where=op.where)
            if op.op == "restate":
                index = wanted[0] - 1
                sentences[index] = self._content_text(op)
                # A clause after «;» restated as a sentence with a capital: the «;» becomes «.».
                if index and sentences[index][:1].isupper() and sentences[index - 1].endswith(";"):
                    sentences[index - 1] = sentences[index - 1][:-1] + "."
                    self._decide(
                        FuzzyKind.PUNCTUATION_ADJUSTED, op,
                        f"sentence {wanted[0]} of {holder.eid} restated as «{_tail(sentences[index], head=True)}»",
                        f"the «;» ending the sentence before it made «.» («{_tail(sentences[index - 1])}»)",
                    )  # fmt: skip
            else:
                sentences = [s for i, s in enumerate(sentences, 1) if i not in wanted]
        part.text = " ".join(sentences)
        self._note(holder, "amended", NOTE_UNITS.get(holder.kind, "point"), holder.num, op)
        self._record(holder, "amended", op)

    def _words_at_the_end(self, op: Operation) -> None:
        """«абзац шестой дополнить словами "…"»: the words go at the end of the unit's (last)
        paragraph, before the punctuation that ends it."""
        annex, roots = self.tree.scope(op)
        holder = _chain(self.tree, op, (annex, roots), None)
        if holder is None:
            raise ApplyError("the unit the words are added to is not named", where=op.where)
        nums = _paragraph_nums(op)
        if nums:
            parts = self._paragraphs(holder, op)
            position = int(nums[-1])
            if not 1 <= position <= len(parts):
                raise ApplyError(f"{holder.eid} has {len(parts)} paragraphs, no {op.unit} {position}", where=op.where)
            node = parts[position - 1]
        else:
            node = next((n for n in reversed(list(walk([holder]))) if n.text), holder)
        end = re.search(r"[.;:,]?\s*$", node.text)
        start = end.start() if end else len(node.text)
        final = node.text[start:].strip()
        node.text = f"{node.text[:start].rstrip()} {op.new_words}{final}"
        if final:
            self._decide(
                FuzzyKind.WORDS_BEFORE_PUNCTUATION, op,
                f"the words «{op.new_words}» added at the end of {_paragraph_name(op, holder)}",
                f"put before its final «{final}» («{_tail(node.text)}»)",
            )  # fmt: skip
        self._note(holder, "amended", NOTE_UNITS.get(holder.kind, "point"), holder.num, op)
        self._record(holder, "amended", op)

    def _named_paragraphs(self, holders: list[Node], op: Operation) -> list[Node]:
        """The parts or indents a word operation names, counted as `_parts` counts them; a
        paragraph that is not there is an error, never the whole unit instead."""
        if len(holders) != 1:
            raise ApplyError(f"the {op.unit} of which unit? ({len(holders)} units named)", where=op.where)
        parts = self._paragraphs(holders[0], op)
        chosen = []
        for num in _paragraph_nums(op):
            position = int(num) if num.isdigit() else 0
            if not 1 <= position <= len(parts):
                raise ApplyError(f"{holders[0].eid} has {len(parts)} paragraphs, no paragraph {num}", where=op.where)
            chosen.append(parts[position - 1])
        return list(walk(chosen))

    def _renumber(self, op: Operation) -> bool:
        """«В главах цифры "I, II, III, IV" заменить цифрами "1, 2, 3, 4"»: a change of the
        number of every chapter (or section) numbered as the old words, label included.
        False when no container has that number (the words are then looked for as words)."""
        old, new = (op.old_words or "").strip(), (op.new_words or "").strip()
        found = [n for kind in (Kind.CHAPTER, Kind.SECTION) for n in self.tree.by_key.get((kind, old), [])]
        found = [n for n in found if self.tree.attached(n)]
        if not found or not new:
            return False
        for node in found:
            self.tree.by_key[(node.kind, old)].remove(node)
            self.tree.by_key.setdefault((node.kind, new), []).append(node)
            printed = re.search(r"(?<!\w)[IVXLCYІ]+(?!\w)|(?<!\w)\d+(?:-\d+)*(?!\w)", node.label)
            label = node.label
            if printed is not None:
                node.label = node.label[: printed.start()] + new + node.label[printed.end() :]
            node.num = new
            self._decide(
                FuzzyKind.CHAPTER_RENUMBERED, op,
                f"«{old}» replaced by «{new}» in the headings of the whole text",
                f"{node.kind.name.lower()} {old} renumbered {new} (label «{label}» → «{node.label}»)",
            )  # fmt: skip
            self._renumbered_notes(node, old)
            self._note(node, "amended", NOTE_UNITS[node.kind], new, op)
            self._record(node, "amended", op)
        return True

    def _words(self, op: Operation) -> None:
        if op.unit == "heading" and op.scope == "whole_text" and self._renumber(op):
            return
        old, new = op.old_words or "", op.new_words or ""
        if op.op == "insert_words" and op.position == "before":  # «… алдынан»: before the anchor as it stands
            replacement = new
        elif op.op == "insert_words":
            joiner = "" if new[:1] in ",.;:)" else " "
            replacement = f"{old}{joiner}{new}"
        elif op.op == "delete_words":
            replacement = ""
        else:
            replacement = new
        pattern = re.compile(rf"(?<!\w){re.escape(old)}(?!\w)")
        whole = op.scope == "whole_text" or op.unit in ("text", "act")
        annex, roots = self.tree.scope(op)
        if whole and not (op.target.chapter or op.target.points or op.target.articles):
            scope_nodes = roots
            holder = None
        else:
            if op.unit in UNIT_KINDS:
                nodes = self._target_nodes(op)[1]
            else:
                named = _chain(self.tree, op, (annex, roots), None)
                if named is None:
                    raise ApplyError("the unit whose words change is not named", where=op.where)
                nodes = [named]
            scope_nodes = nodes
            holder = nodes
        # A heading's words are the heading's, not the text under it.
        nodes_in_scope = list(scope_nodes) if op.unit == "heading" else list(walk(scope_nodes))
        if op.target.text_only:  # «в тексте статьи»: the unit's text below its heading
            nodes_in_scope = list(walk([child for node in scope_nodes for child in node.children]))
        if holder is not None and _paragraph_nums(op):  # «в абзаце третьем …»: that paragraph only
            nodes_in_scope = self._named_paragraphs(holder, op)
        put: Callable[[re.Match[str]], str] = lambda _: replacement  # noqa: E731
        if op.position == "before":
            put = lambda match: f"{new} {match.group(0)}"  # noqa: E731
        if holder is not None and not any(pattern.search(node.text) for node in nodes_in_scope):
            pattern = _lenient(old, nodes_in_scope, op)
            put = put if op.position == "before" else restoring_lost_space(replacement)
            found = next(((m, n.text) for n in nodes_in_scope if (m := pattern.search(n.text))), None)
            if found is not None:
                match, text = found
                around = text[max(0, match.start() - 15) : match.end() + 15]
                where = ", ".join(n.eid for n in holder or ())
                glued = match.end() < len(text) and text[match.end()].isalnum() and op.position != "before"
                self._decide(
                    FuzzyKind.WORDS_FOUND_LENIENTLY, op,
                    f"the words «{old}» in {where}, not there as printed",
                    f"taken as «{match.group(0)}» in «…{' '.join(around.split())}…» (spaces lost at a line break "
                    "or another letter case) and changed" + ("; the space lost after them put back" if glued else ""),
                )  # fmt: skip
        count = 0
        changed: list[Node] = []
        for node in nodes_in_scope:
            before = count
            node.text, n = pattern.subn(put, node.text)
            count += n
            for row in node.rows:
                for cell in row:
                    cell.text, n = pattern.subn(put, cell.text)
                    count += n
            if count > before:
                changed.append(node)
        if whole and holder is None and annex is None:
            title, n = pattern.subn(put, self.tree.document.title)
            self.tree.document.title = title
            count += n
            for index, paragraph in enumerate(self.tree.document.preamble):  # the preamble is text too
                self.tree.document.preamble[index], n = pattern.subn(put, paragraph)
                count += n
        if count == 0:
            where = ", ".join(n.eid for n in holder) if holder else (annex.eid if annex else "the act")
            raise ApplyError(f"the words «{old}» are not in {where}", where=op.where)
        # No double space or space before a comma where words were deleted, or where the new
        # words begin with a comma («лиц в случаях, …» → «лиц, охваченных …»).
        if op.op == "delete_words" or replacement[:1] in ",;.":
            for node in changed:
                node.text = re.sub(r"\s{2,}", " ", node.text).replace(" ,", ",").strip()
        if holder is None:
            action = {"replace_words": "replaced_throughout", "insert_words": "inserted_throughout"}.get(
                op.op, "deleted_throughout"
            )
            text = render_note([self.order], action, "act", "", "", old=old, new=new)
            notes = annex.notes if annex is not None else self.tree.document.title_notes
            if text not in (n.text for n in notes):
                notes.append(Note(text, 0))
            self._record(None, "amended", op)
            return
        owners: list[Node] = []
        for node in changed:
            owner = node if node.kind in NOTE_UNITS else self._holder(node)
            if owner is not None and owner not in owners:
                owners.append(owner)
        for owner in owners or holder:
            self._note(owner, "amended", NOTE_UNITS.get(owner.kind, "point"), owner.num, op)
            self._record(owner, "amended", op)


def _groups(parts: list[Node]) -> list[list[Node]]:
    """Paragraphs grouped into parts: an opening sentence ending in «:» (or an indent ending
    in «;») and the indents after it that begin with a small letter."""
    groups: list[list[Node]] = []
    for part in parts:
        if groups and groups[-1][-1].text.rstrip()[-1:] in (":", ";") and part.text[:1].islower():
            groups[-1].append(part)
        else:
            groups.append([part])
    return groups


def _tail(text: str, head: bool = False, size: int = 50) -> str:
    """A short piece of a paragraph for a message: its end (or its beginning)."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    return text[:size] + "…" if head else "…" + text[-size:]


def _paragraph_name(op: Operation, holder: Node) -> str:
    nums = _paragraph_nums(op)
    return f"{op.unit} {nums[-1]} of {holder.eid}" if nums else holder.eid


def _lenient(old: str, nodes: list[Node], op: Operation) -> re.Pattern[str]:
    """The named unit's words when they are not found as printed: the one place where they
    stand with spaces lost at a line break of the source («техническоеобеспечение»,
    «в областистатистики») or with another case of letter (an earlier change of the same law
    «Плана» → «плана»). Only one such place is accepted; none or several stay an error."""
    words = [re.escape(word) for word in old.split()]
    pattern = re.compile(r"\s*".join(words), re.IGNORECASE)
    found = sum(len(pattern.findall(node.text)) for node in nodes)
    if found > 1:
        raise ApplyError(f"the words «{old}» are not in the unit as printed, and {found} places are like them",
                         where=op.where)
    return pattern


def apply_to_tree(
    document: Document,
    amendment: Amendment,
    in_force: str | None = None,
    fuzzy: list[FuzzyDecision] | None = None,
    *,
    table: bool | None = None,
    notes_made: NotesMade | None = None,
) -> tuple[Document, list[TreeChange]]:
    """The version after `amendment`: a new tree; `document` is not modified.

    All-or-nothing: the first operation that cannot be applied raises `ApplyError` naming
    its line, and no version is returned. An act whose annexes are tables of row units
    (Order 550) is edited by the table operations of `apply.tree_table`, which also record
    the order among those applied (with `in_force`) and report an annex found by likeness
    in `fuzzy`; an act of text provisions by the editor above. `table` says which when the
    caller knows (a version of the table model is one even without annexes); by default
    the annexes tell. The editor adds to `fuzzy` the changes the amending text does not
    literally make (a caller that reports to a reader must pass a list and show them:
    `apply.tree_chain` does); `notes_made` carries the notes written by the acts applied
    before, so that a later act joins an earlier one's note.
    """
    if table if table is not None else is_table_document(document):
        work = apply_table_order(document, amendment, in_force, fuzzy)
        assign_eids(work)
        return work, _table_changes(work, amendment)
    with collector_paused():
        work = copy_document(document)
        assign_eids(work)
        tree = _Tree(work, amendment.order.number)
        editor = _Editor(tree, amendment, notes_made if notes_made is not None else {})
        for op in amendment.operations:
            editor.run(op)
        assign_eids(work)
    if fuzzy is not None:
        fuzzy.extend(d for d in editor.decisions if d not in fuzzy)
    return work, editor.changes()


def _table_changes(document: Document, amendment: Amendment) -> list[TreeChange]:
    """The changes an order made to a table act, read from its units' history."""
    order = amendment.order
    return [
        TreeChange(node.eid, change.action, 0)
        for node in document.units()
        for change in node.changes
        if (change.order_number, change.order_date) == (order.number, order.date)
    ]
