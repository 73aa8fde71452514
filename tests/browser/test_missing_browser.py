"""Without Chromium the browser tests skip and say how to install it; under CI=true they fail."""

from __future__ import annotations

import pytest

import chromium


def test_missing_browser_skips_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        chromium.missing("Chromium is not installed.")


def test_missing_browser_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true.*apt-get install chromium"):
        chromium.missing("Chromium is not installed.")
