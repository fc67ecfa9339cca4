"""Calibration targets from the seed report (Resultatuppföljning februari 2024).

Two kinds of figures live here:

* ``SEED_*``: the figures exactly as the seed report displays them (mkr / tkr, rounded).
* ``REGION_TARGETS_TKR``: exact values (tkr) chosen by a small integer search so that every
  displayed figure of the seed's "budgetavvikelse – februari 2024" table (lines, group totals,
  grand total, deviations and kostnadsutveckling %) rounds to the seed's value at once, and the
  total ack deviation equals the sum of the per-basenhet figures (-165 593 tkr).

Report convention: revenue positive, costs negative.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# name: (Februari avvikelse, Ack utfall föreg år, Ack utfall innev år, Ack budget innev år,
#        Ack avvikelse, kostnadsutveckling %, Helår budget) -- mkr, as displayed in the seed
SEED_REGION_TABLE: dict[str, tuple[int, int, int, int, int, float, int]] = {
    "Patientintäkter": (-1, 40, 49, 53, -3, 23.5, 304),
    "Vårdintäkt inkl lab/rtg": (17, 271, 296, 283, 12, 9.1, 1798),
    "Tandvårdsintäkter": (-3, 45, 47, 56, -9, 4.1, 322),
    "Vårdvalet primärvård": (-3, 192, 205, 204, 0, 6.8, 1278),
    "Försäljning av tjänster": (0, 39, 34, 36, -2, -13.1, 220),
    "Övriga intäkter": (5, 79, 85, 73, 12, 8.4, 290),
    "Personal": (-47, -1245, -1354, -1253, -101, 8.8, -7080),
    "Övriga personalkostnader": (-2, -15, -17, -15, -2, 11.3, -86),
    "Läkemedel": (-4, -190, -217, -214, -3, 13.9, -1323),
    "Medicinskt o tandv mtrl": (-12, -89, -106, -90, -16, 18.6, -556),
    "Övrig direkt produktion": (-9, -20, -31, -18, -14, 57.2, -126),
    "Köp av verksamhet o tjänster": (-2, -115, -126, -119, -6, 9.4, -729),
    "Utomlänsvård": (-11, -47, -62, -46, -17, 31.8, -274),
    "Fastighetskostnader": (-1, -20, -20, -19, -1, 2.0, -116),
    "IT/MT poster": (-2, -13, -14, -11, -3, 8.5, -62),
    "Övriga poster": (-10, -56, -54, -39, -15, -3.6, -251),
    "Avskrivningar m m": (0, 0, 0, 0, 0, -20.3, -1),
}
SEED_GROUP_TABLE: dict[str, tuple[int, int, int, int, int, float, int]] = {
    "Verksamhetens intäkter": (14, 665, 716, 704, 12, 7.6, 4213),
    "Verksamhetens kostnader": (-100, -1811, -2001, -1824, -177, 10.5, -10604),
    "Total": (-86, -1145, -1285, -1120, -166, 12.3, -6391),
}

# rapportrad_nr: (Feb avvikelse, ack utfall 2023, ack utfall 2024, ack budget 2024,
#                 helår budget 2024) in tkr, exact
REGION_TARGETS_TKR: dict[int, tuple[int, int, int, int, int]] = {
    1: (-1000, 39698, 49010, 52505, 304000),
    2: (16505, 271000, 295646, 283151, 1798495),
    3: (-3010, 45127, 46997, 55505, 322010),
    4: (-3000, 191766, 204720, 204225, 1278000),
    5: (0, 39002, 33910, 35887, 220000),
    6: (5000, 78902, 85495, 73000, 290000),
    7: (-47000, -1245000, -1354000, -1253076, -7080000),
    8: (-2000, -15268, -17000, -15000, -86000),
    9: (-4000, -190059, -216562, -214000, -1323000),
    10: (-12000, -89342, -105999, -90000, -556000),
    11: (-9000, -20000, -31449, -17944, -126000),
    12: (-2000, -115000, -125861, -119366, -729000),
    13: (-11000, -47034, -62011, -45505, -274000),
    14: (-1000, -19641, -20025, -19000, -116000),
    15: (-2000, -12910, -14002, -11000, -62000),
    16: (-10000, -56000, -54000, -39000, -251000),
    17: (0, -251, -200, -120, -1000),
}

# Per basenhet, ack avvikelse 2024-02 in tkr: (TOTAL, INTÄKTER, UTOMLÄNSVÅRD); None = blank.
# Område 21 has no basenhet table in the seed: its total (-1 044) and utomlänsvård (-1 481)
# come from the per-område table and are split over invented basenheter 9101-9103.
SEED_BASENHET: dict[str, tuple[int, int | None, int | None]] = {
    "1001": (-1134, 4, None),
    "1002": (-2342, 105, None),
    "1003": (-1637, 63, None),
    "1004": (-1565, 214, None),
    "1005": (-3020, 15, -1),
    "1006": (-1728, -293, 0),
    "1007": (-200, 6, None),
    "1080": (-4249, 1, None),
    "1082": (-4089, -58, None),
    "1084": (-4124, -149, None),
    "1128": (-2672, -514, None),
    "1129": (1224, -162, None),
    "1130": (-25, 5, None),
    "1380": (-108, 27, None),
    "1592": (-945, -98, None),
    "1030": (-808, -204, None),
    "1040": (-4891, -8, 0),
    "1050": (-1563, -61, None),
    "1060": (-4697, 13, None),
    "1070": (-1864, 152, None),
    "1462": (-4162, 223, None),
    "1463": (-130, -227, 2841),
    "1581": (-6069, -122, -393),
    "1584": (-926, 4, None),
    "1593": (-8373, 37, None),
    "1595": (-7479, -46, None),
    "2002": (-698, -41, 24),
    "2003": (1135, 244, 0),
    "2129": (1790, 15, -200),
    "2141": (-18387, -588, -2339),
    "5042": (-978, -106, None),
    "5050": (-842, None, None),
    "2001": (4007, -1054, 2580),
    "2140": (-7379, -2350, -1362),
    "2146": (-5812, 296, -1340),
    "2256": (-14497, 686, -6852),
    "3010": (-1852, 2329, None),
    "3020": (-1117, 5259, None),
    "2007": (-1565, 2734, 59),
    "2121": (-6289, 1126, 1492),
    "2138": (-1083, 2788, -164),
    "2145": (-482, None, None),
    "2147": (-7875, 891, -6921),
    "2149": (-9882, -409, -708),
    "2253": (-2601, None, None),
    "2257": (-10916, -741, -1741),
    "4011": (-1924, -19, None),
    "4017": (-1548, 24, None),
    "4025": (-2194, -29, None),
    "4174": (-1472, 61, None),
    "4175": (-1628, -7, None),
    "4176": (510, -55, None),
    "4179": (-3, None, None),
    "4791": (-3391, 11, None),
    # invented område 21 split (sum -1 044, utomlänsvård -1 481 on 9103)
    "9101": (-620, 300, None),
    "9102": (310, 1200, None),
    "9103": (-734, 0, -1481),
}

# The seed's per-område totals (tkr, TOTAL column of the per-basenhet tables / område table)
SEED_OMRADE_TOTAL: dict[str, int] = {
    "21": -1044,
    "22": -11625,
    "23": -14986,
    "24": -58942,
    "25": -26649,
    "26": -40693,
    "27": -11650,
}

OERE_PER_TKR = 100_000


def round_half_up(x: float | Decimal, digits: int = 0) -> Decimal:
    q = Decimal(1).scaleb(-digits)
    return Decimal(str(x)).quantize(q, rounding=ROUND_HALF_UP)


def displayed(
    values_tkr: tuple[int, int, int, int, int],
) -> tuple[int, int, int, int, int, float, int]:
    """The seed's display of one line from exact tkr (F, P, U, B, H)."""
    f, p, u, b, h = values_tkr

    def mkr(v: int) -> int:
        return int(round_half_up(Decimal(v) / 1000))

    k = float(round_half_up(Decimal(u - p) / Decimal(p) * 100, 1))
    return (mkr(f), mkr(p), mkr(u), mkr(b), mkr(u - b), k, mkr(h))


