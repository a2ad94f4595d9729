"""Property tests on mutated orders (issue 12): whatever the damage, the reading is the
clean one (a certain, reported repair) or the order is refused; never another edit.

Mutations of Order 192 in its three shapes (text, Word, HTML):
- an invisible character anywhere: the same operations, the removal reported;
- a Latin look-alike inside a Cyrillic word of an instruction: the same operations;
- a look-alike or a foreign digit in place of a digit of an instruction: refused;
- random bytes of a Word file changed: refused, or (when the change missed every part)
  the same operations.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from consolidate.errors import ConsolidateError, ParseError
from consolidate.parse.cleanup import lookalike_table
from consolidate.parse.docx_input import read_docx
from consolidate.parse.html_input import read_html
from consolidate.parse.order import parse_blocks, parse_text
from tests.hostile_inputs import DOCX_192, HTML_192, flipped, instruction_lines, seed_lines, seed_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff", "\u200e", "\u202a", "\u2066"]
DIGIT_LOOKALIKES = ["l", "I", "O", "o", "З", "¹", "²", "³", "٣", "３", "߃", "𝟑", "Ⅲ"]
CYRILLIC_OF = {cyrillic: latin for latin, cyrillic in lookalike_table("kk").items()}
LINE_52 = "6-тараудың реттік нөмірлері 33 және 34-жолдар мынадай редакцияда жазылсын:"


@cache
def clean_operations():
    return parse_text(seed_text(), "kaz.txt").operations


def _shape(operations):
    """Operations without where they were read (a mutation does not move them)."""
    return [(op.op, op.unit, op.annex, op.target, op.content, op.old_words, op.new_words) for op in operations]


@SETTINGS
@given(st.data())
def test_an_invisible_character_anywhere_changes_nothing_but_is_reported(data):
    text = seed_text()
    position = data.draw(st.integers(0, len(text)))
    char = data.draw(st.sampled_from(INVISIBLE))
    mutated = text[:position] + char + text[position:]
    amendment = parse_text(mutated, "kaz.txt")
    assert amendment.operations == clean_operations()
    assert any(c.kind == "invisible" and char in c.raw for c in amendment.cleanups)


@SETTINGS
@given(st.data())
def test_a_latin_look_alike_in_an_instruction_is_repaired_and_reported(data):
    lines = seed_lines()
    number = data.draw(st.sampled_from(instruction_lines()))
    line = lines[number - 1]
    positions = [i for i, c in enumerate(line) if c in CYRILLIC_OF]
    position = data.draw(st.sampled_from(positions))
    lines[number - 1] = line[:position] + CYRILLIC_OF[line[position]] + line[position + 1 :]
    amendment = parse_text("\n".join(lines), "kaz.txt")
    assert amendment.operations == clean_operations()
    assert any(c.kind == "homoglyph" and c.line == number for c in amendment.cleanups)


@SETTINGS
@given(st.data())
def test_a_look_alike_digit_in_an_instruction_refuses_it(data):
    lines = seed_lines()
    number = data.draw(st.sampled_from(instruction_lines()))
    line = lines[number - 1]
    position = data.draw(st.sampled_from([i for i, c in enumerate(line) if c.isdigit()]))
    lines[number - 1] = line[:position] + data.draw(st.sampled_from(DIGIT_LOOKALIKES)) + line[position + 1 :]
    try:
        amendment = parse_text("\n".join(lines), "kaz.txt")
    except ParseError as error:
        assert f"kaz.txt:{number}:" in str(error) or any(f"kaz.txt:{number}:" in d for d in error.details)
    else:
        raise AssertionError(f"read: {lines[number - 1]!r} -> {[op.target for op in amendment.operations]}")


def _mutations(data) -> tuple[str, bool]:
    """LINE_52 with one mutation, and whether the reading must stay the clean one."""
    kind = data.draw(st.sampled_from(["invisible", "digit"]))
    if kind == "invisible":
        position = data.draw(st.integers(0, len(LINE_52)))
        return LINE_52[:position] + data.draw(st.sampled_from(INVISIBLE)) + LINE_52[position:], True
    position = data.draw(st.sampled_from([i for i, c in enumerate(LINE_52) if c.isdigit()]))
    return LINE_52[:position] + data.draw(st.sampled_from(DIGIT_LOOKALIKES)) + LINE_52[position + 1 :], False


@cache
def _docx_parts() -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(DOCX_192) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _docx_with(old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in _docx_parts():
            if name == "word/document.xml":
                assert part.count(old.encode()) == 1
                part = part.replace(old.encode(), new.encode())
            archive.writestr(name, part)
    return out.getvalue()


@cache
def clean_docx_operations():
    return parse_blocks(read_docx(DOCX_192.read_bytes(), "kaz.docx"), "kaz.docx").operations


@cache
def clean_html_operations():
    return parse_blocks(read_html(HTML_192.read_bytes(), "kaz.html"), "kaz.html").operations


@SETTINGS
@given(st.data())
def test_a_mutated_instruction_in_a_word_file_is_read_clean_or_refused(data):
    mutated, same = _mutations(data)
    blocks = read_docx(_docx_with(LINE_52, mutated), "kaz.docx")
    if same:
        assert _shape(parse_blocks(blocks, "kaz.docx").operations) == _shape(clean_docx_operations())
    else:
        try:
            parse_blocks(blocks, "kaz.docx")
        except ParseError:
            return
        raise AssertionError(f"read {mutated!r}")


@SETTINGS
@given(st.data())
def test_a_mutated_instruction_in_an_html_page_is_read_clean_or_refused(data):
    mutated, same = _mutations(data)
    page = HTML_192.read_bytes()
    assert page.count(LINE_52.encode()) == 1
    blocks = read_html(page.replace(LINE_52.encode(), mutated.encode()), "kaz.html")
    if same:
        assert _shape(parse_blocks(blocks, "kaz.html").operations) == _shape(clean_html_operations())
    else:
        try:
            parse_blocks(blocks, "kaz.html")
        except ParseError:
            return
        raise AssertionError(f"read {mutated!r}")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.integers(1, 16))
@example(seed=15834, flips=10)  # a central directory naming ZIP version 24.3: zipfile's NotImplementedError
def test_a_word_file_with_changed_bytes_is_refused_or_read_whole(seed, flips):
    data = flipped(DOCX_192.read_bytes(), seed, flips)
    try:
        operations = parse_blocks(read_docx(data, "kaz.docx"), "kaz.docx").operations
    except ConsolidateError:
        return
    assert _shape(operations) == _shape(clean_docx_operations())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.integers(1, 16))
def test_an_html_page_with_changed_bytes_never_crashes(seed, flips):
    data = flipped(HTML_192.read_bytes(), seed, flips)
    with contextlib.suppress(ConsolidateError):
        parse_blocks(read_html(data, "kaz.html"), "kaz.html")
