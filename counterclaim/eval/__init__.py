"""Evaluation against public benchmarks (`counterclaim eval ...`)."""
