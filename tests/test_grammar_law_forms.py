"""Forms of the real amending laws of tests/corpus/amending that the grammar reads by general
rules: a range of letter subpoints kept as a range and resolved by apply against the act's own
lettering (kzlaws-1763), the text of a unit below its heading («в тексте статьи»), the headings
of every chapter («В главах») and one quoted list paired with another «соответственно»
(kzlaws-11040)."""

from __future__ import annotations

from pathlib import Path

import pytest

from consolidate.apply.lost_space import restoring_lost_space
from consolidate.apply.ranges import expand_letter_ranges
from consolidate.errors import ApplyError, ParseError
from consolidate.model.amendment import Target
from consolidate.model.tree import Kind, Node
from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import read_sentence
from consolidate.parse.reading import reading
from consolidate.sources import parse_source

AMENDING = Path(__file__).parent / "corpus" / "amending"


def read(sentence: str, lang: str) -> dict:
    return reading(read_sentence(sentence, grammar(lang), "sentence"))


# --- letter ranges ---------------------------------------------------------------------


@pytest.mark.parametrize(("folder", "lang"), [("kzlaws-1763-rus", "ru"), ("kzlaws-1763-kaz", "kk")])
def test_a_range_of_letter_subpoints_stays_a_range(folder: str, lang: str) -> None:
    amendment = parse_source(AMENDING / folder / ("rus.md" if lang == "ru" else "kaz.md"), lang)
    first = amendment.operations[0]
    assert (first.op, first.unit, first.target.articles) == ("repeal", "subpoint", ("9",))
    assert first.target.subpoints == ("н", "т", "у", "ц", "ш..ю")


def test_the_stray_comma_of_the_kazakh_range_is_repaired_and_reported() -> None:
    amendment = parse_source(AMENDING / "kzlaws-1763-kaz" / "kaz.md", "kk")
    assert [(c.raw, c.clean, c.line) for c in amendment.cleanups] == [("ш), -ю)", "ш)-ю)", 7)]


def test_a_lone_sentence_with_the_stray_comma_is_refused() -> None:
    # No cleanup is made for a fragment: the damaged range is not read.
    with pytest.raises(ParseError):
        read_sentence("н), т), у),ц), ш), -ю) тармақшалары алынып тасталсын;", grammar("kk"), "s")


def test_a_range_read_in_a_sentence() -> None:
    assert read("подпункты а) и в)-д) исключить;", "ru") == {
        "op": "repeal", "unit": "subpoint", "target": {"subpoints": ["а", {"from": "в", "to": "д"}]},
    }


def test_a_backward_letter_range_is_refused() -> None:
    with pytest.raises(ParseError, match="not a range"):
        read_sentence("подпункты ю)-ш) исключить;", grammar("ru"), "s")


def _subpoints(letters: str) -> list[Node]:
    return [Node(Kind.SUBPOINT, num=letter, label=f"{letter})") for letter in letters]


def _resolve(nums: list[str], siblings: list[Node]) -> list[str]:
    return expand_letter_ranges(
        nums, lambda n: [s for s in siblings if s.num == n], lambda _: siblings, "rus.md:7"
    )


def test_apply_takes_the_letters_the_act_has_between_the_ends() -> None:
    # The act skips «щ», «ъ», «ы», «ь» and «э»: the range covers what it has, in its order.
    siblings = _subpoints("нтуцчшюя")
    assert _resolve(["н", "ш..ю"], siblings) == ["н", "ш", "ю"]


def test_apply_refuses_a_range_whose_end_the_act_lacks() -> None:
    with pytest.raises(ApplyError, match=r"subpoint ю\) is not in the act"):
        _resolve(["ш..ю"], _subpoints("нтуцчш"))


def test_apply_refuses_ends_in_the_wrong_order() -> None:
    siblings = _subpoints("юш")
    with pytest.raises(ApplyError, match="does not follow"):
        _resolve(["ш..ю"], siblings)


