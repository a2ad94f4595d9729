"""Versions in time: chains of orders, point-in-time versions, conflicts, history, notes
that accumulate."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from consolidate.apply.chain import apply_chain, plan
from consolidate.cli import main
from consolidate.errors import ApplyError
from consolidate.parse.order import parse_file
from consolidate.sources import load_amendment, load_version, published_on
from tests.conftest import BASE_550, FIXTURES, ROOT

CHAIN = FIXTURES / "chain"
ORDERS = FIXTURES / "orders"


@pytest.fixture(scope="module")
def base():
    return load_version(BASE_550)


@pytest.fixture(scope="module")
def order_192():
    return load_amendment(ROOT / "amendments" / "192")


def order(path, published: str | None):
    amendment = parse_file(path)
    return published_on(amendment, published) if published else amendment


def test_order_192_comes_into_force_ten_working_days_after_publication(order_192):
    # amendments/192/publication.toml: published (assumed) Wed 2026-05-20; 10 working days:
    # May 21, 22, 25, 26, (27 Kurban ait: holiday), 28, 29, Jun 1, 2, 3, 4 -> in force Jun 5.
    assert order_192.order.first_publication == "2026-05-20"
    (step,) = plan([order_192]).applied
    assert step.in_force == dt.date(2026, 6, 5)


@pytest.mark.parametrize(
    ("as_of", "applied"),
    [("2026-06-04", []), ("2026-06-05", ["192"]), ("2027-01-01", ["192"])],
    ids=["before", "on", "after"],
)
def test_as_of_before_on_and_after_entry_into_force(order_192, as_of, applied):
    chain = plan([order_192], dt.date.fromisoformat(as_of))
    assert [s.number for s in chain.applied] == applied
    assert [s.number for s, _ in chain.left_out] == (["192"] if not applied else [])


def test_an_order_with_no_publication_date_is_left_out_of_a_dated_version(order_192):
    unpublished = order(ORDERS / "order-301-kaz.txt", None)
    chain = plan([order_192, unpublished], dt.date(2027, 1, 1))
    assert [s.number for s in chain.applied] == ["192"]
    assert chain.left_out[0][1] == "no date of entry into force (first publication unknown)"


def test_orders_apply_in_order_of_entry_into_force(base, order_192):
    third = order(CHAIN / "order-501-kaz.txt", "2026-09-03")
    second = order(ORDERS / "order-301-kaz.txt", "2026-07-30")
    chain = plan([third, order_192, second])
    assert [(s.number, s.in_force.isoformat()) for s in chain.applied] == [
        ("192", "2026-06-05"), ("301", "2026-08-10"), ("501", "2026-09-14")]  # fmt: skip
    versions = apply_chain(base, chain)
    assert len(versions) == 4
    assert [a.in_force for a in versions[-1].applied] == ["2026-06-05", "2026-08-10", "2026-09-14"]


def test_the_third_order_amends_a_row_the_first_inserted(base, order_192):
    chain = plan(
        [order_192, order(ORDERS / "order-301-kaz.txt", "2026-07-30"), order(CHAIN / "order-501-kaz.txt", "2026-09-03")]
    )
    last = apply_chain(base, chain)[-1]
    row = next(r for r in last.annex("2").rows() if r.num == "55-1")
    assert "Байланыс құралдарымен жұмыс дағдылары болуы тиіс." in row.cells["experience"]
    assert [(c.action, c.order_number) for c in row.changes] == [("inserted", "192"), ("restated", "501")]
    assert len(row.notes) == 2  # inserted by 192, restated by 501: two different notes


def test_notes_accumulate_for_the_same_change(base, order_192):
    chain = plan([order_192, order(CHAIN / "order-501-kaz.txt", "2026-09-03")])
    row = next(r for r in apply_chain(base, chain)[-1].annex("2").rows() if r.num == "33")
    assert row.notes == [
        "Ескерту. Реттік нөмірі 33-жол жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 12.05.2026 № 192 "
        "(алғашқы ресми жарияланған күнінен кейін он жұмыс күні өткен соң қолданысқа енгізіледі); 01.09.2026 № 501 "
        "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) бұйрықтарымен."
    ]


def test_two_orders_restating_a_unit_on_the_same_day_conflict(base, order_192):
    first = order(CHAIN / "order-501-kaz.txt", "2026-09-03")
    second = order(CHAIN / "order-502-kaz.txt", "2026-09-03")
    with pytest.raises(ApplyError, match=r"orders 501 and 502 both restate row 33 of annex 2 .* on 2026-09-14"):
        apply_chain(base, plan([order_192, first, second]))


def test_an_order_targeting_a_repealed_row_conflicts(base):
    chain = plan([order(ORDERS / "order-301-kaz.txt", "2026-07-30"), order(CHAIN / "order-503-kaz.txt", "2026-09-03")])
    with pytest.raises(
        ApplyError, match=r"order 503, order-503-kaz.txt:11 .* row 35 of annex 2 was repealed by order 301"
    ):
        apply_chain(base, chain)


def test_cli_versions_and_history(capsys):
    args = [
        str(BASE_550),
        str(ROOT / "amendments" / "192"),
        str(ORDERS / "order-301-kaz.txt"),
        "--published",
        "301=2026-07-30",
    ]
    assert main(["versions", *args]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "0\tact № 550 of 2025-12-18\tbase",
        "1\tafter order № 192 of 2026-05-12\tpublished 2026-05-20 (assumed)\tin force 2026-06-05 (assumed)",
        "2\tafter order № 301 of 2026-07-27\tpublished 2026-07-30\tin force 2026-08-10",
    ]
    assert main(["history", *args, "--unit", "2/6/35"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "annex 2, row 35 (att_2__row_35)"
    assert out[1] == "  repealed by order № 301 of 2026-07-27, in force 2026-08-10"
    assert out[2].startswith("  Ескерту. Реттік нөмірі 35-жол алып тасталды - ҚР")


def test_cli_as_of_lists_the_orders_left_out(tmp_path, capsys):
    code = main(["apply", str(BASE_550), str(ROOT / "amendments" / "192"), "--as-of", "2026-06-01", "-o",
                 str(tmp_path / "v"), "--format", "json"])  # fmt: skip
    assert code == 0
    assert "order 192 left out: comes into force on 2026-06-05" in capsys.readouterr().err


def test_version_records_its_in_force_date(base, order_192):
    last = apply_chain(base, plan([order_192]))[-1]
    assert last.applied[0].in_force == "2026-06-05"
    assert dataclasses.asdict(last.applied[0])["first_publication"] == "2026-05-20"


def test_parts_of_an_order_come_into_force_on_different_days(base):
    # Point 3 of Order 504: in force 10 calendar days after publication, except subpoint 2)
    # of point 1 (the new row 56-1), in force from 1 January 2027.
    amendment = order(CHAIN / "order-504-kaz.txt", "2026-10-10")
    rule = amendment.order.entry_into_force
    assert (rule.kind, rule.days) == ("calendar", 10)
    (exception,) = rule.exceptions
    assert (exception.points, exception.subpoints, exception.rule.kind, exception.rule.date) == (
        ("1",), ("2",), "date", "2027-01-01")  # fmt: skip
    assert [(op.source.point, op.source.subpoint) for op in amendment.operations] == [("1", "1"), ("1", "2")]
    before_2027 = apply_chain(base, plan([amendment], dt.date(2026, 12, 31)))[-1]
    rows = {r.num: r for r in before_2027.annex("2").rows()}
    assert "56-1" not in rows and rows["34"].cells["specialties"] == ["Техник-құрылысшы", "Құтқарушы"]
    in_2027 = apply_chain(base, plan([amendment], dt.date(2027, 1, 1)))[-1]
    assert "56-1" in {r.num for r in in_2027.annex("2").rows()}
    assert [a.in_force for a in in_2027.applied] == ["2026-10-21", "2027-01-01"]
