"""A conference as a set of papers: where they are, deadlines, status, new papers."""
