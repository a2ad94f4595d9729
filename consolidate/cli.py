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


def _apply(args: argparse.Namespace) -> None:
    from consolidate.apply import apply_amendments
    from consolidate.export import FORMATS, write_version
    from consolidate.sources import LANG_STEMS, load_amendment, load_version

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    base = load_version(Path(args.base), args.lang)
    amendments = [load_amendment(Path(order), args.lang) for order in args.orders]
    version = apply_amendments(base, amendments)
    write_version(version, Path(args.output), formats, stem=LANG_STEMS[args.lang])


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

    a = sub.add_parser("apply", help="apply amending orders to a base act and export the result")
    a.add_argument("base", help="base act: AKN XML, JSON of a version, or a folder (base_orders/550)")
    a.add_argument("orders", nargs="*", help="amending orders: .txt, parsed .json, or folders (amendments/192)")
    a.add_argument("-o", "--output", default="output", help="folder for the outputs (default: output)")
    a.add_argument("--format", default="html,docx,xml,txt,json", help="comma-separated formats")
    a.add_argument("--lang", choices=("kk", "ru"), default="kk", help="language of the base and outputs")
    a.set_defaults(run=_apply)
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
