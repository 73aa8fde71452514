"""No request leaves the local server, on any page type, even after searching; no cookies."""

from __future__ import annotations

import pytest
from site_map import EVERY_PAGE


@pytest.mark.parametrize(("page_type", "scheme"), EVERY_PAGE)
def test_page_loads_from_the_local_server(pages, page_type: str, scheme: str) -> None:
    assert pages(page_type, scheme).local_requests, "the page did not load from the local server"


@pytest.mark.parametrize(("page_type", "scheme"), EVERY_PAGE)
def test_page_makes_no_third_party_request(pages, page_type: str, scheme: str) -> None:
    assert pages(page_type, scheme).foreign_requests == []


@pytest.mark.parametrize(("page_type", "scheme"), EVERY_PAGE)
def test_page_sets_no_cookies(pages, page_type: str, scheme: str) -> None:
    assert pages(page_type, scheme).cookies == []


def test_search_uses_the_local_index_only(pages) -> None:
    """The overview's record includes a search for "school" typed after pressing "/" (its requests and
    cookies, checked above, are taken after the search)."""
    overview = pages("overview", "light")
    assert overview.search_results > 0, "searching for 'school' showed no results"
    assert any(url.endswith("search/search_index.json") for url in overview.local_requests)
