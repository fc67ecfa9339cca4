"""The dbt project's files: what the fingerprint hashes, and which was edited after a time."""

from __future__ import annotations

import os
from pathlib import Path

from hsn.fingerprint import changed_since, project_files, project_fingerprint


def _project(root: Path) -> dict[str, Path]:
    files = {
        "model": root / "models" / "staging" / "stg_a.sql",
        "macro": root / "macros" / "m.sql",
        "project": root / "dbt_project.yml",
        "other": root / "scripts" / "not_dbt.py",  # outside the project parts
    }
    for name, file in files.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"-- {name}\n")
        os.utime(file, (1_000, 1_000))
    return files


def test_project_files_are_the_dbt_parts_only(tmp_path: Path) -> None:
    files = _project(tmp_path)
    assert project_files(tmp_path) == [files["model"], files["macro"], files["project"]]


def test_changed_since_names_the_file_edited_after_the_time(tmp_path: Path) -> None:
    files = _project(tmp_path)
    assert changed_since(tmp_path, 1_000) is None  # not after: equal times are the same
    os.utime(files["other"], (5_000, 5_000))
    assert changed_since(tmp_path, 1_000) is None  # not a project file
    os.utime(files["macro"], (2_000, 2_000))
    os.utime(files["model"], (3_000, 3_000))
    assert changed_since(tmp_path, 1_500) == files["model"]
    assert changed_since(tmp_path, 3_000) is None


def test_fingerprint_follows_content_not_times(tmp_path: Path) -> None:
    files = _project(tmp_path)
    before = project_fingerprint(tmp_path)
    os.utime(files["model"], (9_000, 9_000))
    assert project_fingerprint(tmp_path) == before
    files["model"].write_text("select 2\n")
    assert project_fingerprint(tmp_path) != before
