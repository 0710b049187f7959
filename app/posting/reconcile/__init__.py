"""Proving a period: every voucher the books hold, set against what Jurnal Desk posted."""
