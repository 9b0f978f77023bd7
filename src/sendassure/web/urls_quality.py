"""EHC plan quality assurance URLs (under /quality/)."""

from django.urls import path

from .views import quality

urlpatterns = [
    path("", quality.quality_dashboard, name="quality"),
    path("audits/", quality.audit_list, name="quality-audits"),
    path("audits/start/", quality.audit_start, name="quality-start"),
    path("audits/<int:pk>/", quality.audit_detail, name="quality-audit"),
    path("audits/<int:pk>/section/<str:code>/", quality.audit_section, name="quality-section"),
    path("audits/<int:pk>/check/", quality.audit_check, name="quality-check"),
    path("sample/", quality.sample_page, name="quality-sample"),
    path("moderation/", quality.moderation, name="quality-moderation"),
]
