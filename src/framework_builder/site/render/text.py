"""Community-authored text, made safe for a page.

YAML text is untrusted: it may hold raw HTML, `javascript:` links or Markdown that would
break the page around it. Description fields are Markdown: they are rendered here with
raw HTML escaped, then cleaned with nh3 so only plain tags and http(s)/mailto/tel links
remain, and reach the page as HTML. Short fields (titles, names) are escaped instead,
by the function for their context in `escape.py`, so they read exactly as written.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from gettext import GNUTranslations

import markdown
import nh3
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal
from markupsafe import Markup

from framework_builder.model.measurement import period_bounds
from framework_builder.site.i18n import SOURCE_LANGUAGE, N_, current_language, locale, translations
from framework_builder.site.i18n import gettext as _

URL_SCHEMES = {"http", "https", "mailto", "tel"}
_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr", "del",
}
# No `title` (nh3 allows it on every tag unless "*" says otherwise): the theme's tooltips insert it as HTML.
_ATTRIBUTES = {"a": {"href"}, "th": {"align"}, "td": {"align"}, "*": set()}


def _markdown_without_html() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables"], output_format="html")
    # Raw HTML is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    return md


_MD = _markdown_without_html()


def _shift_headings(html: str) -> str:
    """Community headings sit under our own h2/h3: start them at h4."""
    return re.sub(r"<(/?)h([1-3])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 3}>", html)


def rich(text: str | None) -> Markup:
    """Community Markdown → safe HTML (no raw HTML, only http/https/mailto/tel links)."""
    return _rich(text) if text else Markup("")


@lru_cache(maxsize=16384)
def _rich(text: str) -> Markup:
    """Versions of a framework repeat most of their text: convert each text once."""
    _MD.reset()
    html = _shift_headings(_MD.convert(text))
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # No `markdown="0"`: md_in_html leaves a raw HTML block alone without it (its default), and
    # it would leave the attribute on a top-level block, where it is not valid HTML.
    return Markup(f'<div class="fb-text">\n{cleaned}\n</div>')


def written_locale() -> Locale:
    """The locale dates, months and numbers are written in: the language being rendered when the
    tool's sentences are translated into it, else English (the language its sentences then stay in),
    so a date never reads in another language than the sentence around it."""
    translated = isinstance(translations(current_language()), GNUTranslations)
    return locale() if translated else locale(SOURCE_LANGUAGE)


def long_date(value: dt.date | None) -> str:
    """A date written out for residents: 9 December 2024 (the house style in English), 9 de diciembre
    de 2024 (the language's long format in the others)."""
    if not value:
        return ""
    speaking = written_locale()
    return format_date(value, "d MMMM y" if speaking.language == "en" else "long", locale=speaking)


def language_words(code: str) -> str:
    """A language by its name in the language the sentences are written in: "es" → "Spanish" ("español"
    in Spanish, and "English" on a page whose sentences stay English); the code when Babel does not know it."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(written_locale()) or code
    except (ValueError, UnknownLocaleError):
        return code


def month_name(value: dt.date) -> str:
    """A month and its year: March 2024, marzo de 2024."""
    return format_skeleton("yMMMM", value, locale=written_locale())


def number(value: object) -> str:
    """A measured value as people write it: 12, 12.5, 1,200 (12,5 and 1.200 in Spanish)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    # Rounded as Python rounds (to at most two decimals), then written with the language's separators.
    digits = f"{value:.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"
    return format_decimal(Decimal(digits), format="#,##0.##", locale=written_locale())


# A period's name, and the same in a sentence, for each half and quarter (`{year}` is its year).
_HALVES = (N_("first half of {year}"), N_("second half of {year}"))
_QUARTERS = (N_("first quarter of {year}"), N_("second quarter of {year}"),
             N_("third quarter of {year}"), N_("fourth quarter of {year}"))
_IN_HALVES = (N_("in the first half of {year}"), N_("in the second half of {year}"))
_IN_QUARTERS = (N_("in the first quarter of {year}"), N_("in the second quarter of {year}"),
                N_("in the third quarter of {year}"), N_("in the fourth quarter of {year}"))


def period_name(period: int | str) -> str:
    """A period as a name, for a table's cell: 2024, first half of 2024, first quarter of 2024,
    March 2024, 1 July 2023 to 30 June 2024."""
    text = str(period)
    start, end = period_bounds(text)
    if "/" in text:
        return _("{start} to {end}").format(start=long_date(start), end=long_date(end))
    if "-H" in text:
        return _(_HALVES[int(text[-1]) - 1]).format(year=start.year)
    if "-Q" in text:
        return _(_QUARTERS[int(text[-1]) - 1]).format(year=start.year)
    if "-" in text:
        return month_name(start)
    return text


def period_words(period: int | str) -> str:
    """A period in a sentence: in 2024, in the first quarter of 2024, in March 2024,
    from 1 July 2023 to 30 June 2024."""
    text = str(period)
    start, end = period_bounds(text)
    if "/" in text:
        return span_words(start, end)
    if "-H" in text:
        return _(_IN_HALVES[int(text[-1]) - 1]).format(year=start.year)
    if "-Q" in text:
        return _(_IN_QUARTERS[int(text[-1]) - 1]).format(year=start.year)
    return _("in {period}").format(period=period_name(period))


def span_words(start: dt.date | None, end: dt.date | None) -> str:
    """A span of dates in a sentence: 'from 1 March 2018 to 31 December 2027', 'from 1 March 2018',
    'until 31 December 2027' (either end may be missing), or '' when neither is given."""
    if start and end:
        return _("from {start} to {end}").format(start=long_date(start), end=long_date(end))
    if start:
        return _("from {date}").format(date=long_date(start))
    return _("until {date}").format(date=long_date(end)) if end else ""


# A date in a sentence, after the word `when` is given: "on" a measured value's date, "by" a target's.
_ON_DATE = {"on": N_("on {date}"), "by": N_("by {date}")}


def when(date: dt.date | None, period: int | str | None, on: str = "on") -> str:
    """When a value was measured, in a sentence: 'on 9 December 2024' (or 'by', for a target's
    date) or the period's words ('in the first quarter of 2024')."""
    if period is not None:
        return period_words(period)
    return _(_ON_DATE[on]).format(date=long_date(date)) if date else ""


def when_name(date: dt.date | None, period: int | str | None) -> str:
    """When a value was measured, for a table's cell: 9 December 2024, First quarter of 2024."""
    if period is not None:
        name = period_name(period)
        return name[:1].upper() + name[1:]
    return long_date(date)
