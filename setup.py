"""Build hook: the repository's templates/ and glossary/ go into the package.

They stay the one source in the repository (top-level folders). A wheel (``pip install .``)
gets a copy in ``att_docs/_defaults/``, which att-docs uses outside a checkout; an editable
install reads them from the checkout instead (att_docs.base.paths).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DEFAULTS = ("templates", "glossary")


class BuildPyWithDefaults(build_py):
    """``build_py`` that also copies the default templates and glossary into the package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "att_docs" / "_defaults"
        for name in DEFAULTS:
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(ROOT / name, target / name,
                            ignore=shutil.ignore_patterns(".*", "*~", "__pycache__"))


# setuptools' scratch folder; build/ is where att-docs writes the papers
setup(cmdclass={"build_py": BuildPyWithDefaults},
      options={"build": {"build_base": ".setuptools-build"}})
