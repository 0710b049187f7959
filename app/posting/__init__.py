"""Posting engine and outbox. No Qt."""
