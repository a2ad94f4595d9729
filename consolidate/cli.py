"""The command line: `consolidate parse` and `consolidate apply`.

Every user-caused problem ends in one line on standard error and exit code 2; outputs
are rendered in memory and written only when everything succeeded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from consolidate.errors import ConsolidateError, InputError, ParseError
from consolidate.fileio import write_atomic


def _fragment(args: argparse.Namespace) -> None:
    """`parse --fragment`: one sentence (or one per line of standard input) -> JSON."""
    from consolidate.parse.grammar import grammar
    from consolidate.parse.instructions import read_sentence
    from consolidate.parse.language import detect_lang

    def read(sentence: str, where: str) -> dict:
        if args.lang != "auto":
            return read_sentence(sentence, grammar(args.lang), where).fragment()
        # A short sentence may have no letter only Kazakh uses: try the other language too.
        first = detect_lang(sentence)
        try:
            return read_sentence(sentence, grammar(first), where).fragment()
        except ParseError as problem:
            try:
                return read_sentence(sentence, grammar("ru" if first == "kk" else "kk"), where).fragment()
            except ParseError:
                raise problem from None

    if args.source != "-":
        print(json.dumps(read(args.source, "sentence"), ensure_ascii=False))
        return
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            result = read(line.strip(), f"stdin:{number}")
        except ConsolidateError as exc:
            result = {"error": " ".join(str(exc).split())}
        print(json.dumps(result, ensure_ascii=False), flush=True)


def _parse(args: argparse.Namespace) -> None:
    from consolidate.sources import order_file, parse_source, reading_to_dict

    if args.fragment:
        _fragment(args)
        return
    source = Path(args.source)
    if source.is_dir():
        source = order_file(source, args.lang)
    amendment = parse_source(source, args.lang)
    _report_cleanups(amendment, strict=args.strict)
    if args.format == "xml":
        from consolidate.akn.amendment_xml import amendment_to_xml

        data = amendment_to_xml(amendment)
    else:
        data = (json.dumps(reading_to_dict(amendment, source), ensure_ascii=False, indent=2) + "\n").encode()
    if args.output:
        write_atomic(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)


def _report_cleanups(amendment, strict: bool) -> None:
    """Cleanups are warnings: summed up on standard error, or errors with --strict."""
    if not amendment.cleanups:
        return
    if strict:
        details = tuple(
            f"line {c.line}: {c.kind}: {' '.join(c.raw.split())!r} -> {' '.join(c.clean.split())!r}"
            for c in amendment.cleanups
        )
        raise ParseError(f"{len(amendment.cleanups)} repairs of damaged text (--strict)", details=details)
    kinds: dict[str, int] = {}
    for cleanup in amendment.cleanups:
        kinds[cleanup.kind] = kinds.get(cleanup.kind, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    print(
        f"consolidate: warning: {len(amendment.cleanups)} repairs of damaged text ({summary}); "
        'each is listed under "cleanups"',
        file=sys.stderr,
    )


def _chain(args: argparse.Namespace):
    """The base, the chain of orders (as of a date if asked) and every version it gives."""
    import datetime as dt

    from consolidate.apply.chain import apply_chain, plan
    from consolidate.sources import load_amendment, load_version, published_on

    base = load_version(Path(args.base), args.lang)
    published = dict(_published(item) for item in args.published)
    amendments = []
    for order in args.orders:
        amendment = load_amendment(Path(order), args.lang)
        if amendment.order.number in published:
            amendment = published_on(amendment, published[amendment.order.number])
        amendments.append(amendment)
    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise InputError(f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD)") from None
    chain = plan(amendments, as_of)
    for step, reason in chain.left_out:
        print(f"consolidate: note: order {step.number} left out: {reason}", file=sys.stderr)
    return chain, apply_chain(base, chain)


def _published(item: str) -> tuple[str, str]:
    import datetime as dt

    number, _, date = item.partition("=")
    try:
        return number.strip(), dt.date.fromisoformat(date.strip()).isoformat()
    except ValueError:
        raise InputError(f"--published {item!r}: expected ORDER=YYYY-MM-DD") from None


def _apply(args: argparse.Namespace) -> None:
    from consolidate.export import FORMATS, write_version
    from consolidate.sources import LANG_STEMS

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    _, versions = _chain(args)
    out = Path(args.output)
    review: dict[str, bytes] = {}
    if len(versions) > 1 and not args.no_review:
        from consolidate.export.review import render_review, review_diff

        review = render_review(review_diff(versions[-2], versions[-1]))
    write_version(versions[-1], out, formats, stem=LANG_STEMS[args.lang])
    for name, data in review.items():
        write_atomic(out / name, data)


def _diff(args: argparse.Namespace) -> None:
    """Compare two versions, or the versions before and after the last of the orders given."""
    from consolidate.diff.summary import summary_dict, summary_lines
    from consolidate.export.review import render_review, review_diff
    from consolidate.sources import load_version

    if len(args.orders) == 1 and _is_version(Path(args.orders[0]), args.lang):
        old, new = load_version(Path(args.base), args.lang), load_version(Path(args.orders[0]), args.lang)
    else:
        _, versions = _chain(args)
        if len(versions) < 2:
            raise InputError("nothing to compare: give two versions, or a base and at least one order in force")
        old, new = versions[-2], versions[-1]
    diff = review_diff(old, new)
    if args.output:
        for name, data in render_review(diff).items():
            write_atomic(Path(args.output) / name, data)
    if args.format == "json":
        print(json.dumps(summary_dict(diff), ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary_lines(diff)))


def _is_version(path: Path, lang: str) -> bool:
    """Whether a file holds a version of an act (rather than an amending order)."""
    if path.suffix not in (".xml", ".json") or path.is_dir():
        return False
    from consolidate.sources import load_version

    try:
        load_version(path, lang)
    except ConsolidateError:
        return False
    return True


def _versions(args: argparse.Namespace) -> None:
    chain, versions = _chain(args)
    base = versions[0]
    print(f"0\tact № {base.number} of {base.date}\tbase")
    for index, step in enumerate(chain.applied, start=1):
        order = step.amendment.order
        in_force = step.in_force.isoformat() if step.in_force else "unknown"
        published = order.first_publication or "unknown"
        print(f"{index}\tafter order № {order.number} of {order.date}\tpublished {published}\tin force {in_force}")


def _history(args: argparse.Namespace) -> None:
    from consolidate.model.units import ChapterHeading, Row

    _, versions = _chain(args)
    parts = [p for p in args.unit.split("/") if p]
    if len(parts) not in (2, 3):
        raise InputError(f"--unit {args.unit!r}: expected ANNEX/CHAPTER or ANNEX/CHAPTER/ROW, e.g. 2/6/33")
    act = versions[-1]
    try:
        annex = act.annex(parts[0])
    except KeyError:
        raise InputError(f"--unit {args.unit!r}: the act has no annex {parts[0]}") from None
    if len(parts) == 2:
        unit = next((u for u in annex.units if isinstance(u, ChapterHeading) and u.num == parts[1]), None)
    else:
        unit = next((u for u in annex.rows() if u.num == parts[2] and u.chapter == parts[1]), None)
    if unit is None:
        raise InputError(f"--unit {args.unit!r}: no such unit in the last version")
    applied = {(a.number, a.date): a for a in act.applied}
    label = "row" if isinstance(unit, Row) else "chapter"
    print(f"annex {annex.num}, {label} {unit.num} ({annex.unit_eid(unit)})")
    if not unit.changes:
        print("  unchanged since the base")
    for change in unit.changes:
        order = applied.get((change.order_number, change.order_date))
        in_force = order.in_force if order and order.in_force else "unknown"
        print(f"  {change.action} by order № {change.order_number} of {change.order_date}, in force {in_force}")
    for note in unit.notes:
        print(f"  {note}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="consolidate",
        description="Read Kazakh amending orders, apply them to the base act, publish the consolidated text.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="read an amending order and print the operations it makes")
    p.add_argument(
        "source",
        help="the order (.txt from PDF, .docx, .html) or its folder (amendments/192); with --fragment a "
        "sentence, or - to read one sentence per line from standard input",
    )
    p.add_argument("--format", choices=("json", "xml"), default="json")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--lang", choices=("auto", "kk", "ru"), default="auto", help="language (default: detected)")
    p.add_argument("--fragment", action="store_true", help="read one instruction sentence out of context")
    p.add_argument("--strict", action="store_true", help="treat repairs of damaged text as errors")
    p.set_defaults(run=_parse)

    def chain_arguments(command: argparse.ArgumentParser) -> None:
        command.add_argument("base", help="base act: AKN XML, JSON of a version, or a folder (base_orders/550)")
        command.add_argument(
            "orders", nargs="*", help="amending orders: .txt/.docx/.html, a reading (.json/.xml), or folders"
        )
        command.add_argument("--as-of", help="the version in force on this date (YYYY-MM-DD)")
        command.add_argument(
            "--published", action="append", default=[], metavar="ORDER=DATE",
            help="first official publication of an order (overrides its publication.toml)",
        )  # fmt: skip
        command.add_argument("--lang", choices=("kk", "ru"), default="kk", help="language of the base and outputs")

    a = sub.add_parser("apply", help="apply amending orders to a base act and export the result")
    chain_arguments(a)
    a.add_argument("-o", "--output", default="output", help="folder for the outputs (default: output)")
    a.add_argument("--format", default="html,docx,xml,txt,json", help="comma-separated formats")
    a.add_argument(
        "--no-review", action="store_true",
        help="do not write redline.html, redline.docx, comparative.html, comparative.docx",
    )  # fmt: skip
    a.set_defaults(run=_apply)

    d = sub.add_parser("diff", help="what changed: two versions, or a base and orders (the last order's change)")
    chain_arguments(d)
    d.add_argument("-o", "--output", help="also write the redline and comparative table into this folder")
    d.add_argument("--format", choices=("text", "json"), default="text", help="of the change summary")
    d.set_defaults(run=_diff)

    v = sub.add_parser("versions", help="list every version with its dates")
    chain_arguments(v)
    v.set_defaults(run=_versions)

    h = sub.add_parser("history", help="print the history of one unit")
    chain_arguments(h)
    h.add_argument("--unit", required=True, help="ANNEX/CHAPTER/ROW (e.g. 2/6/33) or ANNEX/CHAPTER")
    h.set_defaults(run=_history)

    from consolidate.batch.command import add_batch_parser  # `batch`: every act of a folder tree

    add_batch_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except ConsolidateError as exc:
        for line in exc.lines():
            print(f"consolidate: error: {' '.join(line.split())}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
