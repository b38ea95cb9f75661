"""Every command that writes, with hostile ids and planted links: nothing lands outside
the folder it belongs to, no link is followed, and a refusal is one located line.

The workspace holds content/csp9, templates/, glossary/ and build/ (the working folder of
the commands), and beside them ``outside/``, a folder no command may touch: its tree is
compared before and after every case.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT
from fuzzlib import cli, tree
from lxml import etree
from worddrafts import python_docx_draft

PAPER = "wgtu-report"


class Space:
    """The working folder of one case."""

    def __init__(self, root: Path):
        self.root = root
        self.conference = root / "content" / "csp9"
        self.paper = self.conference / PAPER
        self.outside = root / "outside"
        shutil.copytree(CONTENT, self.conference)
        shutil.copytree(ROOT / "templates", root / "templates")
        shutil.copytree(ROOT / "glossary", root / "glossary")
        (self.outside / "target").mkdir(parents=True)
        (self.outside / "sentinel.txt").write_text("untouched\n", encoding="utf-8")

    def run(self, *args: str | Path):
        return cli(*args, cwd=self.root)

    def link(self, at: Path, to: Path) -> None:
        if at.is_dir() and not at.is_symlink():
            shutil.rmtree(at)
        at.parent.mkdir(parents=True, exist_ok=True)
        at.symlink_to(to)

    def outside_tree(self) -> dict[str, tuple[str, int, int]]:
        """Content, inode and time of everything outside: a file replaced by an equal one
        counts as written."""
        return {rel: (digest, (info := os.lstat(self.outside / rel)).st_ino,
                      info.st_mtime_ns)
                for rel, digest in tree(self.outside).items()}


@pytest.fixture
def space(tmp_path: Path) -> Space:
    return Space(tmp_path / "ws")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A new draft, and the paper's Chinese DOCX with one paragraph changed."""
    folder = tmp_path_factory.mktemp("drafts")
    conference = folder / "csp9"
    shutil.copytree(CONTENT, conference)
    zh = conference / PAPER / "zh.md"
    zh.write_text(zh.read_text(encoding="utf-8").replace("{#purpose}", "{#purpose} 改：", 1),
                  encoding="utf-8")
    built = folder / "built"
    result = cli("build", conference, "-o", built, "-f", "docx", "-l", "zh", "-q", "-j", "1",
                 "--templates", ROOT / "templates")
    assert result.exit_code == 0, result.stderr
    draft = python_docx_draft(folder / "draft.docx", typed=False)
    return {"draft": draft, "zh": next(built.glob("*_763_*.zh.docx"))}


