"""Every module of att_docs imports on its own, and the import graph has no cycle."""

from __future__ import annotations

import subprocess
import sys

import grimp
import pytest
from conftest import CONTENT, ROOT

PACKAGE = ROOT / "att_docs"


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":
            continue  # runs the command line when imported
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_on_its_own_in_a_fresh_interpreter():
    """One interpreter per module would take a minute; one per module *in turn*, with
    ``sys.modules`` emptied of att_docs between them, tells the same thing."""
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] == 'att_docs']:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(failed))\n"
        "sys.exit(1 if failed else 0)\n")
    proc = subprocess.run([sys.executable, "-c", script, *_modules()], capture_output=True,
                          text=True, timeout=300, check=False, cwd=PACKAGE.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", ["att_docs.cli.build", "att_docs.document.model",
                                  "att_docs.checks.rules.term", "att_docs.publish.pipeline"])
def test_a_module_imports_first_in_a_new_process(name):
    proc = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True,
                          text=True, timeout=60, check=False, cwd=PACKAGE.parent)
    assert proc.returncode == 0, proc.stderr


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_the_import_graph_has_no_cycle():
    """Imports inside functions and under TYPE_CHECKING count too: a cycle is a layering
    error even where Python tolerates it."""
    assert _cycles(grimp.build_graph("att_docs")) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    pkg = tmp_path / "loopy"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from loopy import b\n")
    (pkg / "b.py").write_text("def f():\n    from loopy import a\n")
    (pkg / "c.py").write_text("from loopy import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles(grimp.build_graph("loopy", cache_dir=None)) == [["loopy.a", "loopy.b"]]


HEAVY = ("typst", "docx", "jieba", "pypinyin", "ruamel", "pydantic", "lxml", "cn2an",
         "num2words", "jinja2", "babel", "markdown_it")

COMMAND = """
import sys
from att_docs.cli.main import main
try:
    main.main(sys.argv[2:], prog_name="att-docs", standalone_mode=False)
except SystemExit:
    pass
print("IMPORTED:" + " ".join(m for m in sys.argv[1].split() if m in sys.modules),
      file=sys.stderr)
"""


def _imported(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", COMMAND, " ".join(HEAVY), *args],
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=PACKAGE.parent)
    line = next(x for x in proc.stderr.splitlines() if x.startswith("IMPORTED:"))
    return set(line.removeprefix("IMPORTED:").split())


@pytest.mark.parametrize("command", ["status", "check", "build", "watch", "glossary"])
def test_help_imports_no_heavy_module(command):
    assert _imported(command, "--help") == set()


def test_status_and_check_import_neither_writer(tmp_path):
    content = CONTENT
    for args in (("status", str(content)), ("check", str(content))):
        assert not {"typst", "docx", "jieba"} & _imported(*args), args
