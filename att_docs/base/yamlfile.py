"""Load a YAML file, validate it against a schema, and keep line numbers for errors.

Content, templates' data and the glossary are only read here, never written back, so
they are parsed by libyaml's C parser (ruamel.yaml's ``CParser``) and composed into plain
dicts and lists that remember the line of every key and item (:class:`LineMap`,
:class:`LineList`): a schema error from pydantic is then reported as ``file:line``.
Scalars get the types ruamel.yaml's round-trip loader gives them (YAML 1.2), dates
excepted, which stay text for the schema to check. Where att-docs writes content back
(XLIFF import, the glossary's own YAML) it uses ruamel's round-trip mode, which keeps
the chair team's comments (:mod:`att_docs.exchange.content_writer`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.cyaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

from att_docs.base.errors import ContentError
from att_docs.base.text import MAX_YAML_BYTES, describe, forbidden_character, read_input

__all__ = ["LineList", "LineMap", "Loaded", "line_of", "load_yaml", "validate"]

M = TypeVar("M", bound=BaseModel)


class Loaded:
    """Raw YAML data of one file with the means to find the line of any value in it."""

    def __init__(self, path: Path, data: Any):
        self.path = path
        self.data = data

    def line(self, *keys: str | int) -> int:
        return line_of(self.data, keys)

    def error(self, message: str, *keys: str | int) -> ContentError:
        return ContentError(message, self.path, self.line(*keys))


MAX_DEPTH = 24  # content nests four or five levels; deeper is a mistake or an attack

_STR, _TIMESTAMP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


class LineMap(dict[Any, Any]):
    """A mapping as read, with the 1-based line of each key (``lines``)."""

    __slots__ = ("lines",)

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[Any, int] = {}


class LineList(list[Any]):
    """A sequence as read, with the 1-based line of each item (``lines``)."""

    __slots__ = ("lines",)

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[int] = []


class _Refused(MarkedYAMLError):
    """Well-formed YAML that content may not hold; ``malformed`` for what YAML itself
    forbids (a duplicate key, a second document)."""

    def __init__(self, problem: str, mark: Any, malformed: bool = False):
        super().__init__(problem=problem, problem_mark=mark)
        self.malformed = malformed


class _Parser(CParser, RoundTripConstructor, VersionedResolver):  # type: ignore[misc]
    """libyaml's parser (C) with ruamel's YAML 1.2 resolver and round-trip scalar types."""

    def __init__(self, text: str):
        CParser.__init__(self, text)
        self._parser = self._composer = self
        RoundTripConstructor.__init__(self, loader=self)
        VersionedResolver.__init__(self, loadumper=self)


def _parse(text: str) -> Any:
    """The one document in ``text`` as :class:`LineMap`, :class:`LineList` and scalars."""
    return _Composer(_Parser(text)).document()


class _Composer:
    """Plain data only: no anchors or aliases (no alias bombs), no tags, no merge keys,
    no duplicate keys, bounded depth."""

    def __init__(self, parser: Any):
        self.parser = parser
        self.depth = 0

    def document(self) -> Any:
        parser = self.parser
        parser.get_event()  # StreamStartEvent
        if parser.check_event(StreamEndEvent):
            return None
        start = parser.get_event()
        if not isinstance(start, DocumentStartEvent):  # pragma: no cover - libyaml's order
            raise _Refused("expected a document", start.start_mark)
        data = self.node()
        parser.get_event()  # DocumentEndEvent
        if not parser.check_event(StreamEndEvent):
            event = parser.get_event()
            raise _Refused("expected a single document in the stream, but found another "
                           "document", event.start_mark, malformed=True)
        return data

    def node(self) -> Any:
        event = self.parser.get_event()
        if isinstance(event, AliasEvent) or event.anchor:
            raise _Refused("anchors and aliases (&name, *name) are not allowed in content "
                           "files; write the value out", event.start_mark)
        tag = event.tag
        if tag is not None and str(tag) not in ("!", ""):
            raise _Refused(f"YAML tags ({tag}) are not allowed in content files",
                           event.start_mark)
        if isinstance(event, ScalarEvent):
            return self.scalar(event)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            if isinstance(event, SequenceStartEvent):
                return self.sequence()
            if isinstance(event, MappingStartEvent):
                return self.mapping()
            raise _Refused("unexpected YAML event", event.start_mark)  # pragma: no cover
        finally:
            self.depth -= 1

    def scalar(self, event: Any) -> Any:
        value = event.value
        tag = str(self.parser.resolve(ScalarNode, value, event.implicit))
        if tag in (_STR, _TIMESTAMP):  # dates stay text: the schema checks them
            return value
        if tag == _MERGE:
            raise _Refused("merge keys (<<) are not allowed in content files; write the "
                           "keys out", event.start_mark)
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        make = self.parser.yaml_constructors.get(tag)
        if make is None:
            raise _Refused(f"could not read the value {value!r} ({tag})", event.start_mark)
        return make(self.parser, node)

    def sequence(self) -> LineList:
        parser = self.parser
        items = LineList()
        while not parser.check_event(SequenceEndEvent):
            items.lines.append(parser.peek_event().start_mark.line + 1)
            items.append(self.node())
        parser.get_event()
        return items

    def mapping(self) -> LineMap:
        parser = self.parser
        data = LineMap()
        while not parser.check_event(MappingEndEvent):
            mark = parser.peek_event().start_mark
            if not parser.check_event(ScalarEvent):
                raise _Refused("a key must be plain text, not a list or mapping", mark)
            key = self.node()
            if key in data:
                raise _Refused(f"found duplicate key {key!r} (first on line "
                               f"{data.lines[key]})", mark, malformed=True)
            data.lines[key] = mark.line + 1
            data[key] = self.node()
        parser.get_event()
        return data


def load_yaml(path: Path) -> Loaded:
    """Parse ``path``; malformed or refused YAML raises :class:`ContentError` with its line.

    Files are limited in size and characters (:mod:`att_docs.base.text`); anchors,
    aliases, tags, merge keys, duplicate keys and deep nesting are refused; dates are left
    as text for the schema.
    """
    text = read_input(path, MAX_YAML_BYTES)
    try:
        data = _parse(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if not isinstance(exc, _Refused) or exc.malformed:
            problem = f"malformed YAML: {problem}"
        # libyaml marks a problem at the end of the text on the line after the last
        lines = len(text.splitlines()) or 1
        raise ContentError(str(problem).splitlines()[0], path,
                           min(mark.line + 1, lines) if mark else None) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        raise ContentError(f"malformed YAML: {str(exc).splitlines()[0] if str(exc) else exc!r}",
                           path) from None
    _check_strings(data, path, ())
    return Loaded(path, data)


def _check_strings(node: Any, path: Path, keys: tuple[str | int, ...], root: Any = None) -> None:
    """Escapes (``"\\x07"``, ``"\\ud800"``) can produce what the raw text may not hold."""
    root = node if root is None else root
    items: Any = (node.items() if isinstance(node, dict)
                  else enumerate(node) if isinstance(node, list) else ())
    for key, value in items:
        for part in (key, value):
            if isinstance(part, str):
                match = forbidden_character(part)
                if match:
                    raise ContentError(f"character {describe(match[0])} is not allowed in a "
                                       "paper; delete it", path, line_of(root, (*keys, key)))
        if isinstance(value, dict | list):
            _check_strings(value, path, (*keys, key), root)


def line_of(data: Any, keys: tuple[str | int, ...] | list[str | int]) -> int:
    """1-based line of the value reached by ``keys``, or of its deepest existing parent."""
    line = 1
    node = data
    for key in keys:
        if (isinstance(node, LineMap) and key in node) or (
                isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node)):
            line = node.lines[key]  # type: ignore[index]
            node = node[key]
        elif isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def validate(loaded: Loaded, schema: type[M], what: str, at: tuple[str | int, ...] = ()) -> M:
    """Validate the value at ``at`` (default: the whole file) against ``schema``.

    The first error is raised as a :class:`ContentError` naming the file and line.
    """
    data = loaded.data
    for key in at:
        data = data[key]
    if not isinstance(data, dict):
        raise ContentError(f"{what} must be a mapping of keys to values", loaded.path,
                           loaded.line(*at))
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        # a misspelt key is both unknown and missing: name the unknown one, it is the typo
        err = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
        loc = [k for k in err["loc"] if isinstance(k, str | int)]
        raise ContentError(_describe(err, loc, schema, what), loaded.path,
                           loaded.line(*at, *loc)) from None


def _describe(err: dict[str, Any], loc: list[str | int], schema: type[BaseModel],
              what: str) -> str:
    key = ".".join(str(k) for k in loc) or what
    kind = err["type"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(schema, loc[:-1])
        hint = f" (expected one of: {', '.join(allowed)})" if allowed else ""
        return f"unknown key {loc[-1]!r} in {what}{hint}"
    if kind == "missing":
        return f"missing key {key!r} in {what}"
    return f"bad value for {key!r} in {what}: {err['msg']}"


def _allowed_keys(schema: type[BaseModel], loc: list[str | int]) -> list[str]:
    model: Any = schema
    for key in loc:
        if isinstance(key, int):
            continue
        field = getattr(model, "model_fields", {}).get(key)
        if field is None:
            return []
        model = _model_in(field.annotation)
        if model is None:
            return []
    return list(getattr(model, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``list[Model]``, ``dict[str, Model]`` or ``Model``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
