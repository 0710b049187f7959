"""Workbooks in and out: reading .xlsx/.xls/.ods/.csv safely into journal entries, and writing
the template and reports."""
