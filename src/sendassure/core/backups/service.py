"""Make and restore an encrypted backup file: the archive sealed in its envelope."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from . import archive, envelope
from .envelope import BackupError


def backup(out: Path, environ=os.environ) -> dict:
    """Write an encrypted backup of the database and evidence store to ``out``."""
    key = envelope.key_from_environment(environ)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as plain:
        with zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zipped:
            manifest = archive.write(zipped)
        plain.seek(0)
        partial = out.with_name(out.name + ".partial")
        try:
            with open(partial, "wb") as sealed:
                envelope.seal(plain, sealed, key)
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
    os.chmod(out, 0o600)
    return manifest


def restore(source: Path, environ=os.environ) -> dict:
    """Check the whole backup at ``source`` is intact, then load it into an empty database."""
    key = envelope.key_from_environment(environ)
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    with tempfile.TemporaryFile() as plain:
        with open(source, "rb") as sealed:
            envelope.open_sealed(sealed, plain, key)
        plain.seek(0)
        try:
            zipped = zipfile.ZipFile(plain)
        except zipfile.BadZipFile:
            raise BackupError("The backup decrypts but holds no archive: it is damaged.") \
                from None
        with zipped:
            return archive.load(zipped)
