"""Every operation on the unit kinds of a real law (the Law «О Республиканской гвардии», the
reference bank's Russian text, tests/corpus/acts/kzlaws-104320-rus): parts, sentences,
article headings, the preamble, the title, subpoints, articles, words deleted and words
replaced throughout. The operations are written here as the parser gives them (the grammar
of these phrasings is measured on the corpus of real sentences); the expected results were
written by hand from the law's text.
"""

from __future__ import annotations

import pytest

from consolidate.apply.tree_apply import apply_to_tree
from consolidate.errors import ApplyError
from consolidate.importer.official import import_official
from consolidate.model.amendment import ActRef, Amendment, EntryIntoForce, Operation, OrderMeta, Source, Target
from consolidate.model.tree import Kind, Node, find
from tests.conftest import ROOT

LAW = ROOT / "tests" / "corpus" / "acts" / "kzlaws-104320-rus" / "rus.md"
EIF = "Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования."
CLAUSE = "приказом Министра обороны РК от 02.11.2026 № 901 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования)"


@pytest.fixture(scope="module")
def law():
    return import_official(LAW).document


def order(*ops: Operation) -> Amendment:
    meta = OrderMeta(
        number="901", date="2026-11-02", lang="ru", title="О внесении изменений", issuer="Министра обороны Республики Казахстан",
        amends=ActRef("", ""), entry_into_force=EntryIntoForce(kind="calendar", days=10, text=EIF), act_word="Приказ",
    )  # fmt: skip
    return Amendment(meta, tuple(ops))


def op(seq: int, kind: str, unit: str, target: Target, *, provisions=(), old=None, new=None, scope=None) -> Operation:
    return Operation(
        seq=seq, op=kind, unit=unit, annex=None, target=target, source=Source("order-901-rus.txt", 10 + seq, "…"),
        provisions=tuple(provisions), old_words=old, new_words=new, scope=scope,
    )  # fmt: skip


def part(text: str) -> Node:
    return Node(Kind.PART, text=text)


def parts(node: Node) -> list[str]:
    return [c.text for c in node.children if c.kind is Kind.PART]


def test_parts_of_an_article_repealed_restated_and_inserted(law):
    art1 = find(law, "chp_1__art_1")
    first, second, third = parts(art1)
    new, _ = apply_to_tree(law, order(
        op(1, "repeal", "part", Target(chapter="1", articles=("1",), parts=("2",))),
        op(2, "restate", "part", Target(chapter="1", articles=("1",), parts=("2",)),
           provisions=[part("Республиканская гвардия является воинским формированием.")]),
        op(3, "insert", "part", Target(chapter="1", articles=("1",), parts=("3",)),
           provisions=[part("Республиканская гвардия имеет знамя.")]),
    ))  # fmt: skip
    article = find(new, "chp_1__art_1")
    # part 2 repealed: the third became the second, then restated; a new third inserted
    assert parts(article) == [first, "Республиканская гвардия является воинским формированием.", "Республиканская гвардия имеет знамя."]
    assert second not in parts(article) and third not in parts(article)
    assert [n.text for n in article.notes][-1] == f"Сноска. Статья 1 с изменением, внесенным {CLAUSE}."
    assert parts(find(law, "chp_1__art_1")) == [first, second, third]  # the base is untouched


