"""URLs of the evidence library (mounted at /evidence/)."""

urlpatterns: list = []
