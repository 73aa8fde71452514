"""`build --shard K/N` and `merge`: shards split the frameworks by name, stably, and merged they give the
same site, byte for byte, as one build of every framework; merge refuses sites that disagree and never
replaces a folder it did not make.

The project holds the demo frameworks and the `minimal` fixture.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from harness import DEMO_TODAY, FIXTURES, FRAMEWORKS, build, cli, differing, edit_yaml, snapshot

from framework_builder.site.shards import Shard

TODAY = DEMO_TODAY


def frameworks_in(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The network built whole into site/, and as shards 1/2 and 2/2 into shard-1/ and shard-2/."""
    folder = tmp_path_factory.mktemp("shards")
    shutil.copytree(FRAMEWORKS, folder / "frameworks")
    shutil.copytree(FIXTURES / "minimal", folder / "frameworks" / "minimal")
    for args, out in (((), "site"), (("--shard", "1/2"), "shard-1"), (("--shard", "2/2"), "shard-2")):
        result = build(folder, *args, today=TODAY, out=out)
        assert result.code == 0, result.err
    return folder


def merge(project: Path, *args: str):  # type: ignore[no-untyped-def]
    return cli("merge", *args, cwd=project)


def test_shards_split_the_frameworks_by_name_each_in_exactly_one(project: Path) -> None:
    first, second = frameworks_in(project / "shard-1"), frameworks_in(project / "shard-2")
    assert sorted(first + second) == frameworks_in(project / "frameworks")
    assert first and second
    # Stable: a framework's shard depends on its name alone, not on which others exist.
    assert all(Shard(1, 2).holds(slug) for slug in first) and not any(Shard(1, 2).holds(slug) for slug in second)


def test_shards_merged_equal_one_build_of_every_framework(project: Path) -> None:
    result = merge(project, "shard-1", "shard-2", "--out", "merged")
    assert result.code == 0, result.err
    whole, merged = snapshot(project / "site"), snapshot(project / "merged")
    assert sorted(merged) == sorted(whole)
    assert differing(whole, merged) == []


def test_sites_that_agree_where_they_overlap_merge(project: Path) -> None:
    result = merge(project, "site", "shard-1", "--out", "again")
    assert result.code == 0, result.err
    assert snapshot(project / "again") == snapshot(project / "site")


def test_sites_that_disagree_are_refused_and_the_output_is_left(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(project / "frameworks", other / "frameworks")
    edit_yaml(other / "frameworks" / "stamford" / "goals" / "reporting.yml",
              lambda goal: goal.update(title="A different title for reporting"))
    assert build(other, today=TODAY, out="site").code == 0
    shutil.copytree(other / "site", project / "edited")
    before = snapshot(project / "site")
    result = cli("merge", "shard-1", "shard-2", "edited", "--out", "site", cwd=project)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert re.search(r"^stamford/0\.3/\S+ differs between \S+/shard-\d/ and \S+/edited/", result.err), result.err
    assert snapshot(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_merge_never_replaces_a_folder_it_did_not_make(project: Path) -> None:
    mine = project / "notes"
    mine.mkdir()
    (mine / "todo.txt").write_text("keep me", encoding="utf-8")
    result = merge(project, "shard-1", "shard-2", "--out", "notes")
    assert result.code == 2
    assert "not made by framework-builder" in result.err
    assert snapshot(mine) == {"todo.txt": b"keep me"}


def test_merge_takes_only_sites_it_built_with_the_same_settings(project: Path) -> None:
    plain = project / "plain"
    plain.mkdir()
    (plain / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    refused = merge(project, "shard-1", "plain", "--out", "out-a")
    assert refused.code == 2
    assert "plain/ was not built by framework-builder" in refused.err
    elsewhere = build(project, "--shard", "2/2", "--site-url", "https://example.org/", today=TODAY, out="shard-2-url")
    assert elsewhere.code == 0, elsewhere.err
    mixed = merge(project, "shard-1", "shard-2-url", "--out", "out-b")
    assert mixed.code == 2
    assert "different site urls" in mixed.err
    assert not (project / "out-a").exists() and not (project / "out-b").exists()


@pytest.mark.parametrize("given", ["0/2", "3/2", "1", "a/b"])
def test_a_shard_is_k_of_n(project: Path, given: str) -> None:
    result = build(project, "--shard", given, today=TODAY, out="never")
    assert result.code == 2
    assert "--shard takes K/N" in result.err
    assert not (project / "never").exists()
