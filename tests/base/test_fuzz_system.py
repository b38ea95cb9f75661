"""Fuzz: templates, XML and CSV term bases, the command line, paths and the cache, and the
process (kills, locks, unwritable folders).

Like test_fuzz_content: each case ends in a located one-line error (exit 1 naming the
file and line, or the option; exit 4 for the output folder), or in a correct output;
the inputs and the previous output are byte-for-byte unchanged unless a new set was
correctly switched in.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from fuzzlib import Workspace, assert_located_error, cli, forget_caches, prepared, tree

pytestmark = pytest.mark.slow  # fuzz loops over every command

ANNEX = "csp9/wgtu-report/annex-a"


@pytest.fixture
def base(fuzz_base: Path) -> Path:
    return fuzz_base


@pytest.fixture
def ws(base: Path, tmp_path: Path) -> Workspace:
    return prepared(base, tmp_path / "ws")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _unchanged_after(ws: Workspace, result_of, where: str, code: int = 1,
                     line: bool = True) -> None:
    before_in, before_out = ws.inputs(), ws.outputs()
    result = result_of()
    assert_located_error(result, where, code=code, line=line)
    assert ws.inputs() == before_in
    assert ws.outputs() == before_out


# --------------------------------------------------------------------- templates

TEMPLATE_CASES = [
    # (id, file under templates/, old, new, the file the error names)
    ("jinja-unclosed-if", "chair-report.md.j2", "{%", "{% if x %}{%", "chair-report.md.j2"),
    ("jinja-unknown-tag", "paper.md.j2", "{%", "{% frobnicate %}{%", "paper.md.j2"),
    ("jinja-undefined", "paper.md.j2", "{%", "{{ no_such_variable }}{%", "paper.md.j2"),
    ("jinja-undefined-attr", "annex.md.j2", "{{", "{{ part.no_such_attribute }}{{",
     "annex.md.j2"),
    ("jinja-bad-filter", "paper.md.j2", "{%", "{{ 1 | no_such_filter }}{%", "paper.md.j2"),
    ("jinja-syntax", "paper.md.j2", "{%", "{{ ( }}{%", "paper.md.j2"),
    ("jinja-include-escape", "paper.md.j2", "{%", "{% include '../../etc/passwd' %}{%",
     "paper.md.j2"),
    ("jinja-import-os", "paper.md.j2", "{%", "{{ cycler.__init__.__globals__.os }}{%",
     "paper.md.j2"),
    ("jinja-control-char", "paper.md.j2", "{%", "\x07{%", "paper.md.j2"),
    ("index-unclosed-for", "index.html.j2", "<!DOCTYPE", "{% for x in y %}<!DOCTYPE",
     "index.html.j2"),
    ("index-undefined", "index.html.j2", "<!DOCTYPE", "{{ nothing.here }}<!DOCTYPE",
     "index.html.j2"),
    ("index-syntax", "index.html.j2", "<!DOCTYPE", "{{ ) }}<!DOCTYPE", "index.html.j2"),
    ("index-python-internals", "index.html.j2", "<!DOCTYPE",
     "{{ cycler.__init__.__globals__ }}<!DOCTYPE", "index.html.j2"),
    ("po-unclosed-string", "locale/zh.po", "msgid", 'msgid "x\nmsgid', "zh.po"),
    ("po-msgstr-missing", "locale/zh.po", "msgid", 'msgid "lonely"\n\nmsgid', "zh.po"),
    ("po-garbage", "locale/zh.po", "msgid", "this is not a catalogue\nmsgid", "zh.po"),
    ("po-bad-escape", "locale/zh.po", "msgid", 'msgid "a\\qb"\nmsgstr "x"\n\nmsgid', "zh.po"),
    ("po-nul", "locale/zh.po", "msgid", 'msgid "a\x00b"\nmsgstr "x"\n\nmsgid', "zh.po"),
    ("po-bidi-override", "locale/zh.po", "msgstr", 'msgstr "\u202e', "zh.po"),
    # babel's reader took these without a word
    ("po-unquoted-msgstr", "locale/zh.po", 'msgstr "《武器贸易条约》"', "msgstr 条约", "zh.po"),
    ("po-duplicate-msgid", "locale/zh.po", 'msgid "Arms Trade Treaty"',
     'msgid "Arms Trade Treaty"\nmsgstr "条约"\n\nmsgid "Arms Trade Treaty"', "zh.po"),
    ("po-placeholder-misspelt", "locale/zh.po", '"提交人：%(body)s"', '"提交人：%(bdy)s"',
     "zh.po"),
    ("po-placeholder-dropped", "locale/zh.po", '"提交人：%(body)s"', '"提交人："', "zh.po"),
    ("po-fuzzy-entry", "locale/zh.po", 'msgid "Arms Trade Treaty"',
     '#, fuzzy\nmsgid "Arms Trade Treaty"', "zh.po"),
    ("po-unterminated-continuation", "locale/zh.po", 'msgstr "《武器贸易条约》"',
     'msgstr "《武器贸易条约》"\n"and more', "zh.po"),
    ("po-unknown-escape", "locale/zh.po", '"《武器贸易条约》"', '"《武器\\z贸易条约》"', "zh.po"),
    ("po-msgctxt-alone", "locale/zh.po", 'msgid "Arms Trade Treaty"',
     'msgctxt "orphan"\n\nmsgid "Arms Trade Treaty"', "zh.po"),
    ("frame-unknown-style", "paper.md.j2", "::: masthead", "::: mastehad", "paper.md.j2"),
    ("styles-malformed", "styles.yaml", "\n", "\n: : [\n", "styles.yaml"),
    ("styles-wrong-type", "styles.yaml", "sizes:", "sizes: 12\nold_sizes:", "styles.yaml"),
]


@pytest.mark.parametrize("case", TEMPLATE_CASES, ids=[c[0] for c in TEMPLATE_CASES])
def test_templates(case, ws: Workspace) -> None:
    _id, file, old, new, where = case
    _edit(ws.templates / file, old, new)
    needs_line = not file.startswith("styles") and "include" not in _id
    _unchanged_after(ws, ws.build, where, line=needs_line)


@pytest.mark.parametrize("name", ["styles.yaml", "paper.md.j2", "locale/zh.po",
                                  "locale/en.yaml", "index.html.j2", "chair-report.md.j2"])
def test_template_file_missing(name: str, ws: Workspace) -> None:
    (ws.templates / name).unlink()
    before_in, before_out = ws.inputs(), ws.outputs()
    result = ws.build()
    if name == "locale/zh.po":  # no catalogue: the fixed phrases stay as written
        assert result.exit_code == 1 or result.exit_code == 0, result.stderr
    else:
        assert_located_error(result, "", line=False)
        assert Path(name).name in result.stderr or "chair-report" in result.stderr
        assert ws.outputs() == before_out
    assert ws.inputs() == before_in


@pytest.mark.parametrize("variant", ["missing", "syntax", "unknown-function"])
def test_typst_layout(variant: str, ws: Workspace) -> None:
    layout = ws.templates / "paper.typ"
    if variant == "missing":
        layout.unlink()
    elif variant == "syntax":
        layout.write_text(layout.read_text("utf-8") + "\n#let broken = (\n", "utf-8")
    else:
        layout.write_text(layout.read_text("utf-8") + "\n#no-such-function()\n", "utf-8")
    before_in, before_out = ws.inputs(), ws.outputs()
    result = ws.build("-f", "pdf")
    assert_located_error(result, "paper.typ", line=variant != "missing")
    assert ws.inputs() == before_in and ws.outputs() == before_out


# ------------------------------------------------------------------- XML and CSV

ENTITY_TBX = [
    ("internal-entity", '<!DOCTYPE tbx [<!ENTITY a "x">]>', "&a;"),
    ("billion-laughs", '<!DOCTYPE tbx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;">]>', "&c;"),
    ("external-file", '<!DOCTYPE tbx [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;"),
    ("external-http", '<!DOCTYPE tbx [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>', "&e;"),
    ("parameter-entity", '<!DOCTYPE tbx [<!ENTITY % p "x"> ]>', "term"),
    ("undeclared", "", "&nothere;"),
    ("external-dtd", '<!DOCTYPE tbx SYSTEM "http://127.0.0.1:9/tbx.dtd">', "&x;"),
]
TBX_BODY = ('<tbx type="TBX-Basic" style="dca" xml:lang="en" '
            'xmlns="urn:iso:std:iso:30042:ed:3.0"><text><body><conceptEntry id="c1">'
            '<langSec xml:lang="en"><termSec><term>{term}</term></termSec></langSec>'
            '<langSec xml:lang="zh"><termSec><term>条约</term></termSec></langSec>'
            '</conceptEntry></body></text></tbx>')
MALFORMED_XML = [
    ("unclosed", TBX_BODY.format(term="x")[:-6]),
    ("wrong-root", "<html><body/></html>"),
    ("empty", ""),
    ("not-xml", "term,zh\nTreaty,条约\n"),
    ("nul", TBX_BODY.format(term="a\x00b")),
    ("control", TBX_BODY.format(term="a\x07b")),
    ("bad-encoding-decl", '<?xml version="1.0" encoding="nope"?>' + TBX_BODY.format(term="x")),
    ("deep", "<tbx>" + "<a>" * 5000 + "</a>" * 5000 + "</tbx>"),
]


@pytest.mark.parametrize("case", ENTITY_TBX + [(n, None, x) for n, x in MALFORMED_XML],
                         ids=[c[0] for c in ENTITY_TBX] + [c[0] for c in MALFORMED_XML])
def test_tbx_import(case, tmp_path: Path) -> None:
    name, doctype, body = case
    source = tmp_path / "in.tbx"
    if doctype is not None:
        source.write_text('<?xml version="1.0"?>\n' + doctype + "\n" +
                          TBX_BODY.format(term=body), encoding="utf-8")
    else:
        source.write_bytes(body.encode("utf-8"))
    target = tmp_path / "out.yaml"
    result = cli("glossary", "import", source, "-o", target)
    assert_located_error(result, "in.tbx", line=name not in ("empty",))
    assert not target.exists()
    assert "root:" not in result.stderr + result.stdout  # nothing of /etc/passwd


XLIFF = ('<?xml version="1.0"?>\n{doctype}<xliff version="1.2" '
         'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
         'target-language="zh" datatype="plaintext" original="x"><body>'
         '<trans-unit id="a"><source>{text}</source><target>条约</target></trans-unit>'
         '</body></file></xliff>')


@pytest.mark.parametrize("case", ENTITY_TBX, ids=[c[0] for c in ENTITY_TBX])
def test_xliff_check(case, tmp_path: Path) -> None:
    _name, doctype, body = case
    source = tmp_path / "in.xlf"
    source.write_text(XLIFF.format(doctype=doctype + "\n", text=body), encoding="utf-8")
    result = cli("check", source)
    assert_located_error(result, "in.xlf")
    assert "root:" not in result.stdout


CSV_CASES = [
    ("unbalanced-quote", 'en,zh\n"Treaty,条约\n'),
    ("unbalanced-quote-middle", 'en,zh\nTreaty,"条约\nState,国家\n'),
    ("empty", ""),
    ("header-only-blank", "\n\n"),
    ("nul", "en,zh\nTreaty\x00,条约\n"),
    ("latin1", None),
    ("control", "en,zh\nTreaty\x07,条约\n"),
    ("surrogate", None),
]


@pytest.mark.parametrize("case", CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_csv_import(case, tmp_path: Path) -> None:
    name, text = case
    source = tmp_path / "in.csv"
    if name == "latin1":
        source.write_bytes("en,zh\nTréaty,x\n".encode("latin-1"))
    elif name == "surrogate":
        source.write_bytes(b"en,zh\nTreaty,\xed\xa0\x80\n")
    else:
        source.write_text(text, encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = cli("glossary", "import", source, "-o", target)
    assert_located_error(result, "in.csv", line=name not in ("latin1", "surrogate"))
    assert not target.exists()


# ------------------------------------------------------------------- command line

def _cli_cases(ws: Workspace) -> dict[str, tuple[list[str | Path], str, int]]:
    c, t = ws.conference, ws.templates
    common = ["--templates", t, "-j", "1", "-q"]
    return {
        "lang-unknown": (["build", c, "-o", ws.out, "-l", "ru", *common], "ru", 1),
        "lang-path": (["build", c, "-o", ws.out, "-l", "../x", *common], "../x", 1),
        "conference-missing": (["build", ws.root / "nope", "-o", ws.out, *common], "nope", 1),
        "conference-is-file": (["build", c / "conference.yaml", "-o", ws.out, *common],
                               "conference.yaml", 1),
        "conference-no-yaml": (["build", c / "wgtu-report", "-o", ws.out, *common],
                               "wgtu-report", 1),
        "out-root": (["build", c, "-o", "/", *common], "-o", 4),
        "out-conference": (["build", c, "-o", c, *common], "-o", 4),
        "out-paper": (["build", c, "-o", c / "wgtu-report" / "out", *common], "-o", 4),
        "out-annex": (["build", c, "-o", c / "wgtu-report" / "annex-a", *common], "-o", 4),
        "out-parent": (["build", c, "-o", ws.root, *common], "-o", 4),
        "out-templates": (["build", c, "-o", t / "x", *common], "-o", 4),
        "out-file": (["build", c, "-o", c / "conference.yaml", *common], "-o", 4),
        "out-dotdot-into-content": (["build", c, "-o", ws.out / ".." / ".." / "csp9" / "x",
                                     *common], "-o", 4),
        "out-foreign-folder": (["build", c, "-o", ws.root / "foreign", *common], "foreign", 4),
        "status-bad-today": (["status", c, "--today", "2023-13-45"], "--today", 2),
        "new-id-dotdot": (["new", "chair-report", "--conference", c, "--id", "../escape",
                           "--templates", t], "--id", 1),
        "new-id-absolute": (["new", "chair-report", "--conference", c, "--id", "/tmp/x",
                             "--templates", t], "--id", 1),
        "new-id-nested": (["new", "chair-report", "--conference", c, "--id", "a/b",
                           "--templates", t], "--id", 1),
        "new-id-dot": (["new", "chair-report", "--conference", c, "--id", ".",
                        "--templates", t], "--id", 1),
        "new-id-hidden": (["new", "chair-report", "--conference", c, "--id", ".hidden",
                           "--templates", t], "--id", 1),
        "new-id-empty": (["new", "chair-report", "--conference", c, "--id", "",
                          "--templates", t], "--id", 1),
        "new-id-upper": (["new", "chair-report", "--conference", c, "--id", "Paper",
                          "--templates", t], "--id", 1),
        "new-id-existing": (["new", "chair-report", "--conference", c, "--id", "wgtu-report",
                             "--templates", t], "wgtu-report", 1),
        "new-type-dotdot": (["new", "../paper", "--conference", c, "--templates", t],
                            "templates", 1),
        "glossary-missing": (["glossary", "import", ws.root / "none.tbx"], "none.tbx", 1),
        "glossary-folder": (["glossary", "import", ws.glossary], "glossary", 2),
    }


CLI_IDS = list(_cli_cases(Workspace(Path("/x"))))


@pytest.mark.parametrize("case", CLI_IDS)
def test_cli(case: str, ws: Workspace) -> None:
    (ws.root / "foreign").mkdir()
    (ws.root / "foreign" / "notes.txt").write_text("mine", encoding="utf-8")
    args, where, code = _cli_cases(ws)[case]
    before_in, before_out = ws.inputs(), ws.outputs()
    foreign = tree(ws.root / "foreign")
    result = cli(*args)
    if code == 2:  # click's usage errors name the option, on its own lines
        assert result.exit_code == 2 and where in result.output + result.stderr
    else:
        assert_located_error(result, "", code=code, line=False)
        assert where in result.stderr, result.stderr
    assert ws.inputs() == before_in and ws.outputs() == before_out
    assert tree(ws.root / "foreign") == foreign
    assert not (ws.root / "escape").exists() and not Path("/tmp/x/paper.yaml").exists()


# ------------------------------------------------------------------ paths and cache

PATH_CASES = {
    "annex-link-out": lambda ws: _relink(ws, "csp9/wgtu-report/annex-a",
                                         ws.root / "elsewhere-annex", move=True),
    "annex-link-sibling-paper": lambda ws: _link(
        ws.conference / "wgtu-report" / "annex-b", ws.conference / "mc-programme-of-work",
        annex="annex-b"),
    "prose-link-out": lambda ws: _relink(ws, "csp9/mc-programme-of-work/en.md",
                                         ws.root / "elsewhere.md", move=True),
    "prose-link-passwd": lambda ws: _link(ws.conference / "mc-programme-of-work" / "zh.md",
                                          Path("/etc/passwd")),
    "tables-link-out": lambda ws: _relink(ws, f"{ANNEX}/tables.yaml",
                                          ws.root / "tables.yaml", move=True) and "paper.yaml",
    "paper-yaml-dangling": lambda ws: _link(ws.conference / "mc-programme-of-work" /
                                            "paper.yaml", ws.root / "gone.yaml"),
    "prose-dangling": lambda ws: _link(ws.conference / "mc-programme-of-work" / "en.md",
                                       ws.root / "gone.md"),
}


def _link(path: Path, target: Path, annex: str | None = None) -> str:
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)
    if annex:
        _edit(path.parents[0] / "paper.yaml", "annexes: [annex-a]",
              f"annexes: [annex-a, {annex}]")
        return "paper.yaml"
    return path.name


def _relink(ws: Workspace, rel: str, target: Path, move: bool) -> str:
    path = ws.root / rel
    if move:
        path.rename(target)
    path.symlink_to(target)
    return "paper.yaml" if path.is_dir() else path.name


@pytest.mark.parametrize("case", list(PATH_CASES))
def test_paths(case: str, ws: Workspace) -> None:
    where = PATH_CASES[case](ws)
    _unchanged_after(ws, ws.build, where,
                     line=where == "paper.yaml" and case != "paper-yaml-dangling")


TAMPERED = {
    "names-leading-out": lambda c: (
        c["outputs"].update({"../../escape.docx": _entry(c), "/tmp/att-escape.docx": _entry(c),
                             "sub/escape.docx": _entry(c)}),
        c["extras"].update({"../index.html": _entry(c)})),
    "language-dotdot": lambda c: c["conference"].update({"languages": ["../../x"]}),
    "meta-symbol": lambda c: [p["meta"].update({"symbol": "../../x"})
                              for p in c["papers"].values()],
    "meta-junk": lambda c: [p.update({"meta": {"x": 1}}) for p in c["papers"].values()],
    "outputs-list": lambda c: c.update({"outputs": ["a"]}),
    "not-json": None,
}


def _checksummed(name: str, payload: bytes) -> bytes:
    """``payload`` behind a checksum line as att-docs writes it: what an editor who knows
    the format would write."""
    import hashlib

    digest = hashlib.sha256(name.encode() + b"\0" + payload).hexdigest()
    return b"att-docs cache sha256=" + digest.encode() + b"\n" + payload


def _entry(cache: dict) -> dict:
    return dict(next(iter(cache["outputs"].values())))


@pytest.mark.parametrize("checksum", ["recomputed", "stale"])
@pytest.mark.parametrize("case", list(TAMPERED))
def test_tampered_cache(case: str, checksum: str, ws: Workspace) -> None:
    """A cache edited by hand is ignored: the set is built again, nothing outside it.
    Its checksum catches the edit; one recomputed by the editor too, its shape check."""
    cache_file = ws.out / ".att-docs-cache.json"
    data = json.loads(cache_file.read_bytes().split(b"\n", 1)[1])  # after the checksum line
    if TAMPERED[case] is None:
        text = b"{not json"
    else:
        TAMPERED[case](data)
        text = json.dumps(data if data else []).encode()
    if checksum == "recomputed":
        text = _checksummed(cache_file.name, text)
    os.unlink(cache_file)  # the file is shared with nothing: rewrite it in place
    cache_file.write_bytes(text)
    names = sorted(p.name for p in ws.out.iterdir() if not p.name.startswith("."))
    before_in = ws.inputs()
    outside = tree(ws.root.parent)
    result = ws.build()
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in ws.out.iterdir() if not p.name.startswith(".")) == names
    assert ws.inputs() == before_in
    after = tree(ws.root.parent)
    new = {k for k in after if not k.startswith("ws/build/")} - set(outside)
    assert not new, new
    assert not Path("/tmp/att-escape.docx").exists()


def test_zip_from_inside_the_conference(ws: Workspace) -> None:
    result = cli("build", ".", "-o", ws.out, "--templates", ws.templates, "-f", "docx",
                 "-j", "1", "-q", "--zip", "--allow-drafts", cwd=ws.conference)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(ws.out / "csp9.zip") as archive:
        names = archive.namelist()
    assert names and all(n.startswith("csp9/") and ".." not in n for n in names)
    assert {n.split("/", 1)[1] for n in names} == {
        p.name for p in ws.out.iterdir() if not p.name.startswith(".") and
        not p.name.endswith(".zip")}


@pytest.mark.parametrize("dropping", [".#en.md", "en.md~", ".en.md.swp", "#en.md#",
                                      ".DS_Store", "en.md.orig~"])
def test_editor_droppings_change_nothing(dropping: str, ws: Workspace) -> None:
    """Editor lock and backup files neither break the build nor make it rebuild."""
    folder = ws.conference / "wgtu-report"
    if dropping == ".#en.md":
        (folder / dropping).symlink_to("user@host.1234:1700000000")  # how Emacs makes it
    else:
        (folder / dropping).write_text("{#x} half-saved", encoding="utf-8")
    before = ws.outputs()
    result = ws.build()
    assert result.exit_code == 0, result.stderr
    assert ws.outputs() == before  # nothing rebuilt, nothing lost


def test_renamed_paper_folder_keeps_the_set(ws: Workspace) -> None:
    names = sorted(p.name for p in ws.out.iterdir())
    (ws.conference / "wgtu-report").rename(ws.conference / "wgtu-report-2023")
    result = ws.build()
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in ws.out.iterdir()) == names
    manifest = json.loads((ws.out / "manifest.json").read_text("utf-8"))
    assert {p["id"] for p in manifest["papers"]} == {"wgtu-report-2023",
                                                     "mc-programme-of-work"}
    assert len(manifest["files"]) == len([n for n in names if n.endswith(".docx")])


def test_hidden_and_backup_folders_are_not_papers(ws: Workspace) -> None:
    import shutil

    shutil.copytree(ws.conference / "wgtu-report", ws.conference / ".wgtu-report.old")
    shutil.copytree(ws.conference / "wgtu-report", ws.conference / "wgtu-report~")
    before = ws.outputs()
    result = ws.build()
    assert result.exit_code == 0, result.stderr
    assert ws.outputs() == before


def test_partial_build_keeps_the_whole_set_listed(ws: Workspace) -> None:
    """-l en rebuilds the English files of a changed paper; the manifest, index and
    archive still describe every file on disk."""
    before = {p.name for p in ws.out.iterdir() if p.suffix == ".docx"}
    _edit(ws.conference / "mc-programme-of-work" / "en.md", "tasked", "asked")
    result = ws.build("-l", "en", "--zip", "--allow-drafts")
    assert result.exit_code == 0, result.stderr
    on_disk = {p.name for p in ws.out.iterdir() if p.suffix == ".docx"}
    manifest = json.loads((ws.out / "manifest.json").read_text("utf-8"))
    assert {f["file"] for f in manifest["files"]} == on_disk == before
    index = (ws.out / "index.html").read_text("utf-8")
    assert all(name in index for name in on_disk)
    with zipfile.ZipFile(ws.out / "csp9.zip") as archive:
        assert {n.split("/", 1)[1] for n in archive.namelist()} >= on_disk


# ---------------------------------------------------------------------- process

@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES, errno.EDQUOT])
def test_unwritable_output_folder(code: int, ws: Workspace, monkeypatch) -> None:
    """A read-only, full or forbidden disk: exit 4, the path named, the old set intact."""
    import att_docs.publish.versions as versions

    def refuse(self) -> Path:
        raise OSError(code, os.strerror(code), str(self.parent / ".new"))

    _edit(ws.conference / "mc-programme-of-work" / "en.md", "tasked", "asked")
    monkeypatch.setattr(versions.OutputFolder, "new_version", refuse)
    before = ws.outputs()
    result = ws.build()
    assert_located_error(result, str(ws.out.parent), code=4, line=False)
    assert ws.outputs() == before


def test_full_disk_while_writing_a_file(ws: Workspace, monkeypatch) -> None:
    from att_docs.publish import links

    real = links.carry

    def full(source: Path, target: Path) -> bool:
        if source.name.endswith(".docx"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return real(source, target)

    _edit(ws.conference / "mc-programme-of-work" / "en.md", "tasked", "asked")
    monkeypatch.setattr(links, "carry", full)
    before = ws.outputs()
    assert_located_error(ws.build(), ".docx", code=4, line=False)
    assert ws.outputs() == before


def test_a_lock_held_by_another_build(ws: Workspace) -> None:
    import fcntl

    _edit(ws.conference / "mc-programme-of-work" / "en.md", "tasked", "asked")
    lock = ws.out.parent / f".{ws.out.name}.lock"
    with lock.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        before = ws.outputs()
        result = ws.build()
    assert_located_error(result, str(ws.out), code=4, line=False)
    assert ws.outputs() == before


def test_a_failed_second_conference_switches_neither(ws: Workspace) -> None:
    """Several conferences: all are written before any is shown, so one failing leaves
    every set as it was."""
    import shutil

    content = ws.root / "content"
    content.mkdir()
    shutil.move(ws.conference, content / "csp9")
    shutil.copytree(content / "csp9", content / "csp10")
    _edit(content / "csp9" / "mc-programme-of-work" / "en.md", "tasked", "asked")
    _edit(content / "csp10" / "wgtu-report" / "en.md", "{#purpose}", "{#Purpose}")
    (ws.root / "build" / "csp10").parent.mkdir(exist_ok=True)
    before = tree(ws.root / "build")
    result = cli("build", "--templates", ws.templates, "-f", "docx", "-j", "1", "-q",
                 cwd=ws.root)
    assert_located_error(result, "en.md")
    assert tree(ws.root / "build") == before


@pytest.mark.parametrize("seed", [1, 2])
def test_sigkill_leaves_the_old_set_or_the_new(seed: int, ws: Workspace) -> None:
    """A real process killed at a random point: the set seen through the link is the old
    one or the new one, whole (bench/kill_build.py does this 100 times on 60 papers)."""
    import random
    import signal
    import subprocess
    import sys
    import time

    rng = random.Random(seed)
    _edit(ws.conference / "mc-programme-of-work" / "en.md", "tasked", f"asked{seed}")
    _edit(ws.conference / "mc-programme-of-work" / "zh.md", "{#mandate}", "{#mandate} 新")
    old = tree(ws.out)
    cmd = [sys.executable, "-m", "att_docs", "build", str(ws.conference), "-o", str(ws.out),
           "--templates", str(ws.templates), "-f", "docx", "-j", "1", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.3, 2.5))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    seen = tree(ws.out)
    assert subprocess.run(cmd, check=False).returncode == 0
    new = tree(ws.out)
    assert seen in (old, new)
    manifest = json.loads((ws.out / "manifest.json").read_text("utf-8"))
    assert {f["file"] for f in manifest["files"]} == {n for n in new if n.endswith(".docx")}
    leftovers = [p for p in ws.out.parent.iterdir()
                 if p.name.startswith(".csp9.att-docs-") and p.name != os.readlink(ws.out)]
    assert not leftovers


def test_a_folder_in_place_of_an_output_file(ws: Workspace) -> None:
    """Someone made a folder where a file of the set goes: the build writes the file in
    the new set; the old set was never altered on the way."""
    import docx

    victim = next(p for p in ws.out.iterdir() if p.suffix == ".docx")
    names = sorted(p.name for p in ws.out.iterdir())
    victim.unlink()
    victim.mkdir()
    (victim / "note.txt").write_text("in the way", encoding="utf-8")
    result = ws.build()
    assert result.exit_code == 0, result.stderr
    assert victim.is_file() and docx.Document(str(victim)).paragraphs
    assert sorted(p.name for p in ws.out.iterdir()) == names


def test_a_linked_paper_folder_is_hashed_where_it_is(ws: Workspace) -> None:
    """A paper folder that is a link to a folder elsewhere: an edit there rebuilds it."""
    import shutil

    real = ws.root / "elsewhere" / "mc-programme-of-work"
    real.parent.mkdir()
    shutil.move(ws.conference / "mc-programme-of-work", real)
    (ws.conference / "mc-programme-of-work").symlink_to(real)
    assert ws.build().exit_code == 0
    before = tree(ws.out)
    _edit(real / "en.md", "tasked", "asked")
    assert ws.build().exit_code == 0
    after = tree(ws.out)
    changed = {k for k in after if after[k] != before.get(k) and k.endswith(".docx")}
    assert changed and all("761" in k for k in changed)
    _edit(ws.conference / "wgtu-report" / "annex-a" / "en.md", "{#", "{#")  # no change
    assert tree(ws.out) == after


# ------------------------------------------------------------------ watch: files vanish

def _watch_damage(ws: Workspace, monkeypatch, case: str) -> Callable[[], None]:
    """Arrange for ``case`` to happen during the first rebuild; return the repair."""
    import att_docs.base.hashing as hashing
    import att_docs.readers.markdown as markdown

    paper = ws.conference / "wgtu-report"
    saved = {p: p.read_bytes() for p in (paper / "zh.md", paper / "en.md")}
    done: list[bool] = []

    def once(action: Callable[[], None]) -> None:
        if not done:
            done.append(True)
            action()

    def restore() -> None:
        for path, data in saved.items():
            if path.is_symlink() or path.exists():
                path.unlink()
            path.write_bytes(data)
        shutil.rmtree(ws.root / "moved", ignore_errors=True)

    hash_file, read_input = hashing.file_sha256, markdown.read_input

    def on_hash(action: Callable[[], None]):
        def hashed(path: Path) -> str:
            if path.parent == paper:
                once(action)
            return hash_file(path)
        monkeypatch.setattr(hashing, "file_sha256", hashed)

    def on_read(action: Callable[[], None]):
        def read(path: Path, limit: int) -> str:
            if path.parent == paper:
                once(action)
            return read_input(path, limit)
        monkeypatch.setattr(markdown, "read_input", read)

    if case == "hashed-file-vanishes":
        on_hash(lambda: (paper / "zh.md").unlink())
    elif case == "read-file-vanishes":
        on_read(lambda: (paper / "en.md").unlink())
    elif case == "file-becomes-fifo":
        on_hash(lambda: ((paper / "zh.md").unlink(), os.mkfifo(paper / "zh.md")))
    elif case == "file-becomes-dangling-link":
        on_read(lambda: ((paper / "en.md").unlink(), (paper / "en.md").symlink_to("gone")))
    elif case == "lock-link-appears":
        on_hash(lambda: (paper / ".#en.md").symlink_to("user@host.1:1700000000"))
    elif case == "paper-folder-vanishes":
        def move() -> None:
            (ws.root / "moved").mkdir()
            shutil.copytree(paper, ws.root / "moved" / "wgtu-report")
            shutil.rmtree(paper)

        def back() -> None:
            if not paper.exists():
                shutil.copytree(ws.root / "moved" / "wgtu-report", paper)
            restore()
        on_read(move)
        return back
    return restore


WATCH_CASES = ["hashed-file-vanishes", "read-file-vanishes", "file-becomes-fifo",
               "file-becomes-dangling-link", "lock-link-appears", "paper-folder-vanishes"]


@pytest.mark.parametrize("case", WATCH_CASES)
def test_watch_survives_files_vanishing_mid_rebuild(case: str, ws: Workspace,
                                                    monkeypatch) -> None:
    """An editor saves by replacing files; a rebuild that meets one half-replaced reports
    it and keeps watching, and the next save builds the set as a fresh build would."""
    from att_docs.base.errors import ContentError
    from att_docs.publish.watch import Watcher

    _edit(ws.conference / "wgtu-report" / "en.md", "established", "set up")
    repair = _watch_damage(ws, monkeypatch, case)
    watcher = Watcher(ws.conference, ws.out, ws.templates, ws.glossary / "att.yaml",
                      ("docx",), None)
    rebuilds: list = []
    errors: list[Exception] = []

    def saves():
        yield set()  # the first build meets the damage
        monkeypatch.undo()
        repair()
        yield {(2, str(ws.conference / "wgtu-report" / "en.md"))}

    watcher.run(rebuilds.append, errors.append, saves())
    assert all(isinstance(e, ContentError) and e.path is not None for e in errors), errors
    assert rebuilds, errors
    assert "wgtu-report" in {p for r in rebuilds for p in r.report.papers_built}
    fresh = prepared(ws.root, ws.root.parent / "fresh")
    shutil.rmtree(fresh.out.parent)
    assert fresh.build().exit_code == 0
    docx = {k: v for k, v in tree(ws.out).items() if k.endswith(".docx")}
    assert docx.keys() == {k for k in tree(fresh.out) if k.endswith(".docx")}


# ------------------------------------------- droppings in paper folders, every command

# (case, the file dropped in the paper folder, what it is)
DROPPINGS = [("emacs-lock", ".#en.md", "link"),
             ("emacs-lock-record", ".translations/.#zh.yaml", "link"),
             ("emacs-lock-annex", "annex-a/.#en.md", "link"), ("dangling-link", "notes.md", "link"),
             ("vim-swap-fifo", ".en.md.swp", "fifo"), ("vim-probe", "4913", "file"),
             ("backup-fifo", "en.md~", "fifo"), ("autosave", "#en.md#", "file"),
             ("libreoffice-lock", ".~lock.en.md#", "file")]


def _drop(paper: Path, name: str, kind: str) -> None:
    path = paper / name
    if kind == "link":
        path.symlink_to("user@host.4242:1700000000")  # how Emacs makes its lock: dangling
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text("half-saved {#x", encoding="utf-8")


def _every_command(ws: Workspace, out: Path) -> dict[str, list[str | Path]]:
    paper = ws.conference / "wgtu-report"
    common = ["--templates", ws.templates]
    return {
        "build": ["build", ws.conference, "-o", out / "csp9", "-f", "docx", "-j", "1", "-q",
                  *common],
        "status": ["status", ws.conference, "--format", "json", "--today", "2023-07-01",
                   *common],
        "check": ["check", ws.conference, "--format", "json", *common],
        "xliff-export": ["xliff", "export", ws.conference, "-o", out / "xliff"],
        "review": ["review", paper, "-o", out / "review.docx", *common],
        "tmx": ["glossary", "export", "--format", "tmx", "--conference", ws.conference, "-o",
                out / "t.tmx", *common],
        "translated": ["translated", paper, "--lang", "zh", *common],
    }


@pytest.mark.parametrize("case, name, kind", DROPPINGS, ids=[d[0] for d in DROPPINGS])
def test_editor_droppings_change_no_command(case: str, name: str, kind: str, ws: Workspace,
                                            tmp_path: Path) -> None:
    """Lock files, swap files and backups (links that lead nowhere, FIFOs) in a paper, an
    annex or the records: every command does exactly what it does without them."""
    clean = prepared(ws.root, tmp_path / "clean")
    _drop(ws.conference / "wgtu-report", name, kind)
    def same(text: str) -> str:
        for path in (tmp_path / "clean-out", tmp_path / "out", clean.root, ws.root):
            text = text.replace(str(path), "<" + path.name.split("-")[-1] + ">")
        return text.replace("<clean>", "<ws>").replace("<out>", "<ws-out>")

    for command in _every_command(ws, tmp_path / "out"):  # each in its own project folder
        expected = cli(*_every_command(clean, tmp_path / "clean-out")[command], cwd=clean.root)
        result = cli(*_every_command(ws, tmp_path / "out")[command], cwd=ws.root)
        assert (result.exit_code, command) == (expected.exit_code, command), result.stderr
        assert same(result.stderr) == same(expected.stderr), command
        assert same(result.stdout) == same(expected.stdout), command


# --------------------------------------------------------- glossary import, hostile input

def _csv(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


GLOSSARY_INPUTS: dict[str, tuple[str, bytes | None, int | None]] = {
    # id: (file name, bytes (None: made by _special_input), expected line; 0 = imports)
    "csv-formula-cells": ("t.csv", _csv("en,zh", '"=HYPERLINK(""http://x"")",条约',
                                        "+1 State,国家", "@mention,提及", "-minus,减"), 0),
    "csv-own-escapes": ("t.csv", _csv("en,zh", "'=1+1,一", "''=2,二", "'plain,三"), 0),
    "csv-bom-crlf": ("t.csv", "\ufeffen,zh\r\nTreaty,条约\r\n".encode(), 0),
    "csv-semicolons": ("t.csv", _csv("en;zh", "Treaty;条约"), 0),
    "csv-yaml-words": ("t.csv", _csv("en,zh", "yes,是", "null,空", "123,一二三",
                                     "2023-07-21,日期", "'~',波浪"), 0),
    "csv-quoted-newline": ("t.csv", _csv("en,zh", '"States\nParties",缔约国'), 0),
    "csv-long-word": ("t.csv", _csv("en,zh", "Treaty,条约", "x" * 1001 + ",长"), 3),
    "csv-nul": ("t.csv", _csv("en,zh", "Treaty,条约", "Sta\x00te,国家"), 3),
    "csv-bidi": ("t.csv", _csv("en,zh", "Treaty,条约", "Sta\u202ete,国家"), 3),
    "csv-latin1": ("t.csv", _csv("en,zh", "Treaty,条约") + "Tr\xe9aty,x\n".encode("latin-1"),
                   3),
    "csv-id-not-a-name": ("t.csv", _csv("concept_id,lang,term", "c1,en,Treaty",
                                        "c1,zh,条约", "../x,en,State", "../x,zh,国家"), 4),
    "csv-language-not-a-code": ("t.csv", _csv("concept_id,lang,term", "c1,en,Treaty",
                                              "c1,zh,条约", "c1,../../etc,x"), 4),
    "csv-unbalanced-quote": ("t.csv", _csv("en,zh", 'Treaty,"条约'), 2),
    "csv-many-columns": ("t.csv", _csv(",".join(f"l{n}" for n in range(5000)),
                                       ",".join("x" for _ in range(5000))), 1),
    "tbx-id-a-number": ("t.tbx", TBX_BODY.replace('id="c1"', 'id="1"')
                        .format(term="Treaty").encode(), 1),
    "yaml-alias": ("t.yaml", b"- id: a\n  en: &x Treaty\n  zh: *x\n", 2),
    "fifo-csv": ("t.csv", None, None),
    "device-tbx": ("t.tbx", None, None),
    "dangling-yaml": ("t.yaml", None, None),
    "folder-csv": ("t.csv", None, None),
    "sparse-huge-csv": ("t.csv", None, None),
}


def _special_input(path: Path, case: str) -> None:
    if case.startswith("fifo"):
        os.mkfifo(path)
    elif case.startswith("device"):
        path.symlink_to("/dev/zero")
    elif case.startswith("dangling"):
        path.symlink_to("gone.yaml")
    elif case.startswith("folder"):
        path.mkdir()
    else:
        with path.open("wb") as fh:
            fh.truncate(70_000_000)


@pytest.mark.parametrize("case", list(GLOSSARY_INPUTS))
def test_glossary_import_hostile(case: str, tmp_path: Path) -> None:
    """A located error naming the user's file (and line), nothing written; or a YAML term
    base that the project reads back exactly as the input said."""
    from att_docs.glossary import load

    name, data, line = GLOSSARY_INPUTS[case]
    source = tmp_path / name
    if data is None:
        _special_input(source, case)
    else:
        source.write_bytes(data)
    target = tmp_path / "out" / "att.yaml"
    result = cli("glossary", "import", source, "-o", target)
    assert "internal error" not in result.stderr and ".tmp" not in result.stderr
    if line == 0:
        assert result.exit_code == 0, result.stderr
        back, source_terms = load(target), load(source)
        assert [(c.id, c.terms) for c in back.concepts] == \
               [(c.id, c.terms) for c in source_terms.concepts]
        return
    if case.startswith("folder"):  # click refuses a folder as FILE: a usage error
        assert result.exit_code == 2 and "Traceback" not in result.output
    else:
        match = assert_located_error(result, name, line=line is not None)
        assert line is None or match["line"] == str(line), result.stderr
    assert not target.exists()


# ------------------------------------------------------------ caches, damaged at random

@pytest.fixture(scope="module")
def own_caches(fuzz_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding exactly the disk caches a check of the workspace fills."""
    folder = tmp_path_factory.mktemp("own-caches")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        forget_caches()
        ws = Workspace(fuzz_base)
        assert cli("check", ws.conference, "--templates", ws.templates).exit_code in (0, 1)
    finally:
        os.environ["XDG_CACHE_HOME"] = before or ""
        forget_caches()
    return folder


