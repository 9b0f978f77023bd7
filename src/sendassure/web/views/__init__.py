"""Thin views. Each declares the permission it needs with ``@requires``."""
