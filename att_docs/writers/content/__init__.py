"""Writers of the content format itself: Markdown prose and YAML, from the model."""
