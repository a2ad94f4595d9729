"""Source blocks -> one provision tree.

The structure of an official text is read from its printed labels, the way a lawyer reads
it: "1-тарау." / "Глава 1." opens a chapter, "5." a point, "3)" a subpoint, a quote ending
in "… бекітілген" / "Приложение 2" opens an annex, "Ескерту." / "Сноска." is a note. A unit
closes when a unit of the same or a higher rank opens. Every other paragraph is a part of
the innermost open unit. Nothing of the source is dropped: what has no label is text of
the unit it stands in, so the tree exports back to the source.

Doubts are reported, not hidden: a repeated number under one parent, a subpoint with no
point, an annex without a number are warnings (errors under --strict, by the caller).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from consolidate.errors import InputError
from consolidate.importer.blocks import Block, Mark
from consolidate.importer.labels import Labels, labels
from consolidate.model.tree import CONTAINERS, Annex, Cell, Document, Identity, Kind, Node, Note, assign_eids

RANK = {
    Kind.SECTION: 1,
    Kind.CHAPTER: 2,
    Kind.BLOCK: 3,
    Kind.PARAGRAPH: 3,
    Kind.ARTICLE: 4,
    Kind.POINT: 5,
    Kind.SUBPOINT: 6,
}
_LOST_BREAK = re.compile(r"(?<=[;:])(?=[^\W\d_])(?=[^A-ZА-ЯЁӘІҢҒҮҰҚӨҺ])")
_ANNEX_NUM = re.compile(r"(\d{1,3}(?:-\d{1,3})?)\s?-?\s?қосымша|[Пп]риложение\s+(\d{1,3}(?:-\d{1,3})?)")


@dataclass(frozen=True)
class ImportWarning:
    """A doubt about the structure, with the source line it concerns."""

    line: int
    message: str


@dataclass
class _State:
    """Where the builder is: the open units (outermost first) and the body they belong to."""

    document: Document
    body: list[Node]
    annex: Annex | None = None
    stack: list[Node] = field(default_factory=list)
    started: bool = False  # a unit of the act's own body was seen
    in_signature: bool = False
    stamp_open: bool = False  # the last block was an annex stamp: a quote may continue it
    editorial: Note | None = None  # an editorial remark whose text is the next paragraph
    warnings: list[ImportWarning] = field(default_factory=list)


def _open(state: _State, node: Node, line: int) -> None:
    """Close units of the same or a lower rank, then open `node` under what stays open."""
    rank = RANK[node.kind]
    while state.stack and RANK[state.stack[-1].kind] >= rank:
        state.stack.pop()
    siblings = state.stack[-1].children if state.stack else state.body
    if node.num and any(s.kind == node.kind and s.num == node.num for s in siblings):
        state.warnings.append(ImportWarning(line, f"{node.kind.name.lower()} {node.num} printed twice in one place"))
    siblings.append(node)
    state.stack.append(node)
    state.started = True
    state.stamp_open = False
    state.in_signature = False


def _add_part(state: _State, text: str, line: int = 0) -> None:
    part = Node(Kind.PART, text=text)
    if state.stack:
        siblings = state.stack[-1].children
        last = siblings[-1] if siblings else None
        if last is not None and last.kind is Kind.PART and last.text[-1:].isalpha() and state.annex is None:
            # A paragraph of a provision ending in the middle of a word group, with no
            # punctuation («… на принципах равноправия и» / «взаимных интересов …»): the
            # source lost a line break there, and the next paragraph continues it.
            last.text = f"{last.text} {text}"
            state.warnings.append(ImportWarning(line, "a paragraph without final punctuation joined to the next"))
            return
        siblings.append(part)
    elif state.annex is None and not state.started:
        state.document.preamble.append(text)
    else:
        state.body.append(part)


def _note_owner(state: _State, text: str, lab: Labels, line: int) -> tuple[list[Note], int]:
    """The notes list a note belongs to and its position: the open unit the note names
    ("Статья 1 с изменением …" -> the open article 1), else the innermost open numbered
    unit, else the annex, the preamble or the title."""
    subject: tuple[str, str] | None = None
    for pattern in lab.note_subjects:
        match = pattern.search(text[:120])
        if match:
            subject = (lab.subjects.get(match.group("word").lower(), ""), match.group("num"))
            break
    if subject is not None:
        for node in reversed(state.stack):
            if node.kind.value == subject[0] and node.num == subject[1]:
                return node.notes, len(node.children)
        if subject[0] == "att" and state.annex is not None:
            return state.annex.notes, len(state.annex.body)
        # A note about an article that names another number ("В статью 3 …" printed under
        # article 17): it is about the open unit of that kind; the mismatch is reported.
        for node in reversed(state.stack):
            if node.kind.value == subject[0]:
                state.warnings.append(
                    ImportWarning(
                        line, f"a note names {subject[0]} {subject[1]} under {node.eid or node.kind.value} {node.num}"
                    )
                )
                return node.notes, len(node.children)
    for node in reversed(state.stack):
        if node.kind is not Kind.PART:
            return node.notes, len(node.children)
    if state.annex is not None:
        return state.annex.notes, len(state.annex.body)
    if not state.started:
        doc = state.document
        if doc.preamble:
            return doc.preamble_notes, len(doc.preamble)
        return doc.title_notes, 0
    return state.document.title_notes, 0


def _add_note(state: _State, text: str, lab: Labels, line: int) -> Note:
    notes, pos = _note_owner(state, text, lab, line)
    note = Note(text, pos)
    notes.append(note)
    return note


def _start_annex(state: _State, stamp: str, line: int, lab: Labels) -> None:
    """Open an annex. Its number is the one its stamp prints ("2-қосымша", "Приложение 2").
    A stamp that does not name the act ("… Қағидаларға қосымша", "Приложение к Правилам")
    opens an annex of the rules the annex before approves: it is nested in that annex."""
    match = _ANNEX_NUM.search(stamp)
    number = next((g for g in match.groups() if g), "") if match else ""
    annexes = state.document.annexes
    nested = bool(annexes) and not lab.of_act.search(stamp)
    if nested:
        since = next((i for i in range(len(annexes) - 1, -1, -1) if not annexes[i].nested), 0)
        siblings = annexes[since + 1 :]
    else:
        siblings = [a for a in annexes if not a.nested]
    if number and any(a.num == number for a in siblings):
        state.warnings.append(ImportWarning(line, f"annex {number} printed twice; the second is left unnumbered"))
        number = ""
    annex = Annex(num=number, stamp=stamp.split("\n"), nested=nested)
    annexes.append(annex)
    state.annex = annex
    state.body = annex.body
    state.stack = []
    state.stamp_open = True
    state.in_signature = False


def _continues_heading(state: _State, text: str) -> bool:
    """A paragraph in small letters right under a heading is the rest of that heading, which
    the source broke over two lines ("Глава 5. Применение … физической силы" / "и оружия. …")."""
    if not state.stack or not text[:1].islower():
        return False
    top = state.stack[-1]
    return top.kind in CONTAINERS and not top.children and not top.notes and not top.repealed


def _container(text: str, lab: Labels) -> Node | None:
    for kind, pattern in lab.containers:
        match = pattern.match(text)
        if match:
            heading = match.group("text") or ""
            mark = lab.footnote_mark.search(heading)
            # "IY": the bank's Y for V in a Roman number; the label stays as printed.
            num = "IV" if match.group("num") == "IY" else match.group("num")
            node = Node(kind, num=num, label=match.group("label"), text=heading)
            if mark is not None:  # the footnote mark of the older texts is not part of the heading
                node.text, node.mark = heading[: mark.start()], mark.group(0).strip()
                node.repealed = not node.text  # alone, it stands for a repealed unit's heading
            elif lab.repealed_heading.match(heading):  # "(Исключена - Законом РК от …)"
                node.text, node.mark, node.repealed = "", heading, True
            return node
    return None


def _numbered(text: str, lab: Labels) -> Node | None:
    for kind, pattern in ((Kind.POINT, lab.point), (Kind.SUBPOINT, lab.subpoint)):
        match = pattern.match(text)
        if match:
            node = Node(kind, num=match.group("num"), label=match.group("label"))
            node.children.append(Node(Kind.PART, text=match.group("text")))
            return node
    return None


def _table(block: Block) -> Node:
    assert block.grid is not None
    rows = [[Cell(c.text, c.rowspan, c.colspan) for c in row] for row in block.grid.rows]
    return Node(Kind.TABLE, rows=rows)


def _paragraph(state: _State, block: Block, lab: Labels) -> None:
    text = block.text
    if block.mark is Mark.NOTE:  # the source's markup says so: a note whole, never text
        state.editorial = None
        _add_note(state, text, lab, block.line)
        return
    if state.editorial is not None:
        state.editorial.text += "\n" + text
        state.editorial = None
        return
    if lab.note.match(text):
        _add_note(state, text, lab, block.line)
        return
    if lab.editorial.match(text):
        state.editorial = _add_note(state, text, lab, block.line)
        return
    if block.mark is Mark.QUOTE:
        if lab.stamp.search(text) or state.stamp_open:
            if state.stamp_open and state.annex is not None and not state.annex.title and not state.annex.body:
                state.annex.stamp.extend(text.split("\n"))
            else:
                _start_annex(state, text, block.line, lab)
            return
        if state.annex is not None and not state.annex.title and not state.annex.body:
            state.annex.stamp.extend(text.split("\n"))
            return
    if _continues_heading(state, text):
        top = state.stack[-1]
        joined = f"{top.text} {text}" if top.text else text
        mark = lab.footnote_mark.search(joined)
        top.text, top.mark = (joined[: mark.start()], mark.group(0).strip()) if mark else (joined, top.mark)
        return
    container = _container(text, lab)
    if container is not None:
        _open(state, container, block.line)
        return
    if block.mark is Mark.HEADING:
        if state.annex is not None and not state.annex.title and not state.annex.body:
            state.annex.title = text
            state.stamp_open = False
            return
        _open(state, Node(Kind.BLOCK, text=text), block.line)
        return
    numbered = _numbered(text, lab)
    if numbered is not None and not state.in_signature:
        _open(state, numbered, block.line)
        return
    if block.mark is Mark.BOLD and (state.started or state.in_signature) and state.annex is None:
        state.document.signature.extend(text.split("\n"))
        state.in_signature = True
        state.stack = []
        return
    if state.in_signature and state.annex is None:
        # A page's paragraph after the signature ("СОГЛАСОВАН" <br> the ministry) is its
        # lines; a quote of a markdown copy stays one entry, as the shipped bases have it.
        state.document.signature.extend([text] if block.mark is Mark.QUOTE else text.split("\n"))
        return
    state.stamp_open = False
    if state.stack and state.annex is None:
        # «…регионов;соблюдать …», «…Казахстан:уполномоченный …»: a list's line breaks lost
        # in the source, after «;» or «:» directly followed by a small letter.
        for piece in _LOST_BREAK.split(text):
            _add_part(state, piece, block.line)
        return
    _add_part(state, text, block.line)


def build_document(blocks: list[Block], identity: Identity, where: str) -> tuple[Document, list[ImportWarning]]:
    """The tree of an official text. The title is the first `# ` heading of a markdown
    copy (what stands before it is kept as `front`), else the first paragraph."""
    if not blocks:
        raise InputError("no text found", where=where)
    lab = labels()
    document = Document(identity=identity)
    titled = next((i for i, b in enumerate(blocks) if b.mark is Mark.TITLE), None)
    if titled is None:
        titled = next((i for i, b in enumerate(blocks) if b.grid is None), None)
        if titled is None:
            raise InputError("no title found: the text has only tables", where=where)
    for block in blocks[:titled]:
        document.front.extend(block.text.split("\n") if block.grid is None else [])
    document.title = blocks[titled].text
    state = _State(document=document, body=document.body)
    for block in blocks[titled + 1 :]:
        if block.grid is not None:
            state.editorial = None
            table = _table(block)
            if state.stack:
                state.stack[-1].children.append(table)
            else:
                state.body.append(table)
                state.started = True
            continue
        _paragraph(state, block, lab)
    if not any(True for _ in document.units()) and not document.preamble:
        raise InputError("no provisions found (no numbered points, articles or chapters)", where=where)
    assign_eids(document)
    return document, state.warnings


def build_fragment(blocks: list[Block]) -> tuple[list[Node], list[ImportWarning]]:
    """The units of a quoted new wording ("5. …", "3) …", "2-тарау. …", or bare paragraphs):
    the same reading as a whole act's body, without title, preamble or annexes."""
    lab = labels()
    document = Document(identity=Identity())
    state = _State(document=document, body=document.body, started=True)
    for block in blocks:
        if block.grid is not None:
            table = _table(block)
            (state.stack[-1].children if state.stack else state.body).append(table)
        else:
            _paragraph(state, block, lab)
    return document.body, state.warnings
