"""The bilingual term base: model, YAML/CSV/TBX readers and writers."""
