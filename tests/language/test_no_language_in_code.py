"""No code in att_docs/ names a language: languages are data (templates/locale, glossary
columns, styles.yaml)."""

from __future__ import annotations

import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "att_docs"

# ISO 639-1 codes of the UN's and the ATT's languages and of other common ones.
CODES = "ar|de|en|es|fr|it|ja|ko|pt|ru|zh"
# A code as a string literal ("en", 'zh'), or a BCP 47 tag with a script or region
# anywhere, docstrings and comments included (en-GB, zh_Hans_CN, fr-FR, zh-Hant, es-419).
LITERAL = re.compile(rf"""(?<![\w.])[bruf]?(["'])(?:{CODES})\1""")
TAG = re.compile(rf"\b(?:{CODES})[-_](?:[A-Z][a-z]{{3}}|[A-Z]{{2}}|\d{{3}})\b")
# Language names in code (English, Chinese ...): a branch on a language by its name.
NAME = re.compile(r"\b(?:is_)?(?:chinese|english|french|spanish)\w*\s*[(=]", re.IGNORECASE)


def _hits(pattern: re.Pattern[str]) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    return found


def test_the_patterns_catch_what_they_are_for():
    for line in ('if lang == "en":', "lang.startswith('zh')", 'tag = "zh-CN"',
                 "en_GB is the babel locale", "keep zh-Hant apart", "es-419"):
        assert LITERAL.search(line) or TAG.search(line), line
    for line in ('entry.term.isascii()', '"ends"', "re.compile(r'\\ben')", 'f"{lang}-{x}"',
                 "'Enter'", 'language.code'):
        assert not LITERAL.search(line) and not TAG.search(line), line
    assert NAME.search("def english_variants(term):") and NAME.search("x.chinese()")
    assert not NAME.search("the Chinese text of a paper")


def test_no_language_code_literal_in_the_package():
    assert _hits(LITERAL) == []


def test_no_language_tag_in_the_package():
    assert _hits(TAG) == []


def test_no_function_named_after_a_language():
    assert _hits(NAME) == []


# --------------------------------------------------------------------------- text

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
# The one definition of the scripts' character classes; help texts, which show examples.
SCRIPTS = PACKAGE / "language" / "scripts.py"
# Literals of Chinese text still in code, file by file: this list only shrinks. A new
# one goes into templates/locale/<lang>.yaml instead.
KNOWN_HAN_LITERALS = {
    "att_docs/checks/extract.py": 2,
    "att_docs/checks/rules/typography.py": 6,
}


def _strings(tree: ast.AST) -> list[ast.Constant]:
    """The string constants of ``tree``: docstrings, and ``HELP`` texts, aside."""
    aside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            aside.add(id(node.value))  # a docstring, of a module, class, function or name
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id.endswith("HELP") for t in node.targets):
            aside.update(id(n) for n in ast.walk(node.value))
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in aside]


def han_literals(source: str) -> list[int]:
    """Lines of string literals holding Han characters (as text or escapes)."""
    return [node.lineno for node in _strings(ast.parse(source)) if HAN.search(node.value)]


def test_the_han_detector():
    assert han_literals('x = "武器贸易条约"\n') == [1]
    assert han_literals('x = "\\u4e00-\\u9fff"\n') == [1]
    assert han_literals('"""模块"""\nHELP = "x (公约)"\n# 注释\ny = "plain"\n') == []


def test_no_new_chinese_text_in_the_package():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == SCRIPTS:
            continue
        lines = han_literals(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(PACKAGE.parent))] = len(lines)
    assert found == KNOWN_HAN_LITERALS, "language text belongs in templates/locale"
