"""``python -m flows stats|check`` — the same as ``python main.py flows …``."""

import sys

from flows.cli import main

sys.exit(main())
