"""The journal grid kept as a draft file per company, and offered back after a crash. No Qt."""
