"""Present: what users see (CLI output, exports; later the web UI and JSON API)."""
