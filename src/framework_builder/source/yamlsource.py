"""Read YAML safely, keeping the source position of every value.

PyYAML's C parser composes the document into nodes that carry their line and
column; we turn the nodes into plain Python values ourselves so that:

- a duplicate key is an error (PyYAML silently keeps the last value);
- anchors and aliases are refused (they can expand without bound);
- YAML 1.2 booleans apply: only true/false are booleans, while `yes`, `no`,
  `on` and `off` stay the text the author wrote;
- tags (`!!python/object`, `!foo`, `!!set`) are refused, on values, mappings and lists;
- only plain files are read (no links, folders, pipes or devices), and no more than a size limit;
- nesting is limited, numbers are finite and bounded, and invisible control and
  bidirectional-override characters are refused (limits.py has every limit).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

from framework_builder.model.limits import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_NUMBER,
    REFUSED_CHARACTER,
    REFUSED_CHARACTER_HINT,
    REFUSED_IN_FILE,
    character_name,
)
from framework_builder.source.diagnostics import Diagnostic

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


def read_yaml(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> SourceFile:
    """Read one YAML file of at most `limit` bytes; raise YamlError with a located diagnostic on any problem."""
    text = _decode(read_plain_file(path, display, limit), display)
    if not text.isascii():  # C1 controls and bidirectional overrides; libyaml refuses ASCII controls itself
        _check_characters(text, display)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise YamlError(_syntax_diagnostic(exc, text, display)) from None
    except yaml.reader.ReaderError as exc:  # an ASCII control character
        _check_characters(text, display)
        raise YamlError(Diagnostic.at(display, (1, 1), "FB002", f"YAML syntax error: {exc.reason}", _SYNTAX_HINT_DEFAULT)) from None
    if root is None:
        raise YamlError(
            Diagnostic.at(display, (1, 1), "FB005", "file is empty", "add the content, or delete the file")
        )
    converter = _Converter(display, text)
    return SourceFile(display, converter.convert(root), text, root)


_NOT_PLAIN = {
    stat.S_IFLNK: ("a symbolic link", "replace the link with a copy of the file: links are not followed"),
    stat.S_IFDIR: ("a folder", "rename the folder so its name does not end in .yml or .yaml, or move it elsewhere"),
    stat.S_IFIFO: ("a named pipe", "delete it and put a plain YAML file here"),
    0: ("gone: it was removed while it was being read", "run the command again"),
}
_NOT_PLAIN_OTHER = ("a device or socket", "delete it and put a plain YAML file here")


def not_plain_diagnostic(display: str, mode: int) -> Diagnostic:
    """FB011 for a path whose `lstat` mode is not a regular file."""
    kind, hint = _NOT_PLAIN.get(stat.S_IFMT(mode), _NOT_PLAIN_OTHER)
    return Diagnostic.at(display, (1, 1), "FB011", f"this is {kind}, not a plain file", hint)


def read_plain_file(path: Path, display: str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, never following a link nor waiting on a pipe.

    Raises YamlError: FB011 for anything but a regular file, FB007 when it is larger than `limit`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:  # a link (ELOOP under O_NOFOLLOW), no permission, or gone since it was listed
        mode = _lstat_mode(path)
        if stat.S_ISREG(mode):
            raise YamlError(Diagnostic.at(display, (1, 1), "FB011", f"the file cannot be read ({exc.strerror})",
                                          "check that the file can be read by the account running the command")) from None
        raise YamlError(not_plain_diagnostic(display, mode)) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise YamlError(not_plain_diagnostic(display, info.st_mode))
    with os.fdopen(fd, "rb") as file:
        raw = file.read(limit + 1)
    if len(raw) > limit:
        raise YamlError(Diagnostic.at(display, (1, 1), "FB007", f"file is {max(info.st_size, len(raw)):,} bytes; the limit is {limit:,}",
                                      "split it into smaller files, or check that it was not replaced by something else"))
    return raw


def _lstat_mode(path: Path) -> int:
    """The `lstat` mode of `path`, 0 when it is gone."""
    try:
        return os.lstat(path).st_mode
    except OSError:
        return 0


def read_or_diagnostic(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> SourceFile | Diagnostic:
    """Read one YAML file, or the diagnostic saying why it could not be read."""
    try:
        return read_yaml(path, display, limit)
    except YamlError as exc:
        return exc.diagnostic


def _read_detached(job: tuple[Path, str]) -> tuple[str, Any, str] | Diagnostic:
    """Read one file in a worker process: plain values travel back, nodes do not."""
    source = read_or_diagnostic(*job)
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
    total = sum(plain_size(path) for path, _ in jobs)
    workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_MIN_BYTES or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    pool = multiprocessing.get_context("fork").Pool(workers)
    chunks = max(1, len(jobs) // (workers * 2))
    return _Reading(jobs, pool, pool.map_async(_read_detached, jobs, chunksize=chunks))


def plain_size(path: Path) -> int:
    """The size of a regular file; 0 for anything else (which is never read)."""
    try:
        info = os.lstat(path)
    except OSError:
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


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
        return [read_or_diagnostic(*job) for job in jobs]
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


_KEY_LINE = re.compile(r"^( *)(?:- +)?([A-Za-z_][A-Za-z0-9_]*):(?: +\S.*)?$")


def _indent_hint(text: str, line: int) -> str | None:
    """For `key: value` indented deeper than the `key: value` line above it (which YAML reads as the
    rest of that value), the indent to use instead; None when the line is not that."""
    lines = text.splitlines()
    if not 1 < line <= len(lines):
        return None
    here = _KEY_LINE.match(lines[line - 1])
    above = next((lines[i] for i in range(line - 2, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), "")
    there = _KEY_LINE.match(above)
    if not here or not there or not above.rstrip().split(":", 1)[1].strip() or len(here[1]) <= len(there[1]):
        return None
    column = len(there[1]) + (len(above) - len(above.lstrip(" -")) - len(there[1]))
    return (f"this line is indented more than the line above, so YAML reads it as part of that value: "
            f"start `{here[2]}:` at column {column + 1}, under `{there[2]}:`")


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
    hint = _indent_hint(text, line) if "mapping values are not allowed" in problem else None
    hint = hint or next((h for key, h in _SYNTAX_HINTS.items() if key in problem or key in (exc.context or "")),
                        _SYNTAX_HINT_DEFAULT)
    return Diagnostic.at(display, (line, column), "FB002", f"YAML syntax error: {problem}", hint)


class _Converter:
    """Turns composed nodes into plain values, refusing what we do not accept."""

    def __init__(self, display: str, text: str):
        self.display = display
        self.text = text
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, depth: int = 1) -> Any:
        if id(node) in self.seen:
            raise YamlError(self._alias_diagnostic())
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        self._check_collection(node, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, depth + 1) for item in node.value]
        return self._mapping(node, depth)

    def _check_collection(self, node: yaml.Node, depth: int) -> None:
        """Refuse a tag on a mapping or list (`!!set`, `!foo {a: 1}`), and nesting deeper than MAX_DEPTH."""
        if node.tag != _TAG + ("seq" if isinstance(node, yaml.SequenceNode) else "map"):
            raise YamlError(self._tag_diagnostic(node))
        if depth > MAX_DEPTH:
            raise YamlError(Diagnostic.at(self.display, _where(node), "FB012",
                                          f"values are nested more than {MAX_DEPTH} levels deep",
                                          "check the indentation and the [ ] and { } brackets here: no field nests this deep"))

    def _tag_diagnostic(self, node: yaml.Node) -> Diagnostic:
        return Diagnostic.at(self.display, _where(node), "FB002", f"YAML tag {node.tag!r} is not supported",
                             "remove the `!` tag; write plain values")

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise YamlError(self._alias_diagnostic())
            key = self.convert(key_node, depth + 1)
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
            result[key] = self.convert(value_node, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _TAG + "str":
            if node.style == '"':
                self._check_escapes(node)
            return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return _BOOLS.get(value.lower(), value)
        if tag in (_TAG + "int", _TAG + "float"):
            return self._number(node)
        if tag == _TAG + "timestamp":
            try:
                if len(value) == 10:
                    return dt.date.fromisoformat(value)
                return _timestamps.construct_yaml_timestamp(node)
            except ValueError:  # 2025-13-01: not a date; the schema reports it where a date is due
                return value
        raise YamlError(self._tag_diagnostic(node))

    def _check_escapes(self, node: yaml.ScalarNode) -> None:
        """A double-quoted value may write any character with an escape (`"\\u202e"`): refuse the same ones."""
        refused = REFUSED_CHARACTER.search(node.value)
        if refused:
            raise YamlError(_character_diagnostic(self.display, _where(node), refused.group()))

    def _number(self, node: yaml.ScalarNode) -> Any:
        """A YAML 1.2 number; `.inf`, `.nan` and numbers beyond ±MAX_NUMBER (1e400) are refused."""
        number = _to_number(node.value, int if node.tag == _TAG + "int" else float)
        if isinstance(number, str):
            if number.lstrip("+-").lower() not in (".inf", ".nan"):
                return number
        elif -MAX_NUMBER <= number <= MAX_NUMBER:  # False for NaN
            return number
        raise YamlError(Diagnostic.at(self.display, _where(node), "FB110",
                                      f"{node.value[:40]} is not a number between {-MAX_NUMBER:,} and {MAX_NUMBER:,}",
                                      "write an ordinary number such as 42 or 3.5 (in quotes, it is text)"))

    def _alias_diagnostic(self) -> Diagnostic:
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                where = (event.start_mark.line + 1, event.start_mark.column + 1)
                return Diagnostic.at(self.display, where, "FB006", "anchors (&) and aliases (*) are not allowed", "write the repeated value out in full")
        return Diagnostic.at(self.display, (1, 1), "FB006", "merge keys (<<) are not allowed", "write the values out in full")


def _where(node: yaml.Node) -> tuple[int, int]:
    """1-based (line, column) where `node` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _text_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `index` of `text`."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _check_characters(text: str, display: str) -> None:
    """FB113 at the first character of a file's text that no value may hold."""
    refused = REFUSED_IN_FILE.search(text)
    if refused:
        raise YamlError(_character_diagnostic(display, _text_position(text, refused.start()), refused.group()))


def _character_diagnostic(display: str, where: tuple[int, int], char: str) -> Diagnostic:
    """FB113: a refused invisible character, named by its code point, never printed."""
    return Diagnostic.at(display, where, "FB113", f"the invisible character {character_name(char)} is not allowed",
                         REFUSED_CHARACTER_HINT)


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
