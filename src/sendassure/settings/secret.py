"""The SECRET_KEY: from the environment, else generated once into ``var/secret_key``.

A generated key is only for local use; production settings require ``SECRET_KEY``.
"""

import os
import secrets
from pathlib import Path


def local_secret_key(var_dir: Path) -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()
