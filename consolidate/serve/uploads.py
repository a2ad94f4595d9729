"""Uploads: an amending order sent by a browser, read under limits, parsed apart.

An upload is counted while it is received (the request body is read through a counter
that stops at `BODY_LIMIT`, whatever Content-Length says), limited to `MAX_BYTES` per
file, accepted only as .txt, .docx or .html whose content matches its name, written
into a temporary folder of its own request (never into the data folder) and parsed
there by the same readers as the command line. Problems are `InputError`s with the
command line's words, naming the upload by its (cleaned) name, never the temp path.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from consolidate.errors import ConsolidateError, InputError
from consolidate.model.amendment import Amendment
from consolidate.parse.document import Block
from consolidate.parse.order import parse_blocks
from consolidate.sources import source_blocks

MAX_BYTES = 5 * 1024 * 1024
"""Largest order accepted: a real order is 50-500 KB, a Word file with images a few MB."""

BODY_LIMIT = MAX_BYTES * 4 // 3 + 256 * 1024
"""Largest request body: one order as base64 (the download forms send it back) plus the
other fields and the multipart framing."""

MAX_FIELDS = 16
PASTED_NAME = "pasted.txt"
LANGS = ("auto", "kk", "ru")


class Kind(Enum):
    """The kinds of file an order may come in, by extension."""

    TEXT = "txt"
    WORD = "docx"
    HTML = "html"


SUFFIXES: dict[str, Kind] = {".txt": Kind.TEXT, ".docx": Kind.WORD, ".html": Kind.HTML, ".htm": Kind.HTML}
"""The files an amending order may come in."""

OFFICIAL_SUFFIXES: dict[str, Kind] = {".md": Kind.TEXT, **SUFFIXES}
"""The files an official text may come in (`consolidate import`): the bank's markdown copy too."""


@dataclass(frozen=True)
class Accept:
    """What a form accepts: the kinds of file by extension, and the words that say so."""

    suffixes: dict[str, Kind]
    refusal: str  # "an amending order must be a .txt, .docx or .html file"
    pasted: str  # the name given to pasted text


ORDER = Accept(SUFFIXES, "an amending order must be a .txt, .docx or .html file", PASTED_NAME)
OFFICIAL = Accept(OFFICIAL_SUFFIXES, "an official text must be a .md, .html, .docx or .txt file", PASTED_NAME)


class TooLarge(InputError):
    """An upload over the limits (HTTP 413)."""


@dataclass(frozen=True)
class Upload:
    """An order as received: its cleaned file name and its bytes."""

    name: str
    data: bytes

    @property
    def kind(self) -> Kind:
        return OFFICIAL_SUFFIXES[Path(self.name).suffix.lower()]

    def payload(self) -> str:
        """The bytes as base64, for the forms that send the order back (downloads)."""
        return base64.b64encode(self.data).decode("ascii")


@dataclass(frozen=True)
class Reading:
    """An order read: the blocks of its source (for showing cleanups) and the amendment."""

    upload: Upload
    blocks: list[Block]
    amendment: Amendment


