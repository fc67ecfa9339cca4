"""The report lines and the accounts the demo books on (a subset of the chart of accounts)."""

from __future__ import annotations

from dataclasses import dataclass

REVENUE_LINES = range(1, 7)  # rapportrad_nr 1-6 are revenue, 7-17 costs
PERSONAL = 7
TANDVARDSINTAKTER = 3
UTOMLANSVARD = 13

LINE_NAMES: dict[int, str] = {
    1: "Patientintäkter",
    2: "Vårdintäkt inkl lab/rtg",
    3: "Tandvårdsintäkter",
    4: "Vårdvalet primärvård",
    5: "Försäljning av tjänster",
    6: "Övriga intäkter",
    7: "Personal",
    8: "Övriga personalkostnader",
    9: "Läkemedel",
    10: "Medicinskt o tandv mtrl",
    11: "Övrig direkt produktion",
    12: "Köp av verksamhet o tjänster",
    13: "Utomlänsvård",
    14: "Fastighetskostnader",
    15: "IT/MT poster",
    16: "Övriga poster",
    17: "Avskrivningar m m",
}
LINES = tuple(LINE_NAMES)

PERSONALKATEGORIER = ("LAK", "OMV", "PAR", "OVR", "EJD")
PERSONALKATEGORI_WEIGHTS = (0.24, 0.38, 0.12, 0.16, 0.10)


@dataclass(frozen=True)
class Account:
    konto: str
    line: int  # rapportrad_nr, 0 = financial (8000-8999)
    weight: float  # share within the line
    motpart: str  # 'E' external, 'I' internal

    @property
    def has_personalkategori(self) -> bool:
        return 4000 <= int(self.konto) <= 4599


ACCOUNTS: tuple[Account, ...] = (
    Account("3011", 1, 0.55, "E"),
    Account("3012", 1, 0.30, "E"),
    Account("3051", 1, 0.15, "E"),
    Account("3111", 2, 0.45, "E"),
    Account("3121", 2, 0.25, "E"),
    Account("3211", 2, 0.30, "I"),
    Account("3311", 3, 0.60, "E"),
    Account("3321", 3, 0.30, "E"),
    Account("3331", 3, 0.10, "E"),
    Account("3411", 4, 0.80, "I"),
    Account("3421", 4, 0.20, "I"),
    Account("3511", 5, 0.50, "I"),
    Account("3541", 5, 0.30, "E"),
    Account("3561", 5, 0.20, "E"),
    Account("3611", 6, 0.40, "E"),
    Account("3711", 6, 0.35, "E"),
    Account("3911", 6, 0.25, "E"),
    # Personal: salaries, on-call, social fees; 4611/4621 hired staff (hyrpersonal)
    Account("4011", 7, 0.62, "E"),
    Account("4111", 7, 0.06, "E"),
    Account("4511", 7, 0.285, "E"),
    Account("4611", 7, 0.025, "E"),
    Account("4621", 7, 0.010, "E"),
    Account("4711", 8, 0.50, "E"),
    Account("4911", 8, 0.30, "E"),
    Account("6811", 8, 0.20, "E"),
    Account("5011", 9, 0.70, "E"),
    Account("5021", 9, 0.20, "E"),
    Account("5111", 9, 0.10, "I"),
    Account("5211", 10, 0.60, "E"),
    Account("5221", 10, 0.30, "E"),
    Account("5311", 10, 0.10, "E"),
    Account("5411", 11, 0.50, "E"),
    Account("5421", 11, 0.30, "I"),
    Account("5451", 11, 0.20, "E"),
    Account("5511", 12, 0.50, "E"),
    Account("5611", 12, 0.30, "I"),
    Account("5621", 12, 0.20, "E"),
    Account("5711", 13, 0.70, "E"),
    Account("5721", 13, 0.20, "E"),
    Account("5731", 13, 0.10, "E"),
    Account("6011", 14, 0.70, "I"),
    Account("6111", 14, 0.20, "E"),
    Account("6121", 14, 0.10, "E"),
    Account("6211", 15, 0.50, "I"),
    Account("6311", 15, 0.30, "E"),
    Account("6321", 15, 0.20, "E"),
    Account("5811", 16, 0.30, "E"),
    Account("6411", 16, 0.30, "E"),
    Account("6911", 16, 0.25, "E"),
    Account("7011", 16, 0.15, "E"),
    Account("7711", 17, 0.70, "E"),
    Account("7811", 17, 0.30, "E"),
)
FINANCIAL_ACCOUNTS: tuple[Account, ...] = (
    Account("8311", 0, 0.5, "E"),  # ränteintäkter
    Account("8411", 0, 0.5, "E"),  # räntekostnader
)


def accounts_of_line(line: int) -> list[Account]:
    return [a for a in ACCOUNTS if a.line == line]
