"""``att-docs check``: glossary and bilingual checks over content, XLIFF and text files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from att_docs.checks.findings import SEVERITIES
from att_docs.checks.registry import check_ids, help_table
from att_docs.cli.errors import reports_errors
from att_docs.cli.options import conferences_with_papers, glossary_option, templates_option
from att_docs.cli.recovery import finish_interrupted_writes

CHECK_HELP = """\b
Checks (each has a stable id, usable in --check and in ignore markers):
@CHECKS@
\b
Silence a check for one paragraph with a line before it (Markdown, text):
  [//]: # (att-check ignore typography, number)
in YAML with a comment before the text:  # att-check ignore term
in XLIFF with a unit note:               <note>att-check ignore term</note>

\b
Examples:
  att-docs check                              the example conference
  att-docs check content/csp9/wgtu-report     one paper, its original against each translation
  att-docs check back-from-trados.xlf         an XLIFF 1.2 or 2.x file, by segment
  att-docs check draft.zh.md --lang zh        monolingual checks of one Chinese file
  att-docs check --format json --fail-on warning   for CI: JSON, exit 1 on any warning
  att-docs check --glossary other.tbx         another term base (YAML, CSV or TBX)
  att-docs check --profile quiet              the slips only: style as information

\b
QA profiles (templates/check-profiles.yaml) and a conference's own settings:
  checks: {profile: quiet, rules: {consistency: {enabled: false},
                                   typography: {severity: info}}}
House styles (French spacing, subparagraph labels, Chinese brackets) are locale data;
a conference chooses one with  house_style: {fr: eu}  (docs/translators.md).

\b
Exit codes:
  0  no finding at or above --fail-on
  1  a finding at or above --fail-on, or bad input (the message names file and line)
  2  bad command line
"""


class _CheckIds(click.Choice):
    """The ids of the check registry, read when first needed (the rules load lazily)."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return check_ids()

    @choices.setter
    def choices(self, value: object) -> None:
        """Click sets the choices in ``__init__``; the registry holds them."""


class _CheckCommand(click.Command):
    """``check``, whose help lists the registry's checks."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        self.epilog = CHECK_HELP.replace("@CHECKS@", help_table(78))
        super().format_epilog(ctx, formatter)


@click.command(cls=_CheckCommand, epilog=CHECK_HELP)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@glossary_option
@click.option("--lang", help="Language of monolingual .md/.txt files: any language of "
                             "templates/locale (default: detected).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Readable report grouped by document, or JSON.")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Exit 1 when a finding has this severity or a higher one.")
@click.option("--severity", "min_severity", type=click.Choice(SEVERITIES), default="warning",
              show_default=True,
              help="Report findings of this severity and higher (info adds the counts and "
                   "variants that are often fine).")
@click.option("--check", "only", multiple=True, type=_CheckIds(),
              help="Run only this check; repeat for several.")
@click.option("--profile", help="QA profile of templates/check-profiles.yaml: strict (every "
                                "information raised to a warning), default, quiet (style and "
                                "consistency as information). Default: the conference's "
                                "(conference.yaml checks: profile), else default.")
@templates_option
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1),
              help="Worker processes for the papers of a conference not checked since they "
                   "changed (default: one per core; a few papers are checked in process).")
@reports_errors
def check(paths: tuple[Path, ...], glossary_path: Path | None, lang: str | None, fmt: str,
          fail_on: str, min_severity: str, only: tuple[str, ...], profile: str | None,
          templates: Path | None, workers: int | None) -> None:
    """Check papers against the glossary and their translation.

    PATHS are conference folders, paper folders, XLIFF files (.xlf, .xliff) and Markdown
    or text files (.md, .txt); with none, every conference in content/ that has a
    paper. Papers and XLIFF files are checked source against each translation, aligned
    by paragraph or segment id; a Markdown or text file gets the checks of its one
    language. Each finding names its
    check, severity, file:line and segment, says what was expected and, where it can,
    suggests the fix.
    """
    from att_docs.base.paths import Project
    from att_docs.checks.engine import check_corpora
    from att_docs.checks.incremental import check_conference
    from att_docs.checks.inputs import one_conference, read_inputs
    from att_docs.checks.report import at_least, render_json, render_text
    from att_docs.glossary import load
    from att_docs.language.profile import available_languages

    project = Project.default(templates, glossary_path)
    finish_interrupted_writes(*(paths or (project.content,)))
    known = available_languages(project.templates)
    if lang is not None and lang not in known:
        raise click.BadParameter(f"{lang!r} is not one of the languages of "
                                 f"{project.templates / 'locale'}: {', '.join(known)}",
                                 param_hint="--lang")
    from att_docs.checks.settings import profile_names

    if profile is not None and profile not in profile_names(project.templates):
        raise click.BadParameter(f"{profile!r} is not a QA profile of "
                                 f"{project.templates / 'check-profiles.yaml'}: "
                                 f"{', '.join(profile_names(project.templates))}",
                                 param_hint="--profile")
    targets = list(paths) or conferences_with_papers(project.content)
    conference = one_conference(targets)
    if conference is not None:  # each paper's findings kept in the disk cache
        from att_docs.base.processes import default_workers

        findings = check_conference(conference, project.templates, project.glossary,
                                    checks=only or None, profile=profile,
                                    workers=workers or default_workers())
    else:
        corpora = read_inputs(targets, project.templates, lang)
        findings = check_corpora(corpora, load(project.glossary), only or None,
                                 project.templates, profile)
    shown_from = min(min_severity, fail_on, key=SEVERITIES.index)
    shown = at_least(findings, shown_from)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(render_json(shown))
    else:
        from rich.console import Console

        render_text(shown, Console(highlight=False, soft_wrap=True))
    if at_least(findings, fail_on):  # type: ignore[arg-type]
        sys.exit(1)
