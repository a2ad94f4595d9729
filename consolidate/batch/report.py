"""The batch's report: `OUT/report.json` for machines, `OUT/report.html` for people.

Both say, act by act, what succeeded and what failed and why (the program's one-line
error), whether the act was consolidated in this run or skipped as unchanged, and which
orders were left out and why. Neither carries a time or a duration: the same tree and the
same state give the same bytes. Paths are relative to the batch folder. The HTML page is
rendered by the export layer's Jinja environment (templates/batch_report.html.j2),
autoescaped like every other page.
"""

from __future__ import annotations

import json
from typing import Any

from consolidate.batch.runner import BatchRun
from consolidate.fileio import write_atomic

TEMPLATE = "batch_report.html.j2"


def report_dict(run: BatchRun) -> dict[str, Any]:
    acts = []
    for entry in run.acts:
        result = entry.result
        act: dict[str, Any] = {
            "name": entry.name,
            "outcome": result.outcome.value,
            "error": result.message or None,
            "this_run": "skipped (unchanged)" if entry.skipped else "consolidated",
            "base": run.relative(entry.base),
            "act": {"number": entry.act.number, "date": entry.act.date} if entry.act else None,
            "orders": [run.relative(o) for o in entry.act.orders] if entry.act else [],
            "output": f"{entry.name}/" if result.files else None,
            "files": list(result.files),
            "notes": list(result.notes),
        }
        acts.append(act)
    orders = [{"folder": run.relative(o.folder), "problem": o.problem.value, "message": o.message} for o in run.orders]
    return {
        "lang": run.lang,
        "summary": {
            "acts": len(run.acts),
            "ok": len(run.acts) - len(run.failed),
            "failed": len(run.failed),
            "consolidated": len(run.acts) - run.skipped,
            "skipped_unchanged": run.skipped,
            "orders_unreadable": len(run.unreadable),
            "orders_left_out": len(run.orders) - len(run.unreadable),
        },
        "acts": acts,
        "orders": orders,
    }


def write_reports(run: BatchRun) -> None:
    """Write report.json and report.html into the output folder, each atomically."""
    from consolidate.export.html import environment

    data = report_dict(run)
    write_atomic(run.out / "report.json", (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    page = environment().get_template(TEMPLATE).render(report=data)
    write_atomic(run.out / "report.html", page.encode("utf-8"))


def summary_line(run: BatchRun) -> str:
    """The line printed at the end of a run."""
    data = report_dict(run)["summary"]
    parts = [
        f"{data['acts']} acts",
        f"{data['consolidated']} consolidated",
        f"skipped {data['skipped_unchanged']} unchanged",
        f"{data['failed']} failed",
    ]
    if data["orders_unreadable"]:
        parts.append(f"{data['orders_unreadable']} orders unreadable")
    if data["orders_left_out"]:
        parts.append(f"{data['orders_left_out']} orders left out")
    return f"batch: {', '.join(parts)}; report: {run.out / 'report.html'}"
