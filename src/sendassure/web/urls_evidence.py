"""URLs of the evidence library (mounted at /evidence/)."""

from django.urls import path

from .views import evidence

urlpatterns = [
    path("", evidence.evidence_list, name="evidence"),
    path("upload/", evidence.evidence_upload, name="evidence-upload"),
    path("<int:pk>/", evidence.evidence_detail, name="evidence-detail"),
    path("<int:pk>/replace/", evidence.evidence_replace, name="evidence-replace"),
    path("<int:pk>/download/", evidence.evidence_download, name="evidence-download"),
    path("<int:pk>/versions/<int:number>/download/", evidence.evidence_version_download,
         name="evidence-version-download"),
    path("<int:pk>/preview/", evidence.evidence_preview, name="evidence-preview"),
]
