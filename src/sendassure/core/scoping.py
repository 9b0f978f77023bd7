"""Area scoping: the one place where querysets are narrowed to a user's areas.

Every model holding area data inherits ``AreaScoped``; views get records only through
``Model.objects.for_user(user)`` (usually inside an app's ``queries.py``).
"""

from __future__ import annotations

from django.db import models


class AreaScopedQuerySet(models.QuerySet):
    def for_user(self, user) -> AreaScopedQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(la__in=list(user.areas.values_list("code", flat=True)))

    def for_areas(self, codes) -> AreaScopedQuerySet:
        return self.filter(la__in=list(codes)) if codes else self


class AreaScoped(models.Model):
    la = models.CharField("local authority", max_length=3, db_index=True)

    objects = AreaScopedQuerySet.as_manager()

    class Meta:
        abstract = True
