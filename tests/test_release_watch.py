"""`diff --base GIT_REF` watches releases: a released version edited (digest recomputed) or removed is an
alarm listed first, with exit code 3; a new release is listed too, as a normal change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from harness import cli, markdown_as_read
from test_diff_base import MINIMAL, diff_base, git

from framework_builder.model.releases import ReleaseFile, digest, dump_release

RELEASES = "frameworks/minimal/releases"
RELEASE_CHANGED = 3


def set_version(repo: Path, old: str, new: str) -> None:
    framework = repo / "frameworks" / "minimal" / "framework.yml"
    framework.write_text(framework.read_text().replace(f'version: "{old}"', f'version: "{new}"'))


def release(repo: Path, status: str) -> None:
    code, out, err = cli("release", "minimal", "--status", status, "--today", "2026-01-15", cwd=repo)
    assert code == 0, out + err


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose minimal framework has releases 1.0 and 1.1 and works on 1.2."""
    shutil.copytree(MINIMAL, tmp_path / "frameworks" / "minimal")
    release(tmp_path, "public-comment")
    set_version(tmp_path, "1.0", "1.1")
    framework = tmp_path / "frameworks" / "minimal" / "framework.yml"  # adopting needs its date
    framework.write_text(framework.read_text().replace("status: public-comment\n",
                                                       "status: public-comment\nadopted_on: 2026-01-10\n"))
    release(tmp_path, "adopted")
    set_version(tmp_path, "1.1", "1.2")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "frameworks")
    git(tmp_path, "commit", "-q", "-m", "releases 1.0 and 1.1")
    return tmp_path


def rewrite_release(path: Path) -> None:
    """Edit a release as a careful forger would: change its title and recompute its digest."""
    data = ReleaseFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    edited = data.framework.model_copy(update={"title": "A quietly rewritten framework"})
    path.write_text(dump_release(data.model_copy(update={"framework": edited, "digest": digest(edited)})),
                    encoding="utf-8")


@pytest.fixture
def tampered(repo: Path) -> Path:
    """The pull request: release 1.1 edited with its digest recomputed, 1.0 deleted, 1.2 released."""
    rewrite_release(repo / RELEASES / "1.1.yml")
    (repo / RELEASES / "1.0.yml").unlink()
    release(repo, "public-comment")
    set_version(repo, "1.2", "1.3")
    return repo


def test_the_tampering_passes_validate(tampered: Path) -> None:
    """Why the watch is needed: every file still reads as a valid release."""
    code, out, err = cli("validate", cwd=tampered)
    assert code == 0, out + err


def test_text_lists_each_release_file_first_and_fails(tampered: Path) -> None:
    result = diff_base(tampered, "--base", "HEAD")

    assert result.code == RELEASE_CHANGED, result.err
    assert result.err == "a released version was edited or removed: a release never changes (see the warning at the top)\n"
    lines = result.out.splitlines()
    assert lines[:3] == [
        f"warning: {RELEASES}/1.0.yml: released version 1.0 was removed: a release never changes",
        f"warning: {RELEASES}/1.1.yml: released version 1.1 was edited: a release never changes",
        f"note: {RELEASES}/1.2.yml: new release 1.2 (public-comment)",
    ]
    assert lines[3].startswith("minimal: 1.2 at HEAD → 1.3")


def test_markdown_warns_first_in_a_warning_block(tampered: Path) -> None:
    result = diff_base(tampered, "--base", "HEAD", "--format", "markdown")

    assert result.code == RELEASE_CHANGED, result.err
    lines = markdown_as_read(result.out).splitlines()
    assert lines[:2] == ["## Framework changes compared with HEAD", ""]
    warning = lines.index("> [!WARNING]")
    assert warning == 2
    block = lines[warning:lines.index("", warning)]
    assert "changes a released version" in block[1]
    assert block[3:] == [
        "> - frameworks/minimal/releases/1.0.yml: released version 1.0 was removed: a release never changes",
        "> - frameworks/minimal/releases/1.1.yml: released version 1.1 was edited: a release never changes",
    ]
    note = lines.index("> [!NOTE]")
    assert lines[note:note + 4] == [
        "> [!NOTE]", "> New release files:", ">",
        "> - frameworks/minimal/releases/1.2.yml: new release 1.2 (public-comment)",
    ]
    assert warning < note < lines.index("### Testville prevention framework (`minimal`)")


def test_json_has_an_entry_per_release_file_first(tampered: Path) -> None:
    result = diff_base(tampered, "--base", "HEAD", "--format", "json")

    assert result.code == RELEASE_CHANGED, result.err
    rows = json.loads(result.out)
    assert rows[:3] == [
        {"framework": "minimal", "kind": "release", "id": "1.0", "file": f"{RELEASES}/1.0.yml",
         "change": "release-removed"},
        {"framework": "minimal", "kind": "release", "id": "1.1", "file": f"{RELEASES}/1.1.yml",
         "change": "release-edited"},
        {"framework": "minimal", "kind": "release", "id": "1.2", "file": f"{RELEASES}/1.2.yml",
         "change": "release-added"},
    ]
    assert all(row["kind"] != "release" for row in rows[3:])


def test_a_new_release_alone_is_listed_but_passes(repo: Path) -> None:
    release(repo, "public-comment")
    set_version(repo, "1.2", "1.3")

    result = diff_base(repo, "--base", "HEAD")

    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == f"note: {RELEASES}/1.2.yml: new release 1.2 (public-comment)"
    assert "warning:" not in result.out


@pytest.mark.parametrize("change", ["edited", "removed"])
def test_each_alarm_alone_fails_even_with_no_other_change(repo: Path, change: str) -> None:
    target = repo / RELEASES / "1.0.yml"
    if change == "edited":
        rewrite_release(target)
    else:
        target.unlink()

    result = diff_base(repo, "--base", "HEAD", "--format", "markdown")

    assert result.code == RELEASE_CHANGED, result.err
    assert f"> - frameworks/minimal/releases/1.0.yml: released version 1.0 was {change}" in markdown_as_read(result.out)
    assert result.out.splitlines()[-1] == "No changes to any framework."


def test_a_release_replaced_by_a_symbolic_link_is_a_removal(repo: Path) -> None:
    target = repo / RELEASES / "1.0.yml"
    copy = repo / "elsewhere.yml"
    shutil.move(target, copy)
    target.symlink_to(copy)

    result = diff_base(repo, "--base", "HEAD")

    assert result.code == RELEASE_CHANGED, result.err
    assert result.out.splitlines()[0] == (
        f"warning: {RELEASES}/1.0.yml: released version 1.0 was removed: a release never changes")


def test_unchanged_releases_say_nothing(repo: Path) -> None:
    result = diff_base(repo, "--base", "HEAD")

    assert result.code == 0, result.err
    assert result.out.strip() == "No changes to any framework."


def test_help_documents_exit_code_3() -> None:
    code, out, _ = cli("diff", "--help")
    assert code == 0
    assert "3 with --base when a released version was edited or removed" in " ".join(out.split())