@pytest.fixture(scope="module")
def xliff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The paper's Chinese XLIFF with the title and a paragraph changed."""
    folder = tmp_path_factory.mktemp("xliff")
    result = cli("xliff", "export", CONTENT / PAPER, "-t", "zh", "-o", folder,
                 "--templates", ROOT / "templates")
    assert result.exit_code == 0, result.stderr
    path = next(folder.glob("*.xlf"))
    doc = etree.parse(str(path))
    for unit in doc.iter("{*}trans-unit"):
        if unit.get("id") in ("title", "purpose"):
            target = unit.find("{*}target")
            target.text = "改：" + (target.text or "")
    doc.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def _refused_or_inside(result) -> None:
    """Nothing outside changed; a refusal is one line, no traceback, no internal error
    (``xliff import`` adds the summary of what it imported and refused)."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, \
        result.stderr
    assert result.exit_code in (0, 1, 2, 4), (result.exit_code, result.stderr)
    if result.exit_code in (1, 4):
        lines = [line for line in result.stderr.strip().splitlines()
                 if not line.startswith("xliff import of ")]
        assert len(lines) == 1, result.stderr


HOSTILE_IDS = ["../../outside/x", "../outside", "ABSOLUTE", ".hidden",
               "backup~", "a/b", "..", ".", "-leading-hyphen", "UPPER", "x" * 101,
               "a\\b", "tab\there", "space here", "é"]


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_new_refuses_hostile_ids(bad: str, space: Space) -> None:
    bad = bad.replace("ABSOLUTE", str(space.outside / "absolute"))
    before, content = space.outside_tree(), tree(space.conference)
    result = space.run("new", "chair-report", "--conference", space.conference, "--id", bad)
    assert result.exit_code == 1, result.stderr
    assert "--id" in result.stderr and "Traceback" not in result.stderr
    assert space.outside_tree() == before and tree(space.conference) == content


@pytest.mark.parametrize("bad", HOSTILE_IDS[:8])
def test_import_refuses_hostile_ids(bad: str, space: Space, drafts: dict[str, Path]) -> None:
    bad = bad.replace("ABSOLUTE", str(space.outside / "absolute"))
    before, content = space.outside_tree(), tree(space.conference)
    result = space.run("import", drafts["draft"], "--conference", space.conference,
                       "--id", bad)
    assert result.exit_code == 1, result.stderr
    assert "--id" in result.stderr
    assert space.outside_tree() == before and tree(space.conference) == content
    assert not list(space.root.glob(".att-docs-import-*"))  # no scratch beside the content


NEW_CONFERENCE = ("--opening", "2024-08-26", "--closing", "2024-08-30", "--from", "csp9")


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_new_conference_refuses_hostile_names(bad: str, space: Space) -> None:
    bad = bad.replace("ABSOLUTE", str(space.outside / "absolute"))
    content = space.root / "content"
    before, inside = space.outside_tree(), tree(content)
    result = space.run("new-conference", *NEW_CONFERENCE, "--content", content, "--", bad)
    assert result.exit_code == 1, result.stderr
    assert "NAME" in result.stderr and "Traceback" not in result.stderr
    assert space.outside_tree() == before and tree(content) == inside


@pytest.fixture(scope="module")
def tmx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tkfiles import make_tmx

    return make_tmx(tmp_path_factory.mktemp("tmx") / "memory.tmx", "en", "zh",
                    [("Introduction", "导言")])


@pytest.mark.parametrize("bad", HOSTILE_IDS)
def test_tm_add_keeps_any_name_inside_its_folder(bad: str, space: Space, tmx: Path) -> None:
    """``tm add --name`` reduces any name to a plain file name in content/.tm/."""
    bad = bad.replace("ABSOLUTE", str(space.outside / "absolute"))
    content = space.root / "content"
    before, inside = space.outside_tree(), tree(content)
    result = space.run("tm", "add", tmx, "--name", bad, "--content", content)
    _refused_or_inside(result)
    assert space.outside_tree() == before
    added = {k for k in tree(content) if k not in inside}
    assert all(k == ".tm" or (k.startswith(".tm/") and k.count("/") == 1
                              and not k[4:].startswith(".")) for k in added), added
    assert sorted(p.name for p in space.root.iterdir()) == [
        "content", "glossary", "outside", "templates"]


def test_a_new_paper_is_staged_inside_its_conference(space: Space,
                                                     drafts: dict[str, Path]) -> None:
    seen: list[str] = []

    def watch(name: str) -> None:
        seen.append(" ".join(sorted(p.name for p in space.conference.iterdir())))

    import att_docs.base.journal as journal

    journal.step_hook = watch
    try:
        result = space.run("import", drafts["draft"], "--conference", space.conference,
                           "--id", "from-word")
    finally:
        journal.step_hook = None
    assert result.exit_code == 0, result.stderr
    assert seen and all(".att-docs-write" in names for names in seen[:1])
    assert sorted(p.name for p in space.root.iterdir()) == [
        "content", "glossary", "outside", "templates"]
    assert (space.conference / "from-word" / "paper.yaml").is_file()


def test_a_new_conference_is_staged_inside_its_content_folder(space: Space) -> None:
    content = space.root / "content"
    seen: list[str] = []

    def watch(name: str) -> None:
        seen.append(" ".join(sorted(p.name for p in content.iterdir())))

    import att_docs.base.journal as journal

    journal.step_hook = watch
    try:
        result = space.run("new-conference", "csp10", *NEW_CONFERENCE, "--content", content)
    finally:
        journal.step_hook = None
    assert result.exit_code == 0, result.stderr
    assert seen and ".att-docs-write" in seen[0] and "csp10" not in seen[0]
    assert sorted(p.name for p in content.iterdir()) == ["csp10", "csp9"]
    assert (content / "csp10" / "conference.yaml").is_file()


# ---------------------------------------------------------------- planted links

def _translations_link(space: Space) -> None:
    """The paper's records moved outside, and a link to them in their place."""
    records = space.outside / "target"
    shutil.rmtree(records)
    shutil.move(space.paper / ".translations", records)
    space.link(space.paper / ".translations", records)


