"""What the last run of a batch left in its output folder: hashes and results.

`OUT/.batch-state.json` records, for the program that ran (its fingerprint), what every
input folder was (so a rerun does not read an unchanged order again to learn which act it
amends) and, for every act, the hash of its inputs and how it ended. A rerun compares
hashes: an act whose hash is unchanged is skipped, with its previous result carried over.
A missing or unreadable state file only means everything runs again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from consolidate.batch.worker import ActResult, Identity, Kind, Outcome
from consolidate.fileio import write_atomic

STATE_FILE = ".batch-state.json"
FORMAT = 1


@dataclass(frozen=True)
class ActRecord:
    """An act's inputs hash and the result of consolidating them."""

    digest: str
    result: ActResult


@dataclass
class State:
    program: str = ""
    lang: str = "kk"
    identities: dict[str, Identity] = field(default_factory=dict)
    """By the folder's content hash (qualified by its kind)."""
    acts: dict[str, ActRecord] = field(default_factory=dict)


def _identity(data: dict[str, Any]) -> Identity:
    amends = data.get("amends")
    return Identity(
        kind=Kind(data["kind"]),
        folder=data["folder"],
        outcome=Outcome(data["outcome"]),
        message=data["message"],
        present=data["present"],
        number=data["number"],
        date=data["date"],
        amends=tuple(amends) if amends else None,  # type: ignore[arg-type]
    )


def _result(data: dict[str, Any]) -> ActResult:
    return ActResult(
        name=data["name"],
        outcome=Outcome(data["outcome"]),
        message=data["message"],
        notes=tuple(data["notes"]),
        files=tuple(data["files"]),
    )


def load_state(out: Path, program: str, lang: str) -> tuple[State, str]:
    """The state of the last run for this program and language, and why it was dropped ("" if not)."""
    path = out / STATE_FILE
    if not path.exists():
        return State(program, lang), ""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return State(program, lang), "the state file is of another format; every act runs again"
        if data["program"] != program:
            return State(program, lang), "the program changed since the last run; every act runs again"
        if data["lang"] != lang:
            return State(program, lang), f"the last run was for language {data['lang']}; every act runs again"
        identities = {key: _identity(value) for key, value in data["identities"].items()}
        acts = {name: ActRecord(value["digest"], _result(value["result"])) for name, value in data["acts"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return State(program, lang), f"the state file could not be read ({exc}); every act runs again"
    return State(program, lang, identities, acts), ""


def save_state(out: Path, state: State) -> None:
    """Write the state atomically (sorted keys: the same run writes the same bytes)."""

    def result(r: ActResult) -> dict[str, Any]:
        return {"name": r.name, "outcome": r.outcome.value, "message": r.message,
                "notes": list(r.notes), "files": list(r.files)}  # fmt: skip

    data = {
        "format": FORMAT,
        "program": state.program,
        "lang": state.lang,
        "identities": {key: asdict(value) for key, value in sorted(state.identities.items())},
        "acts": {
            name: {"digest": record.digest, "result": result(record.result)}
            for name, record in sorted(state.acts.items())
        },
    }
    write_atomic(out / STATE_FILE, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
