"""Signals the importer sends, so later layers can refresh what they derive from the
case records without the importer knowing about them.

``return_stored(sender, la, run)`` is sent inside the import's transaction after a return
was stored: a receiver that fails rolls the import back with it.
"""

from django.dispatch import Signal

return_stored = Signal()