# --- the text of a unit below its heading ------------------------------------------------


def test_in_the_text_of_the_article_names_the_article_below_its_heading() -> None:
    instruction = read_sentence(
        '2) в тексте статьи после слов "в области" дополнить словом"государственной", слова '
        '"в установленном законодательством порядке"заменить словами "в порядке, установленном законодательством"',
        grammar("ru"),
        "s",
    )
    # Out of its context the article has no number; the second clause takes the first's place
    # (the text below the heading) and gets its unit from the context in a whole law.
    assert [(p.op, p.unit, p.target) for p in instruction.parts] == [
        ("insert_words", "article", Target(text_only=True)),
        ("replace_words", "text", Target(text_only=True)),
    ]


def test_in_the_text_of_article_30_keeps_reading_as_before() -> None:
    instruction = read_sentence('в тексте статьи 30 слово "плана" заменить словом "Плана";', grammar("ru"), "s")
    assert (instruction.unit, instruction.target) == ("article", Target(articles=("30",)))


def test_the_whole_law_reads_the_context_article_text_only() -> None:
    amendment = parse_source(AMENDING / "kzlaws-11040-rus" / "rus.md", "ru")
    line_71 = [op for op in amendment.operations if op.source.line == 71]
    assert [(op.unit, op.target.articles, op.target.text_only) for op in line_71] == [
        ("article", ("6",), True), ("article", ("6",), True),
    ]


# --- headings of every chapter, lists paired respectively ---------------------------------


def test_in_the_chapters_a_list_paired_respectively_is_one_change_per_pair() -> None:
    got = read('16. В главах цифры "I, II, III, IV" заменить цифрами "1, 2, 3, 4"соответственно.', "ru")
    assert got == {"op": "several", "operations": [
        {"op": "replace_words", "unit": "heading", "target": {}, "old_words": old, "new_words": new,
         "scope": "whole_text"}
        for old, new in (("I", "1"), ("II", "2"), ("III", "3"), ("IV", "4"))
    ]}


def test_a_list_in_one_quote_without_respectively_stays_one_change() -> None:
    got = read('слова "A, B" заменить словами "C, D";', "ru")
    assert (got["old_words"], got["new_words"]) == ("A, B", "C, D")


def test_lists_of_unequal_length_stay_one_change() -> None:
    got = read('в пункте 2 слова "A, B" заменить словами "C" соответственно;', "ru")
    assert (got["old_words"], got["new_words"]) == ("A, B", "C")


# --- a lost space put back ------------------------------------------------------------


def test_words_put_where_a_space_was_lost_get_the_space_back() -> None:
    import re

    text = "Международное сотрудничество в областистатистики"
    pattern = re.compile(r"в\s*области", re.IGNORECASE)
    assert pattern.sub(restoring_lost_space("в области государственной"), text) == (
        "Международное сотрудничество в области государственной статистики"
    )
    assert pattern.sub(restoring_lost_space("в области,"), "в областистатистики") == "в области,статистики"


# --- Law 11040 in Kazakh ----------------------------------------------------------------


def test_a_case_change_inside_other_quoted_words() -> None:
    got = read(
        '"статистикалық жұмыстардың жоспары", "статистикалық жұмыстар жоспарын" деген сөздердегі '
        '"статистикалық" деген сөз бас әріппен жазылсын;',
        "kk",
    )
    assert [(p["old_words"], p["new_words"]) for p in got["operations"]] == [
        ("статистикалық жұмыстардың жоспары", "Статистикалық жұмыстардың жоспары"),
        ("статистикалық жұмыстар жоспарын", "Статистикалық жұмыстар жоспарын"),
    ]


def test_a_case_change_of_a_word_not_once_in_its_phrase_is_refused() -> None:
    with pytest.raises(ParseError, match="not once a word"):
        read_sentence('"жұмыстар жоспары" деген сөздердегі "статистикалық" деген сөз бас әріппен жазылсын;',
                      grammar("kk"), "s")


