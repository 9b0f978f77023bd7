"""HR06: urgent or routine."""

from .checks import findings


def test_urgent_and_routine_pass_in_any_case():
    assert findings("HR06", {"priority": "Urgent"}, {"priority": "routine"}) == []


def test_anything_else_fails():
    assert findings("HR06", {"priority": "soon"}, {"priority": ""}) == [
        (2, "priority", "[shape aaaa, 4 characters]", "is not urgent or routine"),
        (3, "priority", "", "is not urgent or routine")]
