"""State kept between runs, read through one hardened loader: records and caches.

* **Records** are YAML that att-docs writes and the team commits with the paper (the
  translation records, ``<paper>/.translations/<lang>.yaml``). They are the team's data:
  one that is damaged or wrong is refused with its file and line (:func:`load_record`).
* **Caches** are JSON that att-docs writes for itself and can always compute again (the
  status cache, the build cache, the disk caches of :mod:`att_docs.base.diskcache`). Each
  file starts with a line holding the SHA-256 of its name and its data
  (:func:`cache_bytes`); one that is damaged, edited, copied from another name or of the
  wrong shape is ignored with one warning line naming it, and made again
  (:func:`load_cache`). A cache therefore never changes a result.

Both are read as regular files within a size limit (:mod:`att_docs.base.inputs`: a FIFO or
``/dev/zero`` in their place is refused, never waited on), and checked against a
schema (pydantic, strict: no value is coerced into another type). YAML is parsed by
libyaml (ruamel's C parser) into plain strings, lists and mappings: anchors and
aliases (the alias bombs that exhaust memory), tags, duplicate keys, keys that are not
text and nesting deeper than :data:`MAX_DEPTH` are refused where they start, before the
rest is read.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from att_docs.base.errors import ContentError
from att_docs.base.inputs import read_bytes

__all__ = ["MAX_CACHE_BYTES", "MAX_DEPTH", "MAX_RECORD_BYTES", "cache_bytes", "load_cache",
           "load_record", "save_cache"]

T = TypeVar("T")

MAX_RECORD_BYTES = 16_000_000
MAX_CACHE_BYTES = 64_000_000
MAX_DEPTH = 16

_MAGIC = b"att-docs cache sha256="
_HEADER = re.compile(rb"^att-docs cache sha256=([0-9a-f]{64})$")
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_WARNED: set[str] = set()


# ----------------------------------------------------------------------------- caches

def _digest(name: str, payload: bytes) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogateescape") + b"\0" + payload).hexdigest()


def cache_bytes(name: str, value: Any) -> bytes:
    """The bytes of a cache file called ``name`` holding ``value`` (JSON)."""
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return _MAGIC + _digest(name, payload).encode() + b"\n" + payload


def save_cache(path: Path, value: Any) -> None:
    """Write ``value`` as the cache ``path``, atomically; a folder that cannot be written
    is left alone (the next run computes the value again)."""
    from att_docs.base.atomic import atomic_output

    data = cache_bytes(path.name, value)
    try:
        with atomic_output(path) as tmp:
            tmp.write_bytes(data)
    except OSError:
        pass


def load_cache(path: Path, schema: Any, check: Callable[[Any], bool] | None = None,
               limit: int = MAX_CACHE_BYTES) -> Any:
    """The value of the cache ``path`` if att-docs wrote it as it is and it fits
    ``schema`` (a pydantic type, validated strictly from the JSON; or None, for plain
    JSON that ``check`` alone judges); else None.

    A missing file is simply None. Anything else that keeps the value from being used
    (not a regular file, too large, a checksum that does not match, a value of the wrong
    shape, or one ``check`` refuses) is warned about once, naming the file: the caller
    computes the value again and saves it over the bad one.
    """
    try:
        data = read_bytes(path, limit)
    except ContentError as exc:
        if exc.message != "file not found":
            _warn(path, exc.message)
        return None
    head, _, payload = data.partition(b"\n")
    match = _HEADER.match(head)
    if match is None or match[1].decode() != _digest(path.name, payload):
        _warn(path, "not a cache this version of att-docs wrote (damaged, edited, or "
                    "written by another version)")
        return None
    value = _parsed(payload, schema, path)
    if value is None:
        return None
    if check is not None and not check(value):
        _warn(path, "holds data that does not fit its inputs")
        return None
    return value


def _parsed(payload: bytes, schema: Any, path: Path) -> Any:
    """The JSON ``payload`` as ``schema`` says, or None (warned)."""
    if schema is None:
        try:
            return json.loads(payload)
        except (ValueError, RecursionError) as exc:
            _warn(path, f"holds no readable JSON ({type(exc).__name__})")
            return None
    from pydantic import ValidationError

    try:
        return _adapter(schema).validate_json(payload, strict=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(k) for k in error["loc"]) or "the value"
        _warn(path, f"holds data of the wrong shape ({where}: {error['msg']})")
        return None


_ADAPTERS: dict[Any, Any] = {}


def _adapter(schema: Any) -> Any:
    """One pydantic TypeAdapter per schema and process (building one costs milliseconds)."""
    if schema not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[schema] = TypeAdapter(schema)
    return _ADAPTERS[schema]


def _warn(path: Path, why: str) -> None:
    """One line on stderr, once per file and process."""
    key = str(path)
    if key in _WARNED:
        return
    _WARNED.add(key)
    print(f"att-docs: warning: {path}: {why}; ignored (a cache: att-docs computes it again)",
          file=sys.stderr)


# ---------------------------------------------------------------------------- records

def load_record(path: Path, schema: Any, what: str, context: dict[str, Any] | None = None,
                limit: int = MAX_RECORD_BYTES) -> Any:
    """The record ``path`` validated against ``schema`` (a pydantic model, given
    ``context``), or None if there is no such file. A record that cannot be read, is not
    plain YAML or does not fit ``schema`` is a :class:`ContentError` naming the file and
    line; ``what`` names the record in messages ("translation record")."""
    from pydantic import ValidationError

    try:
        data = read_bytes(path, limit)
    except ContentError as exc:
        if exc.message == "file not found":
            return None
        raise
    from att_docs.base.inputs import decode_utf8

    text = decode_utf8(data, path).removeprefix("\ufeff")
    value, lines = plain_yaml(text, path)
    if not isinstance(value, dict):
        raise ContentError(f"a {what} must be a mapping of keys to values", path,
                           lines.get((), 1))
    try:
        return _adapter(schema).validate_python(value, strict=True, context=context)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(k for k in error["loc"] if isinstance(k, str | int))
        line = next((lines[loc[:n]] for n in range(len(loc), -1, -1) if loc[:n] in lines), 1)
        key = ".".join(str(k) for k in loc) or what
        message = (f"unknown key {loc[-1]!r}" if error["type"] == "extra_forbidden"
                   else f"missing key {key!r}" if error["type"] == "missing"
                   else f"bad value for {key!r}: {error['msg']}")
        raise ContentError(message, path, line) from None


Lines = dict[tuple[str | int, ...], int]


def plain_yaml(text: str, path: Path) -> tuple[Any, Lines]:
    """``text`` as plain data (every scalar a string) and the line of every value by its
    keys; anything beyond plain data is a :class:`ContentError` with its line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    builder = _Builder(path)
    try:
        for event in YAML(typ="safe").parse(text):
            builder.take(event)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or exc.context or "malformed YAML").splitlines()[0]
        raise ContentError(f"malformed YAML: {problem}", path,
                           mark.line + 1 if mark else None) from None
    except YAMLError as exc:  # the reader: a character YAML does not allow
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        raise ContentError(f"malformed YAML: {str(exc).splitlines()[0]}", path, line) from None
    return builder.root, builder.lines


