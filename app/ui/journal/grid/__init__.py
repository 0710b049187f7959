"""The journal grid itself: its view, its Qt model over app.core.grid, its undo commands, and
the helps around it."""
