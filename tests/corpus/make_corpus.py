"""A corpus of bad landing deliveries, written by code (nothing binary is stored).

CASES is the table of faults: one Case per fault, with the landing folder it is written to
and what the gate must do with it (quarantine with which rules, or accept). Every case has its
own folder, so the whole corpus can lie in one landing folder beside a good base landing
(write_base_landing) and be checked in one run.

    python tests/corpus/make_corpus.py OUT            base landing + every quick case in OUT
    python tests/corpus/make_corpus.py OUT --slow     ... and the deliveries of millions of rows
    python tests/corpus/make_corpus.py --table        the table of cases as Markdown

tests/test_corpus.py proves each outcome; docs/reliability.md shows the table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:  # run as a script: the helpers beside the tests
    sys.path.insert(0, str(TESTS))

from gate_fixtures import contract_table  # noqa: E402
from landing import (  # noqa: E402
    BUDGET_SCHEMA,
    HUVUDBOK_SCHEMA,
    MINI_ORGANISATION,
    write_budget,
    write_organisation,
)

# identifiers of the base landing (valid check digits); tests look for them after the gate
PERSONNUMMER = ("191212121212", "198112189876")
TELEFONNUMMER = ("0701234567", "090-123 45 67")
FREE_TEXT = "Taxiresa patient 19121212-1212 Åsa Öberg"
UNITS = [unit[0] for unit in MINI_ORGANISATION]  # 220101, 240101, 240102
ORGANISATION_MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)]
BASE_MONTH = "2024-01"
BIG_ROWS = 2_000_000
COMMA_AMOUNTS = ["100,00", "20,50", "-30,00", "45,25"]

Writer = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    name: str
    extract: str  # the extract folder in landing (or the top folder of a layout fault)
    folder: str  # the folder below it ('period=2024-03', 'ar=2023', '' for a top-level fault)
    fault: str
    outcome: str  # 'quarantined' or 'accepted'
    rules: tuple[str, ...]  # the rules the quarantine report must name (exactly)
    write: Writer
    also: tuple[str, ...] = ()  # rules that may be named as well (another rule on the same rows)
    slow: bool = False

    @property
    def key(self) -> str:
        """How the gate's outcome names the delivery (extract/period or the layout path)."""
        if "=" in self.folder and self.rules != ("layout",):
            return f"{self.extract}/{self.folder.split('=', 1)[1]}"
        return f"{self.extract}/{self.folder}"

    def folder_path(self, landing: Path) -> Path:
        return landing / self.extract / self.folder if self.folder else landing / self.extract


# -- writing --------------------------------------------------------------------------------
def write_table(landing: Path, extract: str, folder: str, table: pa.Table, name: str) -> Path:
    path = landing / extract / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


def write_bytes(landing: Path, relpath: str, content: bytes) -> Path:
    path = landing / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


def replaced(table: pa.Table, column: str, values: pa.Array | list[Any]) -> pa.Table:
    array = values if isinstance(values, pa.Array) else pa.array(values)
    return table.set_column(table.column_names.index(column), column, array)


def latin1_strings(values: list[str]) -> pa.Array:
    """A string column whose bytes are Latin-1, not UTF-8 (as an old Windows export writes)."""
    data = b"".join(v.encode("latin-1") for v in values)
    offsets, at = [0], 0
    for value in values:
        at += len(value.encode("latin-1"))
        offsets.append(at)
    buffer = pa.py_buffer(b"".join(o.to_bytes(4, "little", signed=True) for o in offsets))
    return pa.Array.from_buffers(pa.string(), len(values), [None, buffer, pa.py_buffer(data)])


# -- good rows ------------------------------------------------------------------------------
def ledger_table(period: str, n: int = 4, voucher: str | None = None) -> pa.Table:
    """n good ledger lines in the month (costs on 240101/240102, revenue on 220101)."""
    year, month = int(period[:4]), int(period[5:7])
    accounts = [("240101", "4011", "LAK", "100.00"), ("240102", "5711", None, "20.50"),
                ("220101", "3100", None, "-30.00"), ("240101", "4011", "OMV", "45.25")]
    rows = []
    for i in range(n):
        ks, konto, kategori, belopp = accounts[i % len(accounts)]
        rows.append(
            {
                "verifikation": voucher or f"V{period}",
                "rad": i + 1,
                "bokforingsdatum": dt.date(year, month, 1 + i % 28),
                "kostnadsstalle": ks,
                "konto": konto,
                "motpart": "E",
                "personalkategori": kategori,
                "belopp": Decimal(belopp),
                "text": FREE_TEXT,
            }
        )
    return pa.Table.from_pylist(rows, schema=HUVUDBOK_SCHEMA)


