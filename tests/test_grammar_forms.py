"""Units and forms of real amending texts (issue 10, items 3 and 4), each on real sentences
of the corpus (tests/corpus/instructions.jsonl): points numbered "2)" in old codes, the
instrumental of parts, headings named alone, numbered change items of a law, statements
that only the other language's text changes, acts lost force named by date and title,
contexts of a whole text, of a unit alone and of another act, quoted words kept exactly."""

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
        ("kk", "3) 73-баптың екінші бөлігінің 18) тармағы алып тасталсын;",
         {"op": "repeal", "unit": "point", "target": {"articles": ["73"], "parts": ["2"], "points": ["18"]}}),
        ("kk", "5) 390-баптың бірінші бөлігі мынадай мазмұндағы 15-1) тармақпен толықтырылсын:",
         {"op": "insert", "unit": "point", "target": {"articles": ["390"], "parts": ["1"], "points": ["15-1"]}}),
        ("ru", "пункт 2) части второй статьи 78 изложить в следующей редакции:",
         {"op": "restate", "unit": "point", "target": {"articles": ["78"], "parts": ["2"], "points": ["2"]}}),
        ("ru", "1) пункт 5 статьи 30 дополнить частью второй следующего содержания:",
         {"op": "insert", "unit": "part", "target": {"articles": ["30"], "points": ["5"], "parts": ["2"]}}),
        ("ru", "пункт второй изложить в следующей редакции:", {"op": "restate", "unit": "point", "target": {"points": ["2"]}}),
        ("kk", "тақырып мынадай редакцияда жазылсын:", {"op": "restate", "unit": "heading", "target": {}}),
        ("ru", "заголовок изложить в следующей редакции:", {"op": "restate", "unit": "heading", "target": {}}),
        ("kk", "мынадай мазмұндағы 234-1 және 434-2-баптардың тақырыптарымен толықтырылсын:",
         {"op": "insert", "unit": "heading", "target": {"articles": ["234-1", "434-2"]}}),
        ("ru", "3. Абзац четвертый статьи 16 изложить в следующей редакции:",
         {"op": "restate", "unit": "indent", "target": {"articles": ["16"], "indents": ["4"]}}),
        ("ru", "20) в тексте статьи 30 слова \"А\" заменить словами \"Б\".",
         {"op": "replace_words", "unit": "article", "target": {"articles": ["30"]}, "old_words": "А", "new_words": "Б"}),
        ("kk", "екінші бөліктің бірінші абзацының 4) тармағы «мүлікті» деген сөзден кейін «не оған құқықты» деген сөздермен толықтырылсын;",
         {"op": "insert_words", "unit": "point", "target": {"parts": ["2"], "indents": ["1"], "points": ["4"]},
          "old_words": "мүлікті", "new_words": "не оған құқықты"}),
        ("ru", "в приложении 1 в пункте 73 слово \"выдачей\" заменить словом \"выпуском\".",
         {"op": "replace_words", "unit": "point", "target": {"annex": "1", "points": ["73"]}, "old_words": "выдачей",
          "new_words": "выпуском"}),
        ("kk", "«келісімде» деген сөздің алдынан «жазбаша» деген сөзбен толықтырылсын;",
         {"op": "insert_words", "unit": "text", "target": {}, "old_words": "келісімде", "new_words": "жазбаша", "position": "before"}),
        # quoted words stay exactly as printed, two spaces included
        ("kk", "1) 3-баптың 2) тармағы «214-бапта – саны;» деген сөздерден кейін «217-1-бапта  – залал;» деген сөздермен толықтырылсын;",
         {"op": "insert_words", "unit": "point", "target": {"articles": ["3"], "points": ["2"]},
          "old_words": "214-бапта – саны;", "new_words": "217-1-бапта  – залал;"}),
    ],
)  # fmt: skip
def test_forms_of_real_texts(lang, sentence, expected):
    assert read(sentence, lang) == expected


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("kk", "56) тармақша бойынша орыс тіліндегі мәтінге түзету енгізілді, қазақ тіліндегі мәтін өзгермейді;",
         {"op": "no_change", "unit": "subpoint", "target": {"subpoints": ["56"]}, "language": "kk"}),
        ("kk", "1) қазақша мәтіні өзгеріссіз қалдырылсын;", {"op": "no_change", "unit": "text", "target": {}, "language": "kk"}),
        ("ru", "в пункт 5 вносится изменение на казахском языке, текст на русском языке не изменяется;",
         {"op": "no_change", "unit": "point", "target": {"points": ["5"]}, "language": "ru"}),
    ],
)  # fmt: skip
def test_a_change_of_the_other_language_only_changes_nothing_here(lang, sentence, expected):
    assert read(sentence, lang) == expected


