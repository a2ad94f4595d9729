"""Grammar rule: numbered unit references and the case their ending gives them."""

from __future__ import annotations

import pytest

from consolidate.errors import ParseError
from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import UnitRef, find_refs


def refs(text: str) -> list[UnitRef]:
    return find_refs(text, grammar("kk"), "test:1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7-1-тараумен", [UnitRef("chapter", ("7-1",), "instrumental")]),
        ("8-тарау", [UnitRef("chapter", ("8",), "nominative")]),
        ("6-тараудың", [UnitRef("chapter", ("6",), "genitive")]),
        ("6-тарауда", [UnitRef("chapter", ("6",), "locative")]),
        ("6-тарауға", [UnitRef("chapter", ("6",), "dative")]),
        ("реттік нөмірі 55-1-жолмен", [UnitRef("row", ("55-1",), "instrumental")]),
        ("реттік нөмірлері 33 және 34-жолдар", [UnitRef("row", ("33", "34"), "nominative")]),
        ("реттік нөмірі 40-жолдағы", [UnitRef("row", ("40",), "locative")]),
        ("3, 4 және 5-параграфтар", [UnitRef("paragraph", ("3", "4", "5"), "nominative")]),
        ("2-параграфы", [UnitRef("paragraph", ("2",), "nominative")]),
        ("12-13-жолдар", [UnitRef("row", ("12", "13"), "nominative")]),
        ("44 – 46-жолдар", [UnitRef("row", ("44", "45", "46"), "nominative")]),
        ("26-1 – 26-3-жолдармен", [UnitRef("row", ("26-1", "26-2", "26-3"), "instrumental")]),
        (
            "5-тармағының 2) тармақшасы",
            [UnitRef("point", ("5",), "genitive"), UnitRef("subpoint", ("2",), "nominative")],
        ),
        ("4-тармақтың екінші абзацы", [UnitRef("point", ("4",), "genitive"), UnitRef("indent", ("2",), "nominative")]),
        ("3-қосымшаның", [UnitRef("annex", ("3",), "genitive")]),
        ("70-бабының", [UnitRef("article", ("70",), "genitive")]),
    ],
)
def test_reference(text, expected):
    assert refs(text) == expected


def test_a_suffixed_number_is_not_a_range_when_singular():
    assert refs("12-13-жол") == [UnitRef("row", ("12-13",), "nominative")]


def test_several_references_in_order():
    assert refs("17-тараудың 3, 4 және 5-параграфтар") == [
        UnitRef("chapter", ("17",), "genitive"),
        UnitRef("paragraph", ("3", "4", "5"), "nominative"),
    ]


def test_numbers_out_of_order_are_an_error():
    with pytest.raises(ParseError, match="out of order"):
        refs("34 және 33-жолдар")


def test_words_without_a_number_are_not_references():
    assert refs("тарау мынадай редакцияда жазылсын") == []
