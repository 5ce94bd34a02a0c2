"""Store: the SQLite file that every stage reads and writes (schema in docs/schema.md)."""