WRITERS_THROUGH_RECORDS = {
    "translated": lambda s, d, x: ("translated", s.paper, "--lang", "zh"),
    "xliff-import": lambda s, d, x: ("xliff", "import", x, "--content", s.conference),
    "into": lambda s, d, x: ("import", d["zh"], "--into", s.paper, "--lang", "zh"),
}


@pytest.mark.parametrize("writer", ["translated", "xliff-import", "into"])
def test_a_translations_link_is_never_written_through(
        writer: str, space: Space, drafts: dict[str, Path], xliff: Path) -> None:
    _translations_link(space)
    if writer == "translated":  # make the record change: an English text changed
        en = space.paper / "en.md"
        en.write_text(en.read_text(encoding="utf-8").replace(
            "{#purpose}", "{#purpose} Changed:", 1), encoding="utf-8")
    before = space.outside_tree()
    result = space.run(*WRITERS_THROUGH_RECORDS[writer](space, drafts, xliff))
    _refused_or_inside(result)
    assert space.outside_tree() == before
    if result.exit_code:
        assert ".translations" in result.stderr and "link" in result.stderr
    assert (space.paper / ".translations").is_symlink()


@pytest.mark.parametrize("planted", [".att-docs-write", ".att-docs-write-done"])
def test_a_planted_staging_link_is_removed_not_followed(
        planted: str, space: Space, xliff: Path) -> None:
    """A link where a write keeps its staged files: removed (it is att-docs' own name),
    and what it points to is left alone."""
    space.link(space.paper / planted, space.outside / "target")
    space.link(space.conference / planted, space.outside / "target")
    (space.outside / "target" / "journal.json").write_text("{}", encoding="utf-8")
    before = space.outside_tree()
    result = space.run("xliff", "import", xliff, "--content", space.conference)
    assert result.exit_code == 0, result.stderr
    assert space.outside_tree() == before
    assert not os.path.lexists(space.paper / planted)
    assert "改：" in (space.paper / "zh.md").read_text(encoding="utf-8")


def _issued(space: Space) -> None:
    result = space.run("issue", space.paper, "--allow-drafts", "-o", space.root / "none")
    assert result.exit_code == 0, result.stderr


def _yaml_link(space: Space) -> None:
    """The paper's paper.yaml moved outside, and a link to it in its place."""
    shutil.move(space.paper / "paper.yaml", space.outside / "target" / "paper.yaml")
    space.link(space.paper / "paper.yaml", space.outside / "target" / "paper.yaml")


def _tm_file_link(space: Space) -> None:
    (space.root / "content" / ".tm").mkdir()
    space.link(space.root / "content" / ".tm" / "memory.tmx", space.outside / "sentinel.txt")


NEW_WRITERS = {  # a writer, what is planted before it runs, and its command
    "new-conference-folder": (
        lambda s: s.link(s.root / "content" / "csp10", s.outside / "target"),
        lambda s, tmx: ("new-conference", "csp10", *NEW_CONFERENCE, "--content",
                        s.root / "content")),
    "tm-add-folder": (
        lambda s: s.link(s.root / "content" / ".tm", s.outside / "target"),
        lambda s, tmx: ("tm", "add", tmx, "--content", s.root / "content")),
    "tm-add-file": (
        _tm_file_link,
        lambda s, tmx: ("tm", "add", tmx, "--content", s.root / "content")),
    "issue-folder": (
        lambda s: s.link(s.paper / ".issued", s.outside / "target"),
        lambda s, tmx: ("issue", s.paper, "--allow-drafts", "-o", s.root / "none")),
    "issue-version": (
        lambda s: s.link(s.paper / ".issued" / "Conf.Rep", s.outside / "target"),
        lambda s, tmx: ("issue", s.paper, "--allow-drafts", "-o", s.root / "none")),
    "issue-paper-file": (
        _yaml_link,
        lambda s, tmx: ("issue", s.paper, "--allow-drafts", "-o", s.root / "none")),
    "revise-paper-file": (
        lambda s: (_issued(s), _yaml_link(s)),
        lambda s, tmx: ("revise", s.paper, "--date", "2023-08-22")),
    "revise-issued": (
        lambda s: (_issued(s), s.link(s.paper / ".issued", s.outside / "target")),
        lambda s, tmx: ("revise", s.paper, "--date", "2023-08-22")),
}


