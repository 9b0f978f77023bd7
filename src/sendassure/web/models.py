"""The web app keeps no tables of its own: figures live in ``sendassure.figures``."""
