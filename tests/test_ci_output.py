"""CI logs cannot be forged and terminals cannot be driven by a framework's text (issue 8, class 7).

A contributor writes workflow commands (`::error::`, `%0A::stop-commands::`, `::add-mask::`, the legacy
`##[error]`), line breaks, escape sequences and bidi overrides into values that `validate`, `diff` and
`build` echo back, and into file names. In `validate --format github` output every line that GitHub would
read as a workflow command must be one of our annotations (one per diagnostic, decoding to it), and no
line of any output may hold a raw control character.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from harness import cli

from framework_builder.commands.diff import FrameworkDiff, render
from framework_builder.model.diff import FieldChange, ItemChange
from framework_builder.source.diagnostics import (
    Diagnostic,
    format_github,
    format_json,
    format_text,
)
from framework_builder.terminal import terminal_safe

# Printable text that GitHub's runner would read as workflow commands if a line started with it.
FORGERIES = ["::add-mask::secret", "%0A::stop-commands::x", "::error file=x,line=1::forged", "##[error]legacy"]
# Characters that act on a terminal or a log: line breaks, escape sequences, bidi, C1 controls.
CONTROLS = [
    "x\n::error::forged", "x\r::warning::forged", "\x1b]0;pwned\x07\x1b[2J", "abc\u202eevil\u2066",
    "\x9b31m\x85next", "ok\b\b\bno", "a\u2028::error::b",
]
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
ANNOTATION = re.compile(r"::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=(FB\d{3})::(.*)")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


@pytest.fixture
def hostile(copy_framework, tmp_path: Path) -> Path:
    """The minimal framework with forgeries echoed by schema errors, control characters in goal files
    and in file names."""
    folder = copy_framework()
    goal = folder / "goals" / "reporting.yml"
    text = goal.read_text()
    text = text.replace("lead: city", f"lead: {quoted(FORGERIES[0])}")
    text = text.replace("timeframe: near-term", f"timeframe: {quoted(FORGERIES[1])}")
    text = text.replace("status: in-progress", f"status: {quoted(FORGERIES[3])}\n        {quoted(FORGERIES[2])}: 1")
    goal.write_text(text)
    for number, value in enumerate(CONTROLS):
        (folder / "goals" / f"c{number}.yml").write_text(f"id: c{number}\ntitle: {quoted(value)}\n")
    for name in ("bad\n::error file=x::forged.yml", "esc\x1b[2J\u202e\x9b.yml"):
        (folder / "goals" / name).write_text("id: [\n")
    return tmp_path


def unsafe_characters(output: str) -> list[str]:
    """Raw control, format and line-separator characters in the output (its own line breaks aside)."""
    return [f"U+{ord(c):04X}" for c in output if c != "\n" and unicodedata.category(c) in UNSAFE_CATEGORIES]


def command_lines(output: str) -> list[str]:
    """Lines GitHub's runner reads as workflow commands: `::` after leading spaces, or `##[` anywhere."""
    return [line for line in output.split("\n") if line.lstrip().startswith("::") or "##[" in line]


