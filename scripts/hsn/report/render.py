"""Render "Resultatuppföljning <månad> <år>" as one self-contained HTML file (inline CSS and
SVG, no scripts, nothing fetched) from the published warehouse and its publication record."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from hsn.publish import DIR_MODE, FILE_MODE, last_publication
from hsn.report import data, ekonomi, produktion, tillganglighet
from hsn.report.underlag import summarise_deliveries
from hsn.settings import Settings

TEMPLATE = "report.html.j2"


def report_path(settings: Settings, period: str) -> Path:
    return settings.published_dir / "rapport" / f"resultatuppfoljning_{period}.html"


def parse_period(period: str) -> date:
    try:
        return datetime.strptime(period, "%Y-%m").date()
    except ValueError:
        raise ValueError(f"period must be YYYY-MM, not {period!r}") from None


def build_sections(db: data.Published, period: date) -> tuple[str, list[tuple[str, list]]]:
    """The report's parts in the board report's order: (part title, sections)."""
    manad = data.month_name(db, period) if db.has("dim_period") else f"{period:%m}"
    parts = [
        ("Ekonomi", [
            ekonomi.budgetavvikelse(db, period, manad),
            ekonomi.per_omrade(db, period),
            ekonomi.r12(db, period),
            ekonomi.atgardsplaner(db, period, manad),
            ekonomi.prognos(db, period),
            ekonomi.per_basenhet(db, period),
        ]),
        ("Produktion och tillgänglighet", [
            produktion.vardproduktion(db, period, manad),
            tillganglighet.pv_vantedagar(db, period, manad),
            tillganglighet.tillganglighet(db, period, manad),
        ]),
    ]
    return manad, parts


def render_html(settings: Settings, period: str) -> str:
    month = parse_period(period)
    with data.open_published(settings.published_warehouse) as db:
        manad, parts = build_sections(db, month)
        loaded = month in {
            row["period"] for row in db.rows("select period from dim_period where is_utfall_laddad")
        } if db.has("dim_period") else False
    publication = last_publication(settings) or {}
    environment = Environment(
        loader=PackageLoader("hsn.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE).render(
        title=f"Resultatuppföljning {manad} {month.year}",
        period=period,
        loaded=loaded,
        parts=parts,
        missing=[s.title for _, sections in parts for s in sections if s.missing],
        underlag=summarise_deliveries(publication.get("deliveries", [])),
        publication=publication,
    )


def render_report(settings: Settings, period: str, output: Path | None = None) -> Path:
    """Write the report (atomically, readable by all) and return its path."""
    html = render_html(settings, period)
    destination = output or report_path(settings, period)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if output is None:
        destination.parent.chmod(DIR_MODE)
    temporary = destination.with_name(f".{destination.name}.tmp")
    temporary.write_text(html, encoding="utf-8")
    temporary.chmod(FILE_MODE)
    os.replace(temporary, destination)
    return destination


__all__ = ["render_report", "report_path"]
