"""URLs of the improvement plan screens (mounted at /plan/)."""

from django.urls import path

from .views import coproduction, narrative, pack_jobs, plan

urlpatterns = [
    path("", plan.plan_list, name="plans"),
    path("<int:pk>/", plan.plan_overview, name="plan-overview"),
    path("<int:pk>/evidence-requests/", plan.plan_requests, name="plan-requests"),
    path("<int:pk>/exception-reports/", plan.plan_exceptions, name="plan-exceptions"),
    path("<int:pk>/review-pack/", pack_jobs.plan_pack, name="plan-pack"),
    path("<int:pk>/review-pack/jobs/<int:job>/", pack_jobs.pack_job, name="pack-job"),
    path("<int:pk>/review-pack/jobs/<int:job>/<str:fmt>/", pack_jobs.pack_job_file,
         name="pack-job-file"),
    path("<int:pk>/you-said-we-did/", coproduction.coproduction_log, name="plan-coproduction"),
    path("area/<int:pk>/", plan.plan_area, name="plan-area"),
    path("area/<int:pk>/rate/", plan.area_rate, name="area-rate"),
    path("area/<int:pk>/narrative/", narrative.area_narrative, name="area-narrative"),
    path("action/<int:pk>/edit/", plan.action_edit, name="action-edit"),
    path("action/<int:pk>/rate/", plan.action_rate, name="action-rate"),
    path("action/<int:pk>/exception-report/", plan.action_exception, name="action-exception"),
    path("evidence-request/<int:pk>/", plan.request_update, name="request-update"),
]
