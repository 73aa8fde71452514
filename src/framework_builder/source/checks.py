"""Checks beyond the schema: cross-references, coherent dates and values, review lints."""

from __future__ import annotations

import re
from typing import Callable, Iterator

from framework_builder.model.framework import (
    PLACEHOLDER,
    WEB_FORM_PLACEHOLDERS,
    Framework,
    Indicator,
    Measure,
    Status,
    WebFormChannel,
)
from framework_builder.model.items import Item, walk
from framework_builder.model.layout import FRAMEWORK_FILE
from framework_builder.source.diagnostics import Diagnostic
from framework_builder.source.suggest import closest

# report(file, loc, code, message, hint) -> Diagnostic, located in the source files.
Report = Callable[[str, tuple, str, str, str], Diagnostic]


def check_framework(framework: Framework, report: Report) -> list[Diagnostic]:
    """Every problem the schema alone cannot see."""
    items = list(walk(framework))
    found: list[Diagnostic] = []
    for check in (_unique_ids, _references, _dates, _indicator_values, _web_form_placeholders, _heard, _review):
        found.extend(check(framework, items, report))
    return found


def _unique_ids(framework: Framework, items: list[Item], report: Report) -> Iterator[Diagnostic]:
    first: dict[str, Item] = {}
    for item in items:
        if item.id in first:
            other = first[item.id]
            where = FRAMEWORK_FILE if other.file == FRAMEWORK_FILE else f"goals/{other.file}.yml"
            yield report(
                item.file, item.loc + ("id",), "FB201",
                f"id '{item.id}' is already used by {other.kind} '{other.title}' in {where}",
                f"ids must be unique in the framework; try '{item.id}-{item.kind}'",
            )
        else:
            first[item.id] = item


def _references(framework: Framework, items: list[Item], report: Report) -> Iterator[Diagnostic]:
    targets = {
        "organization": [o.id for o in framework.organizations],
        "finding": [f.id for f in framework.findings],
        "funding": [f.id for f in framework.funding],
    }
    fields = (("lead", "organization", "FB202"), ("partners", "organization", "FB202"),
              ("addresses", "finding", "FB203"), ("funding", "funding", "FB204"))
    for item in items:
        if item.kind != "action":
            continue
        for field, kind, code in fields:
            value = getattr(item.model, field)
            refs = [value] if isinstance(value, str) else (value or [])
            for index, ref in enumerate(refs):
                linked = not isinstance(ref, str)  # a funding link {source, amount, ...}
                ref = ref.source if linked else ref
                if ref in targets[kind]:
                    continue
                guess = closest(ref, targets[kind])
                hint = f"did you mean '{guess}'?" if guess else f"add it to `{_LIST_OF[kind]}:` in framework.yml"
                loc = item.loc + ((field,) if isinstance(value, str) else (field, index) + (("source",) if linked else ()))
                yield report(item.file, loc, code, f"action '{item.id}' refers to unknown {_WORD[kind]} '{ref}'", hint)


_WORD = {"organization": "organization", "finding": "finding", "funding": "funding source"}
_LIST_OF = {"organization": "organizations", "finding": "findings", "funding": "funding"}


