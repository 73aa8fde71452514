"""The data model a leadership group writes in YAML.

Every model forbids unknown keys (a typo is an error, never silently dropped) and
every text field is strict: PyYAML's YAML 1.1 turns `yes`, `no`, `on` and bare
numbers into other types, and a strict string refuses them with a clear message
instead of publishing "True" where the author wrote "yes".

Every text, list and number is bounded (limits.py): texts have a maximum length and no
invisible control or bidirectional-override characters, lists a maximum number of items,
numbers are finite and within ±MAX_NUMBER.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    HttpUrl,
    SerializerFunctionWrapHandler,
    StringConstraints,
    Tag,
    model_serializer,
    model_validator,
)

from framework_builder.model.limits import (
    MARKDOWN_PATTERN,
    MAX_FILES,
    MAX_ITEMS,
    MAX_MARKDOWN,
    MAX_NUMBER,
    MAX_SLUG,
    MAX_TEXT,
    MAX_VERSION,
    TEXT_PATTERN,
)

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
VERSION_PATTERN = r"^[0-9]+(\.[0-9]+)*(-[a-z0-9.]+)?$"

Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=MAX_SLUG)]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=MAX_TEXT,
                                        pattern=TEXT_PATTERN)]
Markdown = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=MAX_MARKDOWN, pattern=MARKDOWN_PATTERN)]
Version = Annotated[str, StringConstraints(strict=True, pattern=VERSION_PATTERN, max_length=MAX_VERSION)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_NUMBER, le=MAX_NUMBER)]
Amount = Annotated[float, Field(allow_inf_nan=False, ge=0, le=MAX_NUMBER)]
Url = HttpUrl
# A published reference number or label of an item, shown before its title: "1.05", "Goal 2", "A-3".
# Write numbers in quotes (`reference: "1.05"`): unquoted, YAML reads 1.10 as the number 1.1.
Reference = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1, max_length=40,
                                             pattern=TEXT_PATTERN)]
# A three-letter ISO 4217 currency code: USD, EUR, CAD, GBP.
CURRENCY_PATTERN = r"^[A-Z]{3}$"
Currency = Annotated[str, StringConstraints(strict=True, pattern=CURRENCY_PATTERN)]
# A year written as a number: 2024.
FIRST_YEAR, LAST_YEAR = 1900, 2200
Year = Annotated[int, Field(strict=True, ge=FIRST_YEAR, le=LAST_YEAR)]
# A period a value covers: a year `2024`, a half `2024-H1`, a quarter `2024-Q1`, a month `2024-03`,
# or a range of days `2023-07-01/2024-06-30` (a fiscal year, a school year).
PERIOD_PATTERN = (r"^[0-9]{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$"
                  r"|^[0-9]{4}-(0[1-9]|1[0-2])-[0-3][0-9]/[0-9]{4}-(0[1-9]|1[0-2])-[0-3][0-9]$")
PeriodText = Annotated[str, StringConstraints(strict=True, pattern=PERIOD_PATTERN)]
Period = Union[Year, PeriodText]
_PERIOD = ("The period it covers: a year (2024), a half (2024-H1), a quarter (2024-Q1), a month (2024-03), "
           "or a range of days (2023-07-01/2024-06-30).")
_REFERENCE = ("The number or label the published plan gives it, shown before its title: \"1.05\", \"Goal 2\". "
              "Write numbers in quotes.")


class Model(BaseModel):
    """Base for every YAML-authored model: unknown keys are errors.

    `omit_when_empty` names fields added after the first releases were frozen: they are left
    out of the output when None or empty, so the digest (and framework.json) of every earlier
    release stays the same."""

    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)
    omit_when_empty: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _leave_out_empty_additions(self, handler: SerializerFunctionWrapHandler) -> dict:
        data = handler(self)
        for name in self.omit_when_empty:
            if data.get(name) in (None, []):
                data.pop(name, None)
        return data


class Status(str, Enum):
    """Where a version of a framework stands."""

    draft = "draft"
    public_comment = "public-comment"
    adopted = "adopted"
    superseded = "superseded"


class Sector(str, Enum):
    local_government = "local-government"
    education = "education"
    law_enforcement = "law-enforcement"
    nonprofit = "nonprofit"
    social_services = "social-services"
    faith = "faith"
    community = "community"
    health = "health"
    business = "business"
    library = "library"
    state = "state"
    federal = "federal"
    funder = "funder"
    international = "international"
    other = "other"


class PreventionLevel(str, Enum):
    """The public-health prevention levels."""

    primary = "primary"
    secondary = "secondary"
    tertiary = "tertiary"


class Topic(str, Enum):
    """What a framework works to prevent; every sentence the tool writes itself follows it."""

    hate_and_targeted_violence = "hate-and-targeted-violence"
    community_violence = "community-violence"
    gun_violence = "gun-violence"
    youth_violence = "youth-violence"
    violent_extremism = "violent-extremism"


class Role(str, Enum):
    """An organization's part in the framework."""

    convener = "convener"
    steering = "steering"
    member = "member"
    funder = "funder"
    technical_support = "technical-support"
    partner = "partner"


