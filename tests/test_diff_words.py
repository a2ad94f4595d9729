"""The word diff: whole words only, and the pieces rebuild both texts exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from consolidate.diff.model import Piece
from consolidate.diff.words import _DMP, cell_text, diff_words, tokens


def rebuild(pieces: tuple[Piece, ...]) -> tuple[str, str]:
    old = "".join(p.text for p in pieces if p.op in ("equal", "delete"))
    new = "".join(p.text for p in pieces if p.op in ("equal", "insert"))
    return old, new


def changed(pieces: tuple[Piece, ...]) -> list[Piece]:
    return [p for p in pieces if p.op != "equal"]


def boundaries(parts: list[str]) -> set[int]:
    """Offsets where one part ends and the next begins."""
    offsets, at = set(), 0
    for part in parts:
        at += len(part)
        offsets.add(at)
    return offsets


def test_the_timeout_is_off():
    # The default of 1 s silently degrades a long diff to delete-all/insert-all.
    assert _DMP.Diff_Timeout == 0


def test_one_changed_word_is_one_delete_and_one_insert():
    old = "Азаматтық қорғау саласындағы аға инспектор лауазымына орналасу үшін жұмыс өтілі талап етілмейді."
    new = old.replace("инспектор", "инженер")
    pieces = diff_words(old, new)
    assert changed(pieces) == [Piece("delete", "инспектор"), Piece("insert", "инженер")]
    assert rebuild(pieces) == (old, new)


def test_a_word_is_never_split_even_when_only_its_ending_changes():
    # A character diff would keep «маман» and change only the ending.
    pieces = diff_words("Бас маманы бөлімінің", "Бас маманның бөлімінің")
    assert changed(pieces) == [Piece("delete", "маманы"), Piece("insert", "маманның")]


def test_russian_word_change():
    pieces = diff_words("Главный специалист отдела кадров", "Главный эксперт отдела кадров")
    assert changed(pieces) == [Piece("delete", "специалист"), Piece("insert", "эксперт")]


def test_hyphenated_words_and_codes_are_single_tokens():
    assert tokens("авариялық-құтқару С-SVO-8 7-1-тарау.") == [
        "авариялық-құтқару",
        " ",
        "С-SVO-8",
        " ",
        "7-1-тарау",
        ".",
    ]
    pieces = diff_words("С-SVO-8 санаты", "С-SVO-9 санаты")
    assert changed(pieces) == [Piece("delete", "С-SVO-8"), Piece("insert", "С-SVO-9")]
    pieces = diff_words("Өрт сөндіру және авариялық-құтқару ісі", "Өрт сөндіру және авариялық-іздестіру ісі")
    assert changed(pieces) == [Piece("delete", "авариялық-құтқару"), Piece("insert", "авариялық-іздестіру")]


def test_punctuation_is_its_own_token():
    pieces = diff_words("Бас маман, инженер", "Бас маман; инженер")
    assert changed(pieces) == [Piece("delete", ","), Piece("insert", ";")]


def test_empty_and_equal_texts():
    assert diff_words("", "") == ()
    assert diff_words("сол", "сол") == (Piece("equal", "сол"),)
    assert diff_words("", "жаңа") == (Piece("insert", "жаңа"),)
    assert diff_words("ескі", "") == (Piece("delete", "ескі"),)


def test_list_cells_are_one_item_per_line():
    assert cell_text(["Құқықтану", "Экономика"]) == "Құқықтану\nЭкономика"
    assert cell_text([]) == ""
    assert cell_text("Жоғары") == "Жоғары"
    pieces = diff_words(cell_text(["Құқықтану", "Экономика"]), cell_text(["Құқықтану", "Қаржы", "Экономика"]))
    assert changed(pieces) == [Piece("insert", "Қаржы\n")]


WORDS = (
    "Өрт", "сөндіру", "авариялық-құтқару", "жұмыстарын", "ұйымдастыру", "басқармасының", "бастығы",
    "С-SVO-8", "7-1", "№", "67", "бұйрықтың", "тармағында", "Главный", "специалист", "отдела",
    "гражданской", "защиты", "қызметкер", "ғылыми-зерттеу", "Құқықтану", "Экономика",
)  # fmt: skip
SEPARATORS = (" ", " ", " ", ", ", ". ", "\n", " - ", "; ", " (", ") ", "  ")
TEXT = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(SEPARATORS),
        st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі-.,;:() \n«»", max_size=8),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, TEXT)
def test_pieces_rebuild_both_texts_and_follow_word_boundaries(old, new):
    pieces = diff_words(old, new)
    assert rebuild(pieces) == (old, new)
    assert all(p.text for p in pieces)
    old_parts = [p.text for p in pieces if p.op != "insert"]
    new_parts = [p.text for p in pieces if p.op != "delete"]
    assert boundaries(old_parts) <= boundaries(tokens(old)) | {0}
    assert boundaries(new_parts) <= boundaries(tokens(new)) | {0}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=30), st.data())
def test_replacing_one_word_changes_only_that_word(words, data):
    index = data.draw(st.integers(0, len(words) - 1))
    replacement = data.draw(st.sampled_from([w for w in WORDS if w != words[index]]))
    old = " ".join(words)
    new_words = [*words]
    new_words[index] = replacement
    new = " ".join(new_words)
    pieces = diff_words(old, new)
    assert rebuild(pieces) == (old, new)
    deleted = "".join(p.text for p in pieces if p.op == "delete")
    inserted = "".join(p.text for p in pieces if p.op == "insert")
    assert tokens(deleted) == [words[index]]
    assert tokens(inserted) == [replacement]


def test_list_cells_are_compared_item_by_item():
    from consolidate.diff.words import diff_items

    old = ["Техник-құрылысшы", "Техник", "Құтқарушы", "Өрт сөндіруші"]
    new = ["Техник-құрылысшы", "Стандарттау жөніндегі техник", "Техник", "Құтқарушы", "Өрт сөндіруші"]
    pieces = diff_items(old, new)
    assert [p for p in pieces if p.op != "equal"] == [Piece("insert", "Стандарттау жөніндегі техник\n")]
    replaced = diff_items(["А және телекоммуникация", "Б"], ["А және телекоммуникациялар", "Б"])
    assert [p for p in replaced if p.op != "equal"] == [
        Piece("delete", "телекоммуникация"), Piece("insert", "телекоммуникациялар")]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Өрт", "Құқық", "Техник", "Экономика", "Құтқарушы"]), max_size=8),
       st.lists(st.sampled_from(["Өрт", "Құқық", "Техник", "Экономика", "Химия"]), max_size=8))  # fmt: skip
def test_item_pieces_rebuild_both_lists(old, new):
    from consolidate.diff.words import cell_text, diff_items

    pieces = diff_items(old, new)
    assert "".join(p.text for p in pieces if p.op != "insert") == cell_text(old)
    assert "".join(p.text for p in pieces if p.op != "delete") == cell_text(new)
