"""The report's dbt exposure lists every mart the report reads that the project builds."""

from __future__ import annotations

import re

from hsn.report.data import MARTS
from hsn.settings import REPO_ROOT


def test_exposure_depends_on_the_marts_the_report_reads() -> None:
    text = (REPO_ROOT / "models" / "exposures.yml").read_text(encoding="utf-8")
    declared = set(re.findall(r"ref\('([a-z_0-9]+)'\)", text))
    built = {path.stem for path in (REPO_ROOT / "models").rglob("*.sql")}
    assert declared <= set(MARTS), "the exposure names a model the report does not read"
    missing = (set(MARTS) & built) - declared
    assert not missing, f"add to models/exposures.yml: {sorted(missing)}"
