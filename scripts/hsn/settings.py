"""Settings made once from the environment; everything else takes them as arguments."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# A fixed demo key so that the demo is reproducible; real runs must set their own.
DEMO_PSEUDONYM_KEY = "demo-key-not-for-production"


@dataclass(frozen=True)
class Settings:
    """Where things live. All paths are absolute."""

    repo_root: Path
    landing_dir: Path
    data_dir: Path
    pseudonym_key: str

    @property
    def accepted_dir(self) -> Path:
        return self.data_dir / "accepted"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def manifest_path(self) -> Path:
        return self.data_dir / "load_manifest.json"

    @property
    def build_warehouse(self) -> Path:
        """The working copy dbt builds into (plain `dbt build` uses it too)."""
        return self.data_dir / "warehouse.duckdb"

    @property
    def published_dir(self) -> Path:
        return self.data_dir / "published"

    @property
    def published_warehouse(self) -> Path:
        return self.published_dir / "warehouse.duckdb"

    @property
    def exports_dir(self) -> Path:
        return self.published_dir / "exports"

    @property
    def chart_of_accounts(self) -> Path:
        return self.repo_root / "seeds" / "kontoplan.csv"


def demo_landing_dir(data_dir: Path) -> Path:
    return data_dir / "demo_landing"


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read HSN_DATA_DIR, HSN_LANDING_DIR and HSN_PSEUDONYM_KEY (with defaults)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("HSN_DATA_DIR") or REPO_ROOT / "data").resolve()
    landing = env.get("HSN_LANDING_DIR")
    landing_dir = Path(landing).resolve() if landing else demo_landing_dir(data_dir)
    key = env.get("HSN_PSEUDONYM_KEY") or DEMO_PSEUDONYM_KEY
    return Settings(
        repo_root=REPO_ROOT,
        landing_dir=landing_dir,
        data_dir=data_dir,
        pseudonym_key=key,
    )
