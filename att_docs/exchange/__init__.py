"""Exchange with translators and chair teams: XLIFF, TMX, Word import, review copies."""
