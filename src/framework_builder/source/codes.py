"""The table of diagnostic codes: each code's meaning in plain words and an example fix.

`docs/codes.md` is generated from this table (`python -m framework_builder.source.codes`),
and a test fails when it is stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from framework_builder.model import limits


class Severity(str, Enum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    level: str  # "error" or "warning"
    title: str
    explanation: str
    example_fix: str

    @property
    def severity(self) -> Severity:
        return Severity(self.level)


_TABLE = [
    # Reading files
    Code("FB001", "error", "File is not UTF-8 text", "The file has characters that cannot be read, often pasted from a word processor.", "Retype the character at the place shown, or save the file as UTF-8 text."),
    Code("FB002", "error", "YAML syntax error", "The file's layout is broken, so nothing in it could be read.", "Check the line shown for a missing colon, an unclosed quote or a wrong indent."),
    Code("FB003", "error", "Tab used for indentation", "Lines must be indented with spaces, never with tabs.", "Replace the tab at the place shown with spaces."),
    Code("FB004", "error", "Duplicate key", "The same field appears twice in one place, so one of its two values would be lost.", "Delete one of the two lines, or merge their values."),
    Code("FB005", "error", "Empty file", "The file has nothing in it.", "Add the fields the file needs, or delete the file."),
    Code("FB006", "error", "Anchors and aliases are not allowed", "Shortcuts written with `&` and `*` make a file hard to review, so they are not allowed.", "Write the repeated value out in full each time."),
    Code("FB007", "error", "File too large", f"A framework or goal file holds at most {limits.MAX_FILE_BYTES:,} bytes, a release file {limits.MAX_RELEASE_BYTES:,}; a larger file usually means something went wrong.", "Split the goal into smaller goal files, or check that the file was not replaced by something else."),
    Code("FB008", "error", "Wrong kind of document", "The file should be made of `name: value` lines, but it is a list or a single value.", "Start the file with field lines such as `id: reporting`, not with `- ` list items."),
    Code("FB009", "error", "Key is not text", "A field name must be a word such as `title`, not a number or a date.", "Rename the field to one of the names listed in the hint."),
    Code("FB010", "error", "Framework folder incomplete", "A framework folder needs a `framework.yml` file and at least one goal file in `goals/`.", "Add the file the message names; ask a maintainer to run `framework-builder new` for a complete example."),
    Code("FB011", "error", "Not a plain file", "Only plain files and folders are read: a symbolic link (even one pointing inside the project, or to nothing), a folder named like a YAML file, a named pipe or a device is refused, so nothing outside the framework can be published.", "Replace the link with a copy of the file it points to, or rename the folder so its name does not end in `.yml`."),
    Code("FB012", "error", "Nested too deeply", f"Values are nested more than {limits.MAX_DEPTH} levels deep; no field of a framework needs more than 9, so this is a mistake in the brackets or the indentation.", "Check the `[ ]` and `{ }` brackets and the indentation at the place shown."),
    Code("FB013", "error", "Too many files or bytes", f"`goals/` and `releases/` hold at most {limits.MAX_FILES} files each; `framework.yml` and the goal files together at most {limits.MAX_FRAMEWORK_BYTES:,} bytes, and the release files together at most {limits.MAX_RELEASES_BYTES:,} bytes.", "Merge small goal files, or check that no file was replaced by something much larger."),
    # Schema
    Code("FB101", "error", "Unknown field", "The field name is not one the tool knows, often because of a typo, and it would be ignored.", "Rename `titel:` to `title:` (the hint names the closest field)."),
    Code("FB102", "error", "Missing field", "A field that must be filled in is missing.", "Add the field named in the message, for example `timeframe: near-term`."),
    Code("FB103", "error", "Wrong type of value", "The value is the wrong kind, for example a list where one value is needed, or `true` where text is needed.", "Follow the hint; for example write `name: \"true\"` in quotes when you mean the word."),
    Code("FB104", "error", "Not one of the allowed choices", "The field only accepts a few fixed values.", "Use one of the values listed, for example `status: in-progress`."),
    Code("FB105", "error", "Invalid id", "An id is a short name for web addresses: lowercase letters, digits and hyphens, starting with a letter or digit.", "Write `id: youth-outreach`, not `id: Youth Outreach`."),
    Code("FB106", "error", "Invalid format", "The value is not written the expected way for a web address, an email address, a phone number or a version.", "Write web addresses in full: `https://example.org/page`."),
    Code("FB107", "error", "Invalid date", "Dates are written year-month-day, with a real day of the month; so are the two days of a period written as a range.", "Write `date: 2025-03-31`, or `period: 2023-07-01/2024-06-30`."),
    Code("FB108", "error", "List is empty", "This list needs at least one item.", "Add an item, for example one objective under `objectives:`."),
    Code("FB109", "error", "Invalid value", "The value is not allowed in this field.", "Change the value as the message and its hint say."),
    Code("FB110", "error", "Number out of range", f"Numbers must be ordinary numbers between {-limits.MAX_NUMBER:,} and {limits.MAX_NUMBER:,}: `.inf`, `.nan` and numbers such as `1.0e+400` (which a computer reads as infinity) are refused. Some fields allow less: an amount of money is never negative, a year (`fiscal_year:`, a horizon's `start:` and `end:`, a period such as `2025`) has four digits, and `participants:` is at least 1.", "Write `value: 42`, `amount: 280000`, `fiscal_year: 2025`; to write a word instead of a number, put it in quotes."),
    Code("FB111", "error", "Text too long", f"Short texts (titles, names, labels, units, notes) have at most {limits.MAX_TEXT:,} characters; descriptions and other Markdown texts at most {limits.MAX_MARKDOWN:,}; ids {limits.MAX_SLUG}; versions {limits.MAX_VERSION}.", "Shorten the text; put the detail in the item's `description:`."),
    Code("FB112", "error", "List too long", f"A list holds at most {limits.MAX_ITEMS} items (objectives in a goal, actions in an objective, indicators, measurements, organizations, and every other list).", "Split the list, for example into a second objective or another goal file."),
    Code("FB113", "error", "Invisible control character", "Text may not contain invisible control characters (such as U+001B, which can change what a terminal shows) or the bidirectional overrides, embeddings and isolates U+202A–U+202E and U+2066–U+2069, which make text display differently from how it is stored. Left-to-right and right-to-left marks (U+200E, U+200F) are allowed. Short texts are also one line, without line breaks or tabs.", "Delete the character the message names: retype the text around the place shown, or remove the `\\u202e` escape that writes it."),
    Code("FB114", "error", "Say when the work happens", "An action says when it happens with `timeframe:` (near-term, mid-term or long-term), with dates (`start:`, `end:`), or both. `timeframe:` may be left out when a date is given.", "Write `timeframe: near-term`, or `start: 2026-01-01` and `end: 2026-06-30`."),
    Code("FB115", "error", "A date or a period", "A baseline, a target or a measurement is either on one day (`date:`) or over a period (`period:`: a year, a half, a quarter, a month, or a range of days), never both and never neither.", "Write `date: 2025-03-31`, or `period: 2025-Q1` for a value measured over the first quarter."),
    # References and consistency
    Code("FB201", "error", "Duplicate id", "Two items have the same id, but each id must be unique in the whole framework because it names a web address.", "Rename one of them, for example `reporting-2`."),
    Code("FB202", "error", "Unknown organization", "`lead:` and `partners:` must use the id of an organization listed in `framework.yml`.", "Use the organization's id (`lead: city-of-stamford`), or add the organization to `framework.yml`."),
    Code("FB203", "error", "Unknown finding", "`addresses:` must use the id of a finding listed in `framework.yml`.", "Use an existing finding id, or add the finding to `framework.yml`."),
    Code("FB204", "error", "Unknown funding source", "`funding:` in an action must use the id of a funding source listed in `framework.yml`.", "Use an existing funding id, or add the source under `funding:` in `framework.yml`."),
    Code("FB205", "error", "Goal file name does not match its id", "A goal's file must be named after its id, `goals/<id>.yml`, so its web address never changes.", "Rename the file or change the `id:` so they match."),
    Code("FB206", "error", "Slug does not match folder", "`slug:` in `framework.yml` must be the same as the framework's folder name.", "Change `slug:` to the folder name."),
    Code("FB207", "error", "Comment window closes before it opens", "The comment window's `closes:` date must be on or after its `opens:` date.", "Swap the two dates, or correct the one that is wrong."),
    Code("FB208", "error", "Baseline after target", "An indicator's baseline date must come before its target date. A period counts by its last day.", "Check the year of both dates."),
    Code("FB209", "error", "Measurements out of order", "Measurements are listed oldest first, with each date or period only once. A period counts by its last day: `2024-Q1` comes after `2024-03-15`.", "Move the measurement to its place in date order."),
    Code("FB210", "error", "Percent out of range", "A percent value must be between 0 and 100.", "Write 45 for 45 %, not 0.45 or 450."),
    Code("FB211", "error", "Action ends before it starts", "An action's `end:` date must be on or after its `start:` date.", "Correct the dates."),
    Code("FB212", "error", "Value does not fit the measure", "Qualitative indicators take words; count, percent and rate indicators take numbers.", "Write `value: 40` for a count, or change `measure:` to `qualitative`."),
    Code("FB213", "error", "Comment window missing", "A version open for public comment needs a `comments:` section with its dates and ways to comment.", "Add `comments:` with `opens:`, `closes:` and at least one channel."),
    Code("FB214", "error", "Web-form placeholder not allowed", "A web-form `url:` may name the item a comment is about with the placeholders `{framework}`, `{version}`, `{item}`, `{title}` and `{language}` (the language of the page) only. Any other use of braces (an unknown name, a format such as `{item:10}`, a conversion such as `{item!r}`, or a lone `{` or `}`) is refused.", "Write `url: https://forms.example.org/comment?item={item}&version={version}`; write a brace the form itself needs as `%7B` or `%7D`."),
    Code("FB215", "error", "What we heard: unknown item", "Each entry under `heard: items:` names, with `item:`, the goal, objective, action or indicator of this version the comments were about; the id must exist.", "Use the item's id (`item: reporting-guide`), or leave `item:` out when the comments were about the framework as a whole or about an item this version no longer has."),
    Code("FB216", "error", "What we heard: a later version", "`heard: version:` names the version the comments were about: this version (a draft commented on, then adopted under its own number) or an earlier one. A released version never changes, so what was heard on it is written in a later version.", "In the `framework.yml` of version 0.4, write `version: \"0.3\"` for the comments on version 0.3."),
    Code("FB217", "error", "What we heard: item recorded twice", "Each item has at most one entry under `heard: items:`, so its page shows one summary and one response.", "Merge the two entries into one."),
    Code("FB218", "error", "What we heard: item has no place for it", "What we heard is shown under goals, objectives, actions and indicators. Organizations, findings, funding sources and help services cannot carry it.", "Name the action or goal the comments were about, or leave `item:` out for comments about the framework as a whole."),
    Code("FB219", "error", "Unknown focus area", "`areas:` in an action must use the id of a focus area listed under `focus_areas:` in `framework.yml`.", "Use the area's id (`areas: [eastside]`), or add the area under `focus_areas:` in `framework.yml`."),
    Code("FB220", "error", "Unknown item in served_by", "`served_by:` in an indicator lists the ids of the objectives and actions whose work it measures; each id must exist in the goal files.", "Use the id of an objective or action: `served_by: [youth-centres]`."),
    Code("FB221", "error", "served_by names something that is not work", "`served_by:` names objectives and actions only (the work that moves the indicator). An indicator already belongs to its goal, and organizations, findings and funding sources are linked elsewhere.", "Replace the goal's id by the ids of the objectives or actions under it, or leave `served_by:` out."),
    Code("FB222", "error", "Amount without a currency", "An amount of money needs a currency. Write it once for the whole framework (`currency:` in `framework.yml`), or on the amount itself when it differs.", "Add `currency: USD` to `framework.yml`, or `currency: EUR` next to the `amount:`."),
    Code("FB223", "error", "Plan or engagement ends before it starts", "The plan's `horizon:` ends in a year before it starts, or the `engagement:` ends on a day before it starts.", "Write `horizon: {start: 2018, end: 2028}`; swap the dates of the engagement if they are the wrong way round."),
    Code("FB224", "error", "Period ends before it starts", "A period written as a range of days, `first/last`, has its last day before its first.", "Write `period: 2023-07-01/2024-06-30` (the first day, a slash, the last day)."),
    # Review warnings
    Code("FB301", "warning", "Finding not addressed", "No action says it responds to this finding.", "Add the finding's id to `addresses:` in the actions that respond to it."),
    Code("FB302", "warning", "Action without a lead", "Every action should have one organization that leads it.", "Add `lead: <organization id>`."),
    Code("FB303", "warning", "Indicator without baseline or target", "Outcome and impact indicators need a baseline and a target to show progress. When one is not known yet, say so: it is then shown as \"not known yet\", and this warning is not given.", "Add `baseline: {value: 0, date: 2025-01-01}` and a `target:`, or `baseline: {not_known_yet: true, note: Set from the 2025 survey}`."),
    Code("FB304", "warning", "Goal without indicators", "Readers cannot see progress on a goal that has no indicator.", "Add at least one indicator under `indicators:`."),
    Code("FB305", "warning", "Objective without actions", "An objective with no action has no plan behind it yet.", "Add an action under `actions:`, or say in the description why there is none yet."),
    Code("FB306", "warning", "Same reference twice", "Two goals, objectives, actions, indicators or findings have the same published `reference:`, so residents cannot tell which one a number means.", "Give each its own reference; when the numbering starts again in each goal, write the whole number: `reference: \"2.1\"`."),
    Code("FB307", "warning", "Target contradicts the direction", "The indicator aims to increase but its target is not above its baseline, or aims to decrease but its target is not below it. The site shows no progress figure for it, since any figure would mislead.", "Check the numbers; if the aim is to bring the value down, write `direction: decrease`; to keep it where it is, `direction: maintain`."),
    Code("FB308", "warning", "Goal without actions or indicators", "A goal with no actions (directly or under objectives) and no indicators has nothing for readers to follow yet. A goal may have indicators only.", "Add the work under `actions:` or `objectives:`, or the measures of progress under `indicators:`."),
    # Releases
    Code("FB401", "error", "Release was edited", "A released version never changes, but this release file was edited after it was released.", "Undo the edit to the release file; to make changes, change `version:` in `framework.yml` instead."),
    Code("FB402", "error", "Released version changed", "`framework.yml` still has the version number of a release, but its content is different from that release.", "Change `version:` in `framework.yml` (for example from 1.0 to 1.1) before changing a released framework."),
    Code("FB403", "error", "Release file name does not match its version", "A release file must be named after the version it holds: `releases/<version>.yml`.", "Rename the file to the version it holds."),
    # Translations
    Code("FB501", "error", "Translation file name and language differ", "A translation file is named after its language, `translations/<lang>.yml`, and says the same language in `language:`.", "In `translations/es.yml`, write `language: es`."),
    Code("FB502", "error", "Translation into the framework's own language", "The framework is already written in this language (`language:` in `framework.yml`, `en` when not given), so there is nothing to translate into it.", "Name the file and its `language:` after the language it translates into, such as `es`."),
    Code("FB503", "error", "Translation of something the framework does not have", "Translations are keyed by the id of an item (goal, objective, action, indicator, finding, organization, funding source, resource, focus area), by the item a \"what we heard\" entry is about, or by a level the framework names under `levels:`; this one names none of them, often because of a typo or a renamed id.", "Use the id as `framework.yml` or the goal file writes it: `reporting-guide`, not `reporting-guides`."),
    Code("FB504", "error", "Field that cannot be translated", "Each kind of item has a few texts to translate (a goal its title and summary, an action its title and description, ...); ids, dates, numbers and statuses are never translated.", "Rename `titel:` to `title:` (the hint lists the texts of that kind of item)."),
    Code("FB505", "error", "Not translated yet", "A translation's `text:` is empty. The to-do file that `framework-builder translations` writes leaves it empty for the translator; an empty text in a translation file would show nothing.", "Write the translation after `text:`, or delete the entry until it is translated (the source text is shown meanwhile)."),
    Code("FB506", "error", "Invalid source digest", "`of:` records which source text a translation was made from, as 8 characters 0-9 and a-f; the tool compares it with the source text to know when a translation is outdated.", "Copy `of:` from the to-do file that `framework-builder translations` writes; never make it up."),
    Code("FB507", "error", "Short text on several lines", f"Titles, names, units and level names are short texts: one line of at most {limits.MAX_TEXT} characters, in a translation as in the source.", "Write the translated title on one line."),
]

CODES: dict[str, Code] = {code.code: code for code in _TABLE}


def codes_markdown() -> str:
    """The code table as Markdown, for `docs/codes.md`."""
    lines = [
        "# Validator codes",
        "",
        "Every problem `framework-builder validate` reports has a code. This table says what each",
        "means in plain words and how to fix it. Errors stop the site from being built; warnings",
        "are things a reviewer would flag (and fail `validate --strict`).",
        "",
        "<!-- Generated by `python -m framework_builder.source.codes > docs/codes.md`; do not edit by hand. -->",
        "",
        "| Code | Level | Problem | What it means | Example fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for code in _TABLE:
        cells = [code.code, code.level, code.title, code.explanation, code.example_fix]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(codes_markdown(), end="")
