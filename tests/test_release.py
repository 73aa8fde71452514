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


def set_adoption_date(root: Path, day: str) -> None:
    framework = root / "minimal" / "framework.yml"
    framework.write_text(framework.read_text().replace("status: public-comment\n",
                                                       f"status: public-comment\nadopted_on: {day}\n"))


def test_release_writes_a_file_that_validates_and_says_what_it_froze(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    set_adoption_date(root, "2026-03-10")
    code, output = run("release", "minimal", "--status", "adopted", "--today", "2026-04-01", "--root", str(root))
    assert code == 0, output
    path = root / "minimal" / "releases" / "1.0.yml"
    lines = output.splitlines()
    assert lines[0].startswith("wrote ") and lines[0].endswith("releases/1.0.yml: minimal version 1.0")
    assert lines[1:5] == ["  status: adopted", "  adopted on: 2026-03-10", "  released on: 2026-04-01",
                          "  comment window: 2026-01-01 to 2026-03-31"]
    assert lines[5].startswith("Next: commit it")
    data = yaml.safe_load(path.read_text())
    assert data["version"] == "1.0" and str(data["released_on"]) == "2026-04-01"
    assert data["framework"]["status"] == "adopted" and str(data["framework"]["adopted_on"]) == "2026-03-10"
    loaded = load_framework(root / "minimal")
    assert loaded.ok, loaded.diagnostics
    assert [r.version for r in loaded.releases] == ["1.0"]
    assert run("validate", str(root))[0] == 0


def test_adopting_without_an_adoption_date_is_refused_not_dated_today(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    result = cli("release", "minimal", "--status", "adopted", "--today", "2026-04-01", "--root", str(root))
    assert result.code == 1 and "Traceback" not in result.err
    first, hint = result.err.splitlines()
    # Located at `status:` (line 7, column 1) of framework.yml, like validate's diagnostics.
    assert first.startswith(f"{root / 'minimal' / 'framework.yml'}:7:1: release refused: ")
    assert "minimal version 1.0 would be frozen as adopted, but it gives no adoption date" in first
    assert hint.strip().startswith("hint: add the day the leadership group adopted it to")
    assert "`adopted_on: 2026-03-10` (YYYY-MM-DD)" in hint
    assert not (root / "minimal" / "releases").exists()

    set_adoption_date(root, "2026-03-10")
    assert run("release", "minimal", "--status", "adopted", "--today", "2026-04-01", "--root", str(root))[0] == 0


def test_a_draft_release_has_no_adoption_date_and_no_window_line_when_there_is_none(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    framework = root / "minimal" / "framework.yml"
    text = framework.read_text()
    window = text[text.index("comments:"):text.index("organizations:")]
    framework.write_text(text.replace(window, "").replace("status: public-comment", "status: draft"))
    code, output = run("release", "minimal", "--today", "2026-04-01", "--root", str(root))
    assert code == 0, output
    assert output.splitlines()[1:3] == ["  status: draft", "  released on: 2026-04-01"]
    assert output.splitlines()[3].startswith("Next:")


def test_release_prints_the_warnings_validate_would_and_still_succeeds(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    goal = root / "minimal" / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("        lead: city\n", ""))
    validated = cli("validate", str(root / "minimal"))
    assert validated.code == 0 and "warning FB302" in validated.out
    code, output = run("release", "minimal", "--today", "2026-04-01", "--root", str(root))
    assert code == 0, output
    report, summary = output.split("\n\nwrote ", 1)
    assert report == validated.out.rstrip("\n")
    assert summary.splitlines()[1] == "  status: public-comment"
    assert (root / "minimal" / "releases" / "1.0.yml").is_file()


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
