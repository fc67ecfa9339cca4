"""Which demo kostnadsställen produce what in a month, from that month's organisation.

Wards (census and inpatient episodes): the sjukstugor's hälsocentraler (primärvård with beds,
as in the seed) and every 'Vårdavdelning' in sjukhusvård. Outpatient visits: vårdcentraler
and distriktssköterskemottagningar (primärvård), mottagning, dagvård and akutmottagning
(sjukhusvård), and the dental clinics. Units left out of production statistics (käkkirurgi,
medicinsk service, habilitering) get a few contacts too, so that their exclusion shows.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hsn.demo.organisation import basenhet_kind, organisation_rows

_SV_OPPENVARD = ("Mottagning", "Dagvård", "Akutmottagning", "Närakut")


@dataclass(frozen=True)
class Enheter:
    """Kostnadsställen (sorted) and a fixed relative size for each, per role."""

    pv_avdelningar: list[str]
    sv_avdelningar: list[str]
    pv_mottagningar: list[str]
    sv_mottagningar: list[str]
    tandkliniker: list[str]
    utanfor_produktion: list[str]

    def vikt(self, role: str) -> npt.NDArray[np.float64]:
        """Relative sizes (summing to 1) of the units of ``role``, fixed per code."""
        codes: list[str] = getattr(self, role)
        raw = np.array([0.5 + (zlib.crc32(c.encode()) % 1000) / 1000 for c in codes])
        return raw / raw.sum()


def enheter(period: str) -> Enheter:
    roles: dict[str, list[str]] = {
        "pv_avdelningar": [],
        "sv_avdelningar": [],
        "pv_mottagningar": [],
        "sv_mottagningar": [],
        "tandkliniker": [],
        "utanfor_produktion": [],
    }
    for row in organisation_rows(period):
        code, name = str(row["kostnadsstalle"]), str(row["kostnadsstalle_namn"])
        vardniva = row["vardniva"]
        if name == "Administration" or vardniva == "OVRIGT":
            continue
        if not row["ingar_i_produktion"]:
            roles["utanfor_produktion"].append(code)
        elif vardniva == "TANDVARD":
            roles["tandkliniker"].append(code)
        elif vardniva == "PRIMARVARD":
            roles["pv_mottagningar"].append(code)
            if basenhet_kind(str(row["basenhet"])) == "SJUKSTUGA":
                roles["pv_avdelningar"].append(code)
        elif name.startswith("Vårdavdelning"):
            roles["sv_avdelningar"].append(code)
        elif name in _SV_OPPENVARD:
            roles["sv_mottagningar"].append(code)
    return Enheter(**{k: sorted(v) for k, v in roles.items()})
