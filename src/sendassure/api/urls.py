"""The API's URLs, under /api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path("measures", views.measures, name="api-measures"),
    path("figures", views.figure, name="api-figures"),
    path("series", views.series, name="api-series"),
    path("benchmarks", views.benchmarks, name="api-benchmarks"),
    path("plans", views.plans, name="api-plans"),
    path("schema", views.schema, name="api-schema"),
    path("docs", views.docs, name="api-docs"),
]
