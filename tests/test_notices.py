"""What a document tells its reader about itself, in the document's own language:
the reconstructed-base notice, and in-force dates that are assumed or unknown.

Expected words are written out here as a Kazakh or Russian reader reads them.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest

from consolidate.akn.act_xml import act_from_xml
from consolidate.apply.chain import apply_chain, plan
from consolidate.cli import main
from consolidate.export import render
from consolidate.export.review import render_review, review_diff
from consolidate.model.act import Act
from consolidate.model.json_io import act_from_dict, act_to_dict
from consolidate.sources import load_amendment, load_version, published_on
from tests.conftest import BASE_550, NOTICE_KK, NOTICE_RU, ROOT, SEED

ORDER_192 = ROOT / "amendments" / "192"
ENGLISH = "Base text reconstructed"
ASSUMED_KK = "05.06.2026 бастап қолданыстағы редакция (күні болжамды: ресми жарияланған күні белгісіз)"
APPLIED_ASSUMED_KK = "(қолданысқа енгізілген күні: 05.06.2026, болжамды; ресми жарияланған күні белгісіз)"


def versions(order) -> list[Act]:
    return apply_chain(load_version(BASE_550), plan([order], None))


def document_text(act_or_bytes: bytes) -> str:
    """All paragraph text of a DOCX, tables included, one paragraph a line."""
    with zipfile.ZipFile(io.BytesIO(act_or_bytes)) as package:
        package.testzip()
    document = docx.Document(io.BytesIO(act_or_bytes))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend(p.text for row in table.rows for cell in row.cells for p in cell.paragraphs)
    return "\n".join(lines)


def texts(act: Act) -> dict[str, str]:
    """The act's HTML, TXT, AKN XML and DOCX as text."""
    return {
        "html": render(act, "html").decode(),
        "txt": render(act, "txt").decode(),
        "xml": render(act, "xml").decode(),
        "docx": document_text(render(act, "docx")),
    }


# --- the notice ------------------------------------------------------------------------


def test_kazakh_documents_carry_the_kazakh_notice() -> None:
    for fmt, text in texts(load_version(BASE_550)).items():
        assert NOTICE_KK in text, fmt
        assert ENGLISH not in text, fmt


def test_russian_documents_carry_the_russian_notice() -> None:
    old, new = versions(load_amendment(ORDER_192))
    old.lang = new.lang = "ru"
    for fmt, text in texts(new).items():
        assert NOTICE_RU in text, fmt
        assert ENGLISH not in text and NOTICE_KK not in text, fmt
    review = render_review(review_diff(old, new))
    for name in ("redline.html", "comparative.html"):
        page = lxml.html.fromstring(review[name])
        assert page.get("lang") == "ru"
        assert NOTICE_RU in page.text_content() and ENGLISH not in page.text_content(), name
    for name in ("redline.docx", "comparative.docx"):
        text = document_text(review[name])
        assert NOTICE_RU in text and ENGLISH not in text, name


# --- assumed and unknown in-force dates ------------------------------------------------


def test_an_assumed_publication_date_is_printed_as_assumed() -> None:
    """Order 192's publication.toml says `assumed = true`: every output says so."""
    act = versions(load_amendment(ORDER_192))[-1]
    (order,) = act.applied
    assert (order.first_publication, order.in_force) == ("2026-05-20", "2026-06-05")
    assert order.first_publication_assumed and order.in_force_assumed
    out = texts(act)
    page = lxml.html.fromstring(out["html"])
    (version,) = page.xpath('//p[@class="version"]')
    assert version.text_content() == ASSUMED_KK and version.get("data-assumed") == "true"
    (item,) = page.xpath("//section[contains(@class, 'applied')]//li")
    assert item.text_content().endswith(APPLIED_ASSUMED_KK) and item.get("data-assumed") == "true"
    for fmt in ("txt", "docx"):
        assert f"\n{ASSUMED_KK}\n" in out[fmt], fmt
        assert APPLIED_ASSUMED_KK in out[fmt], fmt
    data = json.loads(render(act, "json"))
    assert data["act"]["applied"][0]["first_publication_assumed"] is True
    assert data["act"]["applied"][0]["in_force_assumed"] is True
    # Read back from its AKN XML and its JSON, a version keeps saying so.
    for again in (act_from_xml(render(act, "xml"), "xml"), act_from_dict(act_to_dict(act))):
        assert again.applied[0].first_publication_assumed and again.applied[0].in_force_assumed
        assert render(again, "txt") == render(act, "txt")