def month_day(period: str, day: int) -> dt.date:
    return dt.date(int(period[:4]), int(period[5:7]), day)


def good_rows(extract: str, period: str) -> list[dict[str, Any]]:
    """A good delivery of one of the care extracts for a month (ids unique per month)."""
    d = month_day(period, 3)
    tag = period.replace("-", "")
    pnr, other = PERSONNUMMER
    rows: dict[str, list[dict[str, Any]]] = {
        "vardkontakter": [
            {"kontakt_id": f"K{tag}-1", "personnummer": pnr, "kostnadsstalle": "240101",
             "vardform": "OPPENVARD", "yrkeskategori": "LAKARE", "kontakttyp": "FYSISKT",
             "kontaktdatum": d, "inskrivningsdatum": None, "drg": None, "drg_vikt": None},
            {"kontakt_id": f"K{tag}-2", "personnummer": other, "kostnadsstalle": "240102",
             "vardform": "SLUTENVARD", "yrkeskategori": "LAKARE", "kontakttyp": "FYSISKT",
             "kontaktdatum": month_day(period, 9), "inskrivningsdatum": d, "drg": "F62C",
             "drg_vikt": Decimal("0.8123")},
        ],
        "vardplatser": [
            {"datum": month_day(period, day), "kostnadsstalle": "240101",
             "disponibla_vardplatser": 20, "belagda_vardplatser": 18}
            for day in (1, 2)
        ],
        "pv_bedomningar": [
            {"bedomning_id": f"B{tag}-1", "personnummer": pnr, "kostnadsstalle": "220101",
             "beslutsdatum": d, "bedomningsdatum": d, "yrkeskategori": "SJUKSKOTERSKA",
             "patientvald_vantan": False},
        ],
        "telefoni": [
            {"samtal_id": f"S{tag}-{i}", "kostnadsstalle": "220101",
             "inkommande": dt.datetime.combine(d, dt.time(8 + i)),
             "besvarad": dt.datetime.combine(d, dt.time(8 + i, 5)), "telefonnummer": number}
            for i, number in enumerate(TELEFONNUMMER)
        ],
        "vantelista": [
            {"vantande_id": f"W{tag}-1", "personnummer": other, "kostnadsstalle": "240101",
             "vardatgard": "FORSTA_KONTAKT", "referensdatum": month_day(period, 1),
             "genomford_datum": d, "patientvald_vantan": False,
             "medicinskt_orsakad_vantan": False},
        ],
        "tandvard_kallelser": [
            {"personnummer": pnr, "kostnadsstalle": "220101", "aldersgrupp": "VUXEN",
             "planerad_undersokning": d, "kallad_datum": None},
        ],
        "riket": [{"matt": "PV_MEDICINSK_BEDOMNING_3D", "andel": 0.81, "kalla": "Kolada N79222"}],
        "atgardsplaner": [
            {"omrade": "24", "plan_helar": Decimal("1200000.00"),
             "plan_ack": Decimal("100000.00"), "uppnatt_ack": Decimal("80000.00")},
        ],
    }
    return rows[extract]


def care_table(extract: str, period: str, **changes: Any) -> pa.Table:
    """A good care delivery, with column values changed for every row."""
    rows = [{**row, **changes} for row in good_rows(extract, period)]
    return contract_table(extract, rows)


CARE_EXTRACTS = (
    "vardkontakter", "vardplatser", "pv_bedomningar", "telefoni", "vantelista",
    "tandvard_kallelser", "riket", "atgardsplaner",
)


