"""`framework-builder diff`: what changed between two versions, or since a git ref."""

from __future__ import annotations

import filecmp
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from framework_builder.errors import GitError, ProblemsFound, ReleasedVersionChanged, UsageError
from framework_builder.model.diff import ItemChange, describe, describe_field, diff_frameworks, summary
from framework_builder.model.framework import Framework
from framework_builder.model.items import actions, indicators
from framework_builder.site.render.escape import markdown_inline
from framework_builder.site.versions import framework_versions
from framework_builder.source.diagnostics import FORMATTERS
from framework_builder.source.discovery import find_framework_folders, framework_folder
from framework_builder.source.gitref import tree_at
from framework_builder.source.loader import LoadedFramework, load_framework
from framework_builder.terminal import json_dumps, terminal_safe

GROUPS = (("changed", "Changed"), ("added", "Added"), ("removed", "Removed"))


@dataclass
class FrameworkDiff:
    """The changes to one framework, with what was compared."""

    slug: str
    title: str
    old_label: str | None
    new_label: str | None
    changes: list[ItemChange]
    notes: list[str] = field(default_factory=list)


ReleaseChangeKind = Literal["release-edited", "release-removed", "release-added"]


@dataclass(frozen=True)
class ReleaseChange:
    """A file under `<slug>/releases/` that a pull request adds, edits (its bytes differ) or removes."""

    slug: str
    file: str
    change: ReleaseChangeKind
    status: str | None = None  # the status of an added release, when it could be read

    @property
    def version(self) -> str:
        return Path(self.file).stem

    @property
    def alarm(self) -> bool:
        """Whether a released version changed: a release never changes, so edits and removals are the alarm."""
        return self.change != "release-added"


@dataclass
class BaseDiff:
    """What a working tree changes compared with a git ref: release files first, then every framework."""

    ref: str
    releases: list[ReleaseChange]
    frameworks: list[FrameworkDiff]
    broken: bool


def _versions(loaded: LoadedFramework) -> dict[str, Framework]:
    """Every version of a framework by version number, oldest first."""
    return {framework.version: framework for framework, _ in framework_versions(loaded)}


def _load(root: Path, slug: str) -> LoadedFramework:
    loaded = load_framework(framework_folder(root, slug))
    if not loaded.ok or loaded.framework is None:
        report = FORMATTERS["text"]([d for d in loaded.diagnostics])
        raise ProblemsFound(f"{report}\n{slug} has errors: fix them (see above) before comparing versions")
    return loaded


def compare(root: Path, slug: str, old: str | None, new: str | None) -> FrameworkDiff:
    """Compare two versions of one framework (defaults: the two newest versions)."""
    loaded = _load(root, slug)
    versions = _versions(loaded)
    working = loaded.framework
    assert working is not None
    for asked in (old, new):
        if asked is not None and asked not in versions:
            raise UsageError(f"{slug} has no version '{terminal_safe(asked)}' (versions: {', '.join(versions)})")
    names = list(versions)
    if old is None:
        new_name = working.version
        old_name = names[-2] if len(names) > 1 else None
    else:
        new_name = new or working.version
        old_name = old
    notes = [text for text, applies in (("not released yet", all(r.version != new_name for r in loaded.releases)),
                                        ("first version", old_name is None)) if applies]
    new_label = f"{new_name} ({'; '.join(notes)})" if notes else new_name
    new_framework = versions[new_name]
    return FrameworkDiff(slug, new_framework.title, old_name, new_label,
                         diff_frameworks(versions[old_name] if old_name else None, new_framework))


def compare_with_ref(root: Path, ref: str) -> BaseDiff:
    """Compare every framework in the working tree with the same folder at git `ref`,
    and every file under `<slug>/releases/` byte for byte."""
    try:
        with tree_at(root, ref) as base_root:
            base = {f.name: load_framework(f) for f in find_framework_folders([base_root])}
            here = {f.name: load_framework(f) for f in find_framework_folders([root])} if root.is_dir() else {}
            releases = release_changes(base_root, root, here)
            diffs, broken = _compare_sets(base, here, ref)
            return BaseDiff(ref, releases, diffs, broken)
    except GitError as exc:
        raise GitError(f"cannot compare with {ref}: {exc}") from None


def _release_files(root: Path) -> dict[str, Path]:
    """Every regular file under `root/<slug>/releases/`, by its posix path relative to `root`.

    Symbolic links (to files or folders) are not followed: git stores them as links, not releases.
    """
    found: dict[str, Path] = {}
    if not root.is_dir():
        return found
    for releases in sorted(root.glob("*/releases")):
        if releases.is_symlink() or not releases.is_dir():
            continue
        for folder, _, names in os.walk(releases):
            for name in names:
                path = Path(folder) / name
                if path.is_file() and not path.is_symlink():
                    found[path.relative_to(root).as_posix()] = path
    return found


