"""Read YAML safely, keeping the source position of every value.

PyYAML's C parser composes the document into nodes that carry their line and
column; we turn the nodes into plain Python values ourselves so that:

- a duplicate key is an error (PyYAML silently keeps the last value);
- anchors and aliases are refused (they can expand without bound);
- YAML 1.2 booleans apply: only true/false are booleans, while `yes`, `no`,
  `on` and `off` stay the text the author wrote;
- unknown tags (`!!python/object`, `!foo`) are refused.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

from .diagnostics import Diagnostic

_TAG = "tag:yaml.org,2002:"
_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """libyaml's parser with a lean tag resolver: the stock one costs a third of the load time."""

    _by_first_char = {key: tuple(value) for key, value in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """No path resolvers: nothing to track."""

    def ascend_resolver(self) -> None:
        """No path resolvers: nothing to track."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self._by_first_char.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _TAG + "str"
        return _TAG + ("seq" if kind is yaml.SequenceNode else "map")

MAX_FILE_BYTES = 1024 * 1024
_BOOLS = {"true": True, "false": False}
_timestamps = yaml.constructor.SafeConstructor()


class YamlError(Exception):
    """A file could not be read as YAML; carries the diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


Loc = Sequence[str | int]


@dataclass
class SourceFile:
    """A YAML file read into plain values; its node tree gives positions."""

    path: str
    data: Any
    text: str
    _root: yaml.Node | None = None

    @property
    def root(self) -> yaml.Node:
        """The composed node tree, composed again on first use when the file was read elsewhere."""
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=_Loader)
        return self._root

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `loc`, or of its key with `key=True`.

        Steps that do not exist in the document (a missing field, a union member
        name from a validation error) are skipped, so the position is that of the
        deepest value that exists.
        """
        node, key_node = self.root, None
        for step in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for k, v in node.value:
                    if k.value == step:
                        node, key_node = v, k
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    node, key_node = node.value[step], None
        target = key_node if key and key_node is not None else node
        return target.start_mark.line + 1, target.start_mark.column + 1


def read_yaml(path: Path, display: str) -> SourceFile:
    """Read one YAML file; raise YamlError with a located diagnostic on any problem."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            Diagnostic.at(display, (1, 1), "FB007", f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}")
        )
    text = _decode(raw, display)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_syntax_diagnostic(exc, text, display)) from None
    if root is None:
        raise YamlError(
            Diagnostic.at(display, (1, 1), "FB005", "file is empty", "add the content, or delete the file")
        )
    converter = _Converter(display, text)
    return SourceFile(display, converter.convert(root), text, root)


def _read_or_diagnostic(job: tuple[Path, str]) -> SourceFile | Diagnostic:
    try:
        return read_yaml(*job)
    except YamlError as exc:
        return exc.diagnostic


def _read_detached(job: tuple[Path, str]) -> tuple[str, Any, str] | Diagnostic:
    """Read one file in a worker process: plain values travel back, nodes do not."""
    source = _read_or_diagnostic(job)
    return source if isinstance(source, Diagnostic) else (source.path, source.data, source.text)


PARALLEL_MIN_BYTES = 256 * 1024


@dataclass
class _Reading:
    """Files being read by a pool of forked processes."""

    jobs: list[tuple[Path, str]]
    pool: Any
    pending: Any

    def results(self) -> list[SourceFile | Diagnostic]:
        with self.pool:
            results = self.pending.get()
        return [r if isinstance(r, Diagnostic) else SourceFile(*r) for r in results]


_PREFETCHED: list[_Reading] = []


