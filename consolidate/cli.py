"""The command line: `consolidate parse` and `consolidate apply`.

Every user-caused problem ends in one line on standard error and exit code 2; outputs
are rendered in memory and written only when everything succeeded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from consolidate.errors import ApplyError, ConsolidateError, InputError, ParseError
from consolidate.fileio import check_output, write_atomic, write_set


def _fragment(args: argparse.Namespace) -> None:
    """`parse --fragment`: one sentence (or one per line of standard input) -> JSON."""
    from consolidate.limits import MAX_SENTENCE, limit_error
    from consolidate.parse.grammar import grammar
    from consolidate.parse.instructions import read_sentence
    from consolidate.parse.language import detect_lang

    def read(sentence: str, where: str) -> dict:
        if len(sentence) > MAX_SENTENCE:
            raise limit_error("MAX_SENTENCE", "the sentence is too long", "characters", where)
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
    if args.output:
        check_output(Path(args.output), [source], "file")
    amendment = parse_source(source, args.lang)
    if args.strict:
        _report_cleanups(amendment, strict=True, where=str(source))
    if args.format == "xml":
        from consolidate.akn.amendment_xml import amendment_to_xml

        data = amendment_to_xml(amendment)
    else:
        data = (json.dumps(reading_to_dict(amendment, source), ensure_ascii=False, indent=2) + "\n").encode()
    if args.output:
        write_atomic(Path(args.output), data, inputs=[source])
    else:
        sys.stdout.buffer.write(data)
    _report_cleanups(amendment, strict=False)  # after the output: a failed run says one line


def _report_cleanups(amendment, strict: bool, where: str | None = None) -> None:
    """Cleanups are warnings: summed up on standard error, or errors with --strict."""
    if not amendment.cleanups:
        return
    if strict:
        details = tuple(
            f"line {c.line}: {c.kind}: {' '.join(c.raw.split())!r} -> {' '.join(c.clean.split())!r}"
            for c in amendment.cleanups
        )
        raise ParseError(f"{len(amendment.cleanups)} repairs of damaged text (--strict)", where=where, details=details)
    kinds: dict[str, int] = {}
    for cleanup in amendment.cleanups:
        kinds[cleanup.kind] = kinds.get(cleanup.kind, 0) + 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    print(
        f"consolidate: warning: {len(amendment.cleanups)} repairs of damaged text ({summary}); "
        'each is listed under "cleanups"',
        file=sys.stderr,
    )


def _orders(args: argparse.Namespace, lang: str):
    """The orders given (with any --published date), the --as-of date, and the repairs of
    damaged text made reading an order's text (a reviewed reading's were reported by `parse`)."""
    import datetime as dt

    from consolidate.apply.fuzzy import repairs
    from consolidate.sources import load_amendment, published_on, reads_text

    published = dict(_published(item) for item in args.published)
    amendments, repaired = [], []
    for order in args.orders:
        amendment = load_amendment(Path(order), lang)
        if reads_text(Path(order), lang):
            repaired += repairs(amendment)
        if amendment.order.number in published:
            amendment = published_on(amendment, published[amendment.order.number])
        amendments.append(amendment)
    as_of = None
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise InputError(f"--as-of {args.as_of!r} is not a date (YYYY-MM-DD)") from None
    return amendments, as_of, repaired


def _fuzzy(args: argparse.Namespace, decisions) -> None:
    """Decisions taken on a likeness: warnings printed on success, or (--strict) one error."""
    from consolidate.apply.fuzzy import strict_message, warning_lines

    if decisions and args.strict:
        raise ApplyError(strict_message(decisions))
    _NOTES.extend(f"consolidate: warning: {line}" for line in warning_lines(decisions))


def _chain(args: argparse.Namespace):
    """The base, the chain of orders (as of a date if asked) and every version it gives."""
    from consolidate.apply.chain import apply_chain_noting, plan
    from consolidate.inputs import check_chain_arguments
    from consolidate.sources import load_version

    check_chain_arguments(Path(args.base), [Path(order) for order in args.orders], args.lang)
    base = load_version(Path(args.base), args.lang)
    amendments, as_of, repaired = _orders(args, args.lang)
    from consolidate.apply.act_match import BaseIdentity, select

    identity, matched = BaseIdentity(base.number, base.date, base.title), list[str]()  # a text amending several acts
    amendments = [select(identity, amendment, matched) for amendment in amendments]
    _NOTES.extend(f"consolidate: note: {line}" for line in matched)
    chain = plan(amendments, as_of)
    for step, reason in chain.left_out:
        _NOTES.append(f"consolidate: note: order {step.number} left out: {reason}")
    versions, fuzzy = apply_chain_noting(base, chain)
    _fuzzy(args, fuzzy + repaired)
    return chain, versions


def _published(item: str) -> tuple[str, str]:
    import datetime as dt

    number, _, date = item.partition("=")
    try:
        return number.strip(), dt.date.fromisoformat(date.strip()).isoformat()
    except ValueError:
        raise InputError(f"--published {item!r}: expected ORDER=YYYY-MM-DD") from None


def _tree_versions(args: argparse.Namespace, base_file: Path):
    """The versions of a tree base (an imported act) after the orders given."""
    from consolidate.apply.tree_chain import decisions_of, load_tree, tree_versions

    base = load_tree(base_file)
    amendments, as_of, repaired = _orders(args, base.identity.lang)
    if args.strict:
        _fuzzy(args, repaired)  # refused before anything is applied
    versions, warnings = tree_versions(base, amendments, as_of)
    _NOTES.extend(f"consolidate: warning: {warning}" for warning in warnings)  # printed on success only
    _fuzzy(args, repaired + decisions_of(versions))  # the tree engine's decisions: warnings, or --strict refuses
    return versions


def _apply_tree(args: argparse.Namespace, base_file: Path, selection) -> None:
    """`apply` on an imported act: the formats and review files `--format` names."""
    from consolidate.apply.tree_chain import STEMS
    from consolidate.export.tree_outputs import render_tree

    versions = _tree_versions(args, base_file)
    last = versions[-1].document
    review_files = selection.review
    if review_files and len(versions) < 2:
        if selection.explicit:
            raise InputError("the review files (redline, comparative) need at least one order in force to compare")
        review_files = ()
    files = render_tree(last, list(selection.version), STEMS[last.identity.lang])
    if review_files:
        from consolidate.export.tree_review import render_tree_review

        review = render_tree_review(versions[-2].document, last)
        files.update((name, review[name]) for name in review_files)
    out = Path(args.output)
    write_set(out, files, _inputs(args))
    from consolidate.diff.tree_diff import diff_trees

    orders = len(versions) - 1
    operations = sum(v.operations for v in versions[1:])
    changed = len(diff_trees(versions[0].document, last)) if orders else 0
    what = (
        f"{orders} order{'s' if orders != 1 else ''}, {operations} operations, {changed} units changed"
        if orders
        else "no order applied"
    )
    print(f"consolidate: wrote {len(files)} file{'s' if len(files) != 1 else ''} to {out} ({what})", file=sys.stderr)


def _apply(args: argparse.Namespace) -> None:
    from consolidate.apply.tree_chain import tree_file
    from consolidate.diff.structure import diff_versions
    from consolidate.export import render_version
    from consolidate.outputs import select
    from consolidate.progress import Steps
    from consolidate.sources import LANG_STEMS

    selection = select(args.format, args.no_review)
    out = Path(args.output)
    check_output(out, _inputs(args), "folder")
    base_file = tree_file(Path(args.base), args.lang)
    if base_file is not None:
        _apply_tree(args, base_file, selection)
        return
    chain, versions = _chain(args)
    review_files = selection.review
    if review_files and len(versions) < 2:
        if selection.explicit:
            raise InputError("the review files (redline, comparative) need at least one order in force to compare")
        review_files = ()
    files: dict[str, bytes] = {}
    with Steps(len(review_files) + len(selection.version), "consolidate") as steps:
        if review_files:
            from consolidate.export.review import render_review, review_diff

            files.update(render_review(review_diff(versions[-2], versions[-1]), review_files, steps.over))
        if selection.version:
            files.update(render_version(versions[-1], selection.version, LANG_STEMS[args.lang], steps.over))
    write_set(out, files, _inputs(args))
    operations = sum(len(step.amendment.operations) for step in chain.applied)
    whole = diff_versions(versions[0], versions[-1]) if len(versions) > 1 else None
    changed = len(whole.changes()) + len(whole.front_changes()) if whole is not None else 0
    orders = len({(step.amendment.order.number, step.amendment.order.date) for step in chain.applied})
    what = (
        f"{orders} order{'s' if orders != 1 else ''}, {operations} operations, {changed} units changed"
        if orders
        else "no order applied"
    )
    count = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    print(f"consolidate: wrote {count} to {out} ({what})", file=sys.stderr)


def _tree_base(args: argparse.Namespace) -> Path | None:
    from consolidate.apply.tree_chain import tree_file

    return tree_file(Path(args.base), args.lang)


def _diff_tree(args: argparse.Namespace, base_file: Path) -> None:
    from consolidate.diff.tree_diff import diff_trees
    from consolidate.export.tree_review import render_tree_review

    versions = _tree_versions(args, base_file)
    if len(versions) < 2:
        raise InputError("nothing to compare: give a base and at least one order in force")
    old, new = versions[-2].document, versions[-1].document
    changes = diff_trees(old, new)
    if args.output:
        write_set(Path(args.output), render_tree_review(old, new), _inputs(args))
    if args.format == "json":
        rows = [{"kind": c.kind, "eid": c.eid} for c in changes]
        print(json.dumps({"changes": rows, "count": len(rows)}, ensure_ascii=False, indent=2))
    else:
        for change in changes:
            print(f"{change.kind}\t{change.eid}")
        print(f"{len(changes)} units changed")


def _inputs(args: argparse.Namespace) -> list[Path]:
    """The files and folders a chain command reads: an output may not be one of them."""
    return [Path(args.base), *(Path(order) for order in args.orders)]


def _diff(args: argparse.Namespace) -> None:
    """Compare two versions, or the versions before and after the last of the orders given."""
    base_file = _tree_base(args)
    if base_file is not None:
        _diff_tree(args, base_file)
        return
    from consolidate.diff.summary import summary_dict, summary_lines
    from consolidate.export.review import render_review, review_diff
    from consolidate.sources import load_version

    if args.output:
        check_output(Path(args.output), _inputs(args), "folder")
    if len(args.orders) == 1 and _is_version(Path(args.orders[0]), args.lang):
        old, new = load_version(Path(args.base), args.lang), load_version(Path(args.orders[0]), args.lang)
    else:
        _, versions = _chain(args)
        if len(versions) < 2:
            raise InputError("nothing to compare: give two versions, or a base and at least one order in force")
        old, new = versions[-2], versions[-1]
    diff = review_diff(old, new)
    if args.output:
        write_set(Path(args.output), render_review(diff), _inputs(args))
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
    base_file = _tree_base(args)
    if base_file is not None:
        versions = _tree_versions(args, base_file)
        identity = versions[0].document.identity
        print(f"0\tact № {identity.number or 'unknown'} of {identity.date or 'unknown'}\tbase")
        for index, version in enumerate(versions[1:], start=1):
            order = version.document.applied[-1]
            in_force = order.in_force or "unknown"
            if order.in_force and order.in_force_assumed:
                in_force += " (assumed)"
            print(f"{index}\tafter order № {order.number} of {order.date}\tin force {in_force}")
        return
    chain, versions = _chain(args)
    base = versions[0]
    print(f"0\tact № {base.number} of {base.date}\tbase")
    for index, step in enumerate(chain.applied, start=1):
        order = step.amendment.order
        in_force = step.in_force.isoformat() if step.in_force else "unknown"
        published = order.first_publication or "unknown"
        if order.first_publication and order.first_publication_assumed:
            published += " (assumed)"
            if versions[index].applied[-1].in_force_assumed:
                in_force += " (assumed)"
        print(f"{index}\tafter order № {order.number} of {order.date}\tpublished {published}\tin force {in_force}")


def _history_tree(args: argparse.Namespace, base_file: Path) -> None:
    """What happened to one unit of an imported act, by its eId: each order that changed it,
    its wording in every version, and its notes."""
    from consolidate.apply.tree_history import unit_history

    eid = args.unit
    wordings = unit_history(_tree_versions(args, base_file), eid)
    if not wordings:
        raise InputError(f"--unit {eid!r}: no such unit in any version (give its eId, e.g. att_1__chp_2__point_5)")
    print(eid)
    for wording in wordings:
        actions = ", ".join(wording.actions) or "unchanged"
        print(f"  {'base' if not wording.order else f'order № {wording.order}: {actions}'}")
        for text in wording.texts():
            print(f"    {text}")


def _history(args: argparse.Namespace) -> None:
    base_file = _tree_base(args)
    if base_file is not None:
        _history_tree(args, base_file)
        return
    from consolidate.apply.front_history import FRONT_UNITS, front_history
    from consolidate.model.table_tree import unit_at
    from consolidate.model.units import ChapterHeading, Unit

    _, versions = _chain(args)
    if args.unit in FRONT_UNITS:  # the preamble or the signature block, named by its eId
        lines = front_history(versions, args.unit)
        if not lines:
            raise InputError(f"--unit {args.unit}: the act has no {args.unit} in any version")
        print("\n".join(lines))
        return
    act = versions[-1]
    parts = [p for p in args.unit.split("/") if p]
    unit: Unit | None
    if args.unit.startswith("att_"):  # a tree address: att_2__chp_6__row_33, att_3__chp_17__subchp_3
        found = unit_at(act, args.unit)
        if found is None:
            raise InputError(f"--unit {args.unit[:60]!r}: no such unit in the last version")
        annex, unit = found
    else:
        if len(parts) not in (2, 3):
            raise InputError(f"--unit {args.unit[:40]!r}: expected ANNEX/CHAPTER or ANNEX/CHAPTER/ROW, e.g. 2/6/33")
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
    print(f"annex {annex.num}, {unit.type} {unit.num} ({annex.unit_eid(unit)})")
    if not unit.changes:
        print("  unchanged since the base")
    for change in unit.changes:
        order = applied.get((change.order_number, change.order_date))
        in_force = order.in_force if order and order.in_force else "unknown"
        if order and order.in_force and order.in_force_assumed:
            in_force += " (assumed)"
        print(f"  {change.action} by order № {change.order_number} of {change.order_date}, in force {in_force}")
    for note in unit.notes:
        print(f"  {note}")


def _import(args: argparse.Namespace) -> None:
    """`import`: an official text -> a base folder (AKN XML + README naming the source)."""
    from consolidate.akn.tree_xml import tree_to_xml
    from consolidate.export.tree_txt import export_tree_txt
    from consolidate.importer.official import import_official
    from consolidate.importer.readme import base_readme
    from consolidate.importer.similarity import similarity

    source = Path(args.source)
    target = Path(args.output)
    if source.resolve().parent == target.resolve() or target.resolve() in source.resolve().parents:
        raise InputError("the output folder holds the source; choose another folder", where=str(target))
    imported = import_official(source, args.lang)
    for said in imported.read:  # what the source gave besides its text (a page's identity)
        print(f"consolidate: read from the page: {said}", file=sys.stderr)
    for warning in imported.warnings:
        print(f"consolidate: warning: {source}:{warning.line}: {warning.message}", file=sys.stderr)
    if args.strict and imported.warnings:
        raise InputError(f"{len(imported.warnings)} doubts about the structure (--strict)", where=str(source))
    document = imported.document
    stem = "kaz" if document.identity.lang == "kk" else "rus"
    text = export_tree_txt(document)
    ratio = similarity(imported.source_text, text.decode("utf-8"))
    # One file at a time (each atomic), not a set: a base folder holds both languages' texts.
    write_atomic(target / f"{stem}.xml", tree_to_xml(document), [source])
    doubts = [f"line {w.line}: {w.message}" for w in imported.warnings]
    write_atomic(target / "README.md", base_readme(source, document, ratio, doubts).encode("utf-8"), [source])
    units = sum(1 for _ in document.units())
    print(
        f"consolidate: imported {source} into {target / (stem + '.xml')}: {units} units, "
        f"{len(document.annexes)} annexes; text given back {ratio:.2%}",
        file=sys.stderr,
    )


def _version() -> str:
    """The installed distribution's version (package metadata), else the source tree's."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("consolidate")
    except PackageNotFoundError:
        from consolidate import __version__

        return __version__