class _Builder:
    """Plain data from parser events, refusing what plain data does not need."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root: Any = None
        self.lines: Lines = {}
        self.stack: list[tuple[Any, tuple[str | int, ...]]] = []
        self.key: Any = None  # a mapping's key waiting for its value
        self.documents = 0

    def refuse(self, message: str, event: Any) -> None:
        mark = event.start_mark
        raise ContentError(message, self.path, mark.line + 1 if mark else None)

    def take(self, event: Any) -> None:
        from ruamel.yaml import events

        if isinstance(event, events.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.refuse("more than one YAML document (---) in the file", event)
            return
        if isinstance(event, events.AliasEvent) or getattr(event, "anchor", None):
            self.refuse("anchors and aliases (&name, *name) are not allowed here", event)
        if getattr(event, "tag", None) is not None:
            self.refuse(f"YAML tags ({event.tag}) are not allowed here", event)
        if isinstance(event, events.ScalarEvent):
            value = event.value
            unwanted = _UNWANTED.search(value)
            if unwanted:
                self.refuse(f"character U+{ord(unwanted[0]):04X} is not allowed here", event)
            self.place(value, event)
        elif isinstance(event, events.MappingStartEvent | events.SequenceStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                self.refuse(f"nested more than {MAX_DEPTH} levels deep", event)
            node: Any = {} if isinstance(event, events.MappingStartEvent) else []
            where = self.place(node, event)
            self.stack.append((node, where))
        elif isinstance(event, events.MappingEndEvent | events.SequenceEndEvent):
            self.stack.pop()

    def place(self, node: Any, event: Any) -> tuple[str | int, ...]:
        """Put ``node`` where it goes: the root, an item, a key or a key's value."""
        line = event.start_mark.line + 1 if event.start_mark else 1
        if not self.stack:
            self.root = node
            self.lines[()] = line
            return ()
        parent, where = self.stack[-1]
        if isinstance(parent, list):
            here = (*where, len(parent))
            parent.append(node)
        elif self.key is None:
            if not isinstance(node, str):
                self.refuse("a key must be plain text", event)
            if node in parent:
                self.refuse(f"duplicate key {node!r}", event)
            self.key = node
            parent[node] = None
            self.lines[(*where, node)] = line
            return (*where, node)
        else:
            here = (*where, self.key)
            parent[self.key] = node
            self.key = None
        self.lines.setdefault(here, line)
        return here
