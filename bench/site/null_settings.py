"""The real settings, plus one endpoint that does nothing: the baseline bench/ingest.py
measures the submission path against. Used only by the benchmark's gunicorn."""

from coalition.config.settings import *  # noqa: F403

ROOT_URLCONF = "null_urls"
# As deployed: with DEBUG on, Django records every query and checks every signal
# receiver it connects, which costs the submission path and not the null endpoint.
DEBUG = False
