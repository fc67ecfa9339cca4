"""The demo organisation: Region Västerbotten's HSN tree as the seed report shows it.

Basenhet codes and names are the seed's (truncated names completed); område 21 has invented
basenheter (91xx). Kostnadsställen are invented: basenhet code + two digits. A few
organisation changes are built in so that the warehouse must place history in the latest
organisation (see ``ORG_CHANGES``).
"""

from __future__ import annotations

from dataclasses import dataclass

FORVALTNING = "2"
FORVALTNING_NAMN = "Hälso- och sjukvårdsförvaltningen"

OMRADEN: dict[str, str] = {
    "21": "Förvaltningsövergripande verksamhet",
    "22": "Närsjukvård Södra Lappland",
    "23": "Närsjukvård Skellefteå",
    "24": "Närsjukvård Umeå",
    "25": "Länssjukvårdsområde 1",
    "26": "Länssjukvårdsområde 2",
    "27": "Tandvård",
}

# kind: PV primary care, SJUKSTUGA cottage hospital with health centre, KLINIK hospital
# clinic, TAND dental care, OVRIGT other (staff, 1177, aids).
# (code, name, omrade, kind, size in mkr cost per year: a weight only)
BASENHETER: list[tuple[str, str, str, str, float]] = [
    ("9101", "HSF stab", "21", "OVRIGT", 150),
    ("9102", "FoUU", "21", "OVRIGT", 120),
    ("9103", "Förvaltningsgemensamt HSF", "21", "OVRIGT", 250),
    ("1001", "Stenbergska hälsocentralen", "22", "PV", 60),
    ("1002", "Vilhelmina sjukstuga hälsocentral", "22", "SJUKSTUGA", 110),
    ("1003", "Åsele-Dorotea sjukstugor HC", "22", "SJUKSTUGA", 120),
    ("1004", "Storuman-Tärnaby sjukstugor", "22", "SJUKSTUGA", 110),
    ("1005", "Malå-Sorsele sjukstugor", "22", "SJUKSTUGA", 90),
    ("1006", "Medicin- och rehabiliteringsklinik Södra Lappland", "22", "KLINIK", 220),
    ("1007", "Psykiatrisk klinik Södra Lappland", "22", "KLINIK", 90),
    ("1080", "Primärvård Nord Skellefteå", "23", "PV", 120),
    ("1082", "Primärvård Syd Skellefteå", "23", "PV", 110),
    ("1084", "Primärvård Väst Skellefteå", "23", "PV", 100),
    ("1128", "Medicinsk och geriatrisk klinik Skellefteå", "23", "KLINIK", 420),
    ("1129", "Psykiatrisk klinik Skellefteå", "23", "KLINIK", 200),
    ("1130", "Rehabcentrum Skellefteå", "23", "KLINIK", 60),
    ("1380", "1177 Västerbotten", "23", "OVRIGT", 70),
    ("1592", "Akutmottagning Skellefteå", "23", "KLINIK", 110),
    ("1030", "Primärvård Länsuppdrag Västerbotten", "24", "PV", 60),
    ("1040", "Primärvård Väst Umeå", "24", "PV", 170),
    ("1050", "Primärvård Syd Umeå", "24", "PV", 150),
    ("1060", "Primärvård Nord Umeå", "24", "PV", 160),
    ("1070", "Primärvård Öst Umeå", "24", "PV", 140),
    ("1462", "Geriatriskt centrum Umeå", "24", "KLINIK", 200),
    ("1463", "Psykiatrisk klinik Umeå", "24", "KLINIK", 380),
    ("1581", "Barn- och ungdomspsykiatri Västerbotten", "24", "KLINIK", 170),
    ("1584", "Arbets- och beteendemedicinskt centrum", "24", "KLINIK", 40),
    ("1593", "Akutmottagning Umeå", "24", "KLINIK", 190),
    ("1595", "Ambulanssjukvård Västerbotten", "24", "KLINIK", 280),
    ("2002", "Hud och STD Västerbotten", "24", "KLINIK", 70),
    ("2003", "Reumatologi Västerbotten", "24", "KLINIK", 60),
    ("2129", "Infektionsklinik Umeå", "24", "KLINIK", 120),
    ("2141", "Medicincentrum Umeå", "24", "KLINIK", 800),
    ("5042", "Habiliteringscentrum Västerbotten", "24", "KLINIK", 120),
    ("5050", "Hjälpmedel Västerbotten", "24", "OVRIGT", 200),
    ("2001", "Barn- och ungdomscentrum Västerbotten", "25", "KLINIK", 450),
    ("2140", "Cancercentrum Umeå", "25", "KLINIK", 600),
    ("2146", "Centrum för obstetrik och gynekologi Umeå", "25", "KLINIK", 380),
    ("2256", "Kirurgcentrum Västerbotten", "25", "KLINIK", 700),
    ("3010", "Bild- och funktionsmedicin Västerbotten", "25", "KLINIK", 450),
    ("3020", "Laboratoriemedicin Västerbotten", "25", "KLINIK", 420),
    ("2007", "Ögonkliniken Västerbotten", "26", "KLINIK", 170),
    ("2121", "Hjärtcentrum Umeå", "26", "KLINIK", 550),
    ("2138", "Neuro-, huvud- och halscentrum Västerbotten", "26", "KLINIK", 600),
    ("2145", "Centrum för anestesi, operation och intensivvård Umeå", "26", "KLINIK", 750),
    ("2147", "Hand- och plastikkirurgisk klinik Umeå", "26", "KLINIK", 180),
    ("2149", "Kirurgiskt centrum Södra Lappland", "26", "KLINIK", 300),
    ("2253", "Anestesi-operation-iva Skellefteå", "26", "KLINIK", 250),
    ("2257", "Rörelseorganens centrum Västerbotten", "26", "KLINIK", 450),
    ("4011", "Folktandvården Mitt", "27", "TAND", 180),
    ("4017", "Folktandvården Syd", "27", "TAND", 150),
    ("4025", "Folktandvården Nord", "27", "TAND", 160),
    ("4174", "Specialisttandvård Endodonti/Käkkirurgi", "27", "TAND", 70),
    ("4175", "Specialisttandvård Parodontologi", "27", "TAND", 40),
    ("4176", "Specialisttandvård Pedodonti/Ortodonti", "27", "TAND", 60),
    ("4179", "Utbildningstandvård", "27", "TAND", 10),
    ("4791", "FTV ledning och administration", "27", "TAND", 60),
]

