"""A broken installation of the checks fails loudly: never read as "no checks"."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from att_docs.cli.main import main
from att_docs.publish.gate import Checks
from att_docs.status.report import check_findings


@pytest.fixture
def broken_checks(monkeypatch):
    """``import att_docs.checks.engine`` (and incremental) raise ImportError, as a
    missing or broken dependency of theirs would."""
    for name in ("att_docs.checks.engine", "att_docs.checks.incremental"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setenv("ATT_DOCS_NO_CACHE", "1")


def test_the_checks_raise_their_import_error(broken_checks, conference_copy):
    with pytest.raises(ImportError):
        check_findings([])
    with pytest.raises(ImportError):
        Checks([], conference_copy / "glossary.yaml", None, conference_copy)()


def test_status_exits_as_an_internal_error(broken_checks, conference_copy):
    result = CliRunner().invoke(main, ["status", str(conference_copy)])
    assert result.exit_code == 70, result.output
    assert "internal error" in result.output.lower()
