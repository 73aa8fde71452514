"""A corpus of broken frameworks: each breaks one thing in a valid copy of tests/fixtures/minimal
(or of another fixture, for what minimal does not have, such as translations).

Every case asserts what an author sees: the exit code, the code, the exact file:line:col,
a hint line, and no traceback.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from harness import cli

from framework_builder.model.limits import MAX_FILE_BYTES, MAX_ITEMS, MAX_MARKDOWN, MAX_TEXT, REFUSED_CHARACTER

GOAL = "goals/reporting.yml"
HEAD = "framework.yml"


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new` in `file` (exactly once); `old=None` replaces the whole file, `new=None` deletes it."""

    file: str
    old: str | bytes | None
    new: str | bytes | None


@dataclass(frozen=True)
class Make:
    """Make `file` ("" = the framework folder) something other than a plain file.

    kind: "link" (a symbolic link to `target`), "link-outside" (moved out of the project, a link left
    in its place), "fifo" (a named pipe) or "folder".
    """

    file: str
    kind: str
    target: str = ""


@dataclass(frozen=True)
class Case:
    id: str
    edits: tuple[Edit | Make, ...]
    code: str
    where: str  # file:line:col inside the framework folder
    message: str  # a fragment of the message
    hint: str = ""  # a fragment of the hint line ("" = any hint)
    slug: str = "minimal"
    others: tuple[str, ...] = field(default=())
    source: str = "minimal"  # the fixture the case breaks a copy of


def make(folder: Path, edit: Make) -> None:
    """Turn `edit.file` in `folder` into a link, a named pipe or a folder."""
    path = folder / edit.file
    if edit.kind == "link-outside":
        outside = folder.parent.parent / "outside" / (edit.file or folder.name)
        outside.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, outside)
        path.symlink_to(outside)
        return
    if path.exists():
        path.unlink()
    {"link": lambda: path.symlink_to(edit.target), "fifo": lambda: os.mkfifo(path), "folder": path.mkdir}[edit.kind]()


def apply(folder: Path, edits: tuple[Edit | Make, ...]) -> None:
    """Apply each edit to the copy in `folder`."""
    for edit in edits:
        if isinstance(edit, Make):
            make(folder, edit)
            continue
        path = folder / edit.file
        if edit.new is None:
            path.unlink()
            continue
        new = edit.new.encode() if isinstance(edit.new, str) else edit.new
        if edit.old is None:
            path.write_bytes(new)
            continue
        old = edit.old.encode() if isinstance(edit.old, str) else edit.old
        raw = path.read_bytes()
        assert raw.count(old) == 1, f"{edit.old!r} must occur once in {edit.file}"
        path.write_bytes(raw.replace(old, new))


SECOND = "goals/second.yml"
SECOND_INDICATORS = """\
indicators:
  - id: second-count
    name: Things counted
    type: output
    measure: count
    direction: increase
"""


def second_goal(body: str) -> str:
    """A second goal file: its id and title, then `body`."""
    return "id: second\ntitle: A second goal\n" + body


SECOND_GOAL = second_goal("""\
objectives:
  - id: reporting-channels
    title: Same id as an objective in reporting.yml
    actions:
      - id: second-action
        title: Another action
        lead: city
        timeframe: mid-term
        addresses: [low-reporting]
""" + SECOND_INDICATORS)

def funded(*lines: str) -> Edit:
    """The action funded by a source with an amount, written out as `lines` (the first on line 16)."""
    return Edit(GOAL, "        funding: [city-budget]\n",
                "        funding:\n" + "".join(f"{'          - ' if i == 0 else '            '}{line}\n"
                                        for i, line in enumerate(lines)))


def framework_adds(text: str) -> Edit:
    """`text` added to framework.yml after the summary, from line 6 on."""
    return Edit(HEAD, "summary: A small framework used by the tests.\n",
                "summary: A small framework used by the tests.\n" + text)


ES = "translations/es.yml"

