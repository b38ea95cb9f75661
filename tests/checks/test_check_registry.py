"""The checks are declared once, by their rule modules; everything else reads the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.check.corpora import pair

from att_docs.base.errors import ContentError
from att_docs.checks import registry
from att_docs.checks import rules as rules_package
from att_docs.checks.settings import settings_for
from att_docs.checks.suppress import marker_ids
from att_docs.cli.check import check

ROOT = Path(__file__).resolve().parents[2]

PROBE = '''
from att_docs.checks.findings import Finding

CHECK = "probe-rule"
HELP = "a rule that exists only in this test, found by its own declaration"
ORDER = 5


def run(corpora, ctx):
    for corpus in corpora:
        yield Finding(CHECK, "warning", "probed", document=corpus.name)
'''


@pytest.fixture
def probe_rule(tmp_path, monkeypatch):
    """A new rule module, in a folder added to the rules package's path."""
    (tmp_path / "probe_rule.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.setattr(rules_package, "__path__", [*rules_package.__path__, str(tmp_path)])
    registry.rules.cache_clear()
    registry.check_ids.cache_clear()
    yield "probe-rule"
    registry.rules.cache_clear()
    registry.check_ids.cache_clear()


def test_a_new_rule_module_appears_everywhere(probe_rule, tmp_path):
    ids = registry.check_ids()
    assert ids[0] == probe_rule  # ORDER 5 comes before every shipped check
    # the engine runs it
    assert [f.message for f in pair("A text.", "一段文字。", probe_rule)] == ["probed"]
    # the CLI lists it in --help and accepts it in --check
    result = CliRunner().invoke(check, ["--help"])
    assert result.exit_code == 0
    assert re.search(r"probe-rule\s+a rule that exists only in this test", result.output)
    assert check.make_context("check", ["--check", probe_rule]).params["only"] == (probe_rule,)
    # ignore markers and QA profiles accept its id
    assert marker_ids([probe_rule], None, None) == {probe_rule}
    settings = settings_for(ROOT / "templates", conference={
        "rules": {probe_rule: {"severity": "info"}}})
    assert settings.severity[probe_rule] == "info"


def test_an_unknown_id_is_refused_everywhere():
    with pytest.raises(ContentError, match="unknown check id 'probe-rule'"):
        marker_ids(["probe-rule"], None, None)
    with pytest.raises(ContentError, match="unknown check 'probe-rule'"):
        settings_for(ROOT / "templates", conference={"rules": {"probe-rule": {}}})
    result = CliRunner().invoke(check, ["--check", "probe-rule"])
    assert result.exit_code == 2


def test_a_rule_module_without_its_declaration_is_refused(tmp_path, monkeypatch):
    (tmp_path / "half_rule.py").write_text('CHECK = "half"\n', encoding="utf-8")
    monkeypatch.setattr(rules_package, "__path__", [*rules_package.__path__, str(tmp_path)])
    registry.rules.cache_clear()
    try:
        with pytest.raises(TypeError, match="half_rule lacks HELP, ORDER, run"):
            registry.rules()
    finally:
        registry.rules.cache_clear()
        registry.check_ids.cache_clear()


def test_the_guide_describes_every_check():
    guide = (ROOT / "docs" / "translators.md").read_text(encoding="utf-8")
    described = set(re.findall(r"^\| `([a-z-]+)` \|", guide, re.MULTILINE))
    assert set(registry.check_ids()) <= described
