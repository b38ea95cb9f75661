"""The ``att-docs`` command line: the group in :mod:`.main`, one module per command."""
