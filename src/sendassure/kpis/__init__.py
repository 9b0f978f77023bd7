"""Pure KPI engine: polars frames in, typed results out (no Django, no other layer).

Frames are described in ``frames.py``; every percentage is ``percent.percent``.
"""
