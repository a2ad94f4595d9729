"""Parity of the two language versions of one amending order (`consolidate parity`).

An order of Kazakhstan is published in Kazakh and in Russian, and both texts are
authentic; they must make the same changes. `compare_files` reads both texts with the
parser and lists every place where they disagree (docs/parity.md).
"""

from consolidate.parity.compare import Finding, Kind, Report, compare_files
from consolidate.parity.report import render_json, render_text

__all__ = ["Finding", "Kind", "Report", "compare_files", "render_json", "render_text"]