@pytest.mark.parametrize("writer", list(NEW_WRITERS))
def test_new_conference_tm_add_issue_and_revise_never_write_through_a_link(
        writer: str, space: Space, tmx: Path) -> None:
    plant, command = NEW_WRITERS[writer]
    plant(space)
    before = space.outside_tree()
    result = space.run(*command(space, tmx))
    _refused_or_inside(result)
    assert result.exit_code == 1, result.stderr
    assert space.outside_tree() == before


STAGING_WRITERS = {  # a writer and the folder it stages its write in
    "issue": (lambda s: s.paper,
              lambda s: ("issue", s.paper, "--allow-drafts", "-o", s.root / "none")),
    "revise": (lambda s: (_issued(s), s.paper)[1],
               lambda s: ("revise", s.paper, "--date", "2023-08-22")),
    "new-conference": (lambda s: s.root / "content",
                       lambda s: ("new-conference", "csp10", *NEW_CONFERENCE, "--content",
                                  s.root / "content")),
}


@pytest.mark.parametrize("writer", list(STAGING_WRITERS))
@pytest.mark.parametrize("planted", [".att-docs-write", ".att-docs-write-done"])
def test_a_planted_staging_link_is_not_followed_by_the_new_writers(
        planted: str, writer: str, space: Space) -> None:
    where, command = STAGING_WRITERS[writer]
    folder = where(space)
    space.link(folder / planted, space.outside / "target")
    before = space.outside_tree()
    result = space.run(*command(space))
    assert result.exit_code == 0, result.stderr
    assert space.outside_tree() == before
    assert not os.path.lexists(folder / planted)


def test_a_forged_journal_never_leads_out(space: Space) -> None:
    """A journal naming a path outside the paper is not att-docs' own: discarded."""
    staging = space.paper / ".att-docs-write"
    (staging / "new").mkdir(parents=True)
    (staging / "new" / "0").write_text("planted\n", encoding="utf-8")
    (staging / "journal.json").write_text(
        '{"what": "x", "entries": [{"path": "../../../outside/sentinel.txt", "staged": "0",'
        ' "kind": "file", "sha256": "", "inode": [0, 0]}]}', encoding="utf-8")
    before, content = space.outside_tree(), tree(space.conference)
    result = space.run("status", space.conference, "--format", "json")
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    assert space.outside_tree() == before
    assert not staging.exists()
    content.pop(f"{PAPER}/.att-docs-write", None)
    assert {k: v for k, v in tree(space.conference).items()} == {
        k: v for k, v in content.items() if ".att-docs-write" not in k}


def test_a_linked_paper_folder_is_not_replaced_by_a_reimport(
        space: Space, drafts: dict[str, Path]) -> None:
    real = space.outside / "target" / "paper"
    shutil.move(space.paper, real)
    space.link(space.paper, real)
    before = space.outside_tree()
    result = space.run("import", drafts["draft"], "--conference", space.conference,
                       "--id", PAPER)
    assert result.exit_code == 1 and "is a link" in result.stderr, result.stderr
    assert space.outside_tree() == before and space.paper.is_symlink()


def test_a_file_link_leading_out_of_the_paper_is_refused(space: Space, xliff: Path) -> None:
    shutil.move(space.paper / "zh.md", space.outside / "target" / "zh.md")
    space.link(space.paper / "zh.md", space.outside / "target" / "zh.md")
    before = space.outside_tree()
    result = space.run("xliff", "import", xliff, "--content", space.conference)
    assert result.exit_code == 1 and "zh.md" in result.stderr, result.stderr
    assert space.outside_tree() == before


