"""portal: the public website of a county 城管执法局, built from Markdown.

The pipeline is load → validate → model → compute → render → build → write (`build.py`);
`plugin.py`, `mkdocs_engine.py` and `frame.py` adapt it to MkDocs.
"""

__version__ = "0.1.0"
