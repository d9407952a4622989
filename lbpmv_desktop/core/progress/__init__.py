"""The progress log: events, the local SQLite store, backups and status derivation."""
