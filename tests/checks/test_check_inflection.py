"""inflect imported without typeguard's instrumentation: the same forms, typeguard as it was."""

from __future__ import annotations

import json
import subprocess
import sys

from buildutil import ROOT

from att_docs.glossary import default_path, load

_FORMS = """
import json, sys
words = json.loads(sys.stdin.read())
{engine}
print(json.dumps([[engine.singular_noun(w), engine.plural_noun(w)] for w in words]))
"""


def _forms(engine_line: str, words: list[str]) -> list:
    proc = subprocess.run([sys.executable, "-c", _FORMS.format(engine=engine_line)],
                          input=json.dumps(words), capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(proc.stdout)


def test_same_forms_as_the_instrumented_engine():
    words = sorted({w.lower() for c in load(default_path()).concepts
                    for t in c.terms.get("en", []) for w in t.text.split()
                    if w[-1].isalpha()} | {"state", "parties", "child", "criteria", "series"})
    assert len(words) > 100
    plain = _forms("import inflect; engine = inflect.engine()", words)
    ours = _forms("from att_docs.checks.inflection import inflect_engine; "
                  "engine = inflect_engine()", words)
    assert ours == plain


def test_typeguard_is_left_as_it_was():
    """The methods run as written (no type checks compiled in); typechecked restored."""
    proc = subprocess.run(
        [sys.executable, "-c",
         "import typeguard; before = typeguard.typechecked\n"
         "from att_docs.checks.inflection import inflect_engine\n"
         "engine = inflect_engine()\n"
         "import inflect\n"
         "print(typeguard.typechecked is before, engine.plural_noun('treaty'),\n"
         "      'typeguard' in inflect.engine.plural_noun.__code__.co_names)"],
        capture_output=True, text=True, cwd=ROOT, check=True)
    assert proc.stdout.split() == ["True", "treaties", "False"]


def test_typeguard_is_not_even_imported_when_not_loaded_before():
    """inflect's one import from typeguard is answered by a stand-in: typeguard (and the
    unittest.mock and asyncio it loads) stay out; a later import gets the real one."""
    proc = subprocess.run(
        [sys.executable, "-c",
         "import sys\n"
         "from att_docs.checks.inflection import inflect_engine\n"
         "engine = inflect_engine()\n"
         "print(engine.plural_noun('treaty'), *(m in sys.modules for m in\n"
         "      ('typeguard', 'asyncio', 'unittest.mock')))\n"
         "import typeguard\n"
         "print(callable(typeguard.typechecked), hasattr(typeguard, 'TypeCheckError'))"],
        capture_output=True, text=True, cwd=ROOT, check=True)
    assert proc.stdout.split() == ["treaties", "False", "False", "False", "True", "True"]
