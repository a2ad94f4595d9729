"""Generators of hostile and careless inputs, shared by tests/test_hostile.py and
benchmarks/bench_hostile.py.

Every input is made here from the seed (Order 192's text, its Word and HTML copies, the
base of Order 550), so nothing large is kept in the repository. Each case is a
`Case`: a name, the file name it is written under (its suffix tells the input kind), its
bytes, and the command that reads it (`parse` for orders, `apply` for bases).
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "amendments" / "192" / "kaz.txt"
BASE_550 = ROOT / "base_orders" / "550" / "kaz.xml"
DOCX_192 = ROOT / "tests" / "fixtures" / "inputs" / "order-192-kaz.docx"
HTML_192 = ROOT / "tests" / "fixtures" / "inputs" / "order-192-kaz.html"

MB = 1024 * 1024

# Instruction lines of the seed (line number -> text), the sentences the mutations aim at.
ROWS_33_34 = 52  # "6-тараудың реттік нөмірлері 33 және 34-жолдар мынадай редакцияда жазылсын:"
ROW_47_1 = 230  # "15-тарау мынадай мазмұндағы реттік нөмірі 47-1-жолмен толықтырылсын:"
PARAGRAPHS = 241  # "17-тараудың 3, 4 және 5-параграфтар мынадай редакцияда жазылсын:"
EIF_LINE = 275  # the point on entry into force ("… он жұмыс күні …")


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # file name; its suffix is the input kind
    data: bytes
    command: str = "parse"  # "parse" (an order), "apply" (a base, alone) or "order" (a reading, on Order 550)

    @property
    def kind(self) -> str:
        return self.file.rsplit(".", 1)[-1]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_lines() -> list[str]:
    return seed_text().split("\n")


def with_line(number: int, change: Callable[[str], str]) -> str:
    """The seed with line `number` (1-based) changed by `change`."""
    lines = seed_lines()
    new = change(lines[number - 1])
    assert new != lines[number - 1], "the mutation must change the line"
    lines[number - 1] = new
    return "\n".join(lines)


def instruction_lines() -> list[int]:
    """Lines of the seed that are instruction sentences (not quoted table lines)."""
    return [
        number
        for number, line in enumerate(seed_lines(), start=1)
        if "\t" not in line and line.rstrip().endswith(":") and ("-тарау" in line or "-параграф" in line)
    ]


# --- orders as text ---------------------------------------------------------------------


def text_cases() -> Iterator[Case]:
    text = seed_text()
    yield Case("quadratic number list, 40 KB", "order.txt", _order_with("6-тараудың " + "1-" * 20_000 + "жол алып тасталсын."))
    yield Case("quadratic number list, 1 MB", "order.txt", _order_with("6-тараудың " + "1-" * 500_000 + "жол алып тасталсын."))
    yield Case("range of a billion rows", "order.txt", _order_with("6-тараудың реттік нөмірлері 1 – 999999-жолдар алып тасталсын."))
    yield Case("many ranges", "order.txt", _order_with("; ".join(f"{c}-тараудың 1 – 999-жолдар алып тасталсын" for c in range(1, 2000)) + "."))
    yield Case("long digits", "order.txt", _order_with("6-тараудың " + "9" * 5_000 + "-жолы алып тасталсын."))
    yield Case("1 MB of instructions", "order.txt", _order_with("\n".join(["6-тараудың 33-жолы алып тасталсын;"] * 17_000)))
    yield Case("1 MB of unreadable sentences", "order.txt", _order_with("\n".join(["6-тарау мүлдем өзгерсін;"] * 23_000)))
    yield Case("5 MB text", "order.txt", (text + "\n" + "ә" * (5 * MB // 2)).encode())
    yield Case("odd-length UTF-16", "order.txt", b"\xff\xfe" + text.encode("utf-16-le")[:-1])
    yield Case("binary", "order.txt", bytes(range(256)) * 100)
    yield Case("period of a million days", "order.txt",
               with_line(EIF_LINE, lambda s: s.replace(" он ", " 999999 ")).encode())  # fmt: skip
    yield Case("wide lines", "order.txt", (text + "\n" + ("а\t" * 200_000)).encode())


def _order_with(instructions: str) -> bytes:
    """The seed's heading and final points around `instructions` as the amending point."""
    lines = seed_lines()
    head = "\n".join(lines[:10])  # title, heading, БҰЙЫРАМЫН:, point 1 with the opening words
    tail = "\n".join(lines[264:])  # points 2, 3 and 4 (publication, control, entry into force)
    return f"{head}\n\n{instructions}\n\n{tail}".encode()


