"""The content-addressed file store: each distinct content is one file at
``EVIDENCE_ROOT/ab/cd/<sha256>`` (``ab`` and ``cd`` the first two pairs of hex digits).

Files are written to a temporary file in their final folder and moved into place with
``os.replace``, so a reader never sees half a file; the same content twice is written
once. Nothing here deletes a file: evidence is never lost.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

CHUNK = 1024 * 1024


def root() -> Path:
    return Path(settings.EVIDENCE_ROOT)


def path_of(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError(f"not a SHA-256: {sha256!r}")
    return root() / sha256[:2] / sha256[2:4] / sha256


def digest(handle: BinaryIO) -> tuple[str, int]:
    """SHA-256 (hex) and size of a seekable file's content; leaves it at position 0."""
    hasher = hashlib.sha256()
    size = 0
    handle.seek(0)
    while chunk := handle.read(CHUNK):
        hasher.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return hasher.hexdigest(), size


def put(handle: BinaryIO) -> tuple[str, int, bool]:
    """Store a seekable file's content; return (sha256, size, written) where ``written`` is
    False when the content was already stored."""
    sha256, size = digest(handle)
    final = path_of(sha256)
    if final.exists():
        return sha256, size, False
    final.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
    try:
        with os.fdopen(descriptor, "wb") as out:
            while chunk := handle.read(CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o440)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)  # only our own half-written temporary file
        raise
    finally:
        handle.seek(0)
    return sha256, size, True


def open_blob(sha256: str) -> BinaryIO:
    """Open stored content for reading (``FileNotFoundError`` if it is missing)."""
    return open(path_of(sha256), "rb")
