"""Where the acts are: the folder layout a batch reads.

A *tree* is any folder holding `base_orders/` (one sub-folder per base act, as
`base_orders/550/kaz.xml`) and, usually, `amendments/` (one sub-folder per amending order,
as `amendments/192/kaz.txt`). This is the layout of this repository: a publisher keeps
each act and each order once, as it was published, and an order is matched to the act it
amends by what it says (the act's number and date), not by where it was filed. A folder
tree may hold several trees (one per ministry, say); each is found wherever it sits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BASES = "base_orders"
ORDERS = "amendments"


@dataclass(frozen=True)
class Tree:
    """One tree: its root relative to the batch folder and its base and order folders."""

    root: Path
    prefix: str
    """The root relative to the batch folder, POSIX style ("" for the batch folder itself)."""
    bases: tuple[Path, ...]
    orders: tuple[Path, ...]

    def act_name(self, base: Path) -> str:
        """The act's name in the report and its output folder: the tree's prefix and the base folder."""
        return f"{self.prefix}/{base.name}" if self.prefix else base.name


def _subfolders(folder: Path) -> tuple[Path, ...]:
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")))


def find_trees(top: Path, skip: Path | None = None) -> list[Tree]:
    """Every tree under `top`, sorted by root; `skip` (the output folder) is never entered.

    Hidden folders are not entered either, nor are the base and order folders themselves:
    a tree inside an act's folder would be an input of that act, not another act.
    """
    top = top.resolve()
    skip = skip.resolve() if skip is not None else None
    trees: list[Tree] = []
    for dirpath, dirnames, _ in os.walk(top):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (skip is None or here / d != skip))
        if BASES in dirnames:
            prefix = here.relative_to(top).as_posix()
            trees.append(
                Tree(
                    root=here,
                    prefix="" if prefix == "." else prefix,
                    bases=_subfolders(here / BASES),
                    orders=_subfolders(here / ORDERS),
                )
            )
            dirnames[:] = [d for d in dirnames if d not in (BASES, ORDERS)]
    return trees


def input_files(folder: Path) -> list[Path]:
    """Every file of an input folder (recursively, hidden files left out), sorted."""
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        files.extend(Path(dirpath) / name for name in filenames if not name.startswith("."))
    return sorted(files)
