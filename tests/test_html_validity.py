"""Valid pages: the Nu Html Checker finds no error in our own markup, and the banner's link works.

The demo is built once (a copy of frameworks/ in a project of its own) and every HTML file
of the site goes through the Nu Html Checker (npm `vnu-jar`, pinned in package.json, run with
Java): the portal, each framework's redirect, and every page of every version, 404 pages
included. Any error fails the test, except the ones the theme writes itself that no small
override can remove (`THEME_ERRORS`, listed by message and by the markup they are found on,
and in the README); our own markup has none.

Without Java or the jar the checker's test is skipped with how to install them, except under
`CI=true`, where it fails (as the browser tests do). The banner's tests need neither.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from harness import REPO, build_demo
from html_page import Node, parse_file

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_HINT = ("Install Java 17 or newer (sudo apt-get install default-jre-headless) and the checker with "
                "`npm ci --ignore-scripts` (package.json pins vnu-jar), or run `make browser-deps`.")

# Errors in Material's own markup that only a copy of its whole base.html could remove:
# (the checker's message, a piece of the markup it reports it on).
THEME_ERRORS = [
    # The drawer and search toggles: <input class="md-toggle" type="checkbox" ... autocomplete="off">.
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
     "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
     "or “week”.", 'class="md-toggle"'),
]

SITE = "http://localhost:8000/"  # where the pages are read from when following their links


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    """The demo site, built with no site address (links relative)."""
    return demo_site


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built with a site address under a sub-path."""
    return build_demo(tmp_path_factory.mktemp("valid-addressed"), "--site-url", "https://example.org/plans/")


def _vnu() -> list[str]:
    """The command that runs the Nu Html Checker, or skip (fail under CI=true) saying how to install it."""
    java = shutil.which("java")
    missing = [what for what, there in (("Java", java), (str(VNU_JAR.relative_to(REPO)), VNU_JAR.is_file()))
               if not there]
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]["vnu-jar"]
    installed = REPO / "node_modules" / "vnu-jar" / "package.json"
    if installed.is_file() and (there := json.loads(installed.read_text(encoding="utf-8"))["version"]) != pinned:
        missing.append(f"vnu-jar {pinned} (package.json pins it, {there} is installed)")
    if missing:
        message = f"{' and '.join(missing)}: missing, so the Nu Html Checker was not run. {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and the HTML checker cannot run: {message}", pytrace=False)
        pytest.skip(message)
    return [str(java), "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html"]


def _theme_error(message: dict[str, str]) -> bool:
    return any(message.get("message") == text and piece in message.get("extract", "")
               for text, piece in THEME_ERRORS)


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_type_is_checked(site: Path) -> None:
    """What the checker reads holds one page of every type: the 404 of each version included."""
    pages = {str(path.relative_to(site)) for path in _pages(site)}
    for page in ["index.html", "stamford/index.html", "stamford/0.3/index.html", "stamford/0.3/404.html",
                 "stamford/0.2/404.html", "riverton/1.0/404.html", "stamford/0.3/goals/awareness/index.html",
                 "stamford/0.3/action-plan/index.html", "stamford/0.3/indicators/index.html",
                 "stamford/0.3/findings/index.html", "stamford/0.3/partners/index.html",
                 "stamford/0.3/funding/index.html", "stamford/0.3/changes/index.html",
                 "stamford/0.3/comment/index.html", "stamford/0.3/help/index.html", "stamford/0.3/print/index.html",
                 "stamford/0.3/downloads/index.html", "stamford/0.3/accessibility/index.html",
                 "stamford/0.3/privacy/index.html",
                 # Lakeport: strategies, a goal with actions only under it, a measures-only goal, focus areas
                 "lakeport/1.0/goals/intervene/index.html", "lakeport/1.0/goals/youth/index.html",
                 "lakeport/1.0/goals/measures/index.html", "lakeport/1.0/areas/index.html",
                 # In Spanish: Riverton translated completely, Stamford with notes on texts shown in English
                 "riverton/1.1/es/index.html", "riverton/1.1/es/404.html", "riverton/1.1/es/goals/reporting/index.html",
                 "riverton/1.0/es/index.html", "stamford/0.3/es/goals/awareness/index.html",
                 "stamford/0.3/es/action-plan/index.html", "stamford/0.3/es/indicators/index.html",
                 "stamford/0.3/es/partners/index.html", "stamford/0.3/es/funding/index.html"]:
        assert page in pages


def test_the_nu_html_checker_finds_no_error_in_our_markup(site: Path) -> None:
    command = _vnu()
    done = subprocess.run([*command, *map(str, _pages(site))], capture_output=True, text=True, encoding="utf-8",
                          timeout=600)
    report = json.loads(done.stderr)  # the checker writes its JSON report on stderr
    errors = [m for m in report["messages"] if m["type"] in ("error", "non-document-error")
              or m.get("subType") == "fatal"]
    ours = [f"{urlsplit(m.get('url', '')).path.removeprefix(str(site))}:{m.get('lastLine', '?')}: {m['message']}"
            f"\n    {m.get('extract', '').strip()}" for m in errors if not _theme_error(m)]
    assert not ours, f"{len(ours)} error(s) in our own markup:\n" + "\n".join(ours[:40])
    assert done.returncode == (1 if errors else 0), done.stdout


def test_the_checker_sees_the_theme_errors_it_allows(site: Path) -> None:
    """An allowed error names markup the theme really writes (so the list is dropped when the theme fixes it)."""
    page = (site / "stamford/0.3/index.html").read_text(encoding="utf-8")
    for _, piece in THEME_ERRORS:
        assert piece in page


def _banner_link(page: Node) -> str:
    links = [a.attrs["href"] for p in page.find_all("p", "fb-banner") for a in p.find_all("a")]
    assert len(links) == 1, links
    return links[0]


def _lands_on(site: Path, url: str) -> Path:
    """The file a server would answer `url` with (the site served at SITE's root)."""
    assert url.startswith(SITE), url
    return site / urlsplit(url).path.removeprefix("/") / "index.html"


@pytest.mark.parametrize(("slug", "older", "current"), [("stamford", "0.2", "0.3"), ("riverton", "1.0", "1.1")])
def test_the_404_page_of_an_older_version_links_to_the_current_version(site: Path, slug: str, older: str,
                                                                        current: str) -> None:
    """A 404 page is served at the address that was not found, at any depth: its link to the current
    version resolves there, and not to a host named `..` (it once read `//../0.3/`)."""
    href = _banner_link(parse_file(site / slug / older / "404.html"))
    for missing in [f"{slug}/{older}/nothing/", f"{slug}/{older}/goals/gone/deeper/", f"{slug}/{older}/x.html"]:
        url = urljoin(SITE + missing, href)
        assert url == f"{SITE}{slug}/{current}/", (missing, href)
        assert _lands_on(site, url).is_file()


def test_the_404_page_links_to_the_current_version_at_the_site_address(addressed_site: Path) -> None:
    href = _banner_link(parse_file(addressed_site / "stamford" / "0.2" / "404.html"))
    assert urljoin("https://example.org/plans/stamford/0.2/missing/page/", href) == \
        "https://example.org/plans/stamford/0.3/"


def test_every_page_of_an_older_version_links_to_the_current_version(site: Path) -> None:
    for page in sorted((site / "stamford" / "0.2").rglob("index.html")):
        url = urljoin(SITE + str(page.parent.relative_to(site)) + "/", _banner_link(parse_file(page)))
        assert url == f"{SITE}stamford/0.3/", page
        assert _lands_on(site, url).is_file()
