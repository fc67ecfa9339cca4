"""The riket extract's Parquet schema (rows come from ``tillganglighet_kolada.riket_rows``)."""

from __future__ import annotations

import pyarrow as pa

RIKET_SCHEMA = pa.schema([("matt", pa.string()), ("andel", pa.float64()), ("kalla", pa.string())])