_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_name(raw: str | None) -> str:
    """A file name fit to show and to write: the last path component, letters (any
    script), digits, '.', '-' and '_' only, at most 80 characters; never empty, never
    hidden. The extension is kept so the type check sees what the user sent."""
    name = unicodedata.normalize("NFC", (raw or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _UNSAFE.sub("_", stem).strip("._-")[:72] or "order"
    suffix = _UNSAFE.sub("", suffix)[:6]
    return f"{stem}.{suffix}" if suffix else stem


def counted(request: Request, limit: int = BODY_LIMIT) -> Request:
    """The request with a body that raises `TooLarge` as soon as more than `limit` bytes
    have arrived, so an oversize upload is refused while it is read, not after."""
    receive = request.receive
    seen = 0

    async def counting_receive():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge(f"the upload is larger than {limit // (1024 * 1024)} MB; nothing was read")
        return message

    return Request(request.scope, counting_receive)


async def read_form(request: Request) -> FormData:
    """The form of a request, read through the counter and multipart limits."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > BODY_LIMIT:
        raise TooLarge(f"the upload is larger than {BODY_LIMIT // (1024 * 1024)} MB; nothing was read")
    return await counted(request).form(max_files=1, max_fields=MAX_FIELDS, max_part_size=BODY_LIMIT)


async def upload_of(form: FormData, accept: Accept = ORDER) -> Upload:
    """The file a form carries (an order, or an official text to import): a file, pasted
    text, or the base64 `payload` a download form sends back (with its `filename`).
    Checked for size and type."""
    file = form.get("file")
    if isinstance(file, UploadFile) and (file.filename or file.size):
        data = await file.read(MAX_BYTES + 1)
        return checked(Upload(safe_name(file.filename), data), accept)
    payload = form.get("payload")
    if isinstance(payload, str) and payload:
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raise InputError("the form's copy of the order is damaged; upload the file again") from None
        name = form.get("filename")
        return checked(Upload(safe_name(name if isinstance(name, str) else None), data), accept)
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        return checked(Upload(accept.pasted, text.replace("\r\n", "\n").encode("utf-8")), accept)
    raise InputError(f"no {'order' if accept is ORDER else 'text'} given: choose a file or paste the text")


def checked(upload: Upload, accept: Accept = ORDER) -> Upload:
    """Refuse an upload that is too large, empty, of an unknown kind, or whose content is
    not what its name says (sniffed from its first bytes)."""
    name, data = upload.name, upload.data
    if len(data) > MAX_BYTES:
        raise TooLarge(f"larger than {MAX_BYTES // (1024 * 1024)} MB", where=name)
    if Path(name).suffix.lower() not in accept.suffixes:
        raise InputError(accept.refusal, where=name)
    if not data.strip():
        raise InputError("file is empty", where=name)
    head = data[:8]
    if head.startswith(b"%PDF"):
        raise InputError("a PDF file: copy its text into a .txt file, or upload the .docx", where=name)
    if upload.kind is Kind.WORD:
        if not head.startswith(b"PK\x03\x04"):
            raise InputError("not a Word file (a .docx is a ZIP package)", where=name)
        return upload
    if head.startswith(b"PK\x03\x04"):
        raise InputError(f"a ZIP package (a Word file?), not {upload.kind.value} text", where=name)
    text = data
    if text.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return upload  # "Unicode text" as Windows saves it; the reader decodes it
    if b"\x00" in text:
        raise InputError("binary file, expected UTF-8 text", where=name)
    return upload


def renamed(exc: ConsolidateError, folder: str, name: str) -> ConsolidateError:
    """The same error, naming the upload instead of its path in the temp folder."""

    def fix(text: str | None) -> str | None:
        return None if text is None else text.replace(str(Path(folder) / name), name).replace(folder, "")

    fixed = type(exc)(fix(exc.message) or "", where=fix(exc.where), details=tuple(fix(d) or "" for d in exc.details))
    return fixed


def upload_blocks(upload: Upload) -> list[Block]:
    """The blocks of an upload, read by the command line's readers in a temp folder of
    its own (removed at once)."""
    with tempfile.TemporaryDirectory(prefix="consolidate-serve-") as folder:
        path = Path(folder) / upload.name
        path.write_bytes(upload.data)
        try:
            return source_blocks(path)
        except ConsolidateError as exc:
            raise renamed(exc, folder, upload.name) from None


def read_blocks(upload: Upload, blocks: list[Block], lang: str = "auto") -> Reading:
    """Parse the blocks of an upload as an amending order ("auto" tells the language)."""
    if lang not in LANGS:
        raise InputError(f"language {lang[:10]!r}: choose auto, kk or ru")
    return Reading(upload, blocks, parse_blocks(blocks, upload.name, lang))


def read_upload(upload: Upload, lang: str = "auto") -> Reading:
    """Read and parse an upload, as `consolidate parse` does a file."""
    return read_blocks(upload, upload_blocks(upload), lang)
