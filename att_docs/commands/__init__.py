"""The sub-commands of ``att-docs``, one module each."""
