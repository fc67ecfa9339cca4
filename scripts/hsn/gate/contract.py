"""The landing contract as data: one declaration per extract (see landing-contract.md).

Adding an extract means declaring it here and writing its suite in expectations/<name>.json;
the reading, typing, checking and writing code is the same for every extract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyarrow as pa

VARCHAR = "VARCHAR"
INTEGER = "INTEGER"
DATE = "DATE"
BOOLEAN = "BOOLEAN"
TIMESTAMP = "TIMESTAMP"
DOUBLE = "DOUBLE"
AMOUNT = "DECIMAL(18,2)"

_DECIMAL = re.compile(r"^DECIMAL\((\d+),(\d+)\)$")


def decimal_precision_scale(sql_type: str) -> tuple[int, int] | None:
    """(precision, scale) of a 'DECIMAL(p,s)' type, None for any other type."""
    match = _DECIMAL.match(sql_type)
    return (int(match.group(1)), int(match.group(2))) if match else None


def arrow_type(sql_type: str) -> pa.DataType:
    """The Arrow type an accepted column is written as."""
    simple = {
        VARCHAR: pa.string(),
        INTEGER: pa.int32(),
        DATE: pa.date32(),
        BOOLEAN: pa.bool_(),
        TIMESTAMP: pa.timestamp("us"),
        DOUBLE: pa.float64(),
    }
    if sql_type in simple:
        return simple[sql_type]
    ps = decimal_precision_scale(sql_type)
    if ps is None:
        raise ValueError(f"unknown contract type {sql_type!r}")
    return pa.decimal128(*ps)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = False
    # 'personnummer' or 'telefonnummer': replaced by a keyed pseudonym in accepted data
    identifier: str | None = None
    # never passes the gate (free text that may hold personal data); need not be delivered
    dropped: bool = False


@dataclass(frozen=True)
class Extract:
    name: str
    columns: tuple[Column, ...]
    # unique within one delivery (nulls count as equal)
    key: tuple[str, ...] = ()
    # unique across all accepted periods of the extract (checked in DuckDB)
    global_key: tuple[str, ...] = ()
    # column that places a row in its period; None = the folder's month
    period_column: str | None = None
    yearly: bool = False
    # summed into the manifest's control total
    amount_column: str | None = None
    # extra sort columns after the key for a deterministic row order
    sort_extra: tuple[str, ...] = field(default_factory=tuple)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if not c.dropped]

    @property
    def accepted_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.dropped]

    @property
    def identifier_columns(self) -> dict[str, str]:
        return {c.name: c.identifier for c in self.columns if c.identifier}

    @property
    def sort_columns(self) -> list[str]:
        cols = list(self.key) + [c for c in self.sort_extra if c not in self.key]
        rest = [c.name for c in self.accepted_columns if c.name not in cols]
        return cols + rest

    def accepted_schema(self) -> pa.Schema:
        return pa.schema(
            [
                pa.field(c.name, arrow_type(c.type), nullable=c.nullable)
                for c in self.accepted_columns
            ]
        )


def _c(name: str, type_: str = VARCHAR, **kw: object) -> Column:
    return Column(name, type_, **kw)  # type: ignore[arg-type]


ORGANISATION = Extract(
    name="organisation",
    columns=(
        _c("kostnadsstalle"),
        _c("kostnadsstalle_namn"),
        _c("basenhet"),
        _c("basenhet_namn"),
        _c("omrade"),
        _c("omrade_namn"),
        _c("forvaltning"),
        _c("forvaltning_namn"),
        _c("vardniva"),
        _c("ingar_i_produktion", BOOLEAN),
        _c("ar_bup", BOOLEAN),
    ),
    key=("kostnadsstalle",),
)

HUVUDBOK = Extract(
    name="huvudbok",
    columns=(
        _c("verifikation"),
        _c("rad", INTEGER),
        _c("bokforingsdatum", DATE),
        _c("kostnadsstalle"),
        _c("konto"),
        _c("motpart"),
        _c("personalkategori", nullable=True),
        _c("belopp", AMOUNT),
        _c("text", nullable=True, dropped=True),
    ),
    key=("verifikation", "rad"),
    global_key=("verifikation", "rad"),
    period_column="bokforingsdatum",
    amount_column="belopp",
)

BUDGET = Extract(
    name="budget",
    columns=(
        _c("period"),
        _c("kostnadsstalle"),
        _c("konto"),
        _c("personalkategori", nullable=True),
        _c("belopp", AMOUNT),
    ),
    key=("period", "kostnadsstalle", "konto", "personalkategori"),
    period_column="period",
    yearly=True,
    amount_column="belopp",
)

VARDKONTAKTER = Extract(
    name="vardkontakter",
    columns=(
        _c("kontakt_id"),
        _c("personnummer", identifier="personnummer"),
        _c("kostnadsstalle"),
        _c("vardform"),
        _c("yrkeskategori"),
        _c("kontakttyp"),
        _c("kontaktdatum", DATE),
        _c("inskrivningsdatum", DATE, nullable=True),
        _c("drg", nullable=True),
        _c("drg_vikt", "DECIMAL(8,4)", nullable=True),
    ),
    key=("kontakt_id",),
    global_key=("kontakt_id",),
    period_column="kontaktdatum",
)

VARDPLATSER = Extract(
    name="vardplatser",
    columns=(
        _c("datum", DATE),
        _c("kostnadsstalle"),
        _c("disponibla_vardplatser", INTEGER),
        _c("belagda_vardplatser", INTEGER),
    ),
    key=("datum", "kostnadsstalle"),
    period_column="datum",
)

PV_BEDOMNINGAR = Extract(
    name="pv_bedomningar",
    columns=(
        _c("bedomning_id"),
        _c("personnummer", identifier="personnummer"),
        _c("kostnadsstalle"),
        _c("beslutsdatum", DATE),
        _c("bedomningsdatum", DATE),
        _c("yrkeskategori"),
        _c("patientvald_vantan", BOOLEAN),
    ),
    key=("bedomning_id",),
    global_key=("bedomning_id",),
    period_column="bedomningsdatum",
)

TELEFONI = Extract(
    name="telefoni",
    columns=(
        _c("samtal_id"),
        _c("kostnadsstalle"),
        _c("inkommande", TIMESTAMP),
        _c("besvarad", TIMESTAMP, nullable=True),
        _c("telefonnummer", identifier="telefonnummer"),
    ),
    key=("samtal_id",),
    global_key=("samtal_id",),
    period_column="inkommande",
)

VANTELISTA = Extract(
    name="vantelista",
    columns=(
        _c("vantande_id"),
        _c("personnummer", identifier="personnummer"),
        _c("kostnadsstalle"),
        _c("vardatgard"),
        _c("referensdatum", DATE),
        _c("genomford_datum", DATE, nullable=True),
        _c("patientvald_vantan", BOOLEAN),
        _c("medicinskt_orsakad_vantan", BOOLEAN),
    ),
    key=("vantande_id",),
)

TANDVARD_KALLELSER = Extract(
    name="tandvard_kallelser",
    columns=(
        _c("personnummer", identifier="personnummer"),
        _c("kostnadsstalle"),
        _c("aldersgrupp"),
        _c("planerad_undersokning", DATE),
        _c("kallad_datum", DATE, nullable=True),
    ),
    sort_extra=("kostnadsstalle", "personnummer", "planerad_undersokning"),
)

RIKET = Extract(
    name="riket",
    columns=(_c("matt"), _c("andel", DOUBLE), _c("kalla")),
    sort_extra=("matt",),
)

ATGARDSPLANER = Extract(
    name="atgardsplaner",
    columns=(
        _c("omrade"),
        _c("plan_helar", AMOUNT),
        _c("plan_ack", AMOUNT),
        _c("uppnatt_ack", AMOUNT),
    ),
    sort_extra=("omrade",),
)

# Processing order: organisation first (the ledger is checked against it).
EXTRACTS: dict[str, Extract] = {
    e.name: e
    for e in (
        ORGANISATION,
        HUVUDBOK,
        BUDGET,
        VARDKONTAKTER,
        VARDPLATSER,
        PV_BEDOMNINGAR,
        TELEFONI,
        VANTELISTA,
        TANDVARD_KALLELSER,
        RIKET,
        ATGARDSPLANER,
    )
}