class Timeframe(str, Enum):
    near_term = "near-term"
    mid_term = "mid-term"
    long_term = "long-term"


class ActionStatus(str, Enum):
    not_started = "not-started"
    in_progress = "in-progress"
    complete = "complete"
    on_hold = "on-hold"
    dropped = "dropped"


class IndicatorType(str, Enum):
    output = "output"
    outcome = "outcome"
    impact = "impact"


class Measure(str, Enum):
    count = "count"
    percent = "percent"
    rate = "rate"
    qualitative = "qualitative"


class Direction(str, Enum):
    increase = "increase"
    decrease = "decrease"
    maintain = "maintain"


class Frequency(str, Enum):
    monthly = "monthly"
    quarterly = "quarterly"
    twice_yearly = "twice-yearly"
    annually = "annually"
    once = "once"


class Organization(Model):
    """An organization taking part in the framework (Popolo-like), with its role in it."""

    omit_when_empty = ("role", "role_note")

    id: Slug
    name: Text
    sector: Sector
    role: Role | None = Field(None, description="Its part in the framework: convener, steering, member, funder, "
                              "technical-support or partner. The partners page groups organizations by it.")
    role_note: Text | None = Field(None, description="The role in the plan's own words, for example "
                                   "\"Appointed by the mayor in 2017\".")
    url: Url | None = None
    description: Markdown | None = None


class Finding(Model):
    """A finding of the needs and vulnerabilities assessment."""

    omit_when_empty = ("reference", "title")

    id: Slug
    reference: Reference | None = Field(None, description=_REFERENCE)
    title: Text | None = Field(None, description="A short name for links, for example \"Few residents report "
                               "incidents\". Without it, links show the first words of the text.")
    text: Markdown
    source: Text | None = None


class FundedAmount(Model):
    """An amount of money: how much, in which currency, for which fiscal year or period."""

    amount: Amount = Field(description="How much, as a plain number without a currency sign or commas: 280000.")
    currency: Currency | None = Field(None, description="A three-letter code such as USD or EUR. Leave it out "
                                      "when it is the framework's `currency:`.")
    fiscal_year: Year | Text | None = Field(None, description="The budget year as the budget names it: 2018, "
                                            "or \"FY2018-19\" in quotes.")
    period: Period | None = Field(None, description=_PERIOD)
    note: Text | None = Field(None, description="A short note, for example \"Planning and engagement\".")


class FundingSource(Model):
    """Who pays: a budget line, a grant, a foundation."""

    omit_when_empty = ("for_the_plan",)

    id: Slug
    name: Text
    kind: Literal["local-government", "state", "federal", "foundation", "community", "private", "other"]
    description: Markdown | None = None
    url: Url | None = None
    for_the_plan: list[FundedAmount] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Money from this source for the plan as a whole (planning, engagement, coordination), "
                    "not for one action: a list of amounts.")


class FundingLink(FundedAmount):
    """An action's funding from one source, with the amount when it is known."""

    source: Slug = Field(description="The id of a funding source under `funding:` in framework.yml.")
    amount: Amount | None = Field(None, description="How much this source gives to the action, when it is known: "  # type: ignore[assignment]
                                  "a plain number such as 280000.")


class FocusArea(Model):
    """A place the framework focuses on: a neighbourhood, a district, a corridor."""

    id: Slug
    name: Text
    kind: Text | None = Field(None, description="What kind of place: \"neighbourhood\", \"police district\", \"ward\".")
    description: Markdown | None = None


class Resource(Model):
    """A place to get help or report a bias incident (Open Referral-like)."""

    id: Slug
    name: Text
    description: Markdown
    url: Url | None = None
    phone: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9+() .-]{3,}$", max_length=MAX_TEXT)] | None = None
    languages: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS)
    emergency: bool = False


