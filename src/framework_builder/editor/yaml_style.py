"""Write a form's data back into a YAML file in the project's style, changing only what changed.

The file is read with ruamel.yaml's round-trip loader, which keeps comments (the
`yaml-language-server` modeline included), key order, quoting, block scalars and flow
style; the new data is merged into it value by value, so unchanged lines stay byte for byte.
New text is quoted wherever YAML 1.1 (which `validate` reads, through PyYAML) would read it
as something else ("No", "yes", "on", "1.05", "2024-01-01"); new short lists and mappings of
plain values are written in flow style (`[a, b]`, `{date: 2024-06-30, value: 6}`).

Items in a list (mappings with an `id`: goals' objectives, actions, indicators...) are matched by
id, so removing, adding or moving one changes only its own lines. Comments are kept except a
comment on a line that is removed: a deleted key or list item takes with it its own comment and,
as ruamel.yaml attaches them, the comment lines below it up to the next key or item."""

from __future__ import annotations

import io
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

FLOW_WIDTH = 100  # a new list or mapping of plain values shorter than this is written on one line
_STRING_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


class UnsafeWrite(ValueError):
    """The YAML written would not read back as the data meant (never expected; the file is left alone)."""


def _yaml() -> YAML:
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 1_000_000  # never fold a long line
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def misread_in_yaml_1_1(text: str) -> bool:
    """Whether PyYAML would read `text`, written plain, as something other than that text."""
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STRING_TAG


def _string(text: str, like: Any = None) -> Any:
    if "\n" in text.rstrip("\n"):
        return LiteralScalarString(text)
    if isinstance(like, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        return type(like)(text)
    if misread_in_yaml_1_1(text) or text != text.strip() or text[:1] in "!&*{}[]|>'\"%@`#,?:-" or ": " in text \
            or " #" in text:
        return DoubleQuotedScalarString(text)
    return text


def _plain_values(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return all(not isinstance(v, (dict, list)) and not (isinstance(v, str) and "\n" in v) for v in items)


def _node(value: Any, like: Any = None) -> Any:
    """A new YAML node for `value`, in the project's style (like its sibling `like` when there is one)."""
    if isinstance(value, str):
        return _string(value, like)
    if isinstance(value, dict):
        node = CommentedMap((k, _node(v)) for k, v in value.items())
        flow = like.fa.flow_style() if isinstance(like, CommentedMap) else _short(value)
        node.fa.set_flow_style() if flow else node.fa.set_block_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(v) for v in value)
        seq.fa.set_flow_style() if _short(value) else seq.fa.set_block_style()
        return seq
    return value


def _short(value: dict | list) -> bool:
    if not value or not _plain_values(value):
        return False
    parts = [f"{k}: {v}" for k, v in value.items()] if isinstance(value, dict) else [str(v) for v in value]
    return sum(len(p) + 2 for p in parts) < FLOW_WIDTH


def merge(node: Any, new: Any) -> Any:
    """`new` written over the round-trip `node`: equal values keep their node, maps and lists are merged in place."""
    if node == new and type(node) is not bool and type(new) is not bool or node is new:
        return node
    if isinstance(node, CommentedMap) and isinstance(new, dict):
        for key in [k for k in node if k not in new]:
            del node[key]
        keys = list(new)
        for index, key in enumerate(keys):
            if key in node:
                node[key] = merge(node[key], new[key])
                continue
            before = [k for k in keys[:index] if k in node]
            position = list(node).index(before[-1]) + 1 if before else 0
            node.insert(position, key, _node(new[key]))
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list) and _items(node) and _items(new):
        return _merge_items(node, new)
    if isinstance(node, CommentedSeq) and isinstance(new, list):
        del node[len(new):]
        for index, value in enumerate(new):
            if index < len(node):
                node[index] = merge(node[index], value)
            else:
                node.append(_node(value, like=node[-1] if len(node) else None))
        return node
    return _node(new, like=node)


def _items(value: list) -> bool:
    """Whether `value` is a list of items: mappings that each have an id, all different."""
    ids = [item.get("id") for item in value if isinstance(item, dict)]
    return len(ids) == len(value) and None not in ids and len(set(ids)) == len(ids)


def _merge_items(node: CommentedSeq, new: list[dict]) -> CommentedSeq:
    """A list of items merged by id: an item removed, added or edited changes only its own lines, and
    the others keep their nodes, comments included (a moved item keeps its values, not its comments)."""
    wanted = {item["id"] for item in new}
    for index in reversed(range(len(node))):
        if node[index]["id"] not in wanted:
            del node[index]
    for index, value in enumerate(new):
        found = next((i for i in range(index, len(node)) if node[i]["id"] == value["id"]), None)
        if found is None:
            node.insert(index, _node(value, like=node[index - 1] if index else None))
            continue
        if found != index:
            moved = node[found]
            del node[found]
            node.insert(index, moved)
        node[index] = merge(node[index], value)
    return node


def read_1_1(text: str) -> Any:
    """YAML text as data, read with PyYAML's safe YAML 1.1 loader."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def write_over(original: str, new: Any) -> str:
    """The text of the file after writing `new` over `original`: the original itself when the data is unchanged."""
    if read_1_1(original) == new:
        return original
    handler = _yaml()
    document = handler.load(original)
    out = io.StringIO()
    if document is None:  # a new file: only its head comments (the modeline) so far
        out.write(original)
        document = _node(new)
    handler.dump(merge(document, new), out)
    text = out.getvalue()
    if read_1_1(text) != new:
        raise UnsafeWrite("the YAML written would not read back as the form's data")
    return text
