"""Before a command reads the content: finish or undo what a killed write left there."""

from __future__ import annotations

from pathlib import Path

import click


def finish_interrupted_writes(*paths: Path | None) -> None:
    """Complete or roll back interrupted writes in the conferences of ``paths`` (the
    ones a command works on), saying so in one line each on stderr."""
    from att_docs.base.recovery import recover_writes

    for line in recover_writes(p for p in paths if p is not None):
        click.echo(f"att-docs: {line}", err=True)