# Where comments go becomes links on every page, so channel fields are checked strictly:
# no query or fragment in an email address, no quote, bracket, space or backslash in a URL.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
DOMAIN = rf"(?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})"  # a real domain: labels, a top level
_ATOM = r"[A-Za-z0-9!#$%'*+/=^_`{|}~-]+"
EMAIL_PATTERN = rf"^{_ATOM}(?:\.{_ATOM})*@{DOMAIN}$"
WEB_FORM_PATTERN = rf"^https://{DOMAIN}(?::[0-9]{{1,5}})?(?:[/?#][^\s\"'<>\\\x00-\x1f\x7f-\x9f]*)?$"
GITHUB_REPOSITORY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?:[A-Za-z0-9_-]|\.{1,2}[A-Za-z0-9_-])[A-Za-z0-9_.-]{0,97}$"
WEB_FORM_PLACEHOLDERS = ("framework", "version", "item", "title", "language")
PLACEHOLDER = re.compile(r"\{(\w+)\}")  # a placeholder in a web-form URL, replaced as plain text


class EmailChannel(Model):
    """Comments by email: a `mailto:` link with subject and body filled in.

    `address` is `local@domain` only: letters, digits and `.!#$%'*+/=^_`{|}~-` before the @,
    a real domain after it; no query (`?bcc=`), `&`, space, bracket, quote or Markdown link."""

    type: Literal["email"]
    address: Annotated[str, StringConstraints(strict=True, pattern=EMAIL_PATTERN, max_length=254)]
    label: Text | None = None


class WebFormChannel(Model):
    """Comments through a web form: an https URL on a real domain, with no space, quote, angle
    bracket, backslash or control character. It may use the placeholders {framework}, {version},
    {item}, {title} and {language} (the page's language; `WEB_FORM_PLACEHOLDERS`), which `validate` checks."""

    type: Literal["web-form"]
    url: Annotated[str, StringConstraints(strict=True, pattern=WEB_FORM_PATTERN, max_length=2000)]
    label: Text | None = None


class GitHubChannel(Model):
    """Comments as a GitHub issue, through an issue form with prefilled fields.

    `repository` is owner/name as GitHub allows them: an owner of up to 39 letters, digits and
    hyphens (not first), a name of up to 100 letters, digits, `_`, `.` and `-` (not `.` or `..`)."""

    type: Literal["github"]
    repository: Annotated[str, StringConstraints(strict=True, pattern=GITHUB_REPOSITORY_PATTERN)]
    template: Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9_.-]+\.ya?ml$")] = "comment.yml"
    labels: list[Slug] = Field(default_factory=lambda: ["comment"])
    label: Text | None = None


Channel = Annotated[Union[EmailChannel, WebFormChannel, GitHubChannel], Field(discriminator="type")]


class Comments(Model):
    """The public comment window of a draft and where comments go."""

    opens: dt.date
    closes: dt.date
    channels: list[Channel] = Field(min_length=1, max_length=MAX_ITEMS)


class _OnDateOrPeriod(Model):
    """A value on one day (`date`) or over a period (`period`): exactly one of the two."""

    omit_when_empty = ("date", "period")

    date: dt.date | None = Field(None, description="The one day it was measured on or is aimed for: 2025-03-31.")
    period: Period | None = Field(None, description=_PERIOD)

    @model_validator(mode="after")
    def _date_or_period(self) -> "_OnDateOrPeriod":
        if (self.date is None) == (self.period is None):
            raise ValueError("give either `date:` (one day, YYYY-MM-DD) or `period:` (2024, 2024-Q1, 2024-03, "
                             "or 2023-07-01/2024-06-30), not both and not neither")
        return self


class DatedValue(_OnDateOrPeriod):
    """A baseline or target: a value on a date or over a period."""

    value: Number | Text


class NotKnownYet(Model):
    """A baseline or target the group does not know yet, said so explicitly: `{not_known_yet: true}`."""

    not_known_yet: Literal[True] = Field(description="Write `true`: the value is not known yet. The site says so "
                                         "instead of showing a number.")
    note: Text | None = Field(None, description="How and when it will be known, for example \"Set from the 2025 "
                              "resident survey\".")


def _known_or_not(value: Any) -> str:
    """The union's tag: from the YAML's dict when validating, from the model when serializing."""
    unknown = isinstance(value, NotKnownYet) or (isinstance(value, dict) and "not_known_yet" in value)
    return "not-known-yet" if unknown else "known"


BaselineOrTarget = Annotated[
    Union[Annotated[DatedValue, Tag("known")], Annotated[NotKnownYet, Tag("not-known-yet")]],
    Discriminator(_known_or_not),
]


class Measurement(_OnDateOrPeriod):
    value: Number | Text
    note: Text | None = None


