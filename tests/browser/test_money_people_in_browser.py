"""The funding and partners pages of a plan with amounts and roles, as read in Chromium.

The demo has neither amounts nor roles, so these pages are built from `tests/fixtures/funded`
in a project of their own and served on 127.0.0.1: the funding page's totals per goal (amounts
in two currencies, never added together, "at least" where an amount is not given) and the
partners page's groups by role, as the reader sees them; axe-core on both, light and dark.
"""

from __future__ import annotations

from typing import Iterator

import axe_core
import pytest
from harness import build_fixtures
from local_server import serving

FUNDING = "funded/2.0/funding/"
PARTNERS = "funded/2.0/partners/"


@pytest.fixture(scope="module")
def funded_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    """tests/fixtures/funded built and served on 127.0.0.1."""
    with serving(build_fixtures(tmp_path_factory.mktemp("funded-browser"), "funded")) as url:
        yield url


@pytest.fixture
def open_page(browser, funded_server: str):
    """`open_page(path, scheme)`: that page loaded in a fresh context of the desktop size."""
    contexts = []

    def load(path: str, scheme: str = "light"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        response = page.goto(funded_server + path, wait_until="networkidle")
        assert response is not None and response.ok, path
        return page

    yield load
    for context in contexts:
        context.close()


def test_the_funding_page_totals_per_goal_read_as_written(open_page) -> None:
    page = open_page(FUNDING)
    table = page.locator("#totals ~ * table").first
    assert table.is_visible()
    rows = table.locator("tbody tr")
    read = [[" ".join(cell.split()) for cell in rows.nth(i).locator("td").all_inner_texts()]
            for i in range(rows.count())]
    assert read == [
        ["The plan is coordinated and reviewed", "at least $40,000 (1 amount not given)"],
        ["Young people have safe places to go", "at least $280,000 and €15,000.50 (1 amount not given)"],
        ["The plan as a whole, not tied to an action", "$55,000 and €20,000"],
        ["All funding", "at least $375,000 and €35,000.50 (2 amounts not given)"],
    ]
    total = page.get_by_text("Total from this source: at least $330,000 (1 amount not given).")
    assert total.count() == 1 and total.is_visible()


def test_the_partners_page_is_grouped_by_role_in_order(open_page) -> None:
    page = open_page(PARTNERS)
    # Each heading's text without its permalink (¶, shown on hover).
    groups = [" ".join(text.split()).removesuffix("¶").strip() for text in page.locator("article h2").all_inner_texts()]
    assert groups == ["Conveners", "Steering committee", "Members of the leadership group", "Funders",
                      "Technical support", "Partners", "Other organizations named in the plan"]
    steering = page.locator("#steering-committee")
    assert steering.evaluate("node => node.tagName") == "H3"
    assert page.get_by_text("Appointed by the mayor in 2017").is_visible()


@pytest.mark.parametrize("path", [FUNDING, PARTNERS])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violation_on_the_funding_and_partners_pages(open_page, path: str, scheme: str) -> None:
    axe_core.require()
    violations = axe_core.run(open_page(path, scheme))["violations"]
    assert not violations, f"{path}, {scheme} scheme:\n{axe_core.describe(violations)}"
