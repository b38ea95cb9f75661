"""att-docs: multilingual ATT conference papers from structured content."""

__version__ = "0.1.0"
