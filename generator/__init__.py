"""portal: the public website of a county 城管执法局, built from Markdown.

The pipeline is load → validate → model → render → write; `plugin.py` adapts it to MkDocs.
"""

__version__ = "0.1.0"
