"""Fazhi (法治): an open platform for law-based government administration."""

from .celery import app as celery_app

__all__ = ["celery_app"]
