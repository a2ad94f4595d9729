"""The web page's timeline of an imported act carries the tree engine's decisions as warnings,
as the command line prints them: the real Law 22307 (21.12.2004 № 14) applied to the real
2001 text of the Law «О государственной статистике» (tests/corpus/acts/kzlaws-104140-rus)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from consolidate.cli import main
from consolidate.serve.data import find_act
from consolidate.serve.timelines import timeline
from consolidate.sources import parse_source
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
LAW = CORPUS / "amending" / "kzlaws-22307-rus" / "rus.md"


def test_the_timeline_of_an_imported_act_shows_the_engines_decisions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert main(["import", str(CORPUS / "acts" / "kzlaws-104140-rus" / "rus.md"), "-o",
                 str(data / "base_orders" / "stat")]) == 0  # fmt: skip
    law = parse_source(LAW, "ru")
    # Its words-at-the-end instruction alone (its others need Law 11040 applied first).
    at_end_ops = tuple(op for op in law.operations if op.words_at_the_end)
    law = dataclasses.replace(law, order=dataclasses.replace(law.order, number="14", date="2004-12-21"),
                              operations=at_end_ops)  # fmt: skip
    line = timeline(data, find_act(data, "stat", "ru"), extra=law)
    assert len(line) == 2
    # 22307 6): «абзац шестой статьи 11 дополнить словами "…"» — put before the indent's final «;»
    at_end = [w for w in line.warnings if "words-before-final-punctuation" in w]
    assert len(at_end) == 1 and "law № 14, rus.md:31" in at_end[0] and "put before its final «;»" in at_end[0]
    assert "operation 11" in at_end[0]
