"""The demo's scale knob: copies of the organisation above 1, thinner volume below 1.

One month (2024-02) at scales 1, 2 and 0.5: row counts scale about linearly, the copies' codes
are new and unique, every row's kostnadsställe is in the month's organisation, and the gate
accepts the scale-2 delivery (contract and cross checks).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from conftest import make_settings
from hsn.demo import generate_demo
from hsn.demo.organisation import BASENHETER, kostnadsstallen
from hsn.demo.scaling import (
    MAX_SCALE,
    basenhet_code,
    kostnadsstalle_code,
    other_persons,
    plan,
)
from hsn.demo.tillganglighet_personer import _digits, luhn_check_digit, personnummer_pool
from hsn.gate import run_gate

PERIOD = "2024-02"
PER_REGION = ("riket", "atgardsplaner")
EXACT = ("organisation", "budget", "vardplatser")
UNIT_EXTRACTS = (
    "organisation",
    "huvudbok",
    "vardkontakter",
    "vardplatser",
    "pv_bedomningar",
    "telefoni",
    "vantelista",
    "tandvard_kallelser",
)


@pytest.fixture(scope="module")
def landings(tmp_path_factory: pytest.TempPathFactory) -> dict[float, tuple[Path, dict[str, int]]]:
    out = {}
    for scale in (1.0, 2.0, 0.5):
        settings = make_settings(tmp_path_factory.mktemp(f"scale{scale:g}"))
        summary = generate_demo(
            settings.landing_dir, first_period=PERIOD, last_period=PERIOD, scale=scale
        )
        out[scale] = (settings.landing_dir, dict(summary.rows))
    return out


def _files(landing: Path, extract: str) -> str:
    return f"'{landing}/{extract}/*/*.parquet'"


def test_plan() -> None:
    assert plan(1) == plan(1.0) and plan(1).copies == 1 and plan(1).share == 1.0
    assert (plan(2).copies, plan(2).share) == (2, 1.0)
    assert plan(2.5).copies == 3 and plan(2.5).share == pytest.approx(2.5 / 3)
    assert (plan(0.5).copies, plan(0.5).share) == (1, 0.5)
    for bad in (0, -1, MAX_SCALE + 1):
        with pytest.raises(ValueError):
            plan(bad)


def test_copy_codes_are_new_and_unique() -> None:
    real = {b[0] for b in BASENHETER}
    copies = [basenhet_code(b, c) for c in range(1, MAX_SCALE) for b in sorted(real)]
    assert len(set(copies)) == len(copies)
    assert not set(copies) & real
    assert all(len(c) == 4 and c.isdigit() for c in copies)
    assert basenhet_code("2141", 0) == "2141"
    # kostnadsställe = basenhet + two digits, the suffix kept
    assert kostnadsstalle_code("214101", 1) == basenhet_code("2141", 1) + "01"
    ks = [k.code for k in kostnadsstallen()]
    copied = [kostnadsstalle_code(k, c) for c in range(MAX_SCALE) for k in ks]
    assert len(set(copied)) == len(copied)


def test_other_persons_are_valid_and_differ() -> None:
    pool = personnummer_pool()[:5000]
    for copy in (1, 2, MAX_SCALE - 1):
        moved = np.array(other_persons(pa.array(pool.tolist()), copy).to_pylist())
        assert (moved != pool).all()
        assert (np.char.str_len(moved) == 12).all()
        number = moved.astype(np.int64)
        yymmddnnn = (number // 10) % 1_000_000_000
        assert (luhn_check_digit(_digits(yymmddnnn, 9)) == number % 10).all()
        # the birth date is kept
        assert (moved.astype("U8") == pool.astype("U8")).all()


def test_rows_scale_about_linearly(landings: dict) -> None:
    one = landings[1.0][1]
    assert 360_000 <= one["huvudbok"] <= 440_000
    assert 100_000 <= one["vardkontakter"] <= 150_000
    two, half = landings[2.0][1], landings[0.5][1]
    for extract, n in one.items():
        if extract in PER_REGION:
            assert two[extract] == n == half[extract], extract
        elif extract in EXACT:
            assert two[extract] == 2 * n and half[extract] == n, extract
        else:
            assert two[extract] == pytest.approx(2 * n, rel=0.02), extract
            assert half[extract] == pytest.approx(n / 2, rel=0.05), extract


def test_scale_one_is_the_first_copy(landings: dict) -> None:
    one, two = landings[1.0][0], landings[2.0][0]
    for rel in (
        f"vardkontakter/period={PERIOD}/vardkontakter.parquet",
        f"organisation/period={PERIOD}/organisation.parquet",
        f"huvudbok/period={PERIOD}/huvudbok_1.parquet",
        "budget/ar=2024/budget.parquet",
    ):
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel


def test_copies_have_their_own_units_ids_and_persons(landings: dict) -> None:
    landing = landings[2.0][0]
    con = duckdb.connect()
    org = con.execute(
        f"select count(*), count(distinct kostnadsstalle), count(distinct basenhet) "
        f"from read_parquet({_files(landing, 'organisation')})"
    ).fetchone()
    one = (
        duckdb.connect()
        .execute(
            f"select count(*), count(distinct basenhet) "
            f"from read_parquet({_files(landings[1.0][0], 'organisation')})"
        )
        .fetchone()
    )
    assert org == (2 * one[0], 2 * one[0], 2 * one[1])
    for extract in UNIT_EXTRACTS:
        missing = con.execute(
            f"select count(*) from read_parquet({_files(landing, extract)}) x "
            f"where kostnadsstalle not in (select kostnadsstalle "
            f"from read_parquet({_files(landing, 'organisation')}))"
        ).fetchone()
        assert missing == (0,), extract
    for extract, key in (
        ("vardkontakter", "kontakt_id"),
        ("telefoni", "samtal_id"),
        ("huvudbok", "verifikation || '/' || rad"),
    ):
        n, distinct = con.execute(
            f"select count(*), count(distinct {key}) from read_parquet({_files(landing, extract)})"
        ).fetchone()
        assert n == distinct, extract
    persons = con.execute(
        f"select count(distinct personnummer) filter (where filename like '%_K02.parquet'), "
        f"count(distinct personnummer) filter (where filename not like '%_K02.parquet') "
        f"from read_parquet({_files(landing, 'vardkontakter')}, filename = true)"
    ).fetchone()
    overlap = con.execute(
        f"select count(*) from (select personnummer from read_parquet("
        f"'{landing}/vardkontakter/*/*_K02.parquet') intersect select personnummer "
        f"from read_parquet('{landing}/vardkontakter/*/vardkontakter.parquet'))"
    ).fetchone()[0]
    assert persons[0] == persons[1]
    assert overlap < 0.05 * persons[0]


def test_gate_accepts_scale_two(landings: dict) -> None:
    landing = landings[2.0][0]
    settings = make_settings(landing.parent)
    result = run_gate(settings, progress=lambda _: None)
    statuses = {(o.extract, o.status) for o in result.outcomes}
    assert statuses == {(e, "accepted") for e in landings[2.0][1]}, [
        (o.extract, o.message) for o in result.outcomes if o.status != "accepted"
    ]
