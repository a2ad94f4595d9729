"""The parity report as text (one line per finding) or JSON.

Each line names both sides as file:line and gives both texts, so a reviewer can open the
two files at the right place; a side that has nothing there shows "—" and the line after
which it would stand. The output is deterministic: findings are sorted by their lines.
"""

from __future__ import annotations

import json

from consolidate.parity.compare import Finding, Report, Side

SHOWN = 120
"""Characters of each side's text shown on a text line (the JSON has the whole text)."""


def _where(side: Side) -> str:
    if side.present:
        return f"{side.file}:{side.line}"
    return f"{side.file}:— (after line {side.line})" if side.line else f"{side.file}:— (nothing)"


def _text(side: Side) -> str:
    if not side.present:
        return "—"
    text = side.text if len(side.text) <= SHOWN else side.text[: SHOWN - 1] + "…"
    return f"«{text}»"


def finding_line(finding: Finding) -> str:
    """One finding on one line: kind, what, values, both places, both texts."""
    label = "NOTE" if not finding.disagrees else "DIFF"
    values = ""
    if finding.kk_value or finding.ru_value:
        values = f" [kk: {finding.kk_value or 'none'} | ru: {finding.ru_value or 'none'}]"
    return (
        f"{label} {finding.kind.value}: {finding.what}{values}; "
        f"kk {_where(finding.kk)} {_text(finding.kk)}; ru {_where(finding.ru)} {_text(finding.ru)}"
    )


def render_text(report: Report) -> str:
    kk, ru = report.kk, report.ru
    lines = [
        f"parity: {kk.file} (kk, {len(kk.ops)} operations) and {ru.file} (ru, {len(ru.ops)} operations); "
        f"{report.matched} aligned"
    ]
    lines.extend(finding_line(f) for f in report.findings)
    count = len(report.disagreements)
    verdict = "the texts agree" if not count else f"{count} disagreement{'s' if count > 1 else ''}"
    notes = f", {len(report.notes)} one-language change{'s' if len(report.notes) > 1 else ''}" if report.notes else ""
    lines.append(verdict + notes)
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    data = {
        "kk": {"file": report.kk.file, "operations": len(report.kk.ops)},
        "ru": {"file": report.ru.file, "operations": len(report.ru.ops)},
        "aligned": report.matched,
        "agree": not report.disagreements,
        "disagreements": [f.to_dict() for f in report.disagreements],
        "one_language": [f.to_dict() for f in report.notes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
