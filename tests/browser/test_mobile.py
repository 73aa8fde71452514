"""At 390×844 (a phone) nothing overflows the page sideways; wide tables scroll in their own box."""

from __future__ import annotations

import pytest
from site_map import PHONE_PAGES


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_page_is_no_wider_than_a_phone(phone, name: str) -> None:
    page = phone(name)
    assert page.scroll_width <= page.inner_width, f"{name}: page is {page.scroll_width} px wide on a {page.inner_width} px screen"


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_no_table_sticks_out_of_a_phone_screen(phone, name: str) -> None:
    assert phone(name).tables_sticking_out == [], f"{name}: tables wider than the screen outside a scrolling box"


@pytest.mark.parametrize("name", list(PHONE_PAGES))
def test_tables_scroll_inside_their_own_box(phone, name: str) -> None:
    assert phone(name).tables_without_scroll_box == [], f"{name}: tables without a scrolling box of their own"


def test_the_action_plan_has_tables_to_check(phone) -> None:
    assert phone("action-plan").tables, "the action plan has no table"
