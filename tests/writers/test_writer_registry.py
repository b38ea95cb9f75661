"""The output formats are declared once, in the writer registry; the CLI, the build cache
and the workers read it."""

from __future__ import annotations

import json
from pathlib import Path

from att_docs.cli.build import build
from att_docs.publish.cache import output_key
from att_docs.publish.pipeline import build_conference
from att_docs.writers import registry
from att_docs.writers.registry import WRITERS, Writer, WriterOptions

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _choices(command, name: str) -> tuple[str, ...]:
    (param,) = [p for p in command.params if p.name == name]
    return tuple(param.type.choices)


def test_the_cli_offers_the_registry():
    assert _choices(build, "formats") == tuple(WRITERS) == ("docx", "pdf")
    assert _choices(build, "pdf_engine") == registry.engines() == ("typst", "libreoffice")


def test_only_a_format_with_engines_keys_on_the_engine():
    def key(fmt: str, engine: str) -> str:
        return output_key("paper", "en", fmt, engine, False)

    assert key("docx", "typst") == key("docx", "libreoffice")
    assert key("pdf", "typst") != key("pdf", "libreoffice")


def _plain(document, out: Path, options: WriterOptions) -> bytes:
    """A test format: the paper's title and the options it was given."""
    data = json.dumps({"symbol": str(document.masthead.symbol), "lang": options.lang,
                       "mark": options.mark, "engine": options.engine}).encode()
    out.write_bytes(data)
    return data


def test_a_new_format_is_built_from_its_registry_entry_alone(conference_copy, tmp_path,
                                                              monkeypatch):
    monkeypatch.setitem(WRITERS, "txt", Writer("txt", _plain, _plain,
                                               count_pages=lambda data: 1))
    out = tmp_path / "out"
    build_conference(conference_copy, out, TEMPLATES, formats=("txt",), languages=("en",),
                     workers=1)
    written = sorted(p.name for p in out.iterdir() if p.suffix == ".txt")
    assert len(written) == 2 and all(name.endswith(".en.txt") for name in written)
    data = json.loads((out / written[0]).read_text())
    assert data["lang"] == "en" and data["engine"] is None
    manifest = json.loads((out / "manifest.json").read_text())
    entries = [f for f in manifest["files"] if f["file"] in written]
    assert [f["pages"] for f in entries] == [1, 1]
    assert manifest["settings"]["formats"] == ["txt"]


def test_an_unknown_format_is_refused_on_the_command_line():
    from click.testing import CliRunner

    result = CliRunner().invoke(build, ["--format", "odt"])
    assert result.exit_code == 2
    assert "odt" in result.output

