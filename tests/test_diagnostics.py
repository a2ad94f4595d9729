"""Diagnostics: every sentence the grammar cannot read is reported with its line and a
hint, none dropped; --strict turns repairs of damaged text into errors."""

from __future__ import annotations

from consolidate.cli import main
from tests.conftest import SEED


def test_every_unreadable_sentence_is_reported(tmp_path, capsys):
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("8-тарау мынадай редакцияда жазылсын:", "8-тарау түгелдей қайта қаралсын:", 1)
    text = text.replace("9-тарау мынадай редакцияда жазылсын:", "9-тарау да өзгертілетін болсын:", 1)
    path = tmp_path / "two-bad.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    summary, *lines = capsys.readouterr().err.strip().splitlines()
    assert summary == f"consolidate: error: {path}: 2 sentences the grammar cannot read"
    assert len(lines) == 2
    assert all(line.startswith("consolidate:   ") for line in lines)
    assert "two-bad.txt:64: not an instruction the grammar knows: '8-тарау түгелдей қайта қаралсын:'" in lines[0]
    assert "two-bad.txt:212:" in lines[1]
    assert all("(expected an instruction ending in" in line for line in lines)


def test_cleanups_are_a_warning_by_default(capsys):
    assert main(["parse", str(SEED)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("consolidate: warning: 85 repairs of damaged text (")
    assert "23 homoglyph" in err


def test_strict_turns_cleanups_into_errors(capsys):
    assert main(["parse", "--strict", str(SEED)]) == 2
    summary, *lines = capsys.readouterr().err.strip().splitlines()
    assert summary == f"consolidate: error: {SEED}: 85 repairs of damaged text (--strict)"
    assert len(lines) == 85
    assert lines[0] == "consolidate:   line 21: split-word: '8- тармағында' -> '8-тармағында'"


def test_strict_passes_an_order_with_nothing_to_repair(tmp_path, capsys):
    """Order 301 with its one damaged passage written cleanly parses under --strict."""
    from tests.conftest import FIXTURES

    text = (FIXTURES / "orders" / "order-301-kaz.txt").read_text(encoding="utf-8")
    damaged = [line for line in text.splitlines() if "қызметкер)\t(" in line]
    assert len(damaged) == 1
    clean = text.replace(damaged[0], damaged[0].replace(" қызметкер)\t(", " (қызметкер)\t"))
    path = tmp_path / "clean.txt"
    path.write_text(clean, encoding="utf-8")
    assert main(["parse", "--strict", str(path)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().err == ""