def _dates(framework: Framework, items: list[Item], report: Report) -> Iterator[Diagnostic]:
    comments = framework.comments
    if comments and comments.closes < comments.opens:
        yield report(FRAMEWORK_FILE, ("comments", "closes"), "FB207",
                     f"the comment window closes ({comments.closes}) before it opens ({comments.opens})",
                     "swap the dates or correct the wrong one")
    if framework.status is Status.public_comment and comments is None:
        yield report(FRAMEWORK_FILE, ("status",), "FB213", "status is public-comment but there is no `comments:` section",
                     "add `comments:` with `opens`, `closes` and at least one channel")
    for item in items:
        model = item.model
        if item.kind == "action" and model.start and model.end and model.end < model.start:
            yield report(item.file, item.loc + ("end",), "FB211",
                         f"action '{item.id}' ends ({model.end}) before it starts ({model.start})", "correct the dates")
        if item.kind != "indicator":
            continue
        if model.baseline and model.target and model.target.date <= model.baseline.date:
            yield report(item.file, item.loc + ("target", "date"), "FB208",
                         f"indicator '{item.id}': the target date ({model.target.date}) is not after the baseline date ({model.baseline.date})",
                         "the baseline is where you start and the target where you aim to be later")
        for index in range(1, len(model.measurements)):
            if model.measurements[index].date <= model.measurements[index - 1].date:
                yield report(item.file, item.loc + ("measurements", index, "date"), "FB209",
                             f"indicator '{item.id}': measurement of {model.measurements[index].date} is not after the one before it",
                             "list measurements oldest first, one per date")


def _indicator_values(framework: Framework, items: list[Item], report: Report) -> Iterator[Diagnostic]:
    for item in items:
        if item.kind != "indicator":
            continue
        indicator: Indicator = item.model  # type: ignore[assignment]
        qualitative = indicator.measure is Measure.qualitative
        values = [("baseline", ("baseline", "value"), indicator.baseline.value if indicator.baseline else None),
                  ("target", ("target", "value"), indicator.target.value if indicator.target else None)]
        values += [(f"measurement {m.date}", ("measurements", i, "value"), m.value) for i, m in enumerate(indicator.measurements)]
        for label, loc, value in values:
            if value is None:
                continue
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


def _web_form_placeholders(framework: Framework, items: list[Item], report: Report) -> Iterator[Diagnostic]:
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


def _heard(framework: Framework, items: list[Item], report: Report) -> Iterator[Diagnostic]:
    heard = framework.heard
    if heard is None:
        return
    if _version_key(heard.version) > _version_key(framework.version):
        yield report(FRAMEWORK_FILE, ("heard", "version"), "FB216",
                     f"`heard:` records comments on version {heard.version}, which is later than this version ({framework.version})",
                     "`version:` names the version the comments were about: this version, "
                     "or the earlier one whose comment window they came from")
    by_id = {item.id: item for item in items}
    shown = [item.id for item in items if item.kind in HEARD_KINDS]
    seen: dict[str, int] = {}
    for index, entry in enumerate(heard.items):
        if entry.item is None:
            continue
        loc = ("heard", "items", index, "item")
        item = by_id.get(entry.item)
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


def _review(framework: Framework, items: list[Item], report: Report) -> Iterator[Diagnostic]:
    addressed = {ref for item in items if item.kind == "action" for ref in item.model.addresses}
    for item in items:
        model = item.model
        if item.kind == "finding" and item.id not in addressed:
            yield report(item.file, item.loc + ("id",), "FB301", f"no action addresses finding '{item.id}'",
                         f"add '{item.id}' to the `addresses:` of the actions that respond to it")
        elif item.kind == "action" and not model.lead:
            yield report(item.file, item.loc + ("id",), "FB302", f"action '{item.id}' has no lead organization",
                         "add `lead: <organization id>`")
        elif item.kind == "indicator" and model.type.value != "output" and (model.baseline is None or model.target is None):
            missing = " and ".join(n for n in ("baseline", "target") if getattr(model, n) is None)
            yield report(item.file, item.loc + ("id",), "FB303", f"{model.type.value} indicator '{item.id}' has no {missing}",
                         f"add `{missing.split()[0]}: {{value: ..., date: YYYY-MM-DD}}`")
        elif item.kind == "goal" and not model.indicators:
            yield report(item.file, ("id",), "FB304", f"goal '{item.id}' has no indicators",
                         "add at least one indicator under `indicators:` so readers can see progress")
        elif item.kind == "objective" and not model.actions:
            yield report(item.file, item.loc + ("id",), "FB305", f"objective '{item.id}' has no actions",
                         "add an action under `actions:`")
