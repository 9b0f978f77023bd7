"""The sendassure command line: help everywhere, users add, migrate."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from sendassure.cli import app

runner = CliRunner()


def _commands(group, prefix=()):
    import typer.main

    click_group = typer.main.get_command(group)

    def walk(command, path):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    yield from walk(click_group, prefix)


def test_every_command_has_help():
    paths = list(_commands(app))
    assert ("users", "add") in paths and ("serve",) in paths and ("demo",) in paths
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output


@pytest.mark.django_db
def test_users_add_creates_an_account_with_role_and_areas():
    from sendassure.core.models import User

    result = runner.invoke(
        app, ["users", "add", "alice", "--role", "casework", "--area", "886", "--area", "887",
              "--password", "a-long-enough-password"],
    )
    assert result.exit_code == 0, result.output
    alice = User.objects.get(username="alice")
    assert alice.role == "casework" and alice.area_codes == ["886", "887"]
    assert alice.check_password("a-long-enough-password")
    assert alice.password.startswith(("argon2", "md5"))  # never the plain text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "wizard", "--area", "886"], "Unknown role"),
        (["--role", "analyst", "--area", "Kent"], "not a 3-digit LA code"),
    ],
)
def test_users_add_refuses_bad_input(args, message):
    result = runner.invoke(app, ["users", "add", "bob", *args, "--password", "a-long-password1"])
    assert result.exit_code == 2 and message in result.output


def test_the_demo_finds_the_files_it_ships():
    from sendassure.cli.demo import KENT_PLAN

    assert KENT_PLAN.exists()
