"""What ``sendassure demo`` prepares: a demo administrator for the Kent-like area."""

from __future__ import annotations

from rich.console import Console

DEMO_LA = "886"
DEMO_USERS = {
    # user name: role. All share the demo password below; the demo is local only.
    "demo-admin": "administrator",
    "demo-analyst": "analyst",
    "demo-casework": "casework",
    "demo-board": "board",
}
DEMO_PASSWORD = "demo-password-not-for-real-use"


def prepare(console: Console) -> str:
    from sendassure.core.accounts import create_user
    from sendassure.core.models import Area, User

    Area.objects.update_or_create(code=DEMO_LA, defaults={"name": "Kent (synthetic)"})
    for name, role in DEMO_USERS.items():
        if not User.objects.filter(username=name).exists():
            create_user(name, role, [DEMO_LA], DEMO_PASSWORD)
    return (
        f"Demo ready. Sign in at http://127.0.0.1:8000/sign-in/ as demo-admin "
        f"(password {DEMO_PASSWORD})."
    )
