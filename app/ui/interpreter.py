"""The interpreter's set-up for the window lives in `app.core.interpreter` (plain Python: the
workers below app/ui pause the collector too). Its names stay importable from here."""

from app.core.interpreter import collector_paused, keep_long_lived, tune_for_gui

__all__ = ["collector_paused", "keep_long_lived", "tune_for_gui"]
