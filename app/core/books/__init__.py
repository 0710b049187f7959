"""The journal and its rules: entries, money as Decimal, dates, the checks between entries and
the books."""
