"""Checks beyond the schema: cross-references, coherent dates and values, review lints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from framework_builder.model.framework import (
    PLACEHOLDER,
    WEB_FORM_PLACEHOLDERS,
    DatedValue,
    Direction,
    Framework,
    FundedAmount,
    Indicator,
    Levels,
    Measure,
    Measurement,
    Status,
    WebFormChannel,
)
from framework_builder.model.items import Item, walk
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.model.measurement import direction_agrees, known_number, period_bounds, span
from framework_builder.source.diagnostics import Diagnostic
from framework_builder.source.partial import Unvalidated
from framework_builder.source.suggest import closest

# report(file, loc, code, message, hint) -> Diagnostic, located in the source files.
Report = Callable[[str, tuple, str, str, str], Diagnostic]


@dataclass(frozen=True)
class Known:
    """The ids the checks can resolve: those of the items that validated, and those written in
    files that did not (`Unvalidated`), so a reference to an item of a broken file is no error."""

    ids: dict[str, dict[str, None]]  # kind -> its ids in reading order (dict keys: an ordered set)
    unreadable: frozenset[str]
    currency_named: bool  # framework.yml names the currency of amounts that name none

    @classmethod
    def of(cls, framework: Framework, items: list[Item], unvalidated: Unvalidated) -> "Known":
        ids: dict[str, dict[str, None]] = {}
        for item in items:
            ids.setdefault(item.kind, {})[item.id] = None
        for kind, more in unvalidated.ids.items():
            ids.setdefault(kind, {}).update(dict.fromkeys(sorted(more)))  # an id already there keeps its place
        currency = unvalidated.currency_named if unvalidated.framework_file else framework.currency is not None
        return cls(ids, frozenset(unvalidated.unreadable), currency)

    def exists(self, kind: str, ident: str) -> bool:
        return ident in self.ids.get(kind, {})

    def checkable(self, *kinds: str) -> bool:
        """False when ids of one of these kinds may be missing because a file could not be read."""
        return not self.unreadable & set(kinds)


Check = Callable[[Framework, list[Item], Known, Report], Iterator[Diagnostic]]


def check_framework(framework: Framework, report: Report, unvalidated: Unvalidated | None = None) -> list[Diagnostic]:
    """Every problem the schema alone cannot see.

    With `unvalidated`, `framework` holds only what validated (framework.yml's fields only when it
    did): the checks of framework.yml wait until it validates, those that need every goal (is this
    finding addressed anywhere?) wait until they all do, and references are resolved against the
    ids written in the broken files too."""
    unvalidated = unvalidated or Unvalidated()
    items = list(walk(framework))
    known = Known.of(framework, items, unvalidated)
    checks: list[Check] = [_unique_ids, _references, _served_by, _references_once, _item_dates, _periods,
                           _amounts, _indicator_values, _review]
    if not unvalidated.framework_file:
        checks += [_framework_dates, _web_form_placeholders, _heard]
    if not unvalidated.anything:
        checks += [_review_whole]
    found: list[Diagnostic] = []
    for check in checks:
        found.extend(check(framework, items, known, report))
    return found


def _where(item: Item) -> str:
    return FRAMEWORK_FILE if item.file == FRAMEWORK_FILE else f"goals/{item.file}.yml"


def _unique_ids(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    first: dict[str, Item] = {}
    for item in items:
        if item.id in first:
            other = first[item.id]
            yield report(
                item.file, item.loc + ("id",), "FB201",
                f"id '{item.id}' is already used by {other.kind} '{other.title}' in {_where(other)}",
                f"ids must be unique in the framework; try '{item.id}-{item.kind}'",
            )
        else:
            first[item.id] = item


# An action's references to framework.yml: field, kind of item, code.
_ACTION_REFERENCES = (("lead", "organization", "FB202"), ("partners", "organization", "FB202"),
                      ("addresses", "finding", "FB203"), ("funding", "funding", "FB204"),
                      ("areas", "focus-area", "FB219"))
_WORD = {"organization": "organization", "finding": "finding", "funding": "funding source", "focus-area": "focus area"}
_LIST_OF = {"organization": "organizations", "finding": "findings", "funding": "funding", "focus-area": "focus_areas"}


def _references(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    for item in items:
        if item.kind != "action":
            continue
        for field, kind, code in _ACTION_REFERENCES:
            if not known.checkable(kind):
                continue
            value = getattr(item.model, field)
            refs = [value] if isinstance(value, str) else (value or [])
            for index, ref in enumerate(refs):
                linked = not isinstance(ref, str)  # a funding link {source, amount, ...}
                ref = ref.source if linked else ref
                if known.exists(kind, ref):
                    continue
                guess = closest(ref, known.ids.get(kind, []))
                hint = f"did you mean '{guess}'?" if guess else f"add it to `{_LIST_OF[kind]}:` in framework.yml"
                loc = item.loc + ((field,) if isinstance(value, str) else (field, index) + (("source",) if linked else ()))
                yield report(item.file, loc, code, f"action '{item.id}' refers to unknown {_WORD[kind]} '{ref}'", hint)


# What an indicator's `served_by:` may name: the work it measures.
SERVED_BY_KINDS = ("objective", "action")


def _served_by(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    kinds = {item.id: item.kind for item in items}
    work = [ident for kind in SERVED_BY_KINDS for ident in known.ids.get(kind, [])]
    levels = framework.level_names
    for item in items:
        if item.kind != "indicator":
            continue
        for index, ref in enumerate(item.model.served_by):
            loc = item.loc + ("served_by", index)
            if any(known.exists(kind, ref) for kind in SERVED_BY_KINDS):
                continue
            if ref in kinds:
                yield report(item.file, loc, "FB221",
                             f"indicator '{item.id}' is served by {kinds[ref]} '{ref}', but `served_by:` names "
                             f"the {_work_words(levels)} whose work the indicator measures",
                             "an indicator already belongs to its goal; list the work that moves it, or leave it out")
            elif known.checkable(*SERVED_BY_KINDS):
                guess = closest(ref, work)
                yield report(item.file, loc, "FB220", f"indicator '{item.id}' is served by unknown item '{ref}'",
                             f"did you mean '{guess}'?" if guess else
                             f"use the id of one of the {_work_words(levels)} in the goal files")


def _work_words(levels: Levels) -> str:
    """"objectives and actions", or the plan's own words for them ("strategies and actions")."""
    return f"{levels.objective.plural.lower()} and {levels.action.plural.lower()}"