def test_a_known_publication_date_is_printed_as_a_fact() -> None:
    act = versions(published_on(load_amendment(ORDER_192), "2026-05-21"))[-1]
    out = texts(act)
    assert "\n06.06.2026 бастап қолданыстағы редакция\n" in out["txt"]
    assert "(қолданысқа енгізілген күні: 06.06.2026)" in out["txt"]
    assert "болжамды" not in out["txt"] + out["html"] + out["docx"]
    assert act.applied[0].first_publication_assumed is False
    assert 'firstPublicationAssumed' not in out["xml"]


def test_an_unknown_publication_date_is_printed_as_unknown() -> None:
    """The order's text alone (no publication.toml): its in-force date is not known."""
    act = versions(load_amendment(SEED))[-1]
    assert act.applied[0].in_force is None
    out = texts(act)
    for fmt in ("txt", "docx"):
        assert "\nРедакцияның қолданысқа енгізілу күні белгісіз\n" in out[fmt], fmt
        assert "(қолданысқа енгізілген күні белгісіз)" in out[fmt], fmt
    page = lxml.html.fromstring(out["html"])
    assert page.xpath('//p[@class="version"]')[0].text_content() == "Редакцияның қолданысқа енгізілу күні белгісіз"


def test_russian_wording_of_assumed_dates() -> None:
    act = versions(load_amendment(ORDER_192))[-1]
    act.lang = "ru"
    text = render(act, "txt").decode()
    assert "\nРедакция, действующая с 05.06.2026 (дата предположительная: дата официального опубликования неизвестна)\n" in text
    assert "(дата введения в действие: 05.06.2026, предположительно; дата официального опубликования неизвестна)" in text


def test_publication_toml_assumed_must_be_a_boolean(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "192"
    folder.mkdir()
    for name in ("kaz.txt", "kaz.json"):
        (folder / name).write_bytes((ORDER_192 / name).read_bytes())
    (folder / "publication.toml").write_text('first_publication = "2026-05-20"\nassumed = "yes"\n', encoding="utf-8")
    assert main(["versions", str(BASE_550), str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "publication.toml: assumed must be true or false" in err


@pytest.mark.parametrize(
    ("extra", "line"),
    [
        ([], "1\tafter order № 192 of 2026-05-12\tpublished 2026-05-20 (assumed)\tin force 2026-06-05 (assumed)"),
        (["--published", "192=2026-05-21"], "1\tafter order № 192 of 2026-05-12\tpublished 2026-05-21\tin force 2026-06-06"),
    ],
)
def test_versions_says_which_dates_are_assumed(capsys, extra, line) -> None:
    assert main(["versions", str(BASE_550), str(ORDER_192), *extra]) == 0
    assert capsys.readouterr().out.splitlines()[1] == line


def test_history_says_which_dates_are_assumed(capsys) -> None:
    assert main(["history", str(BASE_550), str(ORDER_192), "--unit", "2/6/33"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  restated by order № 192 of 2026-05-12, in force 2026-06-05 (assumed)"
    )
    assert main(["history", str(BASE_550), str(ORDER_192), "--unit", "2/6/33", "--published", "192=2026-05-21"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "  restated by order № 192 of 2026-05-12, in force 2026-06-06"
