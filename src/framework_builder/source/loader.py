"""Load framework folders: YAML with positions → models → checks → diagnostics."""

from __future__ import annotations

import gc
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from framework_builder.model.framework import Framework, FrameworkFile, Goal
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.model.limits import MAX_FRAMEWORK_BYTES, MAX_RELEASE_BYTES, MAX_RELEASES_BYTES
from framework_builder.model.releases import ReleaseFile, digest
from framework_builder.model.translations import TranslationFile
from framework_builder.source.checks import check_framework
from framework_builder.source.diagnostics import Diagnostic, sort_diagnostics
from framework_builder.source.discovery import (
    display_path,
    framework_problems,
    release_paths,
    source_jobs,
    too_large,
)
from framework_builder.source.partial import Unvalidated
from framework_builder.source.schema_errors import validation_diagnostics
from framework_builder.source.translations import FOLDER as TRANSLATIONS, Known, check_translation, translation_paths
from framework_builder.source.yamlsource import SourceFile, not_plain_diagnostic, read_many, read_or_diagnostic

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadedFramework:
    """One framework folder as read: the working version, its releases, and every problem found."""

    folder: Path
    framework: Framework | None = None
    releases: list[ReleaseFile] = field(default_factory=list)
    translations: dict[str, TranslationFile] = field(default_factory=dict)  # by language, from translations/
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.folder.name

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def load_framework(folder: Path) -> LoadedFramework:
    """Read, validate and check one framework folder; never raises on bad input."""
    # Reading builds hundreds of thousands of small objects that all stay alive;
    # the cyclic garbage collector would walk them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_framework(folder)
    finally:
        if collecting:
            gc.enable()


def _load_framework(folder: Path) -> LoadedFramework:
    loaded = LoadedFramework(folder)
    loaded.diagnostics = framework_problems(folder)
    if loaded.diagnostics:
        return loaded
    framework_path = folder / FRAMEWORK_FILE
    jobs = source_jobs(folder)
    goal_files = [path for path, _ in jobs[1:]]
    if not os.path.lexists(framework_path):
        loaded.diagnostics.append(Diagnostic.at(display_path(folder), (1, 1), "FB010", "framework.yml is missing",
                                                "each framework folder needs a framework.yml"))
        return loaded
    if not goal_files:
        loaded.diagnostics.append(Diagnostic.at(display_path(framework_path), (1, 1), "FB010", "no goal files in goals/",
                                                "add goals/<goal-id>.yml for each goal"))

    sources: dict[str, SourceFile] = {}
    read = read_many(jobs)
    unvalidated = Unvalidated()
    head = _to_model(read[0], FrameworkFile, loaded.diagnostics, sources, FRAMEWORK_FILE)
    if head is None:
        unvalidated.add_framework_file(_data(read[0]))
    goals: list[Goal] = []
    for path, result in zip(goal_files, read[1:]):
        goal = _to_model(result, Goal, loaded.diagnostics, sources, path.stem)
        if goal is None:
            unvalidated.add_goal_file(_data(result))
            continue
        if goal.id != path.stem:
            source = sources[path.stem]
            loaded.diagnostics.append(Diagnostic.at(source.path, source.position(("id",)), "FB205",
                                                    f"goal id '{goal.id}' does not match the file name '{path.name}'",
                                                    f"rename the file to goals/{goal.id}.yml, or change the id to '{path.stem}'"))
        goals.append(goal)

    if head is not None and head.slug != folder.name:
        source = sources[FRAMEWORK_FILE]
        loaded.diagnostics.append(Diagnostic.at(source.path, source.position(("slug",)), "FB206",
                                                f"slug '{head.slug}' does not match the folder name '{folder.name}'",
                                                f"write `slug: {folder.name}`"))
    goals.sort(key=lambda g: (g.order is None, g.order or 0, g.id))
    # What validated is checked now, so every error shows in one run (see source/partial.py).
    framework = Framework.model_construct(**(dict(head) if head is not None else {}), goals=goals)

    def report(file: str, loc: tuple, code: str, message: str, hint: str) -> Diagnostic:
        source = sources[FRAMEWORK_FILE] if file == FRAMEWORK_FILE else _goal_source(file, sources, goals)
        return Diagnostic.at(source.path, source.position(loc), code, message, hint)

    loaded.diagnostics.extend(check_framework(framework, report, unvalidated))
    if unvalidated.anything:
        _read_translations(folder, None, [], loaded.diagnostics)  # their own problems show in the same run
        loaded.diagnostics = sort_diagnostics(loaded.diagnostics)
        return loaded
    loaded.framework = framework
    loaded.releases = _read_releases(folder, framework, sources, loaded.diagnostics)
    loaded.translations = _read_translations(folder, framework, loaded.releases, loaded.diagnostics)
    loaded.diagnostics = sort_diagnostics(loaded.diagnostics)
    return loaded


