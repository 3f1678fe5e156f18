"""`python -m generator.cli`: the `portal` command."""

import sys

from generator.cli import main

# Guarded: a spawned process (Windows has no fork) imports the main module again.
if __name__ == "__main__":
    sys.exit(main())
