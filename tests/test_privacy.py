"""Who may see what: identifiers stay in landing and quarantine; nothing after the gate holds a
personnummer, a telephone number, the ledger's free text or the pseudonym key.

The whole demo is built once (tests/conftest.py demo_built). Its identifiers are read from the
landing Parquet (every distinct value, as delivered and as digits only). Then every persisted
file after the gate is scanned as bytes (accepted/, the warehouses, published/, exports, dbt
target and logs, and the repository's target/ and logs/ if present), and every string column
of every Parquet file and of every table of the published warehouse is joined against them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from conftest import TEST_KEY
from hsn.gate.contract import EXTRACTS
from hsn.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.slow

# runs of digits with the separators people write (19121212-1212, 090-123 45 67, +46 70 ...)
_NUMBER = re.compile(rb"\+?\d[\d\- ]{6,16}\d")
_ALLOWED = ("quarantine",)  # under the data dir: holds identifiers by design (masked reports)


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def phone_digits(value: str) -> str:
    text = re.sub(r"^(\+|00)46", "0", value.strip().replace(" ", ""))
    return digits(text)


def landing_values(landing: Path, column: str) -> set[str]:
    """Distinct values of a column in every landing extract that has it."""
    found: set[str] = set()
    with duckdb.connect() as con:
        for name, extract in EXTRACTS.items():
            if column not in {c.name for c in extract.columns}:
                continue
            files = sorted((landing / name).rglob("*.parquet"))
            if not files:
                continue
            rows = con.execute(
                f"select distinct {column} from read_parquet(?, union_by_name = true) "
                f"where {column} is not null",
                [[str(f) for f in files]],
            ).fetchall()
            found.update(value for (value,) in rows)
    return found


@pytest.fixture(scope="module")
def secrets(demo_built: Settings) -> dict[str, set[str]]:
    landing = demo_built.landing_dir
    personnummer = landing_values(landing, "personnummer")
    telefon = landing_values(landing, "telefonnummer")
    texts = landing_values(landing, "text")
    assert telefon and texts, "the demo should deliver telephone numbers and ledger text"
    return {
        "raw": personnummer | telefon,
        "digits": {digits(v) for v in personnummer} | {phone_digits(v) for v in telefon},
        "texts": texts,
    }


def persisted_files(settings: Settings) -> Iterator[Path]:
    roots = [settings.data_dir, REPO_ROOT / "target", REPO_ROOT / "logs"]
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root).parts
            if root == settings.data_dir and relative and relative[0] in _ALLOWED:
                continue
            if path.is_file():
                yield path


def found_in_bytes(path: Path, secrets: dict[str, set[str]]) -> list[str]:
    data = path.read_bytes()
    hits = [f"pseudonym key in {path}"] if TEST_KEY.encode() in data else []
    for match in _NUMBER.finditer(data):
        token = match.group().decode()
        if digits(token) in secrets["digits"] or phone_digits(token) in secrets["digits"]:
            hits.append(f"{token!r} in {path}")
    for text in secrets["texts"]:
        if text.encode("utf-8") in data:
            hits.append(f"free text {text!r} in {path}")
    return hits


def string_columns(con: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    rows = con.execute(f"describe select * from {relation}").fetchall()
    return [name for name, kind, *_ in rows if kind == "VARCHAR"]


def found_in_relation(
    con: duckdb.DuckDBPyConnection, relation: str, label: str
) -> list[str]:
    """String values of the relation equal to an identifier (as delivered or digits only) or
    to a free text."""
    hits: list[str] = []
    for column in string_columns(con, relation):
        quoted = '"' + column.replace('"', '""') + '"'
        count = con.execute(
            f"""
            select count(*) from (select distinct {quoted} as v from {relation}) t
            where v in (select value from secret_raw)
               -- an identifier written another way is short; pseudonyms (64 hex) are not
               or (length(v) <= 24
                   and regexp_replace(v, '\\D', '', 'g') in (select value from secret_digits))
            """
        ).fetchone()[0]
        if count:
            hits.append(f"{count} identifier or free-text values in {label}.{column}")
    return hits


def load_secrets(con: duckdb.DuckDBPyConnection, secrets: dict[str, set[str]]) -> None:
    # registered as Arrow tables: executemany would insert hundreds of thousands one by one
    raw = pa.table({"value": sorted(secrets["raw"] | secrets["texts"])})
    digits_only = pa.table({"value": sorted(secrets["digits"])})
    con.register("secret_raw_arrow", raw)
    con.register("secret_digits_arrow", digits_only)
    con.execute("create temp table secret_raw as select value from secret_raw_arrow")
    con.execute("create temp table secret_digits as select value from secret_digits_arrow")


def test_no_identifier_in_any_persisted_file(
    demo_built: Settings, secrets: dict[str, set[str]]
) -> None:
    files = list(persisted_files(demo_built))
    assert any(p.suffix == ".duckdb" for p in files)
    assert any("accepted" in p.parts for p in files)
    hits = [hit for path in files for hit in found_in_bytes(path, secrets)]
    assert hits == []


def test_no_identifier_in_any_table_or_parquet_file(
    demo_built: Settings, secrets: dict[str, set[str]]
) -> None:
    warehouse = demo_built.published_warehouse
    hits: list[str] = []
    with duckdb.connect() as con:
        load_secrets(con, secrets)
        con.execute(f"attach '{warehouse}' as published (read_only)")
        tables = con.execute(
            # base tables only: the views read the accepted Parquet, which is scanned below
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = 'published' and table_type = 'BASE TABLE'"
        ).fetchall()
        assert len(tables) > 10
        for schema, table in tables:
            relation = f'published."{schema}"."{table}"'
            hits += found_in_relation(con, relation, f"{schema}.{table}")
        parquet = [
            p for p in persisted_files(demo_built) if p.suffix == ".parquet"
        ]
        assert any("exports" in p.parts for p in parquet)
        for path in parquet:
            hits += found_in_relation(con, f"read_parquet('{path}')", str(path))
    assert hits == []


def test_identifiers_arrive_as_pseudonyms(demo_built: Settings) -> None:
    """The identifier columns in accepted/ are 64-hex HMACs, never a delivered value."""
    with duckdb.connect() as con:
        for name, extract in EXTRACTS.items():
            for column in extract.identifier_columns:
                files = sorted((demo_built.accepted_dir / name).rglob("data.parquet"))
                if not files:
                    continue
                bad = con.execute(
                    f"select count(*) from read_parquet(?) "
                    f"where not regexp_full_match({column}, '[0-9a-f]{{64}}')",
                    [[str(f) for f in files]],
                ).fetchone()[0]
                assert bad == 0, (name, column)
