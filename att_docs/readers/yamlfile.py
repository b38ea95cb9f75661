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
from ruamel.yaml.error import MarkedYAMLError

from att_docs.errors import ContentError, read_text

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


def load_yaml(path: Path) -> Loaded:
    """Parse ``path``; malformed YAML raises :class:`ContentError` with its line."""
    text = read_text(path)
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        raise ContentError(f"malformed YAML: {problem}", path,
                           mark.line + 1 if mark else None) from None
    return Loaded(path, data)


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