# --- orders as Word files ------------------------------------------------------------------


def _docx_parts() -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(DOCX_192) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, data)
    return out.getvalue()


def docx_bomb(size: int) -> bytes:
    """The Word copy of the seed with `size` bytes of spaces added to its document.xml."""
    parts = []
    for info, data in _docx_parts():
        if info.filename == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body>" + b" " * size, 1)
        parts.append((info.filename, data))
    return _zip(parts)


def docx_paragraphs(size: int) -> bytes:
    """The Word copy of the seed with `size` bytes of one-letter paragraphs added to its
    body (under MAX_DOCX_XML: parsed whole)."""
    paragraph = "<w:p><w:r><w:t>а</w:t></w:r></w:p>".encode()
    parts = []
    for info, data in _docx_parts():
        if info.filename == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body>" + paragraph * (size // len(paragraph)), 1)
        parts.append((info.filename, data))
    return _zip(parts)


def docx_lying(size: int) -> bytes:
    """A bomb whose headers say every part is 100 bytes long."""
    data = bytearray(docx_bomb(size))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        position = data.find(signature)
        while position != -1:
            data[position + offset : position + offset + 4] = (100).to_bytes(4, "little")
            position = data.find(signature, position + 4)
    return bytes(data)


def flipped(data: bytes, seed: int, flips: int = 8) -> bytes:
    """`data` with `flips` random bytes changed (deterministic for `seed`)."""
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(flips):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def docx_cases() -> Iterator[Case]:
    original = DOCX_192.read_bytes()
    yield Case("Word bomb, 250 MB of XML", "order.docx", docx_bomb(250 * MB))
    yield Case("Word bomb lying about its sizes", "order.docx", docx_lying(100 * MB))
    yield Case("Word file of 20 MB XML", "order.docx", docx_bomb(20 * MB))
    yield Case("Word file of 7 MB of paragraphs", "order.docx", docx_paragraphs(7 * MB))
    yield Case("Word file of 9,000 parts", "order.docx", _zip([("[Content_Types].xml", b"<Types/>")] + [(f"word/p{i}.xml", b"<a/>") for i in range(9_000)]))
    for seed in range(6):
        yield Case(f"Word file with flipped bytes #{seed}", "order.docx", flipped(original, seed))
    yield Case("ZIP that is not Word", "order.docx", _zip([("a.txt", b"hello")]))
    yield Case("deflate stream damaged", "order.docx", _damage_deflate(original))


def _damage_deflate(data: bytes) -> bytes:
    """The package with the compressed bytes of document.xml overwritten (a zlib.error)."""
    out = bytearray(data)
    position = out.find(b"word/document.xml")
    start = position + len(b"word/document.xml") + 40
    out[start : start + 64] = b"\xff" * 64
    return bytes(out)


# --- orders as HTML pages ---------------------------------------------------------------


