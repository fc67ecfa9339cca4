"""Rule 'personnummer': date part (samordningsnummer day + 60) and Luhn check digit, in the
vectorised gate module and through the gate, with masked samples in the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa

from gate_fixtures import by_key, failed, make_settings, report_of, write_delivery
from hsn.gate import run_gate
from hsn.gate.personnummer import invalid_positions
from hsn.gate.pseudonymise import MASK


def luhn_digit(first_nine: str) -> str:
    """Check digit by hand, digit by digit (independent of the module's numpy version)."""
    total = 0
    for i, ch in enumerate(first_nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def pnr(yyyymmdd: str, serial: str = "123") -> str:
    return yyyymmdd + serial + luhn_digit(yyyymmdd[2:] + serial)


def test_known_valid_numbers() -> None:
    # Skatteverket's test numbers: a personnummer and a samordningsnummer
    values = ["191212121212", "197010632391", pnr("20000229"), pnr("19800101", "987")]
    assert luhn_digit("121212121") == "2" and luhn_digit("701063239") == "1"
    assert invalid_positions(pa.array(values)).tolist() == []


def test_bad_numbers_are_found_and_nulls_left_to_not_null() -> None:
    good = pnr("19650415")
    wrong_check = good[:-1] + str((int(good[-1]) + 1) % 10)
    values = [
        good,  # 0 valid
        wrong_check,  # 1 Luhn
        pnr("19650230"),  # 2 no 30 February (Luhn right)
        pnr("19651301"),  # 3 month 13
        pnr("19650100"),  # 4 day 0
        pnr("19000229"),  # 5 1900 was no leap year
        pnr("19650192"),  # 6 samordningsnummer day 92 = 32
        pnr("19650161"),  # 7 samordningsnummer day 61 = 1: valid
        "19650415-1234",  # 8 not 12 digits
        "19650415123",  # 9 eleven digits
        None,  # 10 null: the not_null rule's business
        "1965041512ab",  # 11 letters
    ]
    assert invalid_positions(pa.array(values, pa.string())).tolist() == [1, 2, 3, 4, 5, 6, 8, 9, 11]


def test_chunked_and_sliced_input() -> None:
    good, bad = pnr("19900101"), pnr("19900132")
    chunked = pa.chunked_array([pa.array([good, bad]), pa.array([bad, good, good])])
    assert invalid_positions(chunked).tolist() == [1, 2]
    sliced = pa.array([bad, good, bad, good]).slice(1, 3)
    assert invalid_positions(sliced).tolist() == [1]


def _contacts(period: str, numbers: list[str]) -> list[dict]:
    year, month = int(period[:4]), int(period[5:])
    return [
        {
            "kontakt_id": f"K{period}-{i}",
            "personnummer": number,
            "kostnadsstalle": "210101",
            "vardform": "OPPENVARD",
            "yrkeskategori": "LAKARE",
            "kontakttyp": "FYSISKT",
            "kontaktdatum": date(year, month, 10),
            "inskrivningsdatum": None,
            "drg": None,
            "drg_vikt": None,
        }
        for i, number in enumerate(numbers)
    ]


def _assessments(period: str, numbers: list[str]) -> list[dict]:
    year, month = int(period[:4]), int(period[5:])
    return [
        {
            "bedomning_id": f"B{period}-{i}",
            "personnummer": number,
            "kostnadsstalle": "210101",
            "beslutsdatum": date(year, month, 2),
            "bedomningsdatum": date(year, month, 3),
            "yrkeskategori": "LAKARE",
            "patientvald_vantan": False,
        }
        for i, number in enumerate(numbers)
    ]


def test_gate_quarantines_invalid_personnummer_with_masked_samples(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    good, luhn_bad, date_bad = pnr("19650415"), pnr("19650415")[:-1] + "0", pnr("19650231")
    if luhn_bad == good:
        luhn_bad = good[:-1] + "1"
    write_delivery(settings.landing_dir, "vardkontakter", "2024-01", _contacts("2024-01", [good]))
    write_delivery(
        settings.landing_dir,
        "vardkontakter",
        "2024-02",
        _contacts("2024-02", [good, luhn_bad, date_bad]),
    )
    write_delivery(
        settings.landing_dir, "pv_bedomningar", "2024-02", _assessments("2024-02", [luhn_bad])
    )

    outcomes = by_key(run_gate(settings))

    assert outcomes["vardkontakter/2024-01"].status == "accepted"
    bad = outcomes["vardkontakter/2024-02"]
    assert bad.status == "quarantined"
    assert failed(bad) == {("personnummer", "personnummer")}
    rule = next(r for r in report_of(bad)["rules_failed"] if r["rule"] == "personnummer")
    assert rule["unexpected_count"] == 2
    assert len(rule["sample_rows"]) == 2
    assert all(row["personnummer"] == MASK for row in rule["sample_rows"])
    assert {row["kontakt_id"] for row in rule["sample_rows"]} == {"K2024-02-1", "K2024-02-2"}
    text = (Path(bad.report_path).parent / "report.txt").read_text(encoding="utf-8")
    assert luhn_bad not in text and date_bad not in text
    # every extract with a personnummer identifier column gets the rule
    assert ("personnummer", "personnummer") in failed(outcomes["pv_bedomningar/2024-02"])
