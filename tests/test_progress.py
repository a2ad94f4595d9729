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


def test_apply_on_a_terminal_shows_the_bar_then_the_summary(tmp_path) -> None:
    """The command in a pseudo-terminal (100 columns), the bar's delay set to zero."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    from tests.conftest import BASE_550, ROOT

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    command = [sys.executable, "-m", "consolidate", "apply", str(BASE_550), str(ROOT / "amendments" / "192"),
               "-o", str(tmp_path / "o"), "--format", "html,txt,review"]  # fmt: skip
    env = {**os.environ, "CONSOLIDATE_PROGRESS_DELAY": "0"}
    process = subprocess.Popen(command, stderr=slave, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait() == 0
    shown = b"".join(chunks).decode()
    assert "consolidate:" in shown and "/6 [" in shown and "redline.docx" in shown  # the bar, naming the file
    # The bar is cleared (leave=False) and the summary line ends the output.
    assert shown.endswith(f"\rconsolidate: wrote 6 files to {tmp_path / 'o'} (1 order, 11 operations, 46 units changed)\r\n")
