"""Comment channels: crafted addresses, URLs and placeholders are located errors; valid ones become exact links.

A channel's fields become links on every page of a draft, so `validate` refuses anything
that is not plainly an address (FB106), and any brace in a web-form URL that is not one of
the documented placeholders (FB214). A valid web-form URL is filled by plain replacement,
each value percent-encoded, never by Python formatting.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from harness import FIXTURES, cli
from html_page import parse_file

from framework_builder.site.render.comments import fill_placeholders

EMAIL_BLOCK = "    - type: email\n      address: comments@example.org\n"
PLACEHOLDERS_HINT = "{framework}, {version}, {item}, {title}"


def channel(kind: str, field: str, value: str) -> str:
    """One channel in framework.yml, its value written as a YAML double-quoted string."""
    return f"    - type: {kind}\n      {field}: {json.dumps(value)}\n"


# (id, channel YAML, code, column of the value on line 13, message fragment, hint fragment)
CASES = [
    # Email addresses: only local@domain.
    ("email-bcc-query", channel("email", "address", "comments@example.org?bcc=spy@evil.example"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-cc-ampersand", channel("email", "address", "comments@example.org&cc=spy@evil.example"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-markdown-link", channel("email", "address", "[x](javascript:alert(1))@example.org"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-attr-list", channel("email", "address", 'comments@example.org{: onclick="alert(1)" }'), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-angle-brackets", channel("email", "address", "<comments@example.org>"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-quoted-local", channel("email", "address", '"x y"@example.org'), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-space", channel("email", "address", "com ments@example.org"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-no-domain-dot", channel("email", "address", "comments@localhost"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-bad-label", channel("email", "address", "comments@-example.org"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-double-dot", channel("email", "address", "com..ments@example.org"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    ("email-trailing-newline", channel("email", "address", "comments@example.org\n"), "FB106", 16,
     "is not a valid address", "such as comments@example.org"),
    # Web-form URLs: https, a host, no whitespace, quotes, angle brackets or backslashes.
    ("form-javascript", channel("web-form", "url", "javascript:alert(1)//https://forms.example.org"), "FB106", 12,
     "is not a valid url", "for example https://forms.example.org/comment?item={item}"),
    ("form-http", channel("web-form", "url", "http://forms.example.org/comment"), "FB106", 12,
     "is not a valid url", "https://"),
    ("form-quote-breakout", channel("web-form", "url", 'https://forms.example.org/"onclick="alert(1)'), "FB106", 12,
     "is not a valid url", "without spaces or quotes"),
    ("form-single-quote", channel("web-form", "url", "https://forms.example.org/'onclick='alert(1)"), "FB106", 12,
     "is not a valid url", "without spaces or quotes"),
    ("form-space-attr-list", channel("web-form", "url", 'https://forms.example.org/ {: onclick="alert(1)" }'), "FB106",
     12, "is not a valid url", "without spaces or quotes"),
    ("form-angle-brackets", channel("web-form", "url", "https://forms.example.org/<script>"), "FB106", 12,
     "is not a valid url", "https://"),
    ("form-backslash", channel("web-form", "url", "https://forms.example.org\\@evil.example/"), "FB106", 12,
     "is not a valid url", "https://"),
    ("form-userinfo", channel("web-form", "url", "https://forms.example.org@evil.example/"), "FB106", 12,
     "is not a valid url", "https://"),
    ("form-no-host", channel("web-form", "url", "https:///comment"), "FB106", 12, "is not a valid url", "https://"),
    ("form-nbsp", channel("web-form", "url", "https://forms.example.org/a\u00a0b"), "FB106", 12,
     "is not a valid url", "https://"),
    # GitHub repositories: owner/name as GitHub allows them.
    ("github-path", channel("github", "repository", "example-org/framework/issues/new?x="), "FB106", 19,
     "is not a valid repository", "for example example-org/framework"),
    ("github-dot-dot", channel("github", "repository", "example-org/.."), "FB106", 19,
     "is not a valid repository", "example-org/framework"),
    ("github-traversal", channel("github", "repository", "../evil"), "FB106", 19,
     "is not a valid repository", "example-org/framework"),
    ("github-leading-hyphen", channel("github", "repository", "-org/framework"), "FB106", 19,
     "is not a valid repository", "example-org/framework"),
    ("github-owner-too-long", channel("github", "repository", "a" * 40 + "/framework"), "FB106", 19,
     "is not a valid repository", "example-org/framework"),
    ("github-markup", channel("github", "repository", 'example-org/x"><script>'), "FB106", 19,
     "is not a valid repository", "example-org/framework"),
    # Web-form placeholders: only {framework}, {version}, {item}, {title}, as plain names.
    ("placeholder-format-width", channel("web-form", "url", "https://forms.example.org/c?item={item:99999999}"),
     "FB214", 12, "'{item:99999999}' in the web-form url is not a placeholder", PLACEHOLDERS_HINT),
    ("placeholder-conversion", channel("web-form", "url", "https://forms.example.org/c?item={item!r}"),
     "FB214", 12, "'{item!r}' in the web-form url is not a placeholder", "without format or conversion"),
    ("placeholder-attribute", channel("web-form", "url", "https://forms.example.org/c?x={item.__class__}"),
     "FB214", 12, "'{item.__class__}' in the web-form url is not a placeholder", PLACEHOLDERS_HINT),
    ("placeholder-index", channel("web-form", "url", "https://forms.example.org/c?x={title[0]}"),
     "FB214", 12, "'{title[0]}' in the web-form url is not a placeholder", PLACEHOLDERS_HINT),
    ("placeholder-empty", channel("web-form", "url", "https://forms.example.org/c?x={}"),
     "FB214", 12, "'{}' in the web-form url is not a placeholder", PLACEHOLDERS_HINT),
    ("placeholder-unknown", channel("web-form", "url", "https://forms.example.org/c?x={secret}"),
     "FB214", 12, "unknown placeholder '{secret}' in the web-form url", PLACEHOLDERS_HINT),
    ("placeholder-typo", channel("web-form", "url", "https://forms.example.org/c?x={itme}"),
     "FB214", 12, "unknown placeholder '{itme}'", "did you mean '{item}'?"),
    ("placeholder-positional", channel("web-form", "url", "https://forms.example.org/c?x={0}"),
     "FB214", 12, "unknown placeholder '{0}'", PLACEHOLDERS_HINT),
    ("placeholder-lone-open", channel("web-form", "url", "https://forms.example.org/c?x={item"),
     "FB214", 12, "a lone '{' in the web-form url", "%7B"),
    ("placeholder-lone-close", channel("web-form", "url", "https://forms.example.org/c?x=item}"),
     "FB214", 12, "a lone '}' in the web-form url", "%7D"),
    ("placeholder-doubled", channel("web-form", "url", "https://forms.example.org/c?x={{item}}"),
     "FB214", 12, "a lone '{' in the web-form url", PLACEHOLDERS_HINT),
]


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    folder = tmp_path / "frameworks" / "minimal"
    shutil.copytree(FIXTURES / "minimal", folder)
    return folder


def set_channels(folder: Path, channels: str) -> None:
    """Replace the fixture's one email channel by `channels` (YAML list items)."""
    path = folder / "framework.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(EMAIL_BLOCK) == 1
    path.write_text(text.replace(EMAIL_BLOCK, channels), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_a_crafted_channel_is_a_located_error(case: tuple, framework: Path, tmp_path: Path) -> None:
    _, yaml_text, code, column, message, hint = case
    set_channels(framework, yaml_text)

    exit_code, out, err = cli("validate", "frameworks/minimal", cwd=tmp_path)

    assert "Traceback" not in out + err, out + err
    assert exit_code == 1, out + err
    lines = out.splitlines()
    prefix = f"frameworks/minimal/framework.yml:13:{column}: error {code}: "
    found = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    assert found, f"expected a line starting {prefix!r} in:\n{out}"
    assert message in lines[found[0]], lines[found[0]]
    assert lines[found[0] + 1].startswith("    hint: ") and hint in lines[found[0] + 1], lines[found[0] + 1]
    assert set(re.findall(r": (?:error|warning) (FB\d{3}):", out)) == {code}, out


def test_the_build_refuses_a_crafted_placeholder_without_a_traceback(framework: Path, tmp_path: Path) -> None:
    set_channels(framework, channel("web-form", "url", "https://forms.example.org/c?item={item:99999999}"))

    exit_code, out, err = cli("build", "--out", "site", "--today", "2026-02-01", cwd=tmp_path)

    assert exit_code == 1, out + err
    assert "Traceback" not in out + err
    assert "frameworks/minimal/framework.yml:13:12: error FB214" in err
    assert not (tmp_path / "site").exists()


def test_placeholders_are_replaced_as_plain_text() -> None:
    values = {"framework": "minimal", "version": "1.0", "item": "a-1", "title": "Tom & Jerry {item} 50% <b>"}
    started = time.perf_counter()

    filled = fill_placeholders("https://x.example/{framework}/{version}?i={item}&t={title}&w={item:99999999}"
                               "&u={secret}&k=%7Bkeep%7D", values)

    assert filled == ("https://x.example/minimal/1.0?i=a-1&t=Tom%20%26%20Jerry%20%7Bitem%7D%2050%25%20%3Cb%3E"
                      "&w={item:99999999}&u={secret}&k=%7Bkeep%7D")
    assert time.perf_counter() - started < 1  # a format width is never applied


def links(page: Path) -> list[tuple[str, str, str]]:
    """Every <a> of a page: (href, data-channel, data-item)."""
    return [(a.attrs.get("href", ""), a.attrs.get("data-channel", ""), a.attrs.get("data-item", ""))
            for a in parse_file(page).find_all("a")]


def test_valid_channels_become_exactly_encoded_links(framework: Path, tmp_path: Path) -> None:
    set_channels(framework, channel("email", "address", "o'brien+comments@example.org")
                 + channel("web-form", "url", "https://forms.example.org/c?f={framework}&v={version}&i={item}"
                                              "&t={title}&keep=%7Bliteral%7D")
                 + channel("github", "repository", "example-org/.github"))
    goal = framework / "goals" / "reporting.yml"
    goal.write_text(goal.read_text(encoding="utf-8").replace(
        "title: Publish a reporting guide", 'title: "Guide & map: 50% <now> {item}"'), encoding="utf-8")

    exit_code, out, err = cli("build", "--out", "site", "--today", "2026-02-01", cwd=tmp_path)

    assert exit_code == 0, out + err
    page = tmp_path / "site" / "minimal" / "1.0" / "goals" / "reporting" / "index.html"
    by_item = {(channel_type, item): href for href, channel_type, item in links(page) if item}
    assert by_item[("web-form", "reporting-guide")] == (
        "https://forms.example.org/c?f=minimal&v=1.0&i=reporting-guide"
        "&t=Guide%20%26%20map%3A%2050%25%20%3Cnow%3E%20%7Bitem%7D&keep=%7Bliteral%7D")
    assert by_item[("email", "reporting-guide")].startswith("mailto:o%27brien%2Bcomments@example.org?subject=Comment%20on")
    assert by_item[("github", "reporting-guide")].startswith("https://github.com/example-org/.github/issues/new?template=")
    comment_page = tmp_path / "site" / "minimal" / "1.0" / "comment" / "index.html"
    assert ("mailto:o%27brien%2Bcomments@example.org", "", "") in links(comment_page)
