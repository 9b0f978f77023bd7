"""Seeded synthetic local areas as SEN2 returns (see :mod:`.generate`)."""

from .generate import generate_area, generate_england

__all__ = ["generate_area", "generate_england"]
