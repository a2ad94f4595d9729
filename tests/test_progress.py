"""The progress bar: on a terminal only, never in a pipe or a log."""

from __future__ import annotations

import io

from consolidate.progress import progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as standard error is in an interactive shell."""

    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal() -> None:
    stream = Terminal()
    assert list(progress(["kaz.html", "kaz.docx", "kaz.pdf"], "formats", stream=stream, delay=0)) == [
        "kaz.html", "kaz.docx", "kaz.pdf"]  # fmt: skip
    shown = stream.getvalue()
    assert "formats:" in shown and "0/3" in shown  # the bar, with the number of steps
    assert shown.endswith("\r")  # and cleared when done: the summary line follows alone


def test_nothing_in_a_pipe() -> None:
    stream = io.StringIO()
    assert list(progress(range(5), "formats", stream=stream, delay=0)) == [0, 1, 2, 3, 4]
    assert stream.getvalue() == ""