def _start_reading(jobs: list[tuple[Path, str]]) -> _Reading | None:
    """Start reading in forked processes when the files are large enough to pay off, else None."""
    total = sum(path.stat().st_size for path, _ in jobs if path.is_file())
    workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_MIN_BYTES or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    pool = multiprocessing.get_context("fork").Pool(workers)
    chunks = max(1, len(jobs) // (workers * 2))
    return _Reading(jobs, pool, pool.map_async(_read_detached, jobs, chunksize=chunks))


def prefetch(jobs: list[tuple[Path, str]]) -> None:
    """Start reading large files in the background; a later `read_many` of the same jobs collects them.

    Called before the models are imported, so parsing overlaps the import of pydantic."""
    reading = _start_reading(jobs)
    if reading is not None:
        _PREFETCHED.append(reading)


def read_many(jobs: list[tuple[Path, str]]) -> list[SourceFile | Diagnostic]:
    """Read many files (path, display name), in two processes when they are large enough to pay off."""
    reading = next((r for r in _PREFETCHED if r.jobs == jobs), None)
    if reading is not None:
        _PREFETCHED.remove(reading)
    else:
        reading = _start_reading(jobs)
    if reading is None:
        return [_read_or_diagnostic(job) for job in jobs]
    return reading.results()


def _decode(raw: bytes, display: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            Diagnostic.at(
                display,
                (line, column),
                "FB001",
                f"byte 0x{raw[exc.start]:02x} is not UTF-8 text",
                "save the file as UTF-8, or retype the character at this position",
            )
        ) from None


_SYNTAX_HINTS = {
    "mapping values are not allowed": "a value contains ': ' — put the whole value in double quotes",
    "could not find expected ':'": "each line needs `key: value`; check the indentation of this line and the one above",
    "did not find expected key": "check the indentation: keys of one item must line up",
    "found unexpected end of stream": "a quote or bracket was opened and never closed",
    "expected a single document": "a file holds one document: remove the `---` line",
    "found undefined alias": "`*` starts an alias in YAML: put text that starts with `*` in quotes",
    "did not find expected ',' or ']'": "a [list] needs a comma between items and a closing ]",
}
_SYNTAX_HINT_DEFAULT = "check this line and the one above for a missing colon, an unclosed quote or a wrong indent"


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, display: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or exc.context or "invalid YAML"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in problem or "\t" in source_line[: len(source_line) - len(source_line.lstrip())]:
        tab_column = source_line.find("\t") + 1 or column
        return Diagnostic.at(
            display, (line, tab_column), "FB003", "tab character used for indentation", "replace the tab with spaces"
        )
    hint = next((h for key, h in _SYNTAX_HINTS.items() if key in problem or key in (exc.context or "")), _SYNTAX_HINT_DEFAULT)
    return Diagnostic.at(display, (line, column), "FB002", f"YAML syntax error: {problem}", hint)


class _Converter:
    """Turns composed nodes into plain values, refusing what we do not accept."""

    def __init__(self, display: str, text: str):
        self.display = display
        self.text = text
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node) -> Any:
        if id(node) in self.seen:
            raise YamlError(self._alias_diagnostic())
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item) for item in node.value]
        return self._mapping(node)

    def _mapping(self, node: yaml.MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise YamlError(self._alias_diagnostic())
            key = self.convert(key_node)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                raise YamlError(
                    Diagnostic.at(self.display, where, "FB009", f"key {key_node.value!r} is not text", "use a field name such as `title`")
                )
            if key in result:
                raise YamlError(
                    Diagnostic.at(
                        self.display,
                        where,
                        "FB004",
                        f"duplicate key '{key}' (first set on line {first_line[key]})",
                        "delete one of the two lines, or merge their values",
                    )
                )
            first_line[key] = where[0]
            result[key] = self.convert(value_node)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _BOOLS.get(value.lower(), value)
        if tag == _TAG + "int":
            return _to_number(value, int)
        if tag == _TAG + "float":
            return _to_number(value, float)
        if tag == _TAG + "timestamp":
            try:
                if len(value) == 10:
                    return dt.date.fromisoformat(value)
                return _timestamps.construct_yaml_timestamp(node)
            except ValueError:  # 2025-13-01: not a date; the schema reports it where a date is due
                return value
        where = (node.start_mark.line + 1, node.start_mark.column + 1)
        raise YamlError(
            Diagnostic.at(self.display, where, "FB002", f"YAML tag {tag!r} is not supported", "remove the `!` tag; write plain values")
        )

    def _alias_diagnostic(self) -> Diagnostic:
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                where = (event.start_mark.line + 1, event.start_mark.column + 1)
                return Diagnostic.at(self.display, where, "FB006", "anchors (&) and aliases (*) are not allowed", "write the repeated value out in full")
        return Diagnostic.at(self.display, (1, 1), "FB006", "merge keys (<<) are not allowed", "write the values out in full")


def _to_number(value: str, kind: type) -> Any:
    """YAML 1.2 numbers; anything YAML 1.1 alone would read as a number stays text."""
    cleaned = value.replace("_", "")
    if ":" in cleaned:  # YAML 1.1 base-60 (1:30 -> 90)
        return value
    try:
        if kind is int:
            return int(cleaned, 0) if cleaned[:2].lower() in ("0x", "0o", "0b") else int(cleaned)
        return float(cleaned)
    except ValueError:
        return value
