"""The hash-pinned lock (requirements/lock.txt, ADR 0018) and pyproject.toml cannot drift:
every package pinned in pyproject.toml (dependencies, the test extra, the build system) is
in the lock at the same version, and every locked package carries its sha256 hashes, so
``pip install --require-hashes`` (make install) accepts nothing else."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}$")


def locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of each requirement of a pip-compile output."""
    text = path.read_text()
    entries = {}
    for block in re.split(r"\n(?=\S)", text):
        lines = [line.strip().rstrip("\\").strip() for line in block.splitlines()]
        lines = [line for line in lines if line and not line.startswith("#")]
        if not lines:
            continue
        requirement = Requirement(lines[0])
        pins = [s.version for s in requirement.specifier if s.operator == "=="]
        assert len(pins) == 1, f"{path.name}: {lines[0]!r} is not pinned with =="
        entries[canonicalize_name(requirement.name)] = (pins[0], lines[1:])
    return entries


def pinned_in_pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    texts = [*project["project"]["dependencies"],
             *[r for extra in project["project"]["optional-dependencies"].values()
               for r in extra],
             *project["build-system"]["requires"]]
    pins = {}
    for text in texts:
        requirement = Requirement(text)
        versions = [s.version for s in requirement.specifier if s.operator == "=="]
        assert versions, f"pyproject.toml: {text!r} is not pinned with =="
        pins[canonicalize_name(requirement.name)] = versions[0]
    return pins


def test_the_lock_holds_every_pin_of_pyproject_at_its_version():
    lock = locked(ROOT / "requirements/lock.txt")
    for name, version in pinned_in_pyproject().items():
        assert name in lock, f"{name} is pinned in pyproject.toml but not locked: make lock"
        assert lock[name][0] == version, (
            f"{name}: pyproject.toml pins {version}, the lock {lock[name][0]}: make lock")
    assert "pip" in lock and "setuptools" in lock  # the installers are locked too


def test_every_locked_package_has_hashes_and_nothing_else():
    for path in (ROOT / "requirements/lock.txt", ROOT / "requirements/tools.txt"):
        for name, (_version, options) in locked(path).items():
            assert options, f"{path.name}: {name} has no --hash"
            for option in options:
                assert HASH.fullmatch(option), f"{path.name}: {name}: {option!r}"


def test_make_install_requires_the_hashes():
    recipe = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r $(LOCK)" in recipe
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in recipe
    assert "-e '.[test]'" not in recipe  # resolving afresh would skip the hashes
