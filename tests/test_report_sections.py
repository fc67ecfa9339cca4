"""Report sections on a hand-made warehouse holding the marts of the other parts (as
shared/spec/marts.md defines them); expected values are the seed report's own figures."""

from __future__ import annotations

from datetime import date

import duckdb

from hsn.report.data import Published
from hsn.report.produktion import MEASURES, vardproduktion
from hsn.report.tillganglighet import pv_vantedagar, tillganglighet

NB, MINUS = "\u00a0", "\u2212"
FEBRUARY = date(2024, 2, 1)


def production_warehouse() -> Published:
    con = duckdb.connect()
    columns = ", ".join(f"cast(null as double) as ack_{m}" for m in MEASURES)
    con.execute(
        f"create table mart_vardproduktion as select date '2024-02-01' as period, 2024 as ar, "
        f"2 as manad, 'region' as niva, 'PRIMARVARD' as vardniva, {columns} limit 0"
    )
    # the seed's primärvård, ack februari: läkarbesök and beläggning 2021–2024
    for year, lakarbesok, belaggning in [
        (2021, 31803, 0.743), (2022, 32644, 0.723), (2023, 36904, 0.726), (2024, 39139, 0.700)
    ]:
        con.execute(
            "insert into mart_vardproduktion (period, ar, manad, niva, vardniva, "
            "ack_lakarbesok, ack_belaggning) values (?, ?, 2, 'region', 'PRIMARVARD', ?, ?)",
            [date(year, 2, 1), year, lakarbesok, belaggning],
        )
    con.execute(
        "create table mart_tillganglighet as select * from (values "
        "(date '2024-02-01', 'region', 'SPEC_FORSTA_KONTAKT_VANTANDE_90D', 14530, 9575, "
        " 9575 / 14530, 0.8, 0.6), "
        "(date '2023-02-01', 'region', 'SPEC_FORSTA_KONTAKT_VANTANDE_90D', 14282, 9740, "
        " 9740 / 14282, 0.8, null)"
        ") t(period, niva, matt, antal, antal_inom_grans, andel, malvarde, riket_andel)"
    )
    con.execute(
        "create table mart_pv_vantedagar as select * from (values "
        "(date '2024-02-01', 'region', '0', 5000), (date '2024-02-01', 'region', '1', 2000), "
        "(date '2024-02-01', 'region', '2', 1000), (date '2024-02-01', 'region', '3', 500), "
        "(date '2024-02-01', 'region', '>3', 1500)) t(period, niva, vantedagar_klass, antal)"
    )
    return Published(con)


def test_production_table_with_change_in_percent() -> None:
    section = vardproduktion(production_warehouse(), FEBRUARY, "februari")
    assert section.missing is None
    primarvard = section.blocks[1]
    assert primarvard.headers == ["Ack februari", "2021", "2022", "2023", "2024",
                                  "2021/2024", "2023/2024"]
    rows = {row.cells[0]: row.cells[1:] for row in primarvard.rows}
    # seed: Läkarbesök 31 803 … 39 139, +23,1 % and +6,1 %; Beläggning −5,8 % and −3,6 %
    assert rows["Läkarbesök"] == [f"31{NB}803", f"32{NB}644", f"36{NB}904", f"39{NB}139",
                                  f"23,1{NB}%", f"6,1{NB}%"]
    assert rows["Beläggning"] == [f"74,3{NB}%", f"72,3{NB}%", f"72,6{NB}%", f"70,0{NB}%",
                                  f"{MINUS}5,8{NB}%", f"{MINUS}3,6{NB}%"]
    assert rows["Vårdtillfällen"] == ["", "", "", "", "", ""]  # not in the data: empty


def test_accessibility_against_target_and_riket() -> None:
    section = tillganglighet(production_warehouse(), FEBRUARY, "februari")
    table = section.blocks[0]
    (row,) = table.rows
    # seed: 9 575 inom 90 dagar, 65,9 %, samma period fg år 68,2 %
    assert row.cells[1:] == [f"14{NB}530", f"9{NB}575", f"65,9{NB}%", f"68,2{NB}%",
                             f"80,0{NB}%", f"60,0{NB}%"]
    chart = section.blocks[1].svg
    assert chart.count('class="series"') == 2 and 'class="target"' in chart


def test_pv_waiting_days_share_within_three_days() -> None:
    section = pv_vantedagar(production_warehouse(), FEBRUARY, "februari")
    table = section.blocks[0]
    assert table.rows[0].cells[:2] == ["Antal kontakter", f"10{NB}000"]
    assert table.rows[1].cells[:2] == ["Andel inom 3 dagar", f"85,0{NB}%"]  # 8 500 / 10 000
