"""The outbox: the SQLite ledger of every entry sent, its file, migrations, queries, and the
posting lease."""
