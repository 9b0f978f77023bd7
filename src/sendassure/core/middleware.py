"""Enforce each view's declared permission before the view runs, and sign API requests
in by their bearer token."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import JsonResponse

from .permissions import allows, declared_permission


class BearerTokenMiddleware:
    """``Authorization: Bearer TOKEN`` signs the request in as the token's user (no
    session is made). A token that is not live leaves the request anonymous and says why
    on ``request.token_error``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Bearer "):
            from django.contrib.auth.models import AnonymousUser

            from .tokens import user_for

            user = user_for(header.removeprefix("Bearer ").strip())
            request.user = user or AnonymousUser()
            request.token_error = "" if user else "The token is not valid or was revoked."
        return self.get_response(request)


class PermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "shows_child_data", False):
            # child-level pages and exports must never sit in a browser's or a proxy's cache
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.shows_child_data = getattr(view_func, "shows_child_data", False)
        permission = declared_permission(view_func)
        if permission is None:
            raise ImproperlyConfigured(
                f"View {view_func.__module__}.{view_func.__name__} declares no permission."
            )
        if allows(permission, request.user):
            return None
        if getattr(view_func, "json_api", False):  # the API answers in JSON, never a page
            if not request.user.is_authenticated:
                response = JsonResponse({"error": getattr(request, "token_error", "") or
                                         "Send a token: Authorization: Bearer TOKEN."},
                                        status=401)
                response["WWW-Authenticate"] = 'Bearer realm="sendassure"'
                return response
            return JsonResponse({"error": "Your role may not use this."}, status=403)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


class AreaRowSecurityMiddleware:
    """On PostgreSQL, run each view as the role ``sendassure_web`` seeing only the user's
    areas (``row_security``): a view that forgot its area filter still gets no other
    area's rows. Public views (the published, disclosure-controlled page of any area, and
    signing in) run as the connecting user, as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            if getattr(request, "_row_security", False):
                from django.db import DatabaseError, connection

                from . import row_security

                try:
                    row_security.leave(connection)
                except DatabaseError:  # a failed transaction: its rollback resets the role
                    pass

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.db import connection

        from . import row_security
        from .permissions import PUBLIC

        if not row_security.enabled(connection) or declared_permission(view_func) in (
                None, PUBLIC):
            return None
        user = request.user
        codes = user.area_codes if getattr(user, "is_authenticated", False) else []
        row_security.enter(connection, codes)
        request._row_security = True
        return None
