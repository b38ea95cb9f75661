"""``python -m att_docs``: the same as the ``att-docs`` command."""

from att_docs.cli.main import main

main()
