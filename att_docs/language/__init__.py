"""Language data: each language's locale file loaded and validated once, character classes,
word counts, catalogues."""
