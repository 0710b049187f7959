"""Jurnal Desk: post balanced journal entries to Accurate Online and Sempoa."""

__version__ = "0.1.0"
