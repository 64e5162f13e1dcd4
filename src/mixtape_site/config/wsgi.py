"""WSGI entry point (``gunicorn mixtape_site.config.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mixtape_site.config.settings")
application = get_wsgi_application()
