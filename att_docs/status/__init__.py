"""Where a conference stands: paper status, readiness gate, set information."""
