"""Where things are: the templates, the content and the build folder of a checkout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from att_docs.errors import ContentError
from att_docs.readers.content import CONFERENCE_FILE

__all__ = ["Project", "find_conferences"]

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Project:
    """The folders a command works with; defaults follow the repository layout."""

    templates: Path
    content: Path
    build: Path

    @classmethod
    def default(cls, templates: Path | None = None) -> Project:
        cwd = Path.cwd()
        root = cwd if (cwd / "templates").is_dir() else PACKAGE_ROOT
        return cls(
            templates=(templates or root / "templates"),
            content=root / "content",
            build=root / "build",
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
