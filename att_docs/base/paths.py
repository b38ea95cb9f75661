"""Where things are: the templates, the content, the glossary and the build folder.

Kept free of heavy imports: the no-op build path goes through here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from att_docs.base.errors import ContentError, OutputError

__all__ = ["CONFERENCE_FILE", "GLOSSARY_FILE", "INDEX_TEMPLATE", "PAPER_FILE", "Project",
           "check_output_file", "check_output_folder", "conference_name", "default_glossary",
           "default_templates", "find_conferences", "find_paper_dirs", "inside"]

CONFERENCE_FILE = "conference.yaml"  # the same names as att_docs.readers.content
PAPER_FILE = "paper.yaml"
GLOSSARY_FILE = Path("glossary") / "att.yaml"
TEMPLATES_DIR = "templates"
INDEX_TEMPLATE = "index.html.j2"  # the index page of a built set: shapes no paper

_PACKAGE = Path(__file__).resolve().parents[1]
PACKAGE_ROOT = _PACKAGE.parent
"""The checkout when att_docs runs from one (source tree or editable install)."""
PACKAGED = _PACKAGE / "_defaults"
"""The default templates and glossary inside an installed package (see setup.py)."""


def _checkout() -> Path | None:
    return PACKAGE_ROOT if (PACKAGE_ROOT / TEMPLATES_DIR).is_dir() else None


def _defaults() -> Path:
    """Where the default templates/ and glossary/ are: the checkout, else the package."""
    return _checkout() or PACKAGED


def default_templates(cwd: Path | None = None) -> Path:
    """``templates/`` of the working directory if it has one, else the defaults."""
    local = (cwd or Path.cwd()) / TEMPLATES_DIR
    return local if local.is_dir() else _defaults() / TEMPLATES_DIR


def default_glossary(cwd: Path | None = None) -> Path:
    """``glossary/att.yaml`` of the working directory if it has one, else the defaults."""
    local = (cwd or Path.cwd()) / GLOSSARY_FILE
    return local if local.is_file() else _defaults() / GLOSSARY_FILE


@dataclass(frozen=True)
class Project:
    """The folders and files a command works with: the one place that resolves them.

    Templates and glossary: the command's option, else the working directory's own
    ``templates/`` and ``glossary/att.yaml``, else the defaults (the checkout's, or those
    shipped in the package). Content and build folder: those of the working directory
    when it holds ``templates/``, else of the checkout, else of the working directory.
    """

    templates: Path
    content: Path
    build: Path
    glossary: Path  # the term base file (.yaml, .csv or .tbx)

    @classmethod
    def default(cls, templates: Path | None = None, glossary: Path | None = None) -> Project:
        cwd = Path.cwd()
        root = cwd if (cwd / TEMPLATES_DIR).is_dir() else (_checkout() or cwd)
        return cls(
            templates=templates or default_templates(cwd),
            content=root / "content",
            build=root / "build",
            glossary=glossary or default_glossary(cwd),
        )


def conference_name(folder: Path) -> str:
    """A conference's name: its folder's, as the path reaches it. A folder reached
    through a link keeps the link's name (two links to folders of the same name are two
    conferences); ``.`` and ``..`` count as the folders they lead to. Empty for the file
    system's root."""
    return Path(os.path.abspath(folder)).name


def find_conferences(content: Path) -> list[Path]:
    """Conference folders under ``content``: those holding a ``conference.yaml``."""
    if (content / CONFERENCE_FILE).exists():
        return [content]
    found = sorted(p.parent for p in content.glob(f"*/{CONFERENCE_FILE}"))
    if not found:
        raise ContentError(f"no conference found: no {CONFERENCE_FILE} in it or its "
                           "sub-folders", content)
    return found


def find_paper_dirs(conference_dir: Path) -> list[Path]:
    """The paper folders of a conference: sub-folders holding a ``paper.yaml``.

    Hidden folders and editor backups (``.name``, ``name~``) are not papers. A
    ``paper.yaml`` that is a broken link is an error, not a paper silently left out.
    """
    found = []
    for path in sorted(conference_dir.glob(f"*/{PAPER_FILE}")):
        if not path.parent.name.startswith(".") and not path.parent.name.endswith("~"):
            found.append(path.parent)
    try:
        entries = sorted(os.scandir(conference_dir), key=lambda e: e.name)
    except OSError:
        return found
    for entry in entries:
        paper = Path(entry.path) / PAPER_FILE
        if entry.is_dir() and paper.is_symlink() and not paper.exists():
            raise ContentError(f"is a link to {os.readlink(paper)}, which does not exist; "
                               "the paper would be left out of the set", paper)
    return found


def inside(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies under it (both as given; resolve them first)."""
    return path == folder or folder in path.parents


def _real(path: Path) -> Path:
    """``path`` with its parents' links resolved, its own last name kept (it may be the
    build's own link)."""
    path = Path(os.path.abspath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def check_output_folder(out: Path, conferences: list[Path], project: Project,
                        option: str | None) -> None:
    """Refuse an output folder that would write over the input: the file system root, a
    folder in or around a conference, the content, templates or glossary folder."""
    real = _real(out)
    where = option or str(out)
    if real.parent == real or not real.name:
        raise OutputError("the file system root cannot be an output folder", where)
    inputs = [*(c.resolve() for c in conferences), project.content.resolve(),
              project.templates.resolve(), project.glossary.resolve()]
    for folder in inputs:
        if inside(real, folder) or inside(folder, real):
            raise OutputError(f"{out} would write into the input folder {folder}; choose "
                              "an output folder outside the content, templates and glossary",
                              where)
    if real.exists() and not real.is_dir():
        raise OutputError(f"{out} is a file, not a folder", where)


def check_output_file(path: Path, project: Project, option: str | None,
                      conferences: list[Path] | None = None, *, glossary: bool = False,
                      folder: bool = False) -> None:
    """Refuse an output file (``-o`` of review or glossary exports), or the ``folder`` of
    output files (XLIFF export), that would land in the content, a conference or paper
    folder, or the templates; in the glossary folder too unless ``glossary`` (a term base
    imported on purpose). Links in the path are resolved first: a link never leads a
    file into the input."""
    real = Path(os.path.realpath(path))
    folders = [project.content, project.templates, *(conferences or [])]
    if not glossary:
        folders.append(project.glossary.parent)
    for given in folders:
        if inside(real, given.resolve()):
            raise OutputError(f"{path} would be written into {given}, which att-docs only "
                              "reads; choose a place outside the content and templates",
                              option or path)
    if real.is_dir() != folder and real.exists():
        raise OutputError(f"{path} is a {'file' if folder else 'folder'}, not a "
                          f"{'folder' if folder else 'file'}", option or path)
