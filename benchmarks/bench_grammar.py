"""The grammar measured on real published instruction sentences (issue 10).

Reads every sentence of tests/corpus/instructions.jsonl with `read_sentence` (after the
order reader's reported repair of Latin look-alikes outside the quotes) and compares
its reading (consolidate.parse.reading) with the reading written by hand. Prints, per
language: correct (the reading equals the expected one), refused (the parser raised
ParseError: not correct, but safe) and wrong without warning (a reading that differs from
the expected one, including a reading of a sentence that must be refused: the dangerous
class), then every failure with its id, text, expected and got.

Asserts nothing: tests/test_corpus_grammar.py holds the floor.

    .venv/bin/python benchmarks/bench_grammar.py            # figures and every failure
    .venv/bin/python benchmarks/bench_grammar.py --summary  # figures only
    .venv/bin/python benchmarks/bench_grammar.py --json     # figures as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consolidate.errors import ParseError  # noqa: E402
from consolidate.parse.reading import read_as_in_an_order, reading  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "instructions.jsonl"
CORRECT, REFUSED, WRONG = "correct", "refused", "wrong"


def load_corpus(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judge(case: dict) -> tuple[str, object]:
    """(verdict, what the parser gave): a reading, or the refusal message."""
    expected = case["expected"]
    try:
        got: object = reading(read_as_in_an_order(case["text"], case["lang"], case["id"])[0])
    except ParseError as problem:
        return (CORRECT if expected == {"op": "refuse"} else REFUSED), f"refused: {problem}"
    return (CORRECT if got == expected else WRONG), got


def measure(cases: list[dict]) -> tuple[dict[str, dict[str, int]], list[tuple[dict, str, object]]]:
    figures: dict[str, dict[str, int]] = {}
    failures = []
    for case in cases:
        verdict, got = judge(case)
        row = figures.setdefault(case["lang"], {"total": 0, CORRECT: 0, REFUSED: 0, WRONG: 0})
        row["total"] += 1
        row[verdict] += 1
        if verdict != CORRECT:
            failures.append((case, verdict, got))
    return figures, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="figures only")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    args = parser.parse_args()
    figures, failures = measure(load_corpus())
    if args.json:
        print(json.dumps(figures, sort_keys=True))
        return
    if not args.summary:
        for case, verdict, got in failures:
            print(f"{case['id']} [{verdict}] {case['text']}")
            print(f"  expected: {json.dumps(case['expected'], ensure_ascii=False)}")
            print(f"  got:      {got if isinstance(got, str) else json.dumps(got, ensure_ascii=False)}")
        print()
    print(f"{'lang':4}  {'total':>5}  {'correct':>14}  {'refused':>14}  {'wrong (silent)':>14}")
    for lang, row in sorted(figures.items()):
        cells = [f"{row[k]:4} ({100 * row[k] / row['total']:5.1f}%)" for k in (CORRECT, REFUSED, WRONG)]
        print(f"{lang:4}  {row['total']:5}  {cells[0]:>14}  {cells[1]:>14}  {cells[2]:>14}")


if __name__ == "__main__":
    main()
