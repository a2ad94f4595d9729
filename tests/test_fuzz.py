"""Property tests: whatever the text, the parser answers or raises its own error, never crashes."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consolidate.errors import ConsolidateError
from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import read_sentence
from consolidate.parse.order import parse_text
from tests.conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
WORDS = [
    "тарау",
    "-тараудың",
    "-жолдар",
    "-жолмен",
    "параграф",
    "мынадай",
    "редакцияда",
    "жазылсын",
    "толықтырылсын",
    "алып",
    "тасталсын",
    "деген",
    "сөздер",
    "сөздермен",
    "ауыстырылсын",
    "және",
    "реттік",
    "нөмірі",
    "7-1",
    "33",
    "12-13",
    "«",
    "»",
    '"',
    ":",
    ";",
    ".",
    "\t",
    "\n",
    "БҰЙЫРАМЫН:",
    "1.",
    "2.",
    "(",
    ")",
    "–",
    "C-SV-2",
]
kazakhish = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), kazakhish))
def test_any_sentence_reads_or_raises_parse_error(text):
    with contextlib.suppress(ConsolidateError):
        read_sentence(text, grammar("kk"), "fuzz:1")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=2000), kazakhish))
def test_any_text_parses_or_raises_parse_error(text):
    with contextlib.suppress(ConsolidateError):
        parse_text(text, "fuzz.txt")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_seed_parses_or_raises_parse_error(data):
    """The seed with lines dropped, duplicated or swapped: still only our own errors."""
    lines = list(SEED_LINES)
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "swap", "cut"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, max(len(lines[i]) - 1, 0)))]
    with contextlib.suppress(ConsolidateError):
        parse_text("\n".join(lines), "damaged.txt")


RUSSIAN = [
    "главу", "главы", "главой", "строки", "строку", "порядковый", "номер", "пункт", "подпункт", "2)", "изложить",
    "в", "следующей", "редакции", "дополнить", "исключить", "слова", "заменить", "словами", "после", "и", "7-1",
    "«", "»", ":", ";", "ПРИКАЗЫВАЮ:", "1.", "от", "года", "№", "абзац", "второй", "по", "всему", "тексту",
]
russianish = st.lists(st.sampled_from(RUSSIAN) | st.text(max_size=6), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), russianish))
def test_any_russian_sentence_reads_or_raises_parse_error(text):
    with contextlib.suppress(ConsolidateError):
        read_sentence(text, grammar("ru"), "fuzz:1")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_as_word_or_html_raise_only_input_errors(data):
    from consolidate.parse.docx_input import read_docx
    from consolidate.parse.html_input import read_html

    for reader in (read_docx, read_html):
        with contextlib.suppress(ConsolidateError):
            reader(data, "fuzz")
