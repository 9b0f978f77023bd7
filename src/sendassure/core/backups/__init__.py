"""Encrypted backups of the whole database and the evidence store (ADR 0013).

``archive`` writes every table, row for row, in a portable form (JSON Lines per table, by
the schema of the migrations the database is at) with the evidence files beside them;
``envelope`` encrypts that archive with the key in ``SENDASSURE_BACKUP_KEY``;
``restore`` loads one into an empty database, then migrates it forward.
"""

from .envelope import BackupError

__all__ = ["BackupError"]
