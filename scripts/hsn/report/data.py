"""Read-only queries on the PUBLISHED warehouse: the only place the report reads data.

The report reads the marts (and dim_period) named in MARTS; models/exposures.yml declares the
same list to dbt. A mart that is not in the publication (its part of the warehouse is not built
yet) is reported as missing, and its section says so instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb

# mart → the columns the report needs from it
MARTS: dict[str, tuple[str, ...]] = {
    "dim_period": ("period", "ar", "manad", "manadsnamn", "is_utfall_laddad"),
    "mart_budgetavvikelse": (
        "period", "niva", "omrade", "omrade_namn", "basenhet", "basenhet_namn", "rapportgrupp",
        "rapportrad", "rapportrad_nr", "avvikelsekategori", "avvikelse", "ack_utfall",
        "ack_budget", "ack_avvikelse", "ack_utfall_foreg_ar", "kostnadsutveckling",
        "helarsbudget",
    ),
    "mart_r12": ("period", "niva", "rapportrad", "utfall_r12", "budget_r12"),
    "mart_atgardsplaner": (
        "period", "niva", "omrade", "omrade_namn", "plan_helar", "plan_ack", "uppnatt_ack",
        "uppfyllelse",
    ),
    "mart_prognos": (
        "period", "niva", "ack_avvikelse", "helarsbudget", "prognos_avvikelse_runrate",
        "prognos_avvikelse_sasong",
    ),
    "mart_vardproduktion": ("period", "ar", "manad", "niva", "vardniva"),
    "mart_tillganglighet": (
        "period", "niva", "matt", "antal", "antal_inom_grans", "andel", "malvarde",
        "riket_andel",
    ),
    "mart_pv_vantedagar": ("period", "niva", "vantedagar_klass", "antal"),
}


class Published:
    """A read-only connection to the published warehouse and what it contains."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        rows = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'main'"
        ).fetchall()
        self.columns: dict[str, set[str]] = {}
        for table, column in rows:
            self.columns.setdefault(table, set()).add(column)

    def missing(self, mart: str, extra: tuple[str, ...] = ()) -> list[str]:
        """What the report needs from the mart and the publication lacks ([] = all there)."""
        if mart not in self.columns:
            return [mart]
        return [c for c in (*MARTS.get(mart, ()), *extra) if c not in self.columns[mart]]

    def has(self, mart: str, extra: tuple[str, ...] = ()) -> bool:
        return not self.missing(mart, extra)

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        cursor = self.con.execute(sql, params or [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@contextmanager
def open_published(warehouse: Path) -> Iterator[Published]:
    if not warehouse.exists():
        raise FileNotFoundError(f"no published warehouse at {warehouse}: run `hsn run` first")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        yield Published(con)
    finally:
        con.close()


def latest_period(warehouse: Path) -> str | None:
    """The latest month whose ledger is loaded, as 'YYYY-MM'."""
    if not warehouse.exists():
        return None
    with open_published(warehouse) as db:
        if not db.has("dim_period"):
            return None
        (value,) = db.con.execute(
            "select max(period) from dim_period where is_utfall_laddad"
        ).fetchone()
    return value.strftime("%Y-%m") if value else None


def month_name(db: Published, period: date) -> str:
    (name,) = db.con.execute(
        "select manadsnamn from dim_period where period = ?", [period]
    ).fetchone() or (None,)
    return name or period.strftime("%m")


def budgetavvikelse_region(db: Published, period: date) -> list[dict]:
    return db.rows(
        """
        select rapportgrupp, rapportrad, rapportrad_nr, avvikelsekategori, avvikelse,
               ack_utfall_foreg_ar, ack_utfall, ack_budget, ack_avvikelse, kostnadsutveckling,
               helarsbudget
        from mart_budgetavvikelse
        where niva = 'region' and period = ?
        order by rapportrad_nr
        """,
        [period],
    )


def avvikelse_per_kategori(db: Published, period: date, niva: str) -> list[dict]:
    """ack_avvikelse per unit (område or basenhet) and avvikelsekategori."""
    return db.rows(
        """
        select omrade, omrade_namn, basenhet, basenhet_namn, rapportgrupp, avvikelsekategori,
               sum(ack_avvikelse) as ack_avvikelse
        from mart_budgetavvikelse
        where niva = ? and period = ?
        group by omrade, omrade_namn, basenhet, basenhet_namn, rapportgrupp, avvikelsekategori
        order by omrade, basenhet
        """,
        [niva, period],
    )


def r12_region(db: Published, period: date, rapportrad: str | None) -> list[dict]:
    """Outcome and budget R12 at region level from 2019 to the report month, all lines summed
    (the result) or one report line. A month whose R12 is undefined stays null."""
    line_filter = "and rapportrad = ?" if rapportrad else ""
    return db.rows(
        f"""
        select period,
               case when count(utfall_r12) = count(*) then sum(utfall_r12) end as utfall_r12,
               case when count(budget_r12) = count(*) then sum(budget_r12) end as budget_r12
        from mart_r12
        where niva = 'region' and period >= date '2019-01-01' and period <= ? {line_filter}
        group by period
        order by period
        """,
        [period, rapportrad] if rapportrad else [period],
    )


def atgardsplaner(db: Published, period: date) -> list[dict]:
    return db.rows(
        """
        select niva, omrade, omrade_namn, plan_helar, plan_ack, uppnatt_ack, uppfyllelse
        from mart_atgardsplaner
        where period = ? and niva in ('region', 'omrade')
        order by niva = 'region', omrade
        """,
        [period],
    )


def prognos_region(db: Published, period: date) -> dict | None:
    rows = db.rows(
        """
        select ack_avvikelse, helarsbudget, prognos_avvikelse_runrate, prognos_avvikelse_sasong
        from mart_prognos where niva = 'region' and period = ?
        """,
        [period],
    )
    return rows[0] if rows else None


def vardproduktion_ack(db: Published, manad: int, measures: list[str]) -> list[dict]:
    """The region's ack values per vardniva and year, for the report month's month number."""
    columns = ", ".join(f"ack_{m}" for m in measures)
    return db.rows(
        f"""
        select ar, vardniva, {columns}
        from mart_vardproduktion
        where niva = 'region' and manad = ?
        order by ar, vardniva
        """,
        [manad],
    )


def vardproduktion_month(db: Published, period: date, columns: list[str]) -> list[dict]:
    """Month values over time at region level (charts), summed over vardniva where given."""
    selected = ", ".join(columns)
    return db.rows(
        f"""
        select period, ar, manad, vardniva, {selected}
        from mart_vardproduktion
        where niva = 'region' and period <= ?
        order by period, vardniva
        """,
        [period],
    )


def tillganglighet_region(db: Published, period: date) -> list[dict]:
    return db.rows(
        """
        select period, matt, antal, antal_inom_grans, andel, malvarde, riket_andel
        from mart_tillganglighet
        where niva = 'region' and period <= ?
        order by matt, period
        """,
        [period],
    )


def pv_vantedagar_region(db: Published, period: date) -> list[dict]:
    return db.rows(
        """
        select period, vantedagar_klass, antal
        from mart_pv_vantedagar
        where niva = 'region' and period in (?, ?)
        order by period, vantedagar_klass
        """,
        [period, period.replace(year=period.year - 1)],
    )
