"""Translation records are read through the hardened state loader: an alias bomb, a
field of the wrong kind, a FIFO or a broken link in place of a record is refused with
the file and line (exit 1), never a hang, a MemoryError or an internal error."""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from buildutil import ROOT
from conftest import CONTENT

from att_docs.base.errors import ContentError
from att_docs.records.provenance import Record, read_record, record_text

RECORD = Path("wgtu-report") / ".translations" / "zh.yaml"


def _run(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The command in its own process, with 1.5 GB of address space and a timeout."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    return subprocess.run([sys.executable, "-m", "att_docs", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, check=False,
                          cwd=ROOT, preexec_fn=limit)


def _one_line_error(proc: subprocess.CompletedProcess[str], where: Path,
                    line: int | None) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "internal error" not in proc.stderr
    prefix = f"att-docs: error: {where}:{line}: " if line else f"att-docs: error: {where}"
    assert lines[0].startswith(prefix), (prefix, lines[0])
    return lines[0]


def _bomb(levels: int = 9) -> str:
    """Nine aliases of nine aliases ...: 9**9 strings once expanded."""
    lines = ['  a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, levels + 1):
        name, prev = chr(ord("a") + i), chr(ord("a") + i - 1)
        lines.append(f"  {name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_a_record_is_refused_at_once(conference_copy: Path) -> None:
    record = conference_copy / RECORD
    text = record.read_text(encoding="utf-8")
    text = text.replace("language: zh\n", "language: zh\nbomb:\n" + _bomb(), 1)
    text = text.replace("    source: to the WGTU Report to CSP9", "    source: *j", 1)
    record.write_text(text, encoding="utf-8")
    for command in (["status", conference_copy], ["build", conference_copy, "-o",
                    conference_copy.parent / "out", "-f", "docx", "-q"]):
        proc = _run(*command)
        message = _one_line_error(proc, record, 5)
        assert "anchors and aliases" in message


BAD_RECORDS = [
    # (id, old, new, the line the error names, a word of the message)
    ("units-a-number", "units:\n", "units: 5\nold:\n", 4, "units"),
    ("hash-a-list", "    hash: b0c7971dc9fc\n", "    hash: [1, 2]\n", 6, "hash"),
    ("hash-not-hex", "    hash: b0c7971dc9fc\n", "    hash: zzzzzzzzzzzz\n", 6, "hash"),
    ("source-a-mapping", "    source: to the WGTU Report to CSP9\n",
     "    source: {a: b}\n", 7, "source"),
    ("entry-a-string", "  annex-a.caption:\n    hash: b0c7971dc9fc\n"
     "    source: to the WGTU Report to CSP9\n", "  annex-a.caption: text\n", 5,
     "annex-a.caption"),
    ("unknown-key", "    hash: b0c7971dc9fc\n", "    hash: b0c7971dc9fc\n    note: x\n", 7,
     "note"),
    ("language-other", "language: zh\n", "language: fr\n", 3, "language"),
    ("language-missing", "language: zh\n", "", 3, "language"),
    ("top-level-list", "language: zh\n", "- language: zh\n", 4, "malformed"),
    ("complex-key", "  annex-a.caption:\n", "  ? [a, b]\n  : x\n  annex-a.caption:\n", 5,
     "key"),
    ("duplicate-unit", "  annex-a.subtitle:\n", "  annex-a.caption:\n", 8, "duplicate"),
    ("tag", "    source: to the WGTU Report to CSP9\n",
     "    source: !!python/object:os.system x\n", 7, "tags"),
    ("anchor", "    source: to the WGTU Report to CSP9\n", "    source: &s text\n", 7,
     "anchors"),
    ("two-documents", "language: zh\n", "language: zh\n---\nlanguage: zh\n", 4, "document"),
    ("deep", "language: zh\n", "language: zh\nx: " + "[" * 40 + "]" * 40 + "\n", 4,
     "nested"),
    ("control-escape", "    source: to the WGTU Report to CSP9\n",
     '    source: "to \\x07 CSP9"\n', 7, "U+0007"),
    ("not-utf8", None, None, 3, "UTF-8"),
]


@pytest.mark.parametrize("case", BAD_RECORDS, ids=[c[0] for c in BAD_RECORDS])
def test_a_damaged_record_is_refused_with_its_line(case, conference_copy: Path) -> None:
    _id, old, new, line, word = case
    record = conference_copy / RECORD
    if old is None:
        record.write_bytes(record.read_bytes().replace(b"language: zh", b"language: \xff", 1))
    else:
        text = record.read_text(encoding="utf-8")
        assert old in text
        record.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        read_record(conference_copy / "wgtu-report", "zh")
    assert caught.value.path == record and caught.value.line == line, str(caught.value)
    assert word in caught.value.message
    proc = _run("status", conference_copy, timeout=120)
    assert word in _one_line_error(proc, record, line)


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling", "folder"])
def test_a_record_that_is_not_a_file_is_refused(kind: str, conference_copy: Path) -> None:
    record = conference_copy / RECORD
    record.unlink()
    if kind == "fifo":
        os.mkfifo(record)
    elif kind == "device":
        record.symlink_to("/dev/zero")
    elif kind == "dangling":
        record.symlink_to("gone.yaml")
    else:
        record.mkdir()
    proc = _run("status", conference_copy, timeout=60)
    _one_line_error(proc, record, None)


def test_an_editor_lock_file_beside_the_records_changes_nothing(conference_copy: Path) -> None:
    """Emacs' lock file is a broken link named ``.#zh.yaml``; it is no record."""
    (conference_copy / RECORD).with_name(".#zh.yaml").symlink_to("user@host.1:170000")
    (conference_copy / RECORD).with_name("#zh.yaml#").write_text("x: [", encoding="utf-8")
    proc = _run("status", conference_copy, "--format", "json", timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_records_read_back_exactly_what_was_written() -> None:
    """Any texts (quotes, colons, YAML words such as yes and null, numbers, CJK, long
    lines) survive the writer and the string-only reader unchanged."""
    from att_docs.base.statefile import plain_yaml

    rng = random.Random(7)
    alphabet = "ab :#'\"-,[]{}!&*?|>%@`\\中\u00a0\t\u2019é0123456789.~ "
    words = ["yes", "no", "on", "null", "~", "123", "0x1F", "1.5", "2023-07-21", "true"]
    for round_ in range(300):
        texts = {f"u{n}": ("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90)))
                           if n % 3 else rng.choice(words)) for n in range(5)}
        units = {uid: ("0123456789ab", text) for uid, text in texts.items()}
        record = Record(units, {"u1": "abcdefabcdef"})
        text = record_text("zh", record)
        data, _lines = plain_yaml(text, Path(f"round-{round_}.yaml"))
        assert data["units"] == {uid: {"hash": h, "source": s} for uid, (h, s) in units.items()}
        assert data["placeholders"] == {"u1": "abcdefabcdef"}


def test_the_example_records_are_written_as_they_are(tmp_path: Path) -> None:
    """The writer changed library, not layout: each record of the example rewrites to
    its own bytes."""
    for path in sorted(CONTENT.glob("*/.translations/*.yaml")):
        record = read_record(path.parent.parent, path.stem)
        assert record_text(path.stem, record) == path.read_text(encoding="utf-8"), path
