"""Tools beside the journal: the live HMAC calculator."""
