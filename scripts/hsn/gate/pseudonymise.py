"""Keyed pseudonyms for direct identifiers (personnummer, telefonnummer).

pseudonym = HMAC-SHA256(key, normalised value), as 64 lower-case hex characters. The same
person gets the same pseudonym in every extract and month (so visits can be counted per
patient), nobody without the key can recompute it, and the key itself is never written.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from functools import lru_cache

import pyarrow as pa

_NOT_DIGIT = re.compile(r"\D")


def normalise(value: str, kind: str) -> str:
    """The canonical form of an identifier before hashing.

    personnummer: digits only ('19121212-1212' -> '191212121212').
    telefonnummer: digits only, with a leading +46 / 0046 written as 0.
    """
    text = value.strip()
    if kind == "telefonnummer":
        text = re.sub(r"^(\+|00)46", "0", text.replace(" ", ""))
        return _NOT_DIGIT.sub("", text)
    if kind == "personnummer":
        return _NOT_DIGIT.sub("", text)
    raise ValueError(f"unknown identifier kind {kind!r}")


def pseudonym(value: str, kind: str, key: str) -> str:
    if not key:
        raise ValueError("an empty pseudonym key is not allowed")
    data = normalise(value, kind).encode("utf-8")
    return hmac.new(key.encode("utf-8"), data, hashlib.sha256).hexdigest()


# The same people recur month after month: remember their pseudonyms for the whole run
# (in memory only; nothing of it is ever written).
_cached_pseudonym = lru_cache(maxsize=1_000_000)(pseudonym)


def pseudonymise_array(values: pa.Array | pa.ChunkedArray, kind: str, key: str) -> pa.Array:
    """Replace every non-null value by its pseudonym (nulls stay null)."""
    out = [
        None if value is None else _cached_pseudonym(value, kind, key)
        for value in values.to_pylist()
    ]
    return pa.array(out, pa.string())


MASK = "************"


def mask(value: object) -> str | None:
    """What a report shows instead of an identifier."""
    return None if value is None else MASK
