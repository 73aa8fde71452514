"""What changed between two versions, in residents' words: the "What changed" page.

`model.diff` finds the changes and says them precisely for pull requests (ids, values). Here the
same changes read as a resident would say them: items named by their level and reference
("strategy 1.05: …"), organizations, findings, funding sources and focus areas by their names,
values in words ("not started", "in progress"), dates written out. Values are read from the two
frameworks themselves, so every sentence says only what the authors wrote.

Each sentence is Markdown: community text passes through `escape` (the site's `markdown_inline`),
whole, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any


from framework_builder.model.diff import ItemChange
from framework_builder.model.framework import (
    Comments,
    DatedValue,
    Direction,
    Engagement,
    Framework,
    FundedAmount,
    FundingLink,
    FundingSource,
    Heard,
    Horizon,
    Indicator,
    Levels,
    Measurement,
    NotKnownYet,
    QuickExit,
    Topic,
)
from framework_builder.model.items import Item, walk
from framework_builder.site.i18n import N_, ngettext
from framework_builder.site.i18n import gettext as _
from framework_builder.site.render.escape import markdown_inline
from framework_builder.site.render.indicators import value_words, with_unit
from framework_builder.site.render.money import funding
from framework_builder.site.render.plan import first_words, levels_of, named, titled, word
from framework_builder.site.render.text import language_words, long_date, number, span_words
from framework_builder.site.render.topic import topic_words
from framework_builder.site.render.words import label, reviewed

Escape = Callable[[str], Any]

# What each kind of item is called when the plan has no level name for it.
KIND_WORDS = {"organization": N_("organization"), "finding": N_("finding"), "funding": N_("funding source"),
              "resource": N_("place to get help"), "focus-area": N_("focus area")}

FIELD_WORDS = {
    "title": N_("Title"), "name": N_("Name"), "summary": N_("Summary"), "description": N_("Description"),
    "text": N_("Text"), "notice": N_("Notice"), "reference": N_("Reference"), "city": N_("City"),
    "region": N_("Region"), "country": N_("Country"), "status": N_("Status"), "language": N_("Language"),
    "topic": N_("What the plan works to prevent"), "adopted_on": N_("Adoption date"), "currency": N_("Currency"),
    "sector": N_("Sector"), "role": N_("Role"), "role_note": N_("Role, in the plan's words"), "url": N_("Website"),
    "source": N_("Source"), "kind": N_("Kind"), "timeframe": N_("Timeframe"), "start": N_("Start date"),
    "end": N_("End date"), "prevention_level": N_("Prevention level"), "type": N_("Type"),
    "measure": N_("Measured as"), "unit": N_("Unit"), "direction": N_("Aim"),
    "frequency": N_("How often it is measured"), "phone": N_("Phone"), "languages": N_("Languages"),
    "lead": N_("Lead"), "horizon": N_("Plan period"), "engagement": N_("Engagement that shaped the plan"),
    "comments": N_("Comment window"), "quick_exit": N_("Quick exit link"), "levels": N_("The plan's levels"),
    "heard": N_("What we heard"), "baseline": N_("Starting point"), "target": N_("Target"), "areas": N_("Focus areas"),
    "for_the_plan": N_("Funding for the plan as a whole"), "order": N_("Place among the goals"),
}
# The version number changes every time; the page's first line already says it.
NOT_SHOWN = {"version", "slug"}
DESCRIPTION_WORDS = 12  # how many words of a changed Markdown text a sentence quotes
MARKDOWN_FIELDS = {"summary", "description", "text", "notice"}
# Fields that hold several facts: "Plan period added: 2018 to 2028, reviewed every year".
ADDED_FIELDS = {"horizon", "engagement", "comments", "levels", "quick_exit", "heard", "for_the_plan"}
NO_AMOUNT = N_("amount not given")
AIMS = {Direction.increase: N_("increase"), Direction.decrease: N_("decrease"),
        Direction.maintain: N_("keep it steady")}


@dataclass(frozen=True)
class ChangeEntry:
    """One item's change as the page lists it: a heading sentence, then one sentence per changed field."""

    change: ItemChange
    head: str
    details: tuple[str, ...] = ()