def release_changes(base_root: Path, root: Path, here: dict[str, LoadedFramework]) -> list[ReleaseChange]:
    """Release files added, edited or removed in `root` compared with `base_root`: alarms first, by path."""
    before, after = _release_files(base_root), _release_files(root)
    changes = []
    for name in sorted(set(before) | set(after)):
        slug, file = name.split("/", 1)[0], (root / name).as_posix()
        if name not in after:
            changes.append(ReleaseChange(slug, file, "release-removed"))
        elif name not in before:
            changes.append(ReleaseChange(slug, file, "release-added", _release_status(here.get(slug), after[name])))
        elif not filecmp.cmp(before[name], after[name], shallow=False):
            changes.append(ReleaseChange(slug, file, "release-edited"))
    return sorted(changes, key=lambda change: not change.alarm)


def _release_status(loaded: LoadedFramework | None, path: Path) -> str | None:
    """The status of the release held in `path`, when the framework and that release could be read."""
    for release in loaded.releases if loaded else []:
        if release.version == path.stem:
            return release.framework.status.value
    return None


def _compare_sets(base: dict[str, LoadedFramework], here: dict[str, LoadedFramework],
                  ref: str) -> tuple[list[FrameworkDiff], bool]:
    diffs: list[FrameworkDiff] = []
    broken = False
    for slug in sorted(set(base) | set(here)):
        before, after = base.get(slug), here.get(slug)
        if after is None:
            old = before.framework if before else None
            title = old.title if old else slug
            diffs.append(FrameworkDiff(slug, title, f"{old.version if old else '?'} at {ref}", None,
                                       [ItemChange("framework", slug, title, "removed")]))
            continue
        if not after.ok or after.framework is None:
            broken = True
            errors = sum(1 for d in after.diagnostics if d.is_error)
            diffs.append(FrameworkDiff(slug, slug, None, None, [], [
                f"Could not compare: the framework has {errors} error{'s' if errors != 1 else ''} "
                "(see the validation step)."]))
            continue
        new = after.framework
        if before is None:
            diffs.append(FrameworkDiff(slug, new.title, None, new.version,
                                       [ItemChange("framework", slug, new.title, "added")], [_size(new)]))
            continue
        notes = []
        old = before.framework if before.ok else None
        if old is None:
            notes.append(f"The version at {ref} had errors, so every item is listed as added.")
        changes = diff_frameworks(old, new)
        if changes or notes:
            if old is not None and old.version != new.version:
                old_label, new_label = f"{old.version} at {ref}", new.version
            else:
                old_label, new_label = None, f"{new.version} (compared with {ref})"
            diffs.append(FrameworkDiff(slug, new.title, old_label, new_label, changes, notes))
    return diffs, broken


def _size(framework: Framework) -> str:
    counts = [(len(framework.goals), "goal"), (sum(1 for _ in actions(framework)), "action"),
              (sum(1 for _ in indicators(framework)), "indicator")]
    parts = ", ".join(f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in counts)
    return f"New framework: {parts} (status: {framework.status.value})."


# --- output -----------------------------------------------------------------------------------------

def markdown_safe(text: str) -> str:
    """Community-written text for a Markdown summary: inert Markdown (the site's one escaper), terminal-safe."""
    return terminal_safe(str(markdown_inline(text)))


def _versions_line(diff: FrameworkDiff) -> str:
    if diff.old_label and diff.new_label:
        return f"{diff.old_label} → {diff.new_label}"
    return diff.new_label or diff.old_label or ""


_RELEASE_WORDS = {
    "release-edited": "released version {version} was edited: a release never changes",
    "release-removed": "released version {version} was removed: a release never changes",
    "release-added": "new release {version}",
}


def _release_words(change: ReleaseChange) -> str:
    words = _RELEASE_WORDS[change.change].format(version=change.version)
    return f"{words} ({change.status})" if change.status else words


def format_release_text(releases: list[ReleaseChange]) -> list[str]:
    """A `warning:` line per released version edited or removed, a `note:` line per release added."""
    return [f"{'warning' if c.alarm else 'note'}: {terminal_safe(c.file)}: {terminal_safe(_release_words(c))}"
            for c in releases]


def format_text(diffs: list[FrameworkDiff]) -> str:
    """One line per change, grouped by framework and by kind of change; framework text terminal-safe."""
    lines: list[str] = []
    for diff in diffs:
        head = terminal_safe(f"{diff.slug}: {_versions_line(diff)}".rstrip(": "))
        lines.append(f"{head} — {summary(diff.changes)}" if diff.changes else head)
        lines.extend(f"  {terminal_safe(note)}" for note in diff.notes)
        for change_kind, label in GROUPS:
            for change in diff.changes:
                if change.change == change_kind:
                    lines.append(f"  {change_kind:<8} {describe(change, terminal_safe)}")
    return "\n".join(lines)


