"""The topic as a resident reads it: a community-violence framework's get-help page and the portal.

The minimal fixture with `topic: community-violence` is built and served on 127.0.0.1; in
Chromium, the get-help page's heading and its title in the browser tab, the overview's link to it,
and the portal's first sentence name community violence, not bias incidents.
"""

from __future__ import annotations

import shutil
from typing import Iterator

import pytest
from harness import FIXTURE_TODAY, FIXTURES, built_site, edit_yaml
from local_server import serving

HELP_TITLE = "Get help or report violence or a threat"


@pytest.fixture(scope="module")
def community_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: str) -> Iterator[str]:
    """The minimal fixture on community violence, built and served; yields its address."""
    project = tmp_path_factory.mktemp("topic")
    shutil.copytree(FIXTURES / "minimal", project / "frameworks" / "minimal")
    edit_yaml(project / "frameworks" / "minimal" / "framework.yml", lambda data: data.update(topic="community-violence"))
    with serving(built_site(project, today=FIXTURE_TODAY)) as url:
        yield url


@pytest.fixture
def page(browser, community_site: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.base = community_site
    yield opened
    context.close()


def visible_text(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    """The text a reader sees in the first element matching `selector`, permalink anchors left out."""
    return page.evaluate("""(selector) => { const el = document.querySelector(selector).cloneNode(true);
        el.querySelectorAll('.headerlink').forEach(a => a.remove());
        return el.innerText.replace(/\\s+/g, ' ').trim(); }""", selector)


def test_the_get_help_page_says_what_residents_report(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{page.base}minimal/1.0/", wait_until="networkidle")
    link = page.get_by_role("link", name=HELP_TITLE)
    assert link.is_visible()
    link.click()
    page.wait_for_url("**/minimal/1.0/help/")

    assert visible_text(page, "h1") == HELP_TITLE
    assert page.title().startswith("Get help")
    assert "bias" not in page.locator("article").inner_text().lower()


def test_the_portal_says_what_the_plans_prevent(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base, wait_until="networkidle")
    first = visible_text(page, "main p")
    assert first == ("Each city's plan to prevent community violence, written with its community. "
                     "Drafts are open for residents' comments before they are adopted.")
