"""The posting result workbook: every entry's fate, the failed sheet ready to fix, its words and
style."""
