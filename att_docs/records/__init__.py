"""Translation records: per-unit states, readiness per language, word diffs."""
