"""No request leaves the local server, on any page type, even after searching; no cookies."""

from __future__ import annotations

import pytest

from site_map import PAGE_TYPES, VERSION


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_makes_no_third_party_request(visit, page_type: str) -> None:
    visit.open(PAGE_TYPES[page_type])
    assert visit.local_requests, "the page did not load from the local server"
    assert visit.foreign_requests == []
    assert visit.page.context.cookies() == []


def test_search_makes_no_third_party_request(visit) -> None:
    visit.open(VERSION)
    visit.page.keyboard.press("/")
    visit.page.keyboard.type("school")
    visit.page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert any(url.endswith("search/search_index.json") for url in visit.local_requests)
    assert visit.foreign_requests == []
    assert visit.page.context.cookies() == []
