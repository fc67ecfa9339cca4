"""Accessibility: the month's key figures against target and riket, and per measure a chart of
the region's share over the last two years with riket and the target."""

from __future__ import annotations

from datetime import date

from hsn.report import data
from hsn.report.blocks import Chart, Row, Section, Table
from hsn.report.charts import Series, bar_chart, line_chart
from hsn.report.formatting import change, number, percent

MATT = {
    "PV_MEDICINSK_BEDOMNING_3D": "Primärvård: medicinsk bedömning inom 3 dagar",
    "PV_TELEFON_SAMMA_DAG": "Primärvård: telefon besvarad samma dag",
    "PV_TELEFON_24H": "Primärvård: telefon besvarad inom 24 timmar",
    "SPEC_FORSTA_KONTAKT_VANTANDE_90D": "Specialistvård: väntande första kontakt inom 90 dagar",
    "SPEC_FORSTA_KONTAKT_GENOMFORD_90D": "Specialistvård: genomförd första kontakt inom 90 dagar",
    "SPEC_OPERATION_VANTANDE_90D": "Specialistvård: väntande operation/åtgärd inom 90 dagar",
    "SPEC_OPERATION_GENOMFORD_90D": "Specialistvård: genomförd operation/åtgärd inom 90 dagar",
    "BUP_FORSTA_KONTAKT_VANTANDE_30D": "BUP: väntande förstabesök inom 30 dagar",
    "BUP_FORSTA_KONTAKT_GENOMFORD_30D": "BUP: genomfört förstabesök inom 30 dagar",
    "BUP_OPERATION_VANTANDE_30D": "BUP: väntande utredning/behandling inom 30 dagar",
    "BUP_OPERATION_GENOMFORD_30D": "BUP: genomförd utredning/behandling inom 30 dagar",
    "TV_VUXEN_EJ_FORSENAD": "Tandvård vuxna: kallade utan försening",
    "TV_VUXEN_FORSENAD_6M": "Tandvård vuxna: mer än 6 månaders försening (mål högst)",
    "TV_BARN_EJ_FORSENAD": "Tandvård barn och unga: kallade utan försening",
}
CHARTED = (
    "PV_MEDICINSK_BEDOMNING_3D", "PV_TELEFON_24H", "SPEC_FORSTA_KONTAKT_VANTANDE_90D",
    "SPEC_OPERATION_VANTANDE_90D", "BUP_FORSTA_KONTAKT_VANTANDE_30D",
    "BUP_OPERATION_VANTANDE_30D", "TV_VUXEN_FORSENAD_6M", "TV_BARN_EJ_FORSENAD",
)
MONTHS_CHARTED = 25


def _months_back(period: date, count: int) -> list[date]:
    months = []
    year, month = period.year, period.month
    for _ in range(count):
        months.insert(0, date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


def tillganglighet(db: data.Published, period: date, manad: str) -> Section:
    title = f"Tillgänglighet {manad} {period.year} – måluppfyllelse vårdgaranti"
    if not db.has("mart_tillganglighet"):
        return Section.not_published(title, db.missing("mart_tillganglighet"))
    rows = data.tillganglighet_region(db, period)
    if not any(row["period"] == period for row in rows):
        return Section.no_data(title, period)
    by_matt: dict[str, dict[date, dict]] = {}
    for row in rows:
        by_matt.setdefault(row["matt"], {})[row["period"]] = row
    last_year = period.replace(year=period.year - 1)
    table = Table(headers=["Mått", "Antal", "Inom gränsen", "Andel", "Samma månad fg år",
                           "Målvärde", "Riket"],
                  caption="Region Västerbotten. Riket: samma mått och månad, tomt när rikets "
                  "uppgift inte har levererats.")
    order = [m for m in MATT if m in by_matt] + sorted(set(by_matt) - set(MATT))
    for matt in order:
        now = by_matt[matt].get(period)
        if now is None:
            continue
        before = by_matt[matt].get(last_year)
        table.rows.append(Row([
            MATT.get(matt, matt), number(now["antal"]), number(now["antal_inom_grans"]),
            percent(now["andel"]), percent(before["andel"]) if before else "",
            percent(now["malvarde"]), percent(now["riket_andel"]),
        ]))
    blocks: list = [table]
    months = _months_back(period, MONTHS_CHARTED)
    labels = [f"{m:%Y-%m}" for m in months]
    for matt in CHARTED:
        series = by_matt.get(matt)
        if not series:
            continue

        def values(key: str, series: dict = series) -> list[float | None]:
            return [None if (r := series.get(m)) is None or r[key] is None
                    else float(r[key]) * 100 for m in months]

        target = next((r["malvarde"] for r in series.values() if r["malvarde"] is not None),
                      None)
        svg = line_chart(
            labels,
            [Series("Region Västerbotten", values("andel")),
             Series("Riket", values("riket_andel"))],
            targets=[("Målvärde", float(target) * 100)] if target is not None else [],
            label=lambda v: f"{number(v)} %",
            description=MATT.get(matt, matt),
        )
        blocks.append(Chart(svg, caption=f"{MATT.get(matt, matt)}, andel i procent."))
    return Section(title, blocks)


KLASSER = ("0", "1", "2", "3", ">3")


def pv_vantedagar(db: data.Published, period: date, manad: str) -> Section:
    title = "Tillgänglighet primärvård – kontakter efter antal väntedagar"
    if not db.has("mart_pv_vantedagar"):
        return Section.not_published(title, db.missing("mart_pv_vantedagar"))
    rows = data.pv_vantedagar_region(db, period)
    last_year = period.replace(year=period.year - 1)
    counts = {(row["period"], row["vantedagar_klass"]): row["antal"] for row in rows}

    def total(month: date) -> int:
        return sum(counts.get((month, k)) or 0 for k in KLASSER)

    if total(period) == 0:
        return Section.no_data(title, period)

    def within(month: date) -> float | None:
        whole = total(month)
        inside = sum(counts.get((month, k)) or 0 for k in KLASSER[:4])
        return inside / whole if whole else None

    svg = bar_chart(
        ["0 dagar", "1 dag", "2 dagar", "3 dagar", ">3 dagar"],
        [Series(f"{last_year:%Y-%m}", [counts.get((last_year, k)) for k in KLASSER]),
         Series(f"{period:%Y-%m}", [counts.get((period, k)) for k in KLASSER])],
        label=lambda v: number(v), description="Kontakter efter antal väntedagar",
    )
    table = Table(headers=["", f"{manad} {period.year}", f"{manad} {last_year.year}",
                           "Förändring"])
    table.rows.append(Row(["Antal kontakter", number(total(period)), number(total(last_year)),
                           percent(change(total(period), total(last_year)))]))
    table.rows.append(Row(["Andel inom 3 dagar", percent(within(period)),
                           percent(within(last_year)), ""]))
    return Section(title, [table, Chart(svg, caption="Antal kontakter per väntedagar, region.")])
