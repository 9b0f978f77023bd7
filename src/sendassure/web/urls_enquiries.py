"""The enquiries hub's URLs (under /enquiries/)."""

from django.urls import path

from .views import enquiries

urlpatterns = [
    path("", enquiries.enquiry_queue, name="enquiries"),
    path("new/", enquiries.enquiry_new, name="enquiry-new"),
    path("measures/", enquiries.enquiry_measures, name="enquiry-measures"),
    path("<int:pk>/", enquiries.enquiry_detail, name="enquiry"),
]
