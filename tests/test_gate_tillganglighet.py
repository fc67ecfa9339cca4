"""The gate's tillganglighet rules: each bad delivery is quarantined by the rule named for it,
a good month of every extract is accepted (one gate run for all cases)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from gate_fixtures import by_key, failed, make_settings, write_delivery
from hsn.gate import run_gate

PNR = "191212121212"


def _pv(**kw: Any) -> dict[str, Any]:
    row = {
        "bedomning_id": "B1",
        "personnummer": PNR,
        "kostnadsstalle": "100101",
        "beslutsdatum": date(2024, 2, 1),
        "bedomningsdatum": date(2024, 2, 4),
        "yrkeskategori": "LAKARE",
        "patientvald_vantan": False,
    }
    return row | kw


def _call(**kw: Any) -> dict[str, Any]:
    row = {
        "samtal_id": "S1",
        "kostnadsstalle": "100101",
        "inkommande": datetime(2024, 2, 29, 16, 0),
        "besvarad": datetime(2024, 3, 1, 16, 0),  # next month, within 24 h: fine
        "telefonnummer": "0701234567",
    }
    return row | kw


def _wait(**kw: Any) -> dict[str, Any]:
    row = {
        "vantande_id": "V1",
        "personnummer": PNR,
        "kostnadsstalle": "200101",
        "vardatgard": "FORSTA_KONTAKT",
        "referensdatum": date(2024, 2, 10),
        "genomford_datum": date(2024, 2, 10),  # same day: fine
        "patientvald_vantan": False,
        "medicinskt_orsakad_vantan": False,
    }
    return row | kw


def _recall(**kw: Any) -> dict[str, Any]:
    row = {
        "personnummer": PNR,
        "kostnadsstalle": "401101",
        "aldersgrupp": "VUXEN",
        "planerad_undersokning": date(2024, 3, 15),
        "kallad_datum": date(2024, 2, 29),  # month end: fine
    }
    return row | kw


def _plan(**kw: Any) -> dict[str, Any]:
    row = {
        "omrade": "27",
        "plan_helar": Decimal("25252000.00"),
        "plan_ack": Decimal("4208700.00"),
        "uppnatt_ack": Decimal("430000.00"),
    }
    return row | kw


def _riket(**kw: Any) -> dict[str, Any]:
    row = {"matt": "SPEC_OPERATION_VANTANDE_90D", "andel": 0.59, "kalla": "Kolada N79223"}
    return row | kw


# (extract, period, rows, expected failed (rule, column) pairs; empty = accepted)
CASES: dict[str, tuple[str, str, list[dict[str, Any]], set[tuple[str, str]]]] = {
    "pv_good": ("pv_bedomningar", "2024-02", [_pv()], set()),
    "pv_yrke": (
        "pv_bedomningar",
        "2024-03",
        [_pv(bedomning_id="B2", bedomningsdatum=date(2024, 3, 4), yrkeskategori="OVRIG")],
        {("value_set", "yrkeskategori")},
    ),
    "tel_good": ("telefoni", "2024-02", [_call()], set()),
    "tel_besvarad_fore": (
        "telefoni",
        "2024-03",
        [
            _call(
                samtal_id="S2",
                inkommande=datetime(2024, 3, 5, 10),
                besvarad=datetime(2024, 3, 5, 9, 59),
            )
        ],
        {("besvarad", "besvarad,inkommande")},
    ),
    "vl_good": ("vantelista", "2024-02", [_wait()], set()),
    "vl_genomford_fore_referens": (
        "vantelista",
        "2024-03",
        [_wait(referensdatum=date(2024, 3, 10), genomford_datum=date(2024, 3, 9))],
        {("genomford_fore_referens", "genomford_datum,referensdatum")},
    ),
    "tv_good": ("tandvard_kallelser", "2024-02", [_recall()], set()),
    "tv_kallad_efter_manad": (
        "tandvard_kallelser",
        "2024-03",
        [_recall(kallad_datum=date(2024, 4, 1))],
        {("kallad_datum", "kallad_datum")},
    ),
    "riket_good": ("riket", "2024-02", [_riket()], set()),
    "riket_okant_matt_och_dubblett": (
        "riket",
        "2024-03",
        [_riket(matt="VG_PV_3D"), _riket(), _riket()],
        {("value_set", "matt"), ("unique_key", "matt")},
    ),
    "plan_good": ("atgardsplaner", "2024-02", [_plan()], set()),
    "plan_dubblett_och_over_helar": (
        "atgardsplaner",
        "2024-03",
        [_plan(plan_ack=Decimal("25252000.01")), _plan(omrade="27")],
        {("unique_key", "omrade"), ("plan_ack_over_helar", "plan_helar,plan_ack")},
    ),
    "plan_ej_positiv": (
        "atgardsplaner",
        "2024-04",
        [_plan(plan_helar=Decimal("0.00"), plan_ack=Decimal("-1.00"))],
        {("range", "plan_helar"), ("range", "plan_ack")},
    ),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    settings = make_settings(tmp_path_factory.mktemp("gate_tg"))
    for extract, period, rows, _expected in CASES.values():
        write_delivery(settings.landing_dir, extract, period, rows)
    return by_key(run_gate(settings))


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule(outcomes: dict[str, Any], case: str) -> None:
    extract, period, _rows, expected = CASES[case]
    outcome = outcomes[f"{extract}/{period}"]
    if not expected:
        assert outcome.status == "accepted", (outcome.message, outcome.failures)
    else:
        assert outcome.status != "accepted"
        assert failed(outcome) == expected


def test_cases_do_not_share_a_delivery() -> None:
    keys = [(extract, period) for extract, period, _r, _e in CASES.values()]
    assert len(keys) == len(set(keys))
