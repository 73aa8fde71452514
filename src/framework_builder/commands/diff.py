"""`framework-builder diff`: what changed between two versions, or since a git ref."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import FORMATTERS
from ..diff import ItemChange, describe, describe_field, diff_frameworks, summary
from ..discovery import find_framework_folders, framework_folder
from ..errors import FrameworkBuilderError, UsageError
from ..gitref import GitError, tree_at
from ..items import actions, indicators
from ..loader import LoadedFramework, load_framework
from ..models import Framework
from ..versions import framework_versions, version_key

INVALID = 1
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


def _versions(loaded: LoadedFramework) -> dict[str, Framework]:
    """Every version of a framework by version number, oldest first."""
    return {framework.version: framework for framework, _ in framework_versions(loaded)}


def _load(root: Path, slug: str) -> LoadedFramework:
    loaded = load_framework(framework_folder(root, slug))
    if not loaded.ok or loaded.framework is None:
        report = FORMATTERS["text"]([d for d in loaded.diagnostics])
        raise FrameworkBuilderError(f"{report}\n{slug} has errors: fix them (see above) before comparing versions")
    return loaded


def compare(root: Path, slug: str, old: str | None, new: str | None) -> FrameworkDiff:
    """Compare two versions of one framework (defaults: the two newest versions)."""
    loaded = _load(root, slug)
    versions = _versions(loaded)
    working = loaded.framework
    assert working is not None
    for asked in (old, new):
        if asked is not None and asked not in versions:
            raise UsageError(f"{slug} has no version '{asked}' (versions: {', '.join(versions)})")
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


def compare_with_ref(root: Path, ref: str) -> tuple[list[FrameworkDiff], bool]:
    """Compare every framework in the working tree with the same folder at git `ref`.

    Returns the diffs and whether a framework of the working tree could not be read.
    """
    try:
        with tree_at(root, ref) as base_root:
            base = {f.name: load_framework(f) for f in find_framework_folders([base_root])}
            here = {f.name: load_framework(f) for f in find_framework_folders([root])} if root.is_dir() else {}
            return _compare_sets(base, here, ref)
    except GitError as exc:
        raise UsageError(f"cannot compare with {ref}: {exc}") from None


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
        added_releases = sorted({r.version for r in after.releases} - {r.version for r in before.releases},
                                key=version_key)
        if added_releases:
            notes.append("New release" + ("s" if len(added_releases) > 1 else "") + ": " + ", ".join(
                f"{r.version} ({r.framework.status.value})" for r in after.releases if r.version in added_releases))
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

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def escape_markdown(text: str) -> str:
    """Community-written text made inert in Markdown (no links, HTML or emphasis)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _versions_line(diff: FrameworkDiff) -> str:
    if diff.old_label and diff.new_label:
        return f"{diff.old_label} → {diff.new_label}"
    return diff.new_label or diff.old_label or ""


def format_text(diffs: list[FrameworkDiff]) -> str:
    """One line per change, grouped by framework and by kind of change."""
    lines: list[str] = []
    for diff in diffs:
        head = f"{diff.slug}: {_versions_line(diff)}".rstrip(": ")
        lines.append(f"{head} — {summary(diff.changes)}" if diff.changes else head)
        lines.extend(f"  {note}" for note in diff.notes)
        for change_kind, label in GROUPS:
            for change in diff.changes:
                if change.change == change_kind:
                    lines.append(f"  {change_kind:<8} {describe(change)}")
    return "\n".join(lines)


def format_markdown(diffs: list[FrameworkDiff], heading: str | None = None) -> str:
    """A readable summary for reviewers: a heading per framework, a count, then plain-words bullets."""
    out: list[str] = [f"## {heading}", ""] if heading else []
    for diff in diffs:
        out += [f"### {escape_markdown(diff.title)} (`{diff.slug}`)", ""]
        versions = _versions_line(diff)
        count = summary(diff.changes) if diff.changes else ""
        out += [" · ".join(part for part in (f"Version {escape_markdown(versions)}" if versions else "", count) if part), ""]
        out += [escape_markdown(note) for note in diff.notes] + ([""] if diff.notes else [])
        for change_kind, label in GROUPS:
            group = [c for c in diff.changes if c.change == change_kind]
            if not group:
                continue
            out += [f"**{label}**", ""]
            for change in group:
                out.append(f"- {_markdown_item(change)}")
                out += [f"  - {describe_field(f, escape_markdown, arrow=True)}" for f in change.fields]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _markdown_item(change: ItemChange) -> str:
    """The item's kind, id and title (the group heading says what happened to it)."""
    text = describe(ItemChange(change.kind, change.id, change.title, "added"), escape_markdown)
    return text.removesuffix(" was added")


def format_json(diffs: list[FrameworkDiff]) -> str:
    """A stable list of change objects, each naming its framework and versions."""
    rows = [{"framework": d.slug, "old_version": d.old_label, "new_version": d.new_label, **c.to_json()}
            for d in diffs for c in d.changes]
    return json.dumps(rows, indent=2, ensure_ascii=False)


def render(diffs: list[FrameworkDiff], output_format: str, heading: str | None = None) -> str:
    if output_format == "json":
        return format_json(diffs)
    if output_format == "markdown":
        return format_markdown(diffs, heading)
    return format_text(diffs)


def run(root: Path, slug: str, old: str | None, new: str | None, output_format: str) -> tuple[int, str]:
    """`diff SLUG [OLD [NEW]]`: the exit code and what to print."""
    try:
        diff = compare(root, slug, old, new)
    except FrameworkBuilderError as exc:
        return exc.exit_code, str(exc)
    return 0, render([diff], output_format)


def run_base(root: Path, ref: str, output_format: str) -> tuple[int, str]:
    """`diff --base REF`: every framework against the same folder at a git ref."""
    try:
        diffs, broken = compare_with_ref(root, ref)
    except FrameworkBuilderError as exc:
        return exc.exit_code, str(exc)
    code = INVALID if broken else 0
    if not diffs and output_format != "json":
        nothing = "No changes to any framework."
        return code, f"## Framework changes\n\n{nothing}\n" if output_format == "markdown" else nothing
    return code, render(diffs, output_format, heading=f"Framework changes compared with {escape_markdown(ref)}")
