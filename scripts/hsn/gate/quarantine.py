"""Quarantine a rejected delivery: a copy of its files and a report, machine- and human-readable."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from hsn.gate.atomic import write_text_atomic
from hsn.gate.contract import EXTRACTS
from hsn.gate.failures import RuleFailure
from hsn.gate.pseudonymise import mask

SAMPLES = 5


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def safe_row(row: dict[str, Any], extract: str | None) -> dict[str, Any]:
    """A sample row fit for a report: identifiers masked, dropped free text left out."""
    contract = EXTRACTS.get(extract or "")
    identifiers = set(contract.identifier_columns) if contract else set()
    dropped = {c.name for c in contract.columns if c.dropped} if contract else set()
    out: dict[str, Any] = {}
    for name, value in row.items():
        if name in dropped:
            continue
        out[name] = mask(value) if name in identifiers else jsonable(value)
    return out


def sample_rows(table: pa.Table, positions: list[int], extract: str) -> list[dict[str, Any]]:
    if not positions:
        return []
    rows = table.take(pa.array(positions[:SAMPLES], pa.int64())).to_pylist()
    return [safe_row(r, extract) for r in rows]


def write_quarantine(
    folder: Path,
    files: list[Path],
    report: dict[str, Any],
    failures: list[RuleFailure],
    *,
    copy_files: bool = True,
) -> Path:
    """Copy the delivery's files into folder, with report.json and report.txt. Returns the json."""
    folder.mkdir(parents=True, exist_ok=True)
    if copy_files:
        for path in files:
            shutil.copy2(path, folder / path.name)
    extract = report.get("extract")
    rules = []
    for failure in failures:
        item = failure.to_json()
        item["sample_rows"] = [safe_row(r, extract) for r in failure.sample_rows]
        rules.append(item)
    document = {**report, "rules_failed": rules}
    json_path = folder / "report.json"
    write_text_atomic(json_path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    write_text_atomic(folder / "report.txt", report_text(document))
    return json_path


def report_text(document: dict[str, Any]) -> str:
    lines = [
        "KARANTÄN / QUARANTINE",
        f"Leverans / delivery : {document.get('delivery')}",
        f"Extrakt / extract   : {document.get('extract')}",
        f"Period              : {document.get('period')}",
        f"Kontrollsumma       : {document.get('checksum')}",
        f"Filer / files       : {', '.join(f['name'] for f in document.get('files', []))}",
        f"Rader / rows        : {document.get('rows')}",
        f"Kontrollerad / at   : {document.get('checked_at')}",
        "",
    ]
    if document.get("extract") is None:
        pass
    elif document.get("previous_accepted_in_use"):
        lines.append(
            "Tidigare godkänd version används fortfarande. "
            "The previously accepted version of this period stays in use."
        )
    else:
        lines.append(
            "Ingen godkänd version av perioden finns. No accepted version of this period exists."
        )
    if document.get("note"):
        lines.append(str(document["note"]))
    lines += ["", f"Regler som inte uppfylls / failed rules ({len(document['rules_failed'])}):"]
    for n, rule in enumerate(document["rules_failed"], start=1):
        count = rule.get("unexpected_count")
        lines.append(
            f"{n}. [{rule['rule']}] kolumn/column {rule.get('column') or '-'}"
            + (f", {count} rader/rows" if count is not None else "")
        )
        lines.append(f"   {rule['message']}")
        for sample in rule.get("sample_rows", []):
            lines.append(f"   - {json.dumps(sample, ensure_ascii=False)}")
    lines += [
        "",
        "Rätta leveransen i landningsytan och kör grinden igen; en ny leverans av perioden "
        "ersätter den gamla. Fix the delivery in landing and run the gate again.",
    ]
    return "\n".join(lines) + "\n"
