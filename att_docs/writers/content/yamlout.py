"""YAML text for the content files, in the layout the example conference uses."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

__all__ = ["dump", "plain_dump", "scalar"]


def scalar(text: str) -> str:
    """Multi-line texts as ``|`` blocks (ending with a newline), others as they are."""
    return LiteralScalarString(text.rstrip("\n") + "\n") if "\n" in text else text


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def dump(data: Any, comment: str = "") -> str:
    buffer = io.StringIO()
    if comment:
        buffer.write("".join(f"# {line}\n" for line in comment.splitlines()))
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def plain_dump(data: Any, *, width: int = 80, flow: bool | None = False) -> str:
    """Plain data (dicts, lists, strings, numbers, dates) as block-style YAML: no tags, no
    anchors (a value met twice is written twice), keys in their order, Unicode as it is,
    lines up to ``width``; ``flow=None`` writes innermost lists and mappings as ``[a, b]``.
    """
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = flow
    yaml.allow_unicode = True
    yaml.width = width
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    yaml.representer.ignore_aliases = lambda data: True  # type: ignore[method-assign]
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
