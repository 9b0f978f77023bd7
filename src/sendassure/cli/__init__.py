"""The ``sendassure`` command line (Typer + Rich). Each command has ``--help``."""

from .main import app

__all__ = ["app"]
