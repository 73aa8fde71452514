"""The versions of one framework: its frozen releases plus the working version.

A version's *effective* status is what the site shows: an adopted version followed by a
later adopted one is `superseded`. The version readers are sent to (`latest`) is the
newest adopted version, or the newest version when none is adopted yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from framework_builder.model.framework import Framework, Status
from framework_builder.model.translations import TranslatedFramework, TranslationFile, apply, coverage
from framework_builder.source.loader import LoadedFramework


@dataclass(frozen=True)
class VersionInfo:
    """One version as the version list shows it."""

    version: str
    status: Status
    released_on: dt.date | None  # None for the unreleased working version


@dataclass(frozen=True)
class VersionContext:
    """Everything needed to render one version of a framework."""

    slug: str
    framework: Framework  # this version, with `status` set to the effective status
    version: str
    status: Status
    is_working: bool
    latest: str
    versions: tuple[VersionInfo, ...]  # newest first
    previous: Framework | None  # the version just before this one
    today: dt.date
    language: str = "en"  # the language these pages are in
    source_language: str = "en"  # the framework's own language (`language:`), built at the version's root
    languages: tuple[str, ...] = ("en",)  # every language this version is built in, the source language first
    # Each version's languages, by version (the versions menu of a language links to the versions that have it).
    version_languages: tuple[tuple[str, tuple[str, ...]], ...] = ()
    translated: TranslatedFramework | None = None  # the translation applied, None in the source language

    @property
    def is_latest(self) -> bool:
        return self.version == self.latest

    @property
    def is_newest(self) -> bool:
        return self.version == self.versions[0].version

    @property
    def released_on(self) -> dt.date | None:
        """The day this version was released, or None for the working version."""
        return next(info.released_on for info in self.versions if info.version == self.version)

    @property
    def in_source_language(self) -> bool:
        return self.language == self.source_language

    @property
    def language_folder(self) -> str:
        """Where this language's pages sit inside the version's folder: '' for the source language, 'es/'."""
        return "" if self.in_source_language else f"{self.language}/"

    @property
    def dated(self) -> dt.date:
        """The date this version's files carry: its release date, or the build date for the working version."""
        return self.released_on or self.today


def version_key(version: str) -> tuple:
    """Sort key for versions: 1.10 after 1.9, and a pre-release 1.0-rc.1 before 1.0."""
    number, _, suffix = version.partition("-")
    return tuple(int(part) for part in number.split(".")), suffix == "", suffix


def framework_versions(loaded: LoadedFramework) -> list[tuple[Framework, dt.date | None]]:
    """Releases and, when its version is not released, the working version; oldest first."""
    found: dict[str, tuple[Framework, dt.date | None]] = {
        release.version: (release.framework, release.released_on) for release in loaded.releases
    }
    if loaded.framework is not None and loaded.framework.version not in found:
        found[loaded.framework.version] = (loaded.framework, None)
    return [found[v] for v in sorted(found, key=version_key)]


def version_contexts(loaded: LoadedFramework, today: dt.date) -> list[VersionContext]:
    """A context per version of a loaded (valid) framework, oldest first."""
    history = framework_versions(loaded)
    adopted = [i for i, (fw, _) in enumerate(history) if fw.status is Status.adopted]
    newest_adopted = adopted[-1] if adopted else None

    def effective(index: int) -> Status:
        status = history[index][0].status
        if status is Status.adopted and newest_adopted is not None and index < newest_adopted:
            return Status.superseded
        return status

    statuses = [effective(i) for i in range(len(history))]
    latest_index = newest_adopted if newest_adopted is not None else len(history) - 1
    infos = tuple(
        VersionInfo(fw.version, statuses[i], released_on) for i, (fw, released_on) in enumerate(history)
    )[::-1]
    contexts = []
    for index, (framework, released_on) in enumerate(history):
        contexts.append(VersionContext(
            slug=loaded.slug,
            framework=framework.model_copy(update={"status": statuses[index]}),
            version=framework.version,
            status=statuses[index],
            is_working=released_on is None,
            latest=history[latest_index][0].version,
            versions=infos,
            previous=history[index - 1][0] if index else None,
            today=today,
        ))
    return contexts


def built_languages(framework: Framework, translations: dict[str, TranslationFile]) -> tuple[str, ...]:
    """The languages a version is built in: its own, then each translation that translates at least one of
    its texts (a translation made for later versions only gives an older one no pages), in code order."""
    own = [framework.language]
    return tuple(own + [lang for lang, translation in sorted(translations.items())
                        if lang != framework.language and coverage(framework, translation).translated])


def language_contexts(contexts: list[VersionContext], translations: dict[str, TranslationFile]
                      ) -> list[VersionContext]:
    """Every version in every language it is built in: each version's source language first, then the
    others, with the translation applied."""
    per_version = tuple((ctx.version, built_languages(ctx.framework, translations)) for ctx in contexts)
    found = []
    for ctx, (_, languages) in zip(contexts, per_version):
        base = dataclasses.replace(ctx, language=ctx.framework.language, source_language=ctx.framework.language,
                                   languages=languages, version_languages=per_version)
        found.append(base)
        for lang in languages[1:]:
            translated = apply(ctx.framework, translations[lang])
            previous = apply(ctx.previous, translations[lang]).framework if ctx.previous is not None else None
            found.append(dataclasses.replace(base, language=lang, translated=translated,
                                             framework=translated.framework, previous=previous))
    return found
