"""Production: the ack tables per vårdnivå with förändring %, tandvård, vaccinationsbesök and
the month charts (viktad vårdtjänst per year and month, disponibla vårdplatser)."""

from __future__ import annotations

from datetime import date

from hsn.report import data
from hsn.report.blocks import Chart, Row, Section, Table, Text
from hsn.report.charts import Series, bar_chart, line_chart
from hsn.report.formatting import change, number, percent

# (measure, label, kind): kind says how to show it
PRIMARVARD = (
    ("vardtillfallen", "Vårdtillfällen", "count"),
    ("varddagar", "Vårddagar", "count"),
    ("medelvardtid", "Medelvårdtid", "decimal"),
    ("belaggning", "Beläggning", "share"),
    ("lakarbesok", "Läkarbesök", "count"),
    ("sjukvardande_behandling", "Sjukvårdande behandling", "count"),
    ("viktad_vardtjanst", "Viktad vårdtjänst", "count"),
)
SJUKHUSVARD = (
    ("vardtillfallen", "Vårdtillfällen", "count"),
    ("varddagar", "Vårddagar", "count"),
    ("vardtjanst_drg", "Vårdtjänst DRG", "count"),
    ("vardtjanst_drg_per_vardtillfalle", "Vårdtjänst-DRG/vårdtillfälle", "decimal"),
    ("medelvardtid", "Medelvårdtid", "decimal"),
    ("belaggning", "Beläggning", "share"),
    ("lakarbesok", "Läkarbesök", "count"),
    ("sjukvardande_behandling", "Sjukvårdande behandling", "count"),
    ("viktad_vardtjanst", "Viktad vårdtjänst", "count"),
)
TANDVARD = (("tandvard_besok", "Antal besök", "count"),
            ("tandvard_patienter", "Antal patienter", "count"))
MEASURES = sorted({m for m, _, _ in (*PRIMARVARD, *SJUKHUSVARD, *TANDVARD)}
                  | {"vaccinationsbesok"})


def _show(value: object, kind: str) -> str:
    if kind == "share":
        return percent(value)
    return number(value, 2 if kind == "decimal" else 0)


def _table(rows: list[dict], vardniva: str, measures: tuple, years: list[int], manad: str,
           first: int) -> Table:
    by_year = {row["ar"]: row for row in rows if row["vardniva"] == vardniva}
    last = years[-1]
    headers = [f"Ack {manad}", *map(str, years), f"{first}/{last}", f"{last - 1}/{last}"]
    table = Table(headers=headers, caption="Förändring i procent.")
    for measure, label, kind in measures:
        values = [by_year.get(year, {}).get(f"ack_{measure}") for year in years]
        table.rows.append(Row([
            label, *(_show(v, kind) for v in values),
            percent(change(values[-1], by_year.get(first, {}).get(f"ack_{measure}"))),
            percent(change(values[-1], values[-2] if len(values) > 1 else None)),
        ]))
    return table


def vardproduktion(db: data.Published, period: date, manad: str) -> Section:
    title = f"Region Västerbotten produktion HSN – ack {manad} {period.year}"
    extra = tuple(f"ack_{m}" for m in MEASURES)
    if not db.has("mart_vardproduktion", extra):
        return Section.not_published(title, db.missing("mart_vardproduktion", extra))
    rows = data.vardproduktion_ack(db, period.month, MEASURES)
    rows = [row for row in rows if row["ar"] <= period.year]
    if not any(row["ar"] == period.year for row in rows):
        return Section.no_data(title, period)
    years = [y for y in range(period.year - 3, period.year + 1)]
    blocks: list = [
        Text([], heading="Primärvård"),
        _table(rows, "PRIMARVARD", PRIMARVARD, years, manad, years[0]),
        Text([], heading="Sjukhusvård"),
        _table(rows, "SJUKHUSVARD", SJUKHUSVARD, years, manad, years[0]),
        Text([], heading="Tandvård"),
        _table(rows, "TANDVARD", TANDVARD, list(range(period.year - 5, period.year + 1)), manad,
               period.year - 5),
    ]
    vaccination = {row["ar"]: row["ack_vaccinationsbesok"] for row in rows
                   if row["vardniva"] == "PRIMARVARD"}
    blocks.append(Text(
        [f"Ack {manad} {year}: {number(vaccination.get(year))}" for year in years],
        heading="Primärvårdens vaccinationsbesök (covid-19 ingår och påverkar statistiken)",
    ))
    blocks += _charts(db, period)
    return Section(title, blocks)


def _charts(db: data.Published, period: date) -> list[Chart]:
    rows = data.vardproduktion_month(
        db, period, ["viktad_vardtjanst", "disponibla_platsdagar", "disponibla_vardplatser"]
    ) if db.has("mart_vardproduktion", ("viktad_vardtjanst", "disponibla_vardplatser",
                                        "disponibla_platsdagar")) else []
    if not rows:
        return []
    months = [f"{m:02d}" for m in range(1, 13)]
    years = list(range(period.year - 3, period.year + 1))
    viktad: dict[tuple[int, int], float] = {}
    for row in rows:
        key = (row["ar"], row["manad"])
        if row["viktad_vardtjanst"] is not None:
            viktad[key] = viktad.get(key, 0.0) + float(row["viktad_vardtjanst"])
    bars = [Series(str(year), [viktad.get((year, m)) for m in range(1, 13)]) for year in years]
    periods = sorted({row["period"] for row in rows if row["period"] >= date(2020, 8, 1)})
    beds: dict[date, float] = {}
    for row in rows:
        if row["disponibla_vardplatser"] is not None and row["period"] in periods:
            beds[row["period"]] = beds.get(row["period"], 0.0) + float(
                row["disponibla_vardplatser"])
    return [
        Chart(bar_chart(months, bars, label=lambda v: number(v),
                        description="Viktad vårdtjänst per år och månad"),
              caption="Viktad vårdtjänst per år och månad, region."),
        Chart(line_chart([f"{p:%Y-%m}" for p in periods],
                         [Series("Disponibla vårdplatser", [beds.get(p) for p in periods])],
                         label=lambda v: number(v), description="Disponibla vårdplatser"),
              caption="Disponibla vårdplatser per månad (genomsnitt per dag), region."),
    ]