def check_targets() -> list[str]:
    """The displayed figures the targets do not reproduce (empty when all do)."""
    problems: list[str] = []
    names = list(SEED_REGION_TABLE)
    for nr, name in enumerate(names, start=1):
        got = displayed(REGION_TARGETS_TKR[nr])
        if got != SEED_REGION_TABLE[name]:
            problems.append(f"{name}: {got} != {SEED_REGION_TABLE[name]}")
    groups = {
        "Verksamhetens intäkter": range(1, 7),
        "Verksamhetens kostnader": range(7, 18),
        "Total": range(1, 18),
    }
    for g, nrs in groups.items():
        sums = tuple(sum(REGION_TARGETS_TKR[n][i] for n in nrs) for i in range(5))
        got = displayed(sums)  # type: ignore[arg-type]
        if got != SEED_GROUP_TABLE[g]:
            problems.append(f"{g}: {got} != {SEED_GROUP_TABLE[g]}")
    ack = sum(v[2] - v[3] for v in REGION_TARGETS_TKR.values())
    if ack != sum(v[0] for v in SEED_BASENHET.values()):
        problems.append("ack avvikelse != sum of basenheter")
    utom = REGION_TARGETS_TKR[13][2] - REGION_TARGETS_TKR[13][3]
    if utom != sum(v[2] or 0 for v in SEED_BASENHET.values()):
        problems.append("utomlänsvård != sum of basenheter")
    return problems
