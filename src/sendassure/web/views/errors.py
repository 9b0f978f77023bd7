"""Error pages in the service's own style."""

from django.shortcuts import render


def forbidden(request, exception=None):
    return render(request, "errors/403.html", {"title": "You cannot see this page"}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/404.html", {"title": "Page not found"}, status=404)


def server_error(request):
    return render(request, "errors/500.html", {"title": "Sorry, there is a problem"}, status=500)
