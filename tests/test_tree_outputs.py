"""The outputs of a real imported act after an order (`consolidate apply` on a base made by
`consolidate import`): the five formats, the four review files, byte-identical reruns."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest
from docx import Document as open_docx
from lxml import html as lxml_html

from consolidate.model.tree_json import document_from_dict
from tests.conftest import FIXTURES, ROOT
from tests.docx_revisions import accept_all, document_xml, reject_all, texts

CORPUS = ROOT / "tests" / "corpus" / "acts"


def _run(*args: str):
    return subprocess.run([sys.executable, "-m", "consolidate", *args], capture_output=True, text=True, cwd=ROOT)


@pytest.fixture(scope="module", params=[("kaz", "kk"), ("rus", "ru")], ids=["kk", "ru"])
def outputs(request, tmp_path_factory):
    stem, _ = request.param
    work = tmp_path_factory.mktemp(stem)
    base = work / "base"
    imported = _run("import", str(CORPUS / f"ministerial-146340-{stem}" / f"{stem}.md"), "-o", str(base))
    assert imported.returncode == 0, imported.stderr
    out = work / "out"
    applied = _run("apply", str(base), str(FIXTURES / "tree" / f"order-900-{stem}.txt"), "-o", str(out))
    assert applied.returncode == 0, applied.stderr
    return stem, base, out, applied


def test_every_file_is_written_and_the_run_says_so(outputs):
    stem, _, out, applied = outputs
    names = {p.name for p in out.iterdir()}
    assert names == {f"{stem}.{f}" for f in ("html", "docx", "xml", "txt", "json")} | {
        "redline.html", "redline.docx", "comparative.html", "comparative.docx"
    }
    assert "(1 order, 7 operations, 10 units changed)" in applied.stderr


def test_html_gives_every_unit_its_address_and_prints_the_notes(outputs):
    stem, _, out, _ = outputs
    page = lxml_html.fromstring((out / f"{stem}.html").read_bytes())
    inserted = page.get_element_by_id("att_1__chp_2__point_5-1")
    assert inserted.text_content().startswith("5-1. ")
    repealed = page.get_element_by_id("att_1__chp_3__point_7")
    assert "repealed" in repealed.get("class")
    note = repealed.getnext()
    assert "note" in note.get("class") and "№ 900" in note.text_content()


def test_json_is_version_2_and_reads_back(outputs):
    stem, _, out, _ = outputs
    data = json.loads((out / f"{stem}.json").read_text("utf-8"))
    assert data["version"] == 2
    document = document_from_dict(data, "json")
    assert [a.number for a in document.applied] == ["900"]
    assert document.identity.number == "354"


def test_docx_holds_the_text_in_order(outputs):
    stem, _, out, _ = outputs
    paragraphs = [p.text for p in open_docx(io.BytesIO((out / f"{stem}.docx").read_bytes())).paragraphs]
    lines = (out / f"{stem}.txt").read_text("utf-8").splitlines()
    table_rows = [line for line in lines if "\t" in line]
    assert [p for p in paragraphs if p.strip()] == [line for line in lines if line not in table_rows]


def test_rerun_gives_byte_identical_files(outputs, tmp_path):
    stem, base, out, _ = outputs
    again = _run("apply", str(base), str(FIXTURES / "tree" / f"order-900-{stem}.txt"), "-o", str(tmp_path))
    assert again.returncode == 0
    for path in out.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_redline_marks_counted_match_the_page(outputs):
    _, _, out, _ = outputs
    page = lxml_html.fromstring((out / "redline.html").read_bytes())
    body = page.find("body")
    inline = page.get_element_by_id("inline")
    assert int(body.get("data-inserted")) == len(inline.findall(".//ins[@class='ins']"))
    assert int(body.get("data-deleted")) == len(inline.findall(".//del[@class='del']"))
    changes = [(div.get("data-eid"), div.get("data-kind")) for div in inline.findall(".//div")]
    assert int(body.get("data-changed-units")) == len(changes)
    restated = "att_1__chp_2__point_2"
    assert changes == [
        ("point_2", "changed"),
        ("att_1__chp_1", "changed"),
        (restated, "changed"),
        (f"{restated}__subpoint_1", "inserted"),  # the old point 2 had no subpoints
        (f"{restated}__subpoint_2", "inserted"),
        (f"{restated}__subpoint_3", "inserted"),
        ("att_1__chp_2__point_3", "changed"),
        ("att_1__chp_2__point_5-1", "inserted"),
        ("att_1__chp_3__point_6", "changed"),
        ("att_1__chp_3__point_7", "repealed"),
    ]


def test_comparative_table_names_units_as_a_drafter_does(outputs):
    stem, _, out, _ = outputs
    page = lxml_html.fromstring((out / "comparative.html").read_bytes())
    text = " ".join(page.text_content().split())
    if stem == "kaz":
        assert "1-қосымшаның 5-1-тармағы" in text and "1-қосымшаның 7-тармағы" in text
    else:
        assert "пункт 5-1 приложения 1" in text and "пункт 7 приложения 1" in text


def test_tracked_changes_accept_to_the_new_and_reject_to_the_old_wording(outputs):
    stem, _, out, _ = outputs
    xml = document_xml((out / "redline.docx").read_bytes())
    accepted = " ".join(texts(accept_all(xml)))
    rejected = " ".join(texts(reject_all(xml)))
    if stem == "kaz":
        new, old = "Сот актілерін орындау комитеті", "Сот актілерін орындау департаменті"
    else:
        new, old = "Комитету по исполнению судебных актов", "Департаменту по исполнению судебных актов"
    assert new in accepted and old not in accepted
    assert old in rejected and new not in rejected
    assert re.search(r'w:author="[^"]*900', xml.decode("utf-8"))


def test_an_order_in_the_other_language_is_refused(outputs, tmp_path):
    stem, base, _, _ = outputs
    other = "rus" if stem == "kaz" else "kaz"
    run = _run("apply", str(base), str(FIXTURES / "tree" / f"order-900-{other}.txt"), "-o", str(tmp_path / "x"))
    assert run.returncode == 2 and "apply each language's text to its base" in run.stderr
    assert not (tmp_path / "x").exists()


def test_versions_history_and_diff_of_an_imported_act():
    base, order = str(ROOT / "base_orders" / "146340"), str(ROOT / "amendments" / "900")
    versions = _run("versions", base, order)
    assert versions.returncode == 0
    assert versions.stdout.splitlines() == [
        "0\tact № 354 of 2020-09-14\tbase",
        "1\tafter order № 900 of 2026-10-01\tin force unknown",
    ]
    history = _run("history", base, order, "--unit", "att_1__chp_3__point_7")
    lines = history.stdout.splitlines()
    assert lines[0] == "att_1__chp_3__point_7" and lines[1] == "  base" and lines[2].startswith("    7. Атқарушылық")
    assert lines[3] == "  order № 900: repealed" and lines[4] == "    7."
    assert lines[5].startswith("    Ескерту. 7-тармақ алып тасталды")
    diff = _run("diff", base, order, "--lang", "ru")
    assert diff.returncode == 0 and diff.stdout.splitlines()[-1] == "10 units changed"
    missing = _run("history", base, order, "--unit", "att_1__chp_9__point_99")
    assert missing.returncode == 2 and "no such unit" in missing.stderr


def test_comparative_table_says_a_repealed_point_is_to_be_repealed(outputs):
    stem, _, out, _ = outputs
    page = lxml_html.fromstring((out / "comparative.html").read_bytes())
    row = page.xpath('//tr[@data-eid="att_1__chp_3__point_7"]')[0]
    proposed = " ".join(row.xpath("./td")[3].text_content().split())
    assert proposed == ("7. Алып тасталсын." if stem == "kaz" else "7. Исключить.")


def test_an_assumed_publication_date_is_shown_as_assumed(tmp_path):
    """Order 900 with a publication date marked assumed: its in-force date is never printed as a fact."""
    import shutil

    order = tmp_path / "900"
    shutil.copytree(ROOT / "amendments" / "900", order)
    (order / "publication.toml").write_text('first_publication = "2026-10-05"\nassumed = true\n', "utf-8")
    base = str(ROOT / "base_orders" / "146340")
    versions = _run("versions", base, str(order))
    assert versions.stdout.splitlines()[1] == "1\tafter order № 900 of 2026-10-01\tin force 2026-10-16 (assumed)"
    out = tmp_path / "out"
    assert _run("apply", base, str(order), "-o", str(out)).returncode == 0
    page = " ".join(lxml_html.fromstring((out / "kaz.html").read_bytes()).text_content().split())
    assert "16.10.2026 бастап қолданыстағы редакция (күні болжамды: ресми жарияланған күні белгісіз)" in page
    assert "қолданысқа енгізілген күні: 16.10.2026, болжамды" in page
    assert 'inForceAssumed="true"' in (out / "kaz.xml").read_text("utf-8")
    assert json.loads((out / "kaz.json").read_text("utf-8"))["document"]["applied"][0]["in_force_assumed"] is True
