"""The `consolidate serve` sub-command: arguments, checks, and uvicorn.

The web packages are imported only when the command runs, so the rest of the command
line starts as fast as before and works without them.
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from pathlib import Path

from consolidate.errors import InputError

CHECKOUT = Path(__file__).resolve().parents[2]


def default_data() -> Path:
    """The repository's own data (base_orders/, amendments/) when run from a checkout,
    else the current folder."""
    return CHECKOUT if (CHECKOUT / "base_orders").is_dir() else Path.cwd()


def add_command(sub: argparse._SubParsersAction) -> None:
    """Register `serve` on the command line's sub-parsers."""
    s = sub.add_parser("serve", help="a local web page: the acts, their versions, and the preview of an order")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    s.add_argument("--data", help="folder holding base_orders/ and amendments/ (default: the repository's)")
    s.set_defaults(run=run)


def _check_port(host: str, port: int) -> None:
    """Refuse a port that is taken, in one line, before uvicorn logs a traceback-like error."""
    if not 0 < port < 65536:
        raise InputError(f"--port {port}: expected 1-65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = "in use" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
            raise InputError(f"cannot listen on {host}:{port} ({reason})") from None


def run(args: argparse.Namespace) -> None:
    import uvicorn

    from consolidate.serve.app import create_app

    data = Path(args.data) if args.data else default_data()
    if not data.is_dir():
        raise InputError("no such folder", where=str(data))
    app = create_app(data)
    _check_port(args.host, args.port)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"consolidate: note: listening on {args.host}: other machines can reach this page", file=sys.stderr)
    print(f"consolidate: serving {data.resolve()} on http://{args.host}:{args.port}/ (Ctrl+C stops)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
