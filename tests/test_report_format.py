"""Swedish number formatting, the summary rule, the footer's month ranges and the SVG charts,
on hand-made inputs with the expected text worked out by hand."""

from __future__ import annotations

import re
from decimal import Decimal

from hsn.report.charts import Series, bar_chart, line_chart, nice_ticks
from hsn.report.formatting import change, mkr, number, percent, tkr
from hsn.report.summary import summarise
from hsn.report.underlag import compress, summarise_deliveries

NB = "\u00a0"
MINUS = "\u2212"


def test_numbers_the_swedish_way() -> None:
    assert number(1234567.891) == f"1{NB}234{NB}568"
    assert number(Decimal("-1354.5")) == f"{MINUS}1{NB}355"  # half away from zero
    assert number(-0.4) == "0"  # no negative zero
    assert number(6.64, 2) == "6,64"
    assert number(999) == "999"
    assert number(12, plus=True) == f"+{NB}12"
    assert number(None) == ""


def test_mkr_tkr_and_percent() -> None:
    assert mkr(Decimal("-1354321000.00")) == f"{MINUS}1{NB}354"
    assert mkr(Decimal("11500000")) == "12"
    assert tkr(Decimal("-165592400.00")) == f"{MINUS}165{NB}592"
    assert tkr(None) == ""
    assert percent(0.0882) == f"8,8{NB}%"
    assert percent(-0.131) == f"{MINUS}13,1{NB}%"
    assert percent(1.038) == f"103,8{NB}%"
    assert percent(None) == ""
    # the seed: Beläggning 70,0 % against 74,3 % is −5,8 %; Personal −1 354 against −1 245 +8,8 %
    assert percent(change(0.700, 0.743)) == f"{MINUS}5,8{NB}%"
    assert percent(change(-1354, -1245)) == f"8,8{NB}%"
    assert change(5, 0) is None and change(None, 3) is None


def line(group: str, kategori: str, mkr_value: str) -> dict:
    return {
        "rapportgrupp": group,
        "avvikelsekategori": kategori,
        "ack_avvikelse": Decimal(mkr_value) * 1_000_000,
    }


INT, KOST = "Verksamhetens intäkter", "Verksamhetens kostnader"


def test_summary_names_the_categories_pulling_with_the_group() -> None:
    rows = [
        line(INT, "Vårdintäkter", "12"), line(INT, "Vårdintäkter", "-2"),
        line(INT, "Kostnadsreducering", "9"), line(INT, "Vårdval", "-9"),
        line(KOST, "Personalkostnader", "-101"), line(KOST, "Direkta produktionskostnader", "-33"),
        line(KOST, "Övriga kostnader", "-25"), line(KOST, "Utomlänsvård", "-16.5"),
        line(KOST, "Övriga personalkostnader", "-2"), line(KOST, "Annat", "5"),
        line("Finansiella poster", "x", "-50"),  # not a report group of the summary
    ]
    intakter, kostnader = summarise(rows)
    # intäkter: 12 − 2 + 9 − 9 = +10; threshold max(5 % of 10, 1) = 1 mkr; Vårdval pulls against
    assert intakter.text() == (
        f"Intäkter +{NB}10 mkr: Vårdintäkter +{NB}10 mkr, Kostnadsreducering +{NB}9 mkr"
    )
    # kostnader: −172.5; threshold 8.6 mkr; at most four, largest first; −16.5 shows as −17
    assert kostnader.text() == (
        f"Kostnader {MINUS}173 mkr: Personalkostnader {MINUS}101 mkr, "
        f"Direkta produktionskostnader {MINUS}33 mkr, Övriga kostnader {MINUS}25 mkr, "
        f"Utomlänsvård {MINUS}17 mkr"
    )


def test_summary_of_a_group_near_zero_names_nothing() -> None:
    rows = [line(INT, "Vårdintäkter", "3"), line(INT, "Vårdval", "-3.2")]
    (intakter,) = summarise(rows)
    assert intakter.text() == "Intäkter 0 mkr"


def test_footer_compresses_months_and_skips_placeholders() -> None:
    assert compress(["2024-02", "2024-01", "2023-12", "2023-10"]) == (
        "2023-10, 2023-12–2024-02"
    )
    assert compress(["2019", "2020", "2021", "2023"]) == "2019–2021, 2023"
    extracts = summarise_deliveries([
        {"extract": "huvudbok", "period": "2024-01", "rows": 10},
        {"extract": "huvudbok", "period": "2024-02", "rows": 5},
        {"extract": "telefoni", "period": "0001-01", "rows": 0},
    ])
    assert [(e.name, e.ranges, e.count, e.rows) for e in extracts] == [
        ("huvudbok", "2024-01–2024-02", 2, 15)
    ]


def test_charts_break_lines_at_missing_months_and_draw_bars() -> None:
    svg = line_chart(
        ["2024-01", "2024-02", "2024-03", "2024-04"],
        [Series("Utfall", [1.0, 2.0, None, 4.0])],
        targets=[("Mål", 3.0)],
        label=lambda v: number(v),
        description="test",
    )
    (d,) = re.findall(r'<path class="series" d="([^"]+)"', svg)
    assert d.count("M") == 2 and d.count("L") == 1  # two pieces, the gap not drawn as 0
    assert 'class="target"' in svg and svg.startswith("<svg")
    bars = bar_chart(["a", "b"], [Series("2023", [1, 2]), Series("2024", [3, None])],
                     label=lambda v: number(v), description="bars")
    assert bars.count('class="bar"') == 3
    assert nice_ticks(-274_000, -200_000) == [-280_000, -260_000, -240_000, -220_000, -200_000]
