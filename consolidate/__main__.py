"""`python -m consolidate` runs the command line."""

import sys

from consolidate.cli import main

sys.exit(main())
