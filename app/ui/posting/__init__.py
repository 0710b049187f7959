"""The posting window: a batch going to a company, its progress, stop and retry, and what became
of every entry."""
