"""Plumbing every layer shares: errors, safe reading and writing, caches, paths."""
