"""Which versions a framework's site has, in which order, with which effective status and `latest`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from harness import FIXTURES

from framework_builder.model.framework import Framework, Status
from framework_builder.model.releases import freeze
from framework_builder.site.versions import version_contexts, version_key
from framework_builder.source.loader import LoadedFramework, load_framework

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def minimal() -> Framework:
    loaded = load_framework(FIXTURES / "minimal")
    assert loaded.ok and loaded.framework is not None, loaded.diagnostics
    return loaded.framework


def network(base: Framework, releases: list[tuple[str, Status]], working: tuple[str, Status]) -> LoadedFramework:
    """A loaded framework with the given releases (version, status) and working version."""
    frozen = [freeze(base.model_copy(update={"version": v}), status, dt.date(2026, 1, 1) + dt.timedelta(days=i))
              for i, (v, status) in enumerate(releases)]
    version, status = working
    return LoadedFramework(folder=Path("frameworks/minimal"),
                           framework=base.model_copy(update={"version": version, "status": status}),
                           releases=frozen)


def summary(loaded: LoadedFramework) -> list[tuple[str, str, bool]]:
    """(version, effective status, is working) per version, oldest first."""
    return [(c.version, c.status.value, c.is_working) for c in version_contexts(loaded, TODAY)]


@pytest.mark.parametrize(("older", "newer"), [
    ("1.9", "1.10"),
    ("0.9", "1.0"),
    ("1.0-rc1", "1.0"),
    ("1.0-alpha", "1.0-beta"),
    ("1.0-rc1", "1.0-rc2"),
    ("1.0", "1.0.1"),
    ("2", "10"),
])
def test_version_key_orders_numbers_numerically_and_pre_releases_first(older: str, newer: str) -> None:
    assert version_key(older) < version_key(newer)
    assert sorted([newer, older], key=version_key) == [older, newer]


def test_versions_are_listed_in_version_order_not_file_order(minimal: Framework) -> None:
    loaded = network(minimal, [("1.10", Status.adopted), ("1.9", Status.adopted), ("1.2", Status.adopted)],
                     ("1.10", Status.adopted))
    contexts = version_contexts(loaded, TODAY)
    assert [c.version for c in contexts] == ["1.2", "1.9", "1.10"]
    assert [v.version for v in contexts[0].versions] == ["1.10", "1.9", "1.2"]  # newest first


def test_an_adopted_version_followed_by_a_later_adopted_one_is_superseded(minimal: Framework) -> None:
    loaded = network(minimal, [("1.0", Status.adopted), ("1.1", Status.public_comment), ("1.2", Status.adopted)],
                     ("1.3", Status.draft))
    assert summary(loaded) == [
        ("1.0", "superseded", False),
        ("1.1", "public-comment", False),
        ("1.2", "adopted", False),
        ("1.3", "draft", True),
    ]
    contexts = version_contexts(loaded, TODAY)
    assert {c.latest for c in contexts} == {"1.2"}  # the newest adopted, not the newer draft
    assert [c.framework.status for c in contexts] == [c.status for c in contexts]


def test_latest_is_the_newest_version_when_none_is_adopted(minimal: Framework) -> None:
    loaded = network(minimal, [("0.1", Status.public_comment)], ("0.2", Status.draft))
    contexts = version_contexts(loaded, TODAY)
    assert {c.latest for c in contexts} == {"0.2"}
    assert [c.is_latest for c in contexts] == [False, True]


def test_the_working_version_is_left_out_once_released(minimal: Framework) -> None:
    loaded = network(minimal, [("1.0", Status.public_comment), ("1.1", Status.adopted)], ("1.1", Status.adopted))
    assert summary(loaded) == [("1.0", "public-comment", False), ("1.1", "adopted", False)]


def test_the_working_version_is_included_while_unreleased(minimal: Framework) -> None:
    loaded = network(minimal, [("1.0", Status.adopted)], ("1.1", Status.public_comment))
    assert summary(loaded) == [("1.0", "adopted", False), ("1.1", "public-comment", True)]
    contexts = version_contexts(loaded, TODAY)
    assert contexts[1].previous is not None and contexts[1].previous.version == "1.0"
    assert contexts[0].previous is None
    assert contexts[1].versions[1].released_on == dt.date(2026, 1, 1)
    assert contexts[1].versions[0].released_on is None


def test_demo_riverton_has_a_superseded_and_an_adopted_version() -> None:
    loaded = load_framework(Path(__file__).resolve().parent.parent / "frameworks" / "riverton")
    assert loaded.ok, loaded.diagnostics
    contexts = version_contexts(loaded, TODAY)
    assert [(c.version, c.status.value, c.is_working) for c in contexts] == [
        ("1.0", "superseded", False), ("1.1", "adopted", False)]
    assert {c.latest for c in contexts} == {"1.1"}
