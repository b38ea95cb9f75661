"""att_docs' packages form layers that import downwards only, with no cycle between them.

docs/architecture.md describes these layers; this test is what holds them. Imports inside
functions and under TYPE_CHECKING count like any other (grimp sees them all).
"""

from __future__ import annotations

from pathlib import Path

import grimp
from grimp import Layer

PACKAGE = Path(__file__).resolve().parents[2] / "att_docs"

LAYERS: tuple[Layer, ...] = (
    Layer("cli"),
    Layer("publish", "exchange", "scaffold"),  # the features: none imports another
    Layer("status"),  # where a conference stands: the build's index page and gate show it
    Layer("checks"),
    Layer("readers", "writers", "glossary", "records"),  # none imports another
    Layer("document"),
    Layer("language"),
    Layer("base"),
)
"""Top to bottom: a package may import from the layers below its own, never above; the
packages of one layer do not import each other."""

TOP_LEVEL = {"__init__", "__main__"}
"""Modules of att_docs outside the layers: the version, and ``python -m att_docs``."""


def _illegal(graph: grimp.ImportGraph, package: str,
             layers: tuple[Layer, ...]) -> list[str]:
    """Each import against ``layers``, as ``importer -> imported (line)``."""
    found = graph.find_illegal_dependencies_for_layers(layers=layers, containers={package})
    out = []
    for dependency in found:
        for route in dependency.routes:
            for head in route.heads:
                for tail in route.tails:
                    chain = [head, *route.middle, tail]
                    out.append(" -> ".join(chain))
    return sorted(out)


def _package_cycles(graph: grimp.ImportGraph, package: str) -> list[tuple[str, str]]:
    """Pairs of subpackages of ``package`` that each reach the other through imports."""
    children = sorted(graph.find_children(package))
    edges: dict[str, set[str]] = {c: set() for c in children}
    for child in children:
        for module in {child, *graph.find_descendants(child)}:
            for imported in graph.find_modules_directly_imported_by(module):
                target = ".".join(imported.split(".")[:2])
                if target in edges and target != child:
                    edges[child].add(target)

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in edges[todo.pop()] - seen:
                seen.add(nxt)
                todo.append(nxt)
        return seen

    reached = {c: reach(c) for c in children}
    return sorted((a, b) for a in children for b in reached[a] if a < b and a in reached[b])


def test_every_package_of_att_docs_sits_in_a_layer():
    declared = {name for layer in LAYERS for name in layer.module_tails}
    present = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
               if (p.is_dir() and (p / "__init__.py").exists()) or p.suffix == ".py"}
    assert present - TOP_LEVEL == declared


def test_no_package_imports_a_layer_above_its_own_or_a_sibling():
    assert _illegal(grimp.build_graph("att_docs", cache_dir=None), "att_docs", LAYERS) == []


def test_no_cycle_between_the_packages_of_att_docs():
    assert _package_cycles(grimp.build_graph("att_docs", cache_dir=None), "att_docs") == []


def _package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_the_layer_check_sees_an_import_inside_a_function_and_between_siblings(
        tmp_path, monkeypatch):
    _package(tmp_path, {
        "stack/__init__.py": "",
        "stack/low/__init__.py": "",
        "stack/low/a.py": "def f():\n    from stack.top import b\n",
        "stack/mid/__init__.py": "",
        "stack/mid/x.py": "from stack.low import a\n",
        "stack/side/__init__.py": "",
        "stack/side/y.py": "from stack.mid import x\n",
        "stack/top/__init__.py": "",
        "stack/top/b.py": "from stack.mid import x\n",
    })
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("stack", cache_dir=None)
    layers = (Layer("top"), Layer("mid", "side"), Layer("low"))
    assert _illegal(graph, "stack", layers) == [
        "stack.low.a -> stack.top.b",
        "stack.side.y -> stack.mid.x",
    ]
    assert _package_cycles(graph, "stack") == [("stack.low", "stack.mid"),
                                               ("stack.low", "stack.top"),
                                               ("stack.mid", "stack.top")]
