"""Keyed pseudonyms: stable, dependent on the key, and the key is never written anywhere."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from gate_fixtures import (
    TEST_KEY,
    by_key,
    failed,
    make_settings,
    report_of,
    write_delivery,
)
from hsn.gate import run_gate
from hsn.gate.paths import accepted_file
from hsn.gate.pseudonymise import MASK, normalise, pseudonym, pseudonymise_array

PNR = "191212121212"


def test_pseudonym_is_stable_keyed_and_normalised() -> None:
    first = pseudonym(PNR, "personnummer", "key-a")
    assert first == pseudonym(PNR, "personnummer", "key-a")
    assert first == pseudonym("19121212-1212", "personnummer", "key-a")
    assert first != pseudonym(PNR, "personnummer", "key-b")
    assert first != pseudonym("191212121213", "personnummer", "key-a")
    expected = hmac.new(b"key-a", PNR.encode(), hashlib.sha256).hexdigest()
    assert first == expected and len(first) == 64
    assert normalise("+46 70-123 45 67", "telefonnummer") == "0701234567"
    assert normalise("0046701234567", "telefonnummer") == "0701234567"
    same = pseudonym(PNR, "personnummer", "k")
    values = pa.array([PNR, None, PNR])
    assert pseudonymise_array(values, "personnummer", "k").to_pylist() == [same, None, same]


def _contacts(period: str) -> list[dict]:
    year, month = int(period[:4]), int(period[5:])
    return [
        {
            "kontakt_id": f"K{period}-{i}",
            "personnummer": PNR if i % 2 else "198001019879",
            "kostnadsstalle": "210101",
            "vardform": "SLUTENVARD" if i == 0 else "OPPENVARD",
            "yrkeskategori": "LAKARE",
            "kontakttyp": "FYSISKT",
            "kontaktdatum": date(year, month, 10 + i),
            "inskrivningsdatum": date(year, month, 1) if i == 0 else None,
            "drg": None,
            "drg_vikt": None,
        }
        for i in range(4)
    ]


def _calls(period: str) -> list[dict]:
    year, month = int(period[:4]), int(period[5:])
    return [
        {
            "samtal_id": f"S{period}-{i}",
            "kostnadsstalle": "210101",
            "inkommande": datetime(year, month, 3, 8, i),
            "besvarad": None,
            "telefonnummer": "070-123 45 67",
        }
        for i in range(3)
    ]


def test_identifiers_are_pseudonymised_masked_and_the_key_never_written(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    write_delivery(settings.landing_dir, "vardkontakter", "2024-01", _contacts("2024-01"))
    bad = _contacts("2024-02")
    bad[1]["personnummer"] = "19121212-1212"  # not 12 digits
    bad[2]["kontaktdatum"] = date(2024, 3, 1)
    write_delivery(settings.landing_dir, "vardkontakter", "2024-02", bad)
    write_delivery(settings.landing_dir, "telefoni", "2024-01", _calls("2024-01"))

    outcomes = by_key(run_gate(settings))

    assert outcomes["vardkontakter/2024-01"].status == "accepted"
    assert outcomes["telefoni/2024-01"].status == "accepted"
    contacts = pq.read_table(accepted_file(settings.accepted_dir, "vardkontakter", "2024-01"))
    assert set(contacts["personnummer"].to_pylist()) == {
        pseudonym(PNR, "personnummer", TEST_KEY),
        pseudonym("198001019879", "personnummer", TEST_KEY),
    }
    calls = pq.read_table(accepted_file(settings.accepted_dir, "telefoni", "2024-01"))
    assert set(calls["telefonnummer"].to_pylist()) == {
        pseudonym("0701234567", "telefonnummer", TEST_KEY)
    }

    quarantined = outcomes["vardkontakter/2024-02"]
    assert {("format", "personnummer"), ("period", "kontaktdatum")} <= failed(quarantined)
    report = report_of(quarantined)
    samples = [row for rule in report["rules_failed"] for row in rule["sample_rows"]]
    assert samples and all(row["personnummer"] == MASK for row in samples)
    report_dir = Path(quarantined.report_path).parent
    for name in ("report.json", "report.txt"):
        text = (report_dir / name).read_text(encoding="utf-8")
        assert "19121212" not in text and "198001019879" not in text

    key = TEST_KEY.encode()
    written = [p for p in settings.data_dir.rglob("*") if p.is_file()]
    assert len(written) > 5
    assert not [p for p in written if key in p.read_bytes()]
    for path in settings.accepted_dir.rglob("*.parquet"):
        assert b"19121212" not in path.read_bytes() and b"070-123" not in path.read_bytes()


def test_another_key_gives_other_pseudonyms(tmp_path: Path) -> None:
    values = []
    for key in ("key-one", "key-two"):
        settings = make_settings(tmp_path / key, key=key)
        write_delivery(settings.landing_dir, "vardkontakter", "2024-01", _contacts("2024-01"))
        run_gate(settings)
        table = pq.read_table(accepted_file(settings.accepted_dir, "vardkontakter", "2024-01"))
        values.append(set(table["personnummer"].to_pylist()))
    assert values[0].isdisjoint(values[1])
