"""The tillganglighet demo generator: deterministic, units in the month's organisation,
valid identifiers, region totals as planned (fast: one month, no gate or dbt)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import numpy as np
import pytest

from hsn.demo import tillganglighet
from hsn.demo.organisation import organisation_rows
from hsn.demo.tillganglighet_personer import luhn_check_digit, personnummer_pool

PERIOD = "2024-02"


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.parquet"))
    }


@pytest.fixture(scope="module")
def landing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tg_landing")
    rows = tillganglighet.generate(path, [PERIOD], 1.0, lambda _m: None)
    assert set(rows) == set(tillganglighet.EXTRACTS)
    return path


def test_same_arguments_same_bytes(landing: Path, tmp_path: Path) -> None:
    tillganglighet.generate(tmp_path, [PERIOD], 1.0, lambda _m: None)
    assert _digest(tmp_path) == _digest(landing)
    assert len(_digest(landing)) == 6


def test_every_unit_is_in_the_months_organisation(landing: Path) -> None:
    units = {r["kostnadsstalle"] for r in organisation_rows(PERIOD)}
    con = duckdb.connect()
    for extract in ("pv_bedomningar", "telefoni", "vantelista", "tandvard_kallelser"):
        got = con.execute(
            f"select distinct kostnadsstalle from read_parquet('{landing}/{extract}/*/*.parquet')"
        ).fetchall()
        assert {u for (u,) in got} <= units, extract


def test_region_totals_february_2024(landing: Path) -> None:
    con = duckdb.connect()
    pv = con.execute(
        f"""select count(*), count(*) filter (where bedomningsdatum - beslutsdatum <= 3)
        from read_parquet('{landing}/pv_bedomningar/*/*.parquet')
        where not patientvald_vantan"""
    ).fetchall()
    assert pv == [(10702, 8561)]
    tel = con.execute(
        f"""select count(*), count(distinct telefonnummer),
            count(*) filter (where besvarad <= inkommande + interval 24 hour)
        from read_parquet('{landing}/telefoni/*/*.parquet')"""
    ).fetchall()
    assert tel == [(52297, 32164, 42570)]


def test_personnummer_are_valid() -> None:
    pool = personnummer_pool(size=20_000)
    assert len(set(pool.tolist())) == 20_000
    digits = np.array([[int(c) for c in p[2:11]] for p in pool[:2000]])
    check = np.array([int(p[11]) for p in pool[:2000]])
    assert (luhn_check_digit(digits) == check).all()
    # the classic test number 19121212-1212 has check digit 2
    assert luhn_check_digit(np.array([[1, 2, 1, 2, 1, 2, 1, 2, 1]]))[0] == 2
    days = np.array([int(p[6:8]) for p in pool])
    assert ((days >= 1) & (days <= 31) | (days >= 61) & (days <= 91)).all()
    assert (days > 60).any()  # some samordningsnummer
