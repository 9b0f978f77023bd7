"""sendassure: run a local area's SEND improvement plan and prove its impact."""

__version__ = "0.1.0"
