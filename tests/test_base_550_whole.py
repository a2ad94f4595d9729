"""Order 550 as a whole order: its preamble, signature block and annex stamps.

The reconstruction (base_orders/550/README.md) prints the order as the reference bank
prints a ministerial order: title, preamble ("… БҰЙЫРАМЫН:"), its own points, the signature
block, then each annex under its approval stamp. What the project cannot know (the legal
basis of the preamble, the name of the signatory) is a bracketed placeholder that says it
is reconstructed; the rest is taken from the text of Order No. 192 (the seed). These tests
check the base, that every export prints the parts where the bank prints them and keeps the
placeholders visible, and that the chain, the diff and the history treat the preamble and
the signature as units of the act.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import docx
import pytest

from consolidate.akn.act_xml import act_from_xml, act_to_xml
from consolidate.akn.schema import validate
from consolidate.cli import main
from consolidate.export import render
from consolidate.model.act import Act
from consolidate.model.json_io import act_from_dict, act_to_dict
from consolidate.model.table_tree import act_to_document, document_to_act

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "base_orders" / "550"
SEED = ROOT / "amendments" / "192"
MARK = "[Қалпына келтірілген:"
PREAMBLE_PLACEHOLDER = "[Қалпына келтірілген: бұйрықтың құқықтық негізі белгісіз]"
NAME_PLACEHOLDER = "[Қалпына келтірілген: қол қойған адамның аты-жөні белгісіз]"
OFFICE = "Қазақстан Республикасының Төтенше жағдайлар министрі"
AGREED = ['"КЕЛІСІЛДІ"', "Қазақстан Республикасының", "Мемлекеттік қызмет істері агенттігі"]
STAMP = ["Қазақстан Республикасы", "Төтенше жағдайлар министрінің", "2025 жылғы 18 желтоқсандағы", "№ 550 бұйрығына"]


@pytest.fixture(scope="module")
def act() -> Act:
    return act_from_xml((BASE / "kaz.xml").read_bytes(), "kaz.xml")


def seed_text() -> str:
    return " ".join((SEED / "kaz.txt").read_text(encoding="utf-8").split())


def test_the_base_holds_preamble_signature_and_stamps(act: Act) -> None:
    assert act.preamble == [f"{PREAMBLE_PLACEHOLDER} БҰЙЫРАМЫН:"]
    assert act.signature == [OFFICE, NAME_PLACEHOLDER, *AGREED]
    assert [annex.stamp for annex in act.annexes] == [[*STAMP, f"{n}-қосымша"] for n in ("1", "2", "3")]


def test_what_is_not_a_placeholder_is_in_the_text_of_order_192(act: Act) -> None:
    seed = seed_text()
    # 192's own preamble is "БҰЙЫРАМЫН:" with no basis: the basis stays a placeholder.
    assert "БҰЙЫРАМЫН:" in seed and "сәйкес БҰЙЫРАМЫН" not in seed
    assert OFFICE in seed  # its signature prints the office ("… министрі генерал-лейтенант")
    assert " ".join(AGREED) in seed
    assert " ".join(STAMP) in seed  # 192's title cites Order 550 in these words
    grounded = [act.preamble[0].removeprefix(PREAMBLE_PLACEHOLDER).strip(), OFFICE, *AGREED, *STAMP]
    assert all(text in seed for text in grounded)


def test_no_name_and_no_law_is_invented(act: Act) -> None:
    # A signatory's name is printed as initials and surname ("Ш. Әрінов"): none here.
    assert not any(re.search(r"(^|\s)[А-ЯӘҒҚҢӨҰҮҺІ]\.\s?[А-ЯӘҒҚҢӨҰҮҺІ]", line) for line in act.signature)
    assert not any(word in act.preamble[0] for word in ("Заң", "кодекс", "бап", "тармағ", "сәйкес"))
    assert [line for line in [*act.preamble, *act.signature] if MARK in line] == [
        act.preamble[0],
        NAME_PLACEHOLDER,
    ]


def test_xml_is_strict_akn_and_reads_back(act: Act) -> None:
    xml = act_to_xml(act)
    assert validate(xml) == []
    assert xml == (BASE / "kaz.xml").read_bytes()
    text = xml.decode("utf-8")
    assert text.index("</preface>") < text.index('<preamble eId="preamble">') < text.index("<body>")
    assert text.index("</body>") < text.index("<conclusions>") < text.index("<attachments>")
    assert text.count('<container name="stamp">') == 3
    assert act_from_xml(xml, "x") == act


def test_json_and_the_tree_carry_the_new_parts(act: Act) -> None:
    data = act_to_dict(act)
    assert data["act"]["preamble"] == act.preamble and data["act"]["signature"] == act.signature
    assert [a["stamp"] for a in data["annexes"]] == [a.stamp for a in act.annexes]
    assert act_from_dict(json.loads(json.dumps(data))) == act
    document = act_to_document(act)
    assert document.preamble == act.preamble and document.signature == act.signature
    assert [a.stamp for a in document.annexes] == [a.stamp for a in act.annexes]
    assert document_to_act(document) == act


def _in_order(text: str, parts: list[str]) -> None:
    """Each part is found after the one before it (an annex's title is also cited in point 1)."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} not found after position {at}"
        at = found + len(part)


def test_txt_prints_them_where_the_bank_does(act: Act) -> None:
    text = render(act, "txt").decode("utf-8")
    _in_order(text, [act.title, f"{PREAMBLE_PLACEHOLDER} БҰЙЫРАМЫН:", "1. Мыналар бекітілсін:", "4. Осы бұйрық",
                     "\n".join([OFFICE, NAME_PLACEHOLDER, *AGREED]), "\n".join([*STAMP, "1-қосымша"]),
                     act.annexes[0].title, "\n".join([*STAMP, "2-қосымша"]), act.annexes[1].title])  # fmt: skip


def test_html_prints_them_marked(act: Act) -> None:
    html = render(act, "html").decode("utf-8")
    _in_order(html, ['<section class="preamble" id="preamble">', PREAMBLE_PLACEHOLDER, 'id="point_1"',
                     '<section class="signature" id="signature">', NAME_PLACEHOLDER, '<div class="annex-stamp">',
                     "№ 550 бұйрығына", "1-қосымша", act.annexes[0].title])  # fmt: skip
    assert html.count('<div class="annex-stamp">') == 3
    assert html.count("[Қалпына келтірілген:") == 2


def test_docx_prints_them_in_their_styles(act: Act) -> None:
    paragraphs = docx.Document(io.BytesIO(render(act, "docx"))).paragraphs
    styled = [(p.style.name, p.text) for p in paragraphs]
    texts = [t for _, t in styled]
    preamble = texts.index(act.preamble[0])
    first_point = next(i for i, t in enumerate(texts) if t.startswith("1. Мыналар"))
    office = texts.index(OFFICE)
    assert preamble < first_point < office
    assert styled[office : office + 5] == [("Act Signature", line) for line in act.signature]
    stamp = texts.index(STAMP[0])
    assert styled[stamp : stamp + 5] == [("Annex Label", line) for line in act.annexes[0].stamp]
    assert texts[stamp + 5] == act.annexes[0].title
    assert sum(MARK in t for t in texts) == 2


def test_order_192_leaves_them_alone(act: Act, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["apply", str(BASE), str(SEED), "-o", str(tmp_path), "--format", "json"]) == 0
    after = json.loads((tmp_path / "kaz.json").read_text(encoding="utf-8"))
    assert after["act"]["preamble"] == act.preamble and after["act"]["signature"] == act.signature
    assert [a["stamp"] for a in after["annexes"]] == [a.stamp for a in act.annexes]
    capsys.readouterr()
    assert main(["diff", str(BASE), str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:3] == ["Preamble: no changes", "Signature: no changes"]
    assert main(["diff", str(BASE), str(SEED), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["front"] == {"preamble": "unchanged", "signature": "unchanged"}
    assert main(["history", str(BASE), str(SEED), "--unit", "preamble"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "preamble", "  base", f"    {act.preamble[0]}", "  unchanged since the base",
    ]  # fmt: skip
    assert main(["history", str(BASE), str(SEED), "--unit", "signature"]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == [*(f"    {line}" for line in act.signature),
                                                         "  unchanged since the base"]  # fmt: skip


ORDER_601 = """"Азаматтық қорғау органдары лауазымдарының санаттарына қойылатын біліктілік талаптарын бекіту туралы" \
Қазақстан Республикасы Төтенше жағдайлар министрінің 2025 жылғы 18 желтоқсандағы № 550 бұйрығына өзгеріс енгізу туралы

Қазақстан Республикасы Төтенше жағдайлар министрінің 2026 жылғы 27 шілдедегі № 601 бұйрығы

БҰЙЫРАМЫН:

1. "Азаматтық қорғау органдары лауазымдарының санаттарына қойылатын біліктілік талаптарын бекіту туралы" \
Қазақстан Республикасы Төтенше жағдайлар министрінің 2025 жылғы 18 желтоқсандағы № 550 бұйрығына мынадай \
өзгеріс енгізілсін:

кіріспесі мынадай редакцияда жазылсын:

"Азаматтық қорғау туралы ережелерге сәйкес БҰЙЫРАМЫН:".

2. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.
"""


def test_a_restated_preamble_is_a_changed_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A made-up order (not a real one) restating the preamble: the point is the mechanics.
    order = tmp_path / "order-601-kaz.txt"
    order.write_text(ORDER_601, encoding="utf-8")
    chain = [str(BASE), str(order), "--published", "601=2026-08-05"]
    assert main(["apply", *chain, "-o", str(tmp_path / "out"), "--format", "txt"]) == 0
    text = (tmp_path / "out" / "kaz.txt").read_text(encoding="utf-8")
    note = "Ескерту. Кіріспе жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 27.07.2026 № 601"
    _in_order(text, ["Азаматтық қорғау туралы ережелерге сәйкес БҰЙЫРАМЫН:", note, "1. Мыналар бекітілсін:"])
    assert PREAMBLE_PLACEHOLDER not in text and NAME_PLACEHOLDER in text
    assert "1 units changed" in capsys.readouterr().err
    assert main(["diff", *chain]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:3] == ["Preamble: restated", "Signature: no changes"] and out[-1] == "Total: preamble restated"
    assert main(["history", *chain, "--unit", "preamble"]) == 0
    history = capsys.readouterr().out.splitlines()
    assert history[3] == "  order № 601 of 2026-07-27: restated"
    assert history[4] == "    Азаматтық қорғау туралы ережелерге сәйкес БҰЙЫРАМЫН:"
    assert history[5].startswith(f"    {note}") and len(history) == 6
    review = tmp_path / "review"
    assert main(["apply", *chain, "-o", str(review), "--format", "redline-html,comparative-html"]) == 0
    comparative = (review / "comparative.html").read_text(encoding="utf-8")
    assert '<tr id="cmp-1" data-eid="preamble" data-kind="restated">' in comparative
    redline = (review / "redline.html").read_text(encoding="utf-8")
    assert f'<del class="del" data-eid="preamble" data-field="preamble">{PREAMBLE_PLACEHOLDER}</del>' in redline
    assert '<ins class="ins" data-eid="preamble" data-field="preamble">Азаматтық қорғау туралы ережелерге сәйкес' in redline


def test_words_replaced_in_the_whole_text_reach_the_preamble(act: Act) -> None:
    from consolidate.apply.tree_table import apply_table_order
    from consolidate.model.amendment import Operation, Source, Target
    from consolidate.sources import load_amendment

    seed = load_amendment(SEED, "kk")
    op = Operation(seq=1, op="replace_words", unit="text", annex=None, target=Target(), old_words="БҰЙЫРАМЫН",
                   new_words="БҰЙЫРАМЫН ӘРІ", source=Source("x", 1, ""))  # fmt: skip
    amendment = type(seed)(order=seed.order, operations=(op,), cleanups=())
    version = document_to_act(apply_table_order(act_to_document(act), amendment))
    assert version.preamble == [f"{PREAMBLE_PLACEHOLDER} БҰЙЫРАМЫН ӘРІ:"]
    assert version.signature == act.signature
