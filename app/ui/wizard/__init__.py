"""The add-company dialog: the Qt skin over the credentials wizard (app.setup.wizard)."""
