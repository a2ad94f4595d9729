"""The grammar on the real-text corpus (tests/corpus/instructions.jsonl, readings written
by hand): no sentence may be read wrongly without a warning, and the share read correctly
per language may not fall under the last measured one (tests/corpus/grammar_floor.json,
raised by hand when the grammar reads more; benchmarks/bench_grammar.py lists failures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.bench_grammar import CORRECT, WRONG, judge, load_corpus, measure

CORPUS = load_corpus()
FLOOR = json.loads((Path(__file__).parent / "corpus" / "grammar_floor.json").read_text(encoding="utf-8"))


def test_the_corpus_is_what_the_issue_asks():
    assert len(CORPUS) >= 400
    assert len({c["id"] for c in CORPUS}) == len(CORPUS)
    assert {c["lang"] for c in CORPUS} == {"kk", "ru"}


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c["id"])
def test_no_sentence_is_read_wrongly_without_a_warning(case):
    verdict, got = judge(case)
    assert verdict != WRONG, f"{case['text']}\nexpected {case['expected']}\ngot      {got}"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_correct_share_does_not_fall(lang):
    figures, _ = measure([c for c in CORPUS if c["lang"] == lang])
    row = figures[lang]
    floor = FLOOR[lang]
    assert row["total"] == floor["total"], "the corpus changed: measure again and update the floor by hand"
    assert row[CORRECT] >= floor["correct"], f"{lang}: {row[CORRECT]} correct, the floor is {floor['correct']}"
