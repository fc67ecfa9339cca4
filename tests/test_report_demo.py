"""The board report of the demo's February 2024, from the published warehouse, checked against
independent queries and drawn by a real browser (headless Chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from hsn.report import render_report
from hsn.report.data import MARTS
from hsn.settings import Settings

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]


def swedish(value: float) -> str:
    """Independent of the report's formatter: whole numbers, no-break spaces, minus sign."""
    return f"{round(value):,}".replace(",", "\u00a0").replace("-", "\u2212")


def region_figures(settings: Settings) -> dict[str, str]:
    with duckdb.connect(str(settings.published_warehouse), read_only=True) as con:
        personal, kostnader, total = con.execute(
            """
            select sum(case when rapportrad = 'Personal' then ack_utfall end) / 1e6,
                   sum(case when rapportgrupp = 'Verksamhetens kostnader'
                            then ack_avvikelse end) / 1e6,
                   sum(ack_avvikelse) / 1e3
            from mart_budgetavvikelse where niva = 'region' and period = date '2024-02-01'
            """
        ).fetchone()
    return {
        "personal": swedish(float(personal)),
        "kostnader": swedish(float(kostnader)),
        "total_tkr": swedish(float(total)),
    }


@pytest.fixture(scope="module")
def report(demo_built: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("rapport") / "resultatuppfoljning_2024-02.html"
    started = time.perf_counter()
    render_report(demo_built, "2024-02", output)
    print(f"\nreport rendered in {time.perf_counter() - started:.2f} s, "
          f"{output.stat().st_size} bytes: {output}")
    return output


def test_report_shows_the_key_figures(demo_built: Settings, report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    figures = region_figures(demo_built)
    assert "<title>Resultatuppföljning februari 2024" in html
    # the demo is calibrated to the seed: Personal ack −1 354 mkr, kostnader −177 mkr
    assert figures["personal"] == "\u22121\u00a0354" and figures["kostnader"] == "\u2212177"
    assert f">{figures['personal']}<" in html
    assert f"Kostnader {figures['kostnader']} mkr: Personalkostnader \u2212101 mkr" in html
    assert "Intäkter +\u00a012 mkr" in html
    assert f">{figures['total_tkr']}<" in html  # Totalsumma per område, tkr
    assert "Utomlänsvård R12" in html and "Underlag" in html
    assert re.search(r"huvudbok</td><td class=\"text\">2019-01–2024-02</td>", html)
    # self-contained: no scripts, nothing fetched
    assert "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def test_sections_of_unpublished_marts_say_so(demo_built: Settings, report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    with duckdb.connect(str(demo_built.published_warehouse), read_only=True) as con:
        tables = {t for (t,) in con.execute("select table_name from information_schema.tables")
                  .fetchall()}
    for mart in MARTS:
        if mart not in tables:
            assert f"saknas: {mart}" in html
    said = "ingår inte i denna publicering" in html.lower()
    assert said == any(m not in tables for m in MARTS)


def chromium() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    if shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False,
                       capture_output=True, env={"DEBIAN_FRONTEND": "noninteractive",
                                                 "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
    found = shutil.which("chromium")
    if not found:
        pytest.skip("Debian's chromium is not installed and `apt-get install -y chromium` "
                    "failed (no root or no package registry)")
    return found


def test_report_draws_in_a_real_browser(report: Path, tmp_path: Path) -> None:
    browser = chromium()
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", report.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout.replace("&nbsp;", "\u00a0")
    # the charts are in the DOM the browser built, with drawn (non-empty) paths
    paths = re.findall(r'<path class="series" d="([^"]*)"', dom)
    assert len(paths) >= 4 and all(len(d) > 50 for d in paths)
    assert dom.count("<svg") >= 2
    assert "Resultatuppföljning februari 2024" in dom and "\u22121\u00a0354" in dom
    screenshot = tmp_path / "resultatuppfoljning_2024-02.png"
    subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile2'}",
         "--window-size=1280,4000", f"--screenshot={screenshot}", report.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )
    assert screenshot.stat().st_size > 100_000
    print(f"\nscreenshot: {screenshot} ({screenshot.stat().st_size} bytes)")
