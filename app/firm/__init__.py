"""Month-end for a whole firm: a run plan of many companies' workbooks (`plan`), posted side
by side, each company under its own lease and its own token's rate limiter (`run`), and the
result of every company in one workbook (`report`) and in JSON (`results`)."""
