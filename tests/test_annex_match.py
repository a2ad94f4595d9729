"""Annex matching: the order names an annex in a case form, sometimes in other words."""

from __future__ import annotations

import pytest

from consolidate.apply.annex_match import SIMILAR, find_annex, match_annex
from consolidate.errors import ApplyError
from consolidate.sources import load_version
from tests.conftest import BASE_550

TERRITORIAL = (
    "Қазақстан Республикасы Төтенше жағдайлар министрлігінің облыстық (республикалық маңызы бар "
    "қалалардың және астананың) аумақтық органдары лауазымдарының санаттарына қойылатын біліктілік талаптарында"
)


@pytest.fixture(scope="module")
def annexes():
    return load_version(BASE_550).annexes


def test_locative_name_matches_the_nominative_title(annexes):
    assert find_annex(annexes, TERRITORIAL, "t").num == "2"


def test_case_and_quotes_do_not_matter(annexes):
    name = (
        '"ТӨТЕНШЕ жағдайлар министрлігі Мәлік Ғабдуллин атындағы Азаматтық қорғау академиясы" мемлекеттік '
        "мекемесі лауазымдарының санаттарына қойылатын біліктілік талаптарында"
    )
    assert find_annex(annexes, name, "t").num == "3"


def test_small_wording_differences(annexes):
    dropped = TERRITORIAL.replace("Қазақстан Республикасы ", "")
    assert find_annex(annexes, dropped, "t").num == "2"
    typo = TERRITORIAL.replace("аумақтық", "аумактық")
    assert find_annex(annexes, typo, "t").num == "2"


def test_no_match_lists_the_annexes(annexes):
    with pytest.raises(ApplyError, match=r"no annex of the base is named .*annexes: 1: .*; 2: .*; 3: "):
        find_annex(annexes, "Өрт қауіпсіздігі қағидаларында", "order.txt:12")


def test_two_equally_close_titles_are_an_error(annexes):
    import dataclasses

    twins = [dataclasses.replace(annexes[0], num="1"), dataclasses.replace(annexes[0], num="9")]
    with pytest.raises(ApplyError, match="several annexes match"):
        find_annex(twins, annexes[0].title, "t")


def test_an_exact_match_is_no_guess_and_a_similar_one_says_how_similar(annexes):
    assert match_annex(annexes, TERRITORIAL, "t").similarity is None
    other_word = TERRITORIAL.replace("аумақтық органдары", "аумақтық бөлімшелері")
    match = match_annex(annexes, other_word, "t")
    assert match.annex.num == "2"
    assert match.similarity is not None and SIMILAR <= match.similarity < 1