@pytest.mark.parametrize("seed", range(12))
def test_damaged_caches_change_no_output(seed: int, ws: Workspace, own_caches: Path,
                                         monkeypatch) -> None:
    """The build cache and every disk cache (term base, term variants, lemmas) damaged at
    random: the build warns, rebuilds and writes the very same set (check counts in the
    manifest included)."""
    import random

    from fuzzlib import damaged

    rng = random.Random(seed)
    xdg = ws.root / "xdg"
    shutil.copytree(own_caches, xdg)
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    xdg_files = (xdg / "att-docs").glob
    for kept in [*xdg_files("checks-*.json"), *xdg_files("jinja-*.json")]:
        kept.unlink()  # keyed by the papers' or templates' place: this workspace is elsewhere
    files = [*sorted((xdg / "att-docs").glob("*.json")), ws.out / ".att-docs-cache.json"]
    assert len(files) >= 3, files
    before = {k: v for k, v in tree(ws.out).items() if k != ".att-docs-cache.json"}
    changed = []
    for path in files:
        real = path.resolve()
        data = real.read_bytes()
        real.unlink()
        real.write_bytes(damaged(data, rng))
        if real.read_bytes() != data:
            changed.append(real.name)
    forget_caches()
    result = ws.build()
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    warnings = result.stderr.splitlines()
    assert all(line.startswith("att-docs: warning: ") for line in warnings), warnings
    assert all(any(name in line for line in warnings) for name in changed), (changed, warnings)
    after = {k: v for k, v in tree(ws.out).items() if k != ".att-docs-cache.json"}
    assert after == before