def test_sentences_of_a_paragraph(law):
    point = find(law, "chp_2__art_5__point_1")
    (text,) = parts(point)
    assert text == "Республиканская гвардия состоит из соединений, частей, подразделений и органов обеспечения."
    new, _ = apply_to_tree(law, order(
        op(1, "insert", "sentence", Target(chapter="2", articles=("5",), points=("1",), sentences=("2",)),
           provisions=[part("Структура утверждается Президентом.")]),
        op(2, "restate", "sentence", Target(chapter="2", articles=("5",), points=("1",), sentences=("1",)),
           provisions=[part("Республиканская гвардия состоит из соединений и частей.")]),
    ))  # fmt: skip
    assert parts(find(new, "chp_2__art_5__point_1")) == ["Республиканская гвардия состоит из соединений и частей. Структура утверждается Президентом."]
    gone, _ = apply_to_tree(new, order(op(1, "repeal", "sentence", Target(chapter="2", articles=("5",), points=("1",), sentences=("1",)))))
    assert parts(find(gone, "chp_2__art_5__point_1")) == ["Структура утверждается Президентом."]
    with pytest.raises(ApplyError, match="the paragraph has 1 sentences, no sentence 3"):
        apply_to_tree(law, order(op(1, "repeal", "sentence", Target(chapter="2", articles=("5",), points=("1",), sentences=("3",)))))


def test_article_heading_preamble_and_title(law):
    new, _ = apply_to_tree(law, order(
        op(1, "restate", "heading", Target(chapter="2", articles=("5",)), provisions=[part("Структура Республиканской гвардии")]),
        op(2, "restate", "preamble", Target(), provisions=[part("Настоящий Закон определяет статус Республиканской гвардии.")]),
        op(3, "restate", "title", Target(), provisions=[part("О Республиканской гвардии Республики Казахстан")]),
    ))  # fmt: skip
    article = find(new, "chp_2__art_5")
    assert (article.label, article.text) == ("Статья 5.", "Структура Республиканской гвардии")
    heading_note = f"Сноска. Заголовок статьи 5 в редакции приказа Министра обороны РК от 02.11.2026 № 901 ({EIF[:-1].split('приказ ', 1)[1]})."
    assert [(n.pos, n.text) for n in article.notes if "№ 901" in n.text] == [(0, heading_note)]  # under the heading
    assert new.preamble == ["Настоящий Закон определяет статус Республиканской гвардии."]
    assert new.preamble_notes[-1].text == f"Сноска. Преамбула в редакции приказа Министра обороны РК от 02.11.2026 № 901 ({EIF[:-1].split('приказ ', 1)[1]})."
    assert new.title == "О Республиканской гвардии Республики Казахстан"
    assert new.title_notes[-1].text == f"Сноска. Заголовок в редакции приказа Министра обороны РК от 02.11.2026 № 901 ({EIF[:-1].split('приказ ', 1)[1]})."


def test_subpoint_inserted_and_repealed(law):
    point = find(law, "chp_3__art_11__point_1")
    assert [c.num for c in point.children if c.kind is Kind.SUBPOINT][-2:] == ["8", "9"]
    new_sub = Node(Kind.SUBPOINT, num="8-1", label="8-1)", children=[part("организует охрану объектов;")])
    new, _ = apply_to_tree(law, order(
        op(1, "insert", "subpoint", Target(chapter="3", articles=("11",), points=("1",), subpoints=("8-1",)), provisions=[new_sub]),
        op(2, "repeal", "subpoint", Target(chapter="3", articles=("11",), points=("1",), subpoints=("7",))),
    ))  # fmt: skip
    subpoints = [c for c in find(new, "chp_3__art_11__point_1").children if c.kind is Kind.SUBPOINT]
    assert [s.num for s in subpoints][-4:] == ["7", "8", "8-1", "9"]
    repealed = find(new, "chp_3__art_11__point_1__subpoint_7")
    assert repealed.repealed and repealed.children == []
    assert repealed.notes[-1].text == f"Сноска. Подпункт 7) исключен {CLAUSE}."
    inserted = find(new, "chp_3__art_11__point_1__subpoint_8-1")
    assert inserted.notes[-1].text == f"Сноска. Пункт 1 дополнен подпунктом 8-1) в соответствии с {CLAUSE}."


def test_a_number_printed_twice_is_refused_as_ambiguous_never_guessed(law):
    # Article 12 of the law prints a second point "2." (its old, repealed point 2).
    with pytest.raises(ApplyError, match="point 2 is ambiguous: chp_4__art_12__point_2, chp_4__art_12__point_2_dup2"):
        apply_to_tree(law, order(op(1, "repeal", "subpoint", Target(articles=("12",), points=("2",), subpoints=("12",)))))


