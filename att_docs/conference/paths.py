"""Where things are: the templates, the content, the glossary and the build folder.

Kept free of heavy imports: the no-op build path goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from att_docs.errors import ContentError

__all__ = ["CONFERENCE_FILE", "PAPER_FILE", "Project", "find_conferences", "find_paper_dirs"]

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
CONFERENCE_FILE = "conference.yaml"
PAPER_FILE = "paper.yaml"
GLOSSARY_FILE = Path("glossary") / "att.yaml"


@dataclass(frozen=True)
class Project:
    """The folders a command works with; defaults follow the repository layout."""

    templates: Path
    content: Path
    build: Path
    glossary: Path  # the term base file the checks load and the build fingerprints

    @classmethod
    def default(cls, templates: Path | None = None) -> Project:
        """The working directory's folders where it has them, else the checkout's beside
        the package; the one place that decides where templates and glossary are."""
        cwd = Path.cwd()
        root = cwd if (cwd / "templates").is_dir() else PACKAGE_ROOT
        glossary = cwd / GLOSSARY_FILE
        return cls(
            templates=(templates or root / "templates"),
            content=root / "content",
            build=root / "build",
            glossary=glossary if glossary.is_file() else root / GLOSSARY_FILE,
        )


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
    """The paper folders of a conference: sub-folders holding a ``paper.yaml``."""
    return sorted(p.parent for p in conference_dir.glob(f"*/{PAPER_FILE}"))
