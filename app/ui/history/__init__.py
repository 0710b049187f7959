"""The history page (Riwayat): posted batches, one batch's entries, its verification, reversal
and reconciliation."""