def _data(result: SourceFile | Diagnostic) -> object:
    """The YAML read from a file (None when it could not be read)."""
    return result.data if isinstance(result, SourceFile) else None


def _goal_source(goal_id: str, sources: dict[str, SourceFile], goals: list[Goal]) -> SourceFile:
    """The source of a goal by id (its file stem may differ when FB205 was reported)."""
    if goal_id in sources:
        return sources[goal_id]
    for stem, source in sources.items():
        if isinstance(source.data, dict) and source.data.get("id") == goal_id:
            return source
    raise KeyError(goal_id)


def _to_model(source: SourceFile | Diagnostic, model: type[M], diagnostics: list[Diagnostic],
              sources: dict[str, SourceFile], key: str) -> M | None:
    """Validate one read file into `model`, adding diagnostics instead of raising."""
    if isinstance(source, Diagnostic):
        diagnostics.append(source)
        return None
    display = source.path
    sources[key] = source
    if not isinstance(source.data, dict):
        kind = "a list" if isinstance(source.data, list) else "a single value"
        diagnostics.append(Diagnostic.at(display, source.position(()), "FB008",
                                         f"the file holds {kind}, but a mapping of `key: value` lines is expected",
                                         "start the file with `id: ...` lines, not `- ...` items" if model is Goal
                                         else "start the file with `slug: ...` lines"))
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        diagnostics.extend(validation_diagnostics(exc, model, source))
        return None


def _read_releases(folder: Path, working: Framework, sources: dict[str, SourceFile],
                   diagnostics: list[Diagnostic]) -> list[ReleaseFile]:
    releases: list[ReleaseFile] = []
    paths = release_paths(folder)
    problem = too_large(folder / "releases", paths, [], MAX_RELEASES_BYTES)
    if problem is not None:
        diagnostics.append(problem)
        return releases
    for path in paths:
        release = _to_model(read_or_diagnostic(path, display_path(path), MAX_RELEASE_BYTES), ReleaseFile, diagnostics, {}, path.stem)
        if release is None:
            continue
        display = display_path(path)
        if release.version != path.stem:
            diagnostics.append(Diagnostic.at(display, (1, 1), "FB403",
                                             f"the file holds version {release.version} but is named {path.name}",
                                             f"rename it to releases/{release.version}.yml"))
        if digest(release.framework) != release.digest:
            diagnostics.append(Diagnostic.at(display, (1, 1), "FB401",
                                             f"release {release.version} was edited after it was released",
                                             "undo the edit (git checkout the file), and change `version:` in framework.yml to make a new version"))
        elif release.version == working.version and release.digest != digest(
            working.model_copy(update={"status": release.framework.status, "adopted_on": release.framework.adopted_on})
        ):
            source = sources[FRAMEWORK_FILE]
            diagnostics.append(Diagnostic.at(source.path, source.position(("version",)), "FB402",
                                             f"version {working.version} is already released, but the framework has changed since",
                                             "change `version:` (for example to the next number) to publish these changes"))
        releases.append(release)
    return releases


def _read_translations(folder: Path, working: Framework | None, releases: list[ReleaseFile],
                       diagnostics: list[Diagnostic]) -> dict[str, TranslationFile]:
    """The translation files by language, checked against the working version and the releases
    (without a working version, only what a file says by itself is checked)."""
    translations: dict[str, TranslationFile] = {}
    where = folder / TRANSLATIONS
    if where.is_symlink():
        diagnostics.append(not_plain_diagnostic(display_path(where), stat.S_IFLNK))
        return translations
    paths = translation_paths(folder)
    problem = too_large(where, paths, [], MAX_FRAMEWORK_BYTES)
    if problem is not None:
        diagnostics.append(problem)
        return translations
    known = Known([working, *(release.framework for release in releases)] if working is not None else [])
    for path in paths:
        sources: dict[str, SourceFile] = {}
        translation = _to_model(read_or_diagnostic(path, display_path(path)), TranslationFile, diagnostics,
                                sources, path.stem)
        if translation is None:
            continue
        found = check_translation(translation, sources[path.stem], path.stem,
                                  working.language if working is not None else "", known, checkable=working is not None)
        diagnostics.extend(found)
        if not any(d.is_error for d in found):
            translations[translation.language] = translation
    return translations
