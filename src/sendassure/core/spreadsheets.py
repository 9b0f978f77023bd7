"""Text bound for a spreadsheet (CSV opened in Excel or LibreOffice) made inert: a cell
that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read as a
formula (OWASP "CSV injection"), so it is prefixed with an apostrophe, which spreadsheet
programs show as text. Numbers are left alone."""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value
