"""Kolada's published figures → the riket extract (pure Python, no demo build).

Expected values are read by hand from /work/shared/data/kolada/region_kpi_values.csv
(region_id 0000 = Riket)."""

from __future__ import annotations

import csv

import pytest

from hsn.demo.tillganglighet_kolada import SEED_DIR, kpi_matt, riket_rows, vasterbotten_andel

MEASURE_CODES = {
    "PV_MEDICINSK_BEDOMNING_3D", "PV_TELEFON_SAMMA_DAG", "PV_TELEFON_24H",
    "SPEC_FORSTA_KONTAKT_VANTANDE_90D", "SPEC_FORSTA_KONTAKT_GENOMFORD_90D",
    "SPEC_OPERATION_VANTANDE_90D", "SPEC_OPERATION_GENOMFORD_90D",
    "BUP_FORSTA_KONTAKT_VANTANDE_30D", "BUP_FORSTA_KONTAKT_GENOMFORD_30D",
    "BUP_OPERATION_VANTANDE_30D", "BUP_OPERATION_GENOMFORD_30D",
    "TV_VUXEN_EJ_FORSENAD", "TV_VUXEN_FORSENAD_6M", "TV_BARN_EJ_FORSENAD",
}  # fmt: skip


def test_riket_february_2024() -> None:
    rows = {r.matt: (r.andel, r.kalla) for r in riket_rows("2024-02")}
    assert rows == {
        "PV_MEDICINSK_BEDOMNING_3D": (0.882, "Kolada N79173 (årsvärde 2024)"),
        "PV_TELEFON_SAMMA_DAG": (0.87, "Kolada N79179 (årsvärde 2024)"),
        "SPEC_FORSTA_KONTAKT_VANTANDE_90D": (0.687, "Kolada N79221 (årsvärde 2024)"),
        "SPEC_FORSTA_KONTAKT_GENOMFORD_90D": (0.849, "Kolada N79222 (årsvärde 2024)"),
        "SPEC_OPERATION_VANTANDE_90D": (0.59, "Kolada N79223 (årsvärde 2024)"),
        "SPEC_OPERATION_GENOMFORD_90D": (0.838, "Kolada N79224 (årsvärde 2024)"),
        "BUP_OPERATION_GENOMFORD_30D": (0.525, "Kolada U79119 (årsvärde 2024)"),
    }


def test_riket_2019_only_the_measures_kolada_has_that_year() -> None:
    # the specialist-care KPIs N79221–N79224 start in 2021
    rows = {r.matt: r.andel for r in riket_rows("2019-07")}
    assert rows == {
        "PV_MEDICINSK_BEDOMNING_3D": 0.794,
        "PV_TELEFON_SAMMA_DAG": 0.88,
        "BUP_OPERATION_GENOMFORD_30D": 0.691,
    }


def test_every_month_of_a_year_gets_the_years_value() -> None:
    assert riket_rows("2023-01") == riket_rows("2023-12")
    assert riket_rows("2023-12") != riket_rows("2024-01")


def test_mapped_codes_are_measure_codes_and_shares_are_fractions() -> None:
    assert set(kpi_matt().values()) <= MEASURE_CODES
    for period in ("2019-01", "2021-06", "2024-02"):
        for row in riket_rows(period):
            assert 0 <= row.andel <= 1


def test_seed_is_the_shared_kolada_data() -> None:
    with (SEED_DIR / "kolada_region_kpi_values.csv").open(encoding="utf-8") as handle:
        seed = {(r["region_id"], r["kpi"], r["ar"]): r["varde"] for r in csv.DictReader(handle)}
    assert seed[("0024", "N79173", "2024")] == "79.5"  # Västerbotten
    assert seed[("0000", "N79223", "2023")] == "59.2"  # riket
    assert len({k[0] for k in seed} - {"0000"}) == 21


def test_vasterbotten_share_nearest_year() -> None:
    assert vasterbotten_andel("N79173", 2024, 0.0) == pytest.approx(0.795)
    assert vasterbotten_andel("N79173", 2019, 0.0) == pytest.approx(0.706)  # 2020 is nearest
    assert vasterbotten_andel("NOPE", 2024, 0.5) == 0.5