def write_base_landing(landing: Path) -> None:
    """The good landing the corpus is added to: organisation for 2024-2025, two ledger months,
    the 2024 budget and one month of every care extract."""
    for period in ORGANISATION_MONTHS:
        write_organisation(landing, period)
    for period in ("2024-01", "2024-02"):
        write_table(landing, "huvudbok", f"period={period}", ledger_table(period), "hb.parquet")
    write_budget(landing, 2024, [("240101", "4011", "110.00"), ("240102", "5711", "20.00")])
    for extract in CARE_EXTRACTS:
        table = contract_table(extract, good_rows(extract, BASE_MONTH))
        write_table(landing, extract, f"period={BASE_MONTH}", table, "part-0.parquet")


# -- the faults -----------------------------------------------------------------------------
def _next_month(today: dt.date | None = None) -> str:
    today = today or dt.datetime.now(dt.UTC).date()
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return f"{year:04d}-{month:02d}"


def hb(period: str, table: Callable[[pa.Table], pa.Table], name: str = "hb.parquet") -> Writer:
    """A ledger delivery for the month: a good one passed through `table`."""
    def write(landing: Path) -> None:
        write_table(landing, "huvudbok", f"period={period}", table(ledger_table(period)), name)
    return write


def care(extract: str, period: str, table: Callable[[str, str], pa.Table]) -> Writer:
    def write(landing: Path) -> None:
        write_table(landing, extract, f"period={period}", table(extract, period), "p.parquet")
    return write


def org(period: str, table: Callable[[pa.Table], pa.Table]) -> Writer:
    def write(landing: Path) -> None:
        path = write_organisation(landing, period)
        pq.write_table(table(pq.read_table(path)), path)
    return write


def budget(year: int, change: Callable[[pa.Table], pa.Table]) -> Writer:
    def write(landing: Path) -> None:
        path = write_budget(landing, year, [("240101", "4011", "110.00")])
        pq.write_table(change(pq.read_table(path)), path)
    return write


def _redelivery(landing: Path) -> None:
    """The month's folder now holds only the new version (the supplier replaced the file)."""
    for old in (landing / "huvudbok" / "period=2024-01").glob("*.parquet"):
        old.unlink()
    nulls = pa.array([None, Decimal(1), Decimal(2), Decimal(3)], pa.decimal128(18, 2))
    table = replaced(ledger_table("2024-01"), "belopp", nulls)
    write_table(landing, "huvudbok", "period=2024-01", table, "hb_v2.parquet")


def _two_files_same_key(landing: Path) -> None:
    period = "2024-08"
    write_table(landing, "huvudbok", f"period={period}", ledger_table(period, 2), "del1.parquet")
    write_table(landing, "huvudbok", f"period={period}", ledger_table(period, 3), "del2.parquet")


def _empty_part(landing: Path) -> None:
    period = "2024-09"
    write_table(landing, "huvudbok", f"period={period}", ledger_table(period), "del1.parquet")
    empty = ledger_table(period).slice(0, 0)
    write_table(landing, "huvudbok", f"period={period}", empty, "del2.parquet")


def _csv_named_parquet(landing: Path) -> None:
    text = "verifikation;rad;bokforingsdatum;kostnadsstalle;konto;motpart;belopp\n"
    text += "V1;1;2024-10-02;240101;4011;E;100,00\n"
    write_bytes(landing, "huvudbok/period=2024-10/hb.parquet", text.encode("utf-8"))


