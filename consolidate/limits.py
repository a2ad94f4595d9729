"""Every resource limit of the tool, in one place (values explained in docs/limits.md).

Inputs come from outside: a text copied from a PDF, a Word file, a web page, a base in
XML or JSON. Each kind is bounded before it costs anything, so that no input of a few
megabytes can make a command take gigabytes of memory or minutes of time. A limit that
is reached is an `InputError` (exit 2) whose message names the limit and its value;
`limit_error` builds that message so every limit reads the same way.

Real orders are far below every value here: Order 192 is a 40 KB text with 11
operations, its base 160 rows; the benchmarks use a base of 20,000 rows and an order of
500 operations.
"""

from __future__ import annotations

from consolidate.errors import InputError

# --- size of an input file, in bytes, as read from disk ---------------------------------
MAX_TEXT_BYTES = 4 * 1024 * 1024
"""An order's text (.txt) or publication record; a real order is well under 1 MB."""
MAX_HTML_BYTES = 8 * 1024 * 1024
"""An order as an HTML page (markup makes it a few times the size of its text)."""
MAX_DOCX_BYTES = 8 * 1024 * 1024
"""An order as a Word file, packed."""
MAX_DOCX_UNPACKED = 64 * 1024 * 1024
"""All parts of a Word package together once inflated (pictures included), counted while
inflating, never taken from the sizes the package declares."""
MAX_DOCX_XML = 8 * 1024 * 1024
"""The XML parts of a Word package once inflated: the XML is parsed into a tree that
costs many times its size; a real order's XML parts take well under 1 MB."""
MAX_PARTS = 2_000
"""Parts (files) in a Word package."""
MAX_BASE_BYTES = 64 * 1024 * 1024
"""A base version (AKN XML or JSON) or an order's reading (JSON or AKN XML)."""

# --- shape of what was read ----------------------------------------------------------
MAX_NESTING = 64
"""Depth of nested JSON arrays/objects, and of XML or HTML elements (AKN needs about 12)."""
MAX_OPERATIONS = 5_000
"""Operations in one order (Order 192 has 11; the benchmark order 500)."""
MAX_UNITS = 200_000
"""Chapters, paragraphs and rows of one version, all annexes together."""

MAX_SENTENCE = 1024 * 1024
"""Characters of one sentence given to `parse --fragment` (an argument or a line of input)."""

# --- numbers and references ----------------------------------------------------------
MAX_NUM_PARTS = 4
"""Parts of one unit number: "7", "7-1", "26-1-2"; more is not a number of a unit."""
MAX_NUM_DIGITS = 6
"""Digits of one part of a unit number (units are numbered up to 999,999)."""
MAX_NUMS_IN_REF = 200
"""Numbers listed in one reference ("33, 34 және 35-жолдар"), ranges expanded."""
MAX_RANGE_UNITS = 1_000
"""Units one range may name ("44 – 46"): a range stands for units that exist, and no
chapter or paragraph of a real act has that many rows."""
MAX_DAYS = 3_660
"""Days of an entry-into-force period (ten years)."""
MIN_YEAR, MAX_YEAR = 1900, 2200
"""Years a date of publication or signing may fall in (dates are counted from them)."""


def limit_error(name: str, what: str, unit: str, where: str | None = None) -> InputError:
    """The one message of a limit reached: what, the value and the limit's name here."""
    value = globals()[name]
    return InputError(f"{what}: more than {value:,} {unit} (limit {name}, docs/limits.md)", where=where)
