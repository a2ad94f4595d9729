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
from consolidate.export import render
from consolidate.export.html import environment
from consolidate.export.review import review_diff
from consolidate.model.act import Act
from consolidate.serve import files
from consolidate.serve.data import ActSource, find_act, find_acts, parse_as_of, timeline
from consolidate.serve.uploads import (
    LANGS,
    MAX_BYTES,
    Reading,
    TooLarge,
    read_blocks,
    read_form,
    read_upload,
    upload_blocks,
    upload_of,
)
from consolidate.serve.views import (
    cleanup_kinds,
    history,
    in_force_line,
    linked_version,
    operation_views,
    problems_of,
    source_lines,
    version_views,
)
from consolidate.sources import load_version, published_on

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


def index(request: Request) -> HTMLResponse:
    data = settings(request).data
    acts = []
    for source in find_acts(data):
        try:
            line = timeline(data, source)
            acts.append({"source": source, "act": line.versions[0], "versions": version_views(line.base, line.chain),
                         "problems": line.problems, "error": None})  # fmt: skip
        except ConsolidateError as exc:
            acts.append({"source": source, "act": None, "versions": [], "problems": [], "error": str(exc)})
    return page("serve_index.html.j2", acts=acts, data=str(data))


def _act(request: Request) -> ActSource:
    return find_act(settings(request).data, request.path_params["key"], request.path_params["lang"])


def _version(request: Request) -> tuple[ActSource, list[Act], int, Any]:
    """The act, its versions (as of the date asked, or all) and the index of the one asked."""
    source = _act(request)
    as_of = parse_as_of(request.query_params.get("as_of"))
    line = timeline(settings(request).data, source, as_of)
    n = request.query_params.get("n", "")
    index = len(line.versions) - 1
    if n:
        if not n.isdigit() or int(n) >= len(line.versions):
            raise InputError(f"no version {n[:10]!r} of act {source.key} (0 to {len(line.versions) - 1})")
        index = int(n)
    return source, line.versions, index, line


def act_page(request: Request) -> HTMLResponse:
    source, versions, _, line = _version(request)
    return page(
        "serve_act.html.j2",
        source=source,
        act=versions[-1],
        versions=version_views(line.base, line.chain),
        left_out=[(step.number, reason) for step, reason in line.chain.left_out],
        problems=line.problems,
        as_of=request.query_params.get("as_of", ""),
    )


def _query(**values: str | int | None) -> str:
    return urllib.parse.urlencode({k: v for k, v in values.items() if v not in (None, "")})


def version_page(request: Request) -> Response:
    source, versions, index, line = _version(request)
    act = versions[index]
    as_of = request.query_params.get("as_of", "")
    base = f"/acts/{urllib.parse.quote(source.key)}/{source.lang}"
    keep = _query(n=request.query_params.get("n"), as_of=as_of)
    env = environment()
    head = env.get_template("serve_head.html.j2").render()
    nav = env.get_template("serve_version_nav.html.j2").render(
        source=source, act=act, in_force=in_force_line(act), as_of=as_of, base=base, keep=keep,
        formats=files.version_names(act), left_out=[(s.number, r) for s, r in line.chain.left_out],
    )  # fmt: skip
    href = str(escape(f"{base}/history?{keep + '&' if keep else ''}unit="))
    return HTMLResponse(linked_version(render(act, "html"), href, head, nav))


def version_download(request: Request) -> Response:
    source, versions, index, _ = _version(request)
    act = versions[index]
    name = request.query_params.get("file", "")
    if name == files.ZIP:
        folder = f"{source.key}-v{index}"
        return attachment(f"{folder}.zip", files.zip_of(files.all_files(None, act), folder))
    return attachment(name, files.one_file(name, None, act))


def history_page(request: Request) -> HTMLResponse:
    source, versions, index, line = _version(request)
    eid = request.query_params.get("unit", "")
    shown = versions[: index + 1]
    view = history(shown, version_views(line.base, line.chain)[: index + 1], eid)
    if view is None:
        raise InputError(f"no unit {eid[:60]!r} in this version of act {source.key}")
    base = f"/acts/{urllib.parse.quote(source.key)}/{source.lang}"
    keep = _query(n=request.query_params.get("n"), as_of=request.query_params.get("as_of"))
    return page("serve_history.html.j2", source=source, act=shown[-1], view=view, base=base, keep=keep)


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
    named = []
    for source in acts:
        act = load_version(source.folder, source.lang)
        if (act.number, act.date) == (amends.number, amends.date):
            named.append(source)
    if not named:
        have = ", ".join(s.slug for s in acts) or "none"
        raise ApplyError(f"the order amends act № {amends.number} of {amends.date}; the data folder has no such "
                         f"act (acts: {have})", where=f"order {reading.amendment.order.number}")  # fmt: skip
    same = [s for s in named if s.lang == reading.amendment.order.lang]
    return (same or named)[0]


@dataclass
class Preview:
    """An uploaded order applied in the chain of its act."""

    source: ActSource
    base: Act
    new: Act  # the consolidated version: every order of the chain, the upload included
    before: Act  # the version just before the upload's first step
    after: Act  # the version just after its last step


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
    before, after = line.versions[ours[0]], line.versions[ours[-1] + 1]
    return Preview(source, line.base, line.versions[-1], before, after)


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
    from consolidate.diff.summary import summary_lines
    from consolidate.export.comparative import export_comparative_html
    from consolidate.export.redline_html import export_redline_html

    diff = review_diff(preview.before, preview.after)
    return {
        "summary": summary_lines(diff),
        "version_html": render(preview.new, "html").decode("utf-8"),
        "redline_html": export_redline_html(diff).decode("utf-8"),
        "comparative_html": export_comparative_html(diff).decode("utf-8"),
        "in_force": in_force_line(preview.new),
        "files": files.choices(preview.before, preview.after),
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
            data = await run_in_threadpool(files.zip_of, files.all_files(preview.before, preview.after), folder)
            return attachment(f"{folder}.zip", data)
        data = await run_in_threadpool(files.one_file, name, preview.before, preview.after)
        return attachment(name, data, inline=inline)
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
