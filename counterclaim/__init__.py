"""counterclaim: who claims what, who disputes it, and where each report came from."""

__version__ = "0.1.0"
