"""Where the workplace's shared reference data lives: ``shared/`` beside the checkout
(or ``SENDASSURE_SHARED``). Never an absolute path of one machine."""

from __future__ import annotations

import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SENDASSURE_SHARED", CHECKOUT.parent / "shared"))
DATA = SHARED / "data"
