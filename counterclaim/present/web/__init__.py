"""The web UI and the JSON API (`counterclaim serve`)."""

from counterclaim.present.web.app import create_app

__all__ = ["create_app"]
