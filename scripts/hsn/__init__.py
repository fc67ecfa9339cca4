"""hsn: the monthly follow-up warehouse of Hälso- och sjukvårdsnämnden."""

__version__ = "0.1.0"
