"""`consolidate import` on the real texts of tests/corpus/acts (the reference bank's copies).

- Round trip: every act exported back as text gives at least 99.5 % of its source's
  characters (the figure of each act is printed by benchmarks/bench_import.py).
- Structure: where a hand-written `expected-structure.json` exists (written by reading the
  text, before the importer ran on it), the importer finds exactly those units, headings
  and notes.
- The AKN of every import is valid against the strict schema and reads back to the same tree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from consolidate.akn.schema import validate
from consolidate.akn.tree_xml import tree_from_xml, tree_to_xml
from consolidate.errors import InputError
from consolidate.export.tree_txt import export_tree_txt
from consolidate.importer.official import import_official
from consolidate.importer.similarity import similarity
from consolidate.model.tree import CONTAINERS, Document, Kind
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus" / "acts"
SOURCES = sorted(p for p in CORPUS.glob("*/*.md") if p.name in ("kaz.md", "rus.md"))
EXPECTED = sorted(CORPUS.glob("*/expected-structure.json"))


def _id(path: Path) -> str:
    return path.parent.name


@pytest.mark.parametrize("source", SOURCES, ids=_id)
def test_every_corpus_act_exports_back_to_its_text(source):
    imported = import_official(source)
    ratio = similarity(imported.source_text, export_tree_txt(imported.document).decode("utf-8"))
    assert ratio >= 0.995, f"{source.parent.name}: {ratio:.4f}"


@pytest.mark.parametrize("source", SOURCES, ids=_id)
def test_every_import_is_valid_akn_and_reads_back(source):
    document = import_official(source).document
    xml = tree_to_xml(document)
    assert validate(xml) == []
    back = tree_from_xml(xml, str(source))
    assert tree_to_xml(back) == xml
    assert export_tree_txt(back) == export_tree_txt(document)


def test_the_corpus_is_large_enough_for_the_round_trip_to_mean_something():
    langs = {p.name for p in SOURCES}
    assert len(SOURCES) >= 20 and langs == {"kaz.md", "rus.md"}


def _structure(document: Document) -> tuple[list[list], dict[str, int], dict[str, dict[str, int]]]:
    units: list[list] = []
    notes: dict[str, int] = {}
    tables: dict[str, dict[str, int]] = {}
    if document.preamble:
        units.append(["preamble", None])
    if document.title_notes:
        notes["act"] = len(document.title_notes)
    if document.preamble_notes:
        notes["preamble"] = len(document.preamble_notes)

    def walk(nodes):
        for node in nodes:
            if node.kind is Kind.PART:
                continue
            if node.kind is Kind.TABLE:
                width = max((sum(c.colspan for c in row) for row in node.rows), default=0)
                tables[node.eid] = {"rows": len(node.rows), "columns": width}
            units.append([node.eid, (node.text or None) if node.kind in CONTAINERS else None])
            if node.notes:
                notes[node.eid] = len(node.notes)
            walk(node.children)

    walk(document.body)
    for annex in document.annexes:
        units.append([annex.eid, annex.title or None])
        if annex.notes:
            notes[annex.eid] = len(annex.notes)
        walk(annex.body)
    return units, notes, tables


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.parent.name)
def test_structure_as_written_by_hand(expected_file):
    expected = json.loads(expected_file.read_text("utf-8"))
    source = next(p for p in expected_file.parent.iterdir() if p.name in ("kaz.md", "rus.md"))
    document = import_official(source).document
    units, notes, tables = _structure(document)
    assert document.title == expected["title"]
    assert [u[0] for u in units] == [u[0] for u in expected["units"]]
    assert units == [list(u) for u in expected["units"]]
    assert notes == expected.get("notes", {})
    if "tables" in expected:
        assert {k: tables.get(k) for k in expected["tables"]} == expected["tables"]


def test_bad_sources_are_refused_with_the_file_named(tmp_path):
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", "utf-8")
    with pytest.raises(InputError, match="empty"):
        import_official(empty)
    unnumbered = tmp_path / "prose.md"
    unnumbered.write_text("# Title only\n", "utf-8")
    with pytest.raises(InputError, match="no provisions found"):
        import_official(unnumbered)
    open_table = tmp_path / "table.md"
    open_table.write_text("# T\n\n1. Text.\n\n<table>\n<tr><td>a</td></tr>\n", "utf-8")
    with pytest.raises(InputError, match="line 5: a table that never ends"):
        import_official(open_table)
    with pytest.raises(InputError, match="unknown kind of file"):
        import_official(tmp_path / "act.pdf")


def test_import_command_writes_a_base_and_never_into_the_source_folder(tmp_path):
    source = CORPUS / "ministerial-146340-kaz" / "kaz.md"
    out = tmp_path / "base"
    run = subprocess.run(
        [sys.executable, "-m", "consolidate", "import", str(source), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "kaz.xml"]
    readme = (out / "README.md").read_text("utf-8")
    assert "| number | 354 |" in readme and "SHA-256" in readme
    inside = subprocess.run(
        [sys.executable, "-m", "consolidate", "import", str(source), "-o", str(source.parent)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert inside.returncode == 2 and inside.stderr.count("\n") == 1
    assert "holds the source" in inside.stderr


@pytest.mark.parametrize(
    ("attribute", "bad"),
    [('rowspan="2"', 'rowspan="x2"'), ('rowspan="2"', 'rowspan="99999999"'), ('cz:pos="0"', 'cz:pos="-1"')],
)
def test_damaged_tree_bases_are_refused_in_one_line(attribute, bad):
    """A base whose spans or note positions are not small whole numbers is bad input, not a traceback."""
    xml = tree_to_xml(import_official(CORPUS / "ministerial-137412-kaz" / "kaz.md").document).decode("utf-8")
    assert attribute in xml
    with pytest.raises(InputError, match="is not a whole number up to 1000"):
        tree_from_xml(xml.replace(attribute, bad, 1).encode("utf-8"), "base.xml")


def test_hostile_metadata_is_refused_in_one_line(tmp_path):
    """A meta.yaml beside a source is read with aliases refused (a few lines could expand to gigabytes)."""
    source = tmp_path / "kaz.md"
    source.write_text("# Title\n\n1. Text.\n", "utf-8")
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(9)
    )
    (tmp_path / "meta.yaml").write_text(bomb, "utf-8")
    with pytest.raises(InputError, match="YAML aliases"):
        import_official(source)
    (tmp_path / "meta.yaml").write_text("requisite: [unclosed\n", "utf-8")
    with pytest.raises(InputError, match="not readable YAML"):
        import_official(source)