_RELEASE_ALARM = (
    "> **This pull request changes a released version.** A release never changes: residents, the council "
    "and funders rely on exactly what was published. Undo these changes, unless a maintainer means to "
    "rewrite a release on purpose:"
)


def format_release_markdown(releases: list[ReleaseChange]) -> list[str]:
    """A `[!WARNING]` block listing released versions edited or removed; a `[!NOTE]` block for new releases."""
    alarms = [c for c in releases if c.alarm]
    added = [c for c in releases if not c.alarm]
    out: list[str] = []
    if alarms:
        out += ["> [!WARNING]", _RELEASE_ALARM, ">"]
        out += [f"> - {markdown_safe(c.file)}: {markdown_safe(_release_words(c))}" for c in alarms]
        out.append("")
    if added:
        out += ["> [!NOTE]", "> New release files:", ">"]
        out += [f"> - {markdown_safe(c.file)}: {markdown_safe(_release_words(c))}" for c in added]
        out.append("")
    return out


def format_markdown(diffs: list[FrameworkDiff]) -> str:
    """A readable summary for reviewers: a heading per framework, a count, then plain-words bullets;
    framework text is inert Markdown and terminal-safe."""
    out: list[str] = []
    for diff in diffs:
        out += [f"### {markdown_safe(diff.title)} (`{terminal_safe(diff.slug)}`)", ""]
        versions = _versions_line(diff)
        count = summary(diff.changes) if diff.changes else ""
        out += [" · ".join(part for part in (f"Version {markdown_safe(versions)}" if versions else "", count) if part), ""]
        out += [markdown_safe(note) for note in diff.notes] + ([""] if diff.notes else [])
        for change_kind, label in GROUPS:
            group = [c for c in diff.changes if c.change == change_kind]
            if not group:
                continue
            out += [f"**{label}**", ""]
            for change in group:
                out.append(f"- {_markdown_item(change)}")
                out += [f"  - {describe_field(f, markdown_safe, arrow=True)}" for f in change.fields]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _markdown_item(change: ItemChange) -> str:
    """The item's kind, id and title (the group heading says what happened to it)."""
    text = describe(replace(change, change="added", fields=()), markdown_safe)
    return text.removesuffix(" was added")


def _release_rows(releases: list[ReleaseChange]) -> list[dict[str, Any]]:
    return [{"framework": c.slug, "kind": "release", "id": c.version, "file": c.file, "change": c.change}
            for c in releases]


def format_json(diffs: list[FrameworkDiff], releases: list[ReleaseChange] | None = None) -> str:
    """A stable list of change objects: release files first (`kind` "release", with their `file`), then items,
    each naming its framework and versions."""
    rows = [{"framework": d.slug, "old_version": d.old_label, "new_version": d.new_label, **c.to_json()}
            for d in diffs for c in d.changes]
    return json_dumps(_release_rows(releases or []) + rows)


def render(diffs: list[FrameworkDiff], output_format: str) -> str:
    """The changes to frameworks in one format."""
    if output_format == "json":
        return format_json(diffs)
    return format_markdown(diffs) if output_format == "markdown" else format_text(diffs)


def render_base(result: BaseDiff, output_format: str) -> str:
    """`diff --base` in one format: the release files first, then every framework's changes."""
    if output_format == "json":
        return format_json(result.frameworks, result.releases)
    nothing = [] if result.frameworks else ["No changes to any framework."]
    if output_format == "markdown":
        head = [f"## Framework changes compared with {markdown_safe(result.ref)}", ""]
        parts = ["\n".join(head + format_release_markdown(result.releases) + nothing)]
        parts += [format_markdown(result.frameworks)] if result.frameworks else []
        return "\n\n".join(part.strip("\n") for part in parts) + "\n"
    return "\n".join(format_release_text(result.releases) + nothing + [format_text(result.frameworks)]).rstrip()


def run(root: Path, slug: str, old: str | None, new: str | None, output_format: str) -> str:
    """`diff SLUG [OLD [NEW]]`: what to print (raises ProblemsFound or UsageError when it cannot compare)."""
    return render([compare(root, slug, old, new)], output_format)


def run_base(root: Path, ref: str, output_format: str) -> str:
    """`diff --base REF`: what to print. Raises ReleasedVersionChanged (exit 3) when a released version
    was edited or removed, else ProblemsFound when a framework has errors; either carries the report."""
    result = compare_with_ref(root, ref)
    report = render_base(result, output_format)
    if any(change.alarm for change in result.releases):
        raise ReleasedVersionChanged("a released version was edited or removed: a release never changes "
                                     "(see the warning at the top)", report=report)
    if result.broken:
        raise ProblemsFound("a framework has errors, so it could not be compared (run validate)", report=report)
    return report