NOT_IN_PRODUCTION = {"3010", "3020", "5042"}
BUP = {"1581"}

_KS_NAMES: dict[str, list[str]] = {
    "PV": [
        "Hälsocentral 1",
        "Hälsocentral 2",
        "Distriktssköterskemottagning",
        "Hälsocentral 3",
        "Administration",
    ],
    "SJUKSTUGA": ["Hälsocentral", "Vårdavdelning", "Akutmottagning", "Administration"],
    "KLINIK": ["Mottagning", "Vårdavdelning 1", "Vårdavdelning 2", "Dagvård", "Administration"],
    "TAND": ["Klinik 1", "Klinik 2", "Klinik 3", "Administration"],
    "OVRIGT": ["Verksamhet", "Administration", "Projekt"],
}
# number of kostnadsställen per basenhet (2-5), a fixed function of the code
_N_KS_CYCLE = (3, 4, 2, 5, 3, 4, 3)
_N_KS_FIXED = {"1462": 4, "2253": 4, "1005": 3, "1593": 5}


@dataclass(frozen=True)
class Kostnadsstalle:
    code: str
    name: str
    basenhet: str  # latest (or, if closed, last known) basenhet
    kind: str
    is_admin: bool
    first_period: str = "0000-00"
    last_period: str = "9999-99"


@dataclass(frozen=True)
class OrgChange:
    """A kostnadsställe that moved: its placement before ``period`` was ``from_basenhet``."""

    kostnadsstalle: str
    period: str
    from_basenhet: str
    to_basenhet: str


# The built-in organisation changes (dbt and gate tests may rely on these codes).
MOVED_BASENHET = OrgChange("146203", "2022-01", "1462", "2141")  # same område 24
MOVED_OMRADE = OrgChange("225304", "2023-07", "2253", "1592")  # område 26 -> 23
CLOSED_KS = "100502"  # Malå-Sorsele Vårdavdelning, last month 2021-12
CLOSED_LAST_PERIOD = "2021-12"
OPENED_KS = "159306"  # Akutmottagning Umeå Närakut, first month 2023-03
OPENED_FIRST_PERIOD = "2023-03"
ORG_CHANGES = (MOVED_BASENHET, MOVED_OMRADE)

