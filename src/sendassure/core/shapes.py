"""What a value that may not be shown looks like (its shape): a value failing its
field's format may be a name or a postcode sent in the wrong field, so every importer
shows and keeps only this of it. Each capital letter becomes ``A``, each other letter
``a``, each digit ``9``, each space a space, ASCII punctuation itself, anything else
``?``; with its length."""

from __future__ import annotations

import string

SHAPE_SHOWN = 40  # characters of a shape shown; the length is always given in full
_PUNCTUATION = frozenset(string.punctuation)


def _shape_of(char: str) -> str:
    if char.isupper():
        return "A"
    if char.isalpha():
        return "a"
    if char.isdigit():
        return "9"
    if char.isspace():
        return " "
    return char if char in _PUNCTUATION else "?"


def shape(text: str) -> str:
    """``'Smithsons'`` -> ``'[shape Aaaaaaaaa, 9 characters]'``; ``'ME14 1XX'`` ->
    ``'[shape AA99 9AA, 8 characters]'``. Surrounding spaces are dropped; past
    ``SHAPE_SHOWN`` characters the shape is cut (``…``), the length still counts every
    character."""
    text = text.strip()
    drawn = "".join(_shape_of(c) for c in text[:SHAPE_SHOWN])
    if len(text) > SHAPE_SHOWN:
        drawn += "…"
    unit = "character" if len(text) == 1 else "characters"
    return f"[shape {drawn}, {len(text)} {unit}]"
