"""The YAML reader (libyaml's C parser, composed with lines) against ruamel's round-trip
loader: the same values of the same types, the same line for every key and item, and
the same refusals, on every YAML file of the project and on hostile snippets."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ROOT
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError

from att_docs.base.errors import ContentError
from att_docs.base.yamlfile import LineList, LineMap, line_of, load_yaml

FILES = sorted(p for folder in ("templates", "glossary", "tests/fixtures")  # the example too
               for p in (ROOT / folder).rglob("*.yaml")
               if p.stat().st_size < 100_000)  # the large real texts: slow in pure Python


class _Dates(RoundTripConstructor):
    """As att-docs reads: dates stay text."""


_Dates.add_constructor("tag:yaml.org,2002:timestamp", _Dates.construct_yaml_str)


def round_trip(text: str) -> Any:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Dates
    yaml.allow_duplicate_keys = False
    return yaml.load(text)


def paths(data: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path of ``data``."""
    out = [at]
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += paths(value, (*at, i))
    return out


def same(ours: Any, theirs: Any) -> None:
    """Equal values, and plain Python types alike (True is not 1, '1' is not 1)."""
    if isinstance(theirs, CommentedMap):
        assert isinstance(ours, LineMap)
        assert list(ours) == list(theirs)
        for key in theirs:
            same(ours[key], theirs[key])
    elif isinstance(theirs, CommentedSeq):
        assert isinstance(ours, LineList)
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            same(a, b)
    else:
        for kind in (bool, int, float, str, type(None)):
            if isinstance(theirs, kind):
                assert isinstance(ours, kind), (ours, theirs)
                break
        assert ours == theirs or (ours != ours and theirs != theirs)  # NaN


def test_every_project_file_reads_as_the_round_trip_loader_reads_it():
    assert len(FILES) > 20
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        theirs = round_trip(text)
        ours = load_yaml(path).data
        same(ours, theirs)
        for keys in paths(theirs):
            assert line_of(ours, keys) == line_of(theirs, keys), (path, keys)


SCALARS = """\
plain: text
quoted: "1"
single: '2023-07-21'
int: 12
leading_zero: 012
octal: 0o17
hex: 0x1F
negative: -3
float: 1.5
exp: 1e3
inf: .inf
nan: .nan
bool: true
Bool: True
yes: yes
no: no
on: off
null: ~
empty:
date: 2023-07-21
datetime: 2023-07-21T10:00:00Z
literal: |
  two
  lines
folded: >
  folded
  text
flow: {a: 1, b: [x, "y", 3]}
list:
  - one
  - - nested
    - 2
key with spaces: "value with: colon"
1: numeric key
"""


def test_scalars_have_the_round_trip_types(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SCALARS, encoding="utf-8")
    ours = load_yaml(path).data
    theirs = round_trip(SCALARS)
    same(ours, theirs)
    for keys in paths(theirs):
        assert line_of(ours, keys) == line_of(theirs, keys), keys


@pytest.mark.parametrize(("text", "message", "line"), [
    ("a: &x 1\nb: *x\n", "anchors and aliases", 1),
    ("a: 1\nb: !!str 2\n", "YAML tags", 2),
    ("a: 1\nb: !custom 2\n", "YAML tags", 2),
    ("a: 1\n<<: {b: 2}\n", "merge keys", 2),
    ("a: 1\nb: 2\na: 3\n", "malformed YAML: found duplicate key 'a'", 3),
    ("a: 1\n? [x, y]\n: 2\n", "a key must be plain text", 2),
    ("a: 1\nb: [1, 2\n", "malformed YAML", 2),  # the text's last line, not one past it
    ("type: [", "malformed YAML", 1),
    ("title: on Treaty: x\n", "malformed YAML: mapping values are not allowed", 1),
    ("a: 1\n---\nb: 2\n", "malformed YAML: expected a single document", 2),
    ("x:\n" + "".join("  " * i + "- \n" for i in range(1, 40)), "nested more than", None),
    ("a: '\\x07'\n", None, None),  # not an escape in single quotes: plain text
    ('a: "\\x07"\n', "character", 1),
])
def test_refusals_name_the_line(tmp_path, text, message, line):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    if message is None:
        load_yaml(path)
        return
    with pytest.raises(ContentError) as caught:
        load_yaml(path)
    assert message in str(caught.value)
    if line is not None:
        assert caught.value.line == line


def test_what_the_round_trip_loader_refuses_is_refused(tmp_path):
    for text in ("a: [1, 2\n", "a: 1\n b: 2\n", "- a\nb: c\n", "a: 'open\n", "\tx: 1\n"):
        path = tmp_path / "bad.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(YAMLError):
            round_trip(text)
        with pytest.raises(ContentError, match="malformed YAML"):
            load_yaml(path)


def test_an_empty_file_is_none(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("# only a comment\n", encoding="utf-8")
    assert load_yaml(path).data is None