_BASENHET_BY_CODE = {b[0]: b for b in BASENHETER}


def basenhet_kind(code: str) -> str:
    return _BASENHET_BY_CODE[code][3]


def _vardniva(kind: str, ks_name: str, omrade: str) -> str:
    if omrade == "27":
        return "TANDVARD"
    if kind == "OVRIGT":
        return "OVRIGT"
    if kind == "PV":
        return "PRIMARVARD"
    if kind == "SJUKSTUGA":
        return "PRIMARVARD" if ks_name.startswith("Hälsocentral") else "SJUKHUSVARD"
    return "SJUKHUSVARD"


def kostnadsstallen() -> list[Kostnadsstalle]:
    """All kostnadsställen ever, with their latest (or last known) basenhet."""
    out: list[Kostnadsstalle] = []
    for i, (code, _name, _omr, kind, _size) in enumerate(BASENHETER):
        names = _KS_NAMES[kind]
        n = min(_N_KS_FIXED.get(code, _N_KS_CYCLE[i % len(_N_KS_CYCLE)]), len(names))
        for k in range(n):
            ks_name = "Käkkirurgi" if (code, k) == ("4174", 0) else names[k]
            out.append(
                Kostnadsstalle(
                    f"{code}{k + 1:02d}", ks_name, code, kind, ks_name == "Administration"
                )
            )
    by_code = {k.code: k for k in out}
    # apply the changes: moved units get their latest basenhet, closed/opened their validity
    for ch in ORG_CHANGES:
        old = by_code[ch.kostnadsstalle]
        by_code[ch.kostnadsstalle] = Kostnadsstalle(
            old.code, old.name, ch.to_basenhet, basenhet_kind(ch.to_basenhet), old.is_admin
        )
    old = by_code[CLOSED_KS]
    by_code[CLOSED_KS] = Kostnadsstalle(
        old.code, old.name, old.basenhet, old.kind, old.is_admin, last_period=CLOSED_LAST_PERIOD
    )
    by_code[OPENED_KS] = Kostnadsstalle(
        OPENED_KS, "Närakut", "1593", "KLINIK", False, first_period=OPENED_FIRST_PERIOD
    )
    return [by_code[c] for c in sorted(by_code)]


def placement(ks: Kostnadsstalle, period: str) -> str:
    """The basenhet of ``ks`` in ``period``."""
    for ch in ORG_CHANGES:
        if ch.kostnadsstalle == ks.code and period < ch.period:
            return ch.from_basenhet
    return ks.basenhet


def is_valid(ks: Kostnadsstalle, period: str) -> bool:
    return ks.first_period <= period <= ks.last_period


def organisation_rows(period: str) -> list[dict[str, object]]:
    """The organisation extract for one month, sorted by kostnadsställe."""
    rows: list[dict[str, object]] = []
    for ks in kostnadsstallen():
        if not is_valid(ks, period):
            continue
        b = placement(ks, period)
        _code, b_name, omr, kind, _size = _BASENHET_BY_CODE[b]
        vardniva = _vardniva(kind, ks.name, omr)
        rows.append(
            {
                "kostnadsstalle": ks.code,
                "kostnadsstalle_namn": ks.name,
                "basenhet": b,
                "basenhet_namn": b_name,
                "omrade": omr,
                "omrade_namn": OMRADEN[omr],
                "forvaltning": FORVALTNING,
                "forvaltning_namn": FORVALTNING_NAMN,
                "vardniva": vardniva,
                "ingar_i_produktion": not (
                    b in NOT_IN_PRODUCTION or vardniva == "OVRIGT" or ks.code == "417401"
                ),
                "ar_bup": b in BUP,
            }
        )
    return rows


ORGANISATION_COLUMNS = (
    "kostnadsstalle",
    "kostnadsstalle_namn",
    "basenhet",
    "basenhet_namn",
    "omrade",
    "omrade_namn",
    "forvaltning",
    "forvaltning_namn",
    "vardniva",
    "ingar_i_produktion",
    "ar_bup",
)
