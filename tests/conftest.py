"""Shared fixtures: settings that point every path into a temporary folder."""

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
