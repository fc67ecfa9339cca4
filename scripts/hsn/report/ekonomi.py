"""The economy sections: budgetavvikelse, deviation per område and basenhet, R12,
åtgärdsplaner and prognos. Amounts as in the board report: mkr in the overview, tkr per unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hsn.report import data
from hsn.report.blocks import Chart, Row, Section, Table, Text
from hsn.report.charts import Series, line_chart
from hsn.report.formatting import MILLION, THOUSAND, mkr, number, percent, tkr
from hsn.report.summary import summarise

INTAKTER = "Verksamhetens intäkter"
KOSTNADER = "Verksamhetens kostnader"
UTOMLANSVARD = "Utomlänsvård"
# the board report's column order; categories not listed follow in alphabetical order
KATEGORI_ORDNING = (
    "Vårdval primärvård och ersättning tandvård",
    "Vårdintäkter",
    "Personalkostnader",
    "Övriga personalkostnader",
    "Direkta produktionskostnader",
    "Övriga kostnader",
    "Kostnadsreducering övrigt inkl patientavgifter",
    "Utomlänsvård",
)
SUMMED = (
    "avvikelse", "ack_utfall_foreg_ar", "ack_utfall", "ack_budget", "ack_avvikelse",
    "helarsbudget",
)


def _sum(rows: list[dict], key: str) -> Decimal | None:
    values = [row[key] for row in rows]
    return None if any(v is None for v in values) else sum(values, Decimal(0))


def _kostnadsutveckling(rows: list[dict]) -> float | None:
    now, before = _sum(rows, "ack_utfall"), _sum(rows, "ack_utfall_foreg_ar")
    return None if not before or now is None else float((now - before) / before)


def _line_cells(label: str, values: dict, utveckling: float | None) -> list[str]:
    return [
        label, mkr(values["avvikelse"]), mkr(values["ack_utfall_foreg_ar"]),
        mkr(values["ack_utfall"]), mkr(values["ack_budget"]), mkr(values["ack_avvikelse"]),
        percent(utveckling), mkr(values["helarsbudget"]),
    ]


def budgetavvikelse(db: data.Published, period: date, manad: str) -> Section:
    title = f"Hälso- och sjukvårdsnämnden budgetavvikelse – {manad} {period.year}"
    if not db.has("mart_budgetavvikelse"):
        return Section.not_published(title, db.missing("mart_budgetavvikelse"))
    rows = data.budgetavvikelse_region(db, period)
    table = Table(
        headers=[
            "Region (mkr)", f"{manad.capitalize()} avvikelse", "Ack utfall föreg år",
            "Ack utfall innev år", "Ack budget innev år", "Ack avvikelse",
            "Kostnadsutveckling", "Helårsbudget",
        ],
        caption="Ackumulerat januari–" + manad + f" {period.year}; intäkter positiva, "
        "kostnader negativa, avvikelse = utfall − budget.",
    )
    for group in (INTAKTER, KOSTNADER):
        members = [row for row in rows if row["rapportgrupp"] == group]
        if not members:
            continue
        table.rows.append(Row([group] + [""] * 7, strong=True))
        for row in members:
            table.rows.append(Row(_line_cells(row["rapportrad"], row, row["kostnadsutveckling"])))
        totals = {key: _sum(members, key) for key in SUMMED}
        table.rows.append(Row(_line_cells("Total", totals, _kostnadsutveckling(members)),
                              strong=True))
    if rows:
        totals = {key: _sum(rows, key) for key in SUMMED}
        table.rows.append(Row(_line_cells("Total", totals, _kostnadsutveckling(rows)),
                              strong=True))
    groups = summarise(rows)
    lines = [group.text() for group in groups]
    return Section(title, [table, Text(lines, heading="Sammanfattning (ack avvikelse)")])


def _kategorier(rows: list[dict]) -> list[str]:
    present = {row["avvikelsekategori"] for row in rows}
    ordered = [k for k in KATEGORI_ORDNING if k in present]
    return ordered + sorted(present - set(ordered))


def per_omrade(db: data.Published, period: date) -> Section:
    title = f"Avvikelse mot budget {period:%Y-%m} per område och avvikelsekategori (tkr, ack)"
    if not db.has("mart_budgetavvikelse"):
        return Section.not_published(title, db.missing("mart_budgetavvikelse"))
    rows = data.avvikelse_per_kategori(db, period, "omrade")
    region = data.avvikelse_per_kategori(db, period, "region")
    kategorier = _kategorier(rows + region)
    table = Table(headers=["Område", "Summa", *kategorier])

    def cells(label: str, members: list[dict]) -> list[str]:
        per = {row["avvikelsekategori"]: row["ack_avvikelse"] for row in members}
        total = _sum(members, "ack_avvikelse")
        return [label, tkr(total), *(tkr(per.get(k)) for k in kategorier)]

    omraden = sorted({(row["omrade"], row["omrade_namn"]) for row in rows})
    for code, name in omraden:
        members = [row for row in rows if row["omrade"] == code]
        table.rows.append(Row(cells(f"{code} {name} Summa", members)))
    table.rows.append(Row(cells("Totalsumma", region), strong=True))
    return Section(title, [table])


def per_basenhet(db: data.Published, period: date) -> Section:
    title = f"Avvikelse mot budget {period:%Y-%m} per område och basenhet (tkr, ack)"
    if not db.has("mart_budgetavvikelse"):
        return Section.not_published(title, db.missing("mart_budgetavvikelse"))
    rows = data.avvikelse_per_kategori(db, period, "basenhet")
    omrade_rows = data.avvikelse_per_kategori(db, period, "omrade")
    headers = ["Område", "Basenhet", "TOTAL", "INTÄKTER", "KOSTNADER", "UTOMLÄNSVÅRD"]

    def cells(members: list[dict]) -> list[str]:
        intakter = [r for r in members if r["rapportgrupp"] == INTAKTER]
        kostnader = [r for r in members
                     if r["rapportgrupp"] == KOSTNADER and r["avvikelsekategori"] != UTOMLANSVARD]
        utomlans = [r for r in members if r["avvikelsekategori"] == UTOMLANSVARD]
        return [
            tkr(_sum(members, "ack_avvikelse")),
            tkr(_sum(intakter, "ack_avvikelse")) if intakter else "",
            tkr(_sum(kostnader, "ack_avvikelse")) if kostnader else "",
            tkr(_sum(utomlans, "ack_avvikelse")) if utomlans else "",
        ]

    blocks: list = []
    for code, name in sorted({(row["omrade"], row["omrade_namn"]) for row in rows}):
        table = Table(headers=headers, text_columns=2)
        in_omrade = [row for row in rows if row["omrade"] == code]
        basenheter = sorted({(row["basenhet"], row["basenhet_namn"]) for row in in_omrade})
        for basenhet, basenhet_namn in basenheter:
            members = [row for row in in_omrade if row["basenhet"] == basenhet]
            table.rows.append(Row([f"{code} {name}", f"{basenhet} {basenhet_namn}",
                                   *cells(members)]))
        summa = [row for row in omrade_rows if row["omrade"] == code]
        table.rows.append(Row([f"{code} {name}", "", *cells(summa)], strong=True))
        blocks.append(table)
    return Section(title, blocks)


def _r12_chart(rows: list[dict], scale: Decimal, unit: str, description: str) -> str:
    labels = [f"{row['period']:%Y-%m}" for row in rows]

    def values(key: str) -> list[float | None]:
        return [None if row[key] is None else float(row[key] / scale) for row in rows]

    return line_chart(
        labels,
        [Series("Utfall R12", values("utfall_r12")),
         Series("Budget R12", values("budget_r12"), dashed=True)],
        label=lambda v: f"{number(v)} {unit}",
        description=description,
    )


def r12(db: data.Published, period: date) -> Section:
    title = "R12 – utfall och budget, rullande tolv månader"
    if not db.has("mart_r12"):
        return Section.not_published(title, db.missing("mart_r12"))
    resultat = data.r12_region(db, period, None)
    utomlans = data.r12_region(db, period, UTOMLANSVARD)
    blocks = [
        Chart(_r12_chart(resultat, MILLION, "mkr", "Resultat R12 mot budget R12, mkr"),
              caption="Region Västerbotten, HSN: resultat (intäkter − kostnader) R12, mkr."),
        Chart(_r12_chart(utomlans, THOUSAND, "tkr", "Utomlänsvård R12 mot budget R12, tkr"),
              caption="Utomlänsvård R12, tkr."),
    ]
    last = resultat[-1] if resultat else None
    if last and last["utfall_r12"] is not None:
        blocks.insert(0, Text([
            f"Utfall R12 {period:%Y-%m}: {mkr(last['utfall_r12'])} mkr, "
            f"budget R12: {mkr(last['budget_r12'])} mkr."
        ]))
    return Section(title, blocks)


def atgardsplaner(db: data.Published, period: date, manad: str) -> Section:
    title = f"Åtgärdsplaner {period.year}"
    if not db.has("mart_atgardsplaner"):
        return Section.not_published(title, db.missing("mart_atgardsplaner"))
    rows = data.atgardsplaner(db, period)
    if not rows:
        return Section.no_data(title, period)
    table = Table(headers=["Område", f"Åtgärdsplan helår {period.year} tkr",
                           f"Åtgärdsplan per {manad} tkr", f"Uppnådd effekt per {manad} tkr",
                           "Uppfyllelse"])
    region = None
    for row in rows:
        if row["niva"] == "region":
            region = row
            continue
        table.rows.append(Row([f"{row['omrade']} {row['omrade_namn']}", tkr(row["plan_helar"]),
                               tkr(row["plan_ack"]), tkr(row["uppnatt_ack"]),
                               percent(row["uppfyllelse"])]))
    lines = []
    if region:
        table.rows.append(Row(["Totalt", tkr(region["plan_helar"]), tkr(region["plan_ack"]),
                               tkr(region["uppnatt_ack"]), percent(region["uppfyllelse"])],
                              strong=True))
        lines = [
            f"Åtgärdsplaner helår {mkr(region['plan_helar'])} mkr",
            f"Uppnådd effekt {manad} {number(_div(region['uppnatt_ack'], MILLION), 1)} av "
            f"{number(_div(region['plan_ack'], MILLION), 1)} = {percent(region['uppfyllelse'])}",
        ]
    return Section(title, [table, Text(lines)])


def _div(value: Decimal | None, by: Decimal) -> Decimal | None:
    return None if value is None else Decimal(value) / by


def prognos(db: data.Published, period: date) -> Section:
    title = f"Prognos {period.year}"
    if not db.has("mart_prognos"):
        return Section.not_published(title, db.missing("mart_prognos"))
    row = data.prognos_region(db, period)
    if row is None:
        return Section(title, missing=f"ingen prognos för {period:%Y-%m} i publiceringen")
    table = Table(headers=["Region (mkr)", "Ack avvikelse", "Helårsbudget",
                           "Prognos avvikelse helår (linjär)",
                           "Prognos avvikelse helår (säsongsjusterad)"])
    table.rows.append(Row(["Hälso- och sjukvårdsnämnden", mkr(row["ack_avvikelse"]),
                           mkr(row["helarsbudget"]), mkr(row["prognos_avvikelse_runrate"]),
                           mkr(row["prognos_avvikelse_sasong"])]))
    return Section(title, [table])