class Indicator(Model):
    """How progress is measured (aligned with IATI results)."""

    omit_when_empty = ("reference", "served_by")

    id: Slug
    reference: Reference | None = Field(None, description=_REFERENCE)
    name: Text
    description: Markdown | None = None
    type: IndicatorType
    measure: Measure
    unit: Text | None = Field(None, description="Shown with every value: \"%\", \"incidents\", \"per 100,000 residents\".")
    direction: Direction
    baseline: BaselineOrTarget | None = Field(
        None, description="Where the measure starts: `{value: 63, date: 2024-03-31}` or `{value: 63, period: 2024-Q1}`; "
                          "`{not_known_yet: true, note: ...}` while it is not known.")
    target: BaselineOrTarget | None = Field(
        None, description="Where the group aims to be, with the date or period it aims for; "
                          "`{not_known_yet: true, note: ...}` while it is not set.")
    source: Text | None = None
    frequency: Frequency | None = None
    served_by: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS,
                                  description="The ids of the objectives and actions whose work this indicator measures.")
    measurements: list[Measurement] = Field(default_factory=list, max_length=MAX_ITEMS,
                                            description="The values measured so far, oldest first, each on a `date:` "
                                                        "or over a `period:`.")


class Action(Model):
    """A piece of work someone does. `timeframe` is optional when `start` or `end` is given."""

    omit_when_empty = ("reference", "timeframe", "areas")

    id: Slug
    reference: Reference | None = Field(None, description=_REFERENCE)
    title: Text
    description: Markdown | None = None
    lead: Slug | None = None
    partners: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    timeframe: Timeframe | None = Field(
        None, description="Roughly when the work happens, from the point of view of this version of the plan: "
                          "near-term (to start first, usually within the next year or two), mid-term (usually two "
                          "to four years out) or long-term (four years or more). Optional when `start:` or `end:` "
                          "is given; for work already under way, give `start:` rather than a timeframe.")
    start: dt.date | None = Field(None, description="The day the work starts or started: 2018-09-01.")
    end: dt.date | None = Field(None, description="The day the work ends or is due to end: 2026-06-30.")
    status: ActionStatus = ActionStatus.not_started
    addresses: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    funding: list[Slug | FundingLink] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="Who pays: funding source ids (`[city-budget]`), or `{source, amount, currency, fiscal_year, "
                    "period, note}` when the amount is known.")
    areas: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS,
                              description="The ids of the focus areas (under `focus_areas:` in framework.yml) "
                                          "where the work happens.")

    @model_validator(mode="after")
    def _when(self) -> "Action":
        if self.timeframe is None and self.start is None and self.end is None:
            raise ValueError("say when the work happens: `timeframe:` (near-term, mid-term or long-term), "
                             "or `start:` and `end:` dates (YYYY-MM-DD)")
        return self

    def funding_links(self) -> list[FundingLink]:
        """Every funding of this action as a link (a bare source id has no amount)."""
        return [FundingLink(source=f) if isinstance(f, str) else f for f in self.funding]


class Objective(Model):
    """The level between a goal and its actions; each framework names it (objective, strategy, priority)."""

    omit_when_empty = ("reference",)

    id: Slug
    reference: Reference | None = Field(None, description=_REFERENCE)
    title: Text
    description: Markdown | None = None
    prevention_level: PreventionLevel | None = None
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ITEMS)


class Goal(Model):
    """One goal, authored in its own file `goals/<id>.yml`.

    Actions sit under objectives, or directly under the goal (`actions:`) when the plan has no
    middle level; a goal may also have indicators only."""

    omit_when_empty = ("reference", "actions")

    id: Slug
    reference: Reference | None = Field(None, description=_REFERENCE)
    title: Text
    summary: Markdown | None = None
    order: Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)] | None = None
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ITEMS,
                                  description="Actions directly under the goal, for a plan with no middle level.")
    objectives: list[Objective] = Field(default_factory=list, max_length=MAX_ITEMS,
                                        description="The middle level of the plan (its name is set with `levels:` "
                                                    "in framework.yml), each with its actions. Optional.")
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_ITEMS,
                                        description="How progress on the goal is measured. A goal may have "
                                                    "indicators only.")


class HeardItem(Model):
    """What the leadership group heard about one item in a comment window, and what it did.

    `item` is the id of a goal, objective, action or indicator of this version (checked by
    `validate`); without it, the entry is about the framework as a whole (or about an item this
    version no longer has)."""

    item: Slug | None = None
    summary: Markdown  # the comments received, in the group's words
    response: Markdown  # the leadership group's response
    changed: Markdown | None = None  # what changed in this version because of them; none said when omitted


