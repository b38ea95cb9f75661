"""YAML is read and written with ruamel alone: PyYAML is no dependency and no import."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pyyaml_is_no_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"],
              *(d for extra in project.get("optional-dependencies", {}).values() for d in extra)]
    assert not [d for d in wanted if re.match(r"(?i)pyyaml\b", d)]
    assert 'name = "pyyaml"' not in (ROOT / "uv.lock").read_text(encoding="utf-8")


def test_no_code_imports_pyyaml():
    pattern = re.compile(r"^\s*(import yaml\b|from yaml\b)", re.MULTILINE)
    offenders = [str(path.relative_to(ROOT))
                 for folder in ("att_docs", "tests", "bench", "scripts")
                 for path in sorted((ROOT / folder).rglob("*.py"))
                 if pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