def test_an_act_lost_force_named_by_date_and_title():
    sentence = (
        '"Жер туралы" 2001 жылғы 24 қаңтардағы Қазақстан Республикасы Заңының (Қазақстан Республикасы '
        "Парламентінің Жаршысы, 2001 ж., N 4, 21-құжат) күші жойылды деп танылсын."
    )
    instruction = read_sentence(sentence, grammar("kk"), "s")
    assert (instruction.op, instruction.act.number, instruction.act.date, instruction.act.title) == (
        "lose_force",
        "",
        "2001-01-24",
        "Жер туралы",
    )
    russian = read_sentence(
        'Признать утратившим силу Указ Президента Республики Казахстан, имеющий силу Закона, от 21 апреля 1995 года N 2227 "О ценных бумагах"',
        grammar("ru"),
        "s",
    )
    assert (russian.act.number, russian.act.date) == ("2227", "1995-04-21")


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("kk", "1-тармақ:", {"op": "context", "unit": "point", "target": {"points": ["1"]}}),
        ("kk", "1) бүкіл мәтін бойынша:", {"op": "context", "unit": "text", "target": {}, "scope": "whole_text"}),
        ("kk", "1. «Саяси партиялар туралы» 2002 жылғы 15 шілдедегі Қазақстан Республикасының Заңына:",
         {"op": "context", "unit": "act", "target": {}}),
        ("kk", "1-бап. Қазақстан Республикасының мына заңнамалық актілеріне өзгерістер енгізілсін:",
         {"op": "context", "unit": "act", "target": {}}),
        ("ru", "4. В Кодекс Республики Казахстан об административных правонарушениях от 30 января 2001 г. (Ведомости, N 5-6, ст. 24):",
         {"op": "context", "unit": "act", "target": {}}),
    ],
)  # fmt: skip
def test_contexts(lang, sentence, expected):
    assert read(sentence, lang) == expected


def test_a_unit_alone_before_a_colon_with_other_words_is_not_an_instruction():
    with pytest.raises(ParseError, match=r"not an instruction.*қайта қаралсын"):
        read_sentence("8-тарау жойылып, қайта қаралсын:", grammar("kk"), "s")


def test_in_an_order_a_whole_text_context_gives_its_scope_and_another_act_is_refused():
    from pathlib import Path

    from consolidate.parse.order import parse_text

    text = (Path(__file__).resolve().parent.parent / "amendments" / "900" / "kaz.txt").read_text(encoding="utf-8")
    old = "7-тармақ алып тасталсын."
    whole = text.replace(
        old, "бүкіл мәтін бойынша:\n\n«ЖСО» деген сөздер «жеке сот орындаушысы» деген сөздермен ауыстырылсын."
    )
    last = parse_text(whole, "kaz.txt").operations[-1]
    assert (last.op, last.scope, last.old_words) == ("replace_words", "whole_text", "ЖСО")
    only_russian = text.replace(
        old, "7-тармақ бойынша орыс тіліндегі мәтінге түзету енгізілді, қазақ тіліндегі мәтін өзгермейді."
    )
    assert len(parse_text(only_russian, "kaz.txt").operations) == len(parse_text(text, "kaz.txt").operations) - 1
    other_act = text.replace(old, "2014 жылғы 3 шілдедегі Қазақстан Республикасының Қылмыстық кодексіне:\n\n" + old)
    with pytest.raises(ParseError, match="another act"):
        parse_text(other_act, "kaz.txt")


@pytest.mark.parametrize(
    "sentence",
    [
        "Мыналардың күші жойылды деп танылсын:",
        "2-бап. Қазақстан Республикасының мынадай заңнамалық актілерінің күші жойылды деп танылсын:",
        '1. "Өлшем бірлігі туралы" 1993 жылғы 18 қаңтардағы Қазақстан Республикасының Заңы (Қазақстан Республикасы '
        "Жоғарғы Кеңесінің Жаршысы, 1993 ж., N 1, 21-құжат).",
        "1) «Қазақ КСР соттары судьяларының біліктілік алқалары туралы ережені бекіту туралы» Қазақ КСР Жоғарғы Кеңесі "
        "Президиумының 1990 жылғы 11 қаңтардағы Жарлығы (Қазақ КСР Жоғарғы Кеңесінің Жаршысы, 1990 ж., № 3, 13-құжат);",
    ],
)
def test_a_list_of_acts_lost_force_and_its_items(sentence):
    assert read(sentence, "kk") == {"op": "lose_force", "unit": "act", "target": {}}


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("ru", "дополнить абзацем следующего содержания:", {"op": "insert", "unit": "indent", "target": {}}),
        ("kk", "3) 6-тармақ мынадай мазмұндағы сөйлеммен толықтырылсын:",
         {"op": "insert", "unit": "sentence", "target": {"points": ["6"]}}),
        # printed without the space: "следующейредакции"
        ("ru", "второе предложение части первой статьи 597 изложить в следующейредакции:",
         {"op": "restate", "unit": "sentence", "target": {"articles": ["597"], "parts": ["1"], "sentences": ["2"]}}),
        # an unnumbered indent added after words removed in indent 4: a new indent of part 3, not indent 4
        ("kk", 'үшінші бөліктің төртінші абзацындағы "негіз болып табылады" деген сөздер алып тасталып, мынадай '
               "мазмұндағы абзацпен толықтырылсын:",
         {"op": "several", "operations": [
             {"op": "delete_words", "unit": "indent", "target": {"parts": ["3"], "indents": ["4"]},
              "old_words": "негіз болып табылады"},
             {"op": "insert", "unit": "indent", "target": {"parts": ["3"]}}]}),
    ],
)  # fmt: skip
def test_units_added_with_no_number(lang, sentence, expected):
    assert read(sentence, lang) == expected