def test_article_inserted_into_its_chapter_and_restated(law):
    new_article = Node(Kind.ARTICLE, num="18-3", label="Статья 18-3.", text="Жилищное обеспечение",
                       children=[part("Военнослужащие обеспечиваются жильем в порядке, установленном законодательством.")])  # fmt: skip
    restated = Node(Kind.ARTICLE, num="13", label="Статья 13.", text="Командование",
                    children=[part("Командование Республиканской гвардией осуществляет Командующий.")])  # fmt: skip
    new, _ = apply_to_tree(law, order(
        op(1, "insert", "article", Target(articles=("18-3",)), provisions=[new_article]),
        op(2, "restate", "article", Target(articles=("13",)), provisions=[restated]),
    ))  # fmt: skip
    chapter = find(new, "chp_6")
    assert [c.num for c in chapter.children] == ["17", "18", "18-1", "18-2", "18-3"]
    assert find(new, "chp_6__art_18-3").notes[-1].text == f"Сноска. Глава 6 дополнена статьей 18-3 в соответствии с {CLAUSE}."
    article = find(new, "chp_4__art_13")
    assert (article.text, parts(article)) == ("Командование", ["Командование Республиканской гвардией осуществляет Командующий."])
    # the notes the bank printed under article 13 are its history: they stay, the new one follows
    assert [n.text for n in article.notes][:-1] == [n.text for n in find(law, "chp_4__art_13").notes]
    assert article.notes[-1].text == f"Сноска. Статья 13 в редакции приказа Министра обороны РК от 02.11.2026 № 901 ({EIF[:-1].split('приказ ', 1)[1]})."


def test_words_deleted_in_a_point_and_replaced_throughout(law):
    point = find(law, "chp_6__art_17__point_5")
    assert "выступать в поддержку какой-либо политической партии, " in parts(point)[0]
    new, _ = apply_to_tree(law, order(
        op(1, "delete_words", "point", Target(chapter="6", articles=("17",), points=("5",)),
           old="выступать в поддержку какой-либо политической партии,"),
        op(2, "replace_words", "text", Target(), old="Республиканской гвардии", new="Национальной гвардии", scope="whole_text"),
    ))  # fmt: skip
    text = parts(find(new, "chp_6__art_17__point_5"))[0]
    assert "политической партии" not in text and "профессиональных союзах, организовывать забастовки" in text
    everything = "\n".join(c.text for c in find(new, "chp_6").children)
    assert "Республиканской гвардии" not in everything and "Национальной гвардии" in everything
    assert new.title_notes[-1].text == f"Сноска. По всему тексту слова «Республиканской гвардии» заменены словами «Национальной гвардии» {CLAUSE}."


def test_words_in_a_named_part_change_that_part_only(law):
    """«в части второй статьи 1 слова «Республиканская гвардия» заменить …»: the words also
    stand in the article's first part, which stays as it was (a named paragraph is never
    widened to its unit); a part that is not there is an error."""
    first, second, third = parts(find(law, "chp_1__art_1"))
    assert "Республиканская гвардия" in first and "Республиканская гвардия" in second
    new, _ = apply_to_tree(law, order(
        op(1, "replace_words", "part", Target(chapter="1", articles=("1",), parts=("2",)),
           old="Республиканская гвардия", new="Гвардия"),
    ))  # fmt: skip
    assert parts(find(new, "chp_1__art_1")) == [first, second.replace("Республиканская гвардия", "Гвардия"), third]
    with pytest.raises(ApplyError, match="no paragraph 7"):
        apply_to_tree(law, order(
            op(1, "replace_words", "part", Target(chapter="1", articles=("1",), parts=("7",)),
               old="Республиканская гвардия", new="Гвардия"),
        ))  # fmt: skip
