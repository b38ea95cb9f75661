"""Run OmegaT 3.6 headless on a project built for a test.

    >>> project = build_project(tmp_path / "p", "EN-GB", "ZH-CN", sources=[xliff],
    ...                         glossaries=[tbx], enforce=[tmx])
    >>> result = translate(project, source_name="paper.xlf")
    >>> result.target                  # the translated file OmegaT wrote to target/
    >>> result.glossaries["att.tbx"]   # [(source, target, comment), ...] as OmegaT read them

The project folder holds ``omegat.project`` (the languages given, paragraph segments:
``<sentence_seg>false</sentence_seg>``), ``source/``, ``target/``, ``tm/enforce/``,
``glossary/``, ``dictionary/`` and ``omegat/``. Each run gets its own configuration folder
(``--config-dir``) and home, so runs never share state and nothing is written to the
user's ``~/.omegat``.

OmegaT's console mode loads no glossary by itself (its glossary manager belongs to the
window). To see a glossary as OmegaT reads it, :func:`translate` passes
``tests/fixtures/omegat/glossaries.groovy`` with ``--script``: it reads every file of
``glossary/`` with OmegaT's own TBX and tab-separated readers for the project's languages
and prints the entries, which :class:`OmegaTResult` parses.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from conftest import require_tools

GLOSSARY_SCRIPT = Path(__file__).resolve().parent / "fixtures" / "omegat" / "glossaries.groovy"
FOLDERS = ("source", "target", "tm/enforce", "glossary", "dictionary", "omegat")

PROJECT_FILE = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


class OmegaTError(RuntimeError):
    """OmegaT failed, timed out, or wrote no target file."""


@dataclass
class OmegaTResult:
    target: Path
    output: str  # stdout and stderr of the run
    glossaries: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    glossary_errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, target: Path, output: str) -> OmegaTResult:
        """Read the glossary script's lines (printed once per project event: keep one)."""
        result = cls(target, output)
        counts: dict[str, int] = {}
        for line in output.splitlines():
            kind, _, rest = line.partition("\t")
            fields = rest.split("\t")
            if kind == "GLOSSARY" and fields[0] not in counts:
                counts[fields[0]] = int(fields[1])
                result.glossaries[fields[0]] = []
            elif kind == "ENTRY" and len(result.glossaries[fields[0]]) < counts[fields[0]]:
                source, target_text, comment = [*fields[1:], "", "", ""][:3]
                result.glossaries[fields[0]].append((source, target_text, comment))
            elif kind == "GLOSSARY-ERROR":
                result.glossary_errors[fields[0]] = fields[1]
        return result

    @property
    def problems(self) -> list[str]:
        """OmegaT's own error and warning lines (Java log levels SEVERE/Error/Warning)."""
        return [line for line in self.output.splitlines()
                if any(mark in line for mark in (": Error:", ": SEVERE:", "Exception"))]


def build_project(folder: Path, source_lang: str, target_lang: str,
                  sources: Iterable[Path] = (), glossaries: Iterable[Path] = (),
                  enforce: Iterable[Path] = ()) -> Path:
    """An OmegaT project in ``folder`` with the files copied into its folders."""
    for name in FOLDERS:
        (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / "omegat.project").write_text(
        PROJECT_FILE.format(source=escape(source_lang), target=escape(target_lang)),
        encoding="utf-8")
    for files, sub in ((sources, "source"), (glossaries, "glossary"), (enforce, "tm/enforce")):
        for path in files:
            shutil.copyfile(path, folder / sub / path.name)
    return folder


def translate(project: Path, source_name: str, timeout: float = 180,
              read_glossaries: bool = True) -> OmegaTResult:
    """``omegat PROJECT --mode=console-translate``; the target file of ``source_name``."""
    require_tools("omegat")
    state = project.parent / f"{project.name}-omegat-state"
    (state / "home").mkdir(parents=True, exist_ok=True)
    command = ["omegat", str(project), "--mode=console-translate", "--no-team",
               f"--config-dir={state / 'config'}", "--disable-location-save"]
    if read_glossaries:
        command.append(f"--script={GLOSSARY_SCRIPT}")
    env = {**os.environ, "HOME": str(state / "home"), "LC_ALL": "C.UTF-8",
           "JAVA_TOOL_OPTIONS": "-Djava.awt.headless=true -Dfile.encoding=UTF-8"}
    env.pop("DISPLAY", None)
    try:
        proc = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OmegaTError(f"OmegaT took more than {timeout} s on {project}") from exc
    output = proc.stdout + proc.stderr
    target = project / "target" / source_name
    if proc.returncode != 0 or not target.is_file():
        tail = "\n".join(output.splitlines()[-30:])
        raise OmegaTError(f"OmegaT exited {proc.returncode}, target {target} "
                          f"{'written' if target.is_file() else 'missing'}:\n{tail}")
    return OmegaTResult.parse(target, output)
