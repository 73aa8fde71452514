"""The one HTML parser of the tests: a page (or a fragment) read into a tree of elements and text.

`parse(html)` returns the document's root `Node`; each element keeps its tag, its attributes
(entities decoded, a missing value read as "") and its children in document order (elements
and text; a `<script>`'s text is its child, an unclosed one runs to the end of the page).
`tests/html_scan.py` scans this tree for executable markup; the tests read pages through it
(`built_page`, `article` for a page of a built site, `under` for what stands under one of its headings).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})


@dataclass
class Node:
    """An element of a parsed page, with its text as a reader sees it."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag: str, css_class: str = "") -> list[Node]:
        """Every `tag` element here (this one included) that has `css_class` (any, when empty)."""
        return [node for node in self.walk()
                if node.tag == tag and css_class in node.attrs.get("class", "").split() + [""]]

    def text(self) -> str:
        """The element's text, without Material's permalink anchors, whitespace collapsed."""
        return " ".join(self.raw_text().split())

    def raw_text(self) -> str:
        """The element's text exactly (a script's source), without permalink anchors."""
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children
                       if isinstance(c, str) or "headerlink" not in c.attrs.get("class", ""))


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    """The tree of a page or fragment."""
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def parse_file(path: Path) -> Node:
    """The tree of an HTML file."""
    return parse(path.read_text(encoding="utf-8"))


def built_page(site: Path, path: str) -> Node:
    """The tree of the page built at `path` under `site`: the folder's index.html, or the .html file named."""
    file = site / path if path.endswith(".html") else site / path / "index.html"
    assert file.is_file(), f"{path or 'the home page'} was not built"
    return parse_file(file)


def article(site: Path, path: str) -> Node:
    """The `<article>` of the page built at `path` under `site`: its content, without navigation and header."""
    found = built_page(site, path).find_all("article")
    assert found, f"{path or 'the home page'} has no <article>"
    return found[0]


def under(body: Node, anchor: str) -> Node:
    """What stands under the heading with id `anchor` among `body`'s children (an article's blocks), up to
    the next heading of its level or above, gathered in a `section` node of its own."""
    blocks = [child for child in body.children if isinstance(child, Node)]
    start = next((i for i, node in enumerate(blocks) if node.attrs.get("id") == anchor), None)
    assert start is not None, f"no heading with id {anchor!r}"
    stop = HEADINGS[: HEADINGS.index(blocks[start].tag) + 1]
    found = Node("section", {})
    for node in blocks[start + 1:]:
        if node.tag in stop:
            break
        found.children.append(node)
    return found
