"""The plain-text export: blocks per row, merges marked, notes under their unit."""

from __future__ import annotations

from consolidate.export.txt import export_txt
from tests.conftest import NOTICE_KK
from tests.test_export_html import sample_act  # the shared sample act


def _text() -> str:
    return export_txt(sample_act()).decode("utf-8")


def _block(text: str, first_line: str) -> list[str]:
    """The lines of the block that starts with `first_line` (blocks end at a blank line)."""
    lines = text.split("\n")
    start = lines.index(first_line)
    end = lines.index("", start)
    return lines[start:end]


def test_notice_title_and_points_come_first() -> None:
    text = _text()
    assert text.startswith(NOTICE_KK + "\n\n")
    assert "\nАзаматтық қорғау органдары" in text
    assert "\n1. Қоса беріліп отырған біліктілік талаптары бекітілсін.\n" in text
    assert "- 12.05.2026 № 192 өзгерістер енгізу туралы (қолданысқа енгізілген күні: 27.05.2026)" in text


def test_row_block_lists_cells_and_specialties() -> None:
    block = _block(_text(), "26-1.")
    assert block == [
        "26-1.",
        "  Лауазымның атауы: Департамент бастығы",
        "  Лауазым санаты: С-SV-4 (қызметкер)",
        "  Білім деңгейі: Жоғарыдан төмен емес",
        "  Мамандықтар:",
        "    - Құқықтану",
        "    - Экономика",
        "    - Өрт қауіпсіздігі",
        "  Жұмыс өтілі: Жұмыс өтілі талап етілмейді.",
    ]


def test_merged_cells_name_their_first_row_and_notes_follow() -> None:
    text = _text()
    middle = _block(text, "26-2.")
    assert "  Мамандықтар: (26-1-жолмен біріктірілген)" in middle
    assert middle[-1] == "  Ескерту. 26-2-жол жаңа редакцияда"
    last = _block(text, "26-3.")
    assert "  Мамандықтар: (26-1-жолмен біріктірілген)" in last
    assert "  Жұмыс өтілі: (26-2-жолмен біріктірілген)" in last
    assert "  Лауазымның атауы: <script>alert(1)</script> & Ко" in last  # text stays text


def test_headings_and_repealed_row() -> None:
    text = _text()
    assert _block(text, "7-1-тарау. ТЖМ Тылдық қамтамасыз ету департаментінің лауазымдары бойынша") == [
        "7-1-тарау. ТЖМ Тылдық қамтамасыз ету департаментінің лауазымдары бойынша",
        "Ескерту. 7-1-тараумен толықтырылды - ҚР ТЖМ 12.05.2026 № 192 бұйрығымен.",
    ]
    assert "\n3-параграф. Профессор-оқытушылар құрамы\n" in text
    assert _block(text, "26-5. алып тасталды") == [
        "26-5. алып тасталды",
        "  Ескерту. 26-5-жол алып тасталды - ҚР ТЖМ 12.05.2026 № 192 бұйрығымен.",
    ]
    assert "\n\n\n2-қосымша\nАкадемия лауазымдарына" in text


def test_deterministic_utf8_with_one_final_newline() -> None:
    data = export_txt(sample_act())
    assert data == export_txt(sample_act())
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")
    assert b"\r" not in data