class Heard(Model):
    """What we heard: the comments of one comment window, written after it closed, with the response.

    They are written in the version that answers them: the same version when it was commented on
    as an unreleased draft and is now adopted under its own number, or a later one when the
    commented version was released (a release never changes, so it cannot take them)."""

    version: Version  # the version the comments were about: this one or an earlier one
    items: list[HeardItem] = Field(min_length=1, max_length=MAX_ITEMS)


# A neutral page to leave for at once: https on a real domain, no space, quote, bracket or control character.
QUICK_EXIT_PATTERN = WEB_FORM_PATTERN  # the same rule as a web form's address (no placeholders are filled in)


class QuickExit(Model):
    """A "leave this site now" link on the get-help and how-to-comment pages (off unless given)."""

    url: Annotated[str, StringConstraints(strict=True, pattern=QUICK_EXIT_PATTERN, max_length=2000)]
    label: Text | None = None


class LevelName(Model):
    """What a framework calls one level of its plan, in the singular and the plural."""

    singular: Text
    plural: Text


class Levels(Model):
    """The names of the plan's levels, used on every page, link and download. Each is optional."""

    goal: LevelName = LevelName(singular="Goal", plural="Goals")
    objective: LevelName = LevelName(singular="Objective", plural="Objectives")
    action: LevelName = LevelName(singular="Action", plural="Actions")
    indicator: LevelName = LevelName(singular="Indicator", plural="Indicators")


class Horizon(Model):
    """How long the plan runs and how often it is reviewed."""

    start: Year = Field(description="The first year of the plan: 2018.")
    end: Year = Field(description="The last year of the plan: 2028.")
    review: Frequency | None = Field(None, description="How often the group reviews the plan: annually, ...")
    next_review: dt.date | None = Field(None, description="The day of the next review: 2027-03-01.")


class Engagement(Model):
    """The engagement that shaped the plan: how many people, when, and how."""

    participants: Annotated[int, Field(strict=True, ge=1, le=MAX_NUMBER)] | None = Field(
        None, description="How many people took part: 1500.")
    start: dt.date | None = Field(None, description="The day the engagement started.")
    end: dt.date | None = Field(None, description="The day it ended.")
    description: Markdown | None = Field(None, description="How: listening sessions, surveys, youth councils.")


class FrameworkFile(Model):
    """The contents of `framework.yml`: everything but the goals."""

    omit_when_empty = ("heard", "quick_exit", "topic", "levels", "currency", "horizon", "engagement", "focus_areas")

    slug: Slug
    city: Text
    region: Text
    country: Text | None = None
    title: Text
    summary: Markdown
    notice: Markdown | None = None
    version: Version
    status: Literal[Status.draft, Status.public_comment, Status.adopted]
    language: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en"
    topic: Topic | None = Field(None, description="What the framework works to prevent; every sentence the site "
                                "writes itself follows it. hate-and-targeted-violence when not given.")
    levels: Levels | None = Field(None, description="What the plan calls its levels (Strategy, Priority, Measure...), "
                                  "used on every page; Goal, Objective, Action and Indicator when not given.")
    adopted_on: dt.date | None = None
    horizon: Horizon | None = Field(None, description="How long the plan runs and how often it is reviewed.")
    engagement: Engagement | None = Field(None, description="The engagement that shaped the plan: how many people, "
                                          "when, and how.")
    currency: Currency | None = Field(None, description="The currency of every amount that names none: USD, EUR, CAD.")
    comments: Comments | None = None
    organizations: list[Organization] = Field(default_factory=list, max_length=MAX_ITEMS)
    findings: list[Finding] = Field(default_factory=list, max_length=MAX_ITEMS)
    funding: list[FundingSource] = Field(default_factory=list, max_length=MAX_ITEMS)
    resources: list[Resource] = Field(default_factory=list, max_length=MAX_ITEMS)
    focus_areas: list[FocusArea] = Field(default_factory=list, max_length=MAX_ITEMS,
                                         description="The places the plan focuses on (neighbourhoods, districts); "
                                                     "actions name them in `areas:`.")
    heard: Heard | None = None
    quick_exit: QuickExit | None = None

    @property
    def level_names(self) -> Levels:
        """The names of the plan's levels (the defaults when `levels:` is not given)."""
        return self.levels or Levels()

    @property
    def topic_or_default(self) -> Topic:
        return self.topic or Topic.hate_and_targeted_violence


class Framework(FrameworkFile):
    """A whole version of a framework: `framework.yml` with its goals resolved."""

    goals: list[Goal] = Field(default_factory=list, max_length=MAX_FILES)
