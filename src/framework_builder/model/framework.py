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
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SerializerFunctionWrapHandler, StringConstraints, model_serializer

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
Url = HttpUrl


class Model(BaseModel):
    """Base for every YAML-authored model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


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
    """A partner in the local leadership group (Popolo-like)."""

    id: Slug
    name: Text
    sector: Sector
    url: Url | None = None
    description: Markdown | None = None


class Finding(Model):
    """A finding of the needs and vulnerabilities assessment."""

    id: Slug
    text: Markdown
    source: Text | None = None


class FundingSource(Model):
    id: Slug
    name: Text
    kind: Literal["local-government", "state", "federal", "foundation", "community", "private", "other"]
    description: Markdown | None = None
    url: Url | None = None


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
WEB_FORM_PLACEHOLDERS = ("framework", "version", "item", "title")
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
    {item} and {title} (`WEB_FORM_PLACEHOLDERS`), which `validate` checks."""

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


class DatedValue(Model):
    value: Number | Text
    date: dt.date


class Measurement(Model):
    date: dt.date
    value: Number | Text
    note: Text | None = None


class Indicator(Model):
    """How progress is measured (aligned with IATI results)."""

    id: Slug
    name: Text
    description: Markdown | None = None
    type: IndicatorType
    measure: Measure
    unit: Text | None = None
    direction: Direction
    baseline: DatedValue | None = None
    target: DatedValue | None = None
    source: Text | None = None
    frequency: Frequency | None = None
    measurements: list[Measurement] = Field(default_factory=list, max_length=MAX_ITEMS)


class Action(Model):
    id: Slug
    title: Text
    description: Markdown | None = None
    lead: Slug | None = None
    partners: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    timeframe: Timeframe
    start: dt.date | None = None
    end: dt.date | None = None
    status: ActionStatus = ActionStatus.not_started
    addresses: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)
    funding: list[Slug] = Field(default_factory=list, max_length=MAX_ITEMS)


class Objective(Model):
    id: Slug
    title: Text
    description: Markdown | None = None
    prevention_level: PreventionLevel | None = None
    actions: list[Action] = Field(default_factory=list, max_length=MAX_ITEMS)


class Goal(Model):
    """One goal, authored in its own file `goals/<id>.yml`."""

    id: Slug
    title: Text
    summary: Markdown | None = None
    order: Annotated[int, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)] | None = None
    objectives: list[Objective] = Field(min_length=1, max_length=MAX_ITEMS)
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_ITEMS)


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


# Optional sections of framework.yml added after the first releases (see FrameworkFile's serializer).
ADDED_LATER = ("heard", "quick_exit")


class FrameworkFile(Model):
    """The contents of `framework.yml`: everything but the goals."""

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
    adopted_on: dt.date | None = None
    comments: Comments | None = None
    organizations: list[Organization] = Field(default_factory=list, max_length=MAX_ITEMS)
    findings: list[Finding] = Field(default_factory=list, max_length=MAX_ITEMS)
    funding: list[FundingSource] = Field(default_factory=list, max_length=MAX_ITEMS)
    resources: list[Resource] = Field(default_factory=list, max_length=MAX_ITEMS)
    heard: Heard | None = None
    quick_exit: QuickExit | None = None

    @model_serializer(mode="wrap")
    def _leave_out_unused_additions(self, handler: SerializerFunctionWrapHandler) -> dict:
        """Fields added after releases were first frozen are left out when not given, so the digest
        of every earlier release (and its framework.json) stays the same."""
        data = handler(self)
        for name in ADDED_LATER:
            if data.get(name) is None:
                data.pop(name, None)
        return data


class Framework(FrameworkFile):
    """A whole version of a framework: `framework.yml` with its goals resolved."""

    goals: list[Goal] = Field(default_factory=list, max_length=MAX_FILES)
