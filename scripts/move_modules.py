"""Move modules of att_docs with ``git mv`` and rewrite every reference to them.

    .venv/bin/python scripts/move_modules.py OLD=NEW [OLD=NEW ...]
    .venv/bin/python scripts/move_modules.py --rewrite-only --table scripts/module_moves.txt

OLD and NEW are paths from the repository root, files or folders. Rewritten in every
tracked text file: dotted names (``att_docs.a.b``, in imports, mock targets and docs),
paths (``att_docs/a/b.py``) and ``from att_docs.a import b`` where ``att_docs.a.b`` moved.
``--rewrite-only`` moves nothing: it brings files written against the old paths (another
branch, once merged) up to date.
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINARY = {".docx", ".pdf", ".png", ".ttf", ".otf", ".xlsx", ".zip", ".odt", ".gz"}


def dotted(path: str) -> str:
    """``att_docs/a/b.py`` → ``att_docs.a.b``; a package's ``__init__`` is the package."""
    name = path[:-3] if path.endswith(".py") else path.rstrip("/")
    return name.removesuffix("/__init__").replace("/", ".")


def move(old: str, new: str) -> None:
    """``git mv`` OLD to NEW, making NEW's package (with an empty ``__init__``) if needed."""
    parent = ROOT / new.rstrip("/")
    parent = parent.parent
    parent.mkdir(parents=True, exist_ok=True)
    if parent.name != "att_docs" and not (parent / "__init__.py").exists():
        (parent / "__init__.py").write_text("")
        subprocess.check_call(["git", "add", str(parent / "__init__.py")], cwd=ROOT)
    subprocess.check_call(["git", "mv", old, new], cwd=ROOT)


def _alternatives(names: dict[str, str]) -> str:
    """A regex alternation of ``names``, longest first (a package after its modules)."""
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def rewrite(pairs: list[tuple[str, str]]) -> int:
    """Rewrite the references to OLD in every tracked text file; the number changed."""
    mods = {dotted(old): dotted(new) for old, new in pairs}
    paths = {old.rstrip("/"): new.rstrip("/") for old, new in pairs}
    dot_re = re.compile(rf"(?<![\w.])({_alternatives(mods)})(?!\w)")
    path_re = re.compile(rf"(?<![\w/])({_alternatives(paths)})(?!\w)")
    from_re = re.compile(r"^(\s*)from (att_docs(?:\.\w+)*) import (\w+)(\s*(?:#.*)?)$", re.M)

    def from_import(match: re.Match[str]) -> str:
        target = mods.get(f"{match[2]}.{match[3]}")
        if target is None:
            return match[0]
        parent, name = target.rsplit(".", 1)
        alias = "" if name == match[3] else f" as {match[3]}"
        return f"{match[1]}from {parent} import {name}{alias}{match[4]}"

    changed = 0
    for name in subprocess.check_output(["git", "ls-files"], cwd=ROOT, text=True).split():
        path = ROOT / name
        if path.suffix in BINARY or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        new = from_re.sub(from_import, text)
        new = dot_re.sub(lambda m: mods[m[1]], new)
        new = path_re.sub(lambda m: paths[m[1]], new)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", nargs="*", metavar="OLD=NEW")
    parser.add_argument("--table", type=Path, help="a file of OLD=NEW lines (# comments)")
    parser.add_argument("--rewrite-only", action="store_true", help="move nothing")
    args = parser.parse_args()
    lines = list(args.pairs)
    if args.table:
        lines += [line.strip() for line in args.table.read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.lstrip().startswith("#")]
    pairs = [tuple(line.split("=", 1)) for line in lines]
    if not args.rewrite_only:
        for old, new in pairs:
            move(old, new)
    print(f"moved {0 if args.rewrite_only else len(pairs)}, rewrote {rewrite(pairs)} files")


if __name__ == "__main__":
    main()
