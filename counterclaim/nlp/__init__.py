"""NLP: the spaCy pipeline (one config, `default.cfg`) and our registered components."""
