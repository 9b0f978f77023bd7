"""Every URL of the service. Each view declares its permission (see core.permissions)."""

from django.urls import path

from .views import audit_log, auth, pages

urlpatterns = [
    path("", pages.start, name="start"),
    path("public/", pages.public, name="public"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("audit-log/", audit_log.audit_log, name="audit-log"),
]

handler403 = "sendassure.web.views.errors.forbidden"
handler404 = "sendassure.web.views.errors.not_found"
handler500 = "sendassure.web.views.errors.server_error"
