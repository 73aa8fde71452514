"""`framework-builder release`: freeze the working version; a release never changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from harness import FIXTURES, cli

from framework_builder.source.loader import load_framework

MINIMAL = FIXTURES / "minimal"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """The exit code and everything printed of `framework-builder ARGS`, which never ends in a traceback."""
    result = cli(*args, env=env)
    assert "Traceback" not in result.err, result.err
    return result.code, result.out + result.err


def make_root(tmp_path: Path) -> Path:
    root = tmp_path / "frameworks"
    shutil.copytree(MINIMAL, root / "minimal")
    return root


def test_release_writes_a_file_that_validates(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    code, output = run("release", "minimal", "--status", "adopted", "--today", "2026-04-01", "--root", str(root))
    assert code == 0, output
    path = root / "minimal" / "releases" / "1.0.yml"
    assert "wrote" in output and "releases/1.0.yml" in output
    assert "Next:" in output
    data = yaml.safe_load(path.read_text())
    assert data["version"] == "1.0" and str(data["released_on"]) == "2026-04-01"
    assert data["framework"]["status"] == "adopted" and str(data["framework"]["adopted_on"]) == "2026-04-01"
    loaded = load_framework(root / "minimal")
    assert loaded.ok, loaded.diagnostics
    assert [r.version for r in loaded.releases] == ["1.0"]
    assert run("validate", str(root))[0] == 0


def test_release_keeps_the_working_status_and_reads_source_date_epoch(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    code, output = run("release", "minimal", "--root", str(root),
                       env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01T00:00:00Z
    assert code == 0, output
    data = yaml.safe_load((root / "minimal" / "releases" / "1.0.yml").read_text())
    assert data["framework"]["status"] == "public-comment" and str(data["released_on"]) == "2026-01-01"


def test_second_release_of_the_same_version_is_refused(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    assert run("release", "minimal", "--today", "2026-04-01", "--root", str(root))[0] == 0
    before = (root / "minimal" / "releases" / "1.0.yml").read_bytes()
    code, output = run("release", "minimal", "--today", "2026-05-01", "--root", str(root))
    assert code == 1
    assert "already released" in output and "change `version:`" in output and "1.1" in output
    assert (root / "minimal" / "releases" / "1.0.yml").read_bytes() == before


def test_edited_release_fails_validation_and_says_to_bump_the_version(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    assert run("release", "minimal", "--today", "2026-04-01", "--root", str(root))[0] == 0
    path = root / "minimal" / "releases" / "1.0.yml"
    path.write_text(path.read_text().replace("Publish a reporting guide", "Publish a better reporting guide"))
    code, output = run("validate", str(root))
    assert code == 1
    assert "FB401" in output and "edited after it was released" in output
    assert "change `version:`" in output


def test_invalid_framework_is_refused(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    goal = root / "minimal" / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("lead: city", "lead: nobody"))
    code, output = run("release", "minimal", "--today", "2026-04-01", "--root", str(root))
    assert code == 1
    assert "release refused" in output and "nobody" in output
    assert not (root / "minimal" / "releases").exists()


def test_unknown_framework_names_the_existing_ones(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    code, output = run("release", "nowhere", "--root", str(root))
    assert code == 2 and "unknown framework 'nowhere'" in output and "minimal" in output
