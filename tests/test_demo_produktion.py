"""The produktion demo generator: deterministic, valid against the landing contract and the
month's organisation, with January + February hitting the seed's figures exactly."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from hsn.demo import produktion
from hsn.demo.organisation import CLOSED_KS, organisation_rows
from hsn.demo.tillganglighet_personer import personnummer_pool
from hsn.gate.personnummer import invalid_positions


@pytest.fixture(scope="module")
def pool() -> pa.Array:
    return pa.array(personnummer_pool().tolist(), pa.string())


@pytest.fixture(scope="module")
def feb_2024(pool: pa.Array) -> dict[str, pa.Table]:
    jan = produktion.month_tables("2024-01", pool)
    feb = produktion.month_tables("2024-02", pool)
    return {k: pa.concat_tables([jan[k], feb[k]]) for k in jan}


def _org(periods: list[str]) -> pa.Table:
    rows = [dict(r, period=p) for p in periods for r in organisation_rows(p)]
    return pa.Table.from_pylist(rows)


def test_same_bytes_every_run(tmp_path: Path) -> None:
    for run in ("a", "b"):
        produktion.generate(tmp_path / run, ["2021-12", "2022-01"], 1.0, lambda _m: None)
    for extract in produktion.EXTRACTS:
        for period in ("2021-12", "2022-01"):
            rel = Path(extract) / f"period={period}" / f"{extract}.parquet"
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_units_exist_in_the_months_organisation(pool: pa.Array) -> None:
    for period in ("2021-12", "2022-01"):
        tables = produktion.month_tables(period, pool)
        known = {r["kostnadsstalle"] for r in organisation_rows(period)}
        for table in tables.values():
            assert set(table["kostnadsstalle"].to_pylist()) <= known
        wards = set(tables["vardplatser"]["kostnadsstalle"].to_pylist())
        assert (CLOSED_KS in wards) == (period <= "2021-12")


def test_contract_rules_hold(feb_2024: dict[str, pa.Table]) -> None:
    con = duckdb.connect()
    kontakter, platser = feb_2024["vardkontakter"], feb_2024["vardplatser"]  # noqa: F841
    assert invalid_positions(kontakter["personnummer"]).tolist() == []
    checks = con.execute(
        """
        select
            count(*) filter (where vardform = 'SLUTENVARD' and inskrivningsdatum is null),
            count(*) filter (where inskrivningsdatum > kontaktdatum),
            count(*) - count(distinct kontakt_id),
            count(*) filter (where drg_vikt < 0),
            count(*) filter (where kontaktdatum not between date '2024-01-01'
                and date '2024-02-29'),
            count(*) filter (where cast(substr(personnummer, 7, 2) as int) > 60)
        from kontakter
        """
    ).fetchone()
    assert checks[:5] == (0, 0, 0, 0, 0)
    assert checks[5] > 0  # some samordningsnummer
    beds = con.execute(
        """
        select count(*) - count(distinct (datum, kostnadsstalle)),
               count(*) filter (where disponibla_vardplatser < 0 or belagda_vardplatser < 0),
               count(*) filter (where belagda_vardplatser > disponibla_vardplatser)
        from platser
        """
    ).fetchone()
    assert beds[:2] == (0, 0)
    assert beds[2] > 0  # overcrowded ward-days exist


def test_persons_recur_across_months_and_clinics(pool: pa.Array) -> None:
    con = duckdb.connect()
    jan = produktion.month_tables("2023-01", pool)["vardkontakter"]  # noqa: F841
    mar = produktion.month_tables("2023-03", pool)["vardkontakter"]  # noqa: F841
    both = con.execute(
        "select count(*) from (select distinct personnummer from jan "
        "intersect select distinct personnummer from mar)"
    ).fetchone()[0]
    assert both > 10_000
    several_units = con.execute(
        "select count(*) from (select personnummer from jan group by personnummer "
        "having count(distinct kostnadsstalle) > 1)"
    ).fetchone()[0]
    assert several_units > 1_000


def test_january_february_2024_hit_the_seed(feb_2024: dict[str, pa.Table]) -> None:
    con = duckdb.connect()
    kontakter, platser = feb_2024["vardkontakter"], feb_2024["vardplatser"]  # noqa: F841
    org = _org(["2024-02"])  # noqa: F841
    got = {
        row[0]: row[1:]
        for row in con.execute(
            """
            select o.vardniva,
                count(*) filter (where k.vardform = 'SLUTENVARD'),
                sum(k.kontaktdatum - k.inskrivningsdatum) filter (
                    where k.vardform = 'SLUTENVARD'),
                count(*) filter (where k.vardform = 'OPPENVARD' and k.yrkeskategori = 'LAKARE'
                    and k.kontakttyp <> 'VACCINATION'),
                count(*) filter (where k.vardform = 'OPPENVARD'),
                round(sum(coalesce(k.drg_vikt, 0))),
                count(distinct k.personnummer)
            from kontakter as k
            inner join org as o using (kostnadsstalle)
            where o.ingar_i_produktion
            group by o.vardniva
            """
        ).fetchall()
    }
    # seed: vårdtillfällen, läkarbesök, sjukvårdande behandling (+ vaccination), viktad
    assert got["PRIMARVARD"][0] == 169 and round(got["PRIMARVARD"][1] / 169, 2) == 6.64
    assert got["PRIMARVARD"][2] == 39_139 and got["PRIMARVARD"][3] == 39_139 + 66_803
    assert got["PRIMARVARD"][4] == 4_018
    assert got["SJUKHUSVARD"][0] == 6_818 and round(got["SJUKHUSVARD"][1] / 6_818, 2) == 5.28
    assert got["SJUKHUSVARD"][2] == 61_658 and got["SJUKHUSVARD"][3] == 61_658 + 72_593
    assert got["SJUKHUSVARD"][4] == 14_448
    assert got["TANDVARD"][3] == 39_401 and got["TANDVARD"][5] == 27_047
    census = dict(
        con.execute(
            """
            select o.vardniva,
                round(sum(p.belagda_vardplatser) / sum(p.disponibla_vardplatser), 3)
            from platser as p inner join org as o using (kostnadsstalle) group by o.vardniva
            """
        ).fetchall()
    )
    assert census == {"PRIMARVARD": 0.700, "SJUKHUSVARD": 1.038}
