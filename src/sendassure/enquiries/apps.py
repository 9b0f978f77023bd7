from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "sendassure.enquiries"
    label = "enquiries"
    verbose_name = "Enquiries hub"
