"""Framework versions in the database: the default is stored the first time it is
needed; another is loaded from YAML (``sendassure audits framework FILE.yaml``). A
version, once stored, never changes: a changed framework needs a new version."""

from __future__ import annotations

from pathlib import Path

from .framework import DEFAULT, Framework, FrameworkError, parse
from .models import FrameworkVersion

VERSION_KEY = "quality"  # the data version audits, moderations and follow-ups move


def framework_version(version: str | None = None) -> FrameworkVersion:
    """The stored version named (default: the shipped default, stored if new)."""
    if version:
        found = FrameworkVersion.objects.filter(version=version).first()
        if found is None:
            raise FrameworkError(f"framework version {version!r} has not been loaded")
        return found
    return load_framework(DEFAULT)


def load_framework(path: Path) -> FrameworkVersion:
    text = path.read_text(encoding="utf-8")
    framework = parse(text, path.name)
    found = FrameworkVersion.objects.filter(version=framework.version).first()
    if found is not None:
        if found.text != text:
            raise FrameworkError(f"{path.name}: version {framework.version} is already "
                                 "loaded with different content; give it a new version")
        return found
    return FrameworkVersion.objects.create(version=framework.version, name=framework.name,
                                           text=text)


def framework_of(version: FrameworkVersion) -> Framework:
    return parse(version.text, f"framework {version.version}")
