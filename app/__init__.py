"""Jurnal Desk: post balanced journal entries to Accurate Online and Sempoa."""

from app.version import app_version

__version__ = app_version()
