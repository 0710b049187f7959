"""Plain-Python core: money, dates, journal entries, Excel. No Qt, no network."""
