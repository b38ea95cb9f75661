"""YAML text for the content files, in the layout the example conference uses."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

__all__ = ["dump", "scalar"]


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