def test_a_russian_act_lost_force_dated_with_g():
    sentence = (
        "Признать утратившим силу Указ Президента Республики Казахстан, имеющий силу Закона, от 21 апреля 1995 г. "
        'N 2227 "О ценных бумагах и фондовой бирже" (Ведомости Верховного Совета Республики Казахстан, 1995 г., N 5).'
    )
    act = read_sentence(sentence, grammar("ru"), "s").act
    assert (act.number, act.date) == ("2227", "1995-04-21")


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        # a list printed without one comma; a sentence opening with two numbers: the item, then the list
        ("kk", "мынадай мазмұндағы 7-1), 7-2) 7-3) және 7-4) тармақшалармен толықтырылсын:",
         {"op": "insert", "unit": "subpoint", "target": {"subpoints": ["7-1", "7-2", "7-3", "7-4"]}}),
        ("kk", "2) 8) және 9) тармақшалар алып тасталсын;", {"op": "repeal", "unit": "subpoint", "target": {"subpoints": ["8", "9"]}}),
        # an annex of the approved document named by number after the document's name
        ("kk", "жоғарыда аталған Жарлықпен бекітілген Қазақстан Республикасының дипломаттық және қызметтік паспорттарын "
               "беру, есепке алу, сақтау және жою қағидаларының 2-қосымшасында:",
         {"op": "context", "unit": "annex", "target": {"annex": "2"}}),
        # a sign put after words, in a sentence of three operations
        ("kk", '13) 29-баптың бірінші бөлігінің 3) тармақшасындағы "төлеуге" деген сөзден кейін ";" белгісі қойылып, '
               '"міндетті" деген сөз алып тасталсын, мынадай мазмұндағы 4) тармақшамен толықтырылсын:',
         {"op": "several", "operations": [
             {"op": "insert_words", "unit": "subpoint", "target": {"articles": ["29"], "parts": ["1"], "subpoints": ["3"]},
              "old_words": "төлеуге", "new_words": ";"},
             {"op": "delete_words", "unit": "subpoint", "target": {"articles": ["29"], "parts": ["1"], "subpoints": ["3"]},
              "old_words": "міндетті"},
             {"op": "insert", "unit": "subpoint", "target": {"articles": ["29"], "parts": ["1"], "subpoints": ["4"]}}]}),
        # the anchor of a deletion is where, not what; part 1 inside subpoint 1)
        ("ru", 'в части первой подпункта 1) после слов "правительственного долга" слово ", заимствования" исключить;',
         {"op": "delete_words", "unit": "part", "target": {"subpoints": ["1"], "parts": ["1"]}, "old_words": ", заимствования"}),
        ("ru", "1) форму акта и заголовок изложить в следующей редакции:", {"op": "restate", "unit": "title", "target": {}}),
    ],
)  # fmt: skip
def test_more_real_forms(lang, sentence, expected):
    assert read(sentence, lang) == expected


def test_in_an_order_words_inserted_before_an_anchor_keep_their_place():
    from pathlib import Path

    from consolidate.model.json_io import amendment_from_dict, amendment_to_dict
    from consolidate.parse.order import parse_text

    text = (Path(__file__).resolve().parent.parent / "amendments" / "900" / "kaz.txt").read_text(encoding="utf-8")
    old = "7-тармақ алып тасталсын."
    before = text.replace(old, "7-тармақ «ЖСО» деген сөздің алдынан «тиісті» деген сөзбен толықтырылсын.")
    amendment = parse_text(before, "kaz.txt")
    (op,) = [o for o in amendment.operations if o.op == "insert_words" and o.new_words == "тиісті"]
    assert (op.old_words, op.position, op.target.points) == ("ЖСО", "before", ("7",))
    # The JSON reading keeps the place: read back as "after", the words would misapply.
    (back,) = [o for o in amendment_from_dict(amendment_to_dict(amendment)).operations if o.new_words == "тиісті"]
    assert back.position == "before"


def test_an_order_with_words_inserted_before_has_no_xml_form_yet():
    from pathlib import Path

    from consolidate.akn.amendment_xml import amendment_to_xml
    from consolidate.errors import ConsolidateError
    from consolidate.parse.order import parse_text

    text = (Path(__file__).resolve().parent.parent / "amendments" / "900" / "kaz.txt").read_text(encoding="utf-8")
    amendment_to_xml(parse_text(text, "kaz.txt"))  # the order as published has its XML form
    before = text.replace("7-тармақ алып тасталсын.", "7-тармақ «ЖСО» деген сөздің алдынан «тиісті» деген сөзбен толықтырылсын.")
    with pytest.raises(ConsolidateError, match="no Akoma Ntoso form yet"):
        amendment_to_xml(parse_text(before, "kaz.txt"))
