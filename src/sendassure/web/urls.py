"""Every URL of the service. Each view declares its permission (see core.permissions)."""

from django.urls import include, path

from .views import (
    audit_log,
    auth,
    autism,
    dashboard,
    health,
    imports,
    outcomes,
    pages,
    send_health,
    worklist,
)
from .views import referrals as health_referrals

urlpatterns = [
    path("", pages.start, name="start"),
    path("public/", pages.public, name="public"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-out/", auth.sign_out, name="sign-out"),
    path("audit-log/", audit_log.audit_log, name="audit-log"),
    path("dashboard/timeliness/", dashboard.dashboard_timeliness, name="dashboard-timeliness"),
    path("dashboard/decisions/", dashboard.dashboard_decisions, name="dashboard-decisions"),
    path("dashboard/backlog/", dashboard.dashboard_backlog, name="dashboard-backlog"),
    path("dashboard/reviews/", dashboard.dashboard_reviews, name="dashboard-reviews"),
    path("dashboard/caseload/", dashboard.dashboard_caseload, name="dashboard-caseload"),
    path("outcomes/", outcomes.outcomes_page, name="outcomes"),
    path("health/waits/", health.waits_page, name="health-waits"),
    path("health/autism/", autism.autism_page, name="health-autism"),
    path("health/send/", send_health.send_health_page, name="health-send"),
    path("health/referrals/", health_referrals.referral_extracts, name="health-referrals"),
    path("health/referrals/<int:pk>/", health_referrals.referral_extract,
         name="health-referral-extract"),
    path("quality/", include("sendassure.web.urls_quality")),
    path("voice/", include("sendassure.web.urls_voice")),
    path("enquiries/", include("sendassure.web.urls_enquiries")),
    path("casework/worklist/", worklist.worklist_page, name="worklist"),
    path("casework/cases/<int:pk>/", worklist.case_page, name="case"),
    path("plan/", include("sendassure.web.urls_plan")),
    path("evidence/", include("sendassure.web.urls_evidence")),
    path("api/v1/", include("sendassure.api.urls")),
    path("imports/", imports.import_list, name="imports"),
    path("imports/upload/", imports.import_upload, name="import-upload"),
    path("imports/<int:pk>/", imports.import_detail, name="import-detail"),
    path("quarantine/", imports.quarantine_list, name="quarantine"),
    path("quarantine/export.csv", imports.quarantine_export, name="quarantine-export"),
    path("quarantine/<int:pk>/", imports.quarantine_detail, name="quarantine-detail"),
]

handler403 = "sendassure.web.views.errors.forbidden"
handler404 = "sendassure.web.views.errors.not_found"
handler500 = "sendassure.web.views.errors.server_error"