# The kinds an author numbers with `reference:`, each numbered on its own.
REFERENCE_KINDS = ("goal", "objective", "action", "indicator", "finding")


def _references_once(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    first: dict[tuple[str, str], Item] = {}
    for item in items:
        reference = getattr(item.model, "reference", None)
        if item.kind not in REFERENCE_KINDS or reference is None:
            continue
        other = first.setdefault((item.kind, reference), item)
        if other is not item:
            yield report(item.file, item.loc + ("reference",), "FB306",
                         f"{item.kind} '{item.id}' has the reference '{reference}' of {other.kind} '{other.id}' "
                         f"in {_where(other)}",
                         "give each item its own reference; when the numbering starts again in each goal, "
                         "write the whole number, for example '2.1' rather than '1'")


def _framework_dates(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    comments = framework.comments
    if comments and comments.closes < comments.opens:
        yield report(FRAMEWORK_FILE, ("comments", "closes"), "FB207",
                     f"the comment window closes ({comments.closes}) before it opens ({comments.opens})",
                     "swap the dates or correct the wrong one")
    if framework.status is Status.public_comment and comments is None:
        yield report(FRAMEWORK_FILE, ("status",), "FB213", "status is public-comment but there is no `comments:` section",
                     "add `comments:` with `opens`, `closes` and at least one channel")
    horizon, engagement = framework.horizon, framework.engagement
    if horizon and horizon.end < horizon.start:
        yield report(FRAMEWORK_FILE, ("horizon", "end"), "FB223",
                     f"the plan's horizon ends ({horizon.end}) before it starts ({horizon.start})",
                     "write the first and the last year of the plan, for example `start: 2018` and `end: 2028`")
    if engagement and engagement.start and engagement.end and engagement.end < engagement.start:
        yield report(FRAMEWORK_FILE, ("engagement", "end"), "FB223",
                     f"the engagement ends ({engagement.end}) before it starts ({engagement.start})",
                     "swap the dates or correct the wrong one")


def _when(value: DatedValue | Measurement) -> str:
    """A value's day or period as written: "2025-03-31", "period 2025-Q1"."""
    return str(value.date) if value.date is not None else f"period {value.period}"


def _ends(value: DatedValue | Measurement) -> object:
    """The last day a value covers (None when its period is not a real one, reported by `_periods`)."""
    try:
        return span(value)[1]
    except ValueError:
        return None


def _item_dates(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    for item in items:
        model = item.model
        if item.kind == "action" and model.start and model.end and model.end < model.start:
            yield report(item.file, item.loc + ("end",), "FB211",
                         f"action '{item.id}' ends ({model.end}) before it starts ({model.start})", "correct the dates")
        if item.kind != "indicator":
            continue
        baseline, target = model.baseline, model.target
        if isinstance(baseline, DatedValue) and isinstance(target, DatedValue):
            base_end, target_end = _ends(baseline), _ends(target)
            if base_end and target_end and target_end <= base_end:
                field = "date" if target.date is not None else "period"
                yield report(item.file, item.loc + ("target", field), "FB208",
                             f"indicator '{item.id}': the target ({_when(target)}) is not after the baseline ({_when(baseline)})",
                             "the baseline is where you start and the target where you aim to be later")
        for index in range(1, len(model.measurements)):
            this, before = model.measurements[index], model.measurements[index - 1]
            this_end, before_end = _ends(this), _ends(before)
            if this_end and before_end and this_end <= before_end:
                field = "date" if this.date is not None else "period"
                yield report(item.file, item.loc + ("measurements", index, field), "FB209",
                             f"indicator '{item.id}': measurement of {_when(this)} is not after the one before it",
                             "list measurements oldest first, one per date or period (a period is placed at its last day)")


def _amount_places(items: list[Item]) -> Iterator[tuple[Item, tuple, FundedAmount]]:
    """Every amount of money with its place: an action's funding links, a source's `for_the_plan:`."""
    for item in items:
        if item.kind == "action":
            for index, link in enumerate(item.model.funding):
                if not isinstance(link, str):
                    yield item, item.loc + ("funding", index), link
        elif item.kind == "funding":
            for index, amount in enumerate(item.model.for_the_plan):
                yield item, item.loc + ("for_the_plan", index), amount


def _period_places(items: list[Item]) -> Iterator[tuple[Item, tuple, object]]:
    """Every `period:` written: on baselines, targets, measurements and amounts of money."""
    for item in items:
        if item.kind == "indicator":
            for field in ("baseline", "target"):
                value = getattr(item.model, field)
                if isinstance(value, DatedValue) and value.period is not None:
                    yield item, item.loc + (field, "period"), value.period
            for index, measurement in enumerate(item.model.measurements):
                if measurement.period is not None:
                    yield item, item.loc + ("measurements", index, "period"), measurement.period
    for item, loc, amount in _amount_places(items):
        if amount.period is not None:
            yield item, loc + ("period",), amount.period


def _periods(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    for item, loc, period in _period_places(items):
        try:
            first, last = period_bounds(period)
        except ValueError:
            yield report(item.file, loc, "FB107", f"the period '{period}' of {item.kind} '{item.id}' names a day that does not exist",
                         "write real days, year-month-day, for example 2023-07-01/2024-06-30")
            continue
        if last < first:
            yield report(item.file, loc, "FB224",
                         f"the period '{period}' of {item.kind} '{item.id}' ends ({last}) before it starts ({first})",
                         "write the first day, a slash, then the last day: 2023-07-01/2024-06-30")


def _amounts(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    if known.currency_named:
        return
    for item, loc, amount in _amount_places(items):
        if amount.amount is not None and amount.currency is None:
            yield report(item.file, loc + ("amount",), "FB222",
                         f"the amount {amount.amount:,g} of {_WORD.get(item.kind, item.kind)} '{item.id}' names no currency",
                         "add `currency: USD` to framework.yml (for every amount) or to the amount")


def _indicator_values(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    for item in items:
        if item.kind != "indicator":
            continue
        indicator: Indicator = item.model  # type: ignore[assignment]
        qualitative = indicator.measure is Measure.qualitative
        values = [(name, (name, "value"), getattr(indicator, name).value) for name in ("baseline", "target")
                  if isinstance(getattr(indicator, name), DatedValue)]
        values += [(f"measurement {_when(m)}", ("measurements", i, "value"), m.value) for i, m in enumerate(indicator.measurements)]
        for label, loc, value in values:
            if qualitative != isinstance(value, str):
                wanted = "text" if qualitative else "a number"
                yield report(item.file, item.loc + loc, "FB212",
                             f"indicator '{item.id}' measures {indicator.measure.value}, so its {label} should be {wanted}",
                             "write a number for count, percent and rate; text for qualitative")
            elif indicator.measure is Measure.percent and not 0 <= value <= 100:
                yield report(item.file, item.loc + loc, "FB210",
                             f"indicator '{item.id}': {label} is {value:g}, outside 0-100 %",
                             "write 45 for 45 %, not 0.45")
# A placeholder, or any other use of braces: `{name!r}`, `{name:99}`, `{}`, a lone `{` or `}`.
_BRACES = re.compile(r"\{[^{}]*\}|[{}]")


def placeholder_problem(url: str) -> tuple[str, str] | None:
    """What is wrong with the braces of a web-form URL (message, hint), or None."""
    allowed = ", ".join(f"{{{name}}}" for name in WEB_FORM_PLACEHOLDERS)
    for match in _BRACES.finditer(url):
        found = match.group(0)
        name = PLACEHOLDER.fullmatch(found)
        if name and name.group(1) in WEB_FORM_PLACEHOLDERS:
            continue
        if name:
            guess = closest(name.group(1), list(WEB_FORM_PLACEHOLDERS))
            return (f"unknown placeholder '{found}' in the web-form url",
                    (f"did you mean '{{{guess}}}'? " if guess else "") + f"the placeholders are {allowed}")
        if len(found) == 1:
            return (f"a lone '{found}' in the web-form url is not part of a placeholder",
                    f"the placeholders are {allowed}; write a brace in an address as %7B or %7D")
        return (f"'{found}' in the web-form url is not a placeholder",
                f"placeholders are a name in braces, without format or conversion: {allowed}")
    return None


def _web_form_placeholders(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    channels = framework.comments.channels if framework.comments else []
    for index, channel in enumerate(channels):
        problem = placeholder_problem(channel.url) if isinstance(channel, WebFormChannel) else None
        if problem:
            yield report(FRAMEWORK_FILE, ("comments", "channels", index, "url"), "FB214", *problem)


# The items "What we heard" can stand under: those with a place on a goal page.
HEARD_KINDS = ("goal", "objective", "action", "indicator")


def _version_key(version: str) -> tuple[tuple[int, ...], bool, str]:
    """Sort key of a version (as the site orders them): 1.10 after 1.9, a pre-release 1.0-rc.1 before 1.0."""
    number, _, suffix = version.partition("-")
    return tuple(int(part) for part in number.split(".")), suffix == "", suffix


def _heard(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    heard = framework.heard
    if heard is None:
        return
    if _version_key(heard.version) > _version_key(framework.version):
        yield report(FRAMEWORK_FILE, ("heard", "version"), "FB216",
                     f"`heard:` records comments on version {heard.version}, which is later than this version ({framework.version})",
                     "`version:` names the version the comments were about: this version, "
                     "or the earlier one whose comment window they came from")
    by_id = {item.id: item for item in items}
    shown = [ident for kind in HEARD_KINDS for ident in known.ids.get(kind, [])]
    seen: dict[str, int] = {}
    for index, entry in enumerate(heard.items):
        if entry.item is None:
            continue
        loc = ("heard", "items", index, "item")
        item = by_id.get(entry.item)
        if item is None and (entry.item in shown or not known.checkable(*HEARD_KINDS)):
            continue  # an item of a goal file that did not validate
        if item is None:
            guess = closest(entry.item, shown)
            yield report(FRAMEWORK_FILE, loc, "FB215", f"what we heard is about unknown item '{entry.item}'",
                         f"did you mean '{guess}'?" if guess else
                         "use the id of a goal, objective, action or indicator of this version, "
                         "or leave `item:` out for comments about the framework as a whole")
        elif item.kind not in HEARD_KINDS:
            yield report(FRAMEWORK_FILE, loc, "FB218",
                         f"what we heard is about {item.kind} '{entry.item}', which has no place on a goal page",
                         "name a goal, objective, action or indicator, or leave `item:` out "
                         "for comments about the framework as a whole")
        elif entry.item in seen:
            yield report(FRAMEWORK_FILE, loc, "FB217",
                         f"what we heard about '{entry.item}' is already recorded (entry {seen[entry.item] + 1})",
                         "write one entry per item: merge the two summaries and responses")
        else:
            seen[entry.item] = index


def _review(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    """Review warnings about one item each."""
    for item in items:
        model = item.model
        if item.kind == "action" and not model.lead:
            yield report(item.file, item.loc + ("id",), "FB302", f"action '{item.id}' has no lead organization",
                         "add `lead: <organization id>`")
        elif item.kind == "indicator":
            yield from _review_indicator(item, report)
        elif item.kind == "goal" and not model.indicators and not (model.actions or model.objectives):
            yield report(item.file, ("id",), "FB308", f"goal '{item.id}' has no actions and no indicators",
                         "add the work under `actions:` (or `objectives:`), or the measures of progress under `indicators:`")
        elif item.kind == "goal" and not model.indicators:
            yield report(item.file, ("id",), "FB304", f"goal '{item.id}' has no indicators",
                         "add at least one indicator under `indicators:` so readers can see progress")
        elif item.kind == "objective" and not model.actions:
            yield report(item.file, item.loc + ("id",), "FB305", f"objective '{item.id}' has no actions",
                         "add an action under `actions:`")


def _review_indicator(item: Item, report: Report) -> Iterator[Diagnostic]:
    indicator: Indicator = item.model  # type: ignore[assignment]
    if indicator.type.value != "output" and (indicator.baseline is None or indicator.target is None):
        missing = " and ".join(n for n in ("baseline", "target") if getattr(indicator, n) is None)
        field = missing.split()[0]
        yield report(item.file, item.loc + ("id",), "FB303", f"{indicator.type.value} indicator '{item.id}' has no {missing}",
                     f"add `{field}: {{value: ..., date: YYYY-MM-DD}}`, or `{field}: {{not_known_yet: true, note: ...}}` "
                     "to say it is not known yet")
    if not direction_agrees(indicator):
        base, target = known_number(indicator.baseline), known_number(indicator.target)
        relation = "equal to" if target == base else "below" if target < base else "above"
        aim = indicator.direction.value
        if target == base:
            hint = "if the aim is to keep it where it is, write `direction: maintain`; otherwise check the target"
        else:
            other = Direction.decrease if indicator.direction is Direction.increase else Direction.increase
            hint = f"if the aim is to {other.value} it, write `direction: {other.value}`; otherwise check the baseline and the target"
        yield report(item.file, item.loc + ("target", "value"), "FB307",
                     f"indicator '{item.id}' aims to {aim}, but its target ({target:g}) is {relation} its baseline ({base:g})",
                     hint)


def _review_whole(framework: Framework, items: list[Item], known: Known, report: Report) -> Iterator[Diagnostic]:
    """Review warnings that need every goal: is each finding addressed by some action?"""
    addressed = {ref for item in items if item.kind == "action" for ref in item.model.addresses}
    for item in items:
        if item.kind == "finding" and item.id not in addressed:
            yield report(item.file, item.loc + ("id",), "FB301", f"no action addresses finding '{item.id}'",
                         f"add '{item.id}' to the `addresses:` of the actions that respond to it")
