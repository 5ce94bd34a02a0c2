"""Ingest: files, HTML, JSONL/CSV, WARC, RSS/Atom, URLs and stdin → `Article`."""
