"""Extract: pure functions from an article's spaCy Doc to model facts."""
