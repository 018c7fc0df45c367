"""``python -m generator`` is the same as ``evidence-brief``."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
