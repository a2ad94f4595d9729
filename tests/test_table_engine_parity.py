"""The tree engine against the table engine it replaces: for Order 192 and every fixture
order (alone, after Order 192, and the chains of tests/test_chain.py) both give the same
version, field by field (cells, merges, notes, history, applied orders), or the same error."""

from __future__ import annotations

import dataclasses

import pytest

from consolidate.apply.engine import apply_amendment as legacy_apply
from consolidate.apply.fuzzy import FuzzyDecision
from consolidate.apply.tree_table import apply_table_order
from consolidate.errors import ApplyError
from consolidate.model.table_tree import act_to_document, document_to_act
from consolidate.parse.order import parse_file
from consolidate.sources import load_amendment, load_version
from tests.conftest import BASE_550, FIXTURES, ROOT

ORDERS = sorted((FIXTURES / "orders").glob("order-*.txt")) + sorted((FIXTURES / "chain").glob("order-*.txt"))


@pytest.fixture(scope="module")
def base():
    return load_version(BASE_550)


@pytest.fixture(scope="module")
def seed():
    return load_amendment(ROOT / "amendments" / "192")


def both(act, amendment, in_force=None):
    """(legacy result or error text, tree result or error text, fuzzy decisions of each)."""
    results = []
    for engine in ("legacy", "tree"):
        fuzzy: list[FuzzyDecision] = []
        try:
            if engine == "legacy":
                results.append((legacy_apply(act, amendment, in_force, fuzzy), fuzzy))
            else:
                new = apply_table_order(act_to_document(act), amendment, in_force, fuzzy)
                results.append((document_to_act(new), fuzzy))
        except ApplyError as error:
            results.append((str(error), fuzzy))
    return results


def test_order_192_gives_the_same_version(base, seed):
    (legacy, legacy_fuzzy), (tree, tree_fuzzy) = both(base, seed, "2026-06-05")
    assert not isinstance(legacy, str)
    assert tree == legacy and tree_fuzzy == legacy_fuzzy


@pytest.mark.parametrize("path", ORDERS, ids=lambda p: p.stem)
@pytest.mark.parametrize("after_192", [False, True], ids=["alone", "after-192"])
def test_each_fixture_order_gives_the_same_version_or_error(base, seed, path, after_192):
    act = legacy_apply(base, seed) if after_192 else base
    (legacy, legacy_fuzzy), (tree, tree_fuzzy) = both(act, parse_file(path))
    assert tree == legacy and tree_fuzzy == legacy_fuzzy


def test_chains_give_the_same_versions(base, seed):
    chain = [seed, *(parse_file(FIXTURES / "orders" / f"order-{n}-kaz.txt") for n in ("301", "303", "304"))]
    legacy, tree = base, act_to_document(base)
    for amendment in chain:
        legacy = legacy_apply(legacy, amendment)
        tree = apply_table_order(tree, amendment)
        assert document_to_act(tree) == legacy


def test_every_operation_alone_gives_the_same_version_or_error(base, seed):
    """Each operation of every order on its own, on the base and after Order 192: many
    targets then do not resolve (a row not yet inserted, a chapter already there), so the
    errors are compared too."""
    after_192 = legacy_apply(base, seed)
    amendments = [seed, *(parse_file(path) for path in ORDERS)]
    compared = errors = 0
    for amendment in amendments:
        for op in amendment.operations:
            single = dataclasses.replace(amendment, operations=(op,))
            for act in (base, after_192):
                (legacy, legacy_fuzzy), (tree, tree_fuzzy) = both(act, single)
                assert tree == legacy and tree_fuzzy == legacy_fuzzy, (amendment.order.number, op.seq)
                compared += 1
                errors += isinstance(legacy, str)
    print(f"{compared} applications compared, {errors} of them errors")
    assert compared > 80 and 10 < errors < compared
