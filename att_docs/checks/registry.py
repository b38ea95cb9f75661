"""The checks, read from the rule modules' own declarations (the one list of them).

Every module of :mod:`att_docs.checks.rules` declares ``CHECK`` (its stable id), ``HELP``
(one line of ``att-docs check --help``), ``ORDER`` (its place in reports) and
``run(corpora, ctx)``. The engine, the CLI, the QA profiles and the ignore markers all
read this registry, so a new check is one new module.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import textwrap
from types import ModuleType

__all__ = ["check_ids", "help_table", "rank", "rules"]

_REQUIRED = ("CHECK", "HELP", "ORDER", "run")


@functools.cache
def rules() -> tuple[ModuleType, ...]:
    """Every rule module, in report order."""
    from att_docs.checks import rules as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        missing = [name for name in _REQUIRED if not hasattr(module, name)]
        if missing:
            raise TypeError(f"check rule {module.__name__} lacks {', '.join(missing)}")
        found.append(module)
    found.sort(key=lambda module: (module.ORDER, module.CHECK))
    ids = [module.CHECK for module in found]
    if len(set(ids)) != len(ids):
        raise TypeError(f"two check rules share an id: {ids}")
    return tuple(found)


@functools.cache
def check_ids() -> tuple[str, ...]:
    """Every stable check id, in the order reports list them."""
    return tuple(module.CHECK for module in rules())


def rank(check: str) -> int:
    """The place of ``check`` in reports (unknown ids last)."""
    ids = check_ids()
    return ids.index(check) if check in ids else len(ids)


def help_table(width: int = 80) -> str:
    """The checks as ``att-docs check --help`` lists them: id, then help, wrapped."""
    column = max(len(check) for check in check_ids()) + 4
    lines = []
    for module in rules():
        wrapped = textwrap.wrap(module.HELP, width - column) or [""]
        lines.append(f"  {module.CHECK:<{column - 2}}{wrapped[0]}")
        lines.extend(" " * column + line for line in wrapped[1:])
    return "\n".join(lines)