def change_entries(old: Framework, new: Framework, changes: list[ItemChange],
                   escape: Escape = markdown_inline) -> list[ChangeEntry]:
    """The changes from `old` to `new` in residents' words, community text through `escape`."""
    words = _Words(old, new, escape)
    return [words.entry(change) for change in changes]


def _kind(kind: str) -> str:
    """What an item of a kind is called when the plan has no level name for it, in the reader's language."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class _Words:
    """Names by id in both versions, and the sentences built from them."""

    def __init__(self, old: Framework, new: Framework, escape: Escape) -> None:
        self.old, self.new, self.escape = old, new, escape
        self.old_items = {(item.kind, item.id): item for item in walk(old)}
        self.new_items = {(item.kind, item.id): item for item in walk(new)}
        self.old_money, self.new_money = funding(old), funding(new)

    # --- names -------------------------------------------------------------------------------------

    def _item(self, kind: str, item_id: str, newer: bool = True) -> tuple[Item, Framework] | None:
        """The item of that kind and id, from the new version first (`newer`) or the old one first."""
        order = [(self.new_items, self.new), (self.old_items, self.old)]
        for items, framework in order if newer else order[::-1]:
            if (kind, item_id) in items:
                return items[(kind, item_id)], framework
        return None

    def plain_name(self, kind: str, item_id: str, newer: bool = True) -> str:
        """An item as a sentence names it, plain text: "strategy 1.05: Run a hotline", "organization: City"."""
        found = self._item(kind, item_id, newer)
        if found is None:
            return _("a {kind} no longer listed").format(kind=_kind(kind))
        item, framework = found
        if kind in ("goal", "objective", "action", "indicator"):
            return named(getattr(levels_of(framework), kind).singular, item.model)  # type: ignore[arg-type]
        return f"{_kind(kind)}: {self._title(item)}"

    def _title(self, item: Item) -> str:
        if item.kind == "finding":
            return titled(item.model)  # type: ignore[arg-type]
        return item.title

    def title(self, kind: str, item_id: str, newer: bool = True) -> str:
        """An item's own name or title, escaped: the City Council, Run a hotline."""
        found = self._item(kind, item_id, newer)
        if found is None:
            return self.escape(_("a {kind} no longer listed").format(kind=_kind(kind)))
        return self.escape(self._title(found[0]))

    def quoted(self, kind: str, item_id: str, newer: bool = True) -> str:
        """An item in a sentence, escaped: goal 2 “Safer schools”, strategy 1.05 “Run a hotline”."""
        found = self._item(kind, item_id, newer)
        if found is None or kind not in ("goal", "objective", "action", "indicator"):
            return f"{self.escape(_kind(kind))} “{self.title(kind, item_id, newer)}”"
        item, framework = found
        level = word(getattr(levels_of(framework), kind).singular)
        reference = getattr(item.model, "reference", None)
        if reference and " " in reference:  # a label of its own: "Goal 2"
            return f"{self.escape(reference)} “{self.title(kind, item_id, newer)}”"
        where = f"{level} {reference}" if reference else level
        return f"{self.escape(where)} “{self.title(kind, item_id, newer)}”"

    # --- entries -----------------------------------------------------------------------------------

    def entry(self, change: ItemChange) -> ChangeEntry:
        if change.kind == "framework":
            return ChangeEntry(change, _("The framework as a whole"), tuple(self._framework_details(change)))
        newer = change.change != "removed"
        name = self.escape(self.plain_name(change.kind, change.id, newer))
        if change.change == "added":
            return ChangeEntry(change, _("New {item}").format(item=name))
        if change.change == "removed":
            return ChangeEntry(change, _("Removed {item}").format(item=name))
        return ChangeEntry(change, _upper_first(name), tuple(self._item_details(change)))

    def _framework_details(self, change: ItemChange) -> Iterator[str]:
        for field in change.fields:
            if field.field in NOT_SHOWN:
                continue
            yield self._field(field.field, getattr(self.old, field.field, None),
                              getattr(self.new, field.field, None), None, self.new)

    def _item_details(self, change: ItemChange) -> Iterator[str]:
        before, after = self.old_items[(change.kind, change.id)], self.new_items[(change.kind, change.id)]
        names = [f.field for f in change.fields]
        if "goal" in names or "objective" in names:
            yield self._moved(change, before, after)
        for name in names:
            if name in ("goal", "objective") or name in NOT_SHOWN:
                continue
            old_value, new_value = getattr(before.model, name, None), getattr(after.model, name, None)
            if name == "partners":
                yield from self._partners(change, old_value, new_value)
            elif name == "addresses":
                yield from self._joined(old_value, new_value, "finding", N_("Now responds to {item}"),
                                        N_("No longer responds to {item}"))
            elif name == "served_by":
                yield from self._served_by(old_value, new_value)
            elif name == "funding":
                yield from self._funding(after.model.funding_links(), before.model.funding_links())  # type: ignore[attr-defined]
            elif name == "measurements":
                yield from self._measurements(after.model, old_value, new_value)  # type: ignore[arg-type]
            elif name == "emergency":
                yield (_("Now listed as an emergency service") if new_value
                       else _("No longer listed as an emergency service"))
            else:
                yield self._field(name, old_value, new_value, after.model, self.new)

    # --- sentences ---------------------------------------------------------------------------------

    def _moved(self, change: ItemChange, before: Item, after: Item) -> str:
        def place(item: Item, newer: bool) -> str:
            if item.objective is not None:
                return self.quoted("objective", item.objective.id, newer)
            return self.quoted("goal", item.goal.id, newer) if item.goal is not None else ""
        title = self.title(change.kind, change.id)
        return _("“{item}” moved from {before} to {after}").format(item=title, before=place(before, False),
                                                                    after=place(after, True))

    def _partners(self, change: ItemChange, old: list[str], new: list[str]) -> Iterator[str]:
        title = self.title(change.kind, change.id)
        for org in new:
            if org not in old:
                yield _("{organization} joined the partners of “{item}”").format(
                    organization=_upper_first(self.title("organization", org)), item=title)
        for org in old:
            if org not in new:
                yield _("{organization} is no longer a partner of “{item}”").format(
                    organization=_upper_first(self.title("organization", org, False)), item=title)

    def _joined(self, old: list[str], new: list[str], kind: str, added: str, removed: str) -> Iterator[str]:
        yield from (_(added).format(item=self.quoted(kind, i)) for i in new if i not in old)
        yield from (_(removed).format(item=self.quoted(kind, i, False)) for i in old if i not in new)

    def _served_by(self, old: list[str], new: list[str]) -> Iterator[str]:
        def kind(item_id: str) -> str:
            return "objective" if self._item("objective", item_id) else "action"
        yield from (_("Now measures the work of {item}").format(item=self.quoted(kind(i), i))
                    for i in new if i not in old)
        yield from (_("No longer measures the work of {item}").format(item=self.quoted(kind(i), i, False))
                    for i in old if i not in new)

    def _funding(self, new: list[FundingLink], old: list[FundingLink]) -> Iterator[str]:
        before = {link.source: link for link in old}
        after = {link.source: link for link in new}
        for source, link in after.items():
            amount = self.escape(self.new_money.describe(link))
            name = self.title("funding", source)
            if source not in before:
                yield (_("Now funded by {source}: {amount}").format(source=name, amount=amount) if amount
                       else _("Now funded by {source}").format(source=name))
            elif before[source] != link:
                was = self.escape(self.old_money.describe(before[source])) or _(NO_AMOUNT)
                yield _("Funding from {source}: {before} → {after}").format(
                    source=name, before=was, after=amount or _(NO_AMOUNT))
        for source in before:
            if source not in after:
                yield _("No longer funded by {source}").format(source=self.title("funding", source, False))

    def _measurements(self, indicator: Indicator, old: list[Measurement], new: list[Measurement]) -> Iterator[str]:
        added = [m for m in new if m not in old]
        removed = [m for m in old if m not in new]
        if added:
            yield _("New values: {values}").format(values="; ".join(self._measurement(indicator, m) for m in added))
        if removed:
            yield _("Values removed: {values}").format(
                values="; ".join(self._measurement(indicator, m) for m in removed))
        if not added and not removed:
            yield _("Values put in a different order")

    def _measurement(self, indicator: Indicator, measurement: Measurement) -> str:
        text = self.escape(value_words(indicator, measurement))
        return f"{text} ({self.escape(measurement.note)})" if measurement.note else text

    def _field(self, name: str, old: Any, new: Any, model: object, framework: Framework) -> str:
        """One field in a sentence: "Status: not started → in progress", "End date set to 31 December 2024",
        "Adoption date removed (was 1 November 2017)"."""
        label_ = _(FIELD_WORDS[name]) if name in FIELD_WORDS else _upper_first(name.replace("_", " "))
        before, after = self._value(name, old, model), self._value(name, new, model)
        if _empty(old):
            message = N_("{field} added: {value}") if name in ADDED_FIELDS else N_("{field} set to {value}")
            return _(message).format(field=label_, value=after)
        if _empty(new):
            return _("{field} removed (was {value})").format(field=label_, value=before)
        if before == after:  # they differ beyond the words a sentence quotes, or in details
            return (_("{field} reworded") if isinstance(new, str) else _("{field} changed")).format(field=label_)
        return _("{field}: {before} → {after}").format(field=label_, before=before, after=after)

    def _value(self, name: str, value: Any, model: object) -> str:
        """A value in words, escaped."""
        if _empty(value):
            return ""
        if name == "lead":
            return self.title("organization", value)
        if name == "areas":
            return ", ".join(self.title("focus-area", area) for area in value)
        if name in MARKDOWN_FIELDS:
            return f"“{self.escape(first_words(value, DESCRIPTION_WORDS))}”"
        if name == "kind" and isinstance(model, FundingSource):  # one of a list of words: local-government
            return self.escape(value.replace("-", " "))
        if isinstance(value, str) and not isinstance(value, Enum):
            return f"“{self.escape(value)}”" if " " in value.strip() else self.escape(value)
        return self.escape(self._plain(name, value, model))

    def _plain(self, name: str, value: Any, model: object) -> str:
        """A value that is not community text in plain words (community parts left to `escape`)."""
        if name == "language":
            return language_words(str(value))
        if isinstance(value, Direction):
            return _(AIMS[value])
        if isinstance(value, Topic):
            return topic_words(value).prevents
        if isinstance(value, Enum):
            return _lower_first(label(value)) if label(value) else str(value.value).replace("-", " ")
        if isinstance(value, dt.date):
            return long_date(value)
        if isinstance(value, (DatedValue, NotKnownYet)) and isinstance(model, Indicator):
            words = value_words(model, value, "by" if name == "target" else "on")
            return _lower_first(words) if isinstance(value, NotKnownYet) else words
        if isinstance(value, Comments):
            return _("{start} to {end}").format(start=long_date(value.opens), end=long_date(value.closes))
        if isinstance(value, Horizon):
            return _horizon(value)
        if isinstance(value, Engagement):
            return _engagement(value)
        if isinstance(value, Levels):
            return ", ".join(getattr(value, level).plural for level in ("goal", "objective", "action", "indicator"))
        if isinstance(value, Heard):
            return _("the comments on version {version}").format(version=value.version)
        if isinstance(value, QuickExit):
            return str(value.url)
        if isinstance(value, list) and value and isinstance(value[0], FundedAmount):
            return "; ".join(self.new_money.describe(amount) for amount in value)
        if isinstance(value, list):
            return ", ".join(self._plain(name, v, model) for v in value)
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, (int, float)) and isinstance(model, Indicator):
            return with_unit(model, value)
        if isinstance(value, (int, float)):
            return number(value)
        return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == ""


def _horizon(horizon: Horizon) -> str:
    parts = [_("{start} to {end}").format(start=horizon.start, end=horizon.end)]
    if horizon.review is not None:
        parts.append(_("reviewed {how_often}").format(how_often=reviewed(horizon.review)))
    if horizon.next_review is not None:
        parts.append(_("next review on {date}").format(date=long_date(horizon.next_review)))
    return ", ".join(parts)


def _engagement(engagement: Engagement) -> str:
    parts = []
    if engagement.participants is not None:
        parts.append(ngettext("{count} person", "{count} people", engagement.participants).format(
            count=number(engagement.participants)))
    if engagement.start or engagement.end:
        parts.append(span_words(engagement.start, engagement.end))
    if engagement.description:
        parts.append(f"“{first_words(engagement.description, DESCRIPTION_WORDS)}”")
    return ", ".join(parts) or _("described")
