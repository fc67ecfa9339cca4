"""The open export variant: small counts of persons at kostnadsställe level are suppressed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from hsn.open_exports import is_person_count, write_open_exports


def hand_made(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        create table mart_besok as select * from (values
            ('region', null, '2024-01', 14, 3, 40),
            ('omrade', null, '2024-01', 4, 3, 10),
            ('kostnadsstalle', '240101', '2024-01', 4, 0, 10),
            ('kostnadsstalle', '240102', '2024-01', 5, 3, 30),
            ('kostnadsstalle', '240103', '2024-01', 1, null, 0),
            ('kostnadsstalle', '240104', '2024-01', 0, 12, 0)
        ) t(niva, kostnadsstalle, period, antal_personer, unika_patienter, antal_besok)
        """
    )
    con.execute(
        """
        create table mart_tandvard as select * from (values
            ('220101', 2, 7), ('220102', 9, 7)
        ) t(kostnadsstalle, tandvard_patienter, antal_kallade)
        """
    )
    con.execute("create table dim_period as select 1 as antal_personer, '2024-01' as period")
    con.execute("create table int_hidden as select 1 as antal_personer")


def test_person_count_columns_by_name() -> None:
    assert is_person_count("antal_personer")
    assert is_person_count("tandvard_patienter")
    assert is_person_count("unika_patienter")
    assert is_person_count("vantande_personer")
    assert not is_person_count("antal_besok")


def test_small_counts_are_suppressed_at_kostnadsstalle_level(tmp_path: Path) -> None:
    with duckdb.connect() as con:
        hand_made(con)
        written = write_open_exports(con, tmp_path / "open")

    assert sorted(p.name for p in written) == [
        "dim_period.parquet", "mart_besok.parquet", "mart_tandvard.parquet",
    ]
    rows = pq.read_table(tmp_path / "open" / "mart_besok.parquet").to_pylist()
    by_unit = {(r["niva"], r["kostnadsstalle"]): r for r in rows}
    # region and omrade rows are never suppressed, even when small
    assert by_unit[("omrade", None)]["antal_personer"] == 4
    assert by_unit[("omrade", None)]["antal_personer_undertryckt"] is False
    # 1-4 persons at a kostnadsställe: null and flagged; 0 and 5+ shown; null stays null
    ks = {unit: r for (niva, unit), r in by_unit.items() if niva == "kostnadsstalle"}
    assert [ks[u]["antal_personer"] for u in ("240101", "240102", "240103", "240104")] == [
        None, 5, None, 0,
    ]
    assert [ks[u]["antal_personer_undertryckt"] for u in sorted(ks)] == [
        True, False, True, False,
    ]
    assert [ks[u]["unika_patienter"] for u in sorted(ks)] == [0, None, None, 12]
    assert [ks[u]["unika_patienter_undertryckt"] for u in sorted(ks)] == [
        False, True, False, False,
    ]
    # other counts (visits) are not counts of persons
    assert [ks[u]["antal_besok"] for u in sorted(ks)] == [10, 30, 0, 0]
    assert "antal_besok_undertryckt" not in rows[0]

    tandvard = pq.read_table(tmp_path / "open" / "mart_tandvard.parquet").to_pylist()
    assert [(r["tandvard_patienter"], r["tandvard_patienter_undertryckt"]) for r in tandvard] == [
        (None, True), (9, False),
    ]
    # no organisation level: copied unchanged
    period = pq.read_table(tmp_path / "open" / "dim_period.parquet").to_pylist()
    assert period == [{"antal_personer": 1, "period": "2024-01"}]


def test_open_exports_are_replaced_whole(tmp_path: Path) -> None:
    open_dir = tmp_path / "open"
    with duckdb.connect() as con:
        hand_made(con)
        write_open_exports(con, open_dir)
        first = (open_dir / "mart_besok.parquet").read_bytes()
        write_open_exports(con, open_dir)
    assert (open_dir / "mart_besok.parquet").read_bytes() == first
    assert sorted(p.name for p in open_dir.iterdir()) == [
        "dim_period.parquet", "mart_besok.parquet", "mart_tandvard.parquet",
    ]
