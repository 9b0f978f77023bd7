"""Enforce each view's declared permission before the view runs."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

from .permissions import allows, declared_permission


class PermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        permission = declared_permission(view_func)
        if permission is None:
            raise ImproperlyConfigured(
                f"View {view_func.__module__}.{view_func.__name__} declares no permission."
            )
        if allows(permission, request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
