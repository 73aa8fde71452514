"""What we heard (responses to comments) and quick exit: validation and the pages.

`heard:` in framework.yml records, per item, what people said in a comment window, the
leadership group's response and what changed; `validate` checks the item ids and the version
(FB215-FB218). The site shows each entry under its item, on the version's "What we heard"
page, and "What changed" links back to it. `quick_exit:` (off by default) puts a plain
"leave this site now" link on the get-help and how-to-comment pages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from harness import FIXTURE_TODAY, FIXTURES, FRAMEWORKS, built_site, cli
from html_page import Node, article

from framework_builder.model.releases import canonical_json
from framework_builder.source.loader import load_framework

HEARD = """
heard:
  version: "1.0"
  items:
    - item: reporting-guide
      summary: People asked for the guide in Spanish.
      response: We agree.
      changed: The guide is now in Spanish too.
    - summary: Several comments asked for shorter pages.
      response: Each goal page now opens with a summary.
"""
TITLE = "Publish a reporting guide"
QUICK_EXIT = """
quick_exit:
  url: https://weather.example.org/today
"""
HOSTILE_HEARD = """
heard:
  version: "1.0"
  items:
    - item: reporting-guide
      summary: "<script>alert('summary')</script> People asked <img src=x onerror=alert(1)> for more."
      response: "[click](javascript:alert('response')) We agree."
      changed: "<b onmouseover=alert(1)>bold</b> changed"
quick_exit:
  url: "https://neutral.example.org/?q=a&b=c"
  label: "\\"><script>alert('label')</script>"
"""


def project(tmp_path: Path, extra: str, name: str = "p") -> Path:
    """A project holding the minimal fixture with `extra` appended to its framework.yml."""
    root = tmp_path / name
    shutil.copytree(FIXTURES / "minimal", root / "frameworks" / "minimal")
    with (root / "frameworks" / "minimal" / "framework.yml").open("a", encoding="utf-8") as file:
        file.write(extra)
    return root


def diagnostics(root: Path) -> list[dict]:
    code, out, err = cli("validate", str(root / "frameworks" / "minimal"), "--format", "json")
    assert "Traceback" not in err
    return json.loads(out)["diagnostics"] if out.strip().startswith("{") else json.loads(out)


def codes(root: Path) -> list[tuple[str, int, str, str]]:
    found = diagnostics(root)
    return [(d["code"], d["line"], d["message"], d.get("hint", "")) for d in found]


def line_of(root: Path, text: str) -> int:
    lines = (root / "frameworks" / "minimal" / "framework.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


# -- validate ---------------------------------------------------------------------------------

def test_heard_and_quick_exit_are_valid(tmp_path: Path) -> None:
    root = project(tmp_path, HEARD + QUICK_EXIT)
    code, out, err = cli("validate", str(root / "frameworks" / "minimal"))
    assert code == 0, out + err


@pytest.mark.parametrize(("yaml", "code", "marker", "message", "hint"), [
    (HEARD.replace("item: reporting-guide", "item: reporting-giude"), "FB215", "reporting-giude",
     "what we heard is about unknown item 'reporting-giude'", "did you mean 'reporting-guide'?"),
    (HEARD.replace('version: "1.0"', 'version: "1.1"'), "FB216", '"1.1"',
     "records comments on version 1.1, which is later than this version (1.0)", "`version:` names the version"),
    (HEARD + "    - item: reporting-guide\n      summary: Again.\n      response: Again.\n", "FB217", "- item: reporting-guide\n",
     "what we heard about 'reporting-guide' is already recorded (entry 1)", "merge"),
    (HEARD.replace("item: reporting-guide", "item: library"), "FB218", "item: library",
     "what we heard is about organization 'library', which has no place on a goal page", "goal, objective, action or indicator"),
])
def test_heard_problems_are_located(tmp_path: Path, yaml: str, code: str, marker: str, message: str, hint: str) -> None:
    root = project(tmp_path, yaml)
    found = [entry for entry in codes(root) if entry[0].startswith("FB2")]
    lines = (root / "frameworks" / "minimal" / "framework.yml").read_text(encoding="utf-8").splitlines()
    marked = [n for n, line in enumerate(lines, 1) if marker.strip() in line]
    expected_line = marked[-1]  # the duplicate is the later one
    assert [(c, line) for c, line, _, _ in found] == [(code, expected_line)]
    assert message in found[0][2]
    assert hint in found[0][3]


def test_heard_of_this_version_is_allowed(tmp_path: Path) -> None:
    """A draft commented on without a release is answered in the same version before adoption."""
    root = project(tmp_path, HEARD)
    assert [c for c in codes(root) if c[0] in ("FB215", "FB216", "FB217", "FB218")] == []


@pytest.mark.parametrize("url", [
    "http://weather.example.org/", "javascript:alert(1)", "https://localhost/", "https://exa mple.org/",
    "https://example.org/\"onclick=alert(1)", "//example.org/",
])
def test_quick_exit_must_be_an_https_page(tmp_path: Path, url: str) -> None:
    root = project(tmp_path, f"\nquick_exit:\n  url: {json.dumps(url)}\n")
    found = codes(root)
    assert [(c, line) for c, line, _, _ in found if c.startswith("FB1")] == [("FB106", line_of(root, "  url:"))]


def test_frameworks_without_the_new_sections_keep_their_digest() -> None:
    """heard and quick_exit are left out of the canonical JSON when not given: old releases stay valid."""
    for slug in ("stamford", "riverton"):
        loaded = load_framework(FRAMEWORKS / slug)
        assert loaded.ok, loaded.diagnostics
    riverton = load_framework(FRAMEWORKS / "riverton").framework
    text = canonical_json(riverton)
    assert '"heard"' not in text and '"quick_exit"' not in text
    stamford = canonical_json(load_framework(FRAMEWORKS / "stamford").framework)
    assert '"heard"' in stamford and '"quick_exit"' in stamford


# -- the pages --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("heard"), HEARD + QUICK_EXIT)
    return built_site(root, today=FIXTURE_TODAY) / "minimal" / "1.0"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("hostile"), HOSTILE_HEARD)
    return built_site(root, today=FIXTURE_TODAY) / "minimal" / "1.0"


def test_what_we_heard_stands_under_its_item(fixture_site: Path) -> None:
    page = article(fixture_site, "goals/reporting")
    boxes = page.find_all("div", "fb-heard")
    assert len(boxes) == 1
    text = boxes[0].text()
    assert text.startswith("What we heard about this")
    assert "What people said in the comments on version 1.0 People asked for the guide in Spanish." in text
    assert "The leadership group's response We agree." in text
    assert "What changed in version 1.0 The guide is now in Spanish too." in text
    # The box follows the action's heading and comes before the indicators.
    order = [n for n in page.walk() if n.tag in ("h4", "h3", "h2") or "fb-heard" in n.attrs.get("class", "")]
    index = next(i for i, n in enumerate(order) if "fb-heard" in n.attrs.get("class", ""))
    assert order[index - 1].attrs.get("id") == "reporting-guide"
    hrefs = [a.attrs.get("href") for a in page.find_all("a")]
    assert "../../heard/#heard-reporting-guide" in hrefs


def test_the_heard_page_lists_every_entry(fixture_site: Path) -> None:
    page = article(fixture_site, "heard")
    headings = [(h.attrs.get("id"), h.text()) for h in page.find_all("h2")]
    assert headings == [("heard-reporting-guide", TITLE), ("heard-framework", "The framework as a whole")]
    assert len(page.find_all("div", "fb-heard")) == 2
    assert "../goals/reporting/#reporting-guide" in [a.attrs.get("href") for a in page.find_all("a")]
    assert "Several comments asked for shorter pages." in page.text()


def test_a_version_without_heard_says_so(demo_site: Path) -> None:
    page = article(demo_site, "riverton/1.1/heard")
    assert "This version records no responses to comments." in page.text()
    assert page.find_all("div", "fb-heard") == []


def test_what_changed_links_back_to_what_we_heard(demo_site: Path) -> None:
    """Stamford's working version 0.3 answers the comments on its released version 0.2."""
    page = article(demo_site, "stamford/0.3/changes")
    hrefs = [a.attrs.get("href") for a in page.find_all("a")]
    assert "../heard/" in hrefs
    heads = [(li, " ".join("".join(c if isinstance(c, str) else "" if c.tag == "ul" else c.raw_text()
                                   for c in li.children).split())) for li in page.find_all("li")]
    items = {head.split(": ", 1)[1].removesuffix(" (what we heard)"): li for li, head in heads
             if head.startswith(("Action: ", "New action: "))}
    trusted = [a.attrs.get("href") for a in items["Train trusted community partners to help people report"].find_all("a")]
    assert trusted == ["../heard/#heard-trusted-reporting-points"]
    assert items["Hold community information sessions"].find_all("a") == []
    heard = article(demo_site, "stamford/0.3/heard")
    assert {h.attrs.get("id") for h in heard.find_all("h2")} >= {
        "heard-trusted-reporting-points", "heard-incident-data-summary", "heard-shared-service-projects",
        "heard-framework"}
    assert "What people said in the comments on version 0.2" in heard.text()