def test_before_the_words_of_the_clause_before() -> None:
    got = read('1) тақырыптағы "Статистика" деген сөз кіші әріппен жазылып, алдынан "Мемлекеттік" деген сөзбен '
               "толықтырылсын;", "kk")
    assert got["operations"] == [
        {"op": "replace_words", "unit": "heading", "target": {}, "old_words": "Статистика",
         "new_words": "статистика"},
        {"op": "insert_words", "unit": "heading", "target": {}, "old_words": "Статистика",
         "new_words": "Мемлекеттік", "position": "before"},
    ]


def test_before_with_no_words_to_stand_before_is_refused() -> None:
    with pytest.raises(ParseError, match="no words to stand before"):
        read_sentence('алдынан "Мемлекеттік" деген сөзбен толықтырылсын;', grammar("kk"), "s")


def test_punctuation_named_in_words() -> None:
    got = read('"сақтауға" деген сөзден кейін нүктелі үтір қойылсын;', "kk")
    assert (got["op"], got["old_words"], got["new_words"]) == ("insert_words", "сақтауға", ";")


def test_a_space_lost_after_degen() -> None:
    got = read('14. ІV тараудың тақырыбындағы "Заңды" деген сөз "заңдарын" дегенсөздермен ауыстырылсын.', "kk")
    assert (got["unit"], got["target"], got["old_words"], got["new_words"]) == (
        "heading", {"chapter": "ІV"}, "Заңды", "заңдарын",
    )


def test_the_kazakh_law_repairs_the_stray_quote_and_reads_line_135() -> None:
    amendment = parse_source(AMENDING / "kzlaws-11040-kaz" / "kaz.md", "kk")
    stray = [c for c in amendment.cleanups if c.line == 135 and c.kind == "other"]
    assert [(c.raw, c.clean) for c in stray] == [('ауыстырылсын;", ', "ауыстырылсын; ")]
    line_135 = [(op.op, op.old_words, op.new_words) for op in amendment.operations if op.source.line == 135]
    assert line_135 == [
        ("replace_words", "қолданылып жүрген заңдарға", "Қазақстан Республикасының заңдарына"),
        ("insert_words", "сақтауға", ";"),
        ("delete_words", "мiндеттi.", None),
    ]


def test_words_inserted_before_are_applied_before_the_words_as_they_stand() -> None:
    import dataclasses

    from consolidate.apply.tree_chain import tree_versions
    from consolidate.importer.official import import_official

    base = import_official(Path(__file__).parent / "corpus" / "acts" / "kzlaws-104140-rus" / "rus.md", "ru").document
    amendment = parse_source(AMENDING / "kzlaws-11040-rus" / "rus.md", "ru")
    op = next(o for o in amendment.operations if o.source.line == 69)  # the heading of article 6
    before = dataclasses.replace(op, old_words="Международное", new_words="Двустороннее и", position="before")
    order = dataclasses.replace(amendment.order, number="280", date="2002-01-15")  # as publication.toml gives them
    versions, _ = tree_versions(base, [dataclasses.replace(amendment, order=order, operations=(before,))])
    (article,) = [n for n in versions[-1].document.units() if n.kind is Kind.ARTICLE and n.num == "6"]
    assert article.text == "Двустороннее и Международное сотрудничество в областистатистики"


def test_letter_subpoints_with_a_suffix_number() -> None:
    got = read('в подпунктах к-1) и к-3) слова "стандартов бухгалтерского учета" заменить словами '
               '"международных стандартов финансовой отчетности";', "ru")
    assert (got["unit"], got["target"]) == ("subpoint", {"subpoints": ["к-1", "к-3"]})


def test_a_range_between_suffixed_letters_is_refused() -> None:
    with pytest.raises(ParseError, match="range of letter subpoints"):
        read_sentence("подпункты к-1)-к-3) исключить;", grammar("ru"), "s")
