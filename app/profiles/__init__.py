"""Company profiles (settings) and their secrets (OS keyring)."""
