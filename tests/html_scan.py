"""Find markup that would run in a reader's browser, in the tree of `html_page` (never a substring grep).

`executable_markup(html, allowed_scripts)` lists, for one page:

- every `on*` event-handler attribute, on any element;
- every `javascript:`, `vbscript:` or `data:` URL in an attribute that a browser loads or
  follows (href, src, action, formaction, xlink:href, poster, ...), read as the browser
  reads it: entities decoded (the parser does it), whitespace and control characters
  removed, case ignored; and any `srcdoc` attribute;
- every `title` attribute whose value holds markup: Material's tooltips (`content.tooltips`)
  insert a title as HTML, so a title must read as text once decoded;
- every `<iframe>`, `<frame>`, `<object>`, `<embed>` and `<base>`, and every
  `<meta http-equiv="refresh">` whose target is not a plain relative path on the same site
  (the portal's redirect to the current version is one);
- every `<script>` that is not the theme's own.

Which scripts are the theme's: a script is allowed when its *signature* (type, id, `src`
with the leading `../` steps removed, and its exact text) is one of `allowed_scripts`,
the signatures found in a build of the unmodified fixture (`theme_scripts`). We chose that
over "script text holding no community-text canary" because it is strictly stronger: a
canary test passes any injected script that happens not to carry the canary (a payload
split, re-encoded or transformed on its way to the page), while a signature test passes
only byte-for-byte copies of scripts the theme itself wrote, which run nothing a
contributor chose.

`scan_site(site, allowed_scripts)` runs the page scan over every `*.html` file of a
built site, and also reads what Material's JavaScript inserts into pages as HTML
(its `h()` helper appends strings through `innerHTML`): every search index
(`search/search_index.json`, titles and texts) and every `versions.json` (version
titles). Those may hold only the plain formatting tags Material's own indexer keeps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from pathlib import Path

from html_page import Node, parse

URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data",
    "codebase", "lowsrc", "dynsrc", "ping", "from", "to", "values",
})
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "base", "applet"})
# The tags Material's search indexer keeps in titles and texts (all inert).
INDEX_TAGS = frozenset({"code", "p", "ul", "ol", "li", "pre", "table", "thead", "tbody", "tr", "th", "td",
                        "em", "strong", "del", "blockquote", "dl", "dt", "dd", "br", "hr", "span"})
_NOT_URL = re.compile(r"[\x00-\x20\x7f]+")
_REFRESH_URL = re.compile(r"^\s*\d*\s*[;,]?\s*(?:url\s*=\s*)?['\"]?(?P<url>[^'\"]*)", re.IGNORECASE)


def _url_scheme_is_unsafe(value: str) -> bool:
    """Whether a URL attribute value, read as a browser reads it, runs or embeds content."""
    return _NOT_URL.sub("", value).lower().startswith(UNSAFE_SCHEMES)


def _relative_same_site(url: str) -> bool:
    """A plain relative path: no scheme, no host, no backslash tricks."""
    cleaned = _NOT_URL.sub("", url)
    return not (":" in cleaned.split("/", 1)[0] or cleaned.startswith(("//", "\\", "/\\")) or "\\" in cleaned)


def script_signature(attrs: dict[str, str], text: str) -> str:
    """What identifies a script: its type, id, site-relative source and exact text."""
    src = attrs.get("src", "")
    while src.startswith("../"):
        src = src[3:]
    return json.dumps([attrs.get("type", ""), attrs.get("id", ""), src, text])


def _element_problems(node: Node) -> list[str]:
    """What in one element's tag would run script, load a foreign document or re-base links."""
    tag, values = node.tag, node.attrs
    problems = []
    for name, value in values.items():
        if name.startswith("on"):
            problems.append(f"<{tag} {name}={value!r}>: event-handler attribute")
        elif name in URL_ATTRIBUTES and _url_scheme_is_unsafe(value):
            problems.append(f"<{tag} {name}={value!r}>: {value.strip()[:11]!r} URL")
        elif name == "srcdoc":
            problems.append(f"<{tag} srcdoc>: embedded document")
        elif name == "title" and _elements(parse(value)):
            problems.append(f"<{tag} title={value[:60]!r}>: markup that a tooltip inserts as HTML")
    if tag in FORBIDDEN_ELEMENTS:
        problems.append(f"<{tag}>: element that loads or re-bases content")
    if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
        match = _REFRESH_URL.match(values.get("content", ""))
        target = match.group("url") if match else ""
        if not _relative_same_site(target) or _url_scheme_is_unsafe(target):
            problems.append(f"<meta http-equiv=refresh content={values.get('content')!r}>: redirect off the site")
    return problems


def _elements(root: Node) -> list[Node]:
    """Every element of a parsed page, in document order (the document itself left out)."""
    return list(root.walk())[1:]


def _scripts(root: Node) -> list[tuple[Node, str]]:
    """Every script of a parsed page with its signature."""
    return [(node, script_signature(node.attrs, node.raw_text())) for node in root.find_all("script")]


def _problems(root: Node, allowed_scripts: Collection[str]) -> list[str]:
    problems = [problem for node in _elements(root) for problem in _element_problems(node)]
    for node, signature in _scripts(root):
        if signature not in allowed_scripts:
            shown = node.raw_text().strip()[:60] or node.attrs.get("src", "")
            problems.append(f"<script>: not one of the theme's scripts: {shown!r}")
    return problems


def executable_markup(html: str, allowed_scripts: Collection[str] = ()) -> list[str]:
    """Every piece of `html` that would run script, load a foreign document or re-base links."""
    return _problems(parse(html), allowed_scripts)


def page_scripts(html: str) -> list[str]:
    """The signatures of the scripts of one page."""
    return [signature for _, signature in _scripts(parse(html))]


def theme_scripts(site: Path) -> frozenset[str]:
    """The signatures of every script in a built site (build the unmodified fixture for this)."""
    return frozenset(s for page in sorted(site.rglob("*.html")) for s in page_scripts(page.read_text(encoding="utf-8")))


def inserted_markup(fragment: str, allowed_tags: Collection[str]) -> list[str]:
    """Problems of a string Material's JavaScript inserts as HTML: executable markup, or any
    element outside `allowed_tags` (escaped text has no elements at all)."""
    root = parse(fragment)
    return _problems(root, ()) + [f"<{node.tag}>: markup in inserted text" for node in _elements(root)
                                  if node.tag not in allowed_tags]


def _json_problems(path: Path) -> list[str]:
    """Problems in a search index or a versions.json."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found = []
    if path.name == "versions.json":
        for entry in data:
            for key in ("version", "title"):
                found += [f"{key} {entry[key]!r}: {p}" for p in inserted_markup(str(entry[key]), ())]
            for alias in entry.get("aliases", []):
                found += [f"alias {alias!r}: {p}" for p in inserted_markup(str(alias), ())]
        return found
    for doc in data["docs"]:
        for key in ("title", "text"):
            found += [f"{doc['location']} {key}: {p}" for p in inserted_markup(doc.get(key, ""), INDEX_TAGS)]
    return found


def scan_site(site: Path, allowed_scripts: Collection[str] = ()) -> dict[str, list[str]]:
    """Problems per file (relative path) of a built site; files without problems are left out."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            problems = executable_markup(path.read_text(encoding="utf-8"), allowed_scripts)
        elif path.name in ("search_index.json", "versions.json"):
            problems = _json_problems(path)
        else:
            continue
        if problems:
            found[str(path.relative_to(site))] = problems
    return found
