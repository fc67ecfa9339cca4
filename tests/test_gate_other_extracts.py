"""The extracts beyond ekonomi are declared in the contract: a good month of each is accepted."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from gate_fixtures import by_key, failed, make_settings, write_delivery
from hsn.gate import run_gate
from hsn.gate.contract import EXTRACTS
from hsn.gate.paths import accepted_file

PNR = "191212121212"

GOOD: dict[str, list[dict[str, Any]]] = {
    "vardplatser": [
        {
            "datum": date(2024, 1, d),
            "kostnadsstalle": "210101",
            "disponibla_vardplatser": 20,
            "belagda_vardplatser": 22,
        }
        for d in (1, 2)
    ],
    "pv_bedomningar": [
        {
            "bedomning_id": "B1",
            "personnummer": PNR,
            "kostnadsstalle": "210101",
            "beslutsdatum": date(2023, 12, 28),
            "bedomningsdatum": date(2024, 1, 3),
            "yrkeskategori": "SJUKSKOTERSKA",
            "patientvald_vantan": False,
        }
    ],
    "vantelista": [
        {
            "vantande_id": "W1",
            "personnummer": PNR,
            "kostnadsstalle": "210101",
            "vardatgard": "FORSTA_KONTAKT",
            "referensdatum": date(2023, 10, 1),
            "genomford_datum": None,
            "patientvald_vantan": False,
            "medicinskt_orsakad_vantan": False,
        },
        {
            "vantande_id": "W2",
            "personnummer": PNR,
            "kostnadsstalle": "210101",
            "vardatgard": "OPERATION_ATGARD",
            "referensdatum": date(2023, 11, 1),
            "genomford_datum": date(2024, 1, 20),
            "patientvald_vantan": False,
            "medicinskt_orsakad_vantan": True,
        },
    ],
    "tandvard_kallelser": [
        {
            "personnummer": PNR,
            "kostnadsstalle": "230101",
            "aldersgrupp": "VUXEN",
            "planerad_undersokning": date(2023, 6, 1),
            "kallad_datum": None,
        }
    ],
    "riket": [
        {"matt": "PV_MEDICINSK_BEDOMNING_3D", "andel": 0.81, "kalla": "Kolada N79173 (årsvärde)"}
    ],
    "atgardsplaner": [
        {
            "omrade": "21",
            "plan_helar": Decimal("1200000.00"),
            "plan_ack": Decimal("100000.00"),
            "uppnatt_ack": Decimal("80000.00"),
        }
    ],
    "telefoni": [
        {
            "samtal_id": "S1",
            "kostnadsstalle": "210101",
            "inkommande": datetime(2024, 1, 31, 23),
            "besvarad": None,
            "telefonnummer": "0701234567",
        }
    ],
}


def test_every_declared_extract_has_a_suite_and_accepts_a_good_month(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    for extract, rows in GOOD.items():
        write_delivery(settings.landing_dir, extract, "2024-01", rows)
    bad = [dict(GOOD["riket"][0], andel=1.5)]
    write_delivery(settings.landing_dir, "riket", "2024-02", bad)
    late = [dict(GOOD["vardplatser"][0], datum=date(2024, 2, 1))]
    write_delivery(settings.landing_dir, "vardplatser", "2024-03", late)

    outcomes = by_key(run_gate(settings))

    for extract in GOOD:
        outcome = outcomes[f"{extract}/2024-01"]
        assert outcome.status == "accepted", (extract, outcome.message, outcome.failures)
        table = pq.read_table(accepted_file(settings.accepted_dir, extract, "2024-01"))
        assert table.schema == EXTRACTS[extract].accepted_schema()
    assert failed(outcomes["riket/2024-02"]) == {("range", "andel")}
    assert failed(outcomes["vardplatser/2024-03"]) == {("period", "datum")}
    assert (Path(__file__).parents[1] / "scripts/hsn/gate/expectations").is_dir()
    suites = {
        p.stem for p in (Path(__file__).parents[1] / "scripts/hsn/gate/expectations").glob("*.json")
    }
    assert suites == set(EXTRACTS)
