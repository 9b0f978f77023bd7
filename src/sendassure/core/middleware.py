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
