"""The HTML page in a real browser: headless Chromium lays out the annex tables.

The other HTML tests read the markup with lxml, which says what we *wrote*, not what a
reader *sees*. A browser applies the HTML table model (rowspans carried down, slots
taken, spans clamped at the end of a row group) and the stylesheet. Here Chromium
loads the page, and a small script walks every table through the browser's own DOM
(`rows`, `cells`, `rowSpan`, `colSpan`, and the laid-out boxes). The script writes what
it found as JSON into `<pre id="grid-check">`, and `--dump-dom` hands that back to us.
So a merged cell that the browser places or sizes differently from the model fails
here, even when the markup looks right.

The module is skipped when no Chromium binary is installed. `.ci/run` installs
Debian's `chromium` so CI always runs it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from consolidate.apply import apply_amendment
from consolidate.export import render
from consolidate.model.act import Act
from consolidate.sources import load_amendment, load_version
from tests.conftest import ROOT
from tests.test_export_html import sample_act

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")

TIMEOUT = 60  # seconds for one Chromium run; a hung browser must fail the test, not CI
WIDTH = 6  # columns of every annex table
SCREENSHOT_COPY = Path("/tmp/consolidated-550-192.png")  # outside the project, for a person to look at

# Running as root needs --no-sandbox. Without the networking flags Chromium tries to reach
# Google's hosts at every start, and this machine's closed network refuses them
# (/work/.library/env/machines/python.md).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1600,2400",
)

# Runs inside the page. It builds each table's slot grid the way the HTML table model does.
# Row groups are handled one at a time, because a rowspan never crosses thead/tbody. In
# each row, a cell takes the first slot that no rowspan from above holds. The grid gives:
#   widths    per row: slots taken (own cells' colSpan + cells from rows above still spanning)
#   overlaps  a slot that two cells claim
#   overruns  a rowspan that runs past the end of its row group (the browser cuts it)
#   geometry  a cell whose laid-out box does not match its slots: its top and bottom
#             must line up with its first and last row, and its left and right edges
#             with the header cells of the columns it covers.
# Every cell with rowSpan or colSpan > 1 is also listed, with the ids of the rows it covers.
GRID_SCRIPT = r"""
<script>
(function () {
  function rowKey(tr) {
    if (tr.id) return tr.id;
    if (tr.dataset.for) return "note:" + tr.dataset.for;
    return tr.parentElement.tagName.toLowerCase() + ":" + tr.sectionRowIndex;
  }
  function check(table) {
    var result = {id: table.closest("section") ? table.closest("section").id : null,
                  rows: [], widths: [], overlaps: [], overruns: [], geometry: [], merged: []};
    var head = table.tHead && table.tHead.rows[0];
    var columns = head ? Array.prototype.map.call(head.cells, function (c) {
      var box = c.getBoundingClientRect(); return [box.left, box.right];
    }) : [];
    var sections = [];
    if (table.tHead) sections.push(table.tHead);
    Array.prototype.forEach.call(table.tBodies, function (b) { sections.push(b); });
    if (table.tFoot) sections.push(table.tFoot);
    sections.forEach(function (section) {
      var rows = section.rows, grid = [];
      for (var r = 0; r < rows.length; r++) grid.push([]);
      for (r = 0; r < rows.length; r++) {
        var tr = rows[r], col = 0;
        Array.prototype.forEach.call(tr.cells, function (cell) {
          while (grid[r][col] !== undefined) col++;
          var rs = Math.max(cell.rowSpan, 1), cs = Math.max(cell.colSpan, 1);
          var where = rowKey(tr) + "/" + (cell.className || cell.tagName.toLowerCase());
          for (var dr = 0; dr < rs; dr++) {
            if (r + dr >= rows.length) { result.overruns.push(where); break; }
            for (var dc = 0; dc < cs; dc++) {
              var owner = grid[r + dr][col + dc];
              if (owner !== undefined) result.overlaps.push(where + " over " + owner);
              else grid[r + dr][col + dc] = where;
            }
          }
          if (rs > 1 || cs > 1) {
            var covers = [];
            for (dr = 0; dr < rs && r + dr < rows.length; dr++) covers.push(rowKey(rows[r + dr]));
            result.merged.push({row: rowKey(tr), cls: cell.className, rowSpan: cell.rowSpan,
                                colSpan: cell.colSpan, covers: covers});
          }
          if (columns.length && section !== table.tHead) {
            var box = cell.getBoundingClientRect();
            var first = tr.getBoundingClientRect();
            var last = rows[Math.min(r + rs, rows.length) - 1].getBoundingClientRect();
            var left = columns[col], right = columns[Math.min(col + cs, columns.length) - 1];
            var off = [box.top - first.top, box.bottom - last.bottom,
                       left ? box.left - left[0] : 99, right ? box.right - right[1] : 99];
            if (off.some(function (d) { return Math.abs(d) > 1.5; })) {
              result.geometry.push({cell: where, top: off[0], bottom: off[1], left: off[2], right: off[3]});
            }
          }
          col += cs;
        });
      }
      for (r = 0; r < rows.length; r++) {
        var taken = grid[r].filter(function (x) { return x !== undefined; }).length;
        result.rows.push(rowKey(rows[r]));
        result.widths.push(taken);
      }
    });
    return result;
  }
  var out = document.createElement("pre");
  out.id = "grid-check";
  try {
    out.textContent = JSON.stringify({tables: Array.prototype.map.call(document.querySelectorAll("table"), check)});
  } catch (e) {
    out.textContent = JSON.stringify({error: String(e) + "\n" + (e.stack || "")});
  }
  document.body.appendChild(out);
})();
</script>
"""


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[bytes]:
    """Run Chromium once with the root-safe flags; kill its whole process group on timeout.

    subprocess.run's own timeout kills only the launcher, and Chromium's renderer and
    zygote children would then live on. So Chromium gets its own session, and the group
    we started is the only thing we kill.
    """
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"chromium did not finish within {TIMEOUT} s: {' '.join(command)}")
    return subprocess.CompletedProcess(command, proc.returncode, out, err)


def _with_grid_script(html: bytes) -> bytes:
    """The page with GRID_SCRIPT just before its closing </body>.

    The exported page has no script of its own, and autoescaping means the act's text
    cannot contain a literal </body>, so the last one is the page's own.
    """
    before, tag, after = html.rpartition(b"</body>")
    assert tag, "the exported page has no </body>"
    return before + GRID_SCRIPT.encode("utf-8") + tag + after


def browser_grid(html: bytes, folder: Path) -> dict[str, Any]:
    """Load the page in Chromium and return what GRID_SCRIPT found, per table."""
    page = folder / "page.html"
    page.write_bytes(_with_grid_script(html))
    done = _chromium(["--virtual-time-budget=5000", "--dump-dom", page.as_uri()], folder / "profile")
    dom = done.stdout.decode("utf-8", errors="replace")
    found = lxml.html.fromstring(dom).xpath('//pre[@id="grid-check"]') if dom.strip() else []
    assert found, f"no #grid-check in the dumped DOM (exit {done.returncode}): {done.stderr.decode()[-2000:]}"
    result = json.loads(found[0].text_content())
    assert "error" not in result, result.get("error")
    return result


def consolidated_550_192() -> Act:
    """Order 550 with Order 192 applied, from the checkout's files, as `make demo` does."""
    base = load_version(ROOT / "base_orders" / "550")
    return apply_amendment(base, load_amendment(ROOT / "amendments" / "192"))


