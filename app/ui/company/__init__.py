"""The company the window works on: the company strip, its chart, its settings, and the password
store's troubles."""
