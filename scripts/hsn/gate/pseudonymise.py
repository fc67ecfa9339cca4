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
import pyarrow.compute as pc

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


@lru_cache(maxsize=4)
def _keyed(key: str) -> hmac.HMAC:
    """The HMAC state after the key; copying it is about half the cost of a new HMAC."""
    return hmac.new(key.encode("utf-8"), digestmod=hashlib.sha256)


def pseudonym(value: str, kind: str, key: str) -> str:
    if not key:
        raise ValueError("an empty pseudonym key is not allowed")
    mac = _keyed(key).copy()
    mac.update(normalise(value, kind).encode("utf-8"))
    return mac.hexdigest()


# The same people recur month after month: remember their pseudonyms for the whole run
# (in memory only; nothing of it is ever written).
_cached_pseudonym = lru_cache(maxsize=1_000_000)(pseudonym)


def pseudonymise_array(values: pa.Array | pa.ChunkedArray, kind: str, key: str) -> pa.Array:
    """Replace every non-null value by its pseudonym (nulls stay null).

    Each distinct value is hashed once; the rows take theirs by dictionary index.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    encoded = pc.dictionary_encode(values.cast(pa.string()))
    hashed = pa.array(
        [_cached_pseudonym(value, kind, key) for value in encoded.dictionary.to_pylist()],
        pa.string(),
    )
    return hashed.take(encoded.indices)


MASK = "************"


def mask(value: object) -> str | None:
    """What a report shows instead of an identifier."""
    return None if value is None else MASK
