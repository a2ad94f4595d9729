"""The command line: `consolidate parse` and `consolidate apply`.

Every user-caused problem ends in one line on standard error and exit code 2; outputs
are rendered in memory and written only when everything succeeded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from consolidate.errors import ConsolidateError, InputError
from consolidate.fileio import write_atomic


def _parse(args: argparse.Namespace) -> None:
    from consolidate.sources import LANG_STEMS, parse_source, reading_to_dict

    source = Path(args.source)
    if source.is_dir():
        source = source / f"{LANG_STEMS[args.lang]}.txt"
    amendment = parse_source(source, args.lang)
    if args.format == "xml":
        from consolidate.akn.amendment_xml import amendment_to_xml

        data = amendment_to_xml(amendment)
    else:
        data = (json.dumps(reading_to_dict(amendment, source), ensure_ascii=False, indent=2) + "\n").encode()
    if args.output:
        write_atomic(Path(args.output), data)
    else:
        sys.stdout.buffer.write(data)


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
    p.add_argument("source", help="the order's text (.txt) or its folder (amendments/192)")
    p.add_argument("--format", choices=("json", "xml"), default="json")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--lang", choices=("kk",), default="kk")
    p.set_defaults(run=_parse)

    a = sub.add_parser("apply", help="apply amending orders to a base act and export the result")
    a.add_argument("base", help="base act: AKN XML, JSON of a version, or a folder (base_orders/550)")
    a.add_argument("orders", nargs="*", help="amending orders: .txt, parsed .json, or folders (amendments/192)")
    a.add_argument("-o", "--output", default="output", help="folder for the outputs (default: output)")
    a.add_argument("--format", default="html,docx,xml,txt,json", help="comma-separated formats")
    a.add_argument("--lang", choices=("kk",), default="kk")
    a.set_defaults(run=_apply)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except ConsolidateError as exc:
        message = " ".join(str(exc).split())
        print(f"consolidate: error: {message}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
