"""The one YAML loader: every user file (plans, answers, post-mortems) and every content file.

YAML as people write it trips PyYAML's defaults, so this loader reads a safer YAML:

* a key written twice is refused, naming the key and both lines (PyYAML keeps the last);
* ``9:00`` and ``1:1`` stay text (YAML 1.1 reads them as base-60 numbers: 540 and 61), and
  so do ``yes``, ``no``, ``on`` and ``off`` (only ``true`` and ``false`` are booleans), and a
  number with a leading zero (``007``, an id or a postcode, not octal);
* a date that cannot be (``2027-02-30``) is "line N: 2027-02-30 is not a date", not a traceback;
* aliases may not expand past :data:`MAX_NODES` values (a few kilobytes of nested aliases,
  "billion laughs", would otherwise take minutes and all the memory), refused at once;
* syntax errors are worded for the person who typed the file: a tab used for indentation,
  text that needs quotes, an empty file.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mopskit.errors import InputError

__all__ = ["MAX_NODES", "load_yaml", "parse_yaml"]

MAX_NODES = 100_000
"""The most values a file may hold once its aliases are expanded: far above any real plan."""

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(
    r"^[-+]?(?:(?:0|[1-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
    r"|(?:0|[1-9][0-9_]*)[eE][-+]?[0-9]+)$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"
)


class _Rules:
    """What the kit's YAML adds to PyYAML's safe loading: no duplicate keys, checked dates."""

    file: str | None = None
    same_key: Callable[[Any], Any] = staticmethod(lambda key: key)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            try:
                compared = self.same_key(key)
                hash(compared)
            except TypeError:
                continue
            line = key_node.start_mark.line + 1
            if compared in seen:
                raise _at(line, f"'{key}' is written twice (also on line {seen[compared]}); keep one", self.file)
            seen[compared] = line
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)  # type: ignore[misc]
        return mapping

    def construct_yaml_timestamp(self, node: ScalarNode) -> datetime.date | datetime.datetime:
        try:
            value: datetime.date | datetime.datetime = super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except ValueError:
            line = node.start_mark.line + 1
            raise _at(line, f"{node.value} is not a date", self.file) from None
        return value


class _Loader(_Rules, yaml.SafeLoader):
    """The careful reader, in Python: its errors are the ones worded for people (``_worded``)."""

    def compose_document(self) -> Node | None:
        node: Node | None = super().compose_document()
        if node is not None:
            _check_size(node, self.file)
        return node


_FastLoader: type[Any] | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(_Rules, yaml.CSafeLoader):
        """The same rules over libyaml's parser, several times quicker: for the kit's own files
        (the course's content, read at every start), which a test reads both ways. libyaml's
        parser accepts a little more than PyYAML's (a tab between tokens, a bare ``!`` tag), so
        files people write always go through the careful reader."""

        def get_node(self) -> Node | None:
            node: Node | None = super().get_node()
            if node is not None:
                _check_size(node, self.file)
            return node

    _FastLoader = _CLoader


# YAML 1.2 core schema for booleans and numbers: drop YAML 1.1's yes/no/on/off, base 60 and octal.
_KINDS: list[type[Any]] = [_Loader, *([_FastLoader] if _FastLoader is not None else [])]
for _kind in _KINDS:
    _kind.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers
                if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _kind.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
    _kind.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
    _kind.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
    _kind.add_constructor("tag:yaml.org,2002:timestamp", _kind.construct_yaml_timestamp)


def _at(line: int | None, message: str, file: str | None) -> InputError:
    """An error at a line of a YAML file: "plan.yaml: line 4: …" (``row`` keeps the line)."""
    error = InputError(f"line {line}: {message}" if line else message, file=file)
    error.row = line
    return error


def _check_size(root: Node, file: str | None) -> None:
    """Refuse a document whose aliases expand past :data:`MAX_NODES` values (counted, not built)."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are still being counted: a path from the root
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children: list[Node] = []
        if isinstance(node, SequenceNode):
            children = list(node.value)
        elif isinstance(node, MappingNode):
            children = [part for pair in node.value for part in pair]
        if not children_done:
            if any(id(child) in open_ for child in children):
                line = node.start_mark.line + 1
                raise _at(line, "an alias (*name) stands for a value it is itself part of, so the value"
                                " never ends; write the value out", file)
            if any(id(child) not in sizes for child in children):
                open_.add(id(node))
                stack.append((node, True))
                stack.extend((child, False) for child in children if id(child) not in sizes)
                continue
        open_.discard(id(node))
        total = 1 + sum(sizes.get(id(child), 1) for child in children)
        sizes[id(node)] = min(total, MAX_NODES + 1)
        if total > MAX_NODES:
            line = node.start_mark.line + 1
            raise _at(line, f"its aliases (*name) repeat its content past {MAX_NODES:,} values; write the"
                            " values out, or use fewer aliases", file)


def _worded(error: yaml.YAMLError, file: str | None) -> InputError:
    """A YAML syntax error in the words of the person who typed the file."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = str(getattr(error, "problem", "") or error)
    if "'\\t'" in problem or "\\t" in problem:
        message = "a tab is used to indent; YAML needs spaces (use two spaces per level)"
    elif "'@'" in problem or "'`'" in problem:
        message = 'text starting with @ or ` must be in quotes, e.g. "@maria"'
    elif "mapping values are not allowed" in problem:
        message = ('a colon followed by a space inside the text; put the whole text in quotes,'
                   ' e.g. note: "Step 1: agree the scope"')
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        message = "the indentation does not line up with the lines above it (check the spaces, and quotes around text)"
    else:
        message = f"this is not valid YAML ({problem.strip()})"
    return _at(line, message, file)


def parse_yaml(text: str, *, file: str | os.PathLike[str] | None = None,
               same_key: Callable[[Any], Any] | None = None, kit_file: bool = False) -> Any:
    """``text`` read as the kit's YAML; ``InputError`` naming ``file`` and the line when it can't be.

    An empty file, or one with only comments, is refused: it holds nothing to read. ``same_key``
    says when two keys of a mapping are the same key (``fold``: 'Ana' and 'ana'); by default,
    when they are equal. ``kit_file``: one of the kit's own files, read through libyaml when it can.
    """
    name = str(file) if file is not None else None
    if kit_file and _FastLoader is not None:
        try:
            data = _read(_FastLoader, text, name, same_key)
        except (yaml.YAMLError, UnicodeError):
            pass  # read again by the careful reader, which words the error
        else:
            return _refuse_empty(data, name)
    try:
        data = _read(_Loader, text, name, same_key)
    except yaml.reader.ReaderError as error:  # a character YAML refuses anywhere, found before parsing
        line = text.count("\n", 0, max(error.position, 0)) + 1
        character = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
        raise _at(line, f"holds a control character (U+{character:04X}) that YAML does not allow; delete it"
                        " (it often comes with text pasted from another program)", name) from None
    except yaml.YAMLError as error:
        raise _worded(error, name) from None
    return _refuse_empty(data, name)


def _read(kind: type[Any], text: str, name: str | None, same_key: Callable[[Any], Any] | None) -> Any:
    """The one document of ``text`` read by a loader of ``kind``; PyYAML's own errors pass through."""
    loader = kind(text)
    loader.file = name
    if same_key is not None:
        loader.same_key = same_key
    try:
        if not loader.check_data():
            return None
        data = loader.get_data()
        if loader.check_data():
            raise InputError("holds more than one YAML document (a line with only --- starts another)", file=name)
        return data
    finally:
        loader.dispose()


def _refuse_empty(data: Any, name: str | None) -> Any:
    if data is None:
        raise InputError("is empty (or holds only comments): there is nothing to read", file=name)
    return data


def load_yaml(path: str | os.PathLike[str], *, same_key: Callable[[Any], Any] | None = None) -> Any:
    """The YAML file at ``path``, read as :func:`parse_yaml` reads text (UTF-8, a BOM allowed)."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("file not found", file=source) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a YAML file", file=source) from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text; save it as UTF-8 and try again", file=source) from None
    return parse_yaml(text, file=source, same_key=same_key)
