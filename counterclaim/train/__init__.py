"""Training scripts for the models counterclaim ships (data paths given, never bundled)."""