@pytest.fixture(scope="module")
def real_act() -> Act:
    return consolidated_550_192()


@pytest.fixture(scope="module")
def sample_grid(tmp_path_factory) -> dict[str, Any]:
    return browser_grid(render(sample_act(), "html"), tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def real_grid(real_act, tmp_path_factory) -> dict[str, Any]:
    return browser_grid(render(real_act, "html"), tmp_path_factory.mktemp("real"))


def _table(grid: dict[str, Any], eid: str) -> dict[str, Any]:
    (table,) = [t for t in grid["tables"] if t["id"] == eid]
    return table


def _assert_sound(grid: dict[str, Any], act: Act) -> None:
    """One table per annex; each row fills exactly six slots, nothing overlaps, and
    nothing is cut or misdrawn."""
    assert [t["id"] for t in grid["tables"]] == [annex.eid for annex in act.annexes]
    for table in grid["tables"]:
        wrong = {row: width for row, width in zip(table["rows"], table["widths"], strict=True) if width != WIDTH}
        assert wrong == {}, f"{table['id']}: rows not {WIDTH} columns wide"
        assert table["overlaps"] == [], table["id"]
        assert table["overruns"] == [], table["id"]
        assert table["geometry"] == [], table["id"]


def _assert_merges_match_model(grid: dict[str, Any], act: Act) -> None:
    """Every merge of the model is one browser cell with that rowSpan, covering exactly
    the model's rows, and the browser has no vertical merge the model lacks."""
    for annex in act.annexes:
        expected = {}
        for index, columns in annex.spans().items():
            for column, span in columns.items():
                covers = [annex.unit_eid(unit) for unit in annex.units[index : index + span]]
                expected[(covers[0], f"c-{column}")] = (span, covers)
        seen = {
            (m["row"], m["cls"]): (m["rowSpan"], m["covers"])
            for m in _table(grid, annex.eid)["merged"]
            if m["rowSpan"] > 1
        }
        assert seen == expected, annex.eid


def test_sample_act_tables_are_sound_in_chromium(sample_grid) -> None:
    """The sample has the hard cases (overlapping merges, a note deferred past a merge,
    a repealed row), so the browser must lay each of them out in six columns."""
    _assert_sound(sample_grid, sample_act())


def test_sample_act_merges_match_the_model(sample_grid) -> None:
    """A rowspan the browser reads differently from the model would show a merged cell
    over the wrong rows; 26-1 and 26-2 are the two overlapping merges."""
    _assert_merges_match_model(sample_grid, sample_act())
    merged = {(m["row"], m["cls"]): m["rowSpan"] for m in _table(sample_grid, "att_1")["merged"]}
    assert merged[("att_1__row_26-1", "c-specialties")] == 3
    assert merged[("att_1__row_26-2", "c-experience")] == 2


def test_headings_and_notes_span_six_columns_in_chromium(sample_grid) -> None:
    """Heading and note rows are one cell; the browser must see colSpan 6, not 1."""
    full = {(m["row"], m["colSpan"]) for m in _table(sample_grid, "att_1")["merged"] if m["colSpan"] > 1}
    assert ("att_1__chp_7-1", 6) in full
    assert ("note:att_1__row_26-2", 6) in full
    assert set(_table(sample_grid, "att_2")["widths"]) == {WIDTH}


def test_consolidated_550_192_tables_are_sound_in_chromium(real_grid, real_act) -> None:
    """The real output of `make demo`: three annexes, about 240 rows, dozens of merges."""
    _assert_sound(real_grid, real_act)


def test_consolidated_550_192_merges_match_the_model(real_grid, real_act) -> None:
    """Every merge of the consolidated act, including those Order 192 rewrote: chapter 8
    of annex 2 (row 44, five rows) and the restated rows 33-34 (two rows)."""
    _assert_merges_match_model(real_grid, real_act)
    merged = {(m["row"], m["cls"]): m["rowSpan"] for m in _table(real_grid, "att_2")["merged"]}
    assert merged[("att_2__row_44", "c-specialties")] == 5
    assert merged[("att_2__row_33", "c-specialties")] == 2


def test_screenshot_of_consolidated_550_192(real_act, tmp_path) -> None:
    """A PNG a person can look at; the test only checks that Chromium painted a page.

    The copy goes outside the project, so nothing in the checkout changes.
    """
    page = tmp_path / "kaz.html"
    page.write_bytes(render(real_act, "html"))
    png = tmp_path / "kaz.png"
    done = _chromium([f"--screenshot={png}", page.as_uri()], tmp_path / "profile")
    assert png.is_file(), f"no screenshot (exit {done.returncode}): {done.stderr.decode()[-2000:]}"
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 50_000, f"screenshot is only {len(data)} bytes"
    shutil.copyfile(png, SCREENSHOT_COPY)