def quick_exits(page: Node) -> list[Node]:
    return [a for a in page.find_all("a") if "fb-quick-exit__link" in a.attrs.get("class", "").split()]


@pytest.mark.parametrize("page", ["help", "comment"])
def test_quick_exit_on_the_help_and_comment_pages(fixture_site: Path, page: str) -> None:
    body = article(fixture_site, page)
    links = quick_exits(body)
    assert len(links) == 1
    link = links[0]
    assert link.attrs["href"] == "https://weather.example.org/today"
    assert link.attrs["rel"] == "noreferrer"
    assert "target" not in link.attrs and "onclick" not in link.attrs
    assert link.text() == "Leave this site now"
    # The first link of the page's content: the first stop of the keyboard after the navigation.
    assert [a for a in body.find_all("a") if "headerlink" not in a.attrs.get("class", "")][0] is link


def test_quick_exit_is_only_on_those_pages_and_off_by_default(fixture_site: Path, demo_site: Path) -> None:
    for page in ("", "goals/reporting", "heard", "privacy"):
        assert quick_exits(article(fixture_site, page)) == []
    for page in ("help", "comment"):
        assert quick_exits(article(demo_site, f"riverton/1.1/{page}")) == []


def test_community_text_in_heard_and_quick_exit_is_inert(hostile_site: Path) -> None:
    for page in ("goals/reporting", "heard", "help", "comment"):
        body = article(hostile_site, page)
        assert body.find_all("script") == [] and body.find_all("img") == [] and body.find_all("b") == []
        for node in body.walk():
            assert not any(name.startswith("on") for name in node.attrs), (page, node.attrs)
            assert not node.attrs.get("href", "").lower().startswith("javascript:"), page
    goal = article(hostile_site, "goals/reporting")
    assert "<script>alert('summary')</script> People asked" in goal.text()
    link = quick_exits(article(hostile_site, "help"))[0]
    assert link.attrs["href"] == "https://neutral.example.org/?q=a&b=c"
    raw = (hostile_site / "help" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://neutral.example.org/?q=a&amp;b=c"' in raw
    assert link.text() == "\"><script>alert('label')</script>"
