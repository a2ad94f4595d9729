"""The same order as text from PDF, as a Word file and as an HTML page gives the same
operations: the same targets, the same rows and cells, the same merges."""

from __future__ import annotations

from pathlib import Path

import pytest

from consolidate.model.json_io import amendment_to_dict
from consolidate.sources import parse_source
from tests.conftest import FIXTURES, SEED

INPUTS = FIXTURES / "inputs"
ORDERS = FIXTURES / "orders"


def reading(path: Path) -> tuple[dict, list]:
    data = amendment_to_dict(parse_source(path))
    operations = [
        {**{k: v for k, v in op.items() if k != "source"},
         "content": [{k: v for k, v in u.items() if k not in ("eid", "notes")} for u in op["content"]],
         "sentence": op["source"]["text"]}
        for op in data["operations"]
    ]  # fmt: skip
    return data["order"], operations


@pytest.mark.parametrize(
    ("text", "other"),
    [
        (SEED, INPUTS / "order-192-kaz.docx"),
        (SEED, INPUTS / "order-192-kaz.html"),
        (ORDERS / "order-301-kaz.txt", INPUTS / "order-301-kaz.docx"),
        (ORDERS / "order-304-kaz.txt", INPUTS / "order-304-kaz.html"),
    ],
    ids=lambda p: p.name,
)
def test_same_operations(text: Path, other: Path):
    order, operations = reading(text)
    other_order, other_operations = reading(other)
    assert other_order == order
    assert len(other_operations) == len(operations)
    for ours, theirs in zip(operations, other_operations, strict=True):
        assert theirs == ours, ours["seq"]


def test_apply_uses_a_word_file_like_its_text(tmp_path):
    from consolidate.cli import main
    from tests.conftest import BASE_550

    for name, order in (("docx", INPUTS / "order-192-kaz.docx"), ("txt", SEED)):
        assert main(["apply", str(BASE_550), str(order), "-o", str(tmp_path / name), "--format", "json"]) == 0
    assert (tmp_path / "docx" / "kaz.json").read_bytes() == (tmp_path / "txt" / "kaz.json").read_bytes()
