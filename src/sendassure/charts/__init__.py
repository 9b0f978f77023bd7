"""Chart presenters: each chart is a ``Figure`` (caption, SVG, text alternative, notes,
data table and CSV), shown by the ``figure`` macro in ``macros/figure.html``."""

from .figure import Figure
from .series import bar_figure, line_figure
from .spc import spc_figure

__all__ = ["Figure", "bar_figure", "line_figure", "spc_figure"]
