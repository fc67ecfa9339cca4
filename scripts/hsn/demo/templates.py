"""Cell templates: which (kostnadsställe, konto, personalkategori) carry a basenhet's line.

A template row belongs to one series (latest basenhet x report line) and has a weight; a
month's series amount is split over the rows whose kostnadsställe exists that month.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from hsn.demo import accounts as acc
from hsn.demo.organisation import BASENHETER, Kostnadsstalle, kostnadsstallen

ADMIN_LINES = (7, 8, 12, 14, 15, 16)
TEMPLATE_SEED = 7041


@dataclass(frozen=True)
class Template:
    ks: list[Kostnadsstalle]
    ks_idx: npt.NDArray[np.int64]  # row -> index into ks
    series: npt.NDArray[np.int64]  # row -> basenhet_index * 17 + (line - 1)
    konto: npt.NDArray[np.str_]
    personalkategori: npt.NDArray[np.object_]  # str or None
    motpart: npt.NDArray[np.str_]
    weight: npt.NDArray[np.float64]


def build_template(
    allowed: npt.NDArray[np.bool_],
    *,
    with_personalkategori: bool | None = None,
    pk_basenheter: set[str] | None = None,
) -> Template:
    """Template rows for every kostnadsställe ever.

    Personnel accounts 4000-4599 get one row per personalkategori when the basenhet is in
    ``pk_basenheter`` (or always, when ``with_personalkategori`` is True), else one row with
    personalkategori None.
    """
    rng = np.random.default_rng(TEMPLATE_SEED)
    ks_list = kostnadsstallen()
    b_index = {b[0]: i for i, b in enumerate(BASENHETER)}
    ks_idx: list[int] = []
    series: list[int] = []
    konto: list[str] = []
    pk: list[str | None] = []
    motpart: list[str] = []
    weight: list[float] = []
    for k, ks in enumerate(ks_list):
        bi = b_index[ks.basenhet]
        first = ks.code.endswith("01")
        for line in acc.LINES:
            if not allowed[bi, line - 1]:
                continue
            if ks.is_admin and line not in ADMIN_LINES:
                continue
            ks_w = (3.0 if first else 1.0) * float(rng.lognormal(0.0, 0.4))
            if ks.is_admin:
                ks_w *= 0.3
            for a in acc.accounts_of_line(line):
                a_w = a.weight * float(rng.lognormal(0.0, 0.15))
                split_pk = a.has_personalkategori and (
                    with_personalkategori
                    or (pk_basenheter is not None and ks.basenhet in pk_basenheter)
                )
                cats: list[tuple[str | None, float]]
                if split_pk:
                    cats = [
                        (c, cw * float(rng.lognormal(0.0, 0.2)))
                        for c, cw in zip(
                            acc.PERSONALKATEGORIER, acc.PERSONALKATEGORI_WEIGHTS, strict=True
                        )
                    ]
                else:
                    cats = [(None, 1.0)]
                for c, cw in cats:
                    ks_idx.append(k)
                    series.append(bi * 17 + line - 1)
                    konto.append(a.konto)
                    pk.append(c)
                    motpart.append(a.motpart)
                    weight.append(ks_w * a_w * cw)
    return Template(
        ks=ks_list,
        ks_idx=np.array(ks_idx, dtype=np.int64),
        series=np.array(series, dtype=np.int64),
        konto=np.array(konto),
        personalkategori=np.array(pk, dtype=object),
        motpart=np.array(motpart),
        weight=np.array(weight, dtype=np.float64),
    )


def valid_mask(template: Template, period: str) -> npt.NDArray[np.bool_]:
    valid_ks = np.array([k.first_period <= period <= k.last_period for k in template.ks])
    return valid_ks[template.ks_idx]
