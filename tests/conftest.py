"""Shared fixtures: settings that point every path into a temporary folder, and the whole
demo built once per test session for the calibration tests against the seed report."""

from __future__ import annotations

from pathlib import Path

import pytest

from hsn.settings import REPO_ROOT, Settings

TEST_KEY = "test-pseudonym-key-7f3a9c"


def make_settings(root: Path) -> Settings:
    return Settings(
        repo_root=REPO_ROOT,
        landing_dir=root / "landing",
        data_dir=root / "data",
        pseudonym_key=TEST_KEY,
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The full demo (all extracts, 2019-01 … 2024-02) through gate → dbt build → publish."""
    from hsn.demo import generate_demo
    from hsn.pipeline import run_pipeline

    settings = make_settings(tmp_path_factory.mktemp("demo"))
    generate_demo(settings.landing_dir)
    result = run_pipeline(settings, progress=lambda _: None)
    assert result.success, result.dbt and result.dbt.failures
    assert not [o for o in result.gate.outcomes if o.status != "accepted"]
    return settings