def decode_data(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def decode_property(value: str) -> str:
    return decode_data(value.replace("%3A", ":").replace("%2C", ","))


def test_terminal_safe_escapes_every_dangerous_character_visibly() -> None:
    assert terminal_safe("x\n::error::forged") == "x\\n::error::forged"
    assert terminal_safe("x\r::warning") == "x\\r::warning"
    assert terminal_safe("\x1b]0;pwned\x07\x1b[2J") == "\\x1b]0;pwned\\x07\\x1b[2J"
    assert terminal_safe("ok\b\x7f") == "ok\\x08\\x7f"
    assert terminal_safe("abc\u202eevil\u2066\u200b") == "abc\\u202eevil\\u2066\\u200b"
    assert terminal_safe("\x9b31m\x85") == "\\x9b31m\\x85"
    assert terminal_safe("a\u2028b\u2029c") == "a\\u2028b\\u2029c"
    assert terminal_safe("tag\U000e0041") == "tag\\U000e0041"
    assert terminal_safe("##[error]x") == "#\\x23[error]x"
    for printable in ("Stamford, CT — “plan” 50%", "Fête à Montréal", "دليل الإبلاغ", "報告ガイド 👍🏽", "a\u00a0b"):
        assert terminal_safe(printable) == printable
    assert terminal_safe(terminal_safe("\x1b##[")) == terminal_safe("\x1b##[")


def test_a_file_name_that_starts_like_a_command_never_starts_a_line() -> None:
    """`validate PATH` takes any folder: a name such as `::error::x` gets `./` before it in the plain text."""
    diagnostics = [Diagnostic.at(name, (1, 1), "FB002", "YAML syntax error", "close \u3000::warning::x")
                   for name in ("::error::x/framework.yml", "\u3000::add-mask::y/framework.yml")]

    github = format_github(diagnostics)
    assert len(command_lines(github)) == 2
    assert all(ANNOTATION.fullmatch(line) for line in command_lines(github))
    assert command_lines(format_text(diagnostics)) == []
    assert "./::error::x/framework.yml:1:1: error FB002: YAML syntax error" in format_text(diagnostics).split("\n")
    assert [d["file"] for d in json.loads(format_json(diagnostics))] == [d.file for d in diagnostics]


def test_github_annotations_are_ours_and_decode_to_the_diagnostics(hostile: Path) -> None:
    code, out, err = cli("validate", "--format", "github", "frameworks/minimal", cwd=hostile)
    _, as_json, _ = cli("validate", "--format", "json", "frameworks/minimal", cwd=hostile)
    diagnostics = json.loads(as_json)

    assert code == 1 and err == ""
    assert unsafe_characters(out) == []
    commands = command_lines(out)
    assert len(commands) == len(diagnostics)
    decoded = []
    for line in commands:
        match = ANNOTATION.fullmatch(line)
        assert match, f"not one of our annotations: {line!r}"
        severity, file, lineno, col, title, data = match.groups()
        decoded.append((decode_property(file), int(lineno), int(col), title, severity, decode_data(data)))
    expected = [
        (terminal_safe(d["file"]), d["line"], d["column"], d["code"], d["severity"],
         terminal_safe(d["message"]) + (f"\n{terminal_safe(d['hint'])}" if d["hint"] else ""))
        for d in diagnostics
    ]
    assert decoded == expected


def test_the_forgeries_are_echoed_but_never_start_a_command(hostile: Path) -> None:
    """The test has teeth: the forged text does reach the output, only never where GitHub would obey it."""
    _, out, _ = cli("validate", "--format", "github", "frameworks/minimal", cwd=hostile)
    _, as_json, _ = cli("validate", "--format", "json", "frameworks/minimal", cwd=hostile)
    echoed = " ".join(d["message"] + " " + d["hint"] for d in json.loads(as_json))

    for forgery in FORGERIES:
        assert forgery in echoed
    plain = [line for line in out.split("\n") if not line.startswith("::")]
    assert any("::add-mask::secret" in line for line in plain)
    assert any("#\\x23[error]legacy" in line for line in plain)
    assert any("goals/bad\\n::error file=x::forged.yml:" in line for line in plain)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_other_formats_hold_no_control_character_and_no_command(hostile: Path, output_format: str) -> None:
    code, out, err = cli("validate", "--format", output_format, "frameworks/minimal", cwd=hostile)

    assert code == 1 and err == ""
    assert unsafe_characters(out) == []
    if output_format == "text":
        assert command_lines(out) == []
    else:  # the exact text, for tools, once decoded
        files = {Path(d["file"]).name for d in json.loads(out)}
        assert {"bad\n::error file=x::forged.yml", "esc\x1b[2J\u202e\x9b.yml"} <= files


def test_build_errors_are_terminal_safe(hostile: Path) -> None:
    code, out, err = cli("build", "--out", str(hostile / "site"), "--today", "2026-02-01", cwd=hostile)

    assert code == 1
    assert "FB" in err and "Traceback" not in err
    assert unsafe_characters(out + err) == []
    assert command_lines(out + err) == []


def test_diff_text_markdown_and_json_are_terminal_safe() -> None:
    hostile = "\x1b[2J\n::error::forged\u202e ##[error]x"
    change = ItemChange("action", "a1", hostile, "changed", (FieldChange("title", "old\r::warning", hostile),))
    diff = FrameworkDiff("minimal", hostile, "1.0", "1.1", [change], notes=[hostile])

    for output_format in ("text", "markdown"):
        out = render([diff], output_format)
        assert unsafe_characters(out) == [], output_format
        assert command_lines(out) == [], output_format
    rows = json.loads(render([diff], "json"))
    assert unsafe_characters(render([diff], "json")) == []
    assert rows[0]["title"] == hostile and rows[0]["fields"][0]["new"] == hostile


def test_diff_command_output_is_terminal_safe(copy_framework, tmp_path: Path) -> None:
    folder = copy_framework()
    assert cli("release", "minimal", "--today", "2026-01-15", cwd=tmp_path)[0] == 0
    framework = folder / "framework.yml"
    framework.write_text(framework.read_text().replace('version: "1.0"', 'version: "1.1"'))
    goal = folder / "goals" / "reporting.yml"
    goal.write_text(goal.read_text().replace("title: Publish a reporting guide", f"title: {quoted(FORGERIES[2])}")
                    .replace("title: Residents know where to report", "title: '##[error]legacy'"))

    code, out, err = cli("diff", "minimal", cwd=tmp_path)

    assert code == 0, err
    assert "“::error file=x,line=1::forged”" in out
    assert unsafe_characters(out) == [] and command_lines(out) == []


@pytest.mark.parametrize("args", [
    ["validate", "--\x1b[2J\u202e"],
    ["schema", "extra\x1b[2J\n::error::forged"],
    ["diff", "nowhere\x1b[2J\n::error::forged"],
    ["release", "nowhere\x1b]0;x\x07"],
    ["build", "--only", "nowhere\u202e\n::error::forged", "--out", "out"],
])
def test_usage_errors_echo_the_input_terminal_safe(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "frameworks").mkdir()

    code, out, err = cli(*args, cwd=tmp_path)

    assert code == 2
    assert "\\x1b" in err or "\\u202e" in err
    assert unsafe_characters(out + err) == []
    assert command_lines(out + err) == []
