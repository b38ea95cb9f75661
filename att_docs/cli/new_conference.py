"""``att-docs new-conference NAME``: a conference folder for a new cycle."""

from __future__ import annotations

from pathlib import Path

import click

from att_docs.cli.errors import EXIT_CODES_HELP, reports_errors
from att_docs.cli.options import templates_option
from att_docs.cli.recovery import finish_interrupted_writes


@click.command("new-conference", epilog=EXIT_CODES_HELP)
@click.argument("name")
@click.option("--number", type=click.IntRange(min=1, max=999),
              help="The conference's number: 10 for CSP10 (default: --from's plus one).")
@click.option("--opening", required=True, metavar="YYYY-MM-DD", help="First day.")
@click.option("--closing", required=True, metavar="YYYY-MM-DD", help="Last day.")
@click.option("--from", "earlier", metavar="CONFERENCE",
              help="An earlier conference (a name in the content folder, or a folder) whose "
                   "languages, venue and deadline rule carry over.")
@click.option("--languages", metavar="LANG,LANG",
              help="The languages, the original first, e.g. en,zh,fr (default: --from's).")
@click.option("--venue", "venues", multiple=True, metavar="LANG=TEXT",
              help="The venue in one language, e.g. --venue en=Geneva; repeat for each "
                   "language (default: --from's).")
@click.option("--deadline-days", type=click.IntRange(min=0, max=366),
              help="Papers are distributed this many days before the opening (default: "
                   "--from's rule, else 30).")
@click.option("--content", "content", type=click.Path(path_type=Path, file_okay=False),
              help="The folder of conferences (default: content/).")
@templates_option
@reports_errors
def new_conference(name: str, number: int | None, opening: str, closing: str,
                   earlier: str | None, languages: str | None, venues: tuple[str, ...],
                   deadline_days: int | None, content: Path | None,
                   templates: Path | None) -> None:
    """Start a conference: the folder NAME in content/ with its conference.yaml.

    \b
    conference.yaml holds the number, the venue in each language, the dates, the
    languages and the distribution deadline rule; --from an earlier conference carries
    over its languages, venue and deadline rule. NAME follows the rule of paper ids
    (lower-case letters, digits and hyphens). Then `att-docs new TYPE --conference
    content/NAME` starts its first paper, and `att-docs build content/NAME` builds it.

    \b
    Example:
      att-docs new-conference csp10 --opening 2024-08-26 --closing 2024-08-30 --from csp9
      att-docs new-conference csp10 --number 10 --opening 2024-08-26 \\
          --closing 2024-08-30 --languages en,fr --venue en=Geneva --venue fr=Genève
    """
    from att_docs.base.errors import ContentError
    from att_docs.base.paths import Project
    from att_docs.scaffold.new_conference import ConferenceSpec, parse_date
    from att_docs.scaffold.new_conference import new_conference as make

    project = Project.default(templates)
    parent = content or project.content
    finish_interrupted_writes(parent)
    venue: dict[str, str] = {}
    for given in venues:
        lang, sep, text = given.partition("=")
        if not sep or not lang.strip() or not text.strip():
            raise ContentError(f"{given!r}: expected LANG=TEXT, e.g. --venue en=Geneva",
                               "--venue")
        venue[lang.strip()] = text.strip()
    spec = ConferenceSpec(
        number=number, opening=parse_date(opening, "--opening"),
        closing=parse_date(closing, "--closing"),
        languages=[x.strip() for x in languages.split(",") if x.strip()] if languages
        else None,
        venue=venue or None, deadline_days=deadline_days)
    folder = make(parent, name, spec, project.templates,
                  _earlier(parent, earlier) if earlier else None)
    click.echo(f"created {folder / 'conference.yaml'}")
    click.echo(f"  next: att-docs new chair-report --conference {folder}")


def _earlier(parent: Path, given: str) -> Path:
    """``--from``: a folder holding a conference.yaml, or the name of one in ``parent``."""
    from att_docs.base.errors import ContentError
    from att_docs.base.paths import CONFERENCE_FILE

    for candidate in (Path(given), parent / given):
        if (candidate / CONFERENCE_FILE).is_file():
            return candidate
    raise ContentError(f"{given!r} is not a conference (no {CONFERENCE_FILE} there, nor in "
                       f"{parent / given})", "--from")
