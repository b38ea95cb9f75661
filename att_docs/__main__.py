"""``python -m att_docs``: the same as the ``att-docs`` command."""

from att_docs.cli.main import main

if __name__ == "__main__":  # not when a spawned worker imports it
    main()
