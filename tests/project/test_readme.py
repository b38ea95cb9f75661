"""The README works as written: it stays short, every command and option it writes exists,
and each of its command blocks runs, in order, on a scratch copy of the example."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import CONTENT, ROOT

from att_docs.cli.main import main as cli

README = ROOT / "README.md"
MAX_LINES = 150
PROGRAM = "./att-docs"
NEVER_RUN = {"watch"}  # waits for saves until stopped
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
SPAN = re.compile(r"`([^`]+)`")


def readme() -> str:
    return README.read_text(encoding="utf-8")


def blocks() -> list[list[str]]:
    """The fenced blocks that run att-docs, each as its lines (comments after `#` cut)."""
    found = []
    for body in FENCE.findall(readme()):
        lines = [line.split("  #")[0].strip() for line in body.splitlines()]
        if any(line.startswith(PROGRAM + " ") for line in lines):
            found.append([line for line in lines if line])
    return found


def written_commands() -> list[str]:
    """Every att-docs command line the README writes, in blocks and in `code` spans (a
    table's escaped ``\\|`` read as ``|``), but those that only ask for help."""
    fenced = [line for block in blocks() for line in block]
    prose = FENCE.sub("", readme()).splitlines()
    spans = [span.replace("\\|", "|") for line in prose for span in SPAN.findall(line)]
    return [line for line in fenced + spans
            if line.startswith(PROGRAM + " ") and "--help" not in shlex.split(line)]


def resolve(words: list[str]) -> tuple[list[str], click.Command, list[str]]:
    """(the command's path, the command, the words after it) for ``att-docs WORDS``."""
    path: list[str] = []
    command: click.Command = cli
    while isinstance(command, click.Group) and words and not words[0].startswith("-"):
        name = words[0]
        sub = command.commands.get(name)
        assert sub is not None and not sub.hidden, \
            f"{' '.join(['att-docs', *path])} has no command {name!r}"
        help_text = CliRunner().invoke(cli, [*path, "--help"]).output
        assert re.search(rf"^\s+{re.escape(name)}\s", help_text, re.M), \
            f"{name!r} is not listed in att-docs {' '.join(path)} --help"
        path, command, words = [*path, name], sub, words[1:]
    assert not isinstance(command, click.Group), f"att-docs {' '.join(path)} needs a command"
    return path, command, words


def options_of(command: click.Command) -> dict[str, click.Parameter]:
    return {opt: param for param in command.params if isinstance(param, click.Option)
            for opt in (*param.opts, *param.secondary_opts)}


def option_words(words: list[str]) -> list[tuple[str, str | None]]:
    """(option, the word after it) for every option written, brackets taken off."""
    plain = [word.strip("[]") for word in words]
    return [(word.split("=")[0], plain[i + 1] if i + 1 < len(plain) else None)
            for i, word in enumerate(plain) if word.startswith("-") and word != "-"]


@pytest.mark.parametrize("line", written_commands())
def test_every_command_and_option_exists(line):
    path, command, rest = resolve(shlex.split(line)[1:])
    declared = options_of(command)
    help_text = CliRunner().invoke(cli, [*path, "--help"], terminal_width=200).output
    for option, value in option_words(rest):
        if option in ("-h", "--help"):
            continue
        assert option in declared, f"att-docs {' '.join(path)} has no option {option}"
        assert re.search(rf"(^|[\s,/]){re.escape(option)}\b", help_text, re.M), \
            f"{option} is not in att-docs {' '.join(path)} --help"
        kind = declared[option].type
        if isinstance(kind, click.Choice) and value and not value.isupper():
            for choice in value.split("|"):
                assert choice in kind.choices, \
                    f"att-docs {' '.join(path)} {option}: {choice!r} is not one of {kind.choices}"


def test_readme_is_short():
    assert len(readme().splitlines()) < MAX_LINES


def test_every_package_setup_installs_is_listed():
    """The system tools the commands and the tests use are those scripts/setup.sh installs:
    docs/development.md lists each package, and the README links that list."""
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    packages = set(re.findall(r"\|\| need ([a-z0-9.+-]+) ", setup))
    assert len(packages) >= 12
    assert not sorted(p for p in packages if f"`{p}`" not in guide)
    assert "docs/development.md#system-tools" in readme() and "## System tools" in guide


def test_readme_writes_commands_to_run():
    """A README that lost its command blocks would pass the run test by running nothing."""
    assert len(blocks()) >= 4
    assert {resolve(shlex.split(line)[1:])[0][0] for line in written_commands()} >= {
        "build", "new", "new-conference", "import", "issue", "revise", "status", "check",
        "review", "translated", "xliff", "tm", "glossary", "watch"}


def files_a_user_brings(folder: Path) -> None:
    """What the README's commands take from the user: a Word draft, a TMX file."""
    from tkfiles import make_tmx
    from worddrafts import python_docx_draft

    python_docx_draft(folder / "draft.docx", typed=False)
    make_tmx(folder / "earlier-sessions.tmx", "en", "zh",
             [("The Working Group met twice.", "工作组举行了两次会议。")])


def workspace(tmp_path: Path) -> Path:
    """A folder laid out as a checkout: the example in content/, the templates beside it."""
    root = tmp_path / "checkout"
    shutil.copytree(CONTENT, root / "content" / CONTENT.name)
    (root / "templates").symlink_to(ROOT / "templates", target_is_directory=True)
    files_a_user_brings(root)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("block", blocks(), ids=lambda block: block[0][:40])
def test_each_block_runs_as_written(block, tmp_path):
    root = workspace(tmp_path)
    program = f"{shlex.quote(sys.executable)} -m att_docs"
    env = {**os.environ, "COLUMNS": "100"}
    for line in block:
        if not line.startswith(PROGRAM + " "):
            continue
        if shlex.split(line)[1] in NEVER_RUN:
            continue
        proc = subprocess.run(program + line[len(PROGRAM):], shell=True, cwd=root, env=env,
                              capture_output=True, text=True, timeout=600, check=False)
        assert proc.returncode == 0, f"{line}\n{proc.stdout[-1500:]}\n{proc.stderr[-1500:]}"