class _Parser(argparse.ArgumentParser):
    """A command line misused is bad input too: one line and exit 2 (the usage is in --help)."""

    def error(self, message: str) -> NoReturn:
        print(f"consolidate: error: {self.prog}: {' '.join(message.split())} (see --help)", file=sys.stderr)
        sys.exit(2)


def _parity(args: argparse.Namespace) -> int:
    """`parity ORDER_KK ORDER_RU`: the two language versions of one order; exit 1 on disagreement."""
    from consolidate.parity import compare_files, render_json, render_text

    report = compare_files(Path(args.order_kk), Path(args.order_ru))
    sys.stdout.write(render_json(report) if args.format == "json" else render_text(report))
    return 1 if report.disagreements else 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="consolidate",
        description="Read Kazakh amending orders, apply them to the base act, publish the consolidated text.",
    )
    parser.add_argument("--version", action="version", version=f"consolidate {_version()}")
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
        command.add_argument(
            "--strict", action="store_true",
            help="treat fuzzy decisions (an annex matched by similarity, a repair of damaged text) as errors",
        )  # fmt: skip

    a = sub.add_parser("apply", help="apply amending orders to a base act and export the result")
    chain_arguments(a)
    a.add_argument("-o", "--output", default="output", help="folder for the outputs (default: output)")
    a.add_argument(
        "--format",
        help="comma-separated, one per file written: html, docx, xml, txt, json, pdf (printed by Chromium or "
        "LibreOffice), redline-html, redline-docx, comparative-html, comparative-docx, or review (all four); "
        "default: html,docx,xml,txt,json and, when an order is applied, the four review files",
    )
    a.add_argument("--no-review", action="store_true", help="leave out the four review files")
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
    h.add_argument(
        "--unit", required=True,
        help="ANNEX/CHAPTER/ROW (e.g. 2/6/33) or ANNEX/CHAPTER, or the unit's eId "
        "(att_2__chp_6__row_33; for an imported act att_1__chp_2__point_5)",
    )  # fmt: skip
    h.set_defaults(run=_history)

    i = sub.add_parser("import", help="read an official text (.md, .html, .docx, PDF .txt) into a base folder")
    i.add_argument("source", help="the official text: the reference bank's markdown copy, HTML page, DOCX or PDF text")
    i.add_argument("-o", "--output", required=True, help="the base folder to write (e.g. base_orders/<name>)")
    i.add_argument("--lang", choices=("auto", "kk", "ru"), default="auto", help="language (default: detected)")
    i.add_argument("--strict", action="store_true", help="treat doubts about the structure as errors")
    i.set_defaults(run=_import)

    from consolidate.serve.command import add_command  # `serve`: the local web page (docs/serve.md)

    add_command(sub)

    q = sub.add_parser("parity", help="compare the Kazakh and Russian texts of one order (exit 1 when they disagree)")
    q.add_argument("order_kk", help="the Kazakh text (.txt, .docx, .html) or an order folder")
    q.add_argument("order_ru", help="the Russian text (.txt, .docx, .html) or an order folder")
    q.add_argument("--format", choices=("text", "json"), default="text")
    q.set_defaults(run=_parity)

    from consolidate.batch.command import add_batch_parser  # `batch`: every act of a folder tree

    add_batch_parser(sub)
    return parser


_NOTES: list[str] = []
"""Notes for standard error, printed when the command succeeds (a failure is one line)."""


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _NOTES.clear()
    try:
        code = args.run(args)
        for note in _NOTES:
            print(note, file=sys.stderr)
    except ConsolidateError as exc:
        first, *details = exc.lines()
        print(f"consolidate: error: {' '.join(first.split())}", file=sys.stderr)
        for line in details:
            print(f"consolidate:   {' '.join(line.split())}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the reader of standard output went away: nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    except OSError as exc:  # an input or output the system refused (outputs are checked first)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"consolidate: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    return code if type(code) is int else 0  # a command may return its own exit code (parity: 1)


if __name__ == "__main__":
    sys.exit(main())
