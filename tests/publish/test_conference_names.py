"""A conference is named by its folder as content/ reaches it: a link keeps its own name,
so two links to folders of the same name are two conferences with two sets."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CONTENT, ROOT, TEMPLATES

from att_docs.base.paths import conference_name


def test_the_name_is_the_link_s_and_dots_lead_where_they_point(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "conf-real"
    real.mkdir(parents=True)
    (tmp_path / "csp10").symlink_to(real, target_is_directory=True)
    assert conference_name(tmp_path / "csp10") == "csp10"
    assert conference_name(tmp_path / "csp10" / "sub" / "..") == "csp10"
    assert conference_name(real) == "conf-real"


def test_two_links_to_folders_of_one_name_build_two_sets(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for n, name in enumerate(("csp9", "csp10")):
        real = tmp_path / f"real{n}" / "conf-real"
        shutil.copytree(CONTENT, real)
        (project / "content").mkdir(parents=True, exist_ok=True)
        (project / "content" / name).symlink_to(real, target_is_directory=True)
    (project / "templates").symlink_to(TEMPLATES, target_is_directory=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-m", "att_docs", "build", "-q", "-f", "docx"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    for name in ("csp9", "csp10"):
        built = project / "build" / name
        assert len(list(built.glob("*.docx"))) == 6, name
    assert not (project / "build" / "conf-real").exists()
