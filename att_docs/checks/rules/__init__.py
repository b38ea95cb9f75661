"""One module per check: ``CHECK`` (the id), ``HELP``, ``ORDER`` and ``run(corpora, ctx)``.

``run`` receives every corpus of the run at once (consistency compares across the paper
set; the others loop over corpora) and yields findings. The modules are found by
:mod:`att_docs.checks.registry`; nothing else lists them.
"""
