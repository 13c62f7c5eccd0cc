"""Tutor's settings for bench/load.py: the site's own, plus the baseline view's URL."""

from tutor.settings import *  # noqa: F403

ROOT_URLCONF = "bench.serving.urls"
