"""Frozen releases: `releases/<version>.yml`, one resolved framework with a content digest."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import yaml

from framework_builder.model.framework import Framework, Model, Status, Version

RELEASE_HEADER = (
    "# Frozen release written by `framework-builder release`. Do not edit: a release never changes.\n"
    "# To change the framework, edit framework.yml and goals/, with a new `version:`.\n"
)


class ReleaseFile(Model):
    """The contents of `releases/<version>.yml`."""

    version: Version
    released_on: dt.date
    digest: str
    framework: Framework


def canonical_json(framework: Framework) -> str:
    """The framework as canonical JSON: the basis of digests and `framework.json`."""
    return json.dumps(framework.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digest(framework: Framework) -> str:
    """A content digest of a resolved framework, stable across key order and formatting."""
    return "sha256:" + hashlib.sha256(canonical_json(framework).encode()).hexdigest()


def release_path(folder: Path, version: str) -> Path:
    return folder / "releases" / f"{version}.yml"


def missing_adoption_date(framework: Framework, status: Status) -> bool:
    """Whether freezing `framework` as `status` would publish an adopted version with no adoption date."""
    return status is Status.adopted and framework.adopted_on is None


def freeze(framework: Framework, status: Status, released_on: dt.date) -> ReleaseFile:
    """A release of `framework` with the given status, exactly as the authors wrote it: nothing is
    filled in (an adoption date is never guessed; `release` refuses when `missing_adoption_date`)."""
    frozen = framework.model_copy(update={"status": status})
    return ReleaseFile(version=framework.version, released_on=released_on, digest=digest(frozen), framework=frozen)


def dump_release(release: ReleaseFile) -> str:
    """The YAML text of a release file."""
    data = release.model_dump(mode="json")
    return RELEASE_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
