"""A batch from start to end: find the acts, match the orders, skip what is unchanged, run the rest.

1. find the trees (`layout`) and hash every base and order folder (`fingerprint`);
2. learn what each folder is — a base's act number and date, an order's amended act —
   from the state of the last run when the folder is unchanged, else in the pool;
3. give every order to the base it names (number and date); an order naming no act of
   its tree, or in another language, is listed, not applied; an order that cannot be read
   is a failure of the batch (it may belong to any act of its tree);
4. hash each act's inputs (its base, its orders, the language, the program) and skip the
   acts whose hash equals the last run's; consolidate the others in the pool;
5. save the state, write the report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath

from consolidate.batch.fingerprint import folder_digest, program_fingerprint
from consolidate.batch.layout import Tree, find_trees
from consolidate.batch.pool import Pool
from consolidate.batch.progress import progress
from consolidate.batch.state import ActRecord, State, load_state, save_state
from consolidate.batch.worker import ActJob, ActResult, Identity, Kind, Outcome, consolidate_act, identify
from consolidate.errors import InputError


class OrderProblem(StrEnum):
    """Why an order folder was not applied to any act."""

    UNREADABLE = "unreadable"
    """Its text or reading could not be loaded: a failure (the act it amends is unknown)."""
    NO_ACT = "no act"
    """It amends an act that is not in its tree: listed, not a failure."""
    OTHER_LANGUAGE = "other language"
    """It has no text in the batch's language: listed, not a failure."""


@dataclass(frozen=True)
class Act:
    """One act of the batch: its base, its orders, and the hash of all its inputs."""

    name: str
    base: Path
    number: str
    date: str
    orders: tuple[Path, ...]
    digest: str


@dataclass(frozen=True)
class ActEntry:
    act: Act | None
    name: str
    base: Path
    result: ActResult
    skipped: bool


@dataclass(frozen=True)
class OrderEntry:
    folder: Path
    problem: OrderProblem
    message: str


@dataclass
class BatchRun:
    """Everything the report needs about one run."""

    top: Path
    out: Path
    lang: str
    jobs: int
    acts: list[ActEntry] = field(default_factory=list)
    orders: list[OrderEntry] = field(default_factory=list)
    notice: str = ""

    @property
    def failed(self) -> list[ActEntry]:
        return [a for a in self.acts if a.result.outcome is not Outcome.OK]

    @property
    def skipped(self) -> int:
        return sum(1 for a in self.acts if a.skipped)

    @property
    def unreadable(self) -> list[OrderEntry]:
        return [o for o in self.orders if o.problem is OrderProblem.UNREADABLE]

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.top).as_posix()


def _check_folders(top: Path, out: Path) -> None:
    if not top.is_dir():
        raise InputError("no such folder" if not top.exists() else "not a folder", where=str(top))
    top_r, out_r = top.resolve(), out.resolve()
    if out_r == top_r or out_r in top_r.parents:
        raise InputError(f"the output folder {out} holds the input folder; choose another -o", where=str(top))
    if out.exists() and not out.is_dir():
        raise InputError("the output exists and is not a folder", where=str(out))


def _refuse_output_inside_inputs(trees: list[Tree], out: Path) -> None:
    out_r = out.resolve()
    for tree in trees:
        for folder in (*tree.bases, *tree.orders):
            if out_r == folder or folder in out_r.parents:
                raise InputError(f"the output folder {out} is inside an input folder; choose another -o",
                                 where=str(folder))  # fmt: skip


def _identities(
    folders: list[tuple[Kind, Path, str]], state: State, pool: Pool, lang: str, show: bool | None
) -> dict[Path, Identity]:
    """What each folder is: from the last run's state when unchanged, else read in the pool."""
    known: dict[Path, Identity] = {}
    todo: list[tuple[Kind, str, str]] = []
    for kind, folder, digest in folders:
        cached = state.identities.get(f"{kind}:{digest}")
        if cached is not None:
            known[folder] = dataclasses.replace(cached, folder=str(folder))
        else:
            todo.append((kind, str(folder), lang))
    bar = progress(len(todo), "reading", show, unit="folder")
    for task, identity in pool.run(identify, todo, lambda t, e: Identity(t[0], t[1], Outcome.BUG, f"bug: {e}")):
        known[Path(task[1])] = identity
        bar.update()
    bar.close()
    return known


