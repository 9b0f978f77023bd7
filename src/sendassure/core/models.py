"""Users, the areas (local authorities) they belong to, and the audit log."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from .roles import CHILD_LEVEL_ROLES, Role


class Area(models.Model):
    """A local authority, by its 3-digit LA code (e.g. 886 Kent)."""

    code = models.CharField(max_length=3, primary_key=True)
    name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class User(AbstractUser):
    role = models.CharField(max_length=20, choices=Role.choices)
    areas = models.ManyToManyField(Area, blank=True, related_name="users")

    @property
    def area_codes(self) -> list[str]:
        return sorted(self.areas.values_list("code", flat=True))

    @property
    def sees_child_level(self) -> bool:
        return self.role in CHILD_LEVEL_ROLES


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit log cannot be changed.")

    def delete(self):
        raise PermissionError("The audit log cannot be deleted.")


class AuditEvent(models.Model):
    """One thing somebody did or saw. Append-only: written by ``audit.record``."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(max_length=150)
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=60, blank=True, db_index=True)
    object_id = models.CharField(max_length=80, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)
    areas = models.CharField(
        max_length=200, blank=True, db_index=True,
        help_text="LA codes the event concerns, written ',886,887,' (the acting user's "
        "areas unless the event names its own); blank: no area's data.",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit log cannot be deleted.")


class DataVersion(models.Model):
    """A counter per kind of input (``records:886``, ``establishments``, ``benchmarks``):
    every change to that input moves it on, in the change's own transaction, so anything
    derived from it (cached frames, figures, the fact table) knows when it is stale."""

    key = models.CharField(max_length=60, primary_key=True)
    counter = models.PositiveBigIntegerField(default=0)
    token = models.CharField(max_length=32, blank=True,
                             help_text="New and random at every change: never reused.")
    changed_at = models.DateTimeField(auto_now=True)


class ApiToken(models.Model):
    """A per-user token for the JSON API (``Authorization: Bearer TOKEN``). Only a digest
    is kept; the token itself is shown once, when made (``sendassure tokens add``)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="The token's first characters, to "
                              "tell tokens apart.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class RevokedSession(models.Model):
    """A signed-in session ended by signing out (ADR 0011). Sessions live in signed
    cookies, so a request reads this table (one indexed look-up) and writes nothing; a
    row may go once no cookie of its session can still be in date (``expires_at``)."""

    sid = models.CharField(max_length=64, primary_key=True)
    expires_at = models.DateTimeField(db_index=True)
