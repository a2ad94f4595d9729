"""A sentence is read completely or refused (issue 10, item 1): every word must be placed
by a rule, every quoted text used. The sentences are the silent misreads reported on real
amending texts; each is now read right or refused, never read as something wider."""

from __future__ import annotations

import pytest

from consolidate.errors import ParseError
from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import read_sentence
from consolidate.parse.reading import reading


def read(sentence: str, lang: str) -> dict:
    return reading(read_sentence(sentence, grammar(lang), "sentence"))


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        # once read as "repeal article 5", "repeal point 4", "restate chapter 3"
        ("ru", "часть третью статьи 5 исключить;", {"op": "repeal", "unit": "part", "target": {"articles": ["5"], "parts": ["3"]}}),
        ("ru", "третье предложение пункта 4 исключить;",
         {"op": "repeal", "unit": "sentence", "target": {"points": ["4"], "sentences": ["3"]}}),
        ("ru", "название главы 3 изложить в следующей редакции:", {"op": "restate", "unit": "heading", "target": {"chapter": "3"}}),
        # once read as indent 5, and as no indent at all
        ("kk", "3-тармақтың он бесінші абзацы алып тасталсын;",
         {"op": "repeal", "unit": "indent", "target": {"points": ["3"], "indents": ["15"]}}),
        ("ru", "в абзаце двенадцатом слова «а» заменить словами «б»;",
         {"op": "replace_words", "unit": "indent", "target": {"indents": ["12"]}, "old_words": "а", "new_words": "б"}),
        ("ru", "абзацы двадцать третий и двадцать шестой исключить;",
         {"op": "repeal", "unit": "indent", "target": {"indents": ["23", "26"]}}),
        ("ru", "части вторую - четвертую исключить;", {"op": "repeal", "unit": "part", "target": {"parts": [{"from": "2", "to": "4"}]}}),
        ("kk", "1) кіріспе мынадай редакцияда жазылсын:", {"op": "restate", "unit": "preamble", "target": {}}),
    ],
)  # fmt: skip
def test_units_once_misread_are_read(lang, sentence, expected):
    assert read(sentence, lang) == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "named"),
    [
        # a word no rule places: the sentence is refused, the words named
        ("kk", "2-тармақ мүлдем басқаша алып тасталсын;", "мүлдем басқаша"),
        ("ru", "пункт 2 статьи 5 частично исключить;", "частично"),
        # quoted words no rule uses (an anchor the grammar does not know)
        ("ru", 'в тексте после слова "Раздел" цифры "I - III" заменить соответственно цифрами "1 - 3";', "Раздел"),
        ("ru", "в пункте 2 слова «а» и слова «б» исключить;", "two groups of quoted words"),
        # units of one kind named twice in one place
        ("ru", "в пункте 2 пункта 3 слова «а» заменить словами «б»;", "points named twice"),
        ("kk", "мынадай мазмұндағы 7-1) 7-2-тармақшалармен толықтырылсын:", "7-1)"),
    ],
)
def test_a_sentence_not_read_completely_is_refused(lang, sentence, named):
    with pytest.raises(ParseError) as problem:
        read_sentence(sentence, grammar(lang), "sentence")
    assert named in str(problem.value)
