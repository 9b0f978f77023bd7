"""Where the project keeps its files, derived once."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The checkout (or working directory for an installed copy): holds var/ and node_modules/.
PROJECT_DIR = Path(os.environ.get("SENDASSURE_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("SENDASSURE_VAR", PROJECT_DIR / "var")).resolve()
GOVUK_FRONTEND_DIR = PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
