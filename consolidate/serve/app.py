"""The web application: routes of `consolidate serve` (Starlette).

Every request works on its own: the data folder is read afresh, an upload goes into a
temp folder of its own, and nothing is kept between requests, so several people can use
one server at once and no one sees another's upload. Bad input gets the command line's
one-line message on the page with a 4xx status; anything unexpected is logged on the
server and shown as a short 500 page, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import logging
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from consolidate.errors import ApplyError, ConsolidateError, InputError, ParseError
from consolidate.export.html import environment
from consolidate.serve import files
from consolidate.serve.data import ActSource, find_act, find_acts, parse_as_of
from consolidate.serve.imports import import_upload
from consolidate.serve.timelines import Timeline, identity, timeline
from consolidate.serve.uploads import (
    LANGS,
    MAX_BYTES,
    OFFICIAL,
    Reading,
    TooLarge,
    read_blocks,
    read_form,
    read_upload,
    upload_blocks,
    upload_of,
)
from consolidate.serve.views import cleanup_kinds, operation_views, problems_of, source_lines, with_nav
from consolidate.sources import published_on

log = logging.getLogger("consolidate.serve")

SECURITY_HEADERS = [
    # Nothing is fetched from anywhere but this server; no script runs; forms post here only.
    (b"content-security-policy",
     b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; "
     b"form-action 'self'; base-uri 'none'; frame-ancestors 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]  # fmt: skip


def status_of(exc: ConsolidateError) -> int:
    """The HTTP status of a user-caused problem."""
    if isinstance(exc, TooLarge):
        return 413
    if isinstance(exc, ParseError | ApplyError):
        return 422
    return 400


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(name).render(**context, max_mb=MAX_BYTES // (1024 * 1024))
    return HTMLResponse(html, status_code=status)


def error_page(status: int, title: str, messages: list[str]) -> HTMLResponse:
    return page("serve_error.html.j2", status, title=title, messages=messages)


def attachment(name: str, data: bytes, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    quoted = urllib.parse.quote(name)
    return Response(
        data,
        media_type=files.media_type(name),
        headers={"content-disposition": f"{disposition}; filename=\"{quoted}\"; filename*=UTF-8''{quoted}"},
    )


@dataclass(frozen=True)
class Settings:
    data: Path


def settings(request: Request) -> Settings:
    return request.app.state.settings


# --- the acts of the data folder --------------------------------------------------------


def render(line: Timeline, index: int, fmt: str) -> bytes:
    """A version of an act as a file: the one place a page asks a timeline for one."""
    return line.render(index, fmt)


def index(request: Request) -> HTMLResponse:
    data = settings(request).data
    acts = []
    for source in find_acts(data):
        try:
            line = timeline(data, source)
            acts.append({"source": source, "number": line.number, "title": line.title, "versions": line.views(),
                         "problems": line.problems, "error": None})  # fmt: skip
        except ConsolidateError as exc:
            acts.append({"source": source, "number": None, "title": None, "versions": [], "problems": [],
                         "error": str(exc)})  # fmt: skip
    return page("serve_index.html.j2", acts=acts, data=str(data))


def _act(request: Request) -> ActSource:
    return find_act(settings(request).data, request.path_params["key"], request.path_params["lang"])


def _version(request: Request) -> tuple[ActSource, Timeline, int]:
    """The act, its timeline (as of the date asked, or all) and the index of the version asked."""
    source = _act(request)
    as_of = parse_as_of(request.query_params.get("as_of"))
    line = timeline(settings(request).data, source, as_of)
    n = request.query_params.get("n", "")
    index = len(line) - 1
    if n:
        if not n.isdigit() or int(n) >= len(line):
            raise InputError(f"no version {n[:10]!r} of act {source.key} (0 to {len(line) - 1})")
        index = int(n)
    return source, line, index


def act_page(request: Request) -> HTMLResponse:
    source, line, _ = _version(request)
    return page(
        "serve_act.html.j2",
        source=source,
        number=line.number,
        title=line.title,
        versions=line.views(),
        left_out=[(step.number, reason) for step, reason in line.chain.left_out],
        problems=line.problems + line.warnings,
        as_of=request.query_params.get("as_of", ""),
    )


def _query(**values: str | int | None) -> str:
    return urllib.parse.urlencode({k: v for k, v in values.items() if v not in (None, "")})


def version_page(request: Request) -> Response:
    source, line, index = _version(request)
    as_of = request.query_params.get("as_of", "")
    base = f"/acts/{urllib.parse.quote(source.key)}/{source.lang}"
    keep = _query(n=request.query_params.get("n"), as_of=as_of)
    env = environment()
    head = env.get_template("serve_head.html.j2").render()
    nav = env.get_template("serve_version_nav.html.j2").render(
        source=source, number=line.number, in_force=line.in_force(index), as_of=as_of, base=base, keep=keep,
        formats=files.choices(line, None)[:-1], left_out=[(s.number, r) for s, r in line.chain.left_out],
    )  # fmt: skip
    href = str(escape(f"{base}/history?{keep + '&' if keep else ''}unit="))
    return HTMLResponse(with_nav(line.link_units(render(line, index, "html"), href), head, nav))


def version_download(request: Request) -> Response:
    source, line, index = _version(request)
    name = request.query_params.get("file", "")
    if name == files.ZIP:
        folder = f"{source.key}-v{index}"
        return attachment(f"{folder}.zip", files.zip_of(files.all_files(line, None, index), folder))
    return attachment(name, files.one_file(line, name, None, index))


def history_page(request: Request) -> HTMLResponse:
    source, line, index = _version(request)
    eid = request.query_params.get("unit", "")
    view = line.history(index, eid)
    if view is None:
        raise InputError(f"no unit {eid[:60]!r} in this version of act {source.key}")
    base = f"/acts/{urllib.parse.quote(source.key)}/{source.lang}"
    keep = _query(n=request.query_params.get("n"), as_of=request.query_params.get("as_of"))
    return page("serve_history.html.j2", source=source, number=line.number, view=view, base=base, keep=keep)


# --- an uploaded order ------------------------------------------------------------------


def order_form(request: Request) -> HTMLResponse:
    return page("serve_order.html.j2", **_order_context(request, {}))


def _order_context(request: Request, values: dict[str, Any]) -> dict[str, Any]:
    context: dict[str, Any] = {
        "acts": find_acts(settings(request).data),
        "langs": LANGS,
        "form": {"act": "auto", "lang": "auto", "published": "", "text": ""},
        "upload": None,
        "problems": [],
        "stage": None,
        "reading": None,
        "preview": None,
        "source": None,
        "problem_lines": set(),
    }
    context.update(values)
    return context


def _choose_act(request: Request, reading: Reading, wanted: str) -> ActSource:
    """The act to apply the order to: the one chosen, or ("auto") the act of the data
    folder the order names, in its language when there is one."""
    acts = find_acts(settings(request).data)
    if wanted != "auto":
        key, _, lang = wanted.partition("/")
        return find_act(settings(request).data, key, lang)
    amends = reading.amendment.order.amends
    named = [source for source in acts if identity(source) == (amends.number, amends.date)]
    if not named:
        have = ", ".join(s.slug for s in acts) or "none"
        raise ApplyError(f"the order amends act № {amends.number} of {amends.date}; the data folder has no such "
                         f"act (acts: {have})", where=f"order {reading.amendment.order.number}")  # fmt: skip
    same = [s for s in named if s.lang == reading.amendment.order.lang]
    return (same or named)[0]


@dataclass
class Preview:
    """An uploaded order applied in the chain of its act: the indexes of the versions
    just before its first step and just after its last one; the last version is the
    consolidated one (every order of the chain, the upload included)."""

    source: ActSource
    line: Timeline
    before: int
    after: int

    @property
    def last(self) -> int:
        return len(self.line) - 1


def _preview(request: Request, reading: Reading, act: str, published: str) -> Preview:
    source = _choose_act(request, reading, act)
    amendment = reading.amendment
    if published.strip():
        try:
            amendment = published_on(amendment, dt.date.fromisoformat(published.strip()).isoformat())
        except ValueError:
            raise InputError(f"first publication {published.strip()[:40]!r} is not a date (YYYY-MM-DD)") from None
    line = timeline(settings(request).data, source, None, amendment)
    same = (amendment.order.number, amendment.order.date)
    ours = [i for i, s in enumerate(line.chain.applied) if (s.amendment.order.number, s.amendment.order.date) == same]
    return Preview(source, line, ours[0], ours[-1] + 1)


def _form_values(form) -> dict[str, str]:
    def text(name: str, default: str = "") -> str:
        value = form.get(name)
        return value if isinstance(value, str) else default

    return {"act": text("act", "auto"), "lang": text("lang", "auto"), "published": text("published"),
            "text": text("text")}  # fmt: skip


def _refused(request: Request, context: dict[str, Any], exc: ConsolidateError, stage: str) -> HTMLResponse:
    """The order page again, with the problems of `stage` (upload, reading, apply) listed."""
    found = problems_of(exc)
    values = {**context, "problems": found, "stage": stage, "problem_lines": {p.line for p in found if p.line}}
    return page("serve_order.html.j2", status_of(exc), **_order_context(request, values))


async def order_post(request: Request) -> Response:
    """Read the order, show its reading, and (when it reads) its consolidated preview."""
    context: dict[str, Any] = {}
    try:
        form = await read_form(request)
        context["form"] = values = _form_values(form)
        upload = await upload_of(form)
    except ConsolidateError as exc:
        return _refused(request, context, exc, "upload")
    context["upload"] = upload
    try:
        blocks = await run_in_threadpool(upload_blocks, upload)
    except ConsolidateError as exc:
        return _refused(request, context, exc, "upload")
    context["source"] = source_lines(blocks, ())
    try:
        reading = await run_in_threadpool(read_blocks, upload, blocks, values["lang"])
    except ConsolidateError as exc:
        return _refused(request, context, exc, "reading")
    context["source"] = source_lines(blocks, reading.amendment.cleanups)
    context["reading"] = {
        "amendment": reading.amendment,
        "operations": operation_views(reading.amendment),
        "kinds": cleanup_kinds(reading.amendment.cleanups),
    }
    try:
        preview = await run_in_threadpool(_preview, request, reading, values["act"], values["published"])
        rendered = await run_in_threadpool(_rendered, preview)
    except ConsolidateError as exc:
        return _refused(request, context, exc, "apply")
    context["preview"] = {"p": preview, **rendered}
    return page("serve_order.html.j2", **_order_context(request, context))


def _rendered(preview: Preview) -> dict[str, Any]:
    line, before, after = preview.line, preview.before, preview.after
    review = line.review(before, after)
    return {
        "number": line.number,
        "summary": line.summary(before, after),
        "version_html": line.render(preview.last, "html").decode("utf-8"),
        "redline_html": review["redline.html"].decode("utf-8"),
        "comparative_html": review["comparative.html"].decode("utf-8"),
        "in_force": line.in_force(preview.last),
        "warnings": line.warnings,
        "files": files.choices(line, before),
    }


async def order_file(request: Request) -> Response:
    """A file of the preview: the order comes back in the form (as base64), is read and
    applied again, and the one file (or the ZIP) asked for is sent."""
    try:
        form = await read_form(request)
        values = _form_values(form)
        upload = await upload_of(form)
        reading = await run_in_threadpool(read_upload, upload, values["lang"])
        preview = await run_in_threadpool(_preview, request, reading, values["act"], values["published"])
        opened = form.get("open")
        inline = isinstance(opened, str) and opened.endswith(".html")
        name = opened if inline else form.get("file")
        name = name if isinstance(name, str) else ""
        if name == files.ZIP:
            order = reading.amendment.order
            folder = f"{preview.source.key}-{order.number}"
            found = await run_in_threadpool(files.all_files, preview.line, preview.before, preview.after)
            return attachment(f"{folder}.zip", files.zip_of(found, folder))
        data = await run_in_threadpool(files.one_file, preview.line, name, preview.before, preview.after)
        return attachment(name, data, inline=inline)
    except ConsolidateError as exc:
        return error_page(status_of(exc), "The file cannot be made", [p.text for p in problems_of(exc)])


# --- importing an official text -------------------------------------------------------


def import_form(request: Request) -> HTMLResponse:
    return page("serve_import.html.j2", **_import_context({}))


def _import_context(values: dict[str, Any]) -> dict[str, Any]:
    context: dict[str, Any] = {"langs": LANGS, "form": {"lang": "auto", "text": ""}, "problems": [], "result": None}
    context.update(values)
    return context


async def import_post(request: Request) -> Response:
    """Import an uploaded official text and show its structure, doubts and round trip."""
    context: dict[str, Any] = {}
    try:
        form = await read_form(request)
        values = _form_values(form)
        context["form"] = {"lang": values["lang"], "text": values["text"]}
        upload = await upload_of(form, OFFICIAL)
        context["result"] = await run_in_threadpool(import_upload, upload, values["lang"])
    except ConsolidateError as exc:
        context["problems"] = problems_of(exc)
        return page("serve_import.html.j2", status_of(exc), **_import_context(context))
    return page("serve_import.html.j2", **_import_context(context))


async def import_file(request: Request) -> Response:
    """A file of an import: the text comes back in the form (as base64) and is imported again."""
    try:
        form = await read_form(request)
        values = _form_values(form)
        upload = await upload_of(form, OFFICIAL)
        result = await run_in_threadpool(import_upload, upload, values["lang"])
        name = form.get("file")
        name = name if isinstance(name, str) else ""
        if name not in result.files:
            choices = ", ".join(result.files)
            raise InputError(f"no file {name[:40]!r} to download (choose one of: {choices})")
        return attachment(name, result.files[name])
    except ConsolidateError as exc:
        return error_page(status_of(exc), "The file cannot be made", [p.text for p in problems_of(exc)])


# --- errors and headers -----------------------------------------------------------------


async def on_consolidate_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ConsolidateError)
    return error_page(status_of(exc), "Bad request", [p.text for p in problems_of(exc)])


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return error_page(exc.status_code, "Not here" if exc.status_code == 404 else "Bad request", [str(exc.detail)])


async def on_server_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_page(500, "Internal error", ["the server failed on this request; it is logged on the server"])


class SecurityHeaders:
    """Adds the headers of `SECURITY_HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def create_app(data: Path) -> Starlette:
    """The application over the data folder `data` (checked now, read on every request)."""
    find_acts(data)  # a folder without base_orders/ is refused before the server starts
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/favicon.ico", lambda request: Response(status_code=204)),
            Route("/acts/{key}/{lang}", act_page),
            Route("/acts/{key}/{lang}/version", version_page),
            Route("/acts/{key}/{lang}/download", version_download),
            Route("/acts/{key}/{lang}/history", history_page),
            Route("/order", order_form, methods=["GET"]),
            Route("/order", order_post, methods=["POST"]),
            Route("/order/file", order_file, methods=["POST"]),
            Route("/import", import_form, methods=["GET"]),
            Route("/import", import_post, methods=["POST"]),
            Route("/import/file", import_file, methods=["POST"]),
        ],
        exception_handlers={
            ConsolidateError: on_consolidate_error,
            HTTPException: on_http_error,
            Exception: on_server_error,
        },
    )
    app.state.settings = Settings(data=data.resolve())
    app.add_middleware(SecurityHeaders)
    return app