def _truncated(landing: Path) -> None:
    content = parquet_bytes(ledger_table("2024-11", 200))
    write_bytes(landing, "huvudbok/period=2024-11/hb.parquet", content[: len(content) // 2])


def _latin1_file_name(landing: Path) -> None:
    folder = os.fsencode(str(landing / "organisation" / "period=2026-01"))
    os.makedirs(folder, exist_ok=True)
    table = pq.read_table(write_organisation(landing, "2026-01"))
    os.remove(landing / "organisation" / "period=2026-01" / "organisation.parquet")
    with open(os.path.join(folder, "organisation_södra.parquet".encode("latin-1")), "wb") as fh:
        fh.write(parquet_bytes(table))


def _big_ledger(period: str, duplicate_last: bool) -> Writer:
    """BIG_ROWS ledger lines written in batches (never all in memory as Python objects)."""
    def write(landing: Path) -> None:
        path = landing / "huvudbok" / f"period={period}" / "hb.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        year, month = int(period[:4]), int(period[5:7])
        days = [dt.date(year, month, d) for d in range(1, 29)]
        batch = 250_000
        with pq.ParquetWriter(path, HUVUDBOK_SCHEMA) as writer:
            for start in range(0, BIG_ROWS, batch):
                idx = range(start, min(start + batch, BIG_ROWS))
                rads = [i % 10 + 1 for i in idx]
                if duplicate_last and idx[-1] == BIG_ROWS - 1:
                    rads[-1] = rads[-2]  # the last line repeats the key of the one before
                table = pa.table(
                    {
                        "verifikation": [f"B{period}-{i // 10:07d}" for i in idx],
                        "rad": pa.array(rads, pa.int32()),
                        "bokforingsdatum": pa.array([days[i % 28] for i in idx], pa.date32()),
                        "kostnadsstalle": [UNITS[i % 3] for i in idx],
                        "konto": ["5711"] * len(idx),
                        "motpart": ["E"] * len(idx),
                        "personalkategori": pa.nulls(len(idx), pa.string()),
                        "belopp": pa.array([Decimal(i % 1000) for i in idx], pa.decimal128(18, 2)),
                        "text": pa.nulls(len(idx), pa.string()),
                    },
                    schema=HUVUDBOK_SCHEMA,
                )
                writer.write_table(table)
    return write


def budget_table() -> pa.Table:
    rows = [{"period": "2024-01", "kostnadsstalle": "240101", "konto": "4011",
             "personalkategori": None, "belopp": Decimal("1.00")}]
    return pa.Table.from_pylist(rows, schema=BUDGET_SCHEMA)


def _dates(values: list[str]) -> pa.Array:
    return pa.array(values, pa.string())


def _cases() -> list[Case]:
    q, a = "quarantined", "accepted"
    future = _next_month()
    return [
        # -- organisation
        Case("org_missing_column", "organisation", "period=2025-01", "column vardniva missing",
             q, ("required_columns",), org("2025-01", lambda t: t.drop_columns(["vardniva"]))),
        Case("org_duplicate_key", "organisation", "period=2025-02",
             "kostnadsstalle twice in the month", q, ("unique_key",),
             org("2025-02", lambda t: pa.concat_tables([t, t.slice(0, 1)]))),
        Case("org_value_outside_set", "organisation", "period=2025-03",
             "vardniva 'SJUKHUS' not in the set", q, ("value_set",),
             org("2025-03", lambda t: replaced(t, "vardniva", ["SJUKHUS"] * t.num_rows))),
        Case("org_code_as_number", "organisation", "period=2025-04",
             "kostnadsstalle delivered as an integer (loses leading zeros)", q, ("column_type",),
             org("2025-04", lambda t: replaced(t, "kostnadsstalle", [220101, 240101, 240102]))),
        Case("org_null_required", "organisation", "period=2025-05", "omrade_namn null", q,
             ("not_null",),
             org("2025-05", lambda t: replaced(t, "omrade_namn", pa.nulls(3, pa.string())))),
        Case("org_latin1_bytes_in_names", "organisation", "period=2025-06",
             "åäö as Latin-1 bytes in a string column (invalid UTF-8)", q, ("readable",),
             org("2025-06", lambda t: replaced(
                 t, "kostnadsstalle_namn", latin1_strings(["Kärsjö", "Umeå", "Skellefteå"])))),
        Case("org_latin1_file_name", "organisation", "period=2026-01",
             "file name with åäö as Latin-1 bytes", q, ("readable",), _latin1_file_name),
        # -- huvudbok (the ledger)
        Case("hb_renamed_column", "huvudbok", "period=2024-03", "belopp renamed to amount", q,
             ("required_columns",), hb("2024-03", lambda t: t.rename_columns(
                 ["amount" if c == "belopp" else c for c in t.column_names]))),
        Case("hb_extra_column", "huvudbok", "period=2024-04",
             "an extra column (not carried past the gate)", a, (),
             hb("2024-04", lambda t: t.append_column("extra", pa.array(["x"] * t.num_rows)))),
        Case("hb_amount_text_decimal_comma", "huvudbok", "period=2024-05",
             "belopp as text with a decimal comma ('100,00')", q, ("column_type",),
             hb("2024-05", lambda t: replaced(t, "belopp", COMMA_AMOUNTS))),
        Case("hb_null_konto", "huvudbok", "period=2024-06", "konto null on one line", q,
             ("not_null",), hb("2024-06", lambda t: replaced(t, "konto", ["4011", None, "3100",
                                                                         "4011"])),
             also=("personalkategori",)),
        Case("hb_duplicate_key_in_file", "huvudbok", "period=2024-07",
             "(verifikation, rad) twice in one file", q, ("unique_key",),
             hb("2024-07", lambda t: replaced(t, "rad", pa.array([1, 2, 2, 4], pa.int32())))),
        Case("hb_duplicate_key_across_files", "huvudbok", "period=2024-08",
             "the same (verifikation, rad) in two files of the month", q, ("unique_key",),
             _two_files_same_key),
        Case("hb_empty_part", "huvudbok", "period=2024-09",
             "one of two files has the schema and 0 rows", a, (), _empty_part),
        Case("hb_csv_named_parquet", "huvudbok", "period=2024-10", "a CSV file named .parquet",
             q, ("readable",), _csv_named_parquet),
        Case("hb_truncated", "huvudbok", "period=2024-11", "a Parquet file cut in half", q,
             ("readable",), _truncated),
        Case("hb_zero_bytes", "huvudbok", "period=2024-12", "a zero-byte file", q,
             ("readable",),
             lambda landing: write_bytes(landing, "huvudbok/period=2024-12/hb.parquet", b"")),
        Case("hb_empty_delivery", "huvudbok", "period=2025-01",
             "the only file has the right schema and 0 rows", q, ("empty_delivery",),
             hb("2025-01", lambda t: t.slice(0, 0))),
        Case("hb_date_outside_month", "huvudbok", "period=2025-02",
             "bokforingsdatum in the month after the folder's", q, ("period",),
             hb("2025-02", lambda t: replaced(t, "bokforingsdatum", pa.array(
                 [dt.date(2025, 3, 1)] * 4, pa.date32())))),
        Case("hb_date_as_text_iso", "huvudbok", "period=2025-03",
             "bokforingsdatum as ISO text (converted without loss)", a, (),
             hb("2025-03", lambda t: replaced(t, "bokforingsdatum", _dates(
                 ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"])))),
        Case("hb_date_as_text_swedish", "huvudbok", "period=2025-04",
             "bokforingsdatum as text '05/04/2025'", q, ("column_type",),
             hb("2025-04", lambda t: replaced(t, "bokforingsdatum", _dates(["05/04/2025"] * 4)))),
        Case("hb_unknown_account", "huvudbok", "period=2025-05",
             "konto 1930 not in the chart of accounts", q, ("konto_in_chart",),
             hb("2025-05", lambda t: replaced(t, "konto", ["4011", "1930", "3100", "4011"]))),
        Case("hb_unknown_kostnadsstalle", "huvudbok", "period=2025-06",
             "kostnadsstalle 999999 not in the month's organisation", q,
             ("known_kostnadsstalle",), hb("2025-06", lambda t: replaced(
                 t, "kostnadsstalle", ["240101", "999999", "220101", "240101"]))),
        Case("hb_motpart_outside_set", "huvudbok", "period=2025-07", "motpart 'X'", q,
             ("value_set",), hb("2025-07", lambda t: replaced(t, "motpart", ["E", "X", "E", "I"]))),
        Case("hb_personalkategori_missing", "huvudbok", "period=2025-08",
             "personalkategori null on a personnel account 4011", q, ("personalkategori",),
             hb("2025-08", lambda t: replaced(t, "personalkategori", pa.nulls(4, pa.string())))),
        Case("hb_key_in_other_month", "huvudbok", "period=2025-09",
             "(verifikation, rad) already accepted in 2024-01", q, ("unique_across_periods",),
             hb("2025-09", lambda t: replaced(t, "verifikation", ["V2024-01"] * 4))),
        Case("hb_redelivery_bad", "huvudbok", "period=2024-01",
             "a re-delivery of an accepted month with a null belopp", q, ("not_null",),
             _redelivery),
        Case("hb_folder_not_a_month", "huvudbok", "period=2025-13",
             "folder name period=2025-13", q, ("layout",), lambda landing: write_table(
                 landing, "huvudbok", "period=2025-13", ledger_table("2025-12"), "hb.parquet")),
        Case("hb_folder_month_name", "huvudbok", "januari",
             "folder name 'januari' instead of period=YYYY-MM", q, ("layout",),
             lambda landing: write_table(
                 landing, "huvudbok", "januari", ledger_table("2025-01"), "hb.parquet")),
        Case("hb_file_outside_folder", "huvudbok", "hb.parquet",
             "a file directly in huvudbok/", q, ("layout",),
             lambda landing: write_bytes(landing, "huvudbok/hb.parquet",
                                         parquet_bytes(ledger_table("2025-01")))),
        Case("unknown_extract_folder", "ekonomi", "", "a folder that is no extract", q,
             ("layout",), lambda landing: write_table(
                 landing, "ekonomi", "period=2025-01", ledger_table("2025-01"), "hb.parquet")),
        Case("hb_far_future_month", "huvudbok", "period=2999-01", "a ledger for 2999-01", q,
             ("future_period",), hb("2999-01", lambda t: t), also=("known_kostnadsstalle",)),
        Case("hb_millions_of_rows", "huvudbok", "period=2025-10",
             f"{BIG_ROWS:,} ledger lines in one file", a, (), _big_ledger("2025-10", False),
             slow=True),
        Case("hb_millions_one_duplicate", "huvudbok", "period=2025-11",
             f"{BIG_ROWS:,} lines, the last repeats a key", q, ("unique_key",),
             _big_ledger("2025-11", True), slow=True),
        # -- budget
        Case("budget_month_of_other_year", "budget", "ar=2025", "2024 months in ar=2025", q,
             ("period",), budget(2025, lambda t: replaced(
                 t, "period", [f"2024-{m:02d}" for m in range(1, 13)]))),
        Case("budget_duplicate_key", "budget", "ar=2023", "the same key twice", q,
             ("unique_key",), budget(2023, lambda t: pa.concat_tables([t, t.slice(0, 1)]))),
        Case("budget_unknown_kostnadsstalle", "budget", "ar=2022", "kostnadsstalle 999999", q,
             ("known_kostnadsstalle",),
             budget(2022, lambda t: replaced(t, "kostnadsstalle", ["999999"] * 12))),
        Case("budget_amount_nan", "budget", "ar=2021", "belopp NaN as a float", q,
             ("column_type",), budget(2021, lambda t: replaced(
                 t, "belopp", pa.array([float("nan")] + [1.0] * 11)))),
        Case("budget_monthly_folder", "budget", "period=2024-01",
             "budget in a month folder instead of ar=YYYY", q, ("layout",),
             lambda landing: write_table(landing, "budget", "period=2024-01", budget_table(),
                                         "budget.parquet")),
        Case("budget_far_future_year", "budget", "ar=2999", "a budget for 2999", q,
             ("future_period",), budget(2999, lambda t: t)),
        # -- the care extracts
        Case("vk_personnummer_format", "vardkontakter", "period=2024-02",
             "personnummer with a hyphen and 10 digits", q, ("format",),
             care("vardkontakter", "2024-02", lambda e, p: care_table(
                 e, p, personnummer="121212-1212")), also=("personnummer",)),
        Case("vk_personnummer_date", "vardkontakter", "period=2024-03",
             "personnummer with month 13", q, ("personnummer",),
             care("vardkontakter", "2024-03", lambda e, p: care_table(
                 e, p, personnummer="191213121212"))),
        Case("vk_personnummer_check_digit", "vardkontakter", "period=2024-04",
             "personnummer with a wrong check digit", q, ("personnummer",),
             care("vardkontakter", "2024-04", lambda e, p: care_table(
                 e, p, personnummer="191212121213"))),
        Case("vk_end_before_start", "vardkontakter", "period=2024-05",
             "inskrivningsdatum after kontaktdatum", q, ("inskrivningsdatum",),
             care("vardkontakter", "2024-05", lambda e, p: care_table(
                 e, p, inskrivningsdatum=month_day(p, 20)))),
        Case("vk_value_outside_set", "vardkontakter", "period=2024-06", "kontakttyp 'BREV'", q,
             ("value_set",), care("vardkontakter", "2024-06", lambda e, p: care_table(
                 e, p, kontakttyp="BREV"))),
        Case("vk_key_in_other_month", "vardkontakter", "period=2024-07",
             "kontakt_id already accepted in 2024-01", q, ("unique_across_periods",),
             care("vardkontakter", "2024-07", lambda e, p: replaced(
                 care_table(e, p), "kontakt_id", ["K202401-1", "K202401-2"]))),
        Case("vp_negative_count", "vardplatser", "period=2024-02",
             "disponibla_vardplatser -3", q, ("range",),
             care("vardplatser", "2024-02", lambda e, p: care_table(
                 e, p, disponibla_vardplatser=-3))),
        Case("vp_count_as_text", "vardplatser", "period=2024-03", "belagda_vardplatser as text",
             q, ("column_type",), care("vardplatser", "2024-03", lambda e, p: replaced(
                 care_table(e, p), "belagda_vardplatser", ["18", "17"]))),
        Case("vp_future_month", "vardplatser", f"period={future}",
             "next month's folder (not begun)", q, ("future_period",),
             care("vardplatser", future, lambda e, p: care_table(e, p))),
        Case("pv_end_before_start", "pv_bedomningar", "period=2024-02",
             "bedomningsdatum before beslutsdatum", q, ("bedomningsdatum",),
             care("pv_bedomningar", "2024-02", lambda e, p: care_table(
                 e, p, beslutsdatum=month_day(p, 10)))),
        Case("tel_timestamp_with_zone", "telefoni", "period=2024-02",
             "inkommande as a timestamp with a time zone", q, ("column_type",),
             care("telefoni", "2024-02", lambda e, p: replaced(
                 care_table(e, p), "inkommande", pa.array(
                     [dt.datetime(2024, 2, 3, 8), dt.datetime(2024, 2, 3, 9)],
                     pa.timestamp("us", tz="Europe/Stockholm"))))),
        Case("tel_null_telefonnummer", "telefoni", "period=2024-03", "telefonnummer null", q,
             ("not_null",), care("telefoni", "2024-03", lambda e, p: care_table(
                 e, p, telefonnummer=None))),
        Case("vl_end_outside_month", "vantelista", "period=2024-02",
             "genomford_datum after the month", q, ("genomford_datum",),
             care("vantelista", "2024-02", lambda e, p: care_table(
                 e, p, genomford_datum=dt.date(2024, 3, 5)))),
        Case("tk_value_outside_set", "tandvard_kallelser", "period=2024-02",
             "aldersgrupp 'VUXNA'", q, ("value_set",),
             care("tandvard_kallelser", "2024-02", lambda e, p: care_table(
                 e, p, aldersgrupp="VUXNA"))),
        Case("riket_percent_not_share", "riket", "period=2024-02", "andel 81 instead of 0.81",
             q, ("range",), care("riket", "2024-02", lambda e, p: care_table(e, p, andel=81.0))),
        Case("ap_code_as_number", "atgardsplaner", "period=2024-02", "omrade as an integer", q,
             ("column_type",), care("atgardsplaner", "2024-02", lambda e, p: replaced(
                 care_table(e, p), "omrade", [24]))),
    ]


CASES: list[Case] = _cases()


def markdown_table(cases: list[Case] = CASES) -> str:
    lines = [
        "| Case | Extract | Fault | What the gate does |",
        "|---|---|---|---|",
    ]
    for case in cases:
        if case.outcome == "accepted":
            result = "accepted"
        else:
            result = "quarantined: " + ", ".join(f"`{r}`" for r in case.rules)
            if case.also:
                result += " (may also name " + ", ".join(f"`{r}`" for r in case.also) + ")"
        lines.append(f"| {case.name} | {case.extract} | {case.fault} | {result} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder for landing/ (base + cases)")
    parser.add_argument("--slow", action="store_true", help="also the millions-of-rows cases")
    parser.add_argument("--table", action="store_true", help="print the cases as Markdown")
    args = parser.parse_args(argv)
    if args.table:
        print(markdown_table(), end="")
    if args.out:
        landing = args.out / "landing"
        write_base_landing(landing)
        for case in CASES:
            if args.slow or not case.slow:
                case.write(landing)
        print(f"corpus: base landing and {len(CASES)} cases in {landing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
