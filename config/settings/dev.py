"""Local development: DEBUG on. Keys come from `.env` (written by `make` with random values)."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *

# Serve static files straight from the finders so `collectstatic` is optional while developing.
WHITENOISE_USE_FINDERS = True
