"""Load a YAML file, validate it against a schema, and keep line numbers for errors.

ruamel.yaml (round-trip mode) keeps each key's line, so a schema error from pydantic can
be reported as ``file:line``. Round-trip mode also lets later tools (XLIFF import) write
translations back without losing the chair team's comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.scanner import RoundTripScanner

from att_docs.errors import ContentError
from att_docs.readers.text import MAX_YAML_BYTES, describe, forbidden_character, read_input

__all__ = ["Loaded", "line_of", "load_yaml", "validate"]

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


class _Scanner(RoundTripScanner):
    """Comments are dropped as they are read: content never needs them, and ruamel joins
    consecutive comment lines by repeated string concatenation, quadratic in their
    number (80,000 comment lines took 17 s; now time is linear in the file's size)."""

    def fetch_comment(self, comment: Any) -> None:
        return None


class _Composer(Composer):
    """Plain data only: no anchors or aliases (no alias bombs), no tags, bounded depth."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise _Refused("anchors and aliases (&name, *name) are not allowed in content "
                           "files; write the value out", event.start_mark)
        tag = getattr(event, "ctag", None) or getattr(event, "tag", None)
        if tag is not None and str(tag) not in ("!", ""):
            raise _Refused(f"YAML tags ({tag}) are not allowed in content files",
                           event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Constructor(RoundTripConstructor):
    """Dates stay text, so the schema checks them and a bad one gets its line."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)


class _Refused(MarkedYAMLError):
    def __init__(self, problem: str, mark: Any):
        super().__init__(problem=problem, problem_mark=mark)


def _parser() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Scanner = _Scanner
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(path: Path) -> Loaded:
    """Parse ``path``; malformed or refused YAML raises :class:`ContentError` with its line.

    Files are limited in size and characters (:mod:`att_docs.readers.text`); anchors,
    aliases, tags and deep nesting are refused; dates are left as text for the schema.
    """
    text = read_input(path, MAX_YAML_BYTES)
    try:
        data = _parser().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        if not str(problem).startswith(("anchors", "YAML tags", "nested")):
            problem = f"malformed YAML: {problem}"
        raise ContentError(str(problem).splitlines()[0], path,
                           mark.line + 1 if mark else None) from None
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
        if isinstance(node, CommentedMap) and key in node:
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
