"""The gate end to end: tiny landing deliveries in tmp_path, run_gate, check what came out."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from gate_fixtures import (
    UNITS,
    budget_rows,
    by_key,
    contract_table,
    failed,
    ledger_rows,
    make_settings,
    org_rows,
    report_of,
    retype,
    write_bytes,
    write_delivery,
)
from hsn.gate import run_gate
from hsn.gate.paths import accepted_file, deliveries_file


def _accepted(settings: Any, extract: str, period: str) -> pa.Table:
    return pq.read_table(accepted_file(settings.accepted_dir, extract, period))


def _base_landing(settings: Any, months: tuple[str, ...] = ("2024-01",)) -> None:
    for month in months:
        write_delivery(settings.landing_dir, "organisation", month, org_rows())
        write_delivery(settings.landing_dir, "huvudbok", month, ledger_rows(month))


def test_good_deliveries_are_accepted_typed_and_without_text(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    _base_landing(settings, ("2024-01", "2024-02"))
    write_delivery(settings.landing_dir, "budget", "2024", budget_rows("2024"))
    messages: list[str] = []

    result = run_gate(settings, progress=messages.append)

    assert result.counts == {
        "accepted": 5,
        "quarantined": 0,
        "unchanged": 0,
        "unchanged_quarantined": 0,
    }
    assert result.ok
    assert any("huvudbok/2024-01: accepted" in m for m in messages)
    ledger = _accepted(settings, "huvudbok", "2024-01")
    assert ledger.schema.names == [
        "verifikation",
        "rad",
        "bokforingsdatum",
        "kostnadsstalle",
        "konto",
        "motpart",
        "personalkategori",
        "belopp",
    ]
    assert "text" not in ledger.schema.names
    types = {f.name: f.type for f in ledger.schema}
    assert types["rad"] == pa.int32()
    assert types["bokforingsdatum"] == pa.date32()
    assert types["belopp"] == pa.decimal128(18, 2)
    assert types["konto"] == pa.string()
    keys = list(zip(ledger["verifikation"].to_pylist(), ledger["rad"].to_pylist(), strict=True))
    assert keys == sorted(keys)
    raw = (settings.accepted_dir / "huvudbok" / "period=2024-01" / "data.parquet").read_bytes()
    assert b"Andersson" not in raw and b"19121212" not in raw

    org = _accepted(settings, "organisation", "2024-01")
    assert org.schema.field("ingar_i_produktion").type == pa.bool_()
    budget = _accepted(settings, "budget", "2024")
    assert budget.num_rows == 72

    manifest = json.loads(settings.manifest_path.read_text())
    entry = manifest["deliveries"]["huvudbok/2024-01"]
    expected_total = sum(r["belopp"] for r in ledger_rows("2024-01"))
    assert entry["status"] == "accepted" and entry["rows"] == 6
    assert Decimal(entry["belopp_summa"]) == expected_total
    assert entry["files"][0]["name"] == "part-0.parquet"
    delivered = pq.read_table(deliveries_file(settings.accepted_dir)).to_pylist()
    assert [(d["extract"], d["period"]) for d in delivered] == [
        ("budget", "2024"),
        ("huvudbok", "2024-01"),
        ("huvudbok", "2024-02"),
        ("organisation", "2024-01"),
        ("organisation", "2024-02"),
    ]
    assert delivered[1]["belopp_summa"] == expected_total
    assert delivered[3]["belopp_summa"] is None


def test_extra_column_double_amounts_and_string_dates(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    write_delivery(settings.landing_dir, "organisation", "2024-03", org_rows())
    rows = ledger_rows("2024-03", n=3)
    for row in rows:
        row["extra_kolumn"] = "ignored"
    table = contract_table("huvudbok", rows)
    table = retype(table, "belopp", pa.array([12.345, 2.675, -0.005], pa.float64()))
    table = retype(table, "bokforingsdatum", pa.array(["2024-03-01", "2024-03-15", "2024-03-31"]))
    table = retype(table, "rad", pa.array([1, 2, 1], pa.int8()))
    write_delivery(settings.landing_dir, "huvudbok", "2024-03", table)

    result = run_gate(settings)

    assert result.counts["accepted"] == 2, [o.message for o in result.outcomes]
    ledger = _accepted(settings, "huvudbok", "2024-03")
    assert "extra_kolumn" not in ledger.schema.names
    by_row = {(r["verifikation"], r["rad"]): r for r in ledger.to_pylist()}
    amounts = [by_row[(r["verifikation"], r["rad"])]["belopp"] for r in rows]
    assert amounts == [Decimal("12.35"), Decimal("2.68"), Decimal("-0.01")]
    dates = sorted(r["bokforingsdatum"] for r in ledger.to_pylist())
    assert dates == [date(2024, 3, 1), date(2024, 3, 15), date(2024, 3, 31)]


def _drop(column: str) -> Callable[[pa.Table], pa.Table]:
    return lambda t: t.drop_columns([column])


def _set(column: str, values: list[Any], type_: pa.DataType | None = None) -> Callable:
    def change(table: pa.Table) -> pa.Table:
        field_type = type_ or table.schema.field(column).type
        full = table.column(column).to_pylist()
        full[: len(values)] = values
        return retype(table, column, pa.array(full, field_type))

    return change


def _duplicate_first_row(table: pa.Table) -> pa.Table:
    return pa.concat_tables([table, table.slice(0, 1)])


# month -> (change to a good ledger month, the (rule, column) its report must name)
BAD_LEDGER: dict[str, tuple[Callable[[pa.Table], pa.Table], tuple[str, str]]] = {
    "2023-01": (_drop("konto"), ("required_columns", "konto")),
    "2023-02": (_set("konto", [4010] * 6, pa.int64()), ("column_type", "konto")),
    "2023-03": (_set("belopp", ["12,50"] * 6, pa.string()), ("column_type", "belopp")),
    "2023-04": (_set("kostnadsstalle", [None]), ("not_null", "kostnadsstalle")),
    "2023-05": (_duplicate_first_row, ("unique_key", "verifikation,rad")),
    "2023-06": (_set("konto", ["2999"], pa.string()), ("konto_in_chart", "konto")),
    "2023-07": (_set("konto", ["9000"], pa.string()), ("konto_in_chart", "konto")),
    "2023-08": (_set("kostnadsstalle", ["999999"]), ("known_kostnadsstalle", "kostnadsstalle")),
    "2023-09": (
        _set("bokforingsdatum", [date(2023, 10, 1)]),
        ("period", "bokforingsdatum"),
    ),
    "2023-10": (_set("motpart", ["X"]), ("value_set", "motpart")),
    "2023-11": (_set("konto", ["401"]), ("format", "konto")),
    "2023-12": (_set("personalkategori", [None]), ("personalkategori", "personalkategori")),
}


def test_each_bad_ledger_month_is_quarantined_with_the_right_rule(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    months = [*BAD_LEDGER, "2024-01"]
    for month in months:
        write_delivery(settings.landing_dir, "organisation", month, org_rows())
    for month, (change, _) in BAD_LEDGER.items():
        table = change(contract_table("huvudbok", ledger_rows(month)))
        write_delivery(settings.landing_dir, "huvudbok", month, table)
    write_delivery(settings.landing_dir, "huvudbok", "2024-01", ledger_rows("2024-01"))
    landing_before = sorted((p, p.read_bytes()) for p in settings.landing_dir.rglob("*.parquet"))

    result = run_gate(settings)

    outcomes = by_key(result)
    for month, (_, expected) in BAD_LEDGER.items():
        outcome = outcomes[f"huvudbok/{month}"]
        assert outcome.status == "quarantined", (month, outcome.message)
        assert expected in failed(outcome), (month, failed(outcome))
        assert not accepted_file(settings.accepted_dir, "huvudbok", month).exists()
        report = report_of(outcome)
        assert report["checksum"] == outcome.checksum
        assert report["previous_accepted_in_use"] is False
        folder = Path(outcome.report_path).parent
        assert folder.parent.name == month and folder.name == outcome.checksum[:12]
        assert (folder / "part-0.parquet").exists() and (folder / "report.txt").exists()
    assert outcomes["huvudbok/2024-01"].status == "accepted"
    assert all(outcomes[f"organisation/{m}"].status == "accepted" for m in months)
    # the landing folder is never modified
    assert sorted((p, p.read_bytes()) for p in settings.landing_dir.rglob("*.parquet")) == (
        landing_before
    )
    # samples name the failing rows, and never carry the free text
    sample = next(
        r
        for r in report_of(outcomes["huvudbok/2023-06"])["rules_failed"]
        if r["rule"] == "konto_in_chart"
    )
    assert sample["unexpected_count"] == 1
    assert sample["sample_rows"][0]["konto"] == "2999"
    assert sample["sample_rows"][0]["_rad"] == 1
    assert "text" not in sample["sample_rows"][0]
    assert sample["expectation_type"] == "expect_column_values_to_be_in_set"


def test_every_failed_rule_is_reported_not_only_the_first(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    write_delivery(settings.landing_dir, "organisation", "2024-01", org_rows())
    rows = ledger_rows("2024-01")
    rows[0]["konto"] = "9000"
    rows[1]["kostnadsstalle"] = "999999"
    rows[2]["bokforingsdatum"] = date(2023, 12, 31)
    rows[3]["motpart"] = None
    write_delivery(settings.landing_dir, "huvudbok", "2024-01", rows)

    outcome = by_key(run_gate(settings))["huvudbok/2024-01"]

    assert {
        ("konto_in_chart", "konto"),
        ("known_kostnadsstalle", "kostnadsstalle"),
        ("period", "bokforingsdatum"),
        ("not_null", "motpart"),
    } <= failed(outcome)


def test_duplicate_key_across_files_and_across_months(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    _base_landing(settings, ("2024-01",))
    write_delivery(settings.landing_dir, "organisation", "2024-02", org_rows())
    write_delivery(settings.landing_dir, "organisation", "2024-03", org_rows())
    # 2024-02: two files of one month carry the same (verifikation, rad)
    feb = ledger_rows("2024-02")
    write_delivery(settings.landing_dir, "huvudbok", "2024-02", feb[:4], name="a.parquet")
    write_delivery(settings.landing_dir, "huvudbok", "2024-02", feb[3:], name="b.parquet")
    # 2024-03 re-uses voucher numbers already accepted for 2024-01
    write_delivery(
        settings.landing_dir,
        "huvudbok",
        "2024-03",
        ledger_rows("2024-03", voucher_prefix="V202401"),
    )

    outcomes = by_key(run_gate(settings))

    assert outcomes["huvudbok/2024-01"].status == "accepted"
    assert ("unique_key", "verifikation,rad") in failed(outcomes["huvudbok/2024-02"])
    march = outcomes["huvudbok/2024-03"]
    assert ("unique_across_periods", "verifikation,rad") in failed(march)
    rule = next(r for r in report_of(march)["rules_failed"] if r["rule"] == "unique_across_periods")
    assert "2024-01" in rule["message"] and rule["unexpected_count"] == 6


def test_unreadable_files_and_bad_layout_are_reported(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    _base_landing(settings, ("2024-01",))
    for month in ("2024-02", "2024-03", "2024-04"):
        write_delivery(settings.landing_dir, "organisation", month, org_rows())
    write_bytes(settings.landing_dir, "huvudbok/period=2024-02/x.parquet", b"a;b\n1;2\n")
    write_bytes(settings.landing_dir, "huvudbok/period=2024-03/x.parquet", b"")
    good = write_delivery(settings.landing_dir, "huvudbok", "2024-04", ledger_rows("2024-04"))
    content = good.read_bytes()
    good.write_bytes(content[: len(content) // 2])
    write_delivery(settings.landing_dir, "huvudbok", "", ledger_rows("2024-05"), folder="2024-05")
    write_delivery(
        settings.landing_dir, "huvudbok", "", ledger_rows("2024-06"), folder="period=2024-13"
    )
    write_bytes(settings.landing_dir, "lonedata/period=2024-01/x.parquet", b"PAR1")
    write_bytes(settings.landing_dir, "budget/period=2024-01/x.parquet", b"PAR1")

    result = run_gate(settings)

    outcomes = by_key(result)
    for month in ("2024-02", "2024-03", "2024-04"):
        outcome = outcomes[f"huvudbok/{month}"]
        assert outcome.status == "quarantined"
        assert ("readable", None) in failed(outcome), month
    assert "zero-byte" in report_of(outcomes["huvudbok/2024-03"])["rules_failed"][0]["message"]
    for key in (
        "huvudbok/2024-05",
        "huvudbok/period=2024-13",
        "lonedata/",
        "budget/period=2024-01",
    ):
        outcome = outcomes[key]
        assert outcome.status == "quarantined", key
        assert failed(outcome) == {("layout", None)}
    assert outcomes["huvudbok/2024-01"].status == "accepted"

    again = by_key(run_gate(settings))
    assert again["huvudbok/2024-05"].status == "unchanged_quarantined"
    assert again["huvudbok/2024-02"].status == "unchanged_quarantined"
    assert again["huvudbok/2024-01"].status == "unchanged"


def test_redelivery_replaces_skips_or_keeps_previous(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    _base_landing(settings, ("2024-01", "2024-02"))
    assert run_gate(settings).counts["accepted"] == 4
    target = accepted_file(settings.accepted_dir, "huvudbok", "2024-01")
    before = target.read_bytes()

    # unchanged: skipped, accepted file untouched
    second = by_key(run_gate(settings))
    assert second["huvudbok/2024-01"].status == "unchanged"
    assert target.read_bytes() == before

    # changed month (now split in two files, fewer rows): replaces, no duplicates
    folder = settings.landing_dir / "huvudbok" / "period=2024-01"
    (folder / "part-0.parquet").unlink()
    rows = ledger_rows("2024-01", n=4)
    write_delivery(settings.landing_dir, "huvudbok", "2024-01", rows[:2], name="a.parquet")
    write_delivery(settings.landing_dir, "huvudbok", "2024-01", rows[2:], name="b.parquet")
    # bad re-delivery of February: the accepted February stays in use
    feb = ledger_rows("2024-02")
    feb[0]["konto"] = "2999"
    write_delivery(settings.landing_dir, "huvudbok", "2024-02", feb)
    feb_before = accepted_file(settings.accepted_dir, "huvudbok", "2024-02").read_bytes()

    third = by_key(run_gate(settings))

    assert third["huvudbok/2024-01"].status == "accepted"
    january = pq.read_table(target)
    assert january.num_rows == 4
    assert list(settings.accepted_dir.glob("huvudbok/period=2024-01/*")) == [target]
    february = third["huvudbok/2024-02"]
    assert february.status == "quarantined" and february.previous_accepted_in_use
    assert "stays in use" in february.message
    assert report_of(february)["previous_accepted_in_use"] is True
    assert accepted_file(settings.accepted_dir, "huvudbok", "2024-02").read_bytes() == feb_before

    manifest = json.loads(settings.manifest_path.read_text())
    jan = manifest["deliveries"]["huvudbok/2024-01"]
    assert jan["rows"] == 4 and len(jan["history"]) == 1 and jan["history"][0]["rows"] == 6
    feb_entry = manifest["deliveries"]["huvudbok/2024-02"]
    assert feb_entry["status"] == "quarantined"
    assert feb_entry["accepted"]["rows"] == 6
    delivered = {
        (d["extract"], d["period"]): d
        for d in pq.read_table(deliveries_file(settings.accepted_dir)).to_pylist()
    }
    assert delivered[("huvudbok", "2024-01")]["rows"] == 4
    assert delivered[("huvudbok", "2024-02")]["rows"] == 6
    assert delivered[("huvudbok", "2024-02")]["checksum"] == feb_entry["accepted"]["checksum"]

    fourth = by_key(run_gate(settings))
    assert fourth["huvudbok/2024-02"].status == "unchanged_quarantined"
    assert fourth["huvudbok/2024-02"].previous_accepted_in_use


def test_ledger_uses_previous_organisation_when_the_new_one_is_quarantined(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path)
    write_delivery(settings.landing_dir, "organisation", "2024-01", org_rows())
    run_gate(settings)
    bad_org = org_rows()
    bad_org[1]["kostnadsstalle"] = bad_org[0]["kostnadsstalle"]  # duplicate key
    write_delivery(settings.landing_dir, "organisation", "2024-01", bad_org)
    write_delivery(settings.landing_dir, "huvudbok", "2024-01", ledger_rows("2024-01"))
    # no organisation at all for March
    write_delivery(settings.landing_dir, "huvudbok", "2024-03", ledger_rows("2024-03"))

    outcomes = by_key(run_gate(settings))

    assert outcomes["organisation/2024-01"].status == "quarantined"
    assert ("unique_key", "kostnadsstalle") in failed(outcomes["organisation/2024-01"])
    assert outcomes["huvudbok/2024-01"].status == "accepted"
    march = outcomes["huvudbok/2024-03"]
    assert ("known_kostnadsstalle", "kostnadsstalle") in failed(march)
    message = next(r["message"] for r in report_of(march)["rules_failed"])
    assert "no accepted organisation for 2024-03" in message


def test_budget_rules(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    write_delivery(settings.landing_dir, "organisation", "2024-06", org_rows(UNITS[:2]))
    write_delivery(settings.landing_dir, "budget", "2024", budget_rows("2024"))
    dup = budget_rows("2025")
    dup.append(dict(dup[1]))  # same key with personalkategori null: nulls count as equal
    write_delivery(settings.landing_dir, "budget", "2025", dup)
    outside = budget_rows("2026")
    outside[0]["period"] = "2027-01"
    outside[3]["period"] = "2026-1"
    outside[4]["kostnadsstalle"] = UNITS[2]  # not in any accepted organisation
    outside[5]["personalkategori"] = "LAK"  # on account 5010
    write_delivery(settings.landing_dir, "budget", "2026", outside)

    outcomes = by_key(run_gate(settings))

    assert outcomes["budget/2024"].status == "accepted"
    budget = _accepted(settings, "budget", "2024")
    assert budget.schema.field("period").type == pa.string()
    assert failed(outcomes["budget/2025"]) == {
        ("unique_key", "period,kostnadsstalle,konto,personalkategori")
    }
    assert {
        ("period", "period"),
        ("format", "period"),
        ("known_kostnadsstalle", "kostnadsstalle"),
        ("personalkategori", "personalkategori"),
    } <= failed(outcomes["budget/2026"])


def test_organisation_rules(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    rows = org_rows()
    rows[0]["basenhet"] = "214"
    rows[1]["vardniva"] = "ANNAT"
    rows[2]["kostnadsstalle"] = "02201"
    write_delivery(settings.landing_dir, "organisation", "2024-01", rows)
    table = contract_table("organisation", org_rows())
    write_delivery(
        settings.landing_dir,
        "organisation",
        "2024-02",
        retype(table, "kostnadsstalle", pa.array([210101, 210102, 220201])),
    )

    outcomes = by_key(run_gate(settings))

    assert {
        ("format", "basenhet"),
        ("value_set", "vardniva"),
        ("format", "kostnadsstalle"),
    } <= failed(outcomes["organisation/2024-01"])
    feb = report_of(outcomes["organisation/2024-02"])["rules_failed"]
    assert [(r["rule"], r["column"]) for r in feb] == [("column_type", "kostnadsstalle")]
    assert "leading zeros" in feb[0]["message"]


def test_missing_landing_folder_raises(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    settings.landing_dir.rmdir()
    with pytest.raises(FileNotFoundError):
        run_gate(settings)


def test_quarantined_ledger_is_rechecked_when_its_organisation_arrives(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    write_delivery(settings.landing_dir, "huvudbok", "2024-05", ledger_rows("2024-05"))
    first = by_key(run_gate(settings))
    assert first["huvudbok/2024-05"].status == "quarantined"
    assert by_key(run_gate(settings))["huvudbok/2024-05"].status == "unchanged_quarantined"

    write_delivery(settings.landing_dir, "organisation", "2024-05", org_rows())
    third = by_key(run_gate(settings))

    assert third["organisation/2024-05"].status == "accepted"
    assert third["huvudbok/2024-05"].status == "accepted"
    assert by_key(run_gate(settings))["huvudbok/2024-05"].status == "unchanged"


def test_ledger_without_the_free_text_column_is_accepted(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    write_delivery(settings.landing_dir, "organisation", "2024-01", org_rows())
    table = contract_table("huvudbok", ledger_rows("2024-01")).drop_columns(["text"])
    write_delivery(settings.landing_dir, "huvudbok", "2024-01", table)

    outcome = by_key(run_gate(settings))["huvudbok/2024-01"]

    assert outcome.status == "accepted", outcome.message
