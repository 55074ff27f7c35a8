"""WSGI entry point: `gunicorn wsgi:application` from site/, with site/ and the project root on the path."""

import os
import sys
from pathlib import Path

# site/ for the settings and urls; the project root for the apps (gunicorn runs from site/).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
