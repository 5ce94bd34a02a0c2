"""Link: facts across articles (entities now; stories, stance and provenance next)."""
