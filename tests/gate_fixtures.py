"""Helpers for gate tests: tiny landing deliveries written into a tmp folder."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from hsn.gate.contract import EXTRACTS, arrow_type
from hsn.settings import REPO_ROOT, Settings

TEST_KEY = "test-pseudonym-key-5f2a"
UNITS = ("210101", "210102", "220201")


def make_settings(tmp_path: Path, key: str = TEST_KEY) -> Settings:
    landing = tmp_path / "landing"
    landing.mkdir(parents=True, exist_ok=True)
    return Settings(
        repo_root=REPO_ROOT, landing_dir=landing, data_dir=tmp_path / "data", pseudonym_key=key
    )


def folder_for(extract: str, period: str) -> str:
    return f"ar={period}" if EXTRACTS[extract].yearly else f"period={period}"


def contract_table(extract: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows typed exactly as the contract (the 'good' landing types); extra keys kept as text."""
    contract = EXTRACTS[extract]
    fields = [pa.field(c.name, arrow_type(c.type)) for c in contract.columns]
    known = {c.name for c in contract.columns}
    extra = [k for k in (rows[0] if rows else {}) if k not in known]
    fields += [pa.field(k, pa.string()) for k in extra]
    schema = pa.schema(fields)
    return pa.Table.from_pylist(rows, schema=schema)


def write_delivery(
    landing: Path,
    extract: str,
    period: str,
    data: list[dict[str, Any]] | pa.Table,
    name: str = "part-0.parquet",
    folder: str | None = None,
) -> Path:
    table = data if isinstance(data, pa.Table) else contract_table(extract, data)
    target = landing / extract / (folder or folder_for(extract, period))
    target.mkdir(parents=True, exist_ok=True)
    path = target / name
    pq.write_table(table, path)
    return path


def write_bytes(landing: Path, relpath: str, content: bytes) -> Path:
    path = landing / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def org_rows(units: tuple[str, ...] = UNITS) -> list[dict[str, Any]]:
    return [
        {
            "kostnadsstalle": unit,
            "kostnadsstalle_namn": f"Enhet {unit}",
            "basenhet": unit[:4],
            "basenhet_namn": f"Basenhet {unit[:4]}",
            "omrade": unit[:2],
            "omrade_namn": f"Område {unit[:2]}",
            "forvaltning": "2",
            "forvaltning_namn": "Hälso- och sjukvårdsförvaltningen",
            "vardniva": "PRIMARVARD",
            "ingar_i_produktion": True,
            "ar_bup": False,
        }
        for unit in units
    ]


def ledger_rows(period: str, n: int = 6, voucher_prefix: str | None = None) -> list[dict]:
    """n ledger lines in the month, cycling over units and a few accounts."""
    year, month = int(period[:4]), int(period[5:7])
    prefix = voucher_prefix or f"V{year}{month:02d}"
    accounts = [("4010", "LAK"), ("5010", None), ("3110", None), ("4020", "OMV"), ("8410", None)]
    rows = []
    for i in range(n):
        konto, kategori = accounts[i % len(accounts)]
        rows.append(
            {
                "verifikation": f"{prefix}-{i // 2:05d}",
                "rad": i % 2 + 1,
                "bokforingsdatum": date(year, month, 1 + i % 28),
                "kostnadsstalle": UNITS[i % len(UNITS)],
                "konto": konto,
                "motpart": "E" if i % 3 else "I",
                "personalkategori": kategori,
                "belopp": Decimal(f"{(i + 1) * 100}.25") * (-1 if konto.startswith("3") else 1),
                "text": f"Faktura {i} Anna Andersson 19121212-1212",
            }
        )
    return rows


def budget_rows(year: str) -> list[dict[str, Any]]:
    rows = []
    for month in range(1, 13):
        for unit in UNITS[:2]:
            rows.append(
                {
                    "period": f"{year}-{month:02d}",
                    "kostnadsstalle": unit,
                    "konto": "4010",
                    "personalkategori": "LAK",
                    "belopp": Decimal("1000.00"),
                }
            )
            rows.append(
                {
                    "period": f"{year}-{month:02d}",
                    "kostnadsstalle": unit,
                    "konto": "4010",
                    "personalkategori": None,
                    "belopp": Decimal("50.00"),
                }
            )
            rows.append(
                {
                    "period": f"{year}-{month:02d}",
                    "kostnadsstalle": unit,
                    "konto": "5010",
                    "personalkategori": None,
                    "belopp": Decimal("200.50"),
                }
            )
    return rows


def retype(table: pa.Table, column: str, values: pa.Array) -> pa.Table:
    """The table with one column replaced (another type or other values)."""
    index = table.column_names.index(column)
    return table.set_column(index, column, values)


def report_of(outcome: Any) -> dict[str, Any]:
    assert outcome.report_path is not None, outcome
    return json.loads(Path(outcome.report_path).read_text(encoding="utf-8"))


def failed(outcome: Any) -> set[tuple[str, str | None]]:
    """(rule, column) pairs in the outcome's report.json."""
    return {(r["rule"], r["column"]) for r in report_of(outcome)["rules_failed"]}


def by_key(result: Any) -> dict[str, Any]:
    return {f"{o.extract}/{o.period}": o for o in result.outcomes}
