"""WSGI entry point: ``sendassure.wsgi:application`` for any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendassure.settings.base")
application = get_wsgi_application()