def _act_digest(program: str, lang: str, base: tuple[str, str], orders: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256(f"{program}\n{lang}\n".encode())
    for name, folder_hash in [base, *sorted(orders)]:
        digest.update(f"{name}\0{folder_hash}\n".encode())
    return digest.hexdigest()


def _match(
    run: BatchRun, tree: Tree, ids: dict[Path, Identity], digests: dict[Path, str], program: str
) -> tuple[list[Act], list[ActEntry]]:
    """The acts of one tree with their orders; bases that cannot be read are failed entries."""
    failed: list[ActEntry] = []
    by_key: dict[tuple[str, str], list[Path]] = defaultdict(list)
    for base in tree.bases:
        ident = ids[base]
        if not ident.present:
            continue  # no text in this language: not an act of this batch
        if ident.outcome is not Outcome.OK:
            result = ActResult(tree.act_name(base), ident.outcome, ident.message)
            failed.append(ActEntry(None, tree.act_name(base), base, result, False))
            continue
        by_key[(ident.number, ident.date)].append(base)
    for key, bases in list(by_key.items()):
        if len(bases) > 1:
            names = ", ".join(run.relative(b) for b in bases)
            for base in bases:
                message = f"{run.relative(base)}: act № {key[0]} of {key[1]} is also the base in {names}"
                failed.append(ActEntry(None, tree.act_name(base), base,
                                       ActResult(tree.act_name(base), Outcome.FAILED, message), False))  # fmt: skip
            del by_key[key]
    orders_of: dict[tuple[str, str], list[Path]] = defaultdict(list)
    for order in tree.orders:
        ident = ids[order]
        if not ident.present:
            run.orders.append(OrderEntry(order, OrderProblem.OTHER_LANGUAGE, f"no {run.lang} text"))
        elif ident.outcome is not Outcome.OK or ident.amends is None:
            run.orders.append(OrderEntry(order, OrderProblem.UNREADABLE, ident.message))
        elif ident.amends not in by_key:
            number, date = ident.amends
            run.orders.append(OrderEntry(order, OrderProblem.NO_ACT, f"amends act № {number} of {date}, "
                                         "which is not a base of this tree"))  # fmt: skip
        else:
            orders_of[ident.amends].append(order)
    acts = []
    for key, (base,) in sorted(by_key.items(), key=lambda item: tree.act_name(item[1][0])):
        orders = tuple(sorted(orders_of.get(key, [])))
        digest = _act_digest(
            program,
            run.lang,
            (run.relative(base), digests[base]),
            [(run.relative(o), digests[o]) for o in orders],
        )
        acts.append(Act(tree.act_name(base), base, key[0], key[1], orders, digest))
    return acts, failed


def _without_nested_names(run: BatchRun, acts: list[Act]) -> list[Act]:
    """Acts whose output folder would sit inside another act's (a tree `550/` beside a base
    folder `550`) are failed: replacing the outer folder would delete the inner outputs."""
    names = {act.name for act in acts}
    kept = []
    for act in acts:
        outer = next((str(p) for p in PurePosixPath(act.name).parents if str(p) in names), None)
        if outer is None:
            kept.append(act)
            continue
        message = f"its output folder {act.name}/ would be inside act {outer}'s; rename one of the folders"
        run.acts.append(ActEntry(act, act.name, act.base, ActResult(act.name, Outcome.FAILED, message), False))
    return kept


def _remove_leftovers(out: Path) -> None:
    """Temporary folders a killed run left in OUT (`.<act>.XXXX.tmp`, `.<act>.XXXX.old`).

    They are only ever half-written outputs or outputs already replaced; one batch at a
    time writes into an output folder, so none of them belongs to a running act."""
    if not out.is_dir():
        return
    for pattern in ("**/.*.tmp", "**/.*.old"):
        for leftover in out.glob(pattern):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)


def run_batch(top: Path, out: Path, jobs: int = 1, lang: str = "kk", show_progress: bool | None = None) -> BatchRun:
    """Consolidate every act under `top` into `out/<act>/`; see the module docstring."""
    _check_folders(top, out)
    trees = find_trees(top, skip=out)
    if not any(tree.bases for tree in trees):
        raise InputError("no base acts found: expected base_orders/<act>/ (and amendments/<order>/) "
                         "somewhere in the folder", where=str(top))  # fmt: skip
    _refuse_output_inside_inputs(trees, out)
    _remove_leftovers(out)
    run = BatchRun(top.resolve(), out, lang, jobs)
    program = program_fingerprint()
    state, run.notice = load_state(out, program, lang)
    folders = [(Kind.BASE, f) for t in trees for f in t.bases] + [(Kind.ORDER, f) for t in trees for f in t.orders]
    digests = {folder: folder_digest(folder) for _, folder in folders}
    new_state = State(program, lang)
    with Pool(jobs) as pool:
        ids = _identities([(k, f, digests[f]) for k, f in folders], state, pool, lang, show_progress)
        for kind, folder in folders:
            if ids[folder].outcome is Outcome.OK:  # a folder that failed is read again next time
                new_state.identities[f"{kind}:{digests[folder]}"] = ids[folder]
        acts: list[Act] = []
        for tree in trees:
            tree_acts, failed = _match(run, tree, ids, digests, program)
            acts.extend(tree_acts)
            run.acts.extend(failed)
        acts = _without_nested_names(run, acts)
        todo: list[Act] = []
        for act in acts:
            previous = state.acts.get(act.name)
            outputs_there = (out / act.name).is_dir() or (previous is not None and previous.result.outcome
                                                          is not Outcome.OK)  # fmt: skip
            if previous is not None and previous.digest == act.digest and outputs_there:
                run.acts.append(ActEntry(act, act.name, act.base, previous.result, True))
                new_state.acts[act.name] = previous
            else:
                todo.append(act)
        by_name = {act.name: act for act in todo}
        tasks = [(ActJob(a.name, str(a.base), tuple(str(o) for o in a.orders), str(out / a.name), lang),)
                 for a in todo]  # fmt: skip
        bar = progress(len(tasks), "consolidating", show_progress)
        for (job,), result in pool.run(
            consolidate_act, tasks, lambda t, e: ActResult(t[0].name, Outcome.BUG, f"bug: the worker died ({e})")
        ):
            act = by_name[job.name]
            run.acts.append(ActEntry(act, act.name, act.base, result, False))
            if result.outcome is not Outcome.BUG:  # a bug may be a flaky crash: try again next time
                new_state.acts[act.name] = ActRecord(act.digest, result)
            bar.update()
        bar.close()
    run.acts.sort(key=lambda entry: entry.name)
    run.orders.sort(key=lambda entry: entry.folder)
    out.mkdir(parents=True, exist_ok=True)
    save_state(out, new_state)
    return run
