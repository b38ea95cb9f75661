"""Code acts per block type through ``document/walk.py``'s ``dispatch``, never through its
own ladder of ``isinstance`` tests (which lets a new block type pass unseen)."""

from __future__ import annotations

import ast
from pathlib import Path

from att_docs.document import model

PACKAGE = Path(__file__).resolve().parents[2] / "att_docs"
WALK = PACKAGE / "document" / "walk.py"
BLOCK_TYPES = {name for name in dir(model)
               if isinstance(getattr(model, name), type)
               and name in {t.__name__ for t in model.Block.__args__}}  # type: ignore[attr-defined]


def _types(node: ast.expr) -> set[str]:
    """The block type names of an isinstance class argument (``A``, ``m.A``, ``A | B``,
    ``(A, B)``)."""
    if isinstance(node, ast.Name):
        return {node.id} & BLOCK_TYPES
    if isinstance(node, ast.Attribute):
        return {node.attr} & BLOCK_TYPES
    if isinstance(node, ast.BinOp):
        return _types(node.left) | _types(node.right)
    if isinstance(node, ast.Tuple):
        return set().union(*(_types(e) for e in node.elts))
    return set()


def _block_test(test: ast.expr) -> tuple[str, frozenset[str]] | None:
    """``(subject, block types)`` when ``test`` is ``isinstance(subject, <block types>)``
    (or its negation)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test = test.operand
    if (isinstance(test, ast.Call) and isinstance(test.func, ast.Name)
            and test.func.id == "isinstance" and len(test.args) == 2):
        types = _types(test.args[1])
        if types:
            return ast.unparse(test.args[0]), frozenset(types)
    return None


def _chains(body: list[ast.stmt]) -> list[list[ast.If]]:
    """The if/elif chains and runs of sibling ``if`` statements of one statement list."""
    chains, run = [], []
    for stmt in body:
        if isinstance(stmt, ast.If):
            chain = [stmt]
            while len(chain[-1].orelse) == 1 and isinstance(chain[-1].orelse[0], ast.If):
                chain.append(chain[-1].orelse[0])
            chains.append(chain)
            run.append(stmt)
        else:
            if len(run) > 1:
                chains.append(run)
            run = []
    if len(run) > 1:
        chains.append(run)
    return chains


def ladders(source: str) -> list[int]:
    """Lines where a chain tests one subject against two or more block types."""
    found = []
    for node in ast.walk(ast.parse(source)):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list) or not body or not isinstance(body[0], ast.stmt):
                continue
            if field == "orelse" and isinstance(node, ast.If) and len(body) == 1 \
                    and isinstance(body[0], ast.If):
                continue  # an elif: part of its chain, seen from the chain's first if
            for chain in _chains(body):
                subjects: dict[str, set[frozenset[str]]] = {}
                for branch in chain:
                    tested = _block_test(branch.test)
                    if tested:
                        subjects.setdefault(tested[0], set()).add(tested[1])
                if any(len(kinds) > 1 for kinds in subjects.values()):
                    found.append(chain[0].lineno)
    return sorted(set(found))


def test_the_detector_finds_a_ladder_and_passes_one_test():
    ladder = ("def f(block):\n"
              "    if isinstance(block, Heading):\n        return 1\n"
              "    elif isinstance(block, m.Paragraph):\n        return 2\n")
    siblings = ("def f(block):\n"
                "    if isinstance(block, Table):\n        return 1\n"
                "    if isinstance(block, DecisionList | PageBreak):\n        return 2\n")
    one = "def f(block):\n    if isinstance(block, Table):\n        return 1\n    return 2\n"
    assert ladders(ladder) == [2] and ladders(siblings) == [2] and ladders(one) == []


def test_no_isinstance_ladder_over_block_types_outside_the_walk():
    offenders = [f"{path.relative_to(PACKAGE.parent)}:{line}"
                 for path in sorted(PACKAGE.rglob("*.py")) if path != WALK
                 for line in ladders(path.read_text(encoding="utf-8"))]
    assert offenders == [], "dispatch through document/walk.py instead: " + ", ".join(offenders)