def html_cases() -> Iterator[Case]:
    page = HTML_192.read_bytes()
    yield Case("unknown charset", "order.html", b'<meta charset="x-klingon">' + "ә".encode("cp1251", "replace") + b"\xff")
    yield Case("charset that is not a text encoding", "order.html", b'<meta charset="zlib">\xff\xfe')
    yield Case("charset idna", "order.html", b'<meta charset="idna">\xff' + b"a" * 100)
    yield Case("nesting 100,000 deep", "order.html", b"<div>" * 100_000 + b"x")
    bomb = b'<tr><td rowspan="65534" colspan="1000">1</td><td rowspan="65534">2</td></tr>' * 10_000
    yield Case("rowspan bomb in a quoted table", "order.html", page.replace(b"<tr", bomb + b"<tr", 1))
    yield Case("colspan bomb in a quoted table", "order.html", page.replace(b"<tr", b'<tr><td colspan="1000">1</td></tr>' * 10_000 + b"<tr", 1))
    yield Case("9 MB page", "order.html", page + b"<p>" + b"a" * (9 * MB) + b"</p>")
    yield Case("1 MB page of paragraphs", "order.html", page.replace(b"</body>", b"<p>x</p>" * ((MB - len(page)) // 8) + b"</body>"))


# --- bases ---------------------------------------------------------------------------------


@cache
def base_json() -> dict:
    from consolidate.akn.act_xml import act_from_xml
    from consolidate.model.json_io import act_to_dict

    return act_to_dict(act_from_xml(BASE_550.read_bytes(), str(BASE_550)))


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def _mutated(change: Callable[[dict], None]) -> bytes:
    data = json.loads(json.dumps(base_json()))
    change(data)
    return _json(data)


def _first_row(data: dict) -> dict:
    return next(u for u in data["annexes"][0]["units"] if u["type"] == "row")


def json_cases() -> Iterator[Case]:
    def dup(data: dict) -> None:
        units = data["annexes"][0]["units"]
        rows = [u for u in units if u["type"] == "row"]
        rows[1]["num"] = rows[0]["num"]

    yield Case("two rows of one number", "base.json", _mutated(dup), "apply")
    yield Case('"repealed": "no"', "base.json", _mutated(lambda d: _first_row(d).update(repealed="no")), "apply")
    yield Case("a string for a list", "base.json", _mutated(lambda d: d["act"].update(notes="abc")), "apply")
    yield Case("a string for the specialties", "base.json",
               _mutated(lambda d: _first_row(d)["cells"].update(specialties="Құқықтану")), "apply")  # fmt: skip
    yield Case("null title", "base.json", _mutated(lambda d: d["annexes"][0].update(title=None)), "apply")
    yield Case("null cell", "base.json", _mutated(lambda d: _first_row(d)["cells"].update(title=None)), "apply")
    yield Case("1e400", "base.json", _json(base_json()).replace(b'"reconstructed": true', b'"reconstructed": 1e400'), "apply")
    yield Case("5,000-digit number", "base.json", _json(base_json()).replace(b'"num": "1"', b'"num": ' + b"9" * 5000, 1), "apply")
    yield Case("deep nesting", "base.json", b"[" * 100_000 + b"]" * 100_000, "apply")
    yield Case("lone surrogate", "base.json", _json(base_json()).replace(b'"num": "1"', b'"num": "\\ud800"', 1), "apply")
    yield Case("lone surrogate in a title", "base.json",
               _json(base_json()).replace(b'"title": "', b'"title": "\\udfff', 1), "apply")  # fmt: skip
    yield Case("NaN", "base.json", _json(base_json()).replace(b'"reconstructed": true', b'"reconstructed": NaN'), "apply")
    yield Case("a number for a unit number", "base.json", _mutated(lambda d: _first_row(d).update(num=7)), "apply")
    yield Case("a bad unit number", "base.json", _mutated(lambda d: _first_row(d).update(num="1" * 40)), "apply")
    yield Case("a huge span", "base.json", _mutated(lambda d: _first_row(d).update(spans={"title": 10**12})), "apply")
    yield Case("JSON list", "base.json", b"[1, 2, 3]", "apply")
    yield Case("1 MB of rows", "base.json", _many_rows(MB - 128 * 1024), "apply")


def _many_rows(size: int) -> bytes:
    data = json.loads(json.dumps(base_json()))
    row = _first_row(data)
    units = [u for u in data["annexes"][0]["units"] if u["type"] != "row"][:1]
    n = 1
    while len(_json(units)) < size:
        units.append({**row, "num": str(n), "chapter": units[0]["num"]})
        n += 1
    data["annexes"][0]["units"] = units
    return _json(data)


def xml_cases() -> Iterator[Case]:
    base = BASE_550.read_bytes()
    latin = base.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1)
    if latin == base:
        latin = b'<?xml version="1.0" encoding="ISO-8859-1"?>\n' + base.split(b"?>", 1)[-1]
    yield Case("declares ISO-8859-1, holds UTF-8", "base.xml", latin, "apply")
    yield Case("two rows of one eId", "base.xml", _duplicate_row(base), "apply")
    yield Case("nesting 100,000 deep", "base.xml", b"<a>" * 100_000 + b"</a>" * 100_000, "apply")
    yield Case("billion laughs", "base.xml",
               b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>',
               "apply")  # fmt: skip
    for seed in range(4):
        yield Case(f"flipped bytes #{seed}", "base.xml", flipped(base, seed, 4), "apply")
    yield Case("1 MB of rows", "base.xml", _xml_of(_many_rows(MB - 320 * 1024)), "apply")


def _xml_of(version_json: bytes) -> bytes:
    from consolidate.akn.act_xml import act_to_xml
    from consolidate.model.json_io import act_from_dict

    return act_to_xml(act_from_dict(json.loads(version_json), "generated"))


def _duplicate_row(base: bytes) -> bytes:
    """The base with its second row carrying the first row's number (and so its eId)."""
    text = base.decode()
    first = text.index('__row_')
    first_num = text[first + 6 : text.index('"', first)]
    second = text.index('__row_', first + 1)
    second_num = text[second + 6 : text.index('"', second)]
    head, tail = text[:second], text[second:]
    return (head + tail.replace(f"__row_{second_num}", f"__row_{first_num}", 1)).encode()


# --- readings of an order (JSON and AKN XML), applied to Order 550 ---------------------------


@cache
def reading_json() -> dict:
    from consolidate.model.json_io import amendment_to_dict
    from consolidate.parse.order import parse_text

    return amendment_to_dict(parse_text(seed_text(), "kaz.txt"))


@cache
def reading_xml() -> bytes:
    from consolidate.akn.amendment_xml import amendment_to_xml
    from consolidate.parse.order import parse_text

    return amendment_to_xml(parse_text(seed_text(), "kaz.txt"))


def _reading(change: Callable[[dict], None]) -> bytes:
    data = json.loads(json.dumps(reading_json()))
    change(data)
    return _json(data)


def reading_cases() -> Iterator[Case]:
    def eif(**values: object) -> Callable[[dict], None]:
        return lambda d: d["order"]["entry_into_force"].update(values)

    def first_op(**values: object) -> Callable[[dict], None]:
        return lambda d: d["operations"][0].update(values)

    yield Case("reading: a period of a million days", "reading.json", _reading(eif(days=999_999)), "order")
    yield Case("reading: a negative period", "reading.json", _reading(eif(days=-5)), "order")
    yield Case("reading: an unknown operation", "reading.json", _reading(first_op(op="explode")), "order")
    yield Case("reading: a string for the rows", "reading.json",
               _reading(lambda d: d["operations"][2]["target"].update(rows="33")), "order")  # fmt: skip
    yield Case("reading: null operations", "reading.json", _reading(lambda d: d.update(operations=None)), "order")
    yield Case("reading: 6,000 operations", "reading.json",
               _reading(lambda d: d.update(operations=d["operations"] * 546)), "order")  # fmt: skip
    xml = reading_xml()
    yield Case("reading XML: a 5,000-digit sequence number", "reading.xml",
               xml.replace(b'cz:seq="1"', b'cz:seq="' + b"9" * 5000 + b'"', 1), "order")  # fmt: skip
    yield Case("reading XML: a period of a million days", "reading.xml",
               xml.replace(b'days="10"', b'days="999999"', 1), "order")  # fmt: skip
    for seed in range(3):
        yield Case(f"reading XML: flipped bytes #{seed}", "reading.xml", flipped(xml, seed, 4), "order")


def command_of(case: Case, path: Path, folder: Path) -> tuple[list[str], Path]:
    """The command line that reads `case` written at `path`, and the output it names."""
    out = folder / ("parsed.json" if case.command == "parse" else "out")
    if case.command == "order":
        return ["apply", str(BASE_550), str(path), "-o", str(out)], out
    return [case.command, str(path), "-o", str(out)], out


def all_cases() -> list[Case]:
    return [*text_cases(), *docx_cases(), *html_cases(), *json_cases(), *xml_cases(), *reading_cases()]


__all__ = ["Case", "all_cases"]
