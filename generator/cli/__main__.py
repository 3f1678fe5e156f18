"""`python -m generator.cli`: the `portal` command."""

import sys

from generator.cli import main

sys.exit(main())
