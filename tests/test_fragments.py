"""Fragment mode: single instruction sentences of varied real-world shape, in Kazakh and
Russian, read out of context (tests/fixtures/fragments.json)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from consolidate.errors import ParseError
from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import read_sentence
from tests.conftest import FIXTURES

CASES = json.loads((FIXTURES / "fragments.json").read_text(encoding="utf-8"))
READABLE = [c for c in CASES if not c.get("error")]
UNREADABLE = [c for c in CASES if c.get("error")]


def test_corpus_size():
    assert len(READABLE) >= 60
    assert {c["lang"] for c in READABLE} == {"kk", "ru"}
    assert min(sum(c["lang"] == lang for c in READABLE) for lang in ("kk", "ru")) >= 25


@pytest.mark.parametrize("case", READABLE, ids=lambda c: f"{c['lang']}:{c['sentence'][:50]}")
def test_fragment(case):
    result = read_sentence(case["sentence"], grammar(case["lang"]), "fragment").fragment()
    expected = case["expected"]
    assert result["op"] == expected["op"]
    assert result["unit"] == expected["unit"]
    for key, value in result["target"].items():
        assert value == expected.get("target", {}).get(key, [] if isinstance(value, list) else None), key
    for key in ("old_words", "new_words", "scope"):
        assert result.get(key) == expected.get(key), key
    if "act" in expected:
        assert result["act"] == expected["act"]


@pytest.mark.parametrize("case", UNREADABLE, ids=lambda c: f"{c['lang']}:{c['sentence'][:50]}")
def test_not_an_instruction(case):
    with pytest.raises(ParseError):
        read_sentence(case["sentence"], grammar(case["lang"]), "fragment")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "consolidate", "parse", "--fragment", *args],
        input=stdin, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_cli_one_sentence():
    result = run_cli("--lang", "kk", "8-тарау мынадай редакцияда жазылсын:")
    assert result.returncode == 0
    assert json.loads(result.stdout)["target"]["chapter"] == "8"


def test_cli_one_unreadable_sentence_exits_2():
    result = run_cli("--lang", "ru", "это не инструкция")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not an instruction" in result.stderr


def test_cli_reads_standard_input_line_by_line():
    lines = ["главу 8 изложить в следующей редакции:", "это не инструкция", "строку, порядковый номер 35, исключить;"]
    result = run_cli("--lang", "ru", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("op") for o in out] == ["restate", None, "repeal"]
    assert "error" in out[1]


def test_cli_detects_the_language():
    assert json.loads(run_cli("главу 8 исключить;").stdout)["unit"] == "chapter"
    assert json.loads(run_cli("8-тарау алып тасталсын;").stdout)["unit"] == "chapter"
