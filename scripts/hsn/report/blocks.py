"""What a report section is made of: tables, charts and short texts, ready for the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

NOT_PUBLISHED = "ingår inte i denna publicering"


@dataclass
class Row:
    cells: list[str]
    strong: bool = False


@dataclass
class Table:
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    caption: str = ""
    text_columns: int = 1  # the first columns hold names, the rest numbers (right-aligned)
    kind: str = "table"


@dataclass
class Chart:
    svg: str
    caption: str = ""
    kind: str = "chart"


@dataclass
class Text:
    lines: list[str]
    heading: str = ""
    kind: str = "text"


@dataclass
class Section:
    title: str
    blocks: list[Table | Chart | Text] = field(default_factory=list)
    missing: str | None = None  # why the section is not in this publication

    @classmethod
    def no_data(cls, title: str, period: date) -> Section:
        return cls(title, missing=f"inga uppgifter för {period:%Y-%m} i denna publicering")

    @classmethod
    def not_published(cls, title: str, lacking: list[str]) -> Section:
        return cls(title, missing=f"{NOT_PUBLISHED} (saknas: {', '.join(lacking)})")
