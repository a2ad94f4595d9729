"""The redline page in a real browser: Chromium renders it, a screenshot is taken, and
the <ins>/<del> marks the browser finds equal what the structural diff says changed."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from consolidate.apply import apply_amendment
from consolidate.diff.structure import diff_versions
from consolidate.export.redline_html import export_redline_html
from consolidate.sources import load_amendment, load_version
from tests.conftest import ROOT
from tests.test_browser import CHROMIUM, _chromium

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (apt-get install chromium)")

COUNT_SCRIPT = """
<script>
(function () {
  const side = document.getElementById("side");
  const result = {
    body: {inserted: +document.body.dataset.inserted, deleted: +document.body.dataset.deleted},
    side: {inserted: side.querySelectorAll("ins.ins").length, deleted: side.querySelectorAll("del.del").length},
    visible: [...document.querySelectorAll("ins.ins, del.del")].filter(e => e.getClientRects().length).length,
    all: document.querySelectorAll("ins.ins, del.del").length,
  };
  const out = document.createElement("pre");
  out.id = "redline-check";
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
</script>
"""


@pytest.fixture(scope="module")
def diff():
    base = load_version(ROOT / "base_orders" / "550")
    return diff_versions(base, apply_amendment(base, load_amendment(ROOT / "amendments" / "192")))


def expected_counts(diff) -> tuple[int, int]:
    pieces = [p for change in diff.changes() for text in change.texts for p in text.pieces if p.text]
    return sum(p.op == "insert" for p in pieces), sum(p.op == "delete" for p in pieces)


def test_chromium_counts_the_diffs_marks(diff, tmp_path):
    html = export_redline_html(diff)
    before, tag, after = html.rpartition(b"</body>")
    page = tmp_path / "redline.html"
    page.write_bytes(before + COUNT_SCRIPT.encode() + tag + after)
    done = _chromium(["--virtual-time-budget=5000", "--dump-dom", page.as_uri()], tmp_path / "profile")
    found = lxml.html.fromstring(done.stdout.decode("utf-8")).xpath('//pre[@id="redline-check"]')
    assert found, done.stderr.decode()[-2000:]
    result = json.loads(found[0].text_content())
    inserted, deleted = expected_counts(diff)
    assert inserted > 100 and deleted > 10
    assert result["body"] == {"inserted": inserted, "deleted": deleted}
    assert result["side"] == {"inserted": inserted, "deleted": deleted}
    assert result["visible"] == result["all"]  # every mark is laid out, none hidden


def test_screenshot_of_the_redline(diff, tmp_path):
    page = tmp_path / "redline.html"
    page.write_bytes(export_redline_html(diff))
    shot = tmp_path / "redline.png"
    _chromium([f"--screenshot={shot}", page.as_uri()], tmp_path / "profile")
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a page with text and tables, not a blank one
    Path("/tmp/redline-550-192.png").write_bytes(shot.read_bytes())
