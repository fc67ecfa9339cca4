"""The load manifest: what was processed, with which checksum, and what is in use."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from hsn.gate.accepting import write_accepted
from hsn.gate.atomic import write_text_atomic
from hsn.gate.contract import EXTRACTS
from hsn.gate.paths import deliveries_file

FORMAT = 1


def load_manifest(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"format": FORMAT, "deliveries": {}}
    with path.open(encoding="utf-8") as handle:
        manifest = json.load(handle)
    manifest.setdefault("deliveries", {})
    return manifest


def save_manifest(path: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    write_text_atomic(path, text)


def record(manifest: dict[str, Any], key: str, entry: dict[str, Any]) -> dict[str, Any]:
    """Make entry the current one for key; the earlier one moves into its history."""
    previous = manifest["deliveries"].get(key)
    history: list[dict[str, Any]] = []
    if previous:
        history = previous.pop("history", [])
        history.append(previous)
    entry["history"] = history
    manifest["deliveries"][key] = entry
    return entry


DELIVERIES_SCHEMA = pa.schema(
    [
        pa.field("extract", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("checksum", pa.string(), nullable=False),
        pa.field("rows", pa.int64(), nullable=False),
        pa.field("belopp_summa", pa.decimal128(18, 2)),
        pa.field("accepted_at", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)


def write_deliveries_parquet(manifest: dict[str, Any], accepted_dir: Path) -> Path:
    """accepted/_manifest/deliveries.parquet: the accepted version in use of every delivery."""
    rows: list[dict[str, Any]] = []
    for entry in manifest["deliveries"].values():
        accepted = entry.get("accepted")
        if not accepted or entry.get("extract") not in EXTRACTS:
            continue
        total = accepted.get("belopp_summa")
        rows.append(
            {
                "extract": entry["extract"],
                "period": entry["period"],
                "checksum": accepted["checksum"],
                "rows": accepted["rows"],
                "belopp_summa": None if total is None else Decimal(total),
                "accepted_at": datetime.fromisoformat(accepted["accepted_at"]),
            }
        )
    rows.sort(key=lambda r: (r["extract"], r["period"]))
    table = pa.Table.from_pylist(rows, schema=DELIVERIES_SCHEMA)
    target = deliveries_file(accepted_dir)
    write_accepted(table, target)
    return target
