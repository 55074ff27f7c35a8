"""WSGI entry point: `gunicorn wsgi:application` with site/ on the Python path."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