# ---------------------------------------------------------------- outputs

def test_build_and_review_refuse_a_planted_build_link(space: Space) -> None:
    space.link(space.root / "build" / "csp9", space.outside / "target")
    before = space.outside_tree()
    for args in (("build", "-f", "docx", "-q", "-j", "1"), ("review", space.paper, "--lang", "zh")):
        result = space.run(*args)
        assert result.exit_code == 4, (args, result.stderr)
        assert "build/csp9" in result.stderr and "link" in result.stderr
    assert space.outside_tree() == before


def test_review_never_writes_through_a_link_inside_the_set(space: Space) -> None:
    assert space.run("build", "-f", "docx", "-q", "-j", "1").exit_code == 0
    live = space.root / "build" / os.readlink(space.root / "build" / "csp9")
    space.link(live / "review", space.outside / "target")
    before = space.outside_tree()
    result = space.run("review", space.paper, "--lang", "zh")
    assert result.exit_code == 4 and "review" in result.stderr, result.stderr
    assert space.outside_tree() == before
    (live / "review").unlink()
    result = space.run("review", space.paper, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert list((space.root / "build" / "csp9" / "review").glob("*.review.docx"))


@pytest.mark.parametrize("command", [
    ("xliff", "export", "content/csp9/wgtu-report", "-o", "content/csp9/wgtu-report"),
    ("xliff", "export", "content/csp9", "-o", "content/csp9/new-folder"),
    ("review", "content/csp9/wgtu-report", "--lang", "zh", "-o",
     "content/csp9/wgtu-report/review.docx"),
    ("glossary", "export", "--format", "tbx", "-o", "content/csp9/att.tbx"),
    ("glossary", "import", "glossary/att.yaml", "-o", "content/csp9/wgtu-report/g.yaml"),
    ("glossary", "export", "--format", "csv", "-o", "templates/att.csv"),
], ids=["xliff-into-paper", "xliff-into-conference", "review-into-paper",
        "glossary-export-into-content", "glossary-import-into-paper",
        "glossary-into-templates"])
def test_outputs_never_land_in_the_input(command: tuple[str, ...], space: Space) -> None:
    before = tree(space.root / "content"), tree(space.root / "templates")
    result = space.run(*command)
    assert result.exit_code == 4, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (tree(space.root / "content"), tree(space.root / "templates")) == before


def test_an_output_link_into_the_content_is_resolved_and_refused(space: Space) -> None:
    space.link(space.root / "build" / "xliff", space.paper)
    before = tree(space.conference)
    result = space.run("xliff", "export", space.paper)
    assert result.exit_code == 4, result.stderr
    assert tree(space.conference) == before


def test_the_glossary_folder_takes_an_imported_term_base(space: Space) -> None:
    result = space.run("glossary", "export", "--format", "csv", "-o", "glossary/att.csv")
    assert result.exit_code == 0, result.stderr
    assert (space.root / "glossary" / "att.csv").is_file()


def test_build_never_writes_through_links_planted_in_the_set(space: Space) -> None:
    """Links put into the current set in place of a built file, the manifest and a
    folder: the next build replaces or carries them, and writes nothing through them."""
    assert space.run("build", "-f", "docx", "-q", "-j", "1").exit_code == 0
    live = space.root / "build" / os.readlink(space.root / "build" / "csp9")
    (space.outside / "target" / "file.txt").write_text("keep\n", encoding="utf-8")
    built = next(live.glob("*.en.docx"))
    built.unlink()
    space.link(built, space.outside / "target" / "file.txt")
    (live / "manifest.json").unlink()
    space.link(live / "manifest.json", space.outside / "target" / "file.txt")
    space.link(live / "handmade", space.outside / "target")
    en = space.conference / "mc-programme-of-work" / "en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("tasked", "asked"), encoding="utf-8")
    before = space.outside_tree()
    result = space.run("build", "-f", "docx", "-q", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert space.outside_tree() == before
    assert not (space.root / "build" / "csp9" / "manifest.json").is_symlink()
