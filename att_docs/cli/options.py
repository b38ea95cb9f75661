"""Options shared by several commands, so they read and resolve the same way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

__all__ = ["glossary_option", "templates_option"]


def templates_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--templates DIR``: the templates folder (att_docs.conference.paths.Project)."""
    return click.option(
        "--templates", type=click.Path(path_type=Path, file_okay=False),
        help="Templates folder (default: templates/ here, else the templates att-docs "
             "comes with).")(func)


def glossary_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--glossary FILE``: the term base of the checks (att_docs.conference.paths.Project)."""
    return click.option(
        "--glossary", "glossary_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Term base for the checks: .yaml, .csv or .tbx (default: glossary/att.yaml "
             "here, else the glossary att-docs comes with).")(func)
