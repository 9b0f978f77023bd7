"""The encrypted envelope of a backup: AES-256-GCM over 1 MiB chunks.

Layout: ``MAGIC`` (8 bytes), a version byte, a random 8-byte file id, a 16-byte key check
(HMAC-SHA256 of a fixed label under the key, so a wrong key is told apart from a changed
file), then chunks: 4-byte big-endian length, ciphertext with its tag. Each chunk's nonce
is the file id and its number; its associated data is the header, its number and whether
it is the last, so chunks cannot be reordered, dropped, or the file cut short unnoticed.
Nothing is decrypted into the database until every chunk has been authenticated.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import secrets
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_VARIABLE = "SENDASSURE_BACKUP_KEY"
MAGIC = b"SABACKUP"
VERSION = 1
CHUNK = 1 << 20
_HEADER = struct.Struct(">8sB8s16s")
_LENGTH = struct.Struct(">I")


class BackupError(Exception):
    """A backup that cannot be made or restored, with a message for the operator."""


def new_key() -> str:
    """A fresh key for ``SENDASSURE_BACKUP_KEY``: 32 random bytes, URL-safe base64."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def key_from_environment(environ=os.environ) -> bytes:
    text = environ.get(KEY_VARIABLE, "").strip()
    if not text:
        raise BackupError(f"{KEY_VARIABLE} is not set: backups are encrypted with the key it "
                          "holds (make one with 'sendassure backup-key').")
    try:
        key = base64.urlsafe_b64decode(text.encode() + b"=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise BackupError(f"{KEY_VARIABLE} is not a backup key: it must be 32 bytes in "
                          "URL-safe base64 (make one with 'sendassure backup-key').")
    return key


def _key_check(key: bytes) -> bytes:
    return hmac.new(key, b"sendassure backup key check", hashlib.sha256).digest()[:16]


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">QB", number, last)


def _nonce(file_id: bytes, number: int) -> bytes:
    return file_id + struct.pack(">I", number)


def seal(source: BinaryIO, out: BinaryIO, key: bytes) -> None:
    """Encrypt ``source`` (read to its end) into ``out``."""
    header = _HEADER.pack(MAGIC, VERSION, secrets.token_bytes(8), _key_check(key))
    file_id = header[9:17]
    aead = AESGCM(key)
    out.write(header)
    number, block = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if block else b""
        last = not following
        sealed = aead.encrypt(_nonce(file_id, number), block, _aad(header, number, last))
        out.write(_LENGTH.pack(len(sealed)) + sealed)
        if last:
            return
        number, block = number + 1, following


def open_sealed(source: BinaryIO, out: BinaryIO, key: bytes) -> None:
    """Decrypt ``source`` into ``out``; ``BackupError`` if the key is wrong or the file was
    changed, cut short or is not a backup."""
    header = source.read(_HEADER.size)
    if len(header) < _HEADER.size or header[:8] != MAGIC:
        raise BackupError("This file is not a sendassure backup.")
    _, version, file_id, check = _HEADER.unpack(header)
    if version != VERSION:
        raise BackupError(f"This backup's format (version {version}) is not one this release "
                          "reads.")
    if not hmac.compare_digest(check, _key_check(key)):
        raise BackupError(f"{KEY_VARIABLE} is not the key this backup was made with.")
    aead, number = AESGCM(key), 0
    while True:
        length = source.read(_LENGTH.size)
        if len(length) < _LENGTH.size:
            raise BackupError("The backup is cut short: it may have been damaged or changed.")
        sealed = source.read(_LENGTH.unpack(length)[0])
        peek = source.read(1)
        last = not peek
        try:
            out.write(aead.decrypt(_nonce(file_id, number), sealed, _aad(header, number, last)))
        except InvalidTag:
            raise BackupError("The backup has been changed or damaged since it was made: "
                              "nothing was restored.") from None
        if last:
            return
        source.seek(-1, os.SEEK_CUR)
        number += 1
