"""The gate's shortcuts give the same verdicts as the plain way.

GxValidator runs value-level expectations on distinct values and maps failures back to rows;
compared here with the whole suite run by GX on every row. AcceptedKeys checks the first
deliveries of a run straight against the accepted files (key-range filtered) and later ones
against an in-memory index; both must find the same conflicting rows.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from gate_fixtures import contract_table
from hsn.gate import cross_checks, gx_validation
from hsn.gate.contract import EXTRACTS
from hsn.gate.cross_checks import AcceptedKeys
from hsn.gate.gx_validation import GxValidator, suite_columns, suite_document
from hsn.gate.paths import accepted_file
from hsn.gate.reading import FILE_COLUMN, ROW_COLUMN

PARAMS: dict[str, Any] = {
    "period_first_day": date(2024, 2, 1),
    "period_last_day": date(2024, 2, 29),
    "period_first_time": datetime(2024, 2, 1),
    "period_last_time": datetime(2024, 2, 29, 23, 59, 59, 999999),
    "periods_of_year": [f"2024-{m:02d}" for m in range(1, 13)],
    "chart_accounts": [],
    "known_kostnadsstallen": ["210101"],
}


def _contact(i: int, **changes: Any) -> dict[str, Any]:
    row = {
        "kontakt_id": f"K{i:04d}",
        "personnummer": "191212121212",
        "kostnadsstalle": "210101",
        "vardform": "OPPENVARD",
        "yrkeskategori": "LAKARE",
        "kontakttyp": "FYSISKT",
        "kontaktdatum": date(2024, 2, 1 + i % 28),
        "inskrivningsdatum": None,
        "drg": None,
        "drg_vikt": None,
    }
    row.update(changes)
    return row


def _plain(gx: GxValidator, extract: str, table: pa.Table) -> list[tuple[str, str, int, list[int]]]:
    """The whole suite on every row, as the gate did before it used distinct values."""
    from great_expectations.core import ExpectationSuite

    document = suite_document(extract)
    suite = ExpectationSuite(name="plain", expectations=copy.deepcopy(document["expectations"]))
    wanted = [c for c in table.column_names if c in suite_columns(extract)]
    batch = gx._batch_definition.get_batch(
        batch_parameters={"dataframe": table.select(wanted).to_pandas()}
    )
    result = batch.validate(suite, result_format="COMPLETE", expectation_parameters=PARAMS)
    out = []
    for res in result.results:
        if res.success:
            continue
        kw = res.expectation_config.kwargs
        pair = [kw.get("column_A", ""), kw.get("column_B", "")]
        column = kw.get("column") or ",".join(kw.get("column_list") or pair)
        detail = res.result
        out.append(
            (
                res.expectation_config.meta["rule"],
                column,
                detail["unexpected_count"],
                [int(i) for i in detail["unexpected_index_list"]],
            )
        )
    return out


def test_distinct_values_give_the_plain_counts_rows_and_order() -> None:
    rows = [_contact(i) for i in range(40)]
    for i in (2, 5, 9, 33):
        rows[i]["vardform"] = "HEMSJUKVARD"  # one bad value on four rows
    rows[4]["kostnadsstalle"] = None
    rows[6]["kostnadsstalle"] = "21-0101"  # format
    rows[3]["kontaktdatum"] = date(2024, 3, 1)  # outside the period, twice the same date
    rows[7]["kontaktdatum"] = date(2024, 3, 1)
    rows[8]["kontaktdatum"] = date(2024, 1, 31)
    rows[11]["personnummer"] = "1912121212"  # format
    rows[12]["kontakt_id"] = "K0013"  # duplicate key (row level)
    table = contract_table("vardkontakter", rows)
    gx = GxValidator()
    got = [
        (f.rule, f.column, f.unexpected_count, positions)
        for f, positions in gx.validate("vardkontakter", table, PARAMS)
    ]
    # the same failures as GX on every row; in the suite document's order (GX has its own)
    assert sorted(got) == sorted(_plain(gx, "vardkontakter", table))
    assert got == [
        ("not_null", "kostnadsstalle", 1, [4]),
        ("format", "personnummer", 1, [11]),
        ("format", "kostnadsstalle", 1, [6]),
        ("value_set", "vardform", 4, [2, 5, 9, 33]),
        ("unique_key", "kontakt_id", 2, [12, 13]),
        ("period", "kontaktdatum", 3, [3, 7, 8]),
    ]
    # a second delivery reuses the suites built for the first and still finds its own faults
    clean = contract_table("vardkontakter", [_contact(i) for i in range(40)])
    assert gx.validate("vardkontakter", clean, PARAMS) == []


def _validated(gx: GxValidator, extract: str, table: pa.Table) -> list[Any]:
    return [
        (f.rule, f.column, f.unexpected_count, positions)
        for f, positions in gx.validate(extract, table, PARAMS)
    ]


def _tuple_path_taken(extract: str, table: pa.Table) -> bool:
    """Whether the row conditions and column pairs run on distinct combinations."""
    columns = [c for c in table.column_names if c in gx_validation._tuple_columns(extract)]
    return len(gx_validation._tuples(table, columns)[0]) <= table.num_rows // 2


def test_row_conditions_on_combinations_give_the_plain_counts_and_rows() -> None:
    rows = [
        {
            "verifikation": f"V{i:03d}",
            "rad": 1,
            "bokforingsdatum": date(2024, 2, 1 + i % 3),
            "kostnadsstalle": "210101",
            "konto": ("4010", "3010", "5010")[i % 3],
            "motpart": "E",
            "personalkategori": "LAK" if i % 3 == 0 else None,
            "belopp": 1,
        }
        for i in range(60)
    ]
    for i in (6, 18, 42):
        rows[i]["personalkategori"] = None  # required on 4010: three rows, one combination
    for i in (7, 31):
        rows[i]["personalkategori"] = "LAK"  # not allowed on 3010
    rows[50].update(konto="4599", personalkategori=None)  # the bounds are inclusive
    rows[51].update(konto="4600", personalkategori="OMV")
    table = contract_table("huvudbok", rows)
    assert _tuple_path_taken("huvudbok", table)
    gx = GxValidator()
    got = _validated(gx, "huvudbok", table)
    assert sorted(got) == sorted(_plain(gx, "huvudbok", table))
    assert [g for g in got if g[1] == "personalkategori"] == [
        ("personalkategori", "personalkategori", 4, [6, 18, 42, 50]),
        ("personalkategori", "personalkategori", 3, [7, 31, 51]),
    ]


def test_column_pairs_on_combinations_give_the_plain_counts_and_rows() -> None:
    rows = [_contact(i, kontaktdatum=date(2024, 2, 10 + i % 4)) for i in range(40)]
    for i in (3, 13, 23):
        rows[i]["vardform"] = "SLUTENVARD"  # without inskrivningsdatum
    for i in (5, 25):
        rows[i]["inskrivningsdatum"] = date(2024, 2, 20)  # after kontaktdatum
    rows[9].update(vardform="SLUTENVARD", inskrivningsdatum=date(2024, 2, 11))  # the same day
    rows[10].update(vardform="SLUTENVARD", inskrivningsdatum=date(2024, 2, 1))
    table = contract_table("vardkontakter", rows)
    assert _tuple_path_taken("vardkontakter", table)
    gx = GxValidator()
    got = _validated(gx, "vardkontakter", table)
    assert sorted(got) == sorted(_plain(gx, "vardkontakter", table))
    assert sorted(got) == [
        ("inskrivningsdatum", "inskrivningsdatum", 3, [3, 13, 23]),
        ("inskrivningsdatum", "kontaktdatum,inskrivningsdatum", 2, [5, 25]),
    ]


def _ledger(keys: list[tuple[str, int]], day: date) -> pa.Table:
    rows = [
        {
            "verifikation": v,
            "rad": r,
            "bokforingsdatum": day,
            "kostnadsstalle": "210101",
            "konto": "4010",
            "motpart": "000",
            "personalkategori": None,
            "belopp": None,
        }
        for v, r in keys
    ]
    schema = EXTRACTS["huvudbok"].accepted_schema()
    return pa.Table.from_pylist(rows, schema=schema.remove(schema.get_field_index("belopp")))


def _accept(accepted: Path, period: str, keys: list[tuple[str, int]]) -> None:
    target = accepted_file(accepted, "huvudbok", period)
    target.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(_ledger(keys, date(2024, 1, 15)), target)


def _delivery(keys: list[tuple[str, int]]) -> pa.Table:
    table = _ledger(keys, date(2024, 3, 15))
    n = table.num_rows
    table = table.append_column(FILE_COLUMN, pa.array(["part-0.parquet"] * n))
    return table.append_column(ROW_COLUMN, pa.array(range(1, n + 1), pa.int64()))


@pytest.mark.parametrize("direct_checks", [0, 100])
def test_key_conflicts_same_from_files_and_from_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, direct_checks: int
) -> None:
    monkeypatch.setattr(cross_checks, "DIRECT_CHECKS", direct_checks)
    accepted = tmp_path / "accepted"
    _accept(accepted, "2024-01", [("V01", 1), ("V02", 1), ("V03", 1)])
    _accept(accepted, "2024-02", [("V10", 1), ("V11", 2)])
    _accept(accepted, "2024-03", [("V20", 1)])  # the period being re-delivered
    extract = EXTRACTS["huvudbok"]
    keys = AcceptedKeys(accepted)
    try:
        delivery = _delivery([("V00", 1), ("V02", 1), ("V03", 2), ("V11", 2), ("V20", 1)])
        failure, positions = keys.conflicts(delivery, extract, "2024-03")
        assert positions == [1, 3]
        assert failure is not None and failure.unexpected_count == 2
        assert "2024-01, 2024-02" in failure.message
        # accepted: the next delivery sees it, whichever way it is checked
        _accept(accepted, "2024-04", [("V30", 1)])
        keys.replace(extract, "2024-04", _ledger([("V30", 1)], date(2024, 4, 1)))
        failure, positions = keys.conflicts(_delivery([("V30", 1)]), extract, "2024-05")
        assert positions == [0] and failure is not None and "2024-04" in failure.message
        assert keys.conflicts(_delivery([("V99", 1)]), extract, "2024-05") == (None, [])
    finally:
        keys.close()


def test_validation_does_not_fingerprint_the_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    """GX's batch fingerprint (a hash of the whole frame, unused by the gate) is switched off.

    It cost 40 % of a ledger month's checks; if a GX upgrade renames the switch, this fails.
    """
    from great_expectations.execution_engine import pandas_execution_engine

    def refuse(_frame: Any) -> str:
        raise AssertionError("the gate should not hash its frames")

    gx = GxValidator()
    monkeypatch.setattr(pandas_execution_engine, "hash_pandas_dataframe", refuse)
    rows = [_contact(i) for i in range(10)]
    rows[3]["vardform"] = "HEMSJUKVARD"
    got = gx.validate("vardkontakter", contract_table("vardkontakter", rows), PARAMS)
    assert [(f.rule, f.column, positions) for f, positions in got] == [
        ("value_set", "vardform", [3])
    ]