ERRORS = [
    # Reading files
    Case("duplicate-key", (Edit(GOAL, "title: Make reporting safe and simple\n",
                                "title: Make reporting safe and simple\ntitle: Again\n"),),
         "FB004", f"{GOAL}:3:1", "duplicate key 'title' (first set on line 2)", "delete one of the two lines"),
    Case("tab-indentation", (Edit(GOAL, "        lead: city\n", "\tlead: city\n"),),
         "FB003", f"{GOAL}:10:1", "tab character used for indentation", "replace the tab with spaces"),
    Case("non-utf8-bytes", (Edit(GOAL, b"Publish a reporting guide", b"Publish a r\xe9porting guide"),),
         "FB001", f"{GOAL}:9:27", "byte 0xe9 is not UTF-8 text", "save the file as UTF-8"),
    Case("empty-file", (Edit(GOAL, None, ""),), "FB005", f"{GOAL}:1:1", "file is empty"),
    Case("comments-only-file", (Edit(GOAL, None, "# nothing here yet\n"),), "FB005", f"{GOAL}:1:1", "file is empty"),
    Case("list-not-mapping", (Edit(GOAL, None, "- id: reporting\n- title: Make reporting safe\n"),),
         "FB008", f"{GOAL}:1:1", "the file holds a list", "not `- ...` items"),
    Case("syntax-error", (Edit(GOAL, "title: Make reporting safe and simple",
                               "title: Make reporting: safe and simple"),),
         "FB002", f"{GOAL}:2:22", "YAML syntax error: mapping values are not allowed", "double quotes"),
    Case("over-indented-line", (Edit(GOAL, "        lead: city\n", "          lead: city\n"),),
         "FB002", f"{GOAL}:10:15", "YAML syntax error: mapping values are not allowed",
         "this line is indented more than the line above, so YAML reads it as part of that value: "
         "start `lead:` at column 9, under `title:`"),
    Case("unclosed-bracket", (Edit(GOAL, "partners: [library]", "partners: [library"),),
         "FB002", f"{GOAL}:12:18", "YAML syntax error: did not find expected ',' or ']'", "a comma between items"),
    Case("anchor-and-alias", (Edit(GOAL, "        lead: city\n        partners: [library]",
                                   "        lead: &who city\n        partners: [*who]"),),
         "FB006", f"{GOAL}:10:15", "anchors (&) and aliases (*) are not allowed", "write the repeated value out"),
    Case("python-tag", (Edit(GOAL, "title: Publish a reporting guide", "title: !!python/object:os.system echo"),),
         "FB002", f"{GOAL}:9:16", "YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported", "remove the `!` tag"),
    Case("key-not-text", (Edit(GOAL, "        lead: city\n", "        lead: city\n        2025: planned\n"),),
         "FB009", f"{GOAL}:11:9", "key '2025' is not text", "use a field name"),
    Case("tag-on-mapping", (Edit(GOAL, "baseline: {value", "baseline: !foo {value"),),
         "FB002", f"{GOAL}:22:15", "YAML tag '!foo' is not supported", "remove the `!` tag"),
    Case("set-tag-on-mapping", (Edit(GOAL, "partners: [library]", "partners: !!set {library}"),),
         "FB002", f"{GOAL}:11:19", "YAML tag 'tag:yaml.org,2002:set' is not supported", "remove the `!` tag"),
    Case("omap-tag-on-list", (Edit(GOAL, "    measurements:\n", "    measurements: !!omap\n"),),
         "FB002", f"{GOAL}:24:19", "YAML tag 'tag:yaml.org,2002:omap' is not supported", "remove the `!` tag"),
    Case("file-too-large", (Edit(GOAL, None, "# " + "x" * MAX_FILE_BYTES + "\n"),),
         "FB007", f"{GOAL}:1:1", f"file is {MAX_FILE_BYTES + 3:,} bytes; the limit is {MAX_FILE_BYTES:,}", "split it"),
    # Files that are not plain files: never followed, opened as anything but a file, or skipped silently
    Case("goal-symlink-outside", (Make(GOAL, "link-outside"),),
         "FB011", f"{GOAL}:1:1", "this is a symbolic link, not a plain file", "replace the link with a copy of the file"),
    Case("goal-symlink-inside", (Make("goals/copy.yml", "link", "reporting.yml"),),
         "FB011", "goals/copy.yml:1:1", "this is a symbolic link, not a plain file", "links are not followed"),
    Case("goal-symlink-dev-zero", (Make(GOAL, "link", "/dev/zero"),),
         "FB011", f"{GOAL}:1:1", "this is a symbolic link, not a plain file"),
    Case("goal-dangling-symlink", (Make("goals/gone.yml", "link", "/nonexistent/gone.yml"),),
         "FB011", "goals/gone.yml:1:1", "this is a symbolic link, not a plain file"),
    Case("goal-fifo", (Make(GOAL, "fifo"),), "FB011", f"{GOAL}:1:1", "this is a named pipe, not a plain file",
         "put a plain YAML file here"),
    Case("folder-named-yml", (Make("goals/x.yml", "folder"),),
         "FB011", "goals/x.yml:1:1", "this is a folder, not a plain file", "rename the folder"),
    Case("framework-yml-symlink", (Make(HEAD, "link-outside"),),
         "FB011", f"{HEAD}:1:1", "this is a symbolic link, not a plain file"),
    Case("framework-yml-dangling-symlink", (Make(HEAD, "link", "/nonexistent/framework.yml"),),
         "FB011", f"{HEAD}:1:1", "this is a symbolic link, not a plain file"),
    Case("goals-folder-symlink", (Make("goals", "link-outside"),),
         "FB011", "goals:1:1", "this is a symbolic link, not a plain file"),
    Case("framework-folder-symlink", (Make("", "link-outside"),),
         "FB011", ":1:1", "this is a symbolic link, not a plain file"),
    # Limits: nesting, numbers, lengths
    Case("nesting-300-levels", (Edit(GOAL, "title: Publish a reporting guide", "title: " + "[" * 300 + "]" * 300),),
         "FB012", f"{GOAL}:9:31", "values are nested more than 20 levels deep", "check the indentation"),
    Case("number-1e400", (Edit(GOAL, "value: 21}", "value: 1.0e+400}"),),
         "FB110", f"{GOAL}:26:35", "1.0e+400 is not a number between -1,000,000,000,000,000 and 1,000,000,000,000,000",
         "write an ordinary number"),
    Case("number-nan", (Edit(GOAL, "value: 21}", "value: .nan}"),),
         "FB110", f"{GOAL}:26:35", ".nan is not a number between"),
    Case("number-minus-inf", (Edit(GOAL, "{value: 10, date", "{value: -.inf, date"),),
         "FB110", f"{GOAL}:22:23", "-.inf is not a number between"),
    Case("number-huge-integer", (Edit(GOAL, "{value: 40, date", "{value: 1" + "0" * 400 + ", date"),),
         "FB110", f"{GOAL}:23:21", "is not a number between"),
    Case("title-too-long", (Edit(GOAL, "title: Publish a reporting guide", "title: " + "A" * (MAX_TEXT + 1)),),
         "FB111", f"{GOAL}:9:16", f"'title' in action 'reporting-guide' is {MAX_TEXT + 1} characters long; the limit is {MAX_TEXT}",
         "shorten it"),
    Case("description-too-long", (Edit(GOAL, "        lead: city\n", f"        description: {'word ' * (MAX_MARKDOWN // 5)}x\n        lead: city\n"),),
         "FB111", f"{GOAL}:10:22", f"is {MAX_MARKDOWN + 1:,} characters long; the limit is {MAX_MARKDOWN:,}", "shorten it"),
    Case("list-too-long", (Edit(GOAL, "partners: [library]", "partners: [" + ", ".join(["library"] * (MAX_ITEMS + 1)) + "]"),),
         "FB112", f"{GOAL}:11:19", f"'partners' in action 'reporting-guide' has {MAX_ITEMS + 1} items; the limit is {MAX_ITEMS}",
         "split the list"),
    # Clean text: invisible control and bidirectional characters are named, never printed
    Case("bidi-override-in-title", (Edit(GOAL, "title: Publish a reporting guide", "title: Publish a \u202egnitroper guide"),),
         "FB113", f"{GOAL}:9:26", "the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) is not allowed", "retype the text"),
    Case("bidi-isolate-in-id", (Edit(GOAL, "- id: reporting-guide", "- id: reporting-guide\u2066"),),
         "FB113", f"{GOAL}:8:28", "U+2066 (LEFT-TO-RIGHT ISOLATE)", "retype the text"),
    Case("terminal-escape-in-title", (Edit(GOAL, "title: Publish a reporting guide", "title: Publish \x1b[2J guide"),),
         "FB113", f"{GOAL}:9:24", "the invisible character U+001B (a control character) is not allowed"),
    Case("escaped-terminal-escape-in-id", (Edit(GOAL, "- id: reporting-guide", '- id: "reporting-guide\\e]0;owned\\a"'),),
         "FB113", f"{GOAL}:8:13", "the invisible character U+001B (a control character) is not allowed", "escape"),
    Case("escaped-bidi-in-name", (Edit(HEAD, "    name: Testville Library", '    name: "Testville \\u202eLibrary"'),),
         "FB113", f"{HEAD}:19:11", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    Case("c1-control-in-summary", (Edit(HEAD, "summary: A small framework", "summary: A small\u0085 framework"),),
         "FB113", f"{HEAD}:5:17", "U+0085 (a control character)"),
    Case("line-break-in-title", (Edit(GOAL, "title: Publish a reporting guide", 'title: "Publish a\\nreporting guide"'),),
         "FB113", f"{GOAL}:9:16", "'title' in action 'reporting-guide' holds the character U+000A (a control character); it must be one line",
         "write it on one line"),
    # Schema
    Case("unknown-key-did-you-mean", (Edit(GOAL, "title: Make reporting safe and simple", "titel: Make reporting safe and simple"),),
         "FB101", f"{GOAL}:2:1", "unknown field 'titel'", "did you mean 'title'?", others=("FB102",)),
    Case("unknown-nested-key", (Edit(GOAL, "        timeframe: near-term", "        timeframes: near-term"),),
         "FB101", f"{GOAL}:12:9", "unknown field 'timeframes' in action 'reporting-guide'", "did you mean 'timeframe'?",
         others=("FB102",)),
    Case("missing-field", (Edit(GOAL, "    title: Residents know where to report\n", ""),),
         "FB102", f"{GOAL}:4:5", "missing required field 'title' in objective 'reporting-channels'", "add `title:`"),
    Case("action-says-not-when", (Edit(GOAL, "        timeframe: near-term\n", ""),),
         "FB114", f"{GOAL}:8:9", "action 'reporting-guide': say when the work happens", "`timeframe:` may be left out"),
    Case("measurement-date-and-period", (Edit(GOAL, "{date: 2025-06-30, value: 14}", "{date: 2025-06-30, period: 2025-Q2, value: 14}"),),
         "FB115", f"{GOAL}:25:9", "measurement 1 of indicator 'reports-received': give either `date:`", "`period: 2025`"),
    Case("baseline-neither-date-nor-period", (Edit(GOAL, "{value: 10, date: 2025-01-01}", "{value: 10}"),),
         "FB115", f"{GOAL}:22:15", "the baseline of indicator 'reports-received': give either `date:`", "`date: 2025-03-31`"),
    Case("bad-period", (Edit(GOAL, "{date: 2025-06-30, value: 14}", "{period: 2025-Q5, value: 14}"),),
         "FB106", f"{GOAL}:25:18", "'2025-Q5' is not a valid period in measurement 1 of indicator 'reports-received'",
         "a quarter (2024-Q1)"),
    Case("not-known-yet-false", (Edit(GOAL, "{value: 10, date: 2025-01-01}", "{not_known_yet: false}"),),
         "FB104", f"{GOAL}:22:31", "'not_known_yet' can only be true", "`{not_known_yet: true}`"),
    Case("note-on-a-known-target", (Edit(GOAL, "{value: 40, date: 2027-01-01}", "{value: 40, date: 2027-01-01, note: soon}"),),
         "FB101", f"{GOAL}:23:43", "unknown field 'note'", "allowed fields: date, period, value"),
    Case("enum-direction-synonym", (Edit(GOAL, "direction: increase", "direction: reduce"),),
         "FB104", f"{GOAL}:21:16", "'reduce' is not an allowed direction", "did you mean 'decrease'?"),
    Case("enum-status-synonym", (Edit(GOAL, "status: in-progress", "status: ongoing"),),
         "FB104", f"{GOAL}:13:17", "'ongoing' is not an allowed status", "did you mean 'in-progress'?"),
    Case("enum-timeframe-synonym", (Edit(GOAL, "timeframe: near-term", "timeframe: short-term"),),
         "FB104", f"{GOAL}:12:20", "'short-term' is not an allowed timeframe", "did you mean 'near-term'?"),
    Case("field-synonym-strategies", (Edit(GOAL, "objectives:", "strategies:"),),
         "FB101", f"{GOAL}:3:1", "unknown field 'strategies'", "did you mean `objectives:`? name the level",
         others=("FB304",)),
    Case("field-synonym-budget", (Edit(GOAL, "funding: [city-budget]", "budget: 280000"),),
         "FB101", f"{GOAL}:15:9", "unknown field 'budget' in action 'reporting-guide'", "did you mean `funding:`?"),
    Case("field-synonym-measures", (Edit(GOAL, "indicators:", "measures:"),),
         "FB101", f"{GOAL}:16:1", "unknown field 'measures'", "did you mean `indicators:`?"),
    Case("enum-timeframe-soon", (Edit(GOAL, "timeframe: near-term", "timeframe: soon"),),
         "FB104", f"{GOAL}:12:20", "'soon' is not an allowed timeframe in action 'reporting-guide'",
         "allowed: near-term, mid-term, long-term"),
    Case("bad-slug-id", (Edit(GOAL, "  - id: reporting-channels", "  - id: Reporting Channels"),),
         "FB105", f"{GOAL}:4:9", "'Reporting Channels' is not a valid id", "for example 'reporting-channels'"),
    Case("bad-date", (Edit(HEAD, "opens: 2026-01-01", "opens: 2026-13-01"),),
         "FB107", f"{HEAD}:9:10", "is not a date", "year-month-day"),
    Case("true-where-text-expected", (Edit(HEAD, "    name: Testville Library", "    name: true"),),
         "FB103", f"{HEAD}:19:11", "'name' should be text in organization 'library', not the yes/no value true",
         "put the text in quotes"),
    Case("number-where-text-expected", (Edit(HEAD, "    name: Testville Library", "    name: 1999"),),
         "FB103", f"{HEAD}:19:11", "not the number 1999", 'put it in quotes, name: "1999"'),
    # The newer fields, as people get them wrong
    Case("amount-with-currency-sign-and-commas", (funded("source: city-budget", "amount: $280,000", "currency: USD"),),
         "FB103", f"{GOAL}:17:21",
         "'amount' should be a number in funding source 1 of action 'reporting-guide', not '$280,000'",
         "did you mean 280000? write the number alone"),
    Case("amount-quoted-with-commas", (funded("source: city-budget", 'amount: "280,000"', "currency: USD"),),
         "FB103", f"{GOAL}:17:21", "not '280,000'", "did you mean 280000?"),
    Case("amount-negative", (funded("source: city-budget", "amount: -5", "currency: USD"),),
         "FB110", f"{GOAL}:17:21", "'amount' in funding source 1 of action 'reporting-guide' is -5, but it cannot be negative",
         "write the amount as a positive number"),
    Case("fiscal-year-in-two-digits", (funded("source: city-budget", "amount: 280000", "fiscal_year: 25", "currency: USD"),),
         "FB110", f"{GOAL}:18:26", "'fiscal_year' in funding source 1 of action 'reporting-guide' is 25, which is not a year",
         'write the year in four digits, without quotes: `fiscal_year: 2025`, or the budget\'s own name in quotes'),
    Case("funding-source-key-misspelt", (funded("sorce: city-budget", "amount: 280000", "currency: USD"),),
         "FB101", f"{GOAL}:16:13", "unknown field 'sorce' in funding source 1 of action 'reporting-guide'",
         "did you mean 'source'?"),
    Case("funding-item-a-number", (Edit(GOAL, "funding: [city-budget]", "funding: [city-budget, 42]"),),
         "FB103", f"{GOAL}:15:32",
         "'funding' in action 'reporting-guide' should be an id or a mapping of `key: value` lines, not the number 42",
         "write the id of a funding source (`- city-budget`), or the source with its amount"),
    Case("period-in-words", (Edit(GOAL, "{date: 2025-06-30, value: 14}", "{period: Q2 2025, value: 14}"),),
         "FB106", f"{GOAL}:25:18", "'Q2 2025' is not a valid period in measurement 1 of indicator 'reports-received'",
         "did you mean '2025-Q2'?"),
    Case("month-13", (Edit(GOAL, "{date: 2025-06-30, value: 14}", "{period: 2025-13, value: 14}"),),
         "FB106", f"{GOAL}:25:18", "'2025-13' is not a valid period", "a month (2024-03)"),
    Case("list-written-as-one-id", (Edit(GOAL, "partners: [library]", "partners: library"),),
         "FB103", f"{GOAL}:11:19", "'partners' should be a list in action 'reporting-guide', not 'library'",
         "write a list, even of one id: `partners: [library]`"),
    Case("target-not-known-written-as-words", (Edit(GOAL, "target: {value: 40, date: 2027-01-01}", "target: TBD"),),
         "FB103", f"{GOAL}:23:13",
         "'target' should be a mapping of `key: value` lines in indicator 'reports-received', not 'TBD'",
         "or `target: {not_known_yet: true, note: ...}` while it is not known"),
    Case("not-known-yet-misspelt", (Edit(GOAL, "target: {value: 40, date: 2027-01-01}",
                                         "target: {not_known: true, note: After the survey}"),),
         "FB101", f"{GOAL}:23:14", "unknown field 'not_known' in indicator 'reports-received'",
         "did you mean 'not_known_yet'?"),
    Case("horizon-start-a-date", (framework_adds("horizon:\n  start: 2025-01-01\n  end: 2034\n"),),
         "FB103", f"{HEAD}:7:10", "'start' should be a year in `horizon:`, not '2025-01-01'",
         "write the year in four digits, without quotes: `start: 2025`"),
    Case("engagement-of-no-one", (framework_adds("engagement:\n  participants: 0\n"),),
         "FB110", f"{HEAD}:7:17", "'participants' in `engagement:` is 0, but it must be at least 1"),
    Case("level-name-without-plural", (framework_adds("levels:\n  indicator: {singular: Measure}\n"),),
         "FB102", f"{HEAD}:7:14", "missing required field 'plural' in the name of the indicator level", "add `plural:`"),
    Case("level-named-as-the-plan-does", (framework_adds("levels:\n  strategy: {singular: Strategy, plural: Strategies}\n"),),
         "FB101", f"{HEAD}:7:3", "unknown field 'strategy' in `levels:`", "did you mean 'objective'?"),
    Case("level-name-as-one-word", (framework_adds("levels:\n  objective: Strategy\n"),),
         "FB103", f"{HEAD}:7:14", "'objective' should be a mapping of `key: value` lines in `levels:`, not 'Strategy'",
         "`objective: {singular: Strategy, plural: Strategies}`"),
    Case("translation-text-misspelt", (Edit(ES, 'text: "Ciudad de Testville"', 'txt: "Ciudad de Testville"'),),
         "FB101", f"{ES}:23:28", "unknown field 'txt' in the translation of 'city'", "did you mean 'text'?",
         slug="translated", source="translated"),
    Case("translation-without-its-digest", (Edit(ES, '{of: "b9f63f89", text: "Ciudad de Testville"}', '"Ciudad de Testville"'),),
         "FB103", f"{ES}:23:11", "'name' should be a mapping of `key: value` lines in the translation of 'city'",
         'write `name: {of: "1a2b3c4d", text: "..."}`, copying `of:` from the to-do file',
         slug="translated", source="translated"),
    Case("translation-level-named-as-the-plan-does", (Edit(ES, "  objective:\n", "  strategy:\n"),),
         "FB104", f"{ES}:12:3", "'strategy' is not allowed as a key under `levels:`", "did you mean 'objective'?",
         slug="translated", source="translated"),
    # References and consistency
    Case("duplicate-id-across-goals", (Edit(SECOND, None, SECOND_GOAL),),
         "FB201", f"{SECOND}:4:9",
         "id 'reporting-channels' is already used by objective 'Residents know where to report' in goals/reporting.yml",
         "ids must be unique"),
    Case("unknown-lead-near-miss", (Edit(GOAL, "lead: city", "lead: cty"),),
         "FB202", f"{GOAL}:10:15", "action 'reporting-guide' refers to unknown organization 'cty'", "did you mean 'city'?"),
    Case("unknown-partner", (Edit(GOAL, "partners: [library]", "partners: [city, libary]"),),
         "FB202", f"{GOAL}:11:26", "unknown organization 'libary'", "did you mean 'library'?"),
    Case("unknown-finding", (Edit(GOAL, "addresses: [low-reporting]", "addresses: [low-reportng]"),),
         "FB203", f"{GOAL}:14:21", "refers to unknown finding 'low-reportng'", "did you mean 'low-reporting'?",
         others=("FB301",)),
    Case("unknown-funding-source", (Edit(GOAL, "funding: [city-budget]", "funding: [state-grant]"),),
         "FB204", f"{GOAL}:15:19", "refers to unknown funding source 'state-grant'", "add it to `funding:` in framework.yml"),
    Case("goal-id-not-file-name", (Edit(GOAL, "id: reporting\n", "id: reports\n"),),
         "FB205", f"{GOAL}:1:5", "goal id 'reports' does not match the file name 'reporting.yml'",
         "rename the file to goals/reports.yml"),
    Case("slug-not-folder", (), "FB206", f"{HEAD}:1:7", "slug 'minimal' does not match the folder name 'elsewhere'",
         "write `slug: elsewhere`", slug="elsewhere"),
    Case("comments-close-before-open", (Edit(HEAD, "closes: 2026-03-31", "closes: 2025-12-31"),),
         "FB207", f"{HEAD}:10:11", "the comment window closes (2025-12-31) before it opens (2026-01-01)", "swap the dates"),
    Case("public-comment-without-comments",
         (Edit(HEAD, "comments:\n  opens: 2026-01-01\n  closes: 2026-03-31\n  channels:\n    - type: email\n"
                     "      address: comments@example.org\n", ""),),
         "FB213", f"{HEAD}:7:9", "status is public-comment but there is no `comments:` section", "add `comments:`"),
    Case("action-ends-before-start", (Edit(GOAL, "        status: in-progress\n",
                                           "        status: in-progress\n        start: 2026-05-01\n        end: 2026-04-01\n"),),
         "FB211", f"{GOAL}:15:14", "action 'reporting-guide' ends (2026-04-01) before it starts (2026-05-01)"),
    Case("baseline-after-target", (Edit(GOAL, "date: 2027-01-01", "date: 2024-01-01"),),
         "FB208", f"{GOAL}:23:31", "the target (2024-01-01) is not after the baseline (2025-01-01)",
         "the baseline is where you start"),
    Case("measurements-out-of-order", (Edit(GOAL, "{date: 2025-12-31, value: 21}", "{date: 2025-03-31, value: 21}"),),
         "FB209", f"{GOAL}:26:16", "measurement of 2025-03-31 is not after the one before it", "oldest first"),
    Case("percent-over-100", (Edit(GOAL, "measure: count", "measure: percent"),
                              Edit(GOAL, "value: 21}", "value: 120}")),
         "FB210", f"{GOAL}:26:35", "measurement 2025-12-31 is 120, outside 0-100 %", "not 0.45"),
    Case("text-value-for-count", (Edit(GOAL, "{value: 40, date", "{value: forty, date"),),
         "FB212", f"{GOAL}:23:21", "measures count, so its target should be a number", "write a number"),
    Case("missing-framework-yml", (Edit(HEAD, None, None),),
         "FB010", ":1:1", "framework.yml is missing", "each framework folder needs a framework.yml"),
]


def run_validate(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """`validate ARGS` run in `tmp_path`: its exit code, stdout and stderr, with no traceback in them."""
    code, out, err = cli("validate", *args, cwd=tmp_path)
    assert "Traceback" not in out + err, out + err
    return code, out, err


@pytest.mark.parametrize("case", ERRORS, ids=[case.id for case in ERRORS])
def test_broken_input_is_reported_at_its_place(case: Case, copy_framework, tmp_path: Path) -> None:
    folder = copy_framework(case.source, slug=case.slug)
    apply(folder, case.edits)

    code, out, err = run_validate(tmp_path, f"frameworks/{case.slug}")

    assert code == 1, out + err
    assert not REFUSED_CHARACTER.search(out + err), "a refused character was echoed back"
    location = f"frameworks/{case.slug}" + ("" if case.where.startswith(":") else "/") + case.where
    prefix = f"{location}: error {case.code}: "
    lines = out.splitlines()
    matches = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert matches, f"expected a line starting {prefix!r} in:\n{out}"
    line_index = matches[0]
    assert case.message in lines[line_index], lines[line_index]
    hint = lines[line_index + 1] if line_index + 1 < len(lines) else ""
    assert hint.startswith("    hint: ") and case.hint in hint, hint
    # Nothing but the expected problem (and its declared companions) is reported.
    reported = re.findall(r": (?:error|warning) (FB\d{3}):", out)
    assert set(reported) <= {case.code, *case.others}, out
    # ...and one mistake is reported once, not again in other words.
    assert case.others or len(reported) == 1, out


def test_yes_where_text_expected_stays_text(copy_framework, tmp_path: Path) -> None:
    """YAML 1.2 booleans: `yes` is the word the author wrote, not a yes/no value."""
    folder = copy_framework()
    apply(folder, (Edit(HEAD, "    name: Testville Library", "    name: yes"),))

    code, out, err = run_validate(tmp_path, "frameworks/minimal")

    assert code == 0, out + err
    assert "1 framework valid: minimal" in out

    from framework_builder.source.loader import load_framework

    loaded = load_framework(folder)
    assert [org.name for org in loaded.framework.organizations] == ["City of Testville", "yes"]


@dataclass(frozen=True)
class WarningCase:
    id: str
    edits: tuple[Edit, ...]
    code: str
    where: str
    message: str


INDICATORS = """\
indicators:
  - id: reports-received
    name: Bias incident reports received
    type: output
    measure: count
    direction: increase
    baseline: {value: 10, date: 2025-01-01}
    target: {value: 40, date: 2027-01-01}
    measurements:
      - {date: 2025-06-30, value: 14}
      - {date: 2025-12-31, value: 21}
"""

WARNINGS = [
    WarningCase("finding-not-addressed", (Edit(GOAL, "addresses: [low-reporting]", "addresses: []"),),
                "FB301", f"{HEAD}:22:9", "no action addresses finding 'low-reporting'"),
    WarningCase("action-without-lead", (Edit(GOAL, "        lead: city\n", ""),),
                "FB302", f"{GOAL}:8:13", "action 'reporting-guide' has no lead organization"),
    WarningCase("outcome-indicator-without-target", (Edit(GOAL, "type: output", "type: outcome"),
                                                     Edit(GOAL, "    target: {value: 40, date: 2027-01-01}\n", "")),
                "FB303", f"{GOAL}:17:9", "outcome indicator 'reports-received' has no target"),
    WarningCase("goal-without-indicators", (Edit(GOAL, INDICATORS, ""),),
                "FB304", f"{GOAL}:1:5", "goal 'reporting' has no indicators"),
]


@pytest.mark.parametrize("case", WARNINGS, ids=[case.id for case in WARNINGS])
def test_review_warning_fails_only_with_strict(case: WarningCase, copy_framework, tmp_path: Path) -> None:
    apply(copy_framework(), case.edits)

    code, out, err = run_validate(tmp_path, "frameworks/minimal")
    strict_code, strict_out, _ = run_validate(tmp_path, "--strict", "frameworks/minimal")

    assert code == 0, out + err
    assert strict_code == 1, strict_out
    prefix = f"frameworks/minimal/{case.where}: warning {case.code}: {case.message}"
    for output in (out, strict_out):
        lines = output.splitlines()
        assert prefix in lines, output
        assert lines[lines.index(prefix) + 1].startswith("    hint: ")
    assert re.findall(r"(?:error|warning) (FB\d{3})", out) == [case.code]
    assert out.splitlines()[-1] == "0 errors, 1 warning"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run_validate(tmp_path, "frameworks/nowhere")

    assert code == 2
    assert "does not exist" in err
    assert out == ""


def _write_release(folder: Path) -> Path:
    """Freeze the framework in `folder` as releases/1.0.yml, as `framework-builder release` would."""
    from framework_builder.model.framework import Status
    from framework_builder.model.releases import dump_release, freeze, release_path
    from framework_builder.source.loader import load_framework

    loaded = load_framework(folder)
    assert loaded.ok and loaded.framework is not None, loaded.diagnostics
    release = freeze(loaded.framework, Status.public_comment, dt.date(2026, 1, 2))
    path = release_path(folder, release.version)
    path.parent.mkdir()
    path.write_text(dump_release(release), encoding="utf-8")
    return path


def test_untouched_release_is_valid(copy_framework, tmp_path: Path) -> None:
    _write_release(copy_framework())

    code, out, err = run_validate(tmp_path, "frameworks/minimal")

    assert code == 0, out + err


def test_edited_release_is_reported(copy_framework, tmp_path: Path) -> None:
    path = _write_release(copy_framework())
    text = path.read_text(encoding="utf-8")
    assert text.count("title: Publish a reporting guide") == 1
    path.write_text(text.replace("title: Publish a reporting guide", "title: Publish a better guide"), encoding="utf-8")

    code, out, err = run_validate(tmp_path, "frameworks/minimal")

    assert code == 1, out
    lines = out.splitlines()
    expected = "frameworks/minimal/releases/1.0.yml:1:1: error FB401: release 1.0 was edited after it was released"
    assert expected in lines, out
    assert lines[lines.index(expected) + 1].startswith("    hint: undo the edit")


def test_several_mistakes_are_reported_at_once(copy_framework, tmp_path: Path) -> None:
    """A morning's editing with four slips in two files: one run names each, at its place, once."""
    apply(copy_framework(), (
        Edit(GOAL, "direction: increase", "direction: reduce"),
        funded("source: city-budget", "amount: $280,000", "currency: USD"),
        framework_adds("horizon:\n  start: 2025-01-01\n  end: 2034\nlevels:\n  indicator: {singular: Measure}\n"),
    ))

    code, out, err = run_validate(tmp_path, "frameworks/minimal")

    assert code == 1, out + err
    problems = [line for line in out.splitlines() if ": error FB" in line]
    assert [line.split(": ")[0] for line in problems] == [
        f"frameworks/minimal/{HEAD}:7:10", f"frameworks/minimal/{HEAD}:10:14",
        f"frameworks/minimal/{GOAL}:17:21", f"frameworks/minimal/{GOAL}:24:16",
    ], out
    assert "'reduce' is not an allowed direction" in problems[3]
    assert out.splitlines()[-1] == "4 errors, 0 warnings"
