"""Without Chromium or axe-core the browser tests skip and say how to install it; under CI=true they fail."""

from __future__ import annotations

import axe_core
import chromium
import pytest


def test_missing_browser_skips_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        chromium.missing("Chromium is not installed.")


def test_missing_browser_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true.*apt-get install chromium"):
        chromium.missing("Chromium is not installed.")


def test_missing_axe_core_skips_saying_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(axe_core, "script", lambda: None)
    with pytest.raises(pytest.skip.Exception, match=r"axe-core is not installed.*apt-get install npm.*make browser-deps"):
        axe_core.require()


def test_missing_axe_core_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(axe_core, "script", lambda: None)
    with pytest.raises(pytest.fail.Exception, match="CI=true.*axe-core is not installed"):
        axe_core.require()
